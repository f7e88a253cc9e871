/**
 * PowerShell 7 discovery for tests.
 *
 *   findPwsh(): string | undefined
 *     First of: env PWSH_PATH (must exist), `pwsh` on PATH, ~/.dotnet/tools/pwsh.
 *   pwsh: string | undefined          findPwsh() evaluated once at import.
 *   pwshRequired: boolean             true unless env SKIP_PWSH=1 (REQUIRE_PWSH=1 in CI wins over it).
 *   pwshMissingMessage: string        explains how to get pwsh; for warnings/errors.
 *   describeWithPwsh(name, fn, { concurrent? })
 *                                     like describe(name, () => fn(pwshPath)) (describe.concurrent
 *                                     with concurrent: true), except
 *                                     when pwsh is missing:
 *                                       - by default (and always with REQUIRE_PWSH=1): registers
 *                                         one failing test carrying pwshMissingMessage, so a
 *                                         machine without PowerShell never passes `npm test`;
 *                                       - SKIP_PWSH=1 (an explicit opt-out): a loud warning and
 *                                         describe.skip with a single placeholder test, reported
 *                                         as skipped (fn is not called).
 *
 * Usage:
 *   import { describeWithPwsh } from './helpers/pwsh.js';
 *   describeWithPwsh('my scripts', (pwsh) => { it('...', () => { execFileSync(pwsh, [...]) }) });
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

const exeNames = process.platform === 'win32' ? ['pwsh.exe', 'pwsh'] : ['pwsh'];

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findPwsh(): string | undefined {
  const fromEnv = process.env.PWSH_PATH;
  if (fromEnv) return isExecutable(fromEnv) ? fromEnv : undefined;

  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of exeNames) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }

  for (const name of exeNames) {
    const candidate = join(homedir(), '.dotnet', 'tools', name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export const pwsh: string | undefined = findPwsh();
export const pwshRequired: boolean = process.env.REQUIRE_PWSH === '1' || process.env.SKIP_PWSH !== '1';

export const pwshMissingMessage: string = process.env.PWSH_PATH
  ? `PowerShell 7 not found: PWSH_PATH=${process.env.PWSH_PATH} is not an executable file.`
  : 'PowerShell 7 (pwsh) not found on PATH or at ~/.dotnet/tools/pwsh. ' +
    'Install it (e.g. `dotnet tool install --global PowerShell`) or set PWSH_PATH; ' +
    'or run with SKIP_PWSH=1 to skip every PowerShell and lab test knowingly.';

export interface PwshSuiteOptions {
  /**
   * The suite's tests share nothing that one test changes and another reads (each builds its own
   * lab server): vitest runs them concurrently (up to maxConcurrency, vitest.config.ts), which
   * overlaps their PowerShell starts.
   */
  concurrent?: boolean;
}

export function describeWithPwsh(name: string, fn: (pwshPath: string) => void, options: PwshSuiteOptions = {}): void {
  if (pwsh) {
    const found = pwsh;
    (options.concurrent ? describe.concurrent : describe)(name, () => fn(found));
    return;
  }
  if (pwshRequired) {
    describe(name, () => {
      it('PowerShell 7 is available', () => {
        throw new Error(pwshMissingMessage);
      });
    });
    return;
  }
  console.warn(`\n!!! SKIP_PWSH=1: SKIPPING "${name}" -- PowerShell 7 is missing, so this run proves nothing about the lab.\n`);
  // fn is not called: its collection code would try to run pwsh.
  describe.skip(name, () => {
    it('requires PowerShell 7', () => {});
  });
}
