/** One prerequisite as preflight.ps1 reports it. */
export interface PreflightCheck {
  id: string;
  name: string;
  passed: boolean;
  /** What was found. */
  detail: string;
  /** How to fix it (for failed checks). */
  fix: string;
}

export function failedChecks(checks: PreflightCheck[]): PreflightCheck[] {
  return checks.filter((c) => !c.passed);
}

/** Every failed check with its fix, in one line. */
export function preflightFailureMessage(checks: PreflightCheck[]): string {
  const failed = failedChecks(checks);
  const items = failed.map((c) => `${c.name}: ${c.detail}; fix: ${c.fix.replace(/\.$/, '')}`);
  return `Preflight failed ${failed.length} of ${checks.length} checks: ${items.join(' | ')}. (Input 'preflight: warn' continues anyway.)`;
}

/** Summary rows, one per check. */
export function preflightRows(checks: PreflightCheck[], mode: 'fail' | 'warn' | 'skip'): [string, string][] {
  if (mode === 'skip') return [['Preflight', 'skipped']];
  const failed = failedChecks(checks).length;
  return [
    ['Preflight', `${checks.length - failed} of ${checks.length} checks passed${failed && mode === 'warn' ? ' (warn: continued)' : ''}`],
    ...checks.map((c): [string, string] => [`Preflight: ${c.name}`, c.passed ? `pass (${c.detail})` : `FAIL: ${c.detail}. Fix: ${c.fix}`]),
  ];
}
