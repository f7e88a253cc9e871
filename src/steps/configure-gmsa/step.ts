import { AGENT_CHANGE_MARK, pendingRestart } from '../../agent/restart.js';
import type { ServerState } from '../../agent/server-state.js';
import { PowerShellScriptError } from '../../powershell/errors.js';
import { StepError, errorMessage } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { signInToTenant } from '../shared-tenant/sign-in.js';
import type { SignIn } from '../shared-tenant/tenant-settings.js';
import { parseAgentDomains, type AgentDomainsRaw } from './agent-domains.js';
import { explainDomainFailure, explainGmsaFailure, explainPermissionFailure, explainRestartFailure } from './explain.js';
import { wantsAccount } from './gmsa-name.js';
import {
  parsePermissionRecord,
  parseRecord,
  planConfigureGmsa,
  recordWithDomain,
  recordWithGrants,
  type ConfigurePlan,
  type DomainRecord,
  type GmsaObserved,
  type KdsState,
  type PermissionRecord,
} from './plan.js';
import { credentialFor, readConfigureGmsaSettings, type ConfigureGmsaSettings } from './settings.js';

/** This action's own records (see DomainRecord, PermissionRecord): what the agent cannot tell us itself. */
export const RECORD_KEY = 'HKLM:\\SOFTWARE\\entra-provisioning-agent\\configure-gmsa';
export const RECORD_VALUE = 'Domains';
export const PERMISSIONS_VALUE = 'Permissions';

interface GmsaStateRaw {
  record: string | null;
  permissions: string | null;
  agentDomains: AgentDomainsRaw | null;
  computerDomain: string | null;
  kds: KdsState | null;
}

function observe(server: ServerState, raw: GmsaStateRaw): GmsaObserved {
  return {
    agentVersion: server.agent.version,
    tenantId: server.tenantId,
    serviceAccount: server.services.agent.account,
    computerDomain: raw.computerDomain,
    record: parseRecord(raw.record),
    agentDomains: parseAgentDomains(raw.agentDomains),
    permissions: parsePermissionRecord(raw.permissions),
    kds: raw.kds,
  };
}

function gmsaLabel(settings: ConfigureGmsaSettings, account: string | null): string {
  if (settings.gmsa === 'keep' || !settings.gmsaName) return account ?? '';
  return account && wantsAccount(settings.gmsa, settings.gmsaName, account) ? account : settings.gmsaName.account;
}

/** Domains after the run: the agent's own list (plus what this run added) when it has one, else the record. */
function domainsAfter(observed: GmsaObserved, record: DomainRecord, added: string[]): string[] {
  if (!observed.agentDomains) return record.domains.map((d) => d.name);
  return [...new Set([...observed.agentDomains.map((d) => d.name), ...added])];
}

interface After {
  tenantId: string | null;
  account: string | null;
  record: DomainRecord;
  added: string[];
}

function result(settings: ConfigureGmsaSettings, plan: ConfigurePlan, observed: GmsaObserved, changed: boolean, after: After, notes: string[]): StepResult {
  const domains = domainsAfter(observed, after.record, after.added);
  return {
    changed,
    outputs: { gmsa: gmsaLabel(settings, after.account), domains: domains.join(','), 'domains-added': after.added.join(','), registered: after.tenantId ?? '' },
    summary: [
      ['Tenant', after.tenantId ?? '(not registered)'],
      ['Service account', gmsaLabel(settings, after.account) || '(unknown)'],
      ['Domains', domains.join(', ') || '(none recorded)'],
      ['Domains added', after.added.join(', ') || '(none)'],
      ...plan.changes.map((c): [string, string] => ['Change', c]),
    ],
    notes: [...plan.warnings, ...notes],
  };
}

/** The agent reads its account, registration and domains at start: restart it now, or once at the end of the run. */
function requestRestart(settings: ConfigureGmsaSettings, ctx: StepContext, service: string, installDir: string, why: string): Promise<boolean> {
  return ctx.restarts.request({
    step: 'configure-gmsa',
    service,
    why,
    timeoutSeconds: settings.restartTimeoutSeconds,
    explain: async (error) => {
      ctx.server.invalidate();
      const agent = (await ctx.server.get(installDir)).services.agent;
      return explainRestartFailure(agent.status ?? 'missing', agent.account, error.message);
    },
  });
}

interface Applied {
  /** The tenant the sign-in reported, if it wrote one at once (UNDOCUMENTED whether it does). */
  signedInTenantId: string | null;
  record: DomainRecord;
  added: string[];
  /** This step restarted the agent itself (registration can then be judged); false when the root action restarts it once later. */
  restarted: boolean;
  done: string[];
}

async function apply(settings: ConfigureGmsaSettings, plan: ConfigurePlan, observed: GmsaObserved, server: ServerState, ctx: StepContext): Promise<Applied> {
  const installDir = server.agent.installDir;
  const done: string[] = [];
  // Each change is confirmed in the log as soon as it is made, and remembered for a failure message.
  const did = (what: string) => {
    done.push(what);
    ctx.log.info(`Done: ${what}.`);
  };
  const fail = (error: unknown): never => {
    const so_far = done.length ? ` Done before this failure: ${done.join('; ')}.` : ' Nothing was changed.';
    if (error instanceof StepError) throw new StepError(`${error.message}${so_far}`, error.code);
    throw new StepError(`${errorMessage(error)}${so_far}`, error instanceof PowerShellScriptError ? error.code : 'StepFailed');
  };
  try {
    // Every change below needs the module signed in; signing in (re-)registers the agent. Whether the
    // agent records TenantID at once or only when it restarts at the end of the documented sequence is
    // UNDOCUMENTED, so registration is judged after the restart; only a tenant that plainly differs
    // from the expected one stops the run here.
    const signedIn = await signInToTenant(ctx, settings.tenant as typeof settings.tenant & { signIn: SignIn }, installDir);
    // The mark that a restart is pending (src/agent/restart.ts), before the account and domain changes:
    // a run killed after any of them leaves the agent older than the mark, and the next run restarts it.
    // Written after the sign-in so a refused sign-in changes nothing on the server.
    await ctx.session.run('agent/mark-agent-change.ps1', { Key: AGENT_CHANGE_MARK.key, Name: AGENT_CHANGE_MARK.name });
    if (signedIn && plan.wantedTenantId && signedIn.toLowerCase() !== plan.wantedTenantId.toLowerCase()) {
      throw new StepError(`The agent registered to tenant ${signedIn}, not the expected ${plan.wantedTenantId} (input 'tenant-id'): check the account's home tenant.`, 'WrongTenant');
    }
    if (plan.register) did(signedIn ? `agent registered to ${signedIn}` : 'agent signed in to the tenant');
    const tenantId = signedIn ?? plan.wantedTenantId ?? observed.tenantId;
    const otherTenant = !!plan.baseRecord.tenantId && !!tenantId && plan.baseRecord.tenantId.toLowerCase() !== tenantId.toLowerCase();
    let record: DomainRecord = { tenantId: tenantId ?? null, domains: otherTenant ? [] : plan.baseRecord.domains };
    let account = server.services.agent.account;

    if (plan.gmsa !== 'none' && settings.gmsaName) {
      const name = settings.gmsaName.account;
      try {
        const r = await ctx.session.run<{ account: string | null }>(
          'steps/configure-gmsa/add-gmsa.ps1',
          { InstallDir: installDir, Mode: plan.gmsa, Name: name, UserName: settings.domainCredential?.username ?? '', CreateKdsRootKey: plan.createKdsRootKey },
          { secrets: { Password: plan.gmsa === 'create' ? settings.domainCredential?.password : undefined } },
        );
        account = r.account;
      } catch (error) {
        if (error instanceof PowerShellScriptError && error.code === 'GmsaFailed') throw explainGmsaFailure(plan.gmsa, name, error.message);
        throw error;
      }
      if (plan.createKdsRootKey) did('KDS root key created');
      did(`service account set to ${account}`);
    }

    const added: string[] = [];
    for (const domain of plan.domainsToAdd) {
      const credential = credentialFor(settings, domain);
      const next = recordWithDomain(record, tenantId, domain, account);
      try {
        await ctx.session.run(
          'steps/configure-gmsa/add-domain.ps1',
          {
            InstallDir: installDir,
            DomainName: domain.name,
            PreferredDomainControllers: domain.dcs,
            UserName: credential.username,
            RecordKey: RECORD_KEY,
            RecordValue: RECORD_VALUE,
            Record: JSON.stringify(next),
          },
          { secrets: { Password: credential.password } },
        );
      } catch (error) {
        const input = domain.credential ? `'domain-credentials' (${domain.credential})` : "'domain-username'/'domain-password'";
        if (error instanceof PowerShellScriptError && error.code === 'DomainAddFailed') throw explainDomainFailure(domain.name, input, error.message);
        throw error;
      }
      record = next;
      added.push(domain.name);
      did(`domain ${domain.name} added`);
    }

    if (plan.grant && account) await grantPermissions(settings, plan.grant, observed.permissions, account, installDir, ctx, did);

    const restarted = await requestRestart(settings, ctx, server.agent.serviceName, installDir, 'its service account, registration or domains changed');
    if (restarted) did('agent restarted');
    return { signedInTenantId: signedIn, record, added, restarted, done };
  } catch (error) {
    return fail(error);
  }
}

/** Set-AADCloudSyncPermissions for a custom gMSA, one call per type (and per domain without an enterprise admin). */
async function grantPermissions(
  settings: ConfigureGmsaSettings,
  grant: NonNullable<ConfigurePlan['grant']>,
  before: PermissionRecord | null,
  account: string,
  installDir: string,
  ctx: StepContext,
  did: (what: string) => void,
): Promise<void> {
  let record = before;
  const calls =
    grant.via === 'enterprise'
      ? [{ domains: grant.domains, target: '', credential: settings.enterpriseAdmin!, input: "'enterprise-admin-username'/'enterprise-admin-password'" }]
      : grant.domains.map((d) => ({
          domains: [d],
          target: d.name,
          credential: credentialFor(settings, d),
          input: d.credential ? `'domain-credentials' (${d.credential})` : "'domain-username'/'domain-password'",
        }));
  for (const call of calls) {
    const names = call.domains.map((d) => d.name);
    const next = recordWithGrants(record, account, names, grant.types);
    try {
      await ctx.session.run(
        'steps/configure-gmsa/grant-permissions.ps1',
        {
          InstallDir: installDir,
          PermissionTypes: grant.types,
          TargetDomain: call.target,
          UserName: call.credential.username,
          RecordKey: RECORD_KEY,
          RecordValue: PERMISSIONS_VALUE,
          Record: JSON.stringify(next),
        },
        { secrets: { Password: call.credential.password } },
      );
    } catch (error) {
      if (error instanceof PowerShellScriptError && error.code === 'PermissionsFailed') throw explainPermissionFailure(account, names, call.input, error.message);
      throw error;
    }
    record = next;
    did(`permissions ${grant.types.join(', ')} granted on ${names.join(', ')}`);
  }
}

export const configureGmsaStep: Step<ConfigureGmsaSettings> = {
  name: 'configure-gmsa',
  title: 'Register the agent, gMSA and AD domains',
  readSettings: (inputs: Inputs) => readConfigureGmsaSettings(inputs),
  // Not 'gmsa': it has a default, so in the root action it is always set.
  isRequested: (inputs: Inputs) => ['tenant-username', 'access-token', 'domains', 'gmsa-name'].some((n) => inputs.has(n)),

  async run(settings, ctx) {
    const server = await ctx.server.get(settings.tenant.installDir);
    if (!server.agent.installed) {
      throw new StepError(`The provisioning agent is not installed in '${server.agent.installDir}': run install-agent first (or set 'install-dir').`, 'AgentNotInstalled');
    }
    const raw = await ctx.session.run<GmsaStateRaw>('steps/configure-gmsa/get-gmsa-state.ps1', {
      InstallDir: server.agent.installDir,
      RecordKey: RECORD_KEY,
      RecordValue: RECORD_VALUE,
      PermissionsValue: PERMISSIONS_VALUE,
      CheckKds: settings.gmsa === 'create',
    });
    const observed = observe(server, raw);
    if (raw.agentDomains?.error) ctx.log.warning(`Get-AADCloudSyncDomains failed (${raw.agentDomains.error.slice(0, 300)}).`);
    const plan = planConfigureGmsa(settings, observed);
    for (const w of plan.warnings) ctx.log.warning(w);
    for (const c of plan.changes) ctx.log.info(`${ctx.common.dryRun ? 'Would ' : 'Will '}${c}`);

    // Nothing to change, but a change made earlier (a run killed before its restart) is not in effect yet.
    const pending = plan.changes.length === 0 ? pendingRestart(server, ['account-or-domains']) : undefined;
    if (pending) {
      ctx.log.info(`A restart is pending: ${pending}.`);
      if (!ctx.common.dryRun) await requestRestart(settings, ctx, server.agent.serviceName, server.agent.installDir, 'it does not run with its last account or domain change yet');
      ctx.server.invalidate();
      const after = ctx.common.dryRun ? server : await ctx.server.get(settings.tenant.installDir);
      const restartPlan = { ...plan, restart: true, changes: ['restart the agent service (pending since an earlier change)'] };
      return result(settings, restartPlan, observed, true, { tenantId: after.tenantId, account: after.services.agent.account, record: plan.baseRecord, added: [] }, []);
    }

    if (ctx.common.dryRun || plan.changes.length === 0) {
      if (plan.changes.length === 0) ctx.log.info('The agent is registered, runs as the wanted account and has every domain: nothing to change.');
      let record: DomainRecord = { tenantId: observed.tenantId, domains: [...plan.baseRecord.domains] };
      for (const d of plan.domainsToAdd) record = recordWithDomain(record, record.tenantId, d, observed.serviceAccount);
      return result(
        settings,
        plan,
        observed,
        plan.changes.length > 0,
        {
          tenantId: plan.wantedTenantId ?? observed.tenantId,
          account: plan.gmsa === 'none' ? observed.serviceAccount : (settings.gmsaName?.account ?? null),
          record,
          added: plan.domainsToAdd.map((d) => d.name),
        },
        [],
      );
    }

    const applied = await apply(settings, plan, observed, server, ctx);
    ctx.server.invalidate();
    const after = await ctx.server.get(settings.tenant.installDir);
    const agent = after.services.agent;
    const done = applied.done.join('; ');
    // In the root action the restart comes once at the end of the run, so a stopped agent is still stopped here.
    if (agent.status !== 'Running' && !ctx.restarts.coalesce) throw new StepError(`The agent service is ${agent.status} after configuration. Done: ${done}.`, 'AgentNotRunning');
    if (settings.gmsaName && settings.gmsa !== 'keep' && !wantsAccount(settings.gmsa, settings.gmsaName, agent.account)) {
      throw new StepError(`The agent service runs as ${agent.account}, not the wanted gMSA ${settings.gmsaName.account}, after configuration. Done: ${done}.`, 'GmsaNotApplied');
    }
    const notes: string[] = [];
    let tenantId = after.tenantId;
    if (applied.restarted) {
      // The documented sequence ends with the restart: now registration must show.
      if (!tenantId)
        throw new StepError(
          `The server shows no tenant registration (TenantID in the agent's registry key) after sign-in and the agent's restart; check the agent's trace logs. Done: ${done}.`,
          'NotRegistered',
        );
      if (plan.wantedTenantId && tenantId.toLowerCase() !== plan.wantedTenantId.toLowerCase()) {
        throw new StepError(
          `The agent is registered to tenant ${tenantId}, not the expected ${plan.wantedTenantId} (input 'tenant-id'): check the account's home tenant. Done: ${done}.`,
          'WrongTenant',
        );
      }
    } else {
      tenantId = tenantId ?? applied.signedInTenantId;
      notes.push('Registration is confirmed once the agent has restarted (verify checks it).');
    }
    let record = applied.record;
    if (tenantId && (record.tenantId ?? '').toLowerCase() !== tenantId.toLowerCase() && record.domains.length) {
      // The record was written before the tenant was known (TenantID appears only after the restart).
      record = { ...record, tenantId };
      await ctx.session.run('steps/configure-gmsa/save-record.ps1', { RecordKey: RECORD_KEY, RecordValue: RECORD_VALUE, Record: JSON.stringify(record) });
    }
    return result(settings, plan, observed, true, { tenantId, account: agent.account, record, added: applied.added }, notes);
  },
};
