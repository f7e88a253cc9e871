// Attack: the faults a fleet meets. A busy or crashing installer, a reboot, a service that will not
// start, no PowerShell or a PowerShell that hangs, a locked config, a run killed in the middle of
// writing the config. Each ends in one line naming the cause, or succeeds, and a re-run converges.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { setService, snapshotFiles } from '../lab/lab.mjs';
import { installAgent, installerCommandLines, setInstallerExitCodes } from '../lab/installer.mjs';
import { createFleetLab, fleetInstaller, startLabWeb } from '../bench/fleet-lab.mjs';
import { PowerShellSession } from '../src/powershell/session.js';
import { PowerShellTimeoutError } from '../src/powershell/errors.js';
import { errorLines, repoRoot, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const AGENT_DIR = path.join('Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
const CONFIG = path.join(AGENT_DIR, 'AADConnectProvisioningAgent.exe.config');

function oneLine(run: EntryRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return lines[0];
}

// Every test builds its own lab server: they run concurrently.
describeWithPwsh(
  'attack: faults',
  () => {
    let web: Awaited<ReturnType<typeof startLabWeb>>;
    let scratch: string;
    let installerUrl: string;
    let writer: string;
    const labs: Lab[] = [];
    beforeAll(async () => {
      web = await startLabWeb();
      scratch = mkdtempSync(path.join(tmpdir(), 'attack-faults-'));
      installerUrl = web.serve('/faults/setup', fleetInstaller(path.join(scratch, 'media')));
      writer = compileSafeWrite(path.join(scratch, 'safe-write'));
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
    const setFips = (lab: Lab, extra: Record<string, string> = {}) => runEntry('set-fips', { shell: 'powershell', 'restart-timeout-seconds': '5', ...extra }, { env: lab.env });

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
      const error = await session.run('agent/get-server-state.ps1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PowerShellTimeoutError);
      expect(String((error as Error).message)).toMatch(/^PowerShell script get-server-state\.ps1 did not finish within 2 s and was stopped\.$/);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      // Gone, not orphaned: the kill is asynchronous, so wait (bounded) for the process to vanish.
      await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000, interval: 50 });
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

    // Each kill lands at a chosen point of the write (not after a guessed delay): the child stops
    // itself there, says so, and is killed only once it has said so. No timing is involved.
    const KILL_POINTS = [
      { at: 'temp-half-written', expect: 'old' },
      { at: 'before-rename', expect: 'old' },
      { at: 'after-rename', expect: 'new' },
    ] as const;
    it.each(KILL_POINTS)('killed at $at of a config write: the file is the $expect one, never a mix; a re-run converges', async ({ at, expect: which }) => {
      const lab = newLab(true);
      const config = path.join(lab.root, CONFIG);
      const oldBytes = readFileSync(config);
      const newBytes = Buffer.from(oldBytes.toString('utf8').replace('</configuration>', `<!-- ${'x'.repeat(64 * 1024)} -->\n</configuration>`));
      const newFile = path.join(scratch, `new-${at}.config`);
      writeFileSync(newFile, newBytes);
      const child = spawn(process.execPath, [writer, config, newFile, at], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      let said = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => {
          said += d;
          if (said.includes(`paused:${at}`)) resolve();
        });
        child.once('close', () => reject(new Error(`the writer ended without reaching ${at}: ${said}`)));
      });
      child.kill('SIGKILL');
      await exited;
      const now = readFileSync(config);
      const found = now.equals(oldBytes) ? 'old' : now.equals(newBytes) ? 'new' : 'mix';
      expect(found).toBe(which);
      if (found === 'new') writeFileSync(config, oldBytes);
      const run = await setFips(lab);
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'true', 'fips-exception-present': 'true' });
      const again = await setFips(lab);
      expect(again.outputs).toMatchObject({ changed: 'false' });
    });
  },
  { concurrent: true },
);

/**
 * The product's atomic replace (src/config/safe-write.ts) compiled for a child process: argv
 * config, file with the new bytes. The child is what gets killed mid-write.
 */
function compileSafeWrite(dir: string): string {
  for (const [from, to] of [
    ['config/safe-write.ts', 'config/safe-write.js'],
    ['shared/errors.ts', 'shared/errors.js'],
  ]) {
    const source = readFileSync(path.join(repoRoot, 'src', from), 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
    writeFileSync(path.join(dir, to), out);
  }
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const main = path.join(dir, 'write.js');
  // The wrapper stops the write at the point named by argv[4] (see KILL_POINTS), prints
  // "paused:<point>" and waits to be killed. fs is patched before safe-write is loaded.
  writeFileSync(
    main,
    [
      "import fs, { readFileSync } from 'node:fs';",
      "import { syncBuiltinESMExports } from 'node:module';",
      'const point = process.argv[4];',
      "const pause = (name) => { if (name !== point) return; process.stdout.write('paused:' + name + '\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); };",
      'const { writeSync, renameSync } = fs;',
      "fs.writeSync = (fd, buf, off, len, ...rest) => { if (len > 1024) { const half = Math.floor(len / 2); writeSync(fd, buf, off, half); pause('temp-half-written'); return half; } return writeSync(fd, buf, off, len, ...rest); };",
      "fs.renameSync = (from, to) => { pause('before-rename'); renameSync(from, to); pause('after-rename'); };",
      'syncBuiltinESMExports();',
      "const { replaceFileAtomically } = await import('./config/safe-write.js');",
      'await replaceFileAtomically(process.argv[2], readFileSync(process.argv[3]));',
      '',
    ].join('\n'),
  );
  return main;
}
