/**
 * The product against the agent as agent-facts.md describes it, and against each undocumented variant
 * the lab can play (lab/README.md, "Simulated facts"): nothing may depend on the defaults it guessed.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createFreshServer } from '../lab/fresh-server.mjs';
import { installerCommandLines, makeInstaller, setAgentVariant } from '../lab/installer.mjs';
import { AGENT_KEY, createLabServer, getRegistry, getService, readEvents, snapshotFiles } from '../lab/lab.mjs';
import { errorLines, newRunnerDir, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const cleanups: (() => void)[] = [];
function newLab(options: Record<string, unknown> = {}): Lab {
  const lab = createLabServer(options) as Lab;
  cleanups.push(() => lab.cleanup());
  return lab;
}

const DEFAULT_DIR = path.join('Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
const UNINSTALL = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall';

function install(lab: Lab, inputs: Record<string, string>): Promise<EntryRun> {
  return runEntry('install-agent', { shell: 'powershell', 'retry-delay-seconds': '0', ...inputs }, { env: lab.env });
}

function report(run: EntryRun): Record<string, { ok: boolean; detail: string }> {
  const checks = JSON.parse(run.outputs['verify-report']) as { check: string; ok: boolean; detail: string }[];
  return Object.fromEntries(checks.map((c) => [c.check, c]));
}

describeWithPwsh('the product follows the agent, not its own defaults', () => {
  afterAll(() => {
    for (const c of cleanups) c();
  });

  it('a fresh install leaves the documented footprint: the agent key, the updater under its public name, three uninstall entries', async () => {
    const lab = newLab();
    const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' }) });
    expect(errorLines(run)).toEqual([]);
    // The documented key, with the values AADCloudSyncTools reads; no TenantID before registration.
    expect(getRegistry(lab.root, AGENT_KEY, 'ServiceName')).toBe('AADConnectProvisioningAgent');
    expect(getRegistry(lab.root, AGENT_KEY, 'InstallDir')).toBe(path.join(lab.root, DEFAULT_DIR));
    expect(getRegistry(lab.root, AGENT_KEY, 'ServiceProcessName')).toBe('AADConnectProvisioningAgent.exe');
    expect(getRegistry(lab.root, AGENT_KEY, 'ProgramDataFolderName')).toBe('Azure AD Connect Provisioning Agent');
    expect(getRegistry(lab.root, AGENT_KEY, 'TenantID')).toBeUndefined();
    expect(existsSync(path.join(lab.root, 'registry', 'HKLM', 'SOFTWARE', 'Microsoft', 'Azure AD Connect Provisioning Agent'))).toBe(false);
    // The updater: public short name, documented executable path.
    expect(getService(lab.root, 'AzureADConnectAgentUpdater')).toMatchObject({
      DisplayName: 'Microsoft Entra Connect Agent Updater',
      Status: 'Running',
      PathName: `"${path.join(lab.root, 'Program Files', 'Microsoft Azure AD Connect Provisioning Agent Updater', 'AzureADConnectAgentUpdater.exe')}"`,
    });
    expect(getService(lab.root, 'AADConnectAgentUpdater')).toBeUndefined();
    // Programs and Features: the three documented entries, each with a version and an uninstall command.
    const entries = snapshotEntries(lab.root);
    expect(entries.map((e) => e.DisplayName).sort()).toEqual(['Microsoft Entra Connect Agent Updater', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Provisioning Agent Package']);
    for (const e of entries) {
      expect(e.DisplayVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(e.UninstallString).toBeTruthy();
    }
    expect(entries.find((e) => e.DisplayName === 'Microsoft Entra Provisioning Agent')?.DisplayVersion).toBe('1.1.2505.0');
    expect(entries.find((e) => e.DisplayName === 'Microsoft Entra Provisioning Agent Package')?.QuietUninstallString).toMatch(/\/uninstall \/quiet$/);
  });

  it('the whole root action copes with an agent in another folder, an updater under another name, a file version that is not the product version', async () => {
    const server = createFreshServer();
    cleanups.push(() => server.cleanup());
    // Plausible, undocumented: all three at once, plus a trailing backslash on InstallDir and another trace folder name.
    setAgentVariant(server.root, {
      installDir: path.join('Agents', 'Cloud Sync Agent'),
      installDirTrailingBackslash: true,
      updaterServiceName: 'EntraAgentUpdater',
      fileVersion: '1.1.2505.17',
      programDataFolderName: 'Provisioning Agent Data',
    });
    const r = await runEntry('main', server.inputs, { env: server.env, runnerDir: newRunnerDir() });
    expect(errorLines(r)).toEqual([]);
    expect(r.code).toBe(0);
    // The product version counts, not the file version.
    expect(r.outputs).toMatchObject({ 'install-agent-version': '1.1.2505.0', 'verify-version': '1.1.2505.0', 'verify-healthy': 'true', 'set-fips-fips-exception-present': 'true' });
    const dir = path.join(server.root, 'Agents', 'Cloud Sync Agent');
    expect(r.outputs['set-fips-config-path']).toBe(path.join(dir, 'AADConnectProvisioningAgent.exe.config'));
    expect(readFileSync(path.join(dir, 'AADConnectProvisioningAgent.exe.config'), 'utf8')).toContain('<enforceFIPSPolicy enabled="false"/>');
    // Nothing was looked for, or written, in the default folder.
    expect(existsSync(path.join(server.root, DEFAULT_DIR))).toBe(false);
    // configure-gmsa imported the module from the recorded folder and restarted the service the key names.
    expect(getService(server.root, 'AADConnectProvisioningAgent')).toMatchObject({ Status: 'Running', StartName: 'CONTOSO\\provAgentgMSA$' });
    expect(getRegistry(server.root, AGENT_KEY, 'TenantID')).toBe(server.inputs['tenant-id']);
    expect(readEvents(server.root).filter((e) => / service AADConnectProvisioningAgent stopped \(restart\)$/.test(e)).length).toBe(1); // one coalesced restart
    // verify found the updater by its executable, and says which version it compared.
    const checks = report(r);
    expect(checks['updater-service']).toEqual({ check: 'updater-service', ok: true, detail: 'EntraAgentUpdater is Running' });
    expect(checks.version.detail).toMatch(/^1\.1\.2505\.0 as expected/);
    expect(existsSync(path.join(server.root, 'ProgramData', 'Microsoft', 'Provisioning Agent Data', 'Trace'))).toBe(true);
  });

  it('an agent newer than the installer (the bundle or the updater moved it on) is explained, not called a failed install', async () => {
    const lab = newLab();
    const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0', agentVersion: '1.1.2600.0' }) });
    expect(errorLines(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ action: 'installed', version: '1.1.2600.0' });
    expect(run.stdout).toMatch(/::warning::The installed agent is 1\.1\.2600\.0 \(product version 1\.1\.2600\.0\), newer than the installer's 1\.1\.2505\.0: .*updater/);
  });

  it('an agent older than the installer after a successful run fails in one line with both versions', async () => {
    const lab = newLab();
    const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0', agentVersion: '1.1.2400.0' }) });
    expect(run.code).not.toBe(0);
    const lines = errorLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The installer reported success but the agent at .+AADConnectProvisioningAgent\.exe is 1\.1\.2400\.0 \(product version 1\.1\.2400\.0\), not 1\.1\.2505\.0: /);
  });

  it('preflight reads OS version, domain membership, RAM, TLS 1.2 server keys and the execution policy of every machine and user scope', async () => {
    const lab = newLab({
      server: { caption: 'Microsoft Windows Server 2012 R2 Standard', osVersion: '6.3.9600', partOfDomain: false, memoryBytes: 2 * 1024 ** 3 },
      registry: {
        'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server': { Enabled: 0, DisabledByDefault: 1 },
        'SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell': { EnableScripts: 1, ExecutionPolicy: 'AllSigned' },
        'HKCU\\SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell': { EnableScripts: 0 },
        'HKCU\\SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell': { ExecutionPolicy: 'Unrestricted' },
      },
    });
    const installer = makeInstaller(path.join(lab.root, 'media'));
    const before = snapshotFiles(lab.root);
    const run = await install(lab, { installer });
    expect(run.code).not.toBe(0);
    const lines = errorLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Preflight failed 5 of 12 checks: /);
    for (const expected of [
      /Windows Server 2016 or later: Microsoft Windows Server 2012 R2 Standard \(version 6\.3\.9600\); fix: /,
      /Domain-joined: not joined to a domain \(workgroup\); fix: join the server/,
      /At least 4 GB RAM: 2\.0 GB; fix: /,
      /TLS 1\.2 \(SCHANNEL server\): Enabled 0, DisabledByDefault 1; fix: set DWORD Enabled=1 and DisabledByDefault=0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1\.2\\Server/,
      // The session's own -ExecutionPolicy does not hide the server's policy at any scope.
      /Execution policy Undefined or RemoteSigned: MachinePolicy AllSigned, UserPolicy Restricted, CurrentUser Unrestricted, LocalMachine RemoteSigned; fix: .*Group Policy.*\(computer\).*\(user\).*Set-ExecutionPolicy RemoteSigned -Scope CurrentUser/,
    ])
      expect(lines[0]).toMatch(expected);
    expect(installerCommandLines(lab.root)).toHaveLength(0);
    const after = snapshotFiles(lab.root) as Record<string, string>;
    for (const log of ['commandlines.log', 'events.log']) delete after[path.join('lab', log)];
    const was = { ...(before as Record<string, string>) };
    for (const log of ['commandlines.log', 'events.log']) delete was[path.join('lab', log)];
    expect(after).toEqual(was);
  });

  it('US Government without an installer stops in one line saying where the file comes from, before anything runs', async () => {
    const lab = newLab();
    const run = await install(lab, { environment: 'AzureUSGovernment' });
    expect(run.code).not.toBe(0);
    expect(errorLines(run)).toEqual([expect.stringMatching(/^Input 'installer' is required when environment is AzureUSGovernment .*Microsoft Entra admin center.*Download on-premises agent/)]);
    expect(installerCommandLines(lab.root)).toHaveLength(0);
  });
});

/** The Programs-and-Features entries on a lab server (each key under Uninstall with a DisplayName). */
function snapshotEntries(root: string): Record<string, string>[] {
  const dir = path.join(root, 'registry', 'HKLM', ...UNINSTALL.split('\\'));
  const files = snapshotFiles(dir) as Record<string, string>;
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.values.json'))
    .map(([, content]) => JSON.parse(Buffer.from(content, 'base64').toString('utf8')) as Record<string, string>)
    .filter((v) => v.DisplayName);
}
