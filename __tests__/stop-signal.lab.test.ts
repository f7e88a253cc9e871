// A person cancels the run while the installer runs: the runner sends SIGINT, then SIGTERM
// (docs.github.com, workflow cancellation reference). The action lets the installer finish, says
// so in the log, and starts nothing after it: no next step, no installer retry.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createLabServer } from '../lab/lab.mjs';
import { installAgent, installerCommandLines, makeInstaller, readAgentInstall, setInstallerExitCodes } from '../lab/installer.mjs';
import { errorLines, runEntry } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

const FROM = '1.1.1000.0';
const TO = '1.1.2505.0';
const labs: { cleanup(): void }[] = [];
afterEach(() => labs.splice(0).forEach((l) => l.cleanup()));

/** Resolves once `check` holds; re-checked on every stdout chunk and every turn of a short poll of the lab. */
function until(check: () => boolean, poll: () => void = () => undefined): { promise: Promise<void>; notify: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  const notify = () => {
    if (check()) resolve();
  };
  const timer = setInterval(() => {
    poll();
    notify();
  }, 20);
  void promise.then(() => clearInterval(timer));
  notify();
  return { promise, notify };
}

async function cancelWhileInstalling(exitCodes: number[]) {
  const lab = createLabServer();
  labs.push(lab);
  installAgent(lab.root, FROM);
  if (exitCodes.length) setInstallerExitCodes(lab.root, exitCodes);
  const installer = makeInstaller(mkdtempSync(path.join(tmpdir(), 'stop-installer-')), { version: TO });
  const hold = path.join(lab.root, 'lab', 'installer-hold');
  const running = path.join(lab.root, 'lab', 'installer-running');
  writeFileSync(hold, 'hold');

  let child: ChildProcess | undefined;
  let stdout = '';
  const waiters: (() => void)[] = [];
  const run = runEntry(
    'main',
    { shell: 'powershell', steps: 'install-agent, set-fips, verify', installer, version: TO, 'retry-delay-seconds': '0', 'install-retries': '3' },
    {
      env: lab.env,
      onSpawn: (c) => (child = c),
      onStdout: (chunk) => {
        stdout += chunk;
        waiters.forEach((w) => w());
      },
    },
  );
  const see = (text: string) => {
    const w = until(() => stdout.includes(text));
    waiters.push(w.notify);
    return w.promise;
  };

  // The installer is running (held by the lab): the runner's cancel arrives now.
  await until(() => existsSync(running)).promise;
  child!.kill('SIGINT');
  await see('The runner asked this job to stop (SIGINT)');
  child!.kill('SIGTERM');
  await see('The runner sent SIGTERM as well');
  rmSync(hold);
  return { result: await run, lab, stdout };
}

describeWithPwsh('the runner stops the job while the installer runs', () => {
  it('the installer finishes, the step completes, and no later step starts', async () => {
    const { result, lab } = await cancelWhileInstalling([]);
    expect(result.code).toBe(1);
    expect(errorLines(result)).toEqual(['Stopped: the runner asked this job to stop (SIGINT); not started: set-fips, verify.']);
    // The log says what happens, as a warning the run page shows.
    expect(result.stdout).toContain('::warning::The runner asked this job to stop (SIGINT): the running step finishes, nothing new starts (no further step, no new installer run).');
    // The installer ran once and to its end: the agent is the new version and the step reported it.
    expect(installerCommandLines(lab.root)).toHaveLength(1);
    expect(readAgentInstall(lab.root)?.version).toBe(TO);
    expect(result.outputs['install-agent-version']).toBe(TO);
    expect(result.stdout).toContain('::group::Install the provisioning agent');
    expect(result.stdout).not.toContain('::group::Agent config: FIPS exception and proxy');
    expect(result.stdout).not.toContain('::group::Verify the provisioning agent');
  });

  it('an installer that must be retried (another installation running) is not run again', async () => {
    const { result, lab } = await cancelWhileInstalling([1618]);
    expect(result.code).toBe(1);
    expect(errorLines(result)).toEqual(['Stopped: the runner asked this job to stop (SIGINT); not started: installer attempt 2.']);
    expect(installerCommandLines(lab.root)).toHaveLength(1);
    expect(readAgentInstall(lab.root)?.version).toBe(FROM);
    expect(result.stdout).not.toContain('::group::Verify the provisioning agent');
  });
});
