import type { GraphClient } from '../../graph/client.js';
import { CALLS, jobPath } from './calls.js';
import type { SyncJob } from './state.js';

export interface WatchedJob {
  domain: string;
  servicePrincipalId: string;
  job: SyncJob;
}

export interface FirstCycleOptions {
  waitSeconds: number;
  pollSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Polls each job until it has run once (status.lastExecution set) or the bounded wait ends. The first
 * read is immediate; later reads are pollSeconds apart (default 10 s), never past the deadline.
 */
export async function waitForFirstCycle(client: GraphClient, jobs: WatchedJob[], options: FirstCycleOptions): Promise<{ jobs: WatchedJob[]; timedOut: WatchedJob[] }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const pollMs = (options.pollSeconds ?? 10) * 1000;
  const deadline = now() + options.waitSeconds * 1000;
  const pending = new Map(jobs.map((j) => [j.job.id, j]));
  const done: WatchedJob[] = [];
  for (;;) {
    for (const watched of [...pending.values()]) {
      const job = await client.get<SyncJob>(CALLS.readJob(watched.domain, watched.job.templateId), jobPath(watched.servicePrincipalId, watched.job.id));
      const next = { ...watched, job: { ...watched.job, ...job } };
      if (job.status?.lastExecution || job.status?.code === 'Quarantine') {
        pending.delete(watched.job.id);
        done.push(next);
      } else pending.set(watched.job.id, next);
    }
    const left = deadline - now();
    if (pending.size === 0 || left <= 0) break;
    await sleep(Math.min(pollMs, left));
  }
  const order = (w: WatchedJob) => jobs.findIndex((j) => j.job.id === w.job.id);
  return { jobs: [...done, ...pending.values()].sort((a, b) => order(a) - order(b)), timedOut: [...pending.values()] };
}
