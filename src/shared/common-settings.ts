import { DEFAULT_ENGINE } from '../powershell/engine.js';
import type { Inputs } from './inputs.js';

/** Inputs every step (and the root action) shares, with the same names everywhere. */
export interface CommonSettings {
  /** Plan mode: read the state, print the plan, change nothing. */
  dryRun: boolean;
  /** 'powershell' (Windows PowerShell 5.1), 'pwsh', or a path to the engine. */
  shell: string;
  /** True when the workflow named the engine itself (how the action runs off Windows, e.g. in the lab). */
  shellGiven: boolean;
  /** Bound for any one PowerShell call. */
  timeoutMs: number;
  /** When to write the diagnostics bundle (src/diagnostics). */
  diagnostics: DiagnosticsMode;
}

export const DIAGNOSTICS_MODES = ['on-failure', 'always', 'never'] as const;
export type DiagnosticsMode = (typeof DIAGNOSTICS_MODES)[number];

export function readCommonSettings(inputs: Inputs): CommonSettings {
  const shell = inputs.text('shell', { default: DEFAULT_ENGINE });
  return {
    dryRun: inputs.bool('dry-run', false),
    shell,
    shellGiven: inputs.has('shell'),
    timeoutMs: inputs.integer('timeout-minutes', 30, 1, 360) * 60_000,
    diagnostics: inputs.choice('diagnostics', DIAGNOSTICS_MODES, 'on-failure'),
  };
}
