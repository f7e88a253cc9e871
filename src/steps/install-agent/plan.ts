import { StepError } from '../../shared/errors.js';
import { compareVersions } from '../../shared/version.js';

export type InstallAction = 'install' | 'repair' | 'upgrade' | 'downgrade' | 'none';

export interface InstalledAgent {
  /** Four-part version of the agent executable; null when the agent is not installed. */
  version: string | null;
  serviceExists: boolean;
}

export interface InstallPlan {
  action: InstallAction;
  from: string | null;
  to: string;
  /** One sentence for the log and the summary. */
  reason: string;
}

/**
 * When the workflow pins `version` and the agent already runs that version, there is nothing to
 * decide and no installer to fetch: the converged run stays offline.
 */
export function alreadyAtRequestedVersion(installed: InstalledAgent, requested: string | undefined): boolean {
  return !!requested && !!installed.version && installed.serviceExists && compareVersions(installed.version, requested) === 0;
}

/** Get → Test: what to do given what is installed and what the installer is. Throws when the run must stop. */
export function planInstall(installed: InstalledAgent, installerVersion: string, options: { version?: string; allowDowngrade: boolean }): InstallPlan {
  if (options.version && compareVersions(installerVersion, options.version) !== 0) {
    throw new StepError(
      `The installer is version ${installerVersion} but input 'version' asks for ${options.version}: give the installer of that version (or change 'version').`,
      'InstallerVersionMismatch',
    );
  }
  const from = installed.version;
  const to = installerVersion;
  if (!from) return { action: 'install', from, to, reason: `The agent is not installed; install ${to}.` };
  const order = compareVersions(from, to);
  if (order === 0) {
    if (!installed.serviceExists) return { action: 'repair', from, to, reason: `Agent ${from} files are present but its service is missing; reinstall ${to}.` };
    return { action: 'none', from, to, reason: `Agent ${from} is installed, the same version as the installer.` };
  }
  if (order < 0) return { action: 'upgrade', from, to, reason: `Upgrade the agent from ${from} to ${to}.` };
  if (!options.allowDowngrade && !options.version) {
    // The agent's updater upgrades it on its own and cannot be turned off [doc: FAQ], so an older
    // installer (cached, or kept by the workflow) is the normal case on a fleet, not an error.
    return {
      action: 'none',
      from,
      to: from,
      reason: `Agent ${from} is newer than the installer (${to}), most likely upgraded by its own updater: kept as it is (pin 'version' with 'allow-downgrade: true' to go back).`,
    };
  }
  if (!options.allowDowngrade) {
    throw new StepError(
      `The installed agent ${from} is newer than the installer (${to}); refusing to downgrade: set 'allow-downgrade: true' to install the older version, or use a newer installer.`,
      'DowngradeRefused',
    );
  }
  return { action: 'downgrade', from, to, reason: `Downgrade the agent from ${from} to ${to} (allow-downgrade).` };
}

/** The `action` output for a finished run. */
export function actionOutput(action: InstallAction, dryRun: boolean): 'installed' | 'upgraded' | 'downgraded' | 'unchanged' | 'planned' {
  if (action === 'none') return 'unchanged';
  if (dryRun) return 'planned';
  if (action === 'upgrade') return 'upgraded';
  if (action === 'downgrade') return 'downgraded';
  return 'installed';
}
