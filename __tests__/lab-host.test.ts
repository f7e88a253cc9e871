import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AGENT_KEY, cloneLabServer, createLabServer, filesUnder, getRegistry, getService, labBin, readEvents, setRegistry, setService } from '../lab/lab.mjs';
import { readServerState } from '../src/agent/server-state.js';
import { PowerShellSession } from '../src/powershell/session.js';
import { describeWithPwsh } from './helpers/pwsh.js';

const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined };

describeWithPwsh('lab host', (pwsh) => {
  const lab = createLabServer({
    server: { computerName: 'SYNC07' },
    registry: { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 1 } },
    services: [
      { Name: 'AADConnectProvisioningAgent', DisplayName: 'Microsoft Entra Provisioning Agent', Status: 'Stopped', StartType: 'Automatic', StartName: 'NT SERVICE\\AADConnectProvisioningAgent' },
    ],
  });
  const env = { ...lab.env, AGENT_LAB_PWSH: pwsh };
  const inLab = (command: string) => execFileSync(path.join(labBin, 'pwsh'), ['-NoProfile', '-Command', command], { env, encoding: 'utf8' }).trim();
  let session: PowerShellSession;

  beforeAll(() => {
    session = new PowerShellSession({ executable: path.join(labBin, 'powershell'), logger: quiet, env: { AGENT_LAB_ROOT: lab.root, AGENT_LAB_PWSH: pwsh } });
  });
  afterAll(async () => {
    await session.close();
    lab.cleanup();
  });

  it('keeps HKLM values on disk, matching key and value names without regard to case', () => {
    const out = inLab(`
      New-Item -Path 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Force | Out-Null
      Set-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Name TenantId -Value 'tid-1'
      (Get-ItemProperty -LiteralPath 'HKLM:\\software\\contoso\\AGENT' -Name tenantid).TenantId
      Test-Path 'HKLM:\\SOFTWARE\\Contoso\\Missing'
      $r = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Name Nope -ErrorAction SilentlyContinue; $null -eq $r
      try { Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Contoso\\Agent' -Name Nope -ErrorAction Stop } catch { 'threw' }`);
    expect(out.split(/\r?\n/)).toEqual(['tid-1', 'False', 'True', 'threw']);
    expect(getRegistry(lab.root, 'SOFTWARE\\Contoso\\Agent', 'TenantId')).toBe('tid-1');
  });

  it('starts, stops and fails services as Windows would, logging each event', () => {
    setService(lab.root, { Name: 'Flaky', DisplayName: 'Flaky', Status: 'Stopped', StartType: 'Manual', StartName: 'LocalSystem', StartFailure: 'The service did not start due to a logon failure.' });
    const out = inLab(`
      Start-Service AADConnectProvisioningAgent; (Get-Service AADConnectProvisioningAgent).Status
      try { Start-Service Flaky } catch { $_.Exception.Message }
      $null -eq (Get-Service Nope -ErrorAction SilentlyContinue)`);
    expect(out.split(/\r?\n/)).toEqual(['Running', "Service 'Flaky (Flaky)' cannot be started due to the following error: The service did not start due to a logon failure.", 'True']);
    expect(getService(lab.root, 'AADConnectProvisioningAgent').Status).toBe('Running');
    expect(readEvents(lab.root).some((e: string) => e.includes('service Flaky failed to start'))).toBe(true);
  });

  it('points the Windows folders and the computer name into the lab', () => {
    const out = inLab('$env:ProgramFiles; $env:COMPUTERNAME; (Get-CimInstance Win32_OperatingSystem).ProductType');
    expect(out.split(/\r?\n/)).toEqual([path.join(lab.root, 'Program Files'), 'SYNC07', '3']);
  });

  it('records every engine command line it is started with', () => {
    const log = readFileSync(path.join(lab.root, 'lab', 'commandlines.log'), 'utf8');
    expect(log).toMatch(/^pwsh -NoProfile -Command/m);
  });

  it("runs the product's own server-state script unchanged through the session runner", async () => {
    const state = await readServerState(session);
    expect(state).toMatchObject({
      computerName: 'SYNC07',
      agent: { installed: false, version: null, configExists: false },
      services: { agent: { exists: true, status: 'Running', account: 'NT SERVICE\\AADConnectProvisioningAgent' }, updater: { exists: false } },
      tenantId: null,
      fipsPolicyEnabled: true,
      engine: { edition: 'Core' },
    });
    expect(state.agent.installDir).toBe(path.join(lab.root, 'Program Files', 'Microsoft Azure AD Connect Provisioning Agent'));
    expect(existsSync(path.join(lab.root, 'lab', 'commandlines.log'))).toBe(true);
    expect(readFileSync(path.join(lab.root, 'lab', 'commandlines.log'), 'utf8')).toMatch(/^powershell -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File .*host\.ps1$/m);
  });

  it("derives names and paths from the agent's registry key, finds the updater by its executable, and falls back to the file version", async () => {
    const dir = path.join(lab.root, 'Agents', 'Sync');
    mkdirSync(dir, { recursive: true });
    // Only a file version in the version resource: the product version is missing.
    writeFileSync(path.join(dir, 'AADConnectProvisioningAgent.exe'), 'LAB-BINARY {"FileVersion":"1.1.2505.9"}\nstub\n');
    setRegistry(lab.root, {
      [AGENT_KEY]: { ServiceName: 'AADConnectProvisioningAgent', InstallDir: `${dir}\\`, ServiceProcessName: 'AADConnectProvisioningAgent', ProgramDataFolderName: 'Agent Data', TenantID: 'tid-42' },
    });
    setService(lab.root, {
      Name: 'EntraUpdaterX',
      DisplayName: 'Microsoft Entra Connect Agent Updater',
      Status: 'Running',
      StartType: 'Automatic',
      StartName: 'LocalSystem',
      PathName: `"${path.join(lab.root, 'Updater', 'AzureADConnectAgentUpdater.exe')}" -service`,
    });
    const state = await readServerState(session);
    expect(state.agent).toMatchObject({
      registryKeyFound: true,
      serviceName: 'AADConnectProvisioningAgent',
      installDir: dir,
      exePath: path.join(dir, 'AADConnectProvisioningAgent.exe'),
      configPath: path.join(dir, 'AADConnectProvisioningAgent.exe.config'),
      traceFolder: path.join(lab.root, 'ProgramData', 'Microsoft', 'Agent Data', 'Trace'),
      installed: true,
      version: '1.1.2505.9',
      fileVersion: '1.1.2505.9',
      productVersion: null,
    });
    expect(state.services.updater).toMatchObject({ name: 'EntraUpdaterX', exists: true, status: 'Running' });
    expect(state.tenantId).toBe('tid-42');
    // install-dir stays an override.
    const other = await readServerState(session, path.join(lab.root, 'Elsewhere'));
    expect(other.agent.installDir).toBe(path.join(lab.root, 'Elsewhere'));
    expect(other.agent).toMatchObject({ installed: false, configPath: path.join(lab.root, 'Elsewhere', 'AADConnectProvisioningAgent.exe.config') });
  });

  it('a cloned server has the same state under its own root, and the two change apart', () => {
    const source = createLabServer();
    const exe = path.join(source.root, 'Program Files', 'Agent', 'agent.exe');
    setService(source.root, { Name: 'Svc', Status: 'Running', PathName: `"${exe}" -run` });
    setRegistry(source.root, { 'SOFTWARE\\Contoso': { InstallDir: path.dirname(exe), Count: 2 } });
    mkdirSync(path.join(source.root, 'media'));
    const bytes = Buffer.from([0, 0xff, 0xfe, 0x0a, 0x80]);
    writeFileSync(path.join(source.root, 'media', 'setup.exe'), Buffer.concat([bytes, Buffer.from(source.root), bytes]));
    const clone = cloneLabServer(source);
    try {
      expect(clone.root).not.toBe(source.root);
      expect(clone.env.AGENT_LAB_ROOT).toBe(clone.root);
      expect(getService(clone.root, 'Svc')).toEqual({ Name: 'Svc', Status: 'Running', PathName: `"${path.join(clone.root, 'Program Files', 'Agent', 'agent.exe')}" -run` });
      expect(getRegistry(clone.root, 'SOFTWARE\\Contoso', 'InstallDir')).toBe(path.join(clone.root, 'Program Files', 'Agent'));
      expect(getRegistry(clone.root, 'SOFTWARE\\Contoso', 'Count')).toBe(2);
      // Bytes that are not text stay as they were; only the root's path is replaced.
      expect(readFileSync(path.join(clone.root, 'media', 'setup.exe'))).toEqual(Buffer.concat([bytes, Buffer.from(clone.root), bytes]));
      const files = filesUnder(clone.root);
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) expect(readFileSync(file, 'latin1')).not.toContain(source.root);
      setService(clone.root, { Name: 'Svc', Status: 'Stopped' });
      expect(getService(source.root, 'Svc')?.Status).toBe('Running');
    } finally {
      clone.cleanup();
      source.cleanup();
    }
  });

  it('refuses to start without a lab root', () => {
    expect(() => execFileSync(path.join(labBin, 'pwsh'), ['-Command', '1'], { env: { ...env, AGENT_LAB_ROOT: '' }, stdio: 'pipe' })).toThrow(/AGENT_LAB_ROOT/);
  });
});
