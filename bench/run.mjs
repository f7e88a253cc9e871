#!/usr/bin/env node
// npm run bench: measures the bundled action (dist/) on the lab host and prints one table with
// ratios against the floor (what any run pays before the action does anything). Every figure is
// the median of several runs, floor and action measured in the same run, because the machine is
// shared. Needs PowerShell 7 (the lab's engine) and a current dist/ (npm run bundle).
//
//   npm run bench                 # default repetitions (7)
//   BENCH_RUNS=11 npm run bench   # more repetitions
//   BENCH_ONLY=cold npm run bench # only some parts: converged, download, cold (comma-separated)
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLabServer, labBin, readEvents } from '../lab/lab.mjs';
import { createFleetLab, fleetInstaller, fullInputs, startLabWeb } from './fleet-lab.mjs';
import { newRunnerDir, repoRoot, runEntry } from './run-entry.mjs';

const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 7));
const ONLY = (process.env.BENCH_ONLY ?? 'converged,download,cold').split(',').map((s) => s.trim());
const STEP_ENTRIES = ['install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'verify'];
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-'));
const cleanups = [() => rmSync(scratch, { recursive: true, force: true })];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (message) => process.stderr.write(`bench: ${message}\n`);

function findPwsh() {
  if (process.env.AGENT_LAB_PWSH) return process.env.AGENT_LAB_PWSH;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && path.resolve(dir) !== labBin && existsSync(path.join(dir, 'pwsh'))) return path.join(dir, 'pwsh');
  }
  const dotnet = path.join(homedir(), '.dotnet', 'tools', 'pwsh');
  if (existsSync(dotnet)) return dotnet;
  throw new Error('PowerShell 7 (pwsh) not found: the lab needs it (dotnet tool install --global PowerShell).');
}

/** Wall time of one process from spawn to exit, in ms. */
function timeProcess(file, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

async function medianOf(runs, measure) {
  const values = [];
  for (let i = 0; i < runs; i++) values.push(await measure(i));
  return median(values);
}

// ---------------------------------------------------------------------------------------------
// Floor: a bare node start, and a bare PowerShell start (and the lab's shim, which adds the
// LabHost module a real server does not load).
const pwsh = findPwsh();
async function floors(env) {
  const node = await medianOf(RUNS, () => timeProcess(process.execPath, ['-e', '']));
  const engine = await medianOf(RUNS, () => timeProcess(pwsh, ['-NoProfile', '-Command', 'exit']));
  const labEngine = await medianOf(RUNS, () => timeProcess(path.join(labBin, 'powershell'), ['-NoProfile', '-Command', 'exit'], env));
  return { node, engine, labEngine };
}

// ---------------------------------------------------------------------------------------------
// Cold start of an entry: from spawn until it has validated its inputs and starts its engine.
// The engine is a stub that records the wall clock when it starts and exits at once (the entry
// then fails, which is after the moment measured).
const markFile = path.join(scratch, 'engine-started');
const stubEngine = path.join(scratch, 'engine');
writeFileSync(stubEngine, '#!/bin/sh\ndate +%s%N > "$BENCH_ENGINE_MARK"\nexit 0\n');
chmodSync(stubEngine, 0o755);

/** One measurement: ms from spawn until the entry started its engine. */
async function coldStartOnce(entry, inputs) {
  rmSync(markFile, { force: true });
  // Wall clock on both sides (the stub can only read that one); ms resolution is plenty here.
  const before = Date.now();
  await runEntry(entry, { 'dry-run': 'true', shell: stubEngine, ...inputs }, { extraEnv: { BENCH_ENGINE_MARK: markFile } });
  if (!existsSync(markFile)) throw new Error(`${entry} did not start its engine in plan mode`);
  return Number(BigInt(readFileSync(markFile, 'utf8').trim()) / 1_000_000n) - before;
}

// ---------------------------------------------------------------------------------------------
const rows = [];
const row = (what, measured, floor, ratio, target, met, { info = false } = {}) => rows.push({ what, measured, floor, ratio, target, met, info });
const ms = (v) => `${Math.round(v)} ms`;
const mb = (v) => `${(v / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  if (!existsSync(path.join(repoRoot, 'dist', 'main', 'index.js'))) {
    throw new Error('dist/main/index.js is missing: run npm run bundle first.');
  }
  const web = await startLabWeb();
  cleanups.push(() => web.close());

  let floor = { node: 0, engine: 0, labEngine: 0 };
  if (ONLY.includes('converged')) floor = await convergedRows(web);
  if (ONLY.includes('download')) await downloadRows(web);
  if (ONLY.includes('cold')) await coldRows();
  printTable(floor);
}

async function convergedRows(web) {
  log('converging a lab server with the root action ...');
  const lab = createFleetLab();
  cleanups.push(lab.cleanup);
  const installerUrl = web.serve('/agent/setup', fleetInstaller(path.join(scratch, 'media')));
  const runnerDir = newRunnerDir();
  cleanups.push(() => rmSync(runnerDir, { recursive: true, force: true }));
  const inputs = fullInputs(installerUrl, web.base);
  // Restarts of the agent service, from the lab's event log (each restart logs "stopped (restart)").
  const agentRestarts = () => readEvents(lab.root).filter((e) => / service AADConnectProvisioningAgent stopped \(restart\)$/.test(e)).length;
  const first = await runEntry('main', inputs, { env: lab.env, runnerDir });
  if (first.code !== 0) throw new Error(`the first (converging) run failed:\n${first.stdout}\n${first.stderr}`);
  const freshRestarts = agentRestarts();

  const floor = await floors(lab.env);
  log(`floor: node ${ms(floor.node)}, pwsh ${ms(floor.engine)}, lab shim ${ms(floor.labEngine)}`);

  const commandLog = path.join(lab.root, 'lab', 'commandlines.log');
  const engineStarts = () =>
    readFileSync(commandLog, 'utf8')
      .split('\n')
      .filter((l) => /^(powershell|pwsh) /.test(l)).length;
  // Every stop of an agent service (a restart logs 'stopped (restart)'): a converged run needs none.
  const agentStops = () => readEvents(lab.root).filter((e) => /service AADConnect\w* stopped/.test(e)).length;
  const times = [];
  const engines = [];
  const restarts = [];
  const bytes = [];
  for (let i = 0; i < RUNS; i++) {
    const startsBefore = engineStarts();
    const stopsBefore = agentStops();
    const bytesBefore = web.state.fileBytes;
    const run = await runEntry('main', inputs, { env: lab.env, runnerDir });
    if (run.code !== 0) throw new Error(`a converged run failed:\n${run.stdout}`);
    const changed = Object.entries(run.outputs).filter(([k, v]) => k.endsWith('-changed') && v === 'true' && k !== 'enable-writeback-changed');
    if (changed.length) throw new Error(`a converged run changed something: ${changed.map(([k]) => k).join(', ')}`);
    times.push(run.ms);
    engines.push(engineStarts() - startsBefore);
    restarts.push(agentStops() - stopsBefore);
    bytes.push(web.state.fileBytes - bytesBefore);
  }
  const converged = median(times);
  row(
    'Converged re-run of the root action (all 5 steps)',
    ms(converged),
    `node + pwsh = ${ms(floor.node + floor.engine)}`,
    converged / (floor.node + floor.engine),
    '≤ 1.5',
    converged / (floor.node + floor.engine) <= 1.5,
  );
  row(
    '  same, against the lab floor (pwsh + LabHost import)',
    ms(converged),
    `node + lab pwsh = ${ms(floor.node + floor.labEngine)}`,
    converged / (floor.node + floor.labEngine),
    '≤ 1.5',
    converged / (floor.node + floor.labEngine) <= 1.5,
  );
  row('PowerShell processes started by a converged run', String(Math.max(...engines)), '1', Math.max(...engines), '≤ 2', Math.max(...engines) <= 2);
  row('Agent restarts in a fresh build (root action, all 5 steps)', String(freshRestarts), '1', freshRestarts, '1', freshRestarts === 1);
  row('Agent service restarts in a converged run', String(Math.max(...restarts)), '0', Math.max(...restarts), '0', Math.max(...restarts) === 0);
  row('Installer bytes downloaded by a second run', `${Math.max(...bytes)} B`, '0 B', Math.max(...bytes), '0', Math.max(...bytes) === 0);
  return floor;
}

async function downloadRows(web) {
  // --- Peak memory of a download: 20 MB vs 200 MB through install-agent ---------------------------
  log('downloading 20 MB and 200 MB installers ...');
  const peak = {};
  for (const size of [20, 200]) {
    const file = fleetInstaller(path.join(scratch, `media-${size}`), { paddingBytes: size * 1024 * 1024 });
    const url = web.serve(`/agent/setup-${size}`, file);
    const values = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const dlLab = createLabServer();
      const dlRunner = newRunnerDir();
      const run = await runEntry('install-agent', { shell: 'powershell', installer: url, 'dry-run': 'true', preflight: 'skip' }, { env: dlLab.env, runnerDir: dlRunner });
      if (run.code !== 0) throw new Error(`the ${size} MB download failed:\n${run.stdout}`);
      values.push(run.peakRssBytes);
      dlLab.cleanup();
      rmSync(dlRunner, { recursive: true, force: true });
    }
    peak[size] = median(values);
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const growth = peak[200] / peak[20];
  row('Peak RSS of install-agent downloading 20 MB', mb(peak[20]), '', 1, '', true);
  row('Peak RSS of install-agent downloading 200 MB', mb(peak[200]), `20 MB run = ${mb(peak[20])}`, growth, '≤ 1.1 (flat)', growth <= 1.1);
}

async function coldRows() {
  log('cold starts ...');
  const planInputs = {
    main: { 'tenant-username': 'hia@contoso.onmicrosoft.com', 'tenant-password': 'x', 'domain-username': 'CONTOSO\\admin', 'domain-password': 'x', 'password-writeback': 'true' },
    'install-agent': {},
    'configure-gmsa': { 'tenant-username': 'hia@contoso.onmicrosoft.com', 'tenant-password': 'x', 'domain-username': 'CONTOSO\\admin', 'domain-password': 'x' },
    'set-fips': {},
    'enable-writeback': { 'password-writeback': 'true', 'writeback-username': 'ga@contoso.onmicrosoft.com', 'writeback-password': 'x' },
    verify: {},
  };
  const entries = ['main', ...STEP_ENTRIES];
  // Interleaved (bare node, then every entry, per round) so a busy moment hits floor and entries alike.
  const bare = [];
  const cold = Object.fromEntries(entries.map((e) => [e, []]));
  for (let i = 0; i < RUNS; i++) {
    bare.push(await timeProcess(process.execPath, ['-e', '']));
    for (const entry of entries) cold[entry].push(await coldStartOnce(entry, planInputs[entry]));
  }
  const bareNode = median(bare);
  for (const entry of entries) {
    const value = median(cold[entry]);
    // For information only: the cold-start target is retired (the entries load @actions/core).
    row(`Cold start of ${entry} (plan mode, until its engine starts)`, ms(value), `node -e '' = ${ms(bareNode)}`, value / bareNode, '', true, { info: true });
  }
}

function printTable(floor) {
  const header = ['Measure', 'Measured', 'Floor', 'Ratio', 'Target', 'Met'];
  const ratioText = (r) => (Number.isInteger(r.ratio) ? String(r.ratio) : r.ratio.toFixed(2));
  const body = rows.map((r) => [r.what, r.measured, r.floor, r.target || r.info ? ratioText(r) : '', r.info ? 'info' : r.target, r.target ? (r.met ? 'yes' : 'NO') : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nMedians of ${RUNS} runs; node ${process.version}; PowerShell ${execFileSync(pwsh, ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).trim()}; floor: node ${ms(floor.node)}, pwsh ${ms(floor.engine)}, lab pwsh ${ms(floor.labEngine)}.\n`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) console.log(line(b));
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
