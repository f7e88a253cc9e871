import { PASSWORD_HASH_TEMPLATE, PROVISIONING_TEMPLATE } from './calls.js';
import type { ConfigureSyncSettings } from './settings.js';
import { WANTED_TEMPLATES, type AttributeMapping, type Configuration, type SecretPair, type SyncJob, type SyncSchema, type SyncState } from './state.js';

export type Change =
  | { kind: 'enable-tenant-sync' }
  | { kind: 'create-configuration'; domain: string }
  | { kind: 'create-job'; domain: string; templateId: string }
  | { kind: 'set-secrets'; domain: string; keys: string[] }
  | { kind: 'map-password-hash'; domain: string; mappings: string[] }
  | { kind: 'start-job'; domain: string; templateId: string };

export interface SyncPlan {
  changes: Change[];
  /** Facts worth a line in the summary (e.g. what could not be compared). */
  notes: string[];
  /** Why the plan cannot be applied (one line); set means: change nothing. */
  blocked?: string;
}

/** The two object mappings that get the CredentialData mapping [doc: how-to-inbound-synch-ms-graph.md]. */
export const PASSWORD_HASH_MAPPINGS = ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons'];

/** The documented CredentialData <- [PasswordHash] attribute mapping. */
export function passwordHashMapping(): AttributeMapping {
  return {
    defaultValue: null,
    exportMissingReferences: false,
    flowBehavior: 'FlowWhenChanged',
    flowType: 'Always',
    matchingPriority: 0,
    targetAttributeName: 'CredentialData',
    source: { expression: '[PasswordHash]', name: 'PasswordHash', type: 'Attribute', parameters: [] },
  };
}

/** Each documented object mapping: found or not, and whether it has a CredentialData mapping. */
export function passwordHashMappingState(schema: SyncSchema): { missing: string[]; without: string[] } {
  const mappings = (schema.synchronizationRules ?? []).flatMap((r) => r.objectMappings ?? []);
  const missing: string[] = [];
  const without: string[] = [];
  for (const name of PASSWORD_HASH_MAPPINGS) {
    // The how-to writes the names with both cases ("users" and "Users").
    const found = mappings.filter((m) => m.name?.toLowerCase() === name.toLowerCase());
    if (found.length === 0) missing.push(name);
    else if (!found.every((m) => (m.attributeMappings ?? []).some((a) => a.targetAttributeName === 'CredentialData'))) without.push(name);
  }
  return { missing, without };
}

/** The schema with the mapping added to each documented object mapping that lacks it (never twice). */
export function withPasswordHashMapping(schema: SyncSchema): SyncSchema {
  const copy = JSON.parse(JSON.stringify(schema)) as SyncSchema;
  // The answer's own metadata (@odata.context) is not part of the schema that is written back.
  for (const key of Object.keys(copy)) if (key.startsWith('@odata.')) delete copy[key];
  for (const rule of copy.synchronizationRules ?? []) {
    for (const mapping of rule.objectMappings ?? []) {
      if (!PASSWORD_HASH_MAPPINGS.some((n) => n.toLowerCase() === mapping.name?.toLowerCase())) continue;
      const list = (mapping.attributeMappings ??= []);
      if (!list.some((a) => a.targetAttributeName === 'CredentialData')) list.push(passwordHashMapping());
    }
  }
  return copy;
}

function sameJson(a: string, b: string): boolean {
  try {
    const x = JSON.parse(a) as unknown;
    const y = JSON.parse(b) as unknown;
    const sorted = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .sort(([p], [q]) => p.localeCompare(q))
              .map(([k, w]) => [k, sorted(w)]),
          )
        : v;
    return JSON.stringify(sorted(x)) === JSON.stringify(sorted(y));
  } catch {
    return a === b;
  }
}

function parseObject(value: string | null): Record<string, unknown> {
  if (value === null) return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The secrets this action sets [doc]: Domain, AppKey (the scenario), and SyncNotificationSettings when a
 * threshold or an address is given (merged into what is there, so other fields survive).
 */
export function desiredSecrets(domain: string, settings: Pick<ConfigureSyncSettings, 'passwordHashSync' | 'deleteThreshold' | 'notificationEmail'>, existing: SecretPair[]): SecretPair[] {
  const pairs: SecretPair[] = [
    { key: 'Domain', value: JSON.stringify({ domain }) },
    { key: 'AppKey', value: JSON.stringify({ appKeyScenario: settings.passwordHashSync ? PASSWORD_HASH_TEMPLATE : PROVISIONING_TEMPLATE }) },
  ];
  if (settings.deleteThreshold !== undefined || settings.notificationEmail !== undefined) {
    const current = parseObject(existing.find((s) => s.key === 'SyncNotificationSettings')?.value ?? null);
    const next: Record<string, unknown> = { ...current };
    if (settings.notificationEmail !== undefined) Object.assign(next, { Enabled: true, Recipients: settings.notificationEmail });
    else if (next.Enabled === undefined) next.Enabled = false;
    if (settings.deleteThreshold !== undefined) Object.assign(next, { DeleteThresholdEnabled: true, DeleteThresholdValue: settings.deleteThreshold });
    pairs.push({ key: 'SyncNotificationSettings', value: JSON.stringify(next) });
  }
  return pairs;
}

/**
 * What to PUT: every secret that is there, with ours replacing theirs (PUT replaces the whole set [doc];
 * a secret left out is deleted). `changed`: our keys that differ. A secret we did not set whose value
 * Graph did not return cannot be kept: `unknown` names it, and nothing may be written.
 */
export function mergeSecrets(existing: SecretPair[], desired: SecretPair[]): { pairs: SecretPair[]; changed: string[]; hidden: string[]; unknown: string[] } {
  const changed: string[] = [];
  const hidden: string[] = [];
  for (const want of desired) {
    const have = existing.find((s) => s.key === want.key);
    if (!have) changed.push(want.key);
    else if (have.value === null) hidden.push(want.key);
    else if (!sameJson(have.value, want.value as string)) changed.push(want.key);
  }
  const pairs = existing.map((s) => desired.find((d) => d.key === s.key) ?? s);
  for (const want of desired) if (!existing.some((s) => s.key === want.key)) pairs.push(want);
  const unknown = pairs.filter((p) => p.value === null).map((p) => p.key);
  return { pairs, changed, hidden, unknown };
}

/** Start a job only when it is not running: Graph asks not to start running jobs [doc: synchronizationJob start]. */
export function needsStart(job: SyncJob | undefined): boolean {
  if (!job) return true;
  const code = job.status?.code ?? '';
  if (code === 'Quarantine' || code === 'Active') return false;
  return ['Paused', 'NotRun', 'NotConfigured', ''].includes(code) || job.schedule?.state === 'Disabled';
}

function planDomain(domain: string, config: Configuration | null, settings: ConfigureSyncSettings, plan: SyncPlan): void {
  const templates = WANTED_TEMPLATES(settings.passwordHashSync);
  if (!config) {
    plan.changes.push({ kind: 'create-configuration', domain });
    for (const templateId of templates) plan.changes.push({ kind: 'create-job', domain, templateId });
    plan.changes.push({ kind: 'set-secrets', domain, keys: desiredSecrets(domain, settings, []).map((s) => s.key) });
    if (settings.passwordHashSync) plan.changes.push({ kind: 'map-password-hash', domain, mappings: PASSWORD_HASH_MAPPINGS });
    for (const templateId of templates) plan.changes.push({ kind: 'start-job', domain, templateId });
    return;
  }
  const byTemplate = (t: string) => config.jobs.find((j) => j.templateId === t);
  for (const templateId of templates) if (!byTemplate(templateId)) plan.changes.push({ kind: 'create-job', domain, templateId });
  if (config.extraJobs.length) plan.notes.push(`${domain}: more than one job per template; using the first, leaving ${config.extraJobs.join(', ')} alone.`);
  if (!settings.passwordHashSync && byTemplate(PASSWORD_HASH_TEMPLATE)) plan.notes.push(`${domain}: password-hash-sync is false but a ${PASSWORD_HASH_TEMPLATE} job exists; it is left as it is.`);

  const merge = mergeSecrets(config.secrets, desiredSecrets(domain, settings, config.secrets));
  if (merge.hidden.length) plan.notes.push(`${domain}: Graph did not return the value of ${merge.hidden.join(', ')}; present, not compared.`);
  if (merge.changed.length) {
    plan.changes.push({ kind: 'set-secrets', domain, keys: merge.changed });
    // Our own keys are never unknown (they carry our values): what is left is foreign.
    const foreign = merge.unknown;
    if (foreign.length && !plan.blocked) {
      plan.blocked = `${domain}'s configuration has secrets whose values Graph did not return (${foreign.join(', ')}); writing the secrets would erase them (PUT replaces them all), so nothing was changed. Set ${merge.changed.join(', ')} in the Entra admin center instead.`;
    }
  }

  if (settings.passwordHashSync) {
    const provisioning = byTemplate(PROVISIONING_TEMPLATE);
    if (!provisioning) plan.changes.push({ kind: 'map-password-hash', domain, mappings: PASSWORD_HASH_MAPPINGS });
    else if (config.schema) {
      const { missing, without } = passwordHashMappingState(config.schema);
      if (missing.length && !plan.blocked) {
        plan.blocked = `The schema of ${domain}'s ${PROVISIONING_TEMPLATE} job has no object mapping named ${missing.map((m) => `'${m}'`).join(' or ')}, so the password hash mapping cannot be added; nothing was changed.`;
      }
      if (without.length) plan.changes.push({ kind: 'map-password-hash', domain, mappings: without });
    }
  }
  for (const templateId of templates) {
    const job = byTemplate(templateId);
    if (job?.status?.code === 'Quarantine')
      plan.notes.push(`${domain}: the ${templateId} job is in quarantine (${job.status.quarantine?.reason ?? 'no reason given'}); not started again by this step: see verify.`);
    if (needsStart(job)) plan.changes.push({ kind: 'start-job', domain, templateId });
  }
}

/** The changes that bring the tenant to the settings (pure; unit-tested). */
export function planSync(state: SyncState, settings: ConfigureSyncSettings): SyncPlan {
  const plan: SyncPlan = { changes: [], notes: [] };
  if (state.organization.onPremisesSyncEnabled !== true) plan.changes.push({ kind: 'enable-tenant-sync' });
  for (const domain of settings.domains) planDomain(domain, state.configurations[domain] ?? null, settings, plan);
  return plan;
}

/** One line per change, for logs, plan mode and the summary. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'enable-tenant-sync':
      return "turn on the tenant's sync flag (onPremisesSyncEnabled)";
    case 'create-configuration':
      return `${change.domain}: create the configuration (service principal '${change.domain}' from the AD2AAD template)`;
    case 'create-job':
      return `${change.domain}: create the ${change.templateId} job`;
    case 'set-secrets':
      return `${change.domain}: set the secrets ${change.keys.join(', ')} (others kept)`;
    case 'map-password-hash':
      return `${change.domain}: add CredentialData <- [PasswordHash] to ${change.mappings.map((m) => `'${m}'`).join(' and ')}`;
    case 'start-job':
      return `${change.domain}: start the ${change.templateId} job`;
  }
}
