#!/usr/bin/env node
// For debugging with @github/local-action off Windows (README, "Debugging with @github/local-action"):
// makes a fresh lab server (lab/fresh-server.mjs), writes an env file for local-action from
// .env.example with this server's installer and a runner folder of its own, and prints the lab
// server's root for AGENT_LAB_ROOT. Fails loudly (exit 1, nothing printed on stdout) rather than
// leave a half-made setup; it never overwrites an existing env file.
//
//   node lab/local-action-env.mjs .env      # prints the lab root
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createFreshServer } from './fresh-server.mjs';
import { labDir } from './lab.mjs';

function main(args) {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('usage: node lab/local-action-env.mjs <env file to write, e.g. .env>');
    return 2;
  }
  const envFile = path.resolve(args[0]);
  if (existsSync(envFile)) {
    console.error(`lab: ${envFile} exists already; move it away (it may hold your own settings) and run this again.`);
    return 1;
  }
  const server = createFreshServer();
  const runner = mkdtempSync(path.join(tmpdir(), 'entra-agent-local-'));
  for (const dir of ['temp', 'tool-cache']) mkdirSync(path.join(runner, dir));
  const summary = path.join(runner, 'summary.md');
  writeFileSync(summary, '');
  const values = {
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: path.join(runner, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runner, 'tool-cache'),
    INPUT_INSTALLER: server.installer,
  };
  const template = readFileSync(path.join(labDir, '..', '.env.example'), 'utf8');
  const written = template.replace(/^([A-Z_-]+)=.*$/gm, (line, name) => (name in values ? `${name}=${values[name]}` : line));
  for (const name of Object.keys(values)) {
    if (!new RegExp(`^${name}=`, 'm').test(written)) throw new Error(`.env.example has no ${name}= line to fill in`);
  }
  writeFileSync(envFile, written);
  console.error(`lab: wrote ${path.relative(process.cwd(), envFile) || envFile} for the lab server ${server.root} (runner folder ${runner}).`);
  console.log(server.root);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
