import type { ServerState } from '../../agent/server-state.js';
import { errorMessage, StepError } from '../../shared/errors.js';
import type { StepContext } from '../../shared/step.js';
import { compareVersions, isVersion, normalizeVersion } from '../../shared/version.js';
import { removeAgent } from '../uninstall-agent/remove.js';
import { signatureProblem, type SignatureInfo } from './provenance.js';
import { findRollbackInstaller } from './rollback-cache.js';
import type { InstallSettings } from './settings.js';

export interface RollbackTools {
  /** Runs an installer silently (with install-agent's retries); throws on failure. */
  runInstaller(file: string, sha256: string): Promise<unknown>;
}

/** The rollback worked when the agent's service exists and the agent is exactly the old version again. */
export function rolledBackProblem(state: ServerState, version: string): string | undefined {
  if (!state.services.agent.exists) return `the agent's service ${state.services.agent.name} does not exist after reinstalling ${version}`;
  const raw = state.agent.installed ? state.agent.version : null;
  const now = raw && isVersion(raw) ? normalizeVersion(raw) : null;
  if (!now || compareVersions(now, version) !== 0) return `the agent is ${now ?? 'missing'} after reinstalling ${version}`;
  return undefined;
}

/** Plan mode: whether a failed upgrade from `from` could be rolled back on this runner. */
export async function rollbackPossibility(from: string): Promise<string> {
  const kept = await findRollbackInstaller(from);
  return kept
    ? `possible: the verified installer of ${from} is in this runner's cache`
    : `not possible: no verified installer of ${from} in this runner's cache (it is kept when this action installs a version)`;
}

/**
 * Puts agent `from` back after a failed upgrade to `to`: its installer from the runner's cache
 * (re-hashed, signature and version checked again), uninstall what is there, install it, check the
 * state. Returns the one line the step fails with; throws a line saying both failures when the
 * rollback itself fails.
 */
export async function rollBack(from: string, to: string, cause: unknown, settings: InstallSettings, ctx: StepContext, tools: RollbackTools): Promise<string> {
  const what = errorMessage(cause).replace(/\.$/, '');
  const kept = await findRollbackInstaller(from);
  if (!kept) {
    throw new StepError(`${what}. No rollback: the installer of ${from} is not in this runner's cache; the server is left as the failed upgrade left it.`, 'RollbackUnavailable');
  }
  ctx.log.warning(`The upgrade to ${to} failed; rolling back to ${from} with ${kept.path}.`);
  try {
    const info = await ctx.session.run<SignatureInfo & { fileVersion: string | null; productVersion: string | null }>('steps/install-agent/inspect-installer.ps1', { Path: kept.path });
    const problem = signatureProblem(info);
    if (problem) throw new StepError(`the cached installer of ${from} is not trusted: ${problem}`);
    const version = [info.fileVersion, info.productVersion].find((v): v is string => !!v && isVersion(v));
    if (!version || compareVersions(normalizeVersion(version), from) !== 0) throw new StepError(`the cached installer is ${version ?? 'without a version'}, not ${from}`);
    await removeAgent(ctx.session, ctx.log, settings.installDir, ctx.common.timeoutMs);
    ctx.server.invalidate();
    await tools.runInstaller(kept.path, kept.sha256);
    ctx.server.invalidate();
    const left = rolledBackProblem(await ctx.server.get(settings.installDir), from);
    if (left) throw new StepError(left);
  } catch (error) {
    ctx.server.invalidate();
    throw new StepError(`${what}. The rollback to ${from} failed too: ${errorMessage(error).replace(/\.$/, '')}.`, 'RollbackFailed');
  }
  return `${what}. Rolled back: the server is back on agent ${from}; re-apply the configuration (configure-gmsa, set-fips, enable-writeback) if this run did not.`;
}
