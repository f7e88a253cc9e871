import { MIN_VERSION, PUBLIC_CLOUD } from '../../agent/facts.js';
import type { ServerState } from '../../agent/server-state.js';
import { StepError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { throwIfStopRequested } from '../../shared/stop.js';
import { compareVersions, isVersion, normalizeVersion } from '../../shared/version.js';
import { exitCodeMeaning, formatExitCode, interpretExitCode } from './exit-codes.js';
import { cacheInstaller, discardDownload, evictCachedInstaller, locateInstaller, peekCachedInstaller } from './installer-source.js';
import { actionOutput, alreadyAtRequestedVersion, planInstall, type InstallPlan } from './plan.js';
import { networkChecks } from './network-preflight.js';
import { failedChecks, preflightFailureMessage, preflightRows, type PreflightCheck } from './preflight.js';
import { signatureProblem, type SignatureInfo } from './provenance.js';
import { rollBack, rollbackPossibility } from './rollback.js';
import { keepForRollback } from './rollback-cache.js';
import { readInstallSettings, type InstallSettings } from './settings.js';
import { installedAgent, validateInstalled } from './validate.js';

interface InstallerInfo extends SignatureInfo {
  fileVersion: string | null;
  productVersion: string | null;
  productName: string;
}

interface RunInstallerResult {
  exitCode: number;
  logPath: string;
  logExists: boolean;
  logTail: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function installerVersion(info: InstallerInfo, file: string): string {
  const version = [info.productVersion, info.fileVersion].find((v): v is string => !!v && isVersion(v));
  if (!version) throw new StepError(`The installer ${file} carries no version in its version resource; it is not the agent installer.`, 'InstallerVersionUnknown');
  return normalizeVersion(version);
}

async function runPreflight(settings: InstallSettings, ctx: StepContext, state: ServerState): Promise<PreflightCheck[]> {
  if (settings.preflight === 'skip') return [];
  const [{ checks }, network] = await Promise.all([ctx.session.run<{ checks: PreflightCheck[] }>('steps/install-agent/preflight.ps1'), networkChecks(settings.connectivity, state)]);
  checks.push(...network);
  const failed = failedChecks(checks);
  for (const c of failed) ctx.log.warning(`Preflight: ${c.name} failed: ${c.detail}. Fix: ${c.fix}.`);
  if (failed.length && settings.preflight === 'fail') throw new StepError(preflightFailureMessage(checks), 'PreflightFailed');
  if (!failed.length) ctx.log.info(`Preflight: all ${checks.length} checks passed.`);
  return checks;
}

/** Runs the installer, retrying a bounded number of times while another installation is in progress. */
export async function runInstaller(file: string, sha256: string, settings: InstallSettings, ctx: StepContext): Promise<{ run: RunInstallerResult; rebootRequired: boolean; rebootStarted: boolean }> {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) throwIfStopRequested(`installer attempt ${attempt}`);
    const run = await ctx.session.run<RunInstallerResult>(
      'steps/install-agent/run-installer.ps1',
      { Path: file, EnvironmentName: settings.environment === PUBLIC_CLOUD ? '' : settings.environment, ExpectedSha256: sha256 },
      { timeoutMs: ctx.common.timeoutMs },
    );
    const outcome = interpretExitCode(run.exitCode);
    if (outcome.kind === 'success') return { run, rebootRequired: outcome.rebootRequired, rebootStarted: outcome.rebootStarted };
    if (outcome.kind === 'retry' && attempt <= settings.installRetries) {
      ctx.log.warning(`Another installation is in progress (exit code 1618); retry ${attempt} of ${settings.installRetries} in ${settings.retryDelaySeconds} s.`);
      await sleep(settings.retryDelaySeconds * 1000);
      continue;
    }
    const tail = run.logTail.map((l) => l.trim()).filter(Boolean);
    if (tail.length) ctx.log.info(`End of the install log ${run.logPath}:\n${tail.join('\n')}`);
    const after = outcome.kind === 'retry' ? ` after ${attempt} attempts` : '';
    const logPart = tail.length ? ` Log ${run.logPath} ends: ${tail.slice(-4).join(' | ')}` : ` No log was written at ${run.logPath}.`;
    throw new StepError(`The installer failed with exit code ${formatExitCode(run.exitCode)} (${exitCodeMeaning(run.exitCode)})${after}.${logPart}`, 'InstallerFailed');
  }
}

function upgradeNotes(plan: InstallPlan): string[] {
  if (plan.action !== 'upgrade' && plan.action !== 'downgrade') return [];
  const notes = [`The agent went from ${plan.from} to ${plan.to}: re-check config customisations (FIPS, proxy) in the agent's .exe.config; the set-fips step does that.`];
  if (compareVersions(plan.to, MIN_VERSION.keepsCustomisationsOnUpgrade) < 0) {
    notes.push(`Agent versions before ${MIN_VERSION.keepsCustomisationsOnUpgrade} reset config customisations on upgrade: re-apply them.`);
  }
  return notes;
}

export const installAgentStep: Step<InstallSettings> = {
  name: 'install-agent',
  title: 'Install the provisioning agent',
  readSettings: (inputs: Inputs) => readInstallSettings(inputs),
  // Every pipeline installs (or confirms) the agent.
  isRequested: () => true,

  async run(settings, ctx): Promise<StepResult> {
    const dryRun = ctx.common.dryRun;
    const before = await ctx.server.get(settings.installDir);
    const installed = installedAgent(before);
    // Preflight checks what an install needs: it runs only once an install is possible.
    let checks: PreflightCheck[] | undefined;

    const outputs: StepResult['outputs'] = {
      action: 'unchanged',
      'previous-version': installed.version ?? '',
      version: installed.version ?? '',
      'reboot-required': false,
      'installer-sha256': '',
      'service-account': before.services.agent.account ?? '',
      'log-path': '',
      'rolled-back': false,
    };
    const summary: [string, string][] = [];
    const finish = (changed: boolean, notes: string[] = []): StepResult => ({
      changed,
      outputs,
      summary: [
        ['Action', String(outputs.action)],
        ['Previous version', String(outputs['previous-version'] || 'not installed')],
        ['Version', String(outputs.version || 'not installed')],
        ...summary,
        ['Reboot required', String(outputs['reboot-required'])],
        ['Service account', String(outputs['service-account'] || 'n/a')],
        ['Install log', String(outputs['log-path'] || 'n/a')],
        ...(checks ? preflightRows(checks, settings.preflight) : [['Preflight', 'not needed (nothing to install)'] as [string, string]]),
      ],
      notes,
    });

    if (alreadyAtRequestedVersion(installed, settings.version)) {
      ctx.log.info(`Agent ${installed.version} is installed, the version asked for; no installer needed.`);
      summary.push(['Installer', 'not needed']);
      return finish(false);
    }

    // A converged server: the runner's cache holds the installer of exactly the installed version
    // (its version was read when its signature was checked), so neither inspecting nor preflight is needed.
    const cached = installed.version && installed.serviceExists && !settings.version ? await peekCachedInstaller(settings) : undefined;
    if (cached && installed.version && isVersion(cached.version) && compareVersions(normalizeVersion(cached.version), installed.version) === 0) {
      ctx.log.info(`Agent ${installed.version} is installed, the version of the installer cached on this runner (downloaded ${cached.fetchedAt}); nothing to install.`);
      outputs['installer-sha256'] = cached.sha256;
      summary.push(['Installer', `${cached.url} (cache, version ${cached.version})`]);
      return finish(false);
    }
    checks = await runPreflight(settings, ctx, before);

    let located = await locateInstaller(settings, ctx.log);
    let keep = false;
    try {
      // Provenance before anything runs the file.
      let info = await ctx.session.run<InstallerInfo>('steps/install-agent/inspect-installer.ps1', { Path: located.path });
      let problem = signatureProblem(info);
      if (problem && located.origin === 'cache') {
        // Refused now although it passed when cached: never refuse the same cached file run after run.
        ctx.log.warning(`The installer cached on this runner was refused (${problem}); it is removed from the tool cache and downloaded again.`);
        evictCachedInstaller(located);
        located = await locateInstaller(settings, ctx.log);
        info = await ctx.session.run<InstallerInfo>('steps/install-agent/inspect-installer.ps1', { Path: located.path });
        problem = signatureProblem(info);
      }
      outputs['installer-sha256'] = located.sha256;
      summary.push(['Installer', `${located.url ?? located.path} (${located.origin})`], ['Installer SHA-256', located.sha256]);
      if (problem) throw new StepError(`Refusing to run the installer ${located.url ?? located.path}: ${problem}.`, 'InstallerNotTrusted');
      const target = installerVersion(info, located.path);
      summary.push(['Installer signature', `Valid (${info.signerSubject})`], ['Installer version', target]);

      const plan = planInstall(installed, target, settings);
      ctx.log.info(plan.reason);
      outputs.version = plan.to;
      outputs.action = actionOutput(plan.action, dryRun);
      if (plan.action === 'none' || dryRun) {
        // A verified download is worth keeping for the next run, unless this is only a plan.
        if (!dryRun) {
          await keepForRollback(await cacheInstaller(located, target), located.sha256, target);
          keep = true;
        }
        if (plan.action !== 'none') summary.push(['Plan', plan.reason]);
        if (plan.action === 'upgrade' && plan.from && settings.rollback) summary.push(['Rollback', await rollbackPossibility(plan.from)]);
        return finish(plan.action !== 'none');
      }

      const file = await cacheInstaller(located, target);
      keep = true;
      await keepForRollback(file, located.sha256, target);
      let run: RunInstallerResult, rebootRequired: boolean, rebootStarted: boolean, after: ServerState, mismatch: string | undefined;
      try {
        ({ run, rebootRequired, rebootStarted } = await runInstaller(file, located.sha256, settings, ctx));
        ctx.server.invalidate();
        after = await ctx.server.get(settings.installDir);
        mismatch = validateInstalled(after, plan);
      } catch (error) {
        // Rollback (input 'rollback'): only a failed upgrade, only with the previous version's verified installer.
        if (plan.action !== 'upgrade' || !plan.from || !settings.rollback) throw error;
        const line = await rollBack(plan.from, plan.to, error, settings, ctx, {
          runInstaller: (f, sha) => runInstaller(f, sha, settings, ctx),
        });
        Object.assign(outputs, { action: 'rolled-back', version: plan.from, 'rolled-back': true });
        return { ...finish(true, [line]), failure: line };
      }
      outputs['log-path'] = run.logPath;
      outputs['reboot-required'] = rebootRequired;
      if (rebootStarted) ctx.log.warning('THE INSTALLER STARTED A REBOOT OF THIS SERVER (exit code 1641): the runner will go down with it; later steps may not run.');
      else if (rebootRequired) ctx.log.warning('The installer needs a reboot to finish (exit code 3010): reboot the server before relying on the agent.');

      const actual = installedAgent(after).version ?? plan.to;
      outputs.version = actual;
      outputs['service-account'] = after.services.agent.account ?? '';
      if (after.services.agent.status !== 'Running') ctx.log.warning(`The agent's service ${after.services.agent.name} is ${after.services.agent.status}, not Running.`);
      ctx.log.info(`Agent ${actual} is installed (${outputs.action}).`);
      const notes = upgradeNotes(plan);
      if (mismatch) notes.unshift(mismatch);
      if (rebootStarted) notes.unshift('The installer started a reboot (exit code 1641).');
      else if (rebootRequired) notes.unshift('A reboot is required to finish the installation (exit code 3010).');
      for (const n of notes) ctx.log.warning(n);
      return finish(true, notes);
    } finally {
      if (!keep) discardDownload(located);
    }
  },
};
