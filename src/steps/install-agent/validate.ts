import type { ServerState } from '../../agent/server-state.js';
import { StepError } from '../../shared/errors.js';
import { compareVersions, isVersion, normalizeVersion } from '../../shared/version.js';
import type { InstalledAgent, InstallPlan } from './plan.js';

/** The agent as install-agent sees it: its product version (file version as fallback) and whether its service exists. */
export function installedAgent(state: ServerState): InstalledAgent {
  const raw = state.agent.installed ? state.agent.version : null;
  return { version: raw && isVersion(raw) ? normalizeVersion(raw) : null, serviceExists: state.services.agent.exists };
}

/**
 * Success is the resulting state: the agent's service exists and the agent is at least the installer's
 * version. That the bundle's version equals the agent's product version is UNDOCUMENTED, and the
 * updater may upgrade the agent right after install: a newer agent is explained, not called a failure.
 * Returns a note when the versions differ.
 */
export function validateInstalled(state: ServerState, plan: Pick<InstallPlan, 'action' | 'from' | 'to'>): string | undefined {
  const expected = plan.to;
  const agent = installedAgent(state);
  if (!agent.serviceExists) {
    throw new StepError(`The installer reported success but the agent's service ${state.agent.serviceName} does not exist.`, 'InstallNotEffective');
  }
  const read = describeVersion(state);
  if (!agent.version) {
    throw new StepError(`The installer reported success but ${state.agent.exePath} carries no version (${read}); the agent is not installed.`, 'InstallNotEffective');
  }
  const order = compareVersions(agent.version, expected);
  if (order === 0) return undefined;
  // A downgrade that left the newer agent in place did not happen (a bundle skips an older install).
  if (order > 0 && plan.action !== 'downgrade') {
    return `The installed agent is ${agent.version} (${read}), newer than the installer's ${expected}: the bundle installed a newer agent than its own version says, or the agent updater upgraded it already. Nothing is wrong; pin verify's 'expected-version' (or 'min-version') to the agent's version, not the bundle's.`;
  }
  throw new StepError(
    `The installer reported success but the agent at ${state.agent.exePath} is ${agent.version} (${read}), not ${expected}: the bundle skipped the install (a newer related bundle is registered?) or install-dir points elsewhere; see the install log.`,
    'InstallNotEffective',
  );
}

function describeVersion(state: ServerState): string {
  const { productVersion, fileVersion } = state.agent;
  if (productVersion && fileVersion && productVersion !== fileVersion) return `product version ${productVersion}, file version ${fileVersion}`;
  if (productVersion) return `product version ${productVersion}`;
  if (fileVersion) return `file version ${fileVersion}, no product version`;
  return 'no version resource';
}
