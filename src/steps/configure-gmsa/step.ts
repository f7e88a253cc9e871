import type { ServerState } from '../../agent/server-state.js';
import { PowerShellScriptError } from '../../powershell/errors.js';
import { StepError, errorMessage } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { signInToTenant } from '../shared-tenant/sign-in.js';
import type { SignIn } from '../shared-tenant/tenant-settings.js';
import { explainDomainFailure, explainGmsaFailure, explainRestartFailure } from './explain.js';
import { isAccount } from './gmsa-name.js';
import { parseRecord, planConfigureGmsa, recordWithDomain, type ConfigurePlan, type DomainRecord, type GmsaObserved, type KdsState } from './plan.js';
import { credentialFor, readConfigureGmsaSettings, type ConfigureGmsaSettings } from './settings.js';

/** This action's own record of configured domains (see DomainRecord): not the agent's, which has none we can read. */
export const RECORD_KEY = 'HKLM:\\SOFTWARE\\entra-provisioning-agent\\configure-gmsa';
export const RECORD_VALUE = 'Domains';

interface GmsaStateRaw {
  record: string | null;
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
    kds: raw.kds,
  };
}

function gmsaLabel(settings: ConfigureGmsaSettings, account: string | null): string {
  return settings.gmsa === 'keep' || !settings.gmsaName ? (account ?? '') : account && isAccount(account, settings.gmsaName) ? account : settings.gmsaName.account;
}

function result(settings: ConfigureGmsaSettings, plan: ConfigurePlan, changed: boolean, after: { tenantId: string | null; account: string | null; record: DomainRecord; added: string[] }, notes: string[]): StepResult {
  const domains = after.record.domains.map((d) => d.name);
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

async function apply(settings: ConfigureGmsaSettings, plan: ConfigurePlan, server: ServerState, ctx: StepContext): Promise<{ tenantId: string | null; record: DomainRecord; added: string[]; done: string[] }> {
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
    // Every change below needs the module signed in; signing in (re-)registers the agent.
    const tenantId = await signInToTenant(ctx, settings.tenant as typeof settings.tenant & { signIn: SignIn }, installDir);
    if (!tenantId) throw new StepError('Sign-in succeeded but the server shows no tenant registration (registry TenantId is empty); check the agent trace logs.', 'NotRegistered');
    if (plan.wantedTenantId && tenantId.toLowerCase() !== plan.wantedTenantId.toLowerCase()) {
      throw new StepError(`The agent registered to tenant ${tenantId}, not the expected ${plan.wantedTenantId} (input 'tenant-id'): check the account's home tenant.`, 'WrongTenant');
    }
    if (plan.register) did(`agent registered to ${tenantId}`);
    let record: DomainRecord = plan.baseRecord.tenantId && plan.baseRecord.tenantId.toLowerCase() === tenantId.toLowerCase() ? plan.baseRecord : { tenantId, domains: [] };
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
          { InstallDir: installDir, DomainName: domain.name, PreferredDomainControllers: domain.dcs, UserName: credential.username, RecordKey: RECORD_KEY, RecordValue: RECORD_VALUE, Record: JSON.stringify(next) },
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

    try {
      await ctx.session.run('agent/restart-service.ps1', { Name: server.agent.serviceName, TimeoutSeconds: settings.restartTimeoutSeconds }, { timeoutMs: (settings.restartTimeoutSeconds + 60) * 1000 });
    } catch (error) {
      if (!(error instanceof PowerShellScriptError) || !['ServiceRestartFailed', 'ServiceStartTimeout'].includes(error.code)) throw error;
      ctx.server.invalidate();
      const agent = (await ctx.server.get(installDir)).services.agent;
      throw explainRestartFailure(agent.status ?? 'missing', agent.account, error.message);
    }
    return { tenantId, record, added, done };
  } catch (error) {
    return fail(error);
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
      throw new StepError(`The provisioning agent is not installed in '${server.installDir}': run install-agent first (or set 'install-dir').`, 'AgentNotInstalled');
    }
    const raw = await ctx.session.run<GmsaStateRaw>('steps/configure-gmsa/get-gmsa-state.ps1', {
      RecordKey: RECORD_KEY,
      RecordValue: RECORD_VALUE,
      CheckKds: settings.gmsa === 'create',
    });
    const observed = observe(server, raw);
    const plan = planConfigureGmsa(settings, observed);
    for (const w of plan.warnings) ctx.log.warning(w);
    for (const c of plan.changes) ctx.log.info(`${ctx.common.dryRun ? 'Would ' : 'Will '}${c}`);

    if (ctx.common.dryRun || plan.changes.length === 0) {
      if (plan.changes.length === 0) ctx.log.info('The agent is registered, runs as the wanted account and has every domain: nothing to change.');
      let record: DomainRecord = { tenantId: observed.tenantId, domains: [...plan.baseRecord.domains] };
      for (const d of plan.domainsToAdd) record = recordWithDomain(record, record.tenantId, d, observed.serviceAccount);
      return result(settings, plan, plan.changes.length > 0, {
        tenantId: plan.wantedTenantId ?? observed.tenantId,
        account: plan.gmsa === 'none' ? observed.serviceAccount : (settings.gmsaName?.account ?? null),
        record,
        added: plan.domainsToAdd.map((d) => d.name),
      }, []);
    }

    const applied = await apply(settings, plan, server, ctx);
    ctx.server.invalidate();
    const after = await ctx.server.get(settings.tenant.installDir);
    const agent = after.services.agent;
    if (agent.status !== 'Running') throw new StepError(`The agent service is ${agent.status} after configuration. Done: ${applied.done.join('; ')}.`, 'AgentNotRunning');
    if (settings.gmsaName && settings.gmsa !== 'keep' && !isAccount(agent.account, settings.gmsaName)) {
      throw new StepError(`The agent service runs as ${agent.account}, not the wanted gMSA ${settings.gmsaName.account}, after configuration. Done: ${applied.done.join('; ')}.`, 'GmsaNotApplied');
    }
    if (!after.tenantId) throw new StepError('The server shows no tenant registration after configuration.', 'NotRegistered');
    ctx.log.info(`Checked: the agent is registered to ${after.tenantId}, runs as ${agent.account} and is Running.`);
    return result(settings, plan, true, { tenantId: after.tenantId, account: agent.account, record: applied.record, added: applied.added }, []);
  },
};
