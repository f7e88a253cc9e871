import { verifyWithEarlierResults } from './root/carry-over.js';
import { verifyWithRollback } from './root/rollback-after-verify.js';
import * as core from '@actions/core';
import { readCommonSettings } from './shared/common-settings.js';
import { InputError } from './shared/errors.js';
import { Inputs } from './shared/inputs.js';
import { publishOutputs, summarySection, writeSummary } from './shared/report.js';
import { fail, failureLine, runSteps, type PlannedStep } from './shared/run-action.js';
import type { StepContext } from './shared/step.js';
import { STEPS } from './steps/registry.js';
import type { VerifySettings } from './steps/verify/settings.js';

/** Completes a step's settings with what earlier steps learned (only verify takes anything today). */
function prepareFor(name: string): PlannedStep['prepare'] {
  if (name !== 'verify') return undefined;
  return (settings, ctx: StepContext) => {
    const { settings: next, taken } = verifyWithEarlierResults(settings as VerifySettings, ctx.earlier, ctx.common.dryRun);
    for (const t of taken) ctx.log.info(`verify: ${t}`);
    return next;
  };
}

/**
 * Which steps to run: input `steps`, 'auto' (the default) asks each step whether the workflow gave
 * what it needs (Step.isRequested), or a list of names. Always in registry order.
 */
export function chooseSteps(inputs: Inputs): PlannedStep[] {
  const names = inputs.list('steps');
  const wanted = names.length === 0 || (names.length === 1 && names[0].toLowerCase() === 'auto') ? undefined : names.map((n) => n.toLowerCase());
  if (wanted) {
    const unknown = wanted.filter((n) => !STEPS.some((s) => s.name === n));
    if (unknown.length) throw new InputError('steps', `names unknown step(s) ${unknown.join(', ')}; allowed: auto, ${STEPS.map((s) => s.name).join(', ')}.`);
  }
  const chosen = STEPS.filter((s) => (wanted ? wanted.includes(s.name) : s.isRequested(inputs)));
  // Every chosen step's inputs are validated before any step changes the server.
  const planned: PlannedStep[] = chosen.map((step) => ({ step, settings: step.readSettings(inputs), prepare: prepareFor(step.name) }));
  return planned.map((p) => (p.step.name === 'verify' ? verifyWithRollback(p, planned) : p));
}

/** The root action: runs the chosen steps in order in one PowerShell session, one job summary. */
export async function run(): Promise<void> {
  try {
    const inputs = new Inputs();
    const common = readCommonSettings(inputs);
    const planned = chooseSteps(inputs);
    if (planned.length === 0) throw new InputError('steps', 'selects no step: give the inputs of the steps you want, or list them.');
    const order = planned.map((p) => p.step.name).join(' → ');
    core.info(`Steps: ${order}${common.dryRun ? ' (plan mode)' : ''}`);
    let changed = false;
    const sections: string[] = [];
    await runSteps(
      planned,
      common,
      async (step, result) => {
        changed ||= result.changed;
        publishOutputs(result, `${step.name}-`);
        sections.push(summarySection(step.title, result, common.dryRun));
      },
      (step, error) => sections.push(`### ${step.title}\n\n**Failed:** ${failureLine(error).replace(/\|/g, '\\|')}\n`),
    ).finally(async () => {
      core.setOutput('changed', String(changed));
      if (!sections.length) return;
      const head = ['## Entra provisioning agent', '', `Steps: ${order}${common.dryRun ? ' (plan mode: nothing was changed)' : ''}`, ''];
      await writeSummary([...head, ...sections].join('\n'));
    });
  } catch (error) {
    fail(error);
  }
}
