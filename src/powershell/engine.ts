import * as io from '@actions/io';
import { PowerShellNotFoundError } from './errors.js';

/** 'powershell' is Windows PowerShell 5.1 (what the agent's .NET Framework module needs); 'pwsh' is 7. */
export const DEFAULT_ENGINE = 'powershell';

/** Finds the engine named by the `shell` input: a command on PATH or a path to an executable. */
export async function resolveEngine(shell: string): Promise<string> {
  const found = await io.which(shell, false);
  if (!found) {
    throw new PowerShellNotFoundError(`Input 'shell': PowerShell engine '${shell}' was not found on PATH; install it or set 'shell' to 'powershell', 'pwsh' or the engine's full path.`);
  }
  return found;
}
