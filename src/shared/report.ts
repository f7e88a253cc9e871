import * as core from '@actions/core';
import { redact } from './secrets.js';
import type { OutputValue, StepResult } from './step.js';

export function outputText(value: OutputValue): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function publishOutputs(result: StepResult, prefix = ''): void {
  core.setOutput(`${prefix}changed`, String(result.changed));
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(`${prefix}${name}`, outputText(value));
}

function escapeCell(text: string): string {
  return redact(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** One section of the job summary: a heading, a two-column table, notes. */
export function summarySection(title: string, result: StepResult, dryRun: boolean): string {
  const state = dryRun ? (result.changed ? 'plan: changes needed' : 'plan: nothing to change') : result.changed ? 'changed' : 'unchanged';
  const rows = [['Result', state], ...result.summary].map(([k, v]) => `| ${escapeCell(k)} | ${escapeCell(v)} |`);
  const notes = (result.notes ?? []).map((n) => `> ${escapeCell(n)}`);
  return [`### ${title}`, '', '| | |', '| --- | --- |', ...rows, '', ...(notes.length ? [...notes, ''] : [])].join('\n');
}

/** Appends to the job summary when the runner provides one (local runs may not). */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}
