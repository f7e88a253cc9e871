import type { StepResult } from '../shared/step.js';
import { normaliseGmsa } from '../steps/verify/account.js';
import type { VerifySettings } from '../steps/verify/settings.js';

/** What a later step takes from earlier ones when the workflow did not say it itself. */
export interface CarryOver<S> {
  settings: S;
  /** One line per value taken over, for the log. */
  taken: string[];
}

function output(earlier: Map<string, StepResult>, step: string, name: string): string {
  const value = earlier.get(step)?.outputs[name];
  return value === null || value === undefined ? '' : String(value).trim();
}

/**
 * verify checks what this run just did: the version install-agent installed or found, the gMSA
 * configure-gmsa set, the tenant it registered to. Given inputs always win. In plan mode nothing is
 * taken over: verify then reports the server as it is, not as planned.
 */
export function verifyWithEarlierResults(settings: VerifySettings, earlier: Map<string, StepResult>, dryRun: boolean): CarryOver<VerifySettings> {
  if (dryRun) return { settings, taken: [] };
  const next = { ...settings };
  const taken: string[] = [];
  const version = output(earlier, 'install-agent', 'version');
  if (!next.expectedVersion && !next.minVersion && version) {
    next.expectedVersion = version;
    taken.push(`expected-version ${version} (from install-agent)`);
  }
  const gmsa = output(earlier, 'configure-gmsa', 'gmsa');
  // Only a gMSA (name ends in '$'); with gmsa: keep the account may be the agent's virtual account.
  if (!next.expectedGmsa && gmsa.endsWith('$')) {
    next.expectedGmsa = normaliseGmsa(gmsa);
    taken.push(`expected-gmsa ${next.expectedGmsa} (from configure-gmsa)`);
  }
  const tenant = output(earlier, 'configure-gmsa', 'registered');
  if (!next.tenantId && tenant) {
    next.tenantId = tenant;
    taken.push(`tenant-id ${tenant} (from configure-gmsa)`);
  }
  return { settings: next, taken };
}
