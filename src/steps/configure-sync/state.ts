import type { GraphClient, RequestOptions } from '../../graph/client.js';
import { StepError } from '../../shared/errors.js';
import { AD2AAD_TEMPLATE_ID, CALLS, jobPath, PASSWORD_HASH_TEMPLATE, PROVISIONING_TEMPLATE, spPath } from './calls.js';

/** A synchronization secret; value null when Graph did not return it (UNDOCUMENTED whether it does). */
export interface SecretPair {
  key: string;
  value: string | null;
}

/** [doc: synchronizationStatus] only the fields this action reads. */
export interface JobExecution {
  state?: string;
  timeBegan?: string | null;
  timeEnded?: string | null;
  error?: { code?: string; message?: string } | null;
}
export interface JobStatus {
  code?: string;
  quarantine?: { reason?: string; currentBegan?: string; nextAttempt?: string; error?: { code?: string; message?: string } | null } | null;
  lastExecution?: JobExecution | null;
  lastSuccessfulExecution?: JobExecution | null;
}
export interface SyncJob {
  id: string;
  templateId: string;
  status?: JobStatus;
  schedule?: { state?: string };
}

export interface AttributeMapping {
  targetAttributeName?: string;
  source?: { expression?: string; name?: string; type?: string; parameters?: unknown[] } | null;
  [other: string]: unknown;
}
export interface ObjectMapping {
  name?: string;
  attributeMappings?: AttributeMapping[];
  [other: string]: unknown;
}
export interface SyncSchema {
  synchronizationRules?: { objectMappings?: ObjectMapping[]; [other: string]: unknown }[];
  [other: string]: unknown;
}

export interface Configuration {
  servicePrincipalId: string;
  displayName: string;
  /** How it was recognised as this domain's. */
  foundBy: 'Domain secret' | 'display name';
  secrets: SecretPair[];
  jobs: SyncJob[];
  /** Job ids beyond the first for one template (UNDOCUMENTED whether Graph allows them); left alone. */
  extraJobs: string[];
  /** The provisioning job's schema (read only when password hash sync is wanted). */
  schema?: SyncSchema;
}

export interface SyncState {
  organization: { id: string; onPremisesSyncEnabled: boolean | null };
  configurations: Record<string, Configuration | null>;
}

interface ServicePrincipal {
  id: string;
  displayName?: string;
  applicationTemplateId?: string;
}

/** The domain a Domain secret names ({"domain":"contoso.com"} [doc]); undefined when unreadable. */
export function secretDomain(secrets: SecretPair[]): string | null | undefined {
  const pair = secrets.find((s) => s.key === 'Domain');
  if (!pair) return undefined;
  if (pair.value === null) return null;
  try {
    const domain = (JSON.parse(pair.value) as { domain?: unknown }).domain;
    return typeof domain === 'string' ? domain.toLowerCase() : null;
  } catch {
    return null;
  }
}

function normaliseSecrets(body: { value?: unknown }): SecretPair[] {
  const list = Array.isArray(body.value) ? body.value : [];
  return list
    .filter((p): p is { key: unknown; value: unknown } => p !== null && typeof p === 'object' && typeof (p as { key?: unknown }).key === 'string')
    .map((p) => ({ key: p.key as string, value: typeof p.value === 'string' && p.value !== '' ? p.value : null }));
}

/** A job that has run or runs now: the one in use when a template has more than one. */
function inUse(job: SyncJob): number {
  const s = job.status ?? {};
  return s.lastSuccessfulExecution || s.lastExecution || s.code === 'Active' || s.code === 'Quarantine' ? 0 : 1;
}

/** Jobs by template: the one in use (else the first by id) is used; others are reported, never touched. */
export function jobsByTemplate(jobs: SyncJob[]): { jobs: SyncJob[]; extra: string[] } {
  const chosen = new Map<string, SyncJob>();
  const extra: string[] = [];
  for (const job of [...jobs].sort((a, b) => inUse(a) - inUse(b) || a.id.localeCompare(b.id))) {
    if (chosen.has(job.templateId)) extra.push(job.id);
    else chosen.set(job.templateId, job);
  }
  return { jobs: [...chosen.values()], extra };
}

export async function readJobs(client: GraphClient, domain: string, spId: string): Promise<SyncJob[]> {
  return (await client.list<SyncJob>(CALLS.listJobs(domain), `${spPath(spId)}/jobs`)).filter((j) => typeof j.id === 'string' && typeof j.templateId === 'string');
}

export async function readSecrets(client: GraphClient, domain: string, spId: string, options: RequestOptions = {}): Promise<SecretPair[]> {
  return normaliseSecrets(await client.get<{ value?: unknown }>(CALLS.readSecrets(domain), `${spPath(spId)}/secrets`, options));
}

export async function readSchema(client: GraphClient, domain: string, spId: string, jobId: string, options: RequestOptions = {}): Promise<SyncSchema> {
  return client.get<SyncSchema>(CALLS.readSchema(domain), `${jobPath(spId, jobId)}/schema`, options);
}

/**
 * Reads everything the plan needs, changing nothing. A domain's configuration is the service principal
 * made from the AD2AAD template whose Domain secret names the domain; when Graph does not return secret
 * values, one whose display name is the domain (how the portal, and this action, name it).
 */
export async function readSyncState(client: GraphClient, domains: string[], options: { schema: boolean }): Promise<SyncState> {
  const orgs = await client.list<{ id: string; onPremisesSyncEnabled?: boolean | null }>(CALLS.readOrganization, '/beta/organization?$select=id,onPremisesSyncEnabled');
  if (!orgs[0]?.id) throw new StepError('Microsoft Graph returned no organization for this token; is it a token of the right tenant?', 'GraphAnswer');
  const filter = encodeURIComponent(`applicationTemplateId eq '${AD2AAD_TEMPLATE_ID}'`);
  const candidates = await client.list<ServicePrincipal>(CALLS.listConfigurations(domains.join(', ')), `/beta/servicePrincipals?$filter=${filter}&$select=id,displayName,applicationTemplateId`);
  const secrets = new Map<string, SecretPair[]>();
  for (const sp of candidates) secrets.set(sp.id, await readSecrets(client, sp.displayName ?? sp.id, sp.id));

  const configurations: Record<string, Configuration | null> = {};
  for (const domain of domains) {
    const bySecret = candidates.filter((sp) => secretDomain(secrets.get(sp.id) ?? []) === domain);
    const byName = candidates.filter((sp) => !secretDomain(secrets.get(sp.id) ?? []) && (sp.displayName ?? '').toLowerCase() === domain);
    const found = bySecret.length ? bySecret : byName;
    if (found.length > 1) {
      throw new StepError(
        `Found ${found.length} Cloud Sync configurations for ${domain} (service principals ${found.map((s) => s.id).join(', ')}); keep one and delete the others in the Entra admin center, then run again.`,
        'DuplicateConfiguration',
      );
    }
    const sp = found[0];
    if (!sp) {
      configurations[domain] = null;
      continue;
    }
    const { jobs, extra } = jobsByTemplate(await readJobs(client, domain, sp.id));
    const provisioning = jobs.find((j) => j.templateId === PROVISIONING_TEMPLATE);
    configurations[domain] = {
      servicePrincipalId: sp.id,
      displayName: sp.displayName ?? '',
      foundBy: bySecret.length ? 'Domain secret' : 'display name',
      secrets: secrets.get(sp.id) ?? [],
      jobs,
      extraJobs: extra,
      schema: options.schema && provisioning ? await readSchema(client, domain, sp.id, provisioning.id) : undefined,
    };
  }
  return { organization: { id: orgs[0].id, onPremisesSyncEnabled: orgs[0].onPremisesSyncEnabled ?? null }, configurations };
}

export const WANTED_TEMPLATES = (passwordHashSync: boolean) => (passwordHashSync ? [PROVISIONING_TEMPLATE, PASSWORD_HASH_TEMPLATE] : [PROVISIONING_TEMPLATE]);
