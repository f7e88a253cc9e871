import * as path from 'node:path';
import type { ServerState } from '../../agent/server-state.js';
import { lineDiff } from '../../config/diff.js';
import { PowerShellScriptError } from '../../powershell/errors.js';
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

async function restartAgent(settings: SetFipsSettings, state: ServerState, context: StepContext, backupPath: string): Promise<{ restarted: boolean; note?: string }> {
  const serviceName = state.services.agent.name;
  if (!settings.restartAgent) return { restarted: false, note: `restart-agent is false: ${serviceName} reads the change at its next start.` };
  const service = state.services.agent;
  if (!service.exists) return { restarted: false, note: `Service ${serviceName} does not exist; the change applies once the agent's service starts.` };
  if (service.status !== 'Running') {
    return { restarted: false, note: `Service ${serviceName} is ${service.status}; it was left so and reads the change when it next starts.` };
  }
  try {
    await context.session.run('agent/restart-service.ps1', { Name: serviceName, TimeoutSeconds: settings.restartTimeoutSeconds });
  } catch (error) {
    const kept = backupPath ? ` (previous file: ${backupPath})` : '';
    const why = error instanceof PowerShellScriptError ? error.message : (error as Error).message;
    throw new StepError(`The agent config was updated${kept}, but the agent did not come back: ${why}`, 'AgentRestartFailed');
  } finally {
    context.server.invalidate();
  }
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
    const configName = path.basename(configPath.replace(/\\/g, '/'));
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
      return { changed: false, outputs, summary, notes };
    }
    context.log.info(`${context.common.dryRun ? 'Planned change' : 'Change'} to ${configPath}${result.restoredFromHistory ? ' (restores the version from before this step changed it)' : ''}:`);
    for (const line of lineDiff(result.before.text, result.after.text)) context.log.info(line);

    if (context.common.dryRun) {
      summary.push(['Restart of the agent', settings.restartAgent && state.services.agent.status === 'Running' ? 'planned' : 'no']);
      return { changed: true, outputs, summary, notes };
    }

    const backupPath = await applyConfigFile(plan, settings.backupsToKeep);
    outputs['backup-path'] = backupPath;
    context.server.invalidate();
    if (backupPath) summary.push(['Backup', backupPath]);
    context.log.info(`Wrote ${configPath}${backupPath ? `; the previous version is ${backupPath}` : ''}.`);

    const restart = await restartAgent(settings, state, context, backupPath);
    outputs['agent-restarted'] = restart.restarted;
    summary.push(['Restart of the agent', restart.restarted ? 'done, Running' : 'no']);
    if (restart.note) notes.push(restart.note);
    return { changed: true, outputs, summary, notes };
  },
};
