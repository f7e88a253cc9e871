import * as core from '@actions/core';
import { AgentRestarts } from '../agent/restart.js';
import { ServerStateCache } from '../agent/server-state.js';
import { collectAfterRun } from '../diagnostics/after-run.js';
import { planAfterEarlierChanges } from '../root/plan-after.js';
import { resolveEngine } from '../powershell/engine.js';
import { PowerShellExitedError, PowerShellNotFoundError, PowerShellTimeoutError } from '../powershell/errors.js';
import { PowerShellSession, type SessionLogger } from '../powershell/session.js';
import { readCommonSettings, type CommonSettings } from './common-settings.js';
import { errorMessage, StepError } from './errors.js';
import { Inputs } from './inputs.js';
import { publishOutputs, summarySection, writeSummary } from './report.js';
import { redact } from './secrets.js';
import { stopRequested, throwIfStopRequested, watchStopSignals } from './stop.js';
import type { AnyStep, StepContext, StepResult } from './step.js';

export const actionLog: SessionLogger = {
  info: (m) => core.info(redact(m)),
  warning: (m) => core.warning(redact(m)),
  debug: (m) => core.debug(redact(m)),
};

export interface PlannedStep {
  step: AnyStep;
  settings: unknown;
  /** Root action: completes the settings with what earlier steps of the run learned, right before the step runs. */
  prepare?: (settings: unknown, context: StepContext) => unknown;
}

/** Off Windows only plan mode or an engine the workflow named itself can run (the lab does the latter). */
export function assertPlatform(common: CommonSettings, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32' || common.dryRun || common.shellGiven) return;
  throw new StepError(
    `This action manages a Windows server and this runner is ${platform}: use a self-hosted Windows runner, set 'dry-run: true' to only plan, or name a PowerShell engine with 'shell'.`,
    'NotWindows',
  );
}

/**
 * Runs steps in order in one PowerShell session. Every step's inputs were validated before this is
 * called, so bad input never leaves the server half-changed. Stops at the first failing step, and
 * before the next step once the runner asked the job to stop (src/shared/stop.ts).
 */
export async function runSteps(
  planned: PlannedStep[],
  common: CommonSettings,
  onResult: (step: AnyStep, result: StepResult) => Promise<void>,
  onError?: (step: AnyStep, error: unknown) => void,
  /** Told after the one coalesced restart of a multi-step run, with the steps it was for. */
  onRestart?: (steps: string[]) => void,
): Promise<Map<string, StepResult>> {
  // A run of steps that only talk HTTP (configure-sync) needs no engine and no Windows.
  const needsEngine = planned.some(({ step }) => step.usesPowerShell !== false);
  if (needsEngine) assertPlatform(common);
  const executable = needsEngine ? await resolveEngine(common.shell) : common.shell;
  const session = new PowerShellSession({ executable, logger: actionLog, timeoutMs: common.timeoutMs });
  const server = new ServerStateCache(session);
  // Several steps: one restart of the agent after the last change (before verify), not one per step.
  const restarts = new AgentRestarts(session, server, actionLog, planned.length > 1 && !common.dryRun);
  const context: StepContext = { common, session, server, log: actionLog, restarts, earlier: new Map() };
  const label = planned.length === 1 ? planned[0].step.name : 'run';
  let failure: string | undefined;
  let engineBroken = false;
  const unwatch = watchStopSignals((m) => actionLog.warning(m));
  let failed = false;
  try {
    for (const [index, { step, settings, prepare }] of planned.entries()) {
      throwIfStopRequested(
        planned
          .slice(index)
          .map((p) => p.step.name)
          .join(', '),
      );
      if (step.name === 'verify') await flushRestarts(restarts, onRestart);
      core.startGroup(`${step.title}${common.dryRun ? ' (plan)' : ''}`);
      let result: StepResult | undefined;
      try {
        try {
          result = await step.run(prepare ? prepare(settings, context) : settings, context);
        } catch (error) {
          result = planAfterEarlierChanges(error, context.earlier, common.dryRun);
          if (!result) throw error;
          context.log.info(`Plan: ${step.name} runs after the earlier steps' changes (${String(result.notes?.[0] ?? '')}).`);
        }
        context.earlier.set(step.name, result);
        await onResult(step, result);
        if (result.failure) throw new StepError(result.failure, 'StepJudgedFailed');
      } catch (error) {
        failed = true;
        // A step that threw has no result to report; one that judged itself failed reported already.
        if (!result) onError?.(step, error);
        throw error;
      } finally {
        core.endGroup();
      }
    }
    await flushRestarts(restarts, onRestart);
  } catch (error) {
    failure = failureLine(error);
    engineBroken = error instanceof PowerShellTimeoutError || error instanceof PowerShellNotFoundError || error instanceof PowerShellExitedError;
    throw error;
  } finally {
    // Before the session closes: the bundle is collected through it. Not after a stop request:
    // the runner kills the job seconds later, and nothing new starts then.
    if (!stopRequested()) await collectAfterRun(label, context, failure, { withServer: needsEngine && !engineBroken });
    unwatch();
    if (failed && restarts.pending.length > 0) {
      // Changes made before the failure still get their restart; if it fails too, the next run's
      // state check finds the restart pending. (A stop request restarts nothing: the next run does.)
      await flushRestarts(restarts, onRestart).catch((error: unknown) => actionLog.warning(`The agent was not restarted after the earlier changes: ${failureLine(error)}`));
    }
    await session.close();
  }
  return context.earlier;
}

async function flushRestarts(restarts: AgentRestarts, onRestart?: (steps: string[]) => void): Promise<void> {
  if (restarts.pending.length === 0) return;
  core.startGroup('Restart the agent');
  try {
    const steps = await restarts.flush();
    onRestart?.(steps);
  } finally {
    core.endGroup();
  }
}

/** Longest unbroken run of characters a failure line shows whole (paths and URLs fit; a pasted blob does not). */
const MAX_WORD = 300;

/** The single line a failed run ends with; any huge word in it (an echoed value) is cut to a readable length. */
export function failureLine(error: unknown): string {
  return redact(errorMessage(error))
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim()
    .replace(new RegExp(`\\S{${MAX_WORD + 1},}`, 'g'), (word) => `${word.slice(0, 120)}...(${word.length} characters)`);
}

export function fail(error: unknown): void {
  if (error instanceof Error && error.stack) core.debug(redact(error.stack));
  core.setFailed(failureLine(error));
}

/** Entry of a step action used on its own (dist/<step>/index.js). */
export async function runStepAction(step: AnyStep): Promise<void> {
  try {
    const inputs = new Inputs();
    const common = readCommonSettings(inputs);
    const settings = step.readSettings(inputs);
    await runSteps([{ step, settings }], common, async (s, result) => {
      publishOutputs(result);
      await writeSummary(summarySection(s.title, result, common.dryRun));
    });
  } catch (error) {
    fail(error);
  }
}
