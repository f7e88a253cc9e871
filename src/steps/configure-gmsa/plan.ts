import { MIN_VERSION } from '../../agent/facts.js';
import { StepError } from '../../shared/errors.js';
import { atLeast } from '../shared-tenant/versions.js';
import type { AgentDomain } from './agent-domains.js';
import { sameDcs, type DomainSpec } from './domains.js';
import { isAccount, wantsAccount } from './gmsa-name.js';
import type { ConfigureGmsaSettings } from './settings.js';

/**
 * The action's own record of the domains it gave the agent. The agent lists its domains with
 * Get-AADCloudSyncDomains, whose output is UNDOCUMENTED and may lack the preferred domain controllers;
 * this record fills those gaps, and is the whole truth only when the command is missing or unreadable.
 */
export interface DomainRecord {
  tenantId: string | null;
  domains: { name: string; dcs: string[]; account: string | null }[];
}

export interface KdsState {
  /** False when Get-KdsRootKey could not be run (no Kds module / no access). */
  checked: boolean;
  keys: number;
  effective: number;
  /** Earliest effective time of a key not yet effective. */
  nextEffective: string | null;
  error: string | null;
}

/** This action's record of the AD permissions it granted a custom gMSA (no command reads them back). */
export interface PermissionRecord {
  account: string;
  /** Domain (lower case) → permission types granted there. */
  grants: Record<string, string[]>;
}

export interface GmsaObserved {
  agentVersion: string | null;
  tenantId: string | null;
  serviceAccount: string | null;
  computerDomain: string | null;
  record: DomainRecord | null;
  /** What Get-AADCloudSyncDomains reports; null: it cannot tell (the record is used instead). */
  agentDomains: AgentDomain[] | null;
  permissions: PermissionRecord | null;
  kds: KdsState | null;
}

/** Set-AADCloudSyncPermissions calls for a custom gMSA: per domain, or once for all with an enterprise admin. */
export interface PermissionGrant {
  domains: DomainSpec[];
  types: string[];
  /** 'enterprise': -EACredential covers every configured domain; 'domain': -TargetDomain with the domain's credential. */
  via: 'enterprise' | 'domain';
}

export interface ConfigurePlan {
  register: boolean;
  /** Tenant the agent should end up registered to (null: whatever the sign-in gives). */
  wantedTenantId: string | null;
  gmsa: 'none' | 'create' | 'custom';
  createKdsRootKey: boolean;
  domainsToAdd: DomainSpec[];
  /** AD permissions to grant a custom gMSA (agent 1.1.2334.0+); null: none needed. */
  grant: PermissionGrant | null;
  /** The record as it stands before any domain is added (emptied when the tenant changes). */
  baseRecord: DomainRecord;
  restart: boolean;
  /** What will change, one line each; empty: nothing to do. */
  changes: string[];
  warnings: string[];
}

/** The domains the workflow wants: as listed, or the server's own domain when none is listed. */
export function wantedDomains(settings: ConfigureGmsaSettings, computerDomain: string | null): DomainSpec[] {
  if (settings.domains.length) return settings.domains;
  if (!computerDomain || !computerDomain.includes('.')) {
    throw new StepError("This server is not joined to an Active Directory domain and input 'domains' is empty: list the domains the agent should sync.", 'NoDomain');
  }
  return [{ name: computerDomain.toLowerCase(), dcs: [] }];
}

export function planConfigureGmsa(settings: ConfigureGmsaSettings, observed: GmsaObserved): ConfigurePlan {
  const changes: string[] = [];
  const warnings: string[] = [...settings.tenant.warnings];
  const version = observed.agentVersion;

  const wantedTenantId = settings.tenant.tenantId ?? null;
  let register = false;
  if (!observed.tenantId) {
    register = true;
    changes.push('register the agent with the tenant');
  } else if (wantedTenantId && observed.tenantId.toLowerCase() !== wantedTenantId.toLowerCase()) {
    register = true;
    changes.push(`re-register the agent: it is registered to tenant ${observed.tenantId}, not ${wantedTenantId}`);
  }
  const tenantChanges = register && !!observed.tenantId;

  let gmsa: ConfigurePlan['gmsa'] = 'none';
  let createKdsRootKey = false;
  if (settings.gmsa !== 'keep' && settings.gmsaName && !wantsAccount(settings.gmsa, settings.gmsaName, observed.serviceAccount)) {
    if (settings.gmsa === 'create') {
      if (!atLeast(version, MIN_VERSION.gmsa)) throw new StepError(`Creating a gMSA needs agent ${MIN_VERSION.gmsa} or later; this server has ${version}: upgrade the agent first.`, 'AgentTooOld');
      const kds = observed.kds;
      if (!kds || !kds.checked) {
        warnings.push(`Could not check for a KDS root key (${kds?.error ?? 'not checked'}); if creating the gMSA fails with 'Key does not exist', the forest needs one.`);
      } else if (kds.effective === 0 && kds.keys > 0) {
        throw new StepError(
          `The forest's KDS root key is not effective until ${kds.nextEffective} (new keys wait up to 10 hours for replication), so the gMSA cannot be created yet: re-run after that time, or use 'gmsa: custom' with a pre-created gMSA.`,
          'KdsRootKeyNotEffective',
        );
      } else if (kds.keys === 0) {
        if (!settings.createKdsRootKey) {
          throw new StepError(
            "The forest has no KDS root key, which creating a gMSA needs: create one (a forest-wide change, e.g. Add-KdsRootKey on a domain controller) or set 'create-kds-root-key: true', or use 'gmsa: custom' with a pre-created gMSA.",
            'KdsRootKeyMissing',
          );
        }
        createKdsRootKey = true;
        changes.push('create a KDS root key in the forest (effective at once; forest-wide)');
      }
      gmsa = 'create';
      changes.push(`create gMSA ${settings.gmsaName.account} and run the agent as it (now: ${observed.serviceAccount ?? 'unknown'})`);
    } else {
      if (!atLeast(version, MIN_VERSION.customGmsaAndSilentInstall)) {
        throw new StepError(`A custom gMSA needs agent ${MIN_VERSION.customGmsaAndSilentInstall} or later; this server has ${version}: upgrade the agent first.`, 'AgentTooOld');
      }
      gmsa = 'custom';
      changes.push(`run the agent as gMSA ${settings.gmsaName.domain ? `${settings.gmsaName.domain}\\` : ''}${settings.gmsaName.account} (now: ${observed.serviceAccount ?? 'unknown'})`);
    }
  }

  // The record counts only for the tenant the agent is registered to now and will stay registered to.
  const record = observed.record;
  const recordValid = !!record && !tenantChanges && !!observed.tenantId && record.tenantId?.toLowerCase() === observed.tenantId.toLowerCase();
  const baseRecord: DomainRecord = recordValid ? { tenantId: record.tenantId, domains: [...record.domains] } : { tenantId: null, domains: [] };
  const domainsToAdd: DomainSpec[] = [];
  const agentDomains = observed.agentDomains;
  if (!agentDomains) warnings.push("The agent cannot list its domains here (Get-AADCloudSyncDomains missing or unreadable): judging by this action's own record instead.");
  const wanted = wantedDomains(settings, observed.computerDomain);
  for (const domain of wanted) {
    const known = baseRecord.domains.find((d) => d.name.toLowerCase() === domain.name);
    const why = agentDomains ? whyAddPerAgent(domain, agentDomains, known, gmsa, observed.serviceAccount) : whyAddPerRecord(domain, known, gmsa, observed.serviceAccount);
    if (why) {
      domainsToAdd.push(domain);
      changes.push(`add domain ${domain.name}${domain.dcs.length ? ` (dcs ${domain.dcs.join(',')})` : ''}: ${why}`);
    }
  }

  const grant = planGrant(settings, observed, wanted, gmsa);
  if (grant) {
    const who = grant.via === 'enterprise' ? `as enterprise admin ${settings.enterpriseAdmin?.username}` : "with each domain's credential";
    changes.push(`grant gMSA ${settings.gmsaName?.account} the AD permissions ${grant.types.join(', ')} on ${grant.domains.map((d) => d.name).join(', ')} (Set-AADCloudSyncPermissions ${who})`);
  }
  const restart = changes.length > 0;
  if (restart) changes.push('restart the agent service');
  return { register, wantedTenantId, gmsa, createKdsRootKey, domainsToAdd, grant, baseRecord, restart, changes, warnings };
}

type Known = DomainRecord['domains'][number] | undefined;

function accountChanged(known: Known, gmsa: ConfigurePlan['gmsa'], serviceAccount: string | null): string | null {
  // Adding a domain grants the service account access to it: a new account needs it again.
  if (gmsa !== 'none') return 'the service account changes';
  if (known && (known.account ?? '').toLowerCase() !== (serviceAccount ?? '').toLowerCase()) return `it was added for account ${known.account}`;
  return null;
}

/** Fallback: only this action's record says what the agent has. */
function whyAddPerRecord(domain: DomainSpec, known: Known, gmsa: ConfigurePlan['gmsa'], serviceAccount: string | null): string | null {
  if (!known) return 'not configured by this action yet';
  if (!sameDcs(known.dcs, domain.dcs)) return `preferred domain controllers change to ${domain.dcs.join(',') || '(any)'}`;
  return accountChanged(known, gmsa, serviceAccount);
}

/** The agent's list decides whether a domain is there; the record fills in what the list does not say. */
function whyAddPerAgent(domain: DomainSpec, agent: AgentDomain[], known: Known, gmsa: ConfigurePlan['gmsa'], serviceAccount: string | null): string | null {
  const listed = agent.find((d) => d.name === domain.name);
  if (!listed) return 'the agent does not have it (Get-AADCloudSyncDomains)';
  const dcs = listed.dcs ?? known?.dcs ?? null;
  if (dcs === null) {
    if (domain.dcs.length) return `its preferred domain controllers cannot be read back; setting them to ${domain.dcs.join(',')}`;
  } else if (!sameDcs(dcs, domain.dcs)) return `preferred domain controllers change to ${domain.dcs.join(',') || '(any)'}`;
  return accountChanged(known, gmsa, serviceAccount);
}

export const GMSA_PERMISSIONS = ['BasicRead', 'PasswordHashSync'] as const;

/**
 * From agent 1.1.2334.0 a custom gMSA gets no AD rights from Add-AADCloudSyncADDomain [doc: version
 * history]; they are granted with Set-AADCloudSyncPermissions (how-to-gmsa-cmdlets.md), once per
 * domain and type as far as this action's record knows.
 */
function planGrant(settings: ConfigureGmsaSettings, observed: GmsaObserved, wanted: DomainSpec[], gmsa: ConfigurePlan['gmsa']): PermissionGrant | null {
  if (settings.gmsa !== 'custom' || !settings.gmsaName || !atLeast(observed.agentVersion, MIN_VERSION.customGmsaNeedsPermissionCmdlet)) return null;
  const types: string[] = [...GMSA_PERMISSIONS, ...(settings.passwordWriteback ? ['PasswordWriteBack'] : [])];
  const record = observed.permissions;
  const sameAccount = gmsa === 'none' && !!record && isAccount(record.account, settings.gmsaName);
  const missing = wanted.filter((d) => {
    if (!sameAccount) return true;
    const had = (record.grants[d.name] ?? []).map((t) => t.toLowerCase());
    return types.some((t) => !had.includes(t.toLowerCase()));
  });
  if (missing.length === 0) return null;
  return { domains: missing, types, via: settings.enterpriseAdmin ? 'enterprise' : 'domain' };
}

/** The permission record after granting `types` on `domains` to `account`. */
export function recordWithGrants(record: PermissionRecord | null, account: string, domains: string[], types: string[]): PermissionRecord {
  const keep = record && record.account.toLowerCase() === account.toLowerCase() ? record.grants : {};
  const grants: Record<string, string[]> = { ...keep };
  for (const d of domains) grants[d] = [...new Set([...(grants[d] ?? []), ...types])];
  return { account, grants };
}

export function parsePermissionRecord(text: string | null | undefined): PermissionRecord | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<PermissionRecord>;
    if (typeof value.account !== 'string' || !value.grants || typeof value.grants !== 'object') return null;
    const grants: Record<string, string[]> = {};
    for (const [d, t] of Object.entries(value.grants)) if (Array.isArray(t)) grants[d.toLowerCase()] = t.map(String);
    return { account: value.account, grants };
  } catch {
    return null;
  }
}

/** The record after a domain was added (the entry replaced, order kept). */
export function recordWithDomain(record: DomainRecord, tenantId: string | null, domain: DomainSpec, account: string | null): DomainRecord {
  const domains = record.domains.filter((d) => d.name.toLowerCase() !== domain.name);
  domains.push({ name: domain.name, dcs: [...domain.dcs], account });
  return { tenantId, domains };
}

/** Parses the stored record; anything unreadable counts as no record (domains get added again, which is harmless). */
export function parseRecord(text: string | null | undefined): DomainRecord | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<DomainRecord>;
    if (!Array.isArray(value.domains)) return null;
    return {
      tenantId: typeof value.tenantId === 'string' ? value.tenantId : null,
      domains: value.domains
        .filter((d) => d && typeof d.name === 'string')
        .map((d) => ({ name: d.name.toLowerCase(), dcs: Array.isArray(d.dcs) ? d.dcs.map(String) : [], account: typeof d.account === 'string' ? d.account : null })),
    };
  } catch {
    return null;
  }
}
