/** Lab fixtures shared by the configure-gmsa and enable-writeback tests: a server with the agent, a tenant, a forest. */
import * as path from 'node:path';
import { AGENT_KEY, createLabServer, getRegistry, getService, setRegistry, snapshotFiles } from '../lab/lab.mjs';
import { REGISTRATION_AUDIENCE, kdsRootKey, readAgentState, readLabJson, setAd, setModuleVariant, setTenant, updateAd } from '../lab/agent.mjs';
import { installAgent } from '../lab/installer.mjs';
export { findLeaks } from './helpers/leaks.js';

export { getRegistry, getService, readAgentState, readLabJson, setRegistry, snapshotFiles, updateAd };
export { GRAPH_AUDIENCE, REGISTRATION_AUDIENCE, issueToken, makeJwt, setModuleVariant } from '../lab/agent.mjs';

export const TENANT_ID = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
export const OTHER_TENANT_ID = '11111111-2222-4333-8444-555555555555';
export { AGENT_KEY };

/** Passwords that break naive quoting: quotes, $, backtick, ; & | < > % ^ !, spaces, leading '-', non-ASCII. */
export const SECRETS = {
  hia: `-Hy'b"r$id \`; & | < > % ^ ! Grüße €`,
  ga: `-G'l"o$bal\`(x) ;&|<>%^! naïve ☃`,
  contoso: `-C'o"n$t \`o; s&o|<>%^! Ñ 密码`,
  fabrikam: `-F'a"b$r\`i;k&a|m<>%^! ü ÿ spaced  out`,
  token: `eyJ0eXAi.-tok'en"$\`;&|<>%^! ß.sig`,
  enterprise: `-E'n"t$\`er;p&r|i<s>e%^! Ærø`,
};

export const USERS = {
  hia: 'hia@contoso.onmicrosoft.com',
  ga: 'ga@contoso.onmicrosoft.com',
  mfaUser: 'mfa.admin@contoso.onmicrosoft.com',
};

export interface LabServer {
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

/** A domain-joined server with the agent installed, a tenant (HIA, GA; MFA optional) and a forest of two domains. */
export function agentServer(
  options: {
    version?: string;
    mfaRequired?: boolean;
    kds?: boolean;
    registered?: boolean;
    ad?: Record<string, unknown>;
    tenant?: Record<string, unknown>;
    variants?: Record<string, string>;
  } = {},
): LabServer {
  const lab = createLabServer() as LabServer;
  installAgent(lab.root, options.version ?? '1.1.2505.0');
  setTenant(lab.root, {
    tenantId: TENANT_ID,
    mfaRequired: options.mfaRequired ?? false,
    users: {
      [USERS.hia]: { password: SECRETS.hia, roles: ['HybridIdentityAdministrator'] },
      [USERS.ga]: { password: SECRETS.ga, roles: ['GlobalAdministrator'] },
    },
    // An opaque token (not a readable JWT) with awkward characters, issued for the registration service.
    tokens: { [SECRETS.token]: { upn: USERS.hia, tenantId: TENANT_ID, audience: REGISTRATION_AUDIENCE } },
    ...options.tenant,
  });
  if (options.variants) setModuleVariant(lab.root, options.variants);
  setAd(lab.root, {
    domains: {
      'contoso.com': { netbios: 'CONTOSO', dcs: ['dc1.contoso.com', 'dc2.contoso.com'], admins: { admin: SECRETS.contoso } },
      'fabrikam.com': { netbios: 'FABRIKAM', dcs: ['dc1.fabrikam.com', 'dc2.fabrikam.com'], admins: { fabadmin: SECRETS.fabrikam } },
    },
    forestRoot: 'contoso.com',
    enterpriseAdmins: { eaadmin: SECRETS.enterprise },
    kdsRootKeys: options.kds === false ? [] : [kdsRootKey(10)],
    gmsas: ['agentGmsa$'],
    ...options.ad,
  });
  if (options.registered) setRegistry(lab.root, { [AGENT_KEY]: { TenantID: TENANT_ID } });
  return lab;
}

export function labInputs(extra: Record<string, string>): Record<string, string> {
  return { shell: 'powershell', ...extra };
}

/** The host's files, minus the lab's logs. */
export function hostSnapshot(root: string): Record<string, string> {
  const snap = snapshotFiles(root) as Record<string, string>;
  // The lab's own logs (what was started / asked), not state of the host.
  delete snap[path.join('lab', 'commandlines.log')];
  delete snap[path.join('lab', 'events.log')];
  return snap;
}
