/**
 * When the agent must restart, judged by state: the agent reads its config, its logon account and its
 * domains only when its process starts, so a change is in effect only once the process started after
 * it. A restart is pending when the running process started before the config's last write, or before
 * this action's mark of its last other such change (AGENT_CHANGE_MARK, written before the change).
 * A run killed between a change and the restart is therefore finished by the next run, and verify
 * reports the agent as not yet running what is on disk.
 *
 * Restarts are coalesced: in the root action every step that changed something asks for a restart and
 * the run restarts the agent once, after the last change and before verify; a step run on its own
 * restarts at once.
 */
import { PowerShellScriptError } from '../powershell/errors.js';
import type { PowerShellSession, SessionLogger } from '../powershell/session.js';
import { StepError } from '../shared/errors.js';
import type { ServerState, ServerStateCache } from './server-state.js';

export const AGENT_CHANGE_MARK = { key: 'HKLM:\\SOFTWARE\\entra-provisioning-agent', name: 'AgentChangedAt' } as const;

/** Milliseconds since the epoch; NaN for a missing or unreadable time. */
function instant(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Number.NaN;
}

export type PendingCause = 'config' | 'account-or-domains';

/**
 * Why the running agent does not run what is on the server yet (one phrase), or undefined. Only for a
 * running agent whose process start time is known; `causes` limits the rule to what a step changes.
 */
export function pendingRestart(state: ServerState, causes: PendingCause[] = ['config', 'account-or-domains']): string | undefined {
  const agent = state.services.agent;
  if (!agent.exists || agent.status !== 'Running') return undefined;
  const started = instant(agent.startedAt);
  if (Number.isNaN(started)) return undefined;
  const written = instant(state.agent.configWrittenAt);
  if (causes.includes('config') && written > started) {
    return `${agent.name} started at ${agent.startedAt}, before its config was last written (${state.agent.configWrittenAt}), so it still runs the old config`;
  }
  const changed = instant(state.agentChangedAt);
  if (causes.includes('account-or-domains') && changed > started) {
    return `${agent.name} started at ${agent.startedAt}, before its service account or domains were last changed (${state.agentChangedAt}), so it does not run with them yet`;
  }
  return undefined;
}

export interface RestartRequest {
  /** The step that asks. */
  step: string;
  /** The agent's service name (from the server's state). */
  service: string;
  /** What changed, for the log: "its config changed". */
  why: string;
  timeoutSeconds: number;
  /** Turns a failed restart into the asking step's one-line explanation. */
  explain?: (error: PowerShellScriptError) => Promise<StepError>;
}

/** Restarts of the agent service for one run (see the file comment). */
export class AgentRestarts {
  private waiting: RestartRequest[] = [];

  constructor(
    private readonly session: PowerShellSession,
    private readonly server: ServerStateCache,
    private readonly log: SessionLogger,
    /** True in a run of several steps: restart once, when flush() is called. */
    readonly coalesce: boolean,
  ) {}

  /** Restarts now (a step on its own) and returns true, or records the request for flush() and returns false. */
  async request(request: RestartRequest): Promise<boolean> {
    if (!this.coalesce) {
      await this.restart([request]);
      return true;
    }
    this.waiting.push(request);
    this.log.info(`${request.step}: the agent restart (${request.why}) is done once for the whole run, after its last change.`);
    return false;
  }

  get pending(): readonly RestartRequest[] {
    return this.waiting;
  }

  /** The one coalesced restart, when any step asked for one; returns the steps it was for. */
  async flush(): Promise<string[]> {
    if (this.waiting.length === 0) return [];
    const requests = this.waiting;
    this.waiting = [];
    await this.restart(requests);
    return [...new Set(requests.map((r) => r.step))];
  }

  private async restart(requests: RestartRequest[]): Promise<void> {
    const timeoutSeconds = Math.max(...requests.map((r) => r.timeoutSeconds));
    const why = requests.map((r) => `${r.step}: ${r.why}`).join('; ');
    const service = requests[0].service;
    this.log.info(`Restarting ${service} (${why}).`);
    try {
      await this.session.run('agent/restart-service.ps1', { Name: service, TimeoutSeconds: timeoutSeconds }, { timeoutMs: (timeoutSeconds + 60) * 1000 });
    } catch (error) {
      this.server.invalidate();
      const explain = requests.find((r) => r.explain)?.explain;
      if (explain && error instanceof PowerShellScriptError && ['ServiceRestartFailed', 'ServiceStartTimeout'].includes(error.code)) throw await explain(error);
      throw error;
    } finally {
      this.server.invalidate();
    }
  }
}
