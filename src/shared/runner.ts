/**
 * The GitHub runner's side of the action: inputs from INPUT_* variables, workflow commands on
 * standard output (::add-mask::, ::group::, ::warning::, ::error::, ::debug::) and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Only what the action uses, written here rather than
 * taken from @actions/core because that package loads an HTTP stack (for OIDC tokens) at start-up:
 * about a megabyte of bundle that every run, and every plan, paid before doing anything.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

/** Workflow command data: the runner reads %, CR and LF as escapes. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

/** An input as the runner passes it (untrimmed); '' when not given. */
export function getInput(name: string): string {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}

/** Tells the runner to mask a value in every log line from now on. */
export function setSecret(value: string): void {
  command('add-mask', value);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

export function warning(message: string): void {
  command('warning', message);
}

export function error(message: string): void {
  command('error', message);
}

export function debug(message: string): void {
  command('debug', message);
}

export function startGroup(name: string): void {
  command('group', name);
}

export function endGroup(): void {
  process.stdout.write(`::endgroup::${EOL}`);
}

/** Marks the step failed with one line; the process ends with exit code 1 once its work is done. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

function appendFileCommand(variable: string, text: string): void {
  const file = process.env[variable];
  if (!file) return;
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, text, { encoding: 'utf8' });
}

/** An output of the step (heredoc form of the GITHUB_OUTPUT file, safe for any value). */
export function setOutput(name: string, value: string): void {
  if (!process.env.GITHUB_OUTPUT) {
    // Outside a runner (a local run): show it; the old ::set-output command is disabled on runners.
    info(`output ${name}=${value}`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Output ${name} contains its own delimiter.`);
  appendFileCommand('GITHUB_OUTPUT', `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** Appends Markdown to the job summary, when the runner provides one. */
export function appendSummary(markdown: string): void {
  appendFileCommand('GITHUB_STEP_SUMMARY', `${markdown}${EOL}`);
}
