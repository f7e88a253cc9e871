import type { Step, StepResult } from '../../shared/step.js';
import { askSyncJobs } from '../configure-sync/job-health.js';
import { readAgentConfig } from './agent-config.js';
import { checkConnectivity, connectivityFailure, rowFor } from '../../network/check.js';
import { CHECK_TITLES, noAgentErrors, type AgentEvents, evaluateChecks, servicesToWaitFor, unhealthyLine, withStatuses } from './checks.js';
import { readVerifySettings, type VerifySettings } from './settings.js';
import { askTenant } from './tenant.js';

interface WaitResult {
  statuses: Record<string, string | null>;
  waitedSeconds: number;
}

const GRAPH_TIMEOUT_MS = 30_000;

/**
 * Checks the agent end to end and changes nothing. A healthy server costs the one shared state read;
 * services that are not running yet get a bounded wait (one more request) before they count as down.
 */
export const verifyStep: Step<VerifySettings> = {
  name: 'verify',
  title: 'Verify the provisioning agent',
  readSettings: readVerifySettings,
  // Read-only and the natural end of every run, so the root action includes it unless steps are listed.
  isRequested: () => true,

  async run(settings, ctx): Promise<StepResult> {
    const dryRun = ctx.common.dryRun;
    let state = await ctx.server.get(settings.installDir);
    let waitedSeconds: number | undefined;
    const waitFor = servicesToWaitFor(state);
    // In plan mode earlier steps changed nothing, so there is nothing to wait for.
    if (waitFor.length > 0 && settings.serviceWaitSeconds > 0 && !dryRun) {
      const waited = await ctx.session.run<WaitResult>(
        'steps/verify/wait-services.ps1',
        { Name: waitFor, TimeoutSeconds: settings.serviceWaitSeconds },
        { timeoutMs: Math.max(ctx.common.timeoutMs, (settings.serviceWaitSeconds + 60) * 1000) },
      );
      state = withStatuses(state, waited.statuses);
      waitedSeconds = waited.waitedSeconds;
      ctx.server.invalidate();
    }

    const config = await readAgentConfig(state.agent.configPath);
    // Graph, the network probe and the event log are independent: asked at the same time.
    const [tenant, network, events, syncJobs] = await Promise.all([
      settings.graph ? askTenant(settings.graph, GRAPH_TIMEOUT_MS) : Promise.resolve(undefined),
      settings.connectivity.enabled ? checkConnectivity(settings.connectivity, config.proxyAddress ?? undefined) : Promise.resolve(undefined),
      state.services.agent.exists ? ctx.session.run<AgentEvents>('steps/verify/read-agent-events.ps1', { ServiceName: state.services.agent.name }) : Promise.resolve(undefined),
      settings.sync ? askSyncJobs(settings.sync.access, settings.sync.domains, GRAPH_TIMEOUT_MS) : Promise.resolve(undefined),
    ]);
    const connectivity = network ? { failure: connectivityFailure(network) ?? '', endpoints: network.results.length } : undefined;
    const checks = evaluateChecks({ state, config, settings, tenant, waitedSeconds, events, connectivity, syncJobs });
    const healthy = checks.every((c) => c.ok);
    for (const c of checks) ctx.log.info(`${c.ok ? 'pass' : 'FAIL'} ${c.check}: ${c.detail}`);
    const failedCount = checks.filter((c) => !c.ok).length;
    ctx.log.info(healthy ? `Healthy: all ${checks.length} checks passed.` : `Not healthy: ${failedCount} of ${checks.length} checks failed.`);

    const notes: string[] = [];
    if (settings.tenantCheckSkipped) {
      ctx.log.warning(settings.tenantCheckSkipped);
      notes.push(settings.tenantCheckSkipped);
    }
    let failure: string | undefined;
    if (!healthy) {
      if (dryRun) notes.push('Plan mode: this is the server as it is now, before any planned change; verify does not fail the job in plan mode.');
      else if (settings.reportOnly) notes.push('report-only is true: the job does not fail although the agent is unhealthy.');
      else failure = unhealthyLine(checks);
    }
    return {
      changed: false,
      outputs: { healthy, version: state.agent.version ?? '', report: JSON.stringify(checks) },
      summary: [
        ['Healthy', healthy ? 'yes' : 'no'],
        ...checks.map((c): [string, string] => [CHECK_TITLES[c.check], `${c.ok ? '✅ pass' : '❌ fail'}: ${c.detail}`]),
        ...(events && !events.error && !events.count && !checks.some((c) => c.check === 'agent-errors') ? [[CHECK_TITLES['agent-errors'], noAgentErrors(events)] as [string, string]] : []),
        ...(network ? network.results.map(rowFor) : []),
      ],
      notes,
      failure,
    };
  },
};
