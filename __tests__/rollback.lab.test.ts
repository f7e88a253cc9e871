// Rollback of a failed upgrade (install-agent input 'rollback', and the root action after verify),
// on the lab server through the bundled entries.
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyRunnerDir, errorLines, newRunnerDir, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { cloneLabServer, createLabServer, getService } from '../lab/lab.mjs';
import { makeInstaller, readAgentInstall, setInstallerExitCodes } from '../lab/installer.mjs';
import { setUninstallExitCodes, uninstallEntries } from '../lab/lifecycle.mjs';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const labs: Lab[] = [];
const OLD = '1.1.2400.0';
const NEW = '1.1.2505.0';

function oneError(run: EntryRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return lines[0];
}

const installOn = (lab: Lab, runnerDir: string) => (inputs: Record<string, string>) =>
  runEntry('install-agent', { shell: 'powershell', 'retry-delay-seconds': '0', ...inputs }, { env: lab.env, runnerDir });

/**
 * The starting point of every test: a lab server on which a runner installed OLD with the action
 * (so its verified installer is in that runner's cache). Built once with a real run; each test gets
 * its own copy of the server and of the runner folder.
 */
let onOld: { lab: Lab; runnerDir: string };
async function installOld(): Promise<void> {
  const lab = createLabServer() as Lab;
  labs.push(lab);
  const runnerDir = newRunnerDir();
  const first = await installOn(lab, runnerDir)({ installer: makeInstaller(path.join(lab.root, 'media-old'), { version: OLD }) });
  expect(first.outputs.action, first.stdout).toBe('installed');
  expect(readAgentInstall(lab.root)?.version).toBe(OLD);
  onOld = { lab, runnerDir };
}

function serverOnOld(): { lab: Lab; runnerDir: string; newInstaller: (o?: Record<string, unknown>) => string; install: (inputs: Record<string, string>) => Promise<EntryRun> } {
  const lab = cloneLabServer(onOld.lab) as Lab;
  labs.push(lab);
  const runnerDir = copyRunnerDir(onOld.runnerDir);
  return { lab, runnerDir, install: installOn(lab, runnerDir), newInstaller: (o = {}) => makeInstaller(path.join(lab.root, 'media-new'), { version: NEW, ...o }) };
}

describeWithPwsh('rollback of a failed upgrade on the lab server', () => {
  beforeAll(installOld);
  afterAll(() => {
    for (const lab of labs) lab.cleanup();
  });

  it('plan mode says a rollback is possible when the previous installer is cached, and not possible on another runner', async () => {
    const { lab, install, newInstaller } = serverOnOld();
    const file = newInstaller();
    const plan = await install({ installer: file, rollback: 'true', 'dry-run': 'true' });
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.summary).toContain(`| Rollback | possible: the verified installer of ${OLD} is in this runner's cache |`);
    const elsewhere = await runEntry('install-agent', { shell: 'powershell', installer: file, rollback: 'true', 'dry-run': 'true' }, { env: lab.env });
    expect(elsewhere.summary).toContain(`| Rollback | not possible: no verified installer of ${OLD} in this runner's cache`);
  });

  it('an installer failure during the upgrade puts the old version back and fails in one line saying both', async () => {
    const { lab, install, newInstaller } = serverOnOld();
    setInstallerExitCodes(lab.root, [1603]);
    const run = await install({ installer: newInstaller(), rollback: 'true' });
    expect(run.code).not.toBe(0);
    expect(oneError(run)).toMatch(
      new RegExp(`^The installer failed with exit code 1603 \\(.*\\)\\..*Rolled back: the server is back on agent ${OLD.replace(/\./g, '\\.')}; re-apply the configuration`),
    );
    expect(run.outputs).toMatchObject({ 'rolled-back': 'true', action: 'rolled-back', version: OLD, changed: 'true' });
    expect(readAgentInstall(lab.root)?.version).toBe(OLD);
    expect(getService(lab.root, 'AADConnectProvisioningAgent')?.Status).toBe('Running');
    expect(uninstallEntries(lab.root)).toEqual(['Microsoft Entra Connect Agent Updater', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Provisioning Agent Package']);
  });

  it('the post-install check failing (installer exits 0, agent not upgraded) also rolls back', async () => {
    const { lab, install, newInstaller } = serverOnOld();
    const run = await install({ installer: newInstaller({ installs: false }), rollback: 'true' });
    expect(oneError(run)).toMatch(
      new RegExp(
        `^The installer reported success but the agent at .* is ${OLD.replace(/\./g, '\\.')} .*not ${NEW.replace(/\./g, '\\.')}.*\\. Rolled back: the server is back on agent ${OLD.replace(/\./g, '\\.')};`,
      ),
    );
    expect(run.outputs['rolled-back']).toBe('true');
    expect(readAgentInstall(lab.root)?.version).toBe(OLD);
  });

  it('without rollback (the default) a failed upgrade only fails', async () => {
    const { lab, install, newInstaller } = serverOnOld();
    setInstallerExitCodes(lab.root, [1603]);
    const run = await install({ installer: newInstaller() });
    expect(oneError(run)).not.toMatch(/[Rr]oll/);
    expect(run.outputs['rolled-back'] ?? '').toBe('');
  });

  it('without the previous installer in the cache it says so and leaves the server as it is', async () => {
    const { lab, newInstaller } = serverOnOld();
    setInstallerExitCodes(lab.root, [1603]);
    const other = await runEntry('install-agent', { shell: 'powershell', installer: newInstaller(), rollback: 'true' }, { env: lab.env, runnerDir: newRunnerDir() });
    expect(oneError(other)).toMatch(new RegExp(`No rollback: the installer of ${OLD.replace(/\./g, '\\.')} is not in this runner's cache; the server is left as the failed upgrade left it\\.$`));
  });

  it('a rollback that fails too says both failures in one line', async () => {
    const { lab, install, newInstaller } = serverOnOld();
    setInstallerExitCodes(lab.root, [1603]);
    setUninstallExitCodes(lab.root, [1603]);
    const run = await install({ installer: newInstaller(), rollback: 'true' });
    expect(oneError(run)).toMatch(
      /^The installer failed with exit code 1603 .*\. The rollback to 1\.1\.2400\.0 failed too: Uninstalling 'Microsoft Entra Provisioning Agent Package' .* failed with exit code 1603/,
    );
    expect(run.outputs['diagnostics-path']).toMatch(/\.zip$/);
  });

  it('root action: verify failing right after an upgrade rolls back, re-applies set-fips and verifies again on the old version', async () => {
    const { lab, runnerDir, newInstaller } = serverOnOld();
    const run = await runEntry(
      'main',
      {
        shell: 'powershell',
        steps: 'install-agent, set-fips, verify',
        installer: newInstaller(),
        rollback: 'true',
        'min-version': '1.1.2600.0',
        'service-wait-seconds': '0',
        'retry-delay-seconds': '0',
      },
      { env: lab.env, runnerDir },
    );
    const line = oneError(run);
    expect(line).toMatch(
      new RegExp(
        `^Verify failed after the upgrade to ${NEW.replace(/\./g, '\\.')} \\(.*version: ${NEW.replace(/\./g, '\\.')} is older than min-version 1\\.1\\.2600\\.0.*\\); rolled back: the server is back on agent ${OLD.replace(/\./g, '\\.')} and verify still fails on ${OLD.replace(/\./g, '\\.')}: `,
      ),
    );
    expect(run.outputs['install-agent-rolled-back']).toBe('true');
    expect(run.stdout).toContain(`Rollback: applying set-fips again on agent ${OLD}.`);
    expect(readAgentInstall(lab.root)?.version).toBe(OLD);
  });
});
