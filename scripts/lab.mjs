#!/usr/bin/env node
// npm run lab: the root action's bundle (dist/main/index.js), on a temporary lab server, shown the
// way GitHub's log and summary page show a run. Each scenario ends with one line saying what was
// proven, checked from the outputs and the server; the exit code is 0 only when it was.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findLabPwsh } from '../lab/fresh-server.mjs';
import { renderScenario } from '../lab/render.mjs';
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
    const unknown = /Unknown option '([^']+)'/.exec(error.message)?.[1];
    if (unknown) return { error: `unknown option '${unknown}'${unknown === '--dry-run' ? ' (plan mode is --plan)' : ''}` };
    return { error: error.message.split(/\.\s|\n/)[0] };
  }
}

async function main(argv) {
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
  const result = await runScenario(options.scenario, { plan: options.plan });
  try {
    console.log(renderScenario(result, { debug: options.debug }));
    return result.proof.ok ? 0 : 1;
  } finally {
    result.cleanup();
  }
}

process.exitCode = await main(process.argv.slice(2));
