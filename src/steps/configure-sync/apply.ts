import type { GraphClient } from '../../graph/client.js';
import type { SessionLogger } from '../../powershell/session.js';
import { StepError } from '../../shared/errors.js';
import { AD2AAD_TEMPLATE_ID, CALLS, jobPath, PROVISIONING_TEMPLATE, spPath } from './calls.js';
import { describeChange, desiredSecrets, mergeSecrets, withPasswordHashMapping, type Change } from './plan.js';
import type { ConfigureSyncSettings } from './settings.js';
import { readSchema, readSecrets, type Configuration, type SyncJob, type SyncState } from './state.js';

const NOT_FOUND_RETRIES = 5;

/** What exists in the tenant as far as this run knows, kept up to date while applying (for the summary). */
export interface Known {
  configurations: Record<string, Configuration | null>;
  /** One line per thing this run created, in order. */
  created: string[];
  /** One line per change made. */
  done: string[];
}

/**
 * Applies the plan's changes in order. A failure stops at once; the caller reports `known`, so a
 * configuration or job created before the failure is never left unreported.
 */
export async function applySync(client: GraphClient, state: SyncState, changes: Change[], settings: ConfigureSyncSettings, known: Known, log: SessionLogger): Promise<void> {
  const config = (domain: string): Configuration => {
    const c = known.configurations[domain];
    if (!c) throw new StepError(`Internal: ${domain}'s configuration is unknown after creating it.`);
    return c;
  };
  const job = (domain: string, templateId: string): SyncJob => {
    const j = config(domain).jobs.find((x) => x.templateId === templateId);
    if (!j) throw new StepError(`Internal: ${domain}'s ${templateId} job is unknown after creating it.`);
    return j;
  };
  // Calls on a configuration or job made by this run wait out replication (a few bounded retries of 404).
  const fresh = new Set<string>();
  const on = (id: string) => (fresh.has(id) ? { notFoundRetries: NOT_FOUND_RETRIES } : {});
  for (const change of changes) {
    log.info(`configure-sync: ${describeChange(change)}`);
    switch (change.kind) {
      case 'enable-tenant-sync':
        await client.request(CALLS.enableTenantSync, 'PATCH', `/beta/organization/${encodeURIComponent(state.organization.id)}`, { onPremisesSyncEnabled: true });
        break;
      case 'create-configuration': {
        const { body } = await client.request<{ servicePrincipal?: { id?: string; displayName?: string } }>(
          CALLS.instantiate(change.domain),
          'POST',
          `/beta/applicationTemplates/${AD2AAD_TEMPLATE_ID}/instantiate`,
          { displayName: change.domain },
          { creates: true },
        );
        const id = body?.servicePrincipal?.id;
        if (!id) throw new StepError(`Microsoft Graph created ${change.domain}'s configuration but returned no service principal id; look for '${change.domain}' under Enterprise applications.`);
        fresh.add(id);
        known.configurations[change.domain] = {
          servicePrincipalId: id,
          displayName: body?.servicePrincipal?.displayName ?? change.domain,
          foundBy: 'display name',
          secrets: [],
          jobs: [],
          extraJobs: [],
        };
        known.created.push(`configuration ${change.domain} (service principal ${id})`);
        break;
      }
      case 'create-job': {
        const c = config(change.domain);
        const { body } = await client.request<SyncJob>(
          CALLS.createJob(change.domain, change.templateId),
          'POST',
          `${spPath(c.servicePrincipalId)}/jobs`,
          { templateId: change.templateId },
          { creates: true, ...on(c.servicePrincipalId) },
        );
        if (!body?.id) throw new StepError(`Microsoft Graph created ${change.domain}'s ${change.templateId} job but returned no job id.`);
        fresh.add(body.id);
        c.jobs.push({ ...body, templateId: body.templateId || change.templateId });
        known.created.push(`${change.domain} ${change.templateId} job ${body.id}`);
        break;
      }
      case 'set-secrets': {
        const c = config(change.domain);
        // Read again right before the PUT: the PUT replaces every secret, so merge into the latest set.
        const current = await readSecrets(client, change.domain, c.servicePrincipalId, on(c.servicePrincipalId));
        const merge = mergeSecrets(current, desiredSecrets(change.domain, settings, current));
        const foreign = merge.unknown.filter((k) => !merge.hidden.includes(k));
        if (foreign.length) {
          throw new StepError(
            `${change.domain}'s configuration has secrets whose values Graph did not return (${foreign.join(', ')}); writing would erase them, so the secrets were not written.`,
            'SecretsUnknown',
          );
        }
        await client.request(CALLS.writeSecrets(change.domain), 'PUT', `${spPath(c.servicePrincipalId)}/secrets`, { value: merge.pairs }, on(c.servicePrincipalId));
        c.secrets = merge.pairs;
        break;
      }
      case 'map-password-hash': {
        const c = config(change.domain);
        const provisioning = job(change.domain, PROVISIONING_TEMPLATE);
        const schema = await readSchema(client, change.domain, c.servicePrincipalId, provisioning.id, on(provisioning.id));
        const next = withPasswordHashMapping(schema);
        await client.request(CALLS.writeSchema(change.domain), 'PUT', `${jobPath(c.servicePrincipalId, provisioning.id)}/schema`, next, on(provisioning.id));
        c.schema = next;
        break;
      }
      case 'start-job': {
        const c = config(change.domain);
        const j = job(change.domain, change.templateId);
        await client.request(CALLS.startJob(change.domain, change.templateId), 'POST', `${jobPath(c.servicePrincipalId, j.id)}/start`, undefined, on(j.id));
        j.status = { ...(j.status ?? {}), code: 'Active' };
        break;
      }
    }
    known.done.push(describeChange(change));
  }
}
