// install-agent: the reason given for each plan, the codes of the failures that stop the run, and the
// inputs (which installer value is a URL, a path or neither; the exact one-line errors).
import { describe, expect, it } from 'vitest';
import { StepError } from '../src/shared/errors.js';
import { Inputs } from '../src/shared/inputs.js';
import { planInstall } from '../src/steps/install-agent/plan.js';
import { readInstallSettings } from '../src/steps/install-agent/settings.js';

const read = (values: Record<string, string>) => readInstallSettings(new Inputs((name) => values[name] ?? ''));
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { message: (error as Error).message, code: error instanceof StepError ? error.code : undefined };
  }
  return { message: 'no error', code: undefined };
};
const at = (version: string | null, serviceExists = true) => ({ version, serviceExists });

describe('install plan reasons', () => {
  it.each([
    [at(null, false), { allowDowngrade: false }, 'install', 'The agent is not installed; install 1.1.2505.0.'],
    [at('1.1.2505.0', false), { allowDowngrade: false }, 'repair', 'Agent 1.1.2505.0 files are present but its service is missing; reinstall 1.1.2505.0.'],
    [at('1.1.2505.0'), { allowDowngrade: false }, 'none', 'Agent 1.1.2505.0 is installed, the same version as the installer.'],
    [at('1.1.1000.0'), { allowDowngrade: false }, 'upgrade', 'Upgrade the agent from 1.1.1000.0 to 1.1.2505.0.'],
    [at('1.1.3000.0'), { allowDowngrade: true, version: '1.1.2505.0' }, 'downgrade', 'Downgrade the agent from 1.1.3000.0 to 1.1.2505.0 (allow-downgrade).'],
  ] as const)('%j with %j: %s', (installed, options, action, reason) => {
    expect(planInstall(installed, '1.1.2505.0', options)).toMatchObject({ action, reason });
  });

  it('stops on an installer of another version than asked, with its code', () => {
    expect(failure(() => planInstall(at(null, false), '1.1.2505.0', { allowDowngrade: false, version: '1.1.2600.0' }))).toEqual({
      message: "The installer is version 1.1.2505.0 but input 'version' asks for 1.1.2600.0: give the installer of that version (or change 'version').",
      code: 'InstallerVersionMismatch',
    });
  });

  it('stops on a pinned downgrade that is not allowed, with its code', () => {
    expect(failure(() => planInstall(at('1.1.3000.0'), '1.1.2505.0', { allowDowngrade: false, version: '1.1.2505.0' }))).toEqual({
      message: "The installed agent 1.1.3000.0 is newer than the installer (1.1.2505.0); refusing to downgrade: set 'allow-downgrade: true' to install the older version, or use a newer installer.",
      code: 'DowngradeRefused',
    });
  });
});

describe('install-agent inputs in detail', () => {
  it('reads every number and switch; rollback is off by default', () => {
    expect(read({})).toMatchObject({ installDir: undefined, installRetries: 5, retryDelaySeconds: 30, cacheHours: 24, rollback: false });
    expect(read({ 'install-dir': 'D:\\Agent', 'install-retries': '2', 'retry-delay-seconds': '0', 'installer-cache-hours': '0', rollback: 'true' })).toMatchObject({
      installDir: 'D:\\Agent',
      installRetries: 2,
      retryDelaySeconds: 0,
      cacheHours: 0,
      rollback: true,
    });
  });

  it('accepts an http URL', () => {
    expect(read({ installer: 'http://media.contoso.com/AADConnectProvisioningAgentSetup.exe' }).installer).toEqual({
      kind: 'url',
      url: 'http://media.contoso.com/AADConnectProvisioningAgentSetup.exe',
      isDefault: false,
    });
  });

  it.each(['\\\\f\\media\\setup.exe', '../media/setup.exe', '..\\media\\setup.exe', '\\\\?\\C:\\media\\setup.exe'])('takes %s for a path (then checks that it exists)', (value) => {
    expect(failure(() => read({ installer: value })).message).toMatch(/^Input 'installer' names a file that does not exist: /);
  });

  it.each([
    ['see C:\\media\\setup.exe', "Input 'installer' must be an http(s) URL or a file path (absolute, or starting with ./); got 'see C:\\media\\setup.exe'."],
    ['see https://media.contoso.com/setup.exe', "Input 'installer' must be an http(s) URL or a file path (absolute, or starting with ./); got 'see https://media.contoso.com/setup.exe'."],
    ['C:\\media\\set?up.exe', "Input 'installer' must be an http(s) URL or a file path (absolute, or starting with ./); got 'C:\\media\\set?up.exe'."],
    ['C:\\media\\\\?\\setup.exe', "Input 'installer' must be an http(s) URL or a file path (absolute, or starting with ./); got 'C:\\media\\\\?\\setup.exe'."],
    [`setup-${'x'.repeat(70)}`, `Input 'installer' must be an http(s) URL or a file path (absolute, or starting with ./); got 'setup-${'x'.repeat(54)}'.`],
    ['https://media contoso.com/setup.exe', "Input 'installer' is not a valid URL: 'https://media contoso.com/setup.exe'."],
    ['ftp://media.contoso.com/setup.exe', "Input 'installer' must be an http(s) URL or a file path; got a ftp URL."],
    ['https://svc@media.contoso.com/setup.exe', "Input 'installer' must not carry credentials in the URL."],
  ])('refuses the installer %s in one line', (value, expected) => {
    expect(failure(() => read({ installer: value })).message).toBe(expected);
  });

  it.each([
    [`x${'a'.repeat(64)}`, `'x${'a'.repeat(56)}...' (65 characters)`],
    [`${'a'.repeat(64)}x`, `'${'a'.repeat(57)}...' (65 characters)`],
    ['a'.repeat(63), `'${'a'.repeat(57)}...' (63 characters)`],
  ])('refuses the hash %s', (value, shown) => {
    expect(failure(() => read({ 'installer-sha256': value })).message).toBe(`Input 'installer-sha256' must be a SHA-256 hash (64 hexadecimal characters); got ${shown}.`);
  });

  it('shows at most 60 characters of a bad version', () => {
    expect(failure(() => read({ version: `v${'1'.repeat(70)}` })).message).toBe(`Input 'version' must be a version like 1.1.2505.0; got 'v${'1'.repeat(59)}'.`);
  });
});
