import { ENVIRONMENTS } from '../../agent/facts.js';
import { readGraphAccess, type GraphAccess } from '../../graph/sign-in-settings.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';

export interface ConfigureSyncSettings {
  /** AD domains (DNS names, lower case, unique), one Cloud Sync configuration each. */
  domains: string[];
  passwordHashSync: boolean;
  /** Accidental-delete threshold (deletes per cycle); undefined: leave as it is. */
  deleteThreshold?: number;
  /** Where quarantine notifications go; undefined: leave as it is. */
  notificationEmail?: string;
  /** Bounded wait for each job's first cycle after this run (0: do not wait). */
  waitFirstCycleSeconds: number;
  access: GraphAccess;
}

const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const EMAIL = /^[^\s@"<>,;]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** Input `sync-domains`: DNS names, comma-separated or one a line. */
export function readSyncDomains(inputs: Inputs): string[] {
  const domains: string[] = [];
  for (const item of inputs.list('sync-domains')) {
    if (!FQDN.test(item)) throw new InputError('sync-domains', `'${item.slice(0, 60)}' is not an AD domain's DNS name such as 'contoso.com'.`);
    const name = item.toLowerCase();
    if (!domains.includes(name)) domains.push(name);
  }
  return domains;
}

export function readConfigureSyncSettings(inputs: Inputs): ConfigureSyncSettings {
  const domains = readSyncDomains(inputs);
  if (domains.length === 0) throw new InputError('sync-domains', "is required: the AD domains to configure Cloud Sync for, e.g. 'contoso.com'.");
  const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
  const access = readGraphAccess(inputs, environment, 'configure-sync');
  if (!access) {
    throw new InputError('client-id', "and 'tenant-id' (GitHub OIDC, with 'permissions: id-token: write') or 'graph-access-token' are required: configure-sync talks to Microsoft Graph.");
  }
  const threshold = inputs.raw('accidental-delete-threshold');
  const email = inputs.text('sync-notification-email', { pattern: EMAIL, describe: 'an e-mail address such as admin@contoso.com' });
  return {
    domains,
    passwordHashSync: inputs.bool('password-hash-sync', true),
    deleteThreshold: threshold ? inputs.integer('accidental-delete-threshold', 500, 1, 100_000) : undefined,
    notificationEmail: email || undefined,
    waitFirstCycleSeconds: inputs.integer('wait-first-cycle-seconds', 0, 0, 3600),
    access,
  };
}
