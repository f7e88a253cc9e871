// Attack: the faults a fleet meets. A busy or crashing installer, a reboot, a service that will not
// start, no PowerShell or a PowerShell that hangs, a locked config, a run killed in the middle of
// writing the config. Each ends in one line naming the cause, or succeeds, and a re-run converges.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { getService, setService, snapshotFiles } from '../lab/lab.mjs';
import { installAgent, installerCommandLines, setInstallerExitCodes } from '../lab/installer.mjs';
import { createFleetLab, fleetInstaller, startLabWeb } from '../bench/fleet-lab.mjs';
import { PowerShellSession } from '../src/powershell/session.js';
import { PowerShellTimeoutError } from '../src/powershell/errors.js';
import { errorLines, repoRoot, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 30_000 });

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const AGENT_DIR = path.join('Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
const CONFIG = path.join(AGENT_DIR, 'AADConnectProvisioningAgent.exe.config');

function oneLine(run: EntryRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return lines[0];
}

describeWithPwsh('attack: faults', () => {
  let web: Awaited<ReturnType<typeof startLabWeb>>;
  let scratch: string;
  let installerUrl: string;
  const labs: Lab[] = [];
  beforeAll(async () => {
    web = await startLabWeb();
    scratch = mkdtempSync(path.join(tmpdir(), 'attack-faults-'));
    installerUrl = web.serve('/faults/setup', fleetInstaller(path.join(scratch, 'media')));
  });
  afterAll(async () => {
    await web?.close();
    for (const lab of labs) lab.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });
  const newLab = (agent = false) => {
    const lab = createFleetLab() as Lab;
    labs.push(lab);
    if (agent) installAgent(lab.root, '1.1.2505.0');
    return lab;
  };
  const install = (lab: Lab, extra: Record<string, string> = {}) =>
    runEntry('main', { shell: 'powershell', steps: 'install-agent', installer: installerUrl, 'retry-delay-seconds': '0', ...extra }, { env: lab.env });
  const setFips = (lab: Lab, extra: Record<string, string> = {}) =>
    runEntry('set-fips', { shell: 'powershell', 'restart-timeout-seconds': '5', ...extra }, { env: lab.env });

  it('installer busy (1618) twice, then fine: retried, installed, one installer run per attempt', async () => {
    const lab = newLab();
    setInstallerExitCodes(lab.root, [1618, 1618]);
    const run = await install(lab);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ 'install-agent-action': 'installed', 'install-agent-version': '1.1.2505.0' });
    expect(installerCommandLines(lab.root)).toHaveLength(3);
    expect(run.stdout).toMatch(/Another installation is in progress \(exit code 1618\); retry 1 of/);
  });

  it('reboot required (3010): succeeds, says so, and a re-run converges', async () => {
    const lab = newLab();
    setInstallerExitCodes(lab.root, [3010]);
    const run = await install(lab);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ 'install-agent-reboot-required': 'true', 'install-agent-action': 'installed' });
    const again = await install(lab);
    expect(again.outputs).toMatchObject({ 'install-agent-changed': 'false', changed: 'false' });
  });

  it('installer crashes (0xC0000005): one line with the code, no agent, and a re-run installs', async () => {
    const lab = newLab();
    setInstallerExitCodes(lab.root, [-1073741819]);
    const run = await install(lab);
    expect(run.code).not.toBe(0);
    expect(oneLine(run)).toMatch(/installer failed with exit code -1073741819 \(0xC0000005\)/);
    expect(existsSync(path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe'))).toBe(false);
    const again = await install(lab);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ 'install-agent-action': 'installed' });
  });

  it('the agent service will not start after a config change: one line, backup kept, the new config in place', async () => {
    const lab = newLab(true);
    setService(lab.root, { Name: 'AADConnectProvisioningAgent', StartFailure: 'The service did not respond to the start or control request in a timely fashion.' });
    const run = await setFips(lab);
    expect(run.code).not.toBe(0);
    expect(oneLine(run)).toMatch(/agent config was updated \(previous file: .+\.bak\), but the agent did not come back/);
    expect(readFileSync(path.join(lab.root, CONFIG), 'utf8')).toContain('<enforceFIPSPolicy enabled="false"');
    // Once the service can start again, a re-run finds the file done (it does not restart a stopped agent).
    setService(lab.root, { Name: 'AADConnectProvisioningAgent', StartFailure: null, Status: 'Running' });
    const again = await setFips(lab);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false' });
  });

  it('PowerShell missing: one line naming the shell input, nothing changed', async () => {
    const lab = newLab(true);
    const before = snapshotFiles(lab.root);
    const run = await setFips(lab, { shell: path.join(scratch, 'no-such-dir', 'powershell') });
    expect(run.code).not.toBe(0);
    expect(oneLine(run)).toMatch(/^Input 'shell': PowerShell engine '.+' was not found/);
    expect(snapshotFiles(lab.root)).toEqual(before);
  });

  it('PowerShell hangs past the timeout: the engine is killed and the call fails in one line', async () => {
    // An "engine" that starts and never answers (exec: the killed process is the sleeper itself).
    const engine = path.join(scratch, 'hung-engine');
    const pidFile = path.join(scratch, 'hung.pid');
    writeFileSync(engine, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 600\n`);
    chmodSync(engine, 0o755);
    const logs: string[] = [];
    const session = new PowerShellSession({ executable: engine, logger: { info: (m) => logs.push(m), warning: (m) => logs.push(m), debug: () => undefined }, timeoutMs: 1500 });
    const started = Date.now();
    const error = await session.run('agent/get-server-state.ps1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerShellTimeoutError);
    expect(String((error as Error).message)).toMatch(/^PowerShell script get-server-state\.ps1 did not finish within 2 s and was stopped\.$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid, 0)).toThrow(); // gone, not orphaned
    await session.close();
  });

  it('the config file locked / read-only: one line, the file untouched; unlocked, a re-run converges', async () => {
    const lab = newLab(true);
    const config = path.join(lab.root, CONFIG);
    const original = readFileSync(config);
    // root ignores file modes: make the file immutable where possible, else the folder read-only.
    let unlock: () => void;
    try {
      execFileSync('chattr', ['+i', config], { stdio: 'ignore' });
      unlock = () => execFileSync('chattr', ['-i', config]);
    } catch {
      chmodSync(path.dirname(config), 0o555);
      unlock = () => chmodSync(path.dirname(config), 0o755);
    }
    try {
      const run = await setFips(lab);
      expect(run.code).not.toBe(0);
      expect(oneLine(run)).toMatch(/Could not (replace|write a temporary file beside) .+AADConnectProvisioningAgent\.exe\.config/);
      // A read-only file is named as such at once, not retried as if another process held it.
      expect(oneLine(run)).not.toMatch(/stayed locked/);
      expect(readFileSync(config).equals(original)).toBe(true);
    } finally {
      unlock();
    }
    const again = await setFips(lab);
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'true' });
    const third = await setFips(lab);
    expect(third.outputs).toMatchObject({ changed: 'false' });
  });

  it('killed half-way through a config write: the file is the old or the new one, never a mix; a re-run converges', async () => {
    const lab = newLab(true);
    const config = path.join(lab.root, CONFIG);
    const oldBytes = readFileSync(config);
    // The new file: the old one plus a large comment, so the write takes long enough to be cut.
    const newBytes = Buffer.from(oldBytes.toString('utf8').replace('</configuration>', `<!-- ${'x'.repeat(16 * 1024 * 1024)} -->\n</configuration>`));
    const writer = compileSafeWrite(path.join(scratch, 'safe-write'));
    const newFile = path.join(scratch, 'new.config');
    writeFileSync(newFile, newBytes);
    const outcomes = { old: 0, new: 0 };
    for (let i = 0; i < 12; i++) {
      const child = spawn(process.execPath, [writer, config, newFile], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 40 + i * 15));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      const now = readFileSync(config);
      const which = now.equals(oldBytes) ? 'old' : now.equals(newBytes) ? 'new' : 'mix';
      expect(which, `kill after ${40 + i * 15} ms`).not.toBe('mix');
      outcomes[which as 'old' | 'new']++;
      if (which === 'new') writeFileSync(config, oldBytes);
    }
    // The kills landed on both sides of the rename at least once (else the test proved nothing).
    expect(outcomes.old).toBeGreaterThan(0);
    const run = await setFips(lab);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', 'fips-exception-present': 'true' });
    const again = await setFips(lab);
    expect(again.outputs).toMatchObject({ changed: 'false' });
  });
});

/**
 * The product's atomic replace (src/config/safe-write.ts) compiled for a child process: argv
 * config, file with the new bytes. The child is what gets killed mid-write.
 */
function compileSafeWrite(dir: string): string {
  for (const [from, to] of [['config/safe-write.ts', 'config/safe-write.js'], ['shared/errors.ts', 'shared/errors.js']]) {
    const source = readFileSync(path.join(repoRoot, 'src', from), 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    writeFileSync(path.join(dir, to), out);
  }
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const main = path.join(dir, 'write.js');
  writeFileSync(
    main,
    `import { readFileSync } from 'node:fs';\nimport { replaceFileAtomically } from './config/safe-write.js';\nawait replaceFileAtomically(process.argv[2], readFileSync(process.argv[3]));\n`,
  );
  return main;
}
