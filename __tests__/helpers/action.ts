/**
 * Runs a bundled entry (dist/<entry>/index.js) the way the GitHub runner does: inputs as INPUT_*
 * variables, outputs and job summary through GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and
 * RUNNER_TEMP / RUNNER_TOOL_CACHE in a private folder. With a lab server, the engine is the lab's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sourceHashModule from '../../scripts/source-hash.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface EntryRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The private folder holding the run's temp, tool cache, output and summary files. */
  runnerDir: string;
}

export interface RunOptions {
  /** Environment of the lab server (labEnv / createLabServer().env); omitted: the plain process env. */
  env?: NodeJS.ProcessEnv;
  /** Reuse a runner folder (tool cache) across runs, as one self-hosted runner would. */
  runnerDir?: string;
  timeoutMs?: number;
  /** Sees standard output as it arrives (to act on the server while the entry runs). */
  onStdout?: (chunk: string) => void;
  /** Gets the entry's process as soon as it started (to signal it as the runner would). */
  onSpawn?: (child: ChildProcess) => void;
}

/** Parses the GITHUB_OUTPUT file format (name<<delimiter ... delimiter). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
      out[m[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

export function newRunnerDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runner-'));
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  mkdirSync(path.join(dir, 'tool-cache'), { recursive: true });
  return dir;
}

/** A copy of a runner folder (its tool cache, with what earlier runs kept there), as a second runner that had the same history. */
export function copyRunnerDir(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'runner-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

const { sourceHash, SOURCE_HASH_FILE } = sourceHashModule as { sourceHash(root: string): string; SOURCE_HASH_FILE: string };
let currentSources: string | undefined;
const freshEntries = new Set<string>();

/**
 * Refuses to run a bundle built from other sources than the working tree's src/ (a lab test would
 * otherwise test old code and pass): dist/<entry>/sources.sha256 is written by `npm run bundle`.
 */
export function assertBundleFresh(entry: string): void {
  if (freshEntries.has(entry)) return;
  currentSources ??= sourceHash(repoRoot);
  const file = path.join(repoRoot, 'dist', entry, SOURCE_HASH_FILE);
  let built: string;
  try {
    built = readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`dist/${entry} has no ${SOURCE_HASH_FILE}: run \`npm run bundle\` before the lab tests.`);
  }
  if (built !== currentSources) throw new Error(`dist/${entry} was built from other sources than src/ now holds: run \`npm run bundle\` before the lab tests.`);
  freshEntries.add(entry);
}

export async function runEntry(entry: string, inputs: Record<string, string>, options: RunOptions = {}): Promise<EntryRun> {
  assertBundleFresh(entry);
  const runnerDir = options.runnerDir ?? newRunnerDir();
  const outputFile = path.join(runnerDir, `output-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const summaryFile = `${outputFile}.summary.md`;
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete env[key];
  // Tests never reach the network: the connectivity probe (on by default in the product) is off
  // unless a test gives it endpoints it serves itself on 127.0.0.1, or turns it on explicitly.
  const offline = inputs['connectivity-endpoints'] === undefined && inputs['connectivity-check'] === undefined ? { 'connectivity-check': 'false' } : {};
  for (const [name, value] of Object.entries({ ...offline, ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: path.join(runnerDir, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runnerDir, 'tool-cache'),
  });
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', entry, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    options.onStdout?.(String(d));
  });
  child.stderr.on('data', (d) => (stderr += d));
  // Only ends a hang (below vitest's ten-minute bound): no entry may fail because a busy machine is slow.
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 540_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr, outputs: parseOutputFile(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), runnerDir };
}

/**
 * The '::error::' lines of a run (what the runner shows as the failure). Throws when one of them
 * carries an escaped line break (%0A / %0D): the runner would show that "one line" as several, so
 * every "exactly one error line" check built on this can fail on a multi-line message.
 */
export function errorLines(run: EntryRun): string[] {
  const lines = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => l.slice('::error::'.length).replace(/\r$/, ''));
  const broken = lines.find((l) => /%0[AD]/i.test(l));
  if (broken !== undefined) throw new Error(`An ::error:: line spans several lines once the runner unescapes it: ${broken}`);
  return lines;
}
