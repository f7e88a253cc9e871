// Runs a bundled entry as the GitHub runner would (inputs as INPUT_*, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, RUNNER_TEMP / RUNNER_TOOL_CACHE in a runner folder) and measures it:
// wall time and peak resident memory (VmHWM, polled from /proc where there is one).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function newRunnerDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-runner-'));
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  mkdirSync(path.join(dir, 'tool-cache'), { recursive: true });
  return dir;
}

function parseOutputs(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs dist/<entry>/index.js; returns { code, ms, peakRssBytes, stdout, stderr, outputs }. */
export async function runEntry(entry, inputs, { env = process.env, runnerDir = newRunnerDir(), extraEnv = {} } = {}) {
  const outputFile = path.join(runnerDir, `output-${process.hrtime.bigint()}`);
  writeFileSync(outputFile, '');
  writeFileSync(`${outputFile}.md`, '');
  const childEnv = { ...env };
  for (const key of Object.keys(childEnv)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete childEnv[key];
  // The bench never reaches the network: no connectivity probe unless the bench asks for one.
  for (const [name, value] of Object.entries({ 'connectivity-check': 'false', ...inputs })) childEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(childEnv, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: `${outputFile}.md`,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: path.join(runnerDir, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runnerDir, 'tool-cache'),
    ...extraEnv,
  });
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', entry, 'index.js')], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peak = 0;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid))), 20);
  const code = await new Promise((resolve) =>
    child.on('exit', (c) => {
      peak = Math.max(peak, peakRss(child.pid));
      resolve(c);
    }),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  clearInterval(poll);
  await new Promise((resolve) => (child.stdout.readableEnded ? resolve() : child.stdout.on('end', resolve)));
  return { code, ms, peakRssBytes: peak, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), runnerDir };
}
