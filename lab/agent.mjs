// The lab's JavaScript side for the agent's module, the tenant and Active Directory
// (LabHost/parts/50-agent-module.ps1 acts on the same files; lab/README.md has the layout).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

function writeLabJson(root, name, value) {
  mkdirSync(path.join(root, 'lab'), { recursive: true });
  writeFileSync(path.join(root, 'lab', name), JSON.stringify(value, null, 2));
}

export function readLabJson(root, name) {
  const file = path.join(root, 'lab', name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * The Entra tenant: { tenantId, environment ('AzureCloud'|'AzureUSGovernment'), mfaRequired,
 * users: { upn: { password, roles: ['HybridIdentityAdministrator'|'GlobalAdministrator', ...], mfaRequired } },
 * tokens: { token: { upn, tenantId, audience, expiresAt? } } }: the tokens the tenant issued, as the
 * service sees them (the registration service accepts only its own audience, REGISTRATION_AUDIENCE).
 */
export function setTenant(root, tenant) {
  writeLabJson(root, 'tenant.json', { environment: 'AzureCloud', mfaRequired: false, users: {}, tokens: {}, ...tenant });
}

/** The registration service's audience [public: scope .../registerapp/user_impersonation]; the exact 'aud' form is UNDOCUMENTED. */
export const REGISTRATION_AUDIENCE = 'https://proxy.cloudwebappproxy.net/registerapp';
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * A JWT-shaped access token with these claims (aud, tid, upn, exp, ...). Its signature is random bytes:
 * the lab's tenant knows its tokens by value instead of checking signatures.
 */
export function makeJwt(claims, signature = randomBytes(48)) {
  return `${base64url({ typ: 'JWT', alg: 'RS256', kid: 'lab' })}.${base64url(claims)}.${Buffer.from(signature).toString('base64url')}`;
}

/**
 * Issues a token in the lab tenant: a JWT carrying the same claims unless `jwt: false` (an opaque
 * token). `expiresInSeconds` may be negative (already expired). Returns the token.
 * @param {string} root
 * @param {{ upn: string, tenantId: string, audience?: string, expiresInSeconds?: number, jwt?: boolean, token?: string }} options
 * @returns {string}
 */
export function issueToken(root, { upn, tenantId, audience = REGISTRATION_AUDIENCE, expiresInSeconds = 3600, jwt = true, token }) {
  const exp = Math.floor(Date.now() / 1000) + expiresInSeconds;
  const value = token ?? (jwt ? makeJwt({ aud: audience, iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, upn, exp, scp: 'user_impersonation' }) : randomBytes(32).toString('hex'));
  const tenant = readLabJson(root, 'tenant.json') ?? {};
  tenant.tokens = { ...(tenant.tokens ?? {}), [value]: { upn, tenantId, audience, expiresAt: new Date(exp * 1000).toISOString() } };
  writeLabJson(root, 'tenant.json', tenant);
  return value;
}

/**
 * Which plausible variant of UNDOCUMENTED agent behaviour the lab plays:
 * registration: 'sign-in' (TenantID written by Connect-AADCloudSyncAzureAD, default) | 'restart'
 *   (written only when the agent service starts again) | 'never' (fault switch: never written);
 * domainsCmdlet: 'objects' (Get-AADCloudSyncDomains returns objects with DomainName, default) |
 *   'strings' | 'hashtables' ({Domain}) | 'missing' (the module has no such command) | 'needs-sign-in'.
 */
export function setModuleVariant(root, variants) {
  writeLabJson(root, 'module-variant.json', { ...readLabJson(root, 'module-variant.json'), ...variants });
}

/**
 * The forest: { domains: { fqdn: { netbios, dcs: [...], admins: { samAccountName: password } } },
 * forestRoot (fqdn, default 'contoso.com'), enterpriseAdmins: { samAccountName: password } (of the root),
 * kdsRootKeys: [{ keyId, effectiveTime, creationTime }], gmsas: ['name$'],
 * createdGmsaAccount (the sAMAccountName Add-AADCloudSyncGMSA -Credential gives: 'provAgentgMSA$'
 * by default, or e.g. 'pGMSA_1a2b3c4d$'),
 * gmsaLogonDenied, encryptionTypesMismatch, newtonsoftJsonFailure, kdsAccessDenied }.
 */
export function setAd(root, ad) {
  writeLabJson(root, 'ad.json', { domains: {}, kdsRootKeys: [], gmsas: [], ...ad });
}

export function updateAd(root, changes) {
  writeLabJson(root, 'ad.json', { ...readLabJson(root, 'ad.json'), ...changes });
}

/** A KDS root key effective since `hoursAgo` hours (negative: effective in the future). */
export function kdsRootKey(hoursAgo = 10) {
  const now = Date.now();
  return { keyId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', effectiveTime: new Date(now - hoursAgo * 3600_000).toISOString(), creationTime: new Date(now - 24 * 3600_000).toISOString() };
}

/**
 * What the agent keeps itself: domains it was given (Get-AADCloudSyncDomains reads them), writeback,
 * permissions granted by Set-AADCloudSyncPermissions [{account, domain, type, by}], pendingRegistration.
 */
export function readAgentState(root) {
  return readLabJson(root, 'agent-state.json') ?? { domains: [] };
}
