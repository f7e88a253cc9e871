// The lab's JavaScript side for the agent's module, the tenant and Active Directory
// (LabHost/parts/50-agent-module.ps1 acts on the same files; lab/README.md has the layout).
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
 * tokens: { token: { upn, tenantId } } }.
 */
export function setTenant(root, tenant) {
  writeLabJson(root, 'tenant.json', { environment: 'AzureCloud', mfaRequired: false, users: {}, tokens: {}, ...tenant });
}

/**
 * The forest: { domains: { fqdn: { netbios, dcs: [...], admins: { samAccountName: password } } },
 * kdsRootKeys: [{ keyId, effectiveTime, creationTime }], gmsas: ['name$'],
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

/** What the agent keeps itself (domains it was given, writeback): no cmdlet reads it back. */
export function readAgentState(root) {
  return readLabJson(root, 'agent-state.json') ?? { domains: [] };
}
