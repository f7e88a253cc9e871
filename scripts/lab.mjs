#!/usr/bin/env node
// npm run lab: the root action's bundle (dist/main/index.js), every step, on a temporary lab server,
// run twice the way a runner would. The first run builds the server; the second must change nothing.
// Exit 0 only when both runs succeed and the second reports changed=false for every step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeCloudProcess } from '../lab/fake-cloud-process.mjs';
import { createFreshServer, engineStarts, findLabPwsh } from '../lab/fresh-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'main', 'index.js');

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

/** Runs the bundle as the runner would: INPUT_* variables, output and summary files, runner temp. */
function runAction(server, runnerDir, label) {
  const output = path.join(runnerDir, `${label}.output`);
  const summary = path.join(runnerDir, `${label}.summary.md`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = { ...server.env };
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete env[key];
  for (const [name, value] of Object.entries(server.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: path.join(runnerDir, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runnerDir, 'tool-cache'),
  });
  const started = Date.now();
  const child = spawnSync(process.execPath, [entry], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    code: child.status,
    seconds: (Date.now() - started) / 1000,
    // The runner consumes ::add-mask:: lines; shown here they would print the lab's passwords.
    log: `${child.stdout}${child.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n'),
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

function show(title, run) {
  console.log(`\n========== ${title}: exit ${run.code} in ${run.seconds.toFixed(1)} s ==========`);
  console.log('---------- log ----------');
  console.log(run.log.trimEnd());
  console.log('---------- outputs ----------');
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}=${value.length > 160 ? `${value.slice(0, 157)}...` : value}`);
  console.log('---------- job summary ----------');
  console.log(run.summary.trimEnd());
}

async function main() {
  if (!findLabPwsh()) {
    console.error(
      'npm run lab needs PowerShell 7 (pwsh): the lab server is PowerShell 7 with stand-ins for Windows.\n' +
        'Install it with   dotnet tool install --global PowerShell --version 7.6.9   (it lands in ~/.dotnet/tools),\n' +
        'or your system package (https://learn.microsoft.com/powershell/scripting/install/installing-powershell),\n' +
        'or point AGENT_LAB_PWSH at a pwsh executable.',
    );
    return 2;
  }
  if (!existsSync(entry)) {
    console.error(`npm run lab: ${path.relative(root, entry)} is missing: run 'npm run bundle' first.`);
    return 2;
  }
  // The tenant's cloud side for configure-sync: Graph, GitHub's OIDC issuer and the token endpoint.
  const cloud = await startFakeCloudProcess();
  const server = createFreshServer();
  server.env = { ...server.env, ...cloud.env };
  server.inputs = { ...server.inputs, ...cloud.inputs, 'tenant-id': server.inputs['tenant-id'] };
  const runnerDir = mkdtempSync(path.join(tmpdir(), 'agent-runner-'));
  for (const dir of ['temp', 'tool-cache']) mkdirSync(path.join(runnerDir, dir));
  try {
    console.log(`Lab server: ${server.root}`);
    console.log('Fresh Windows Server 2022 (FIPS policy on), no agent; stand-in signed installer; tenant with a Hybrid Identity Administrator and a Global Administrator; forest contoso.com with a KDS root key.');
    console.log(`Fake cloud: Graph ${cloud.info.graphUrl}, sign-in ${cloud.info.loginUrl}, GitHub OIDC ${cloud.info.oidcUrl} (app ${cloud.info.clientId}, federated credential for this run).`);
    const first = runAction(server, runnerDir, 'first');
    show('First run (builds the server)', first);
    const startsBefore = engineStarts(server.root);
    const second = runAction(server, runnerDir, 'second');
    show('Second run (must change nothing)', second);
    const engines = engineStarts(server.root) - startsBefore;

    const stepChanges = Object.entries(second.outputs).filter(([name]) => name.endsWith('-changed'));
    const problems = [];
    if (first.code !== 0) problems.push(`the first run failed (exit ${first.code})`);
    if (second.code !== 0) problems.push(`the second run failed (exit ${second.code})`);
    if (second.outputs.changed !== 'false') problems.push(`the second run reported changed=${second.outputs.changed}`);
    for (const [name, value] of stepChanges) if (value !== 'false') problems.push(`the second run reported ${name}=${value}`);
    const configured = JSON.parse(first.outputs['configure-sync-configurations'] || '[]');
    const jobs = configured.flatMap((c) => c.jobs ?? []);
    if (jobs.length === 0 || jobs.some((j) => j.status !== 'Active')) problems.push(`the Cloud Sync configuration was not created and started (${first.outputs['configure-sync-configurations'] || 'no output'})`);
    console.log('\n========== Result ==========');
    console.log(`Second run: ${stepChanges.map(([n, v]) => `${n}=${v}`).join(', ')}, changed=${second.outputs.changed}; PowerShell engines started: ${engines}.`);
    if (problems.length) {
      console.log(`FAILED: ${problems.join('; ')}.`);
      return 1;
    }
    console.log('OK: the first run built the server, the second changed nothing.');
    return 0;
  } finally {
    await cloud.stop();
    server.cleanup();
    rmSync(runnerDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
