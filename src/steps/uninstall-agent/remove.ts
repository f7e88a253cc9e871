import type { PowerShellSession, SessionLogger } from '../../powershell/session.js';
import { StepError } from '../../shared/errors.js';
import { isGone, planRemovals, uninstallSucceeded, type Removal, type UninstallState } from './plan.js';

export function readUninstallState(session: PowerShellSession, installDir?: string): Promise<UninstallState> {
  return session.run<UninstallState>('steps/uninstall-agent/get-uninstall-state.ps1', installDir ? { InstallDir: installDir } : {});
}

export interface RemovedProduct {
  displayName: string;
  displayVersion: string;
  command: string;
  exitCode: number;
}

function leftover(state: UninstallState): string {
  const parts = [...state.products.map((p) => `entry '${p.displayName}' ${p.displayVersion}`), ...state.services.map((s) => `service ${s.name} (${s.state})`)];
  return parts.join(', ');
}

/**
 * Runs the silent uninstall of every entry, bundle first, reading the state again after each (a
 * product the bundle took along is not run twice), and judges the result by the state after:
 * success is no entry and no agent or updater service left.
 */
export async function removeAgent(session: PowerShellSession, log: SessionLogger, installDir: string | undefined, timeoutMs: number): Promise<{ removed: RemovedProduct[]; after: UninstallState }> {
  const removed: RemovedProduct[] = [];
  const tried = new Set<string>();
  let state = await readUninstallState(session, installDir);
  for (;;) {
    const { removals, unremovable } = planRemovals(state);
    const next: Removal | undefined = removals.find((r) => !tried.has(r.product.registryPath));
    if (!next) {
      if (!isGone(state)) {
        const why = unremovable.length ? `; no uninstall command in the entry of ${unremovable.map((p) => `'${p.displayName}'`).join(', ')}` : '';
        throw new StepError(`The uninstall ran but ${leftover(state)} ${state.products.length + state.services.length === 1 ? 'is' : 'are'} still on the server${why}.`, 'UninstallNotEffective');
      }
      return { removed, after: state };
    }
    tried.add(next.product.registryPath);
    log.info(`Removing '${next.product.displayName}' ${next.product.displayVersion} (${next.source}): ${next.command}`);
    const { exitCode } = await session.run<{ exitCode: number }>('steps/uninstall-agent/run-uninstall.ps1', { CommandLine: next.command }, { timeoutMs });
    if (!uninstallSucceeded(exitCode)) {
      throw new StepError(`Uninstalling '${next.product.displayName}' ${next.product.displayVersion} failed with exit code ${exitCode} (${next.command}).`, 'UninstallFailed');
    }
    if (exitCode === 3010 || exitCode === 1641) log.warning(`'${next.product.displayName}' asks for a reboot to finish its removal (exit code ${exitCode}).`);
    removed.push({ displayName: next.product.displayName, displayVersion: next.product.displayVersion, command: next.command, exitCode });
    state = await readUninstallState(session, installDir);
  }
}
