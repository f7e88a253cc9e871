import { DEFAULT_GMSA } from '../../agent/facts.js';
import { InputError } from '../../shared/errors.js';

export interface GmsaName {
  /** sAMAccountName with its trailing '$' (what -CustomGMSAName takes). */
  account: string;
  /** NetBIOS or DNS domain when the workflow named one ('CONTOSO\name$'). */
  domain?: string;
}

/**
 * Accepts 'name', 'name$', 'DOMAIN\name$' or 'name$@contoso.com'. A gMSA's account name always ends
 * in '$'; forgetting it is a common mistake, so it is added rather than refused.
 */
export function normaliseGmsaName(value: string, input = 'gmsa-name'): GmsaName {
  let name = value.trim();
  let domain: string | undefined;
  const slash = /^([^\\]+)\\(.+)$/.exec(name);
  const at = /^([^@]+)@(.+)$/.exec(name);
  if (slash) [, domain, name] = slash;
  else if (at) [, name, domain] = at;
  if (!name.endsWith('$')) name = `${name}$`;
  // sAMAccountName: at most 15 characters before the '$' for computer-like accounts such as gMSAs.
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}\$$/.test(name)) {
    throw new InputError(input, `must be a gMSA account name of up to 15 letters, digits, '_', '.', '-' (e.g. 'provAgentgMSA$' or 'CONTOSO\\myAgentGmsa$'); got '${value.slice(0, 60)}'.`);
  }
  if (domain !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(domain)) throw new InputError(input, `has an invalid domain part '${domain.slice(0, 60)}'.`);
  return { account: name, domain };
}

export const DEFAULT_GMSA_NAME: GmsaName = { account: DEFAULT_GMSA };

/** Whether a service account ('CONTOSO\name$' or 'name$@contoso.com') is the wanted gMSA. */
export function isAccount(serviceAccount: string | null | undefined, wanted: GmsaName): boolean {
  if (!serviceAccount) return false;
  let name = serviceAccount;
  let domain: string | undefined;
  const slash = /^([^\\]+)\\(.+)$/.exec(serviceAccount);
  const at = /^([^@]+)@(.+)$/.exec(serviceAccount);
  if (slash) [, domain, name] = slash;
  else if (at) [, name, domain] = at;
  if (name.toLowerCase() !== wanted.account.toLowerCase()) return false;
  if (!wanted.domain || !domain) return true;
  const d = domain.toLowerCase();
  const w = wanted.domain.toLowerCase();
  // NetBIOS vs DNS: 'CONTOSO' matches 'contoso.com'.
  return d === w || d.split('.')[0] === w.split('.')[0];
}

/**
 * The account names the agent gives the gMSA it creates (Add-AADCloudSyncGMSA -Credential): provAgentgMSA$
 * [doc], or pGMSA_<hex>$ with the object still named provAgentgMSA [public: Microsoft's gMSA
 * troubleshooting shows "pGMSA_<hex-string>$"; independent scripts show services running as
 * DOMAIN\pGMSA_<8 hex>$]. Which one a given agent version uses is UNDOCUMENTED: both are accepted.
 */
const CREATED_GMSA = /^(provAgentgMSA|pGMSA_[0-9a-f]{1,9})\$$/i;

export function isCreatedGmsa(serviceAccount: string | null | undefined): boolean {
  if (!serviceAccount) return false;
  const name = serviceAccount.replace(/^[^\\]+\\/, '').replace(/@.*$/, '');
  return CREATED_GMSA.test(name);
}

/** Whether the service account is the one the workflow asks for ('create': whatever name the agent gave it). */
export function wantsAccount(mode: 'create' | 'custom' | 'keep', wanted: GmsaName | undefined, serviceAccount: string | null | undefined): boolean {
  if (mode === 'keep' || !wanted) return true;
  return mode === 'create' ? isCreatedGmsa(serviceAccount) : isAccount(serviceAccount, wanted);
}
