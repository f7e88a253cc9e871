// A fresh lab server for the root action (npm run lab and the root lab tests): Windows Server 2022
// with FIPS policy on, no agent yet, a stand-in signed installer beside it, a tenant with a Hybrid
// Identity Administrator and a Global Administrator, and a forest (contoso.com) with a KDS root key.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { kdsRootKey, setAd, setTenant } from './agent.mjs';
import { makeInstaller } from './installer.mjs';
import { createLabServer } from './lab.mjs';
export { findLabPwsh } from './lab.mjs';

export const FRESH = {
  tenantId: '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64',
  version: '1.1.2505.0',
  hia: { upn: 'hia@contoso.onmicrosoft.com', password: `lab-H'y"b$r\`id;&|<>% Grüße` },
  ga: { upn: 'ga@contoso.onmicrosoft.com', password: `lab-G'l"o$b\`al;&|<>% naïve` },
  domainAdmin: { username: 'CONTOSO\\admin', password: `lab-C'o"n$t\`oso;&|<>% Ñ` },
};

/**
 * Makes the server. Returns { root, env, installer, inputs, cleanup }: `inputs` are the root action's
 * inputs for every step (as a workflow would give them), `env` points a process at the server.
 * Options (for the lab's scenarios): fipsPolicy (default true), tenant (changes to the tenant, e.g.
 * environment, mfaRequired, tokens), ad (changes to the forest, e.g. gmsaLogonDenied).
 */
export function createFreshServer(options = {}) {
  const { fipsPolicy = true } = options;
  const lab = createLabServer({ registry: { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: fipsPolicy ? 1 : 0 } } });
  const downloads = mkdtempSync(path.join(tmpdir(), 'agent-installer-'));
  const installer = makeInstaller(downloads, { version: FRESH.version });
  setTenant(lab.root, {
    tenantId: FRESH.tenantId,
    users: {
      [FRESH.hia.upn]: { password: FRESH.hia.password, roles: ['HybridIdentityAdministrator'] },
      [FRESH.ga.upn]: { password: FRESH.ga.password, roles: ['GlobalAdministrator'] },
    },
    ...options.tenant,
  });
  setAd(lab.root, {
    domains: { 'contoso.com': { netbios: 'CONTOSO', dcs: ['dc1.contoso.com', 'dc2.contoso.com'], admins: { admin: FRESH.domainAdmin.password } } },
    kdsRootKeys: [kdsRootKey(10)],
    ...options.ad,
  });
  const inputs = {
    steps: 'auto',
    shell: 'powershell',
    installer,
    'tenant-id': FRESH.tenantId,
    'tenant-username': FRESH.hia.upn,
    'tenant-password': FRESH.hia.password,
    gmsa: 'create',
    'domain-username': FRESH.domainAdmin.username,
    'domain-password': FRESH.domainAdmin.password,
    domains: 'contoso.com dcs=dc1.contoso.com,dc2.contoso.com',
    'password-writeback': 'true',
    'writeback-username': FRESH.ga.upn,
    'writeback-password': FRESH.ga.password,
    // The lab has no network: no probe of Microsoft's endpoints (the product default is on).
    'connectivity-check': 'false',
  };
  return {
    root: lab.root,
    env: lab.env,
    installer,
    inputs,
    cleanup() {
      lab.cleanup();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

/** How many PowerShell engines the server saw started (lab/commandlines.log). */
export function engineStarts(root) {
  const file = path.join(root, 'lab', 'commandlines.log');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^(pwsh|powershell) /.test(l)).length;
}
