import { GraphClient } from '../../graph/client.js';
import { acquireGraphToken } from '../../graph/sign-in.js';
import { errorMessage, StepError } from '../../shared/errors.js';
import { redact } from '../../shared/secrets.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { applySync, type Known } from './apply.js';
import { waitForFirstCycle, type WatchedJob } from './first-cycle.js';
import { jobState, judgeJob } from './job-health.js';
import { describeChange, planSync } from './plan.js';
import { readConfigureSyncSettings, type ConfigureSyncSettings } from './settings.js';
import { readSyncState, WANTED_TEMPLATES, type Configuration } from './state.js';

const GRAPH_TIMEOUT_MS = 30_000;

function configurationsOutput(configurations: Record<string, Configuration | null>): string {
  return JSON.stringify(
    Object.entries(configurations).map(([domain, c]) => ({
      domain,
      servicePrincipalId: c?.servicePrincipalId ?? null,
      jobs: (c?.jobs ?? []).map((j) => ({ templateId: j.templateId, id: j.id, status: j.status?.code ?? null })),
    })),
  );
}

function summaryRows(configurations: Record<string, Configuration | null>): [string, string][] {
  return Object.entries(configurations).map(([domain, c]): [string, string] => [
    domain,
    c ? `configuration ${c.servicePrincipalId} (found by ${c.foundBy}); ${c.jobs.length ? c.jobs.map((j) => `${j.templateId} job ${j.id}: ${jobState(j)}`).join('; ') : 'no job'}` : 'no configuration',
  ]);
}

async function waitAndReport(client: GraphClient, settings: ConfigureSyncSettings, known: Known, ctx: StepContext): Promise<{ line: string; failure?: string; notes: string[] }> {
  const watched: WatchedJob[] = [];
  const templates = WANTED_TEMPLATES(settings.passwordHashSync);
  for (const [domain, c] of Object.entries(known.configurations)) {
    for (const templateId of templates) {
      const job = c?.jobs.find((j) => j.templateId === templateId);
      if (c && job) watched.push({ domain, servicePrincipalId: c.servicePrincipalId, job });
    }
  }
  ctx.log.info(`configure-sync: waiting up to ${settings.waitFirstCycleSeconds} s for the first cycle of ${watched.length} job(s)`);
  const { jobs, timedOut } = await waitForFirstCycle(client, watched, { waitSeconds: settings.waitFirstCycleSeconds });
  for (const w of jobs) {
    const c = known.configurations[w.domain];
    if (c) c.jobs = c.jobs.map((j) => (j.id === w.job.id ? w.job : j));
  }
  const judged = jobs.filter((w) => !timedOut.includes(w)).map((w) => judgeJob(w.domain, w.job));
  const notes = timedOut.map((w) => `${w.domain} ${w.job.templateId}: no cycle finished within ${settings.waitFirstCycleSeconds} s (it may still be running).`);
  const bad = judged.filter((j) => !j.ok);
  return {
    line: [...judged.map((j) => j.detail), ...timedOut.map((w) => `${w.domain} ${w.job.templateId}: still waiting`)].join('; '),
    failure: bad.length ? `The first sync cycle did not succeed: ${bad.map((b) => b.detail).join('; ')}.` : undefined,
    notes,
  };
}

/**
 * Creates and starts the Cloud Sync configuration of each AD domain through Microsoft Graph
 * [doc: how-to-inbound-synch-ms-graph.md]. Get (read the tenant) -> plan (pure) -> apply (only what
 * differs) -> read again; a converged tenant costs reads only and no write call.
 */
export const configureSyncStep: Step<ConfigureSyncSettings> = {
  name: 'configure-sync',
  title: 'Configure Cloud Sync (Microsoft Graph)',
  readSettings: readConfigureSyncSettings,
  isRequested: (inputs) => inputs.has('sync-domains'),
  usesPowerShell: false,

  async run(settings, ctx): Promise<StepResult> {
    const token = await acquireGraphToken(settings.access.signIn, { timeoutMs: GRAPH_TIMEOUT_MS });
    const client = new GraphClient({
      graphUrl: settings.access.graphUrl,
      token,
      timeoutMs: GRAPH_TIMEOUT_MS,
      onRetry: (seconds, reason) => ctx.log.info(`configure-sync: ${reason}; retrying in ${seconds} s`),
    });
    try {
      const state = await readSyncState(client, settings.domains, { schema: settings.passwordHashSync });
      const plan = planSync(state, settings);
      for (const note of plan.notes) ctx.log.info(`configure-sync: ${note}`);
      if (plan.blocked) throw new StepError(plan.blocked, 'SyncPlanBlocked');
      const planned = plan.changes.map(describeChange);
      const outputs = { configurations: configurationsOutput(state.configurations), 'first-cycle': '' };
      if (ctx.common.dryRun || plan.changes.length === 0) {
        for (const line of planned) ctx.log.info(`Plan: ${line}`);
        return {
          changed: plan.changes.length > 0,
          outputs,
          summary: [...summaryRows(state.configurations), ...planned.map((p): [string, string] => ['Would change', p])],
          notes: plan.notes,
        };
      }

      const known: Known = { configurations: structuredClone(state.configurations), created: [], done: [] };
      // Whatever fails from here on, the result lists what exists and what was done.
      const stopped = (error: unknown): StepResult => {
        const created = known.created.length ? ` Created before the failure: ${known.created.join('; ')}.` : '';
        const done = known.done.length ? ` Done before the failure: ${known.done.join('; ')}.` : '';
        return {
          changed: known.done.length > 0,
          outputs: { configurations: configurationsOutput(known.configurations), 'first-cycle': '' },
          summary: [...summaryRows(known.configurations), ...known.done.map((d): [string, string] => ['Changed', d])],
          notes: [...plan.notes, 'The run stopped part-way; running it again continues from what exists.'],
          failure: redact(`${errorMessage(error).replace(/[.\s]+$/, '')}.${done}${created}`),
        };
      };
      let left: ReturnType<typeof planSync>['changes'];
      let firstCycle: Awaited<ReturnType<typeof waitAndReport>> | undefined;
      try {
        await applySync(client, state, plan.changes, settings, known, ctx.log);
        // Judged by the state: read again; only a still-running start may remain.
        const after = await readSyncState(client, settings.domains, { schema: settings.passwordHashSync });
        left = planSync(after, settings).changes.filter((c) => c.kind !== 'start-job');
        known.configurations = after.configurations;
        if (left.length === 0 && settings.waitFirstCycleSeconds > 0) firstCycle = await waitAndReport(client, settings, known, ctx);
      } catch (error) {
        return stopped(error);
      }
      return {
        changed: true,
        outputs: { configurations: configurationsOutput(known.configurations), 'first-cycle': firstCycle?.line ?? '' },
        summary: [...summaryRows(known.configurations), ...known.done.map((d): [string, string] => ['Changed', d]), ...(firstCycle ? [['First cycle', firstCycle.line] as [string, string]] : [])],
        notes: [...plan.notes, ...(firstCycle?.notes ?? [])],
        failure: left.length ? `Microsoft Graph accepted the changes but still differs from the settings: ${left.map(describeChange).join('; ')}.` : firstCycle?.failure,
      };
    } finally {
      client.dispose();
    }
  },
};
