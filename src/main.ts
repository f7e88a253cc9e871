import * as core from './shared/runner.js';
import { readCommonSettings } from './shared/common-settings.js';
import { InputError } from './shared/errors.js';
import { Inputs } from './shared/inputs.js';
import { publishOutputs, summarySection, writeSummary } from './shared/report.js';
import { fail, runSteps, type PlannedStep } from './shared/run-action.js';
import { STEPS } from './steps/registry.js';

/** Which steps to run: input `steps` ('auto': every step whose required inputs are present). */
function chooseSteps(inputs: Inputs): PlannedStep[] {
  const names = inputs.list('steps');
  const wanted = names.length === 0 || (names.length === 1 && names[0].toLowerCase() === 'auto') ? undefined : names.map((n) => n.toLowerCase());
  if (wanted) {
    const unknown = wanted.filter((n) => !STEPS.some((s) => s.name === n));
    if (unknown.length) throw new InputError('steps', `names unknown step(s) ${unknown.join(', ')}; allowed: auto, ${STEPS.map((s) => s.name).join(', ')}.`);
  }
  const chosen = STEPS.filter((s) => (wanted ? wanted.includes(s.name) : s.isRequested(inputs)));
  // Every chosen step's inputs are validated before any step changes the server.
  return chosen.map((step) => ({ step, settings: step.readSettings(inputs) }));
}

/** The root action: runs the chosen steps in order in one PowerShell session. */
export async function run(): Promise<void> {
  try {
    const inputs = new Inputs();
    const common = readCommonSettings(inputs);
    const planned = chooseSteps(inputs);
    if (planned.length === 0) throw new InputError('steps', 'selects no step: give the inputs of the steps you want, or list them.');
    core.info(`Steps: ${planned.map((p) => p.step.name).join(' → ')}${common.dryRun ? ' (plan mode)' : ''}`);
    let changed = false;
    const sections: string[] = [];
    await runSteps(planned, common, async (step, result) => {
      changed ||= result.changed;
      publishOutputs(result, `${step.name}-`);
      sections.push(summarySection(step.title, result, common.dryRun));
    }).finally(async () => {
      if (sections.length) await writeSummary(['## Entra provisioning agent', '', ...sections].join('\n'));
    });
    core.setOutput('changed', String(changed));
  } catch (error) {
    fail(error);
  }
}
