import type { GraphCall } from '../../graph/client.js';

/**
 * Every Graph call of the Cloud Sync configuration, with the least permission each needs, from the
 * Graph reference pages (checked 2026-11-25; README "Permissions" repeats them with links):
 *   organization-get / organization-update, applicationtemplate-instantiate, serviceprincipal-list,
 *   synchronization-synchronization-list-jobs / -post-jobs, synchronization-synchronizationjob-get,
 *   synchronization-serviceprincipal-put-synchronization (secrets), synchronization-synchronizationschema-get
 *   / -update, synchronization-synchronizationjob-start.
 * Delegated calls also need the signed-in user in a role such as Hybrid Identity Administrator.
 */
export const AD2AAD_TEMPLATE_ID = '1a4721b3-e57f-4451-ae87-ef078703ec94';
export const PROVISIONING_TEMPLATE = 'AD2AADProvisioning';
export const PASSWORD_HASH_TEMPLATE = 'AD2AADPasswordHash';

const SYNC_READ = 'Synchronization.Read.All (delegated) or Application.ReadWrite.OwnedBy (application)';
const SYNC_WRITE = 'Synchronization.ReadWrite.All (delegated) or Application.ReadWrite.OwnedBy (application)';

const call = (what: string, permission: string): GraphCall => ({ what, permission });

export const CALLS = {
  readOrganization: call("reading the tenant's sync flag (GET /organization)", 'User.Read (delegated) or Organization.Read.All (application)'),
  enableTenantSync: call("turning on the tenant's sync flag (PATCH /organization)", 'Organization.ReadWrite.All'),
  listConfigurations: (domain: string) =>
    call(`listing Cloud Sync configurations for ${domain} (GET /servicePrincipals by applicationTemplateId)`, 'Application.Read.All (an application may use Application.ReadWrite.OwnedBy instead)'),
  instantiate: (domain: string) =>
    call(`creating the configuration for ${domain} (POST /applicationTemplates/{id}/instantiate)`, 'Application.ReadWrite.All (delegated) or Application.ReadWrite.OwnedBy (application)'),
  readSecrets: (domain: string) => call(`reading the synchronization secrets of ${domain}'s configuration`, SYNC_READ),
  writeSecrets: (domain: string) => call(`writing the synchronization secrets of ${domain}'s configuration (PUT synchronization/secrets)`, SYNC_WRITE),
  listJobs: (domain: string) => call(`listing the synchronization jobs of ${domain}'s configuration`, SYNC_READ),
  readJob: (domain: string, template: string) => call(`reading ${domain}'s ${template} job`, SYNC_READ),
  createJob: (domain: string, template: string) => call(`creating ${domain}'s ${template} job (POST synchronization/jobs)`, SYNC_WRITE),
  readSchema: (domain: string) => call(`reading the schema of ${domain}'s ${PROVISIONING_TEMPLATE} job`, SYNC_READ),
  writeSchema: (domain: string) => call(`adding the password hash mapping to ${domain}'s ${PROVISIONING_TEMPLATE} schema (PUT jobs/{id}/schema)`, SYNC_WRITE),
  startJob: (domain: string, template: string) => call(`starting ${domain}'s ${template} job (POST jobs/{id}/start)`, SYNC_WRITE),
};

export const spPath = (id: string) => `/beta/servicePrincipals/${encodeURIComponent(id)}/synchronization`;
export const jobPath = (sp: string, job: string) => `${spPath(sp)}/jobs/${encodeURIComponent(job)}`;
