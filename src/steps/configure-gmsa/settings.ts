import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import { registerSecret } from '../../shared/secrets.js';
import { readCredentialPair, readTenantSettings, type PasswordCredential, type TenantSettings } from '../shared-tenant/tenant-settings.js';
import { parseDomains, type DomainSpec } from './domains.js';
import { DEFAULT_GMSA_NAME, normaliseGmsaName, type GmsaName } from './gmsa-name.js';

export const GMSA_MODES = ['create', 'custom', 'keep'] as const;
export type GmsaMode = (typeof GMSA_MODES)[number];

export interface ConfigureGmsaSettings {
  tenant: TenantSettings;
  gmsa: GmsaMode;
  /** The wanted gMSA (create: provAgentgMSA$); undefined with 'keep'. */
  gmsaName?: GmsaName;
  /** Domain admin: creates the gMSA and is the default credential of every domain. */
  domainCredential?: PasswordCredential;
  /** Named credentials for domains that need their own (input domain-credentials), keys upper-case. */
  domainCredentials: Record<string, PasswordCredential>;
  /** Empty: the server's own domain. */
  domains: DomainSpec[];
  createKdsRootKey: boolean;
  restartTimeoutSeconds: number;
  /** Enterprise admin for Set-AADCloudSyncPermissions -EACredential; none: each domain's own credential. */
  enterpriseAdmin?: PasswordCredential;
  /** Input password-writeback is 'true': a custom gMSA also gets the PasswordWriteBack permission. */
  passwordWriteback: boolean;
}

const DOMAIN_ACCOUNT = /^([^\\\s]+\\[^\\\s]+|[^@\s\\]+@[^@\s]+)$/;

/** Input domain-credentials: JSON {"NAME": {"username": "FABRIKAM\\admin", "password": "..."}}. */
export function parseDomainCredentials(text: string | undefined, input = 'domain-credentials'): Record<string, PasswordCredential> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The value is a secret: say what is wrong without showing any of it.
    throw new InputError(input, 'must be JSON like {"FABRIKAM": {"username": "FABRIKAM\\\\admin", "password": "..."}} (it did not parse).');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError(input, 'must be a JSON object of named credentials.');
  const out: Record<string, PasswordCredential> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    const v = value as { username?: unknown; password?: unknown } | null;
    if (typeof v?.password === 'string') registerSecret(v.password);
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name)) throw new InputError(input, `has a credential name that is not letters, digits, '_', '.', '-': '${name.slice(0, 30)}'.`);
    if (!v || typeof v.username !== 'string' || typeof v.password !== 'string' || v.password === '') {
      throw new InputError(input, `credential '${name}' needs a "username" and a non-empty "password".`);
    }
    if (!DOMAIN_ACCOUNT.test(v.username)) throw new InputError(input, `credential '${name}' needs a username like 'FABRIKAM\\admin' or 'admin@fabrikam.com'.`);
    const key = name.toUpperCase();
    if (out[key]) throw new InputError(input, `names credential '${name}' twice (names are case-insensitive).`);
    out[key] = { username: v.username, password: v.password };
  }
  return out;
}

export function readConfigureGmsaSettings(inputs: Inputs): ConfigureGmsaSettings {
  const tenant = readTenantSettings(inputs);
  const domainCredential = readCredentialPair(inputs, 'domain-username', 'domain-password', "a domain account such as 'CONTOSO\\admin' or 'admin@contoso.com'");
  const domainCredentials = parseDomainCredentials(inputs.secret('domain-credentials'));
  const enterpriseAdmin = readCredentialPair(inputs, 'enterprise-admin-username', 'enterprise-admin-password', "an enterprise administrator such as 'CONTOSO\\admin' or 'admin@contoso.com'");
  if (!tenant.signIn) {
    throw new InputError('tenant-username', "and 'tenant-password' (or 'access-token' with 'tenant-id' and 'user-principal-name') are required: configuring the agent signs in to the tenant.");
  }
  const gmsa = inputs.choice('gmsa', GMSA_MODES, 'create');
  let gmsaName: GmsaName | undefined;
  if (gmsa === 'custom') {
    const name = inputs.text('gmsa-name');
    if (!name) throw new InputError('gmsa-name', "is required with 'gmsa: custom' (the pre-created gMSA, e.g. 'CONTOSO\\myAgentGmsa$').");
    gmsaName = normaliseGmsaName(name);
  } else {
    if (inputs.has('gmsa-name'))
      throw new InputError('gmsa-name', `is only used with 'gmsa: custom' ('${gmsa}' ${gmsa === 'create' ? 'always creates provAgentgMSA$' : 'leaves the account as it is'}).`);
    if (gmsa === 'create') gmsaName = DEFAULT_GMSA_NAME;
    if (enterpriseAdmin) throw new InputError('enterprise-admin-username', "is only used with 'gmsa: custom' (it grants a custom gMSA its AD permissions).");
  }
  if (gmsa === 'create' && !domainCredential) {
    throw new InputError('domain-username', "and 'domain-password' (a domain administrator) are required with 'gmsa: create'.");
  }
  const domains = parseDomains(inputs.raw('domains'));
  for (const d of domains) {
    if (d.credential && !domainCredentials[d.credential]) {
      throw new InputError('domains', `domain '${d.name}' names credential '${d.credential}', which 'domain-credentials' does not hold.`);
    }
    if (!d.credential && !domainCredential) throw new InputError('domain-username', `and 'domain-password' are required for domain '${d.name}' (or give it credential=NAME).`);
  }
  if (domains.length === 0 && !domainCredential) {
    throw new InputError('domain-username', "and 'domain-password' are required to add the server's own domain (or list domains with their credentials in 'domains').");
  }
  return {
    tenant,
    gmsa,
    gmsaName,
    domainCredential,
    domainCredentials,
    domains,
    createKdsRootKey: inputs.bool('create-kds-root-key', false),
    restartTimeoutSeconds: inputs.integer('restart-timeout-seconds', 120, 5, 3600),
    enterpriseAdmin,
    // Only 'true' matters here; enable-writeback validates the input itself.
    passwordWriteback: inputs.raw('password-writeback').toLowerCase() === 'true',
  };
}

export function credentialFor(settings: ConfigureGmsaSettings, domain: DomainSpec): PasswordCredential {
  const credential = domain.credential ? settings.domainCredentials[domain.credential] : settings.domainCredential;
  if (!credential) throw new InputError('domains', `domain '${domain.name}' has no credential.`);
  return credential;
}
