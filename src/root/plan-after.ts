import { errorMessage, StepError } from '../shared/errors.js';
import type { StepResult } from '../shared/step.js';

/** Failures that a change planned by an earlier step of the same run would remove. */
const WAITS_FOR = new Set(['AgentNotInstalled', 'AgentTooOld', 'NotRegistered']);

/**
 * Plan mode of a multi-step run: a step cannot plan against an agent that an earlier step only
 * plans to install, upgrade or register. Instead of failing the plan, it is reported as running
 * after those changes. Returns undefined when the error stands (no earlier change, other cause).
 */
export function planAfterEarlierChanges(error: unknown, earlier: Map<string, StepResult>, dryRun: boolean): StepResult | undefined {
  if (!dryRun || !(error instanceof StepError) || !WAITS_FOR.has(error.code)) return undefined;
  const changers = [...earlier].filter(([, r]) => r.changed).map(([name]) => name);
  if (changers.length === 0) return undefined;
  const line = errorMessage(error);
  return {
    changed: true,
    outputs: {},
    summary: [['Plan', `runs after the changes planned by ${changers.join(', ')}; it cannot be planned in detail before them`]],
    notes: [`As the server is now: ${line}`],
  };
}
