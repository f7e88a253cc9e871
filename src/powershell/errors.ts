/** The engine could not be found or started. */
export class PowerShellNotFoundError extends Error {
  override name = 'PowerShellNotFoundError';
}

/** A script threw: `code` is its error id (see Fail in host.ps1), the message is the script's own. */
export class PowerShellScriptError extends Error {
  override name = 'PowerShellScriptError';
  constructor(
    message: string,
    readonly code: string,
    readonly script: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A request ran longer than its timeout; the engine was stopped. */
export class PowerShellTimeoutError extends Error {
  override name = 'PowerShellTimeoutError';
}

/** The engine exited while a request was under way (crash, killed, bad executable). */
export class PowerShellExitedError extends Error {
  override name = 'PowerShellExitedError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(message);
  }
}
