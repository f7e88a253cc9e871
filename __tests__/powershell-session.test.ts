import { afterAll, beforeAll, expect, it } from 'vitest';
import * as path from 'node:path';
import { PowerShellSession } from '../src/powershell/session.js';
import { PowerShellExitedError, PowerShellScriptError, PowerShellTimeoutError } from '../src/powershell/errors.js';
import { clearSecretsForTests, registerSecret } from '../src/shared/secrets.js';
import { describeWithPwsh } from './helpers/pwsh.js';

const fixture = (name: string) => path.join(import.meta.dirname, 'fixtures', 'ps', name);
const AWKWARD = `-' " $x \` ; & | < > % ^ ! spaces ü€ 中`;

/** The error a promise rejects with; fails the test when it resolves. */
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function capture() {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    logger: {
      info: (message: string) => lines.push({ level: 'info', message }),
      warning: (message: string) => lines.push({ level: 'warning', message }),
      debug: (message: string) => lines.push({ level: 'debug', message }),
    },
  };
}

describeWithPwsh('PowerShell session runner', (pwsh) => {
  const log = capture();
  let session: PowerShellSession;
  beforeAll(() => {
    clearSecretsForTests();
    session = new PowerShellSession({ executable: pwsh, logger: log.logger, timeoutMs: 30_000 });
  });
  afterAll(() => session.close());

  it('passes parameters and secrets, returns the script result, and routes streams to the log', async () => {
    const result = await session.runFile<Record<string, unknown>>(fixture('echo.ps1'), { Name: 'wörld', Count: 3, Items: ['a', 'b'] }, { secrets: { Password: AWKWARD } });
    expect(result).toMatchObject({ name: 'wörld', count: 3, items: ['a', 'b'], passwordEcho: AWKWARD, passwordLength: AWKWARD.length });
    expect(log.lines).toContainEqual({ level: 'info', message: 'hello wörld' });
    expect(log.lines).toContainEqual({ level: 'warning', message: 'careful' });
    expect(log.lines).toContainEqual({ level: 'debug', message: 'quiet' });
  });

  it('keeps a one-element array an array (5.1 unrolls them unless told not to)', async () => {
    const result = await session.runFile<{ items: string[] }>(fixture('echo.ps1'), { Items: ['only'] });
    expect(result.items).toEqual(['only']);
  });

  it("turns Fail into a typed error with the script's code and message", async () => {
    const error = await failure(session.runFile(fixture('fail.ps1'), { Code: 'KdsRootKeyMissing' }));
    expect(error).toBeInstanceOf(PowerShellScriptError);
    expect(error).toMatchObject({ code: 'KdsRootKeyMissing', message: 'No KDS root key exists in the forest.', script: 'fail.ps1' });
  });

  it("turns a cmdlet error into a typed error carrying the cmdlet's message", async () => {
    const error = await failure(session.runFile(fixture('throw.ps1')));
    expect(error).toBeInstanceOf(PowerShellScriptError);
    expect(error.message).toContain('/definitely/not/here');
    expect(error.line).toBe(1);
  });

  it('fails on a native exit code the script did not allow, and passes on an allowed one', async () => {
    const error = await failure(session.runFile(fixture('native.ps1'), { ExitCode: 3 }));
    expect(error).toBeInstanceOf(PowerShellScriptError);
    expect(error).toMatchObject({ code: 'NativeCommandFailed' });
    expect(error.message).toContain('exited with code 3');
    await expect(session.runFile(fixture('native.ps1'), { ExitCode: 0 })).resolves.toEqual({ ok: true });
  });

  it('redacts a secret (and its base64 forms) from log lines and error messages', async () => {
    const secret = 'Pa$$w0rd-With;Semi&Amp';
    const error = await failure(session.runFile(fixture('leak.ps1'), {}, { secrets: { Password: secret } }));
    expect(error).toBeInstanceOf(PowerShellScriptError);
    const everything = JSON.stringify(log.lines) + error.message + error.code;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(Buffer.from(secret, 'utf16le').toString('base64'));
    expect(error.message).toBe('failed with ***');
  });

  it('stops a script that outlives its timeout, then starts a fresh engine for the next request', async () => {
    const before = session.processesStarted;
    const error = await failure(session.runFile(fixture('sleep.ps1'), { Seconds: 20 }, { timeoutMs: 1500 }));
    expect(error).toBeInstanceOf(PowerShellTimeoutError);
    await expect(session.runFile(fixture('echo.ps1'), { Name: 'again' })).resolves.toMatchObject({ name: 'again' });
    expect(session.processesStarted).toBe(before + 1);
  });

  it('runs many requests in one engine process', async () => {
    const local = new PowerShellSession({ executable: pwsh, logger: capture().logger });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => local.runFile<{ count: number }>(fixture('echo.ps1'), { Count: n })));
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4, 5]);
    expect(local.processesStarted).toBe(1);
    await local.close();
  });

  it('reports an engine that dies mid-request as exited, with its exit code', async () => {
    const local = new PowerShellSession({ executable: pwsh, logger: capture().logger });
    const error = await failure(local.runFile(fixture('exit.ps1'), { Code: 7 }));
    expect(error).toBeInstanceOf(PowerShellExitedError);
    expect(error.exitCode).toBe(7);
    await local.close();
  });

  it('reports an engine that cannot start', async () => {
    const local = new PowerShellSession({ executable: path.join(import.meta.dirname, 'no-such-pwsh'), logger: capture().logger });
    const error = await failure(local.runFile(fixture('echo.ps1')));
    expect(error).toBeInstanceOf(PowerShellExitedError);
    expect(error.message).toContain('ENOENT');
  });

  it('starts the engine without any input, runner token or secret in its environment, and keeps the rest', async () => {
    // What the runner gives the action: inputs (passwords among them), its OIDC/runtime tokens, and a
    // secret that also sits in an innocently named variable. A wrapper's own variable must survive.
    const secret = 'Env-Secret-7f3a!';
    const planted: Record<string, string> = {
      'INPUT_TENANT-PASSWORD': secret,
      'INPUT_DOMAIN-PASSWORD': 'domain-pw-91c2',
      INPUT_INSTALLER: 'C:\\media\\setup.exe',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-5d1e',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token-88aa',
      GITHUB_TOKEN: 'ghs_githubtoken0001',
      GITHUB_OUTPUT: '/tmp/outputs',
      MY_DEPLOY_PASSWORD: 'deploy-pw-44ef',
      INNOCENT_NAME: `prefix ${secret} suffix`,
      WRAPPER_HOME: '/opt/wrapper',
    };
    const saved = Object.fromEntries(Object.keys(planted).map((k) => [k, process.env[k]]));
    Object.assign(process.env, planted);
    registerSecret(secret);
    const local = new PowerShellSession({ executable: pwsh, logger: capture().logger });
    try {
      const env = await local.runFile<Record<string, string>>(fixture('env.ps1'));
      const names = Object.keys(env);
      expect(names.filter((n) => /^INPUT_/i.test(n))).toEqual([]);
      expect(names.filter((n) => /^(ACTIONS_|GITHUB_)/i.test(n))).toEqual([]);
      expect(names).not.toContain('MY_DEPLOY_PASSWORD');
      expect(names).not.toContain('INNOCENT_NAME');
      const values = Object.values(env).join('\n');
      for (const value of Object.values(planted).filter((v) => v !== '/opt/wrapper')) expect(values).not.toContain(value);
      expect(env.WRAPPER_HOME).toBe('/opt/wrapper');
      expect(env.PATH ?? env.Path).toBeTruthy();
    } finally {
      await local.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      clearSecretsForTests();
    }
  });
});
