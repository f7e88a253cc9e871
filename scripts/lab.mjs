#!/usr/bin/env node
// npm run lab: the root action's bundle (dist/main/index.js), on a temporary lab server, shown the
// way GitHub's log and summary page show a run. Each scenario ends with one line saying what was
// proven, checked from the outputs and the server; the exit code is 0 only when it was.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findLabPwsh } from '../lab/fresh-server.mjs';
import { errorMessages, maskedValues, renderLog, renderOutputs, renderSummary } from '../lab/render.mjs';
import { SCENARIOS, SCENARIO_NAMES, mainEntry, repoRoot, runScenario } from '../lab/scenarios.mjs';

const USAGE = `Usage: npm run lab -- [options]

Runs the root action (dist/main) with every step on a temporary simulated Windows server and shows
the run as GitHub would: the log with group titles as headings, the outputs, the job summary.

Options:
  --scenario NAME   which server to run on (default: fresh):
${SCENARIO_NAMES.map((n) => `                      ${n.padEnd(22)}${SCENARIOS[n].title}`).join('\n')}
  --plan            plan mode (dry-run: true) on the scenario's server: shows what would change
  --debug           also show debug lines (as with ACTIONS_STEP_DEBUG on GitHub)
  --list            list the scenarios with what each server is
  --help            this text

Needs PowerShell 7 (the lab's engine) and dist/ (npm run bundle).`;

function parse(argv) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        scenario: { type: 'string', default: 'fresh' },
        plan: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (positionals.length) return { error: `unexpected argument '${positionals[0]}'` };
    if (!SCENARIOS[values.scenario]) return { error: `unknown scenario '${values.scenario}'; known: ${SCENARIO_NAMES.join(', ')}` };
    return { options: values };
  } catch (error) {
    return { error: error.message.split('\n')[0] };
  }
}

const rule = (title) => `\n${'═'.repeat(3)} ${title} ${'═'.repeat(Math.max(3, 96 - title.length))}`;
const heading = (title) => `\n── ${title}`;
const indent = (text, by = '  ') =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** Where the action's diagnostics for a failed run are listed (a bundle, once the action writes one). */
function diagnostics(run) {
  const named = Object.entries(run.outputs).filter(([name]) => /diagnostics/.test(name) && run.outputs[name]);
  if (named.length) return named.map(([name, value]) => `${name}: ${value}`).join('\n');
  return 'No diagnostics bundle: this version of the action does not write one (its outputs would be listed here).';
}

function show({ title, brief, run }, debug) {
  const masks = maskedValues(run.log);
  const out = [rule(`${title}: exit ${run.code} in ${run.seconds.toFixed(1)} s`), '', renderLog(run.log, { debug, masks })];
  const errors = errorMessages(run.log);
  if (errors.length) {
    out.push(heading('Failed'), indent(errors.map((e) => `Error: ${e}`).join('\n')));
    out.push(heading('Diagnostics'), indent(diagnostics(run)));
  }
  if (brief) {
    // A re-run: its outputs and summary repeat the first run's; only whether anything changed is news.
    const changed = Object.entries(run.outputs).filter(([name]) => name.endsWith('changed'));
    out.push(heading('Outputs'), indent(changed.map(([n, v]) => `${n}=${v}`).join(', ') || '(no outputs)'));
    return out.join('\n');
  }
  out.push(heading('Outputs'), indent(renderOutputs(run.outputs, { masks })));
  out.push(heading('Job summary'), indent(run.summary.trim() ? renderSummary(run.summary) : '(empty)'));
  return out.join('\n');
}

function main(argv) {
  const { options, error } = parse(argv);
  if (error) {
    console.error(`npm run lab: ${error}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.list) {
    for (const name of SCENARIO_NAMES) console.log(`${name.padEnd(22)}${SCENARIOS[name].title}: ${SCENARIOS[name].server}`);
    return 0;
  }
  if (!findLabPwsh()) {
    console.error(
      'npm run lab needs PowerShell 7 (pwsh): the lab server is PowerShell 7 with stand-ins for Windows.\n' +
        'Install it with   dotnet tool install --global PowerShell --version 7.6.9   (it lands in ~/.dotnet/tools),\n' +
        'or your system package (https://learn.microsoft.com/powershell/scripting/install/installing-powershell),\n' +
        'or point AGENT_LAB_PWSH at a pwsh executable.',
    );
    return 2;
  }
  if (!existsSync(mainEntry)) {
    console.error(`npm run lab: ${path.relative(repoRoot, mainEntry)} is missing: run 'npm run bundle' first.`);
    return 2;
  }
  const scenario = SCENARIOS[options.scenario];
  console.log(`Scenario: ${options.scenario}${options.plan ? ' (plan mode)' : ''}: ${scenario.title}`);
  console.log(`Server: ${scenario.server}`);
  const result = runScenario(options.scenario, { plan: options.plan });
  try {
    for (const shown of result.shown) console.log(show(shown, options.debug));
    console.log(rule('Result'));
    console.log(result.proof.line);
    return result.proof.ok ? 0 : 1;
  } finally {
    result.cleanup();
  }
}

process.exitCode = main(process.argv.slice(2));
