import type { ServerState } from '../../agent/server-state.js';
import { asPreflightChecks, checkConnectivity, type ConnectivitySettings } from '../../network/check.js';
import type { PreflightCheck } from './preflight.js';

/** The connectivity probe as preflight checks, through the proxy the installed agent's config names (an upgrade). */
export async function networkChecks(settings: ConnectivitySettings, state: ServerState): Promise<PreflightCheck[]> {
  if (!settings.enabled) return [];
  // The XML parser is loaded only when there is a config to read (an upgrade): most installs start faster.
  const config = state.agent.configExists ? await (await import('../verify/agent-config.js')).readAgentConfig(state.agent.configPath) : undefined;
  return asPreflightChecks(await checkConnectivity(settings, config?.proxyAddress ?? undefined));
}
