// The few parts of the GitHub runner's protocol the fleet scripts need (inputs from INPUT_*,
// outputs, job summary, annotations). Plain node, no dependencies: these scripts run as small
// JavaScript actions on any runner, the self-hosted Windows servers included, with no npm install.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function getInput(name, env = process.env) {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function setOutput(name, value, env = process.env) {
  const text = String(value);
  if (!env.GITHUB_OUTPUT) {
    process.stdout.write(`output ${name}=${text}${EOL}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(env.GITHUB_OUTPUT, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function appendSummary(markdown, env = process.env) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}${EOL}`, 'utf8');
}

export function info(message) {
  process.stdout.write(`${message}${EOL}`);
}

export function notice(title, message) {
  process.stdout.write(`::notice title=${escapeProperty(title)}::${escapeData(message)}${EOL}`);
}

export function setFailed(message) {
  process.exitCode = 1;
  process.stdout.write(`::error::${escapeData(message)}${EOL}`);
}

/** True when the module is the script node was started with (a CLI or an action's main). */
export function isMain(importMetaUrl) {
  if (!process.argv[1]) return false;
  const same = (a, b) => (process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b);
  return same(fileURLToPath(importMetaUrl), path.resolve(process.argv[1]));
}
