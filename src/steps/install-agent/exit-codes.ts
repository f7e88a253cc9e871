/**
 * The installer's exit codes. UNDOCUMENTED for this bundle; WiX Burn follows the Windows Installer
 * conventions, which is what these are.
 */
const MEANINGS: Record<number, string> = {
  0: 'success',
  5: 'access denied; run the installer elevated',
  87: 'an invalid parameter was passed to the installer',
  1602: 'the installation was cancelled (a UI install without /quiet, or a user cancelled)',
  1603: 'fatal error during installation',
  1618: 'another installation is already in progress',
  1619: 'the installation package could not be opened',
  1620: 'the installation package could not be opened (invalid package)',
  1625: 'the installation is forbidden by system policy',
  1633: 'this installation package is not supported on this platform',
  1638: 'another version of this product is already installed',
  1639: 'invalid command line argument',
  1641: 'success; the installer started a reboot',
  3010: 'success; a reboot is required to complete the installation',
  [0x80070643 | 0]: 'fatal error during installation (0x80070643)',
};

export type ExitOutcome = { kind: 'success'; rebootRequired: boolean; rebootStarted: boolean } | { kind: 'retry' } | { kind: 'failure' };

export function exitCodeMeaning(code: number): string {
  return MEANINGS[code | 0] ?? 'unknown exit code (see the install log)';
}

/** The code as Windows tools print it: decimal, plus hex for HRESULTs. */
export function formatExitCode(code: number): string {
  if (code < 0 || code > 0xffff) return `${code} (0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')})`;
  return String(code);
}

export function interpretExitCode(code: number): ExitOutcome {
  switch (code) {
    case 0:
      return { kind: 'success', rebootRequired: false, rebootStarted: false };
    case 3010:
      return { kind: 'success', rebootRequired: true, rebootStarted: false };
    case 1641:
      return { kind: 'success', rebootRequired: true, rebootStarted: true };
    case 1618:
      return { kind: 'retry' };
    default:
      return { kind: 'failure' };
  }
}
