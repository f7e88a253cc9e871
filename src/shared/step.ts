import type { AgentRestarts } from '../agent/restart.js';
import type { ServerStateCache } from '../agent/server-state.js';
import type { PowerShellSession, SessionLogger } from '../powershell/session.js';
import type { CommonSettings } from './common-settings.js';
import type { Inputs } from './inputs.js';

export type OutputValue = string | number | boolean | null | undefined;

export interface StepResult {
  /** True when the server was changed (or, in plan mode, would be). */
  changed: boolean;
  /** Published as the step's outputs (names as in its action.yml). */
  outputs: Record<string, OutputValue>;
  /** Rows for the job summary table: [what, value]. */
  summary: [string, string][];
  /** Lines shown under the table (warnings worth reading, what to do next). */
  notes?: string[];
  /**
   * Set when the step did its work but judges the outcome a failure (e.g. verify found the agent
   * unhealthy): outputs and summary are still published, then the run fails with this one line.
   */
  failure?: string;
}

/** What a step gets to work with; in the root action every step shares one. */
export interface StepContext {
  common: CommonSettings;
  session: PowerShellSession;
  /** The server's state, read once and shared; invalidate() after a change. */
  server: ServerStateCache;
  log: SessionLogger;
  /** Agent restarts: a step asks, and the run restarts at once (step alone) or once before verify (root). */
  restarts: AgentRestarts;
  /** What earlier steps of the same run learned, by step name (root action only). */
  earlier: Map<string, StepResult>;
}

/**
 * One step of the action. run() follows Get → Test → Set: read the state, compute the plan with a
 * pure function (unit-tested without PowerShell), stop there in plan mode, apply only what differs,
 * then read the state again and judge success by it.
 */
export interface Step<S> {
  /** Folder name of the step action, e.g. 'install-agent'. */
  name: string;
  /** Heading in logs and the job summary. */
  title: string;
  /** Reads and validates this step's inputs once; throws InputError. */
  readSettings(inputs: Inputs): S;
  /** For the root action's default `steps`: whether the workflow gave what this step needs. */
  isRequested(inputs: Inputs): boolean;
  /** False for a step that never starts PowerShell (it may then run on any runner); default true. */
  usesPowerShell?: boolean;
  run(settings: S, context: StepContext): Promise<StepResult>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStep = Step<any>;
