import type { DiagnosticsMode } from '../shared/common-settings.js';
import { errorMessage } from '../shared/errors.js';
import * as core from '@actions/core';
import type { StepContext, StepResult } from '../shared/step.js';
import { buildDiagnosticsBundle } from './bundle.js';

/** How long the collection may take, whatever the step's own timeout: a failing run must end. */
const COLLECT_TIMEOUT_MS = 180_000;

export function wantsBundle(mode: DiagnosticsMode, failed: boolean): boolean {
  return mode === 'always' || (mode === 'on-failure' && failed);
}

/** The action's own report, as report.json in the bundle. */
export function runReport(label: string, results: Map<string, StepResult>, failure: string | undefined, dryRun: boolean): unknown {
  return {
    action: label,
    dryRun,
    failed: failure !== undefined,
    failure,
    steps: [...results].map(([name, r]) => ({ name, changed: r.changed, outputs: r.outputs, summary: r.summary, notes: r.notes ?? [], failure: r.failure })),
  };
}

/**
 * Writes the diagnostics bundle when the mode asks for it and publishes `diagnostics-path`. Never
 * throws: a bundle that cannot be written is a warning, the run's own outcome stays what it was.
 */
export async function collectAfterRun(label: string, ctx: StepContext, failure: string | undefined, options: { withServer: boolean }): Promise<string | undefined> {
  if (!wantsBundle(ctx.common.diagnostics, failure !== undefined)) return undefined;
  const installDir = [...ctx.earlier.values()].map((r) => r.outputs['install-dir']).find((d): d is string => typeof d === 'string' && d !== '');
  const logs = [...ctx.earlier.values()].map((r) => r.outputs['log-path']).filter((p): p is string => typeof p === 'string' && p !== '');
  try {
    const bundle = await buildDiagnosticsBundle({
      // An engine that hung, died or is missing is not asked again: the bundle then holds the report only.
      session: options.withServer ? ctx.session : undefined,
      report: runReport(label, ctx.earlier, failure, ctx.common.dryRun),
      label,
      installDir,
      extraFiles: logs,
      timeoutMs: Math.min(COLLECT_TIMEOUT_MS, ctx.common.timeoutMs),
    });
    ctx.log.info(`Diagnostics bundle: ${bundle.path} (${bundle.entries.length} files${bundle.skipped.length ? `; ${bundle.skipped.length} note(s) in manifest.txt` : ''}).`);
    core.setOutput('diagnostics-path', bundle.path);
    return bundle.path;
  } catch (error) {
    ctx.log.warning(`The diagnostics bundle could not be written: ${errorMessage(error)}`);
    return undefined;
  }
}
