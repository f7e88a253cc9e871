import { MIN_VERSION, type Environment } from '../../agent/facts.js';
import { PowerShellScriptError } from '../../powershell/errors.js';
import { StepError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import type { Step } from '../../shared/step.js';
import { explainSignInFailure } from '../shared-tenant/sign-in-failure.js';
import { atLeast } from '../shared-tenant/versions.js';
import { readEnableWritebackSettings, type EnableWritebackSettings } from './settings.js';

const CANNOT_READ_BACK =
  'The writeback setting cannot be read back from the agent (no Get command is known): it is applied unless this action already applied the same setting, with the same account, to this tenant and agent version (reapply: true applies it anyway).';
export const RECORD_KEY = 'HKLM:\\SOFTWARE\\entra-provisioning-agent\\enable-writeback';
export const RECORD_VALUE = 'Applied';

/** What this action records after applying the setting; an equal record means nothing to do. */
export function writebackRecord(enable: boolean, tenantId: string | null, agentVersion: string | null, account: string): string {
  return JSON.stringify({ enabled: enable, tenantId, agentVersion, account: account.toLowerCase() });
}

/** The lowest agent version writeback works with in a cloud: 1.1.2102.0 is known broken in US Government [doc: version history]. */
export function writebackMinimum(environment: Environment): string {
  return environment === 'AzureUSGovernment' ? MIN_VERSION.writebackUsGovernment : MIN_VERSION.writebackGenerallyAvailable;
}

/** Checks that make a run pointless or harmful, before any sign-in. */
export function writebackBlocker(version: string | null, installed: boolean, tenantId: string | null, enable: boolean, environment: Environment = 'AzureCloud'): StepError | null {
  if (!installed) return new StepError("The provisioning agent is not installed: run install-agent first (or set 'install-dir').", 'AgentNotInstalled');
  const minimum = writebackMinimum(environment);
  if (enable && !atLeast(version, minimum)) {
    const cloud = environment === 'AzureUSGovernment' ? ' in US Government (1.1.2102.0 is known to fail there)' : '';
    return new StepError(
      `Password writeback needs agent ${minimum} or later${cloud} and this server has ${version}: upgrade the agent (install-agent with a current installer) and re-run.`,
      'AgentTooOld',
    );
  }
  if (!enable && !atLeast(version, MIN_VERSION.writebackCmdlet)) {
    return new StepError(
      `Agent ${version} has no password writeback command (added in ${MIN_VERSION.writebackCmdlet}), so writeback is not on through it; upgrade the agent to change the setting.`,
      'AgentTooOld',
    );
  }
  if (!tenantId) return new StepError('The agent is not registered with a tenant: run configure-gmsa first.', 'NotRegistered');
  return null;
}

export const enableWritebackStep: Step<EnableWritebackSettings> = {
  name: 'enable-writeback',
  title: 'Password writeback',
  readSettings: (inputs: Inputs) => readEnableWritebackSettings(inputs),
  isRequested: (inputs: Inputs) => inputs.has('password-writeback'),

  async run(settings, ctx) {
    let server = await ctx.server.get(settings.installDir);
    if (!server.tenantId && ctx.restarts.pending.length > 0) {
      // UNDOCUMENTED when TenantID appears: on some agents only once the agent restarts after sign-in
      // (the wizard's "registers and restarts the agent"). An earlier step of this run signed in and
      // left its restart for the end of the run, so restart now (still once per run) and look again.
      ctx.log.info('The agent shows no tenant registration yet and an agent restart is due: restarting it now, before writeback.');
      await ctx.restarts.flush();
      server = await ctx.server.get(settings.installDir);
    }
    const blocker = writebackBlocker(server.agent.version, server.agent.installed, server.tenantId, settings.enable, settings.environment);
    if (blocker) throw blocker;
    const wanted = settings.enable ? 'enabled' : 'disabled';
    const base = {
      outputs: { 'password-writeback': String(settings.enable), applied: !ctx.common.dryRun },
      summary: [
        ['Password writeback', ctx.common.dryRun ? `would be ${wanted}` : wanted],
        ['Tenant', server.tenantId ?? ''],
        ['Read back', 'not possible (no Get command known); this action keeps a record of what it applied'],
      ] as [string, string][],
      notes: [CANNOT_READ_BACK],
    };
    const record = writebackRecord(settings.enable, server.tenantId, server.agent.version, settings.credential.username);
    if (!settings.reapply) {
      const last = await ctx.session.run<{ record: string | null }>('steps/enable-writeback/get-writeback-record.ps1', { RecordKey: RECORD_KEY, RecordValue: RECORD_VALUE });
      if (last.record === record) {
        ctx.log.info(`Password writeback was already ${wanted} by this action as ${settings.credential.username} for this tenant and agent version: nothing to do.`);
        return { ...base, changed: false, outputs: { ...base.outputs, applied: false } };
      }
    }
    if (ctx.common.dryRun) {
      ctx.log.info(`Would set password writeback to ${wanted} as ${settings.credential.username}.`);
      return { changed: true, ...base };
    }
    try {
      await ctx.session.run(
        'steps/enable-writeback/set-writeback.ps1',
        { InstallDir: server.agent.installDir, Enable: settings.enable, UserName: settings.credential.username, RecordKey: RECORD_KEY, RecordValue: RECORD_VALUE, Record: record },
        { secrets: { Password: settings.credential.password } },
      );
    } catch (error) {
      if (error instanceof PowerShellScriptError && error.code === 'WritebackFailed') throw explainWritebackFailure(settings, error.message);
      throw error;
    }
    ctx.log.info(`Password writeback ${wanted} as ${settings.credential.username}; recorded, since the agent cannot report it back.`);
    return { changed: true, ...base };
  },
};

export function explainWritebackFailure(settings: EnableWritebackSettings, message: string): StepError {
  const detail = message.replace(/\s+/g, ' ').trim();
  const who = settings.credential.username;
  if (/insufficient privileges|forbidden|role required|not authori[sz]ed|global administrator/i.test(detail)) {
    const role = settings.enable ? 'Global Administrator' : 'Global Administrator or Hybrid Identity Administrator';
    return new StepError(
      `Setting password writeback as '${who}' was refused: ${settings.enable ? 'enabling' : 'disabling'} needs the ${role} role (inputs ${settings.credentialInputs}). (${detail})`,
      'MissingRole',
    );
  }
  const signIn = explainSignInFailure({ route: 'credential', username: who, password: '' }, detail, settings.environment);
  if (signIn.code === 'MfaRequired') {
    return new StepError(
      `Setting password writeback as '${who}' failed: the tenant requires MFA for this account, and the writeback command accepts only a user name and password (inputs ${settings.credentialInputs}); use an account that may sign in without MFA, or set it in the admin center (Protection > Password reset > On-premises integration). (${detail})`,
      'MfaRequired',
    );
  }
  if (signIn.code === 'BadCredentials') return new StepError(`Setting password writeback failed: wrong user name or password (inputs ${settings.credentialInputs}). (${detail})`, 'BadCredentials');
  return new StepError(`Setting password writeback as '${who}' failed: ${detail}`, 'WritebackFailed');
}
