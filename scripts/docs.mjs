#!/usr/bin/env node
// Keeps the root action.yml and the README's tables in step with the step actions, so they never drift.
//   node scripts/docs.mjs          rewrite action.yml (inputs/outputs) and the README tables
//   node scripts/docs.mjs --check  exit 1 when either is out of date (CI and a test run this)
// The root action's inputs are the union of the steps' inputs (an input shared by several steps
// must be described the same way in each), plus its own; its outputs are every step's outputs
// prefixed with the step's name, plus its own.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STEP_ORDER = ['install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'verify'];
const check = process.argv.includes('--check');

const ROOT_INPUTS = {
  steps: { description: "Which steps to run, in this order whatever the list says: 'auto' runs every step whose required inputs are given (install-agent always), or a list of step names.", default: 'auto' },
};
const ROOT_OUTPUTS = {
  changed: { description: 'true when any step changed the server (in plan mode: would change it).' },
};

function load(file) {
  return parse(readFileSync(path.join(root, file), 'utf8'));
}

export function collect() {
  const steps = STEP_ORDER.filter((s) => existsSync(path.join(root, s, 'action.yml'))).map((name) => ({ name, action: load(`${name}/action.yml`) }));
  const inputs = {};
  const problems = [];
  for (const { name, action } of steps) {
    for (const [input, spec] of Object.entries(action.inputs ?? {})) {
      if (!spec.description) problems.push(`${name}: input '${input}' has no description`);
      const known = inputs[input];
      if (known && (known.spec.description !== spec.description || String(known.spec.default ?? '') !== String(spec.default ?? ''))) {
        problems.push(`input '${input}' is described differently in ${known.steps[0]} and ${name}`);
      }
      if (known) known.steps.push(name);
      else inputs[input] = { spec, steps: [name] };
    }
    for (const [output, spec] of Object.entries(action.outputs ?? {})) {
      if (!spec.description) problems.push(`${name}: output '${output}' has no description`);
    }
  }
  return { steps, inputs, problems };
}

function cell(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function inputTable(entries) {
  const rows = entries.map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} | ${spec.default === undefined || spec.default === '' ? (spec.required ? '**required**' : '') : `\`${cell(spec.default)}\``} |`);
  return ['| input | description | default |', '| --- | --- | --- |', ...rows].join('\n');
}

function outputTable(entries) {
  return ['| output | description |', '| --- | --- |', ...entries.map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`)].join('\n');
}

function rootAction(existingText, { steps, inputs }) {
  const doc = parseDocument(existingText);
  const allInputs = { ...ROOT_INPUTS };
  for (const [name, { spec }] of Object.entries(inputs)) allInputs[name] = { description: spec.description, required: false, ...(spec.default !== undefined ? { default: String(spec.default) } : {}) };
  const allOutputs = { ...ROOT_OUTPUTS };
  for (const { name, action } of steps) {
    for (const [output, spec] of Object.entries(action.outputs ?? {})) allOutputs[`${name}-${output}`] = { description: `${name}: ${spec.description}` };
  }
  doc.set('inputs', allInputs);
  doc.set('outputs', allOutputs);
  return doc.toString({ lineWidth: 0 });
}

function readmeTables(readme, { steps, inputs }) {
  const blocks = { 'root-inputs': inputTable(Object.entries(load('action.yml').inputs ?? {})) };
  for (const { name, action } of steps) {
    blocks[`${name}-inputs`] = inputTable(Object.entries(action.inputs ?? {}));
    blocks[`${name}-outputs`] = outputTable(Object.entries(action.outputs ?? {}));
  }
  void inputs;
  return readme.replace(/(<!-- table:([\w-]+) -->)[\s\S]*?(<!-- \/table -->)/g, (whole, open, name, close) =>
    blocks[name] === undefined ? whole : `${open}\n${blocks[name]}\n${close}`,
  );
}

const collected = collect();
if (collected.problems.length) {
  for (const p of collected.problems) console.error(`docs: ${p}`);
  process.exit(1);
}
const actionFile = path.join(root, 'action.yml');
const actionBefore = readFileSync(actionFile, 'utf8');
const actionAfter = rootAction(actionBefore, collected);
if (!check) writeFileSync(actionFile, actionAfter);
const readmeFile = path.join(root, 'README.md');
const readmeBefore = readFileSync(readmeFile, 'utf8');
const readmeAfter = readmeTables(readmeBefore, collected);
if (!check) writeFileSync(readmeFile, readmeAfter);
const stale = [actionBefore !== actionAfter && 'action.yml', readmeBefore !== readmeAfter && 'README.md'].filter(Boolean);
if (check && stale.length) {
  console.error(`docs: ${stale.join(' and ')} out of date with the step actions: run 'npm run docs'.`);
  process.exit(1);
}
console.log(check ? 'docs: up to date' : `docs: wrote ${['action.yml', 'README.md'].join(', ')}`);
