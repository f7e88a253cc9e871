import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pendingRestart } from '../../agent/restart.js';
import type { ServerState } from '../../agent/server-state.js';
import { lockConfig } from '../../config/config-lock.js';
import type { ConfigRequest } from '../../config/editor.js';
import { removeStaleTemps } from '../../config/safe-write.js';
import { lineDiff } from '../../config/diff.js';
import { StepError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { applyConfigFile, planConfigFile } from './config-file.js';
import { decideConfigIntent, nothingRequested } from './plan.js';
import { readSetFipsSettings, setFipsRequested, type SetFipsSettings } from './settings.js';

function describeProxy(settings: SetFipsSettings): string {
  if (settings.proxy === undefined) return 'left alone';
  if (settings.proxy === 'remove') return 'removed';
  return `${settings.proxy.url} (bypass local: ${settings.proxy.bypassLocal})`;
}

/** Restarts (or, in the root action, asks for the run's one restart of) a running agent; notes why not otherwise. */
async function restartAgent(settings: SetFipsSettings, state: ServerState, context: StepContext, backupPath: string, why: string): Promise<{ restarted: boolean; note?: string }> {
  const serviceName = state.services.agent.name;
  if (!settings.restartAgent) return { restarted: false, note: `restart-agent is false: ${serviceName} reads the change at its next start.` };
  const service = state.services.agent;
  if (!service.exists) return { restarted: false, note: `Service ${serviceName} does not exist; the change applies once the agent's service starts.` };
  if (service.status !== 'Running') {
    return { restarted: false, note: `Service ${serviceName} is ${service.status}; it was left so and reads the change when it next starts.` };
  }
  const kept = backupPath ? ` (previous file: ${backupPath})` : '';
  const now = await context.restarts.request({
    step: 'set-fips',
    service: serviceName,
    why,
    timeoutSeconds: settings.restartTimeoutSeconds,
    explain: async (error) => new StepError(`The agent config was updated${kept}, but the agent did not come back: ${error.message}`, 'AgentRestartFailed'),
  });
  if (!now) return { restarted: false, note: 'The agent is restarted once at the end of the run, after the last change (root action).' };
  return { restarted: true };
}

export const setFipsStep: Step<SetFipsSettings> = {
  name: 'set-fips',
  title: 'Agent config: FIPS exception and proxy',
  readSettings: readSetFipsSettings,
  isRequested: (inputs: Inputs) => setFipsRequested(inputs),

  async run(settings, context): Promise<StepResult> {
    const state = await context.server.get(settings.installDir);
    const configPath = state.agent.configPath;
    const { request, fipsReason } = decideConfigIntent(settings, state.fipsPolicyEnabled);
    const outputs: StepResult['outputs'] = {
      'fips-policy-enabled': state.fipsPolicyEnabled,
      'config-path': configPath,
      'backup-path': '',
      'fips-exception-present': null,
      'agent-restarted': false,
    };
    const summary: [string, string][] = [
      ['FIPS policy on the server', state.fipsPolicyEnabled ? 'on' : 'off'],
      ['FIPS exception', `${request.fips === 'present' ? 'ensure present' : request.fips === 'absent' ? 'ensure absent' : 'left alone'} (${fipsReason})`],
      ['Proxy', describeProxy(settings)],
      ['Config file', configPath],
    ];
    const notes: string[] = [];
    context.log.info(`FIPS policy: ${state.fipsPolicyEnabled ? 'on' : 'off'}; FIPS exception: ${fipsReason}; proxy: ${describeProxy(settings)}.`);

    if (nothingRequested(request)) {
      notes.push(`Nothing to do: ${fipsReason} and no proxy change was asked for.`);
      return { changed: false, outputs, summary, notes };
    }

    // One run at a time from reading the file to replacing it (dry-run only reads). Inside the lock
    // no write of ours is in flight, so a temp file of ours is one a killed run left behind.
    const lock =
      context.common.dryRun || !existsSync(path.dirname(configPath))
        ? undefined
        : await lockConfig(configPath, { onWait: (holder) => context.log.info(`Waiting for another run editing ${configPath} (${holder}) ...`) });
    try {
      if (lock) for (const stale of removeStaleTemps(configPath)) context.log.info(`Removed ${stale}, left by a run that was stopped while writing.`);
      return await editAndRestart(settings, context, state, request, { outputs, summary, notes }, () => lock?.release());
    } finally {
      lock?.release();
    }
  },
};

async function editAndRestart(
  settings: SetFipsSettings,
  context: StepContext,
  state: ServerState,
  request: ConfigRequest,
  report: { outputs: StepResult['outputs']; summary: [string, string][]; notes: string[] },
  /** Ends the config lock once the file is written (the restart does not need it). */
  unlock: () => void,
): Promise<StepResult> {
  const { outputs, summary, notes } = report;
  const configPath = state.agent.configPath;
  const configName = path.basename(configPath.replace(/\\/g, '/'));
  const plan = planConfigFile(configPath, request, { createIfMissing: state.agent.installed });
  if (!plan) {
    const where = path.dirname(configPath);
    if (context.common.dryRun) {
      notes.push(`The agent is not installed in ${where} yet; once it is, this step will edit its ${configName}.`);
      return { changed: true, outputs, summary, notes };
    }
    throw new StepError(`The agent is not installed in ${where} (no ${configName}); run install-agent first, or set 'install-dir' to where it is installed.`, 'AgentNotInstalled');
  }
  const { result } = plan;
  outputs['fips-exception-present'] = result.fips.exception;
  if (plan.create) notes.push(`${configName} was missing (some agent upgrades delete it); it is created with just the requested settings.`);

  if (!result.changed) {
    context.log.info(`${configPath} already says what was asked; nothing written.`);
    // The file is right; is the running agent? (A run killed after writing it never restarted it.)
    const pending = settings.restartAgent ? pendingRestart(state, ['config']) : undefined;
    if (!pending) return { changed: false, outputs, summary, notes };
    context.log.info(`A restart is pending: ${pending}.`);
    if (context.common.dryRun) {
      summary.push(['Restart of the agent', 'planned (pending since an earlier change)']);
      return { changed: true, outputs, summary, notes: [...notes, `A restart is pending: ${pending}.`] };
    }
    unlock();
    const restart = await restartAgent(settings, state, context, '', 'it runs an older config than the one on disk');
    outputs['agent-restarted'] = restart.restarted;
    summary.push(['Restart of the agent', restart.restarted ? 'done (it was pending since an earlier change), Running' : 'pending since an earlier change']);
    if (restart.note) notes.push(restart.note);
    return { changed: true, outputs, summary, notes };
  }
  context.log.info(`${context.common.dryRun ? 'Planned change' : 'Change'} to ${configPath}${result.restoredFromHistory ? ' (restores the version from before this step changed it)' : ''}:`);
  for (const line of lineDiff(result.before.text, result.after.text)) context.log.info(line);

  if (context.common.dryRun) {
    summary.push(['Restart of the agent', settings.restartAgent && state.services.agent.status === 'Running' ? 'planned' : 'no']);
    return { changed: true, outputs, summary, notes };
  }

  const backupPath = await applyConfigFile(plan, settings.backupsToKeep);
  unlock();
  outputs['backup-path'] = backupPath;
  context.server.invalidate();
  if (backupPath) summary.push(['Backup', backupPath]);
  context.log.info(`Wrote ${configPath}${backupPath ? `; the previous version is ${backupPath}` : ''}.`);

  const restart = await restartAgent(settings, state, context, backupPath, 'its config changed');
  outputs['agent-restarted'] = restart.restarted;
  summary.push(['Restart of the agent', restart.restarted ? 'done, Running' : context.restarts.pending.length ? 'once, at the end of the run' : 'no']);
  if (restart.note) notes.push(restart.note);
  return { changed: true, outputs, summary, notes };
}
