import { MIN_VERSION } from '../../agent/facts.js';
import { StepError } from '../../shared/errors.js';
import { atLeast } from '../shared-tenant/versions.js';
import { sameDcs, type DomainSpec } from './domains.js';
import { isAccount } from './gmsa-name.js';
import type { ConfigureGmsaSettings } from './settings.js';

/**
 * The action's own record of the domains it gave the agent. The agent has no documented command that
 * lists its domains (UNDOCUMENTED: none is known), so this record is how re-runs know what is done.
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

export interface GmsaObserved {
  agentVersion: string | null;
  tenantId: string | null;
  serviceAccount: string | null;
  computerDomain: string | null;
  record: DomainRecord | null;
  kds: KdsState | null;
}

export interface ConfigurePlan {
  register: boolean;
  /** Tenant the agent should end up registered to (null: whatever the sign-in gives). */
  wantedTenantId: string | null;
  gmsa: 'none' | 'create' | 'custom';
  createKdsRootKey: boolean;
  domainsToAdd: DomainSpec[];
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
  const warnings: string[] = [];
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
  if (settings.gmsa !== 'keep' && settings.gmsaName && !isAccount(observed.serviceAccount, settings.gmsaName)) {
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
  for (const domain of wantedDomains(settings, observed.computerDomain)) {
    const known = baseRecord.domains.find((d) => d.name.toLowerCase() === domain.name);
    let why: string | null = null;
    if (!known) why = 'not configured by this action yet';
    else if (!sameDcs(known.dcs, domain.dcs)) why = `preferred domain controllers change to ${domain.dcs.join(',') || '(any)'}`;
    // Adding a domain grants the service account access to it: a new account needs it again.
    else if (gmsa !== 'none') why = 'the service account changes';
    else if ((known.account ?? '').toLowerCase() !== (observed.serviceAccount ?? '').toLowerCase()) why = `it was added for account ${known.account}`;
    if (why) {
      domainsToAdd.push(domain);
      changes.push(`add domain ${domain.name}${domain.dcs.length ? ` (dcs ${domain.dcs.join(',')})` : ''}: ${why}`);
    }
  }
  const restart = changes.length > 0;
  if (restart) changes.push('restart the agent service');
  return { register, wantedTenantId, gmsa, createKdsRootKey, domainsToAdd, baseRecord, restart, changes, warnings };
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
