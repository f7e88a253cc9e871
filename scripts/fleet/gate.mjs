// The gate each server job of .github/workflows/rollout.yml starts with: it reads how the run's
// other server jobs ended and decides whether this server may start. It never stops anything:
// servers already running always finish; the gate only keeps new ones from starting.
//
// decide() is the whole policy (pure, unit-tested); main() fetches the jobs of this workflow run
// attempt with the job's own token (needs `actions: read`) and publishes the decision.
//   GET {GITHUB_API_URL}/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt}/jobs
import { appendSummary, getInput, info, isMain, notice, setFailed, setOutput } from './runner.mjs';

/** Every server job is named `upgrade <server>` (in a called workflow, `<caller job> / upgrade <server>`). */
export const JOB_PREFIX = 'upgrade ';
/** The step that changes the server; its failure counts before the job has ended. */
export const UPGRADE_STEP = 'Upgrade and verify';

const FAILED = new Set(['failure', 'cancelled', 'timed_out', 'startup_failure']);

/** The server a job upgrades, or undefined when it is not one of the fleet's server jobs. */
export function serverOfJob(name, servers) {
  const last =
    String(name ?? '')
      .split(' / ')
      .pop() ?? '';
  if (!last.startsWith(JOB_PREFIX)) return undefined;
  const server = last.slice(JOB_PREFIX.length).trim();
  return servers.includes(server) ? server : undefined;
}

/**
 * What a job tells about its server: 'failed' (the job ended badly, or its upgrade step already
 * failed while the job still uploads its result), 'succeeded', 'skipped' (its gate kept it from
 * starting), 'running', or 'waiting'.
 */
export function jobState(job) {
  const upgrade = (job.steps ?? []).find((s) => s.name === UPGRADE_STEP);
  if (upgrade && upgrade.status === 'completed' && FAILED.has(upgrade.conclusion)) return 'failed';
  if (job.status === 'completed') {
    if (FAILED.has(job.conclusion)) return 'failed';
    if (upgrade && upgrade.conclusion === 'skipped') return 'skipped';
    return 'succeeded';
  }
  return job.status === 'in_progress' ? 'running' : 'waiting';
}

/**
 * May `self` start? Yes while the failures known so far are within the budget (failed <= allowed,
 * as Ansible's max_fail_percentage: the rollout stops once failures EXCEED the budget).
 * Only other servers' jobs count; a server listed twice counts as failed when either job failed.
 */
export function decide({ self, servers, allowedFailures, jobs }) {
  const states = new Map();
  for (const job of jobs) {
    const server = serverOfJob(job.name, servers);
    if (!server || server === self) continue;
    const state = jobState(job);
    if (states.get(server) !== 'failed') states.set(server, state);
  }
  const failed = servers.filter((s) => states.get(s) === 'failed');
  const running = servers.filter((s) => states.get(s) === 'running');
  const failedText = failed.length ? `${failed.length} failed (${failed.join(', ')})` : 'none failed';
  if (failed.length > allowedFailures) {
    return { go: false, failed, running, reason: `${self} not started: ${failedText}, more than the failure budget of ${allowedFailures}.` };
  }
  return { go: true, failed, running, reason: `${self} starts: ${failedText} so far; failure budget ${allowedFailures}.` };
}

/** All jobs of one run attempt, every page. */
export async function fetchRunJobs({ apiUrl, repository, runId, attempt, token, fetchImpl = fetch }) {
  const jobs = [];
  for (let page = 1; page <= 50; page++) {
    const url = `${apiUrl.replace(/\/$/, '')}/repos/${repository}/actions/runs/${runId}/attempts/${attempt}/jobs?per_page=100&page=${page}`;
    const response = await fetchImpl(url, {
      headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28', 'user-agent': 'entra-provisioning-agent-fleet-gate' },
    });
    if (!response.ok) {
      const hint = response.status === 403 || response.status === 404 ? " (the job's token needs 'actions: read')" : '';
      throw new Error(`Listing the jobs of run ${runId} attempt ${attempt} failed: HTTP ${response.status}${hint}.`);
    }
    const body = await response.json();
    const batch = Array.isArray(body.jobs) ? body.jobs : [];
    jobs.push(...batch);
    if (batch.length < 100 || jobs.length >= (body.total_count ?? 0)) break;
  }
  return jobs;
}

export async function main(env = process.env, fetchImpl = fetch) {
  try {
    const self = getInput('server', env);
    const servers = JSON.parse(getInput('servers', env) || '[]');
    const allowedText = getInput('allowed-failures', env);
    if (!servers.includes(self)) throw new Error(`Input 'server' (${self || 'empty'}) is not in input 'servers'.`);
    if (!/^\d+$/.test(allowedText)) throw new Error(`Input 'allowed-failures' must be a whole number; got '${allowedText}'.`);
    const token = getInput('token', env);
    if (!token) throw new Error("Input 'token' is empty: pass github.token (with 'actions: read').");
    const jobs = await fetchRunJobs({
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      repository: env.GITHUB_REPOSITORY ?? '',
      runId: env.GITHUB_RUN_ID ?? '',
      attempt: env.GITHUB_RUN_ATTEMPT || '1',
      token,
      fetchImpl,
    });
    const decision = decide({ self, servers, allowedFailures: Number(allowedText), jobs });
    setOutput('go', String(decision.go), env);
    setOutput('failed', JSON.stringify(decision.failed), env);
    setOutput('started-at', new Date().toISOString(), env);
    if (decision.go) {
      info(decision.reason);
    } else {
      notice('Fleet gate', decision.reason);
      appendSummary(`**Fleet gate:** ${decision.reason}`, env);
    }
  } catch (error) {
    // Fail closed: a server whose gate cannot see the fleet does not start.
    setOutput('go', 'false', env);
    setFailed(`Fleet gate: ${error instanceof Error ? error.message : String(error)} The server was not started.`);
  }
}

if (isMain(import.meta.url)) await main();
