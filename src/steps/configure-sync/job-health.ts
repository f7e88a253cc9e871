import { GraphClient } from '../../graph/client.js';
import { acquireGraphToken } from '../../graph/sign-in.js';
import type { GraphAccess } from '../../graph/sign-in-settings.js';
import { errorMessage } from '../../shared/errors.js';
import { redact } from '../../shared/secrets.js';
import { PROVISIONING_TEMPLATE } from './calls.js';
import { readSyncState, type Configuration, type SyncJob } from './state.js';

/** A job's state in words [doc: synchronizationStatus]: code, last run and its result, last success. */
export function jobState(job: SyncJob): string {
  const s = job.status ?? {};
  const parts = [s.code ?? 'no status'];
  if (s.lastExecution) parts.push(`last run ${s.lastExecution.state ?? 'unknown'}${s.lastExecution.timeEnded ? ` at ${s.lastExecution.timeEnded}` : ''}`);
  else parts.push('not run yet');
  if (s.lastSuccessfulExecution?.timeEnded) parts.push(`last success ${s.lastSuccessfulExecution.timeEnded}`);
  return parts.join(', ');
}

/** One line about a domain's job. */
export function jobLine(domain: string, job: SyncJob): string {
  return `${domain} ${job.templateId}: ${jobState(job)}`;
}

/** What to do about a quarantine, by reason [doc: synchronizationStatus; how-to-inbound-synch-ms-graph.md]. */
export function quarantineAdvice(reason: string | undefined): string {
  if (reason === 'TooManyDeletes') {
    return 'check the deletions in the provisioning logs; if they are intended, restart the job with resetScope ForceDeletes, else fix the source and start the job';
  }
  return 'read the provisioning logs and fix the cause, then start the job again (configure-sync does not restart a quarantined job)';
}

/** Whether the job is healthy and one line saying why (verify's sync-jobs check). */
export function judgeJob(domain: string, job: SyncJob): { ok: boolean; detail: string } {
  const s = job.status ?? {};
  if (s.code === 'Quarantine' || s.quarantine) {
    const q = s.quarantine ?? {};
    const error = q.error?.message
      ? `: ${q.error.message
          .replace(/\s+/g, ' ')
          .replace(/[.\s]+$/, '')
          .slice(0, 160)}`
      : '';
    return { ok: false, detail: `${domain} ${job.templateId} is in quarantine since ${q.currentBegan ?? 'an unknown time'} (reason ${q.reason ?? 'unknown'}${error}); ${quarantineAdvice(q.reason)}` };
  }
  if (s.lastExecution?.state === 'Failed') {
    const error = s.lastExecution.error?.message
      ? ` (${s.lastExecution.error.message
          .replace(/\s+/g, ' ')
          .replace(/[.\s]+$/, '')
          .slice(0, 160)})`
      : '';
    return { ok: false, detail: `${jobLine(domain, job)}${error}; read the provisioning logs` };
  }
  return { ok: true, detail: jobLine(domain, job) };
}

/** Verify's view of the configured jobs: every domain's configuration, or why they could not be read. */
export type SyncJobsAnswer = { configurations: Record<string, Configuration | null> } | { error: string };

/** Every job of every domain judged; a domain without a configuration or a provisioning job fails. */
export function syncJobsDetail(answer: SyncJobsAnswer): { ok: boolean; detail: string } {
  if ('error' in answer) return { ok: false, detail: answer.error.replace(/[.\s]+$/, '') };
  const lines: { ok: boolean; detail: string }[] = [];
  for (const [domain, config] of Object.entries(answer.configurations)) {
    if (!config) {
      lines.push({ ok: false, detail: `${domain} has no Cloud Sync configuration (run configure-sync)` });
      continue;
    }
    if (!config.jobs.some((j) => j.templateId === PROVISIONING_TEMPLATE)) lines.push({ ok: false, detail: `${domain} has no ${PROVISIONING_TEMPLATE} job (run configure-sync)` });
    for (const job of config.jobs) lines.push(judgeJob(domain, job));
  }
  const failed = lines.filter((l) => !l.ok);
  return { ok: failed.length === 0, detail: (failed.length ? failed : lines).map((l) => l.detail).join('; ') };
}

/** Reads the configured jobs for verify (read-only); a failure becomes the check's reason. */
export async function askSyncJobs(access: GraphAccess, domains: string[], timeoutMs: number): Promise<SyncJobsAnswer> {
  let client: GraphClient | undefined;
  try {
    const token = await acquireGraphToken(access.signIn, { timeoutMs });
    client = new GraphClient({ graphUrl: access.graphUrl, token, timeoutMs });
    const state = await readSyncState(client, domains, { schema: false });
    return { configurations: state.configurations };
  } catch (error) {
    return { error: redact(errorMessage(error)).replace(/\s*\r?\n\s*/g, ' ') };
  } finally {
    client?.dispose();
  }
}
