// install-agent against the lab server, through the bundled entry (npm run bundle -- install-agent).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorLines, newRunnerDir, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { createLabServer, getService, readEvents, snapshotFiles } from '../lab/lab.mjs';
import { getInstallerExitCodes, installAgent, installerCommandLines, makeInstaller, readAgentInstall, setInstallerExitCodes, sha256Of } from '../lab/installer.mjs';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };

const AGENT_DIR = path.join('Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
const labs: Lab[] = [];
function newLab(options: Record<string, unknown> = {}): Lab {
  const lab = createLabServer(options) as Lab;
  labs.push(lab);
  return lab;
}

function install(lab: Lab, inputs: Record<string, string>, runnerDir?: string): Promise<EntryRun> {
  return runEntry('install-agent', { shell: 'powershell', 'retry-delay-seconds': '0', ...inputs }, { env: lab.env, runnerDir });
}

function failureLine(run: EntryRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return lines[0];
}

/** Everything on the server except the lab's own logs. */
function serverFiles(root: string): Record<string, string> {
  const files = snapshotFiles(root) as Record<string, string>;
  for (const name of Object.keys(files)) if (/^lab[\\/](commandlines|events)\.log$/.test(name)) delete files[name];
  return files;
}

describeWithPwsh(
  'install-agent on the lab server',
  () => {
    // Installers served over 127.0.0.1, counting requests per path.
    const served = new Map<string, string>();
    const requests: string[] = [];
    let server: Server;
    let base = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push(req.url ?? '');
        const file = served.get(req.url ?? '');
        if (!file) {
          res.writeHead(404).end('not found');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => {
      server?.close();
      for (const lab of labs) lab.cleanup();
    });
    const serve = (route: string, file: string) => {
      served.set(route, file);
      return `${base}${route}`;
    };
    const requestsFor = (route: string) => requests.filter((r) => r === route).length;

    it('installs fresh from a URL, and a re-run changes nothing and downloads nothing', async () => {
      const lab = newLab();
      const url = serve('/fresh/setup', makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' }));
      const runnerDir = newRunnerDir();

      const first = await install(lab, { installer: url }, runnerDir);
      expect(first.code, first.stdout).toBe(0);
      expect(first.outputs).toMatchObject({
        changed: 'true',
        action: 'installed',
        'previous-version': '',
        version: '1.1.2505.0',
        'reboot-required': 'false',
        'service-account': 'NT SERVICE\\AADConnectProvisioningAgent',
      });
      expect(first.outputs['installer-sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect(existsSync(first.outputs['log-path'])).toBe(true);
      expect(requestsFor('/fresh/setup')).toBe(1);
      // The agent is really there, both services run, and the installer saw a silent command line.
      expect(readFileSync(path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe'), 'utf8')).toContain('"FileVersion":"1.1.2505.0"');
      expect(existsSync(path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe.config'))).toBe(true);
      expect(getService(lab.root, 'AADConnectProvisioningAgent')).toMatchObject({ Status: 'Running', StartName: 'NT SERVICE\\AADConnectProvisioningAgent' });
      expect(getService(lab.root, 'AzureADConnectAgentUpdater')).toMatchObject({ Status: 'Running' });
      const lines = installerCommandLines(lab.root) as string[];
      expect(lines).toHaveLength(1);
      // The public cloud gets no ENVIRONMENTNAME (the docs pass none); the bundle then keeps its default.
      expect(lines[0]).toMatch(/^AADConnectProvisioningAgentSetup\.exe \/quiet \/norestart \/log ".+\.log"$/);
      expect(readAgentInstall(lab.root)).toMatchObject({ version: '1.1.2505.0', environment: 'Default' });
      expect(first.summary).toContain('| Action | installed |');
      expect(first.summary).toContain('| Preflight | 12 of 12 checks passed |');

      const before = serverFiles(lab.root);
      const second = await install(lab, { installer: url }, runnerDir);
      expect(second.code, second.stdout).toBe(0);
      expect(second.outputs).toMatchObject({ changed: 'false', action: 'unchanged', 'previous-version': '1.1.2505.0', version: '1.1.2505.0', 'installer-sha256': first.outputs['installer-sha256'] });
      expect(requestsFor('/fresh/setup')).toBe(1);
      expect(installerCommandLines(lab.root)).toHaveLength(1);
      expect(serverFiles(lab.root)).toEqual(before);

      // Unpinned cache entries expire (Microsoft's link has no version in it): 0 hours downloads again.
      const third = await install(lab, { installer: url, 'installer-cache-hours': '0' }, runnerDir);
      expect(third.outputs).toMatchObject({ changed: 'false', action: 'unchanged' });
      expect(requestsFor('/fresh/setup')).toBe(2);
    });

    it('a cached installer that is refused now is evicted and fetched again once, not refused on every later run', async () => {
      const good = makeInstaller(path.join(newLab().root, 'media'), { version: '1.1.2505.0' });
      const url = serve('/evict/setup', good);
      const runnerDir = newRunnerDir();
      const first = await install(newLab(), { installer: url }, runnerDir);
      expect(first.code, first.stdout).toBe(0);
      expect(requestsFor('/evict/setup')).toBe(1);
      // The cache entry now holds a file whose signature no longer verifies (an untrusted chain), with
      // its record matching it: a file that passed when it was cached and is refused now.
      const cacheRoot = path.join(runnerDir, 'tool-cache');
      const cached = (readdirSync(cacheRoot, { recursive: true }) as string[]).map((f) => path.join(cacheRoot, f)).find((f) => f.endsWith('AADConnectProvisioningAgentSetup.exe'))!;
      const bad = makeInstaller(path.join(newLab().root, 'media-bad'), { version: '1.1.2505.0', status: 'UnknownError' });
      writeFileSync(cached, readFileSync(bad));
      const metaFile = path.join(path.dirname(cached), 'installer.json');
      writeFileSync(metaFile, JSON.stringify({ ...JSON.parse(readFileSync(metaFile, 'utf8')), sha256: sha256Of(bad) }));

      // Another server served by the same runner: the refused cache entry is dropped and the installer fetched once more.
      const second = await install(newLab(), { installer: url }, runnerDir);
      expect(second.code, second.stdout).toBe(0);
      expect(second.stdout).toMatch(/The installer cached on this runner was refused \(.+\); it is removed from the tool cache and downloaded again\./);
      expect(second.outputs).toMatchObject({ action: 'installed', 'installer-sha256': sha256Of(good) });
      expect(requestsFor('/evict/setup')).toBe(2);
      // The good copy is cached again: a third server installs from the cache.
      const third = await install(newLab(), { installer: url }, runnerDir);
      expect(third.code, third.stdout).toBe(0);
      expect(requestsFor('/evict/setup')).toBe(2);
    });

    it('with a pinned version already installed, needs no installer at all', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.2505.0');
      const run = await install(lab, { installer: `${base}/never-served`, version: '1.1.2505.0' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'false', action: 'unchanged', version: '1.1.2505.0', 'installer-sha256': '' });
      expect(requestsFor('/never-served')).toBe(0);
    });

    it('upgrades an older agent, keeping its account and (from 1.1.1365.0) its config', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.1000.0', { account: 'CONTOSO\\provAgentgMSA$' });
      const config = path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe.config');
      const customised = readFileSync(config, 'utf8').replace('<runtime>', '<runtime>\r\n    <enforceFIPSPolicy enabled="false" />');
      writeFileSync(config, customised);
      const media = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });

      const run = await install(lab, { installer: media });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'true', action: 'upgraded', 'previous-version': '1.1.1000.0', version: '1.1.2505.0', 'service-account': 'CONTOSO\\provAgentgMSA$' });
      expect(readFileSync(config, 'utf8')).toBe(customised);
      expect(run.summary).toMatch(/re-check config customisations \(FIPS, proxy\)/);
      expect(run.stdout).toMatch(/::warning::.*re-check config customisations/);
    });

    it('an upgrade to a version before 1.1.1365.0 resets the config, and says so', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.900.0');
      const config = path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe.config');
      writeFileSync(config, readFileSync(config, 'utf8').replace('<runtime>', '<runtime><enforceFIPSPolicy enabled="false" />'));
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media'), { version: '1.1.1000.0' }) });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.action).toBe('upgraded');
      expect(readFileSync(config, 'utf8')).not.toContain('enforceFIPSPolicy');
      expect(run.summary).toMatch(/before 1\.1\.1365\.0 reset config customisations/);
    });

    it('keeps an agent newer than an unpinned installer; refuses a pinned downgrade, and allows it with allow-downgrade', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.3000.0');
      const media = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
      const before = serverFiles(lab.root);

      // Unpinned, the newer agent (the updater's doing) is kept; pinned, the downgrade is refused.
      const kept = await install(lab, { installer: media });
      expect(kept.code, kept.stdout).toBe(0);
      expect(kept.outputs).toMatchObject({ changed: 'false', action: 'unchanged', version: '1.1.3000.0' });
      expect(kept.stdout).toContain('Agent 1.1.3000.0 is newer than the installer (1.1.2505.0), most likely upgraded by its own updater');
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(serverFiles(lab.root)).toEqual(before);

      const refused = await install(lab, { installer: media, version: '1.1.2505.0' });
      expect(refused.code).not.toBe(0);
      expect(failureLine(refused)).toMatch(/installed agent 1\.1\.3000\.0 is newer than the installer \(1\.1\.2505\.0\).*allow-downgrade: true/);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(serverFiles(lab.root)).toEqual(before);

      const allowed = await install(lab, { installer: media, version: '1.1.2505.0', 'allow-downgrade': 'true' });
      expect(allowed.code, allowed.stdout).toBe(0);
      expect(allowed.outputs).toMatchObject({ changed: 'true', action: 'downgraded', 'previous-version': '1.1.3000.0', version: '1.1.2505.0' });
    });

    it.each([
      ['unsigned', { signer: null }, /signature status is NotSigned/],
      ['signed by someone else', { signer: 'Contoso Ltd' }, /signed by 'CN=Contoso Ltd.*not Microsoft Corporation/],
      // CN and O must both name Microsoft: one of the two is not enough.
      ['whose certificate says CN=Microsoft Corporation for another organisation', { subject: 'CN=Microsoft Corporation, O=Contoso Ltd, C=US' }, /not Microsoft Corporation/],
      ['whose certificate says O=Microsoft Corporation under another name', { subject: 'CN=Contoso Ltd, O=Microsoft Corporation, C=US' }, /not Microsoft Corporation/],
      ['tampered after signing', { tamper: true }, /signature status is HashMismatch/],
      ['signed with an untrusted chain', { status: 'UnknownError' }, /signature status is UnknownError/],
    ])('refuses an installer %s before running it', async (_name, options, why) => {
      const lab = newLab();
      const media = makeInstaller(path.join(lab.root, 'media'), options);
      const before = serverFiles(lab.root);
      const run = await install(lab, { installer: media });
      expect(run.code).not.toBe(0);
      expect(failureLine(run)).toMatch(/^Refusing to run the installer /);
      expect(failureLine(run)).toMatch(why);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(serverFiles(lab.root)).toEqual(before);
    });

    it('refuses an installer whose SHA-256 does not match the pin (path and URL), without caching it', async () => {
      const lab = newLab();
      const media = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
      const wrong = 'f'.repeat(64);
      const local = await install(lab, { installer: media, 'installer-sha256': wrong });
      expect(failureLine(local)).toMatch(new RegExp(`SHA-256 is ${sha256Of(media)} but input 'installer-sha256' pins ${wrong}`));

      const runnerDir = newRunnerDir();
      const url = serve('/pinned/setup', media);
      const remote = await install(lab, { installer: url, 'installer-sha256': wrong }, runnerDir);
      expect(failureLine(remote)).toMatch(/input 'installer-sha256' pins/);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(readdirSync(path.join(runnerDir, 'tool-cache'))).toEqual([]);

      // The right pin installs; a second run reuses the cached file.
      const right = await install(lab, { installer: url, 'installer-sha256': sha256Of(media).toUpperCase() }, runnerDir);
      expect(right.code, right.stdout).toBe(0);
      expect(right.outputs.action).toBe('installed');
      const again = await install(lab, { installer: url, 'installer-sha256': sha256Of(media) }, runnerDir);
      expect(again.outputs).toMatchObject({ changed: 'false', action: 'unchanged' });
      expect(requestsFor('/pinned/setup')).toBe(2);
    });

    it('a download that fails stops the run in one line, before anything runs', async () => {
      const lab = newLab();
      const run = await install(lab, { installer: `${base}/missing/setup` });
      expect(run.code).not.toBe(0);
      expect(failureLine(run)).toBe(`Downloading the installer from ${base}/missing/setup failed: HTTP 404.`);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
    });

    it('retries while another installation runs: 1618, 1618, 0 succeeds', async () => {
      const lab = newLab();
      setInstallerExitCodes(lab.root, [1618, 1618, 0]);
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')), 'install-retries': '3' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'true', action: 'installed', version: '1.1.2505.0' });
      expect(installerCommandLines(lab.root)).toHaveLength(3);
      expect(getInstallerExitCodes(lab.root)).toEqual([]);
      expect(run.stdout.match(/::warning::Another installation is in progress/g)).toHaveLength(2);
    });

    it('gives up after the bounded number of 1618 retries', async () => {
      const lab = newLab();
      setInstallerExitCodes(lab.root, [1618, 1618, 1618, 0]);
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')), 'install-retries': '1' });
      expect(failureLine(run)).toMatch(/exit code 1618 \(another installation is already in progress\) after 2 attempts/);
      expect(installerCommandLines(lab.root)).toHaveLength(2);
    });

    it('3010 succeeds with reboot-required', async () => {
      const lab = newLab();
      setInstallerExitCodes(lab.root, [3010]);
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')), environment: 'AzureUSGovernment' });
      expect(run.code, run.stdout).toBe(0);
      expect(installerCommandLines(lab.root)[0]).toContain(' ENVIRONMENTNAME=AzureUSGovernment ');
      expect(readAgentInstall(lab.root).environment).toBe('AzureUSGovernment');
      expect(run.outputs).toMatchObject({ changed: 'true', 'reboot-required': 'true', action: 'installed' });
      expect(run.stdout).toMatch(/::warning::.*reboot/i);
    });

    it('1641 succeeds and says loudly that a reboot was started', async () => {
      const lab = newLab();
      setInstallerExitCodes(lab.root, [1641]);
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')) });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs['reboot-required']).toBe('true');
      expect(run.stdout).toMatch(/::warning::THE INSTALLER STARTED A REBOOT/);
    });

    it('1603 fails with its meaning and the tail of the install log', async () => {
      const lab = newLab();
      setInstallerExitCodes(lab.root, [1603]);
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')) });
      expect(run.code).not.toBe(0);
      const line = failureLine(run);
      expect(line).toMatch(/^The installer failed with exit code 1603 \(fatal error during installation\)\. Log .+\.log ends: /);
      expect(line).toMatch(/Installation failed/);
      expect(line).toMatch(/exit code: 0x643/);
      expect(existsSync(path.join(lab.root, AGENT_DIR, 'AADConnectProvisioningAgent.exe'))).toBe(false);
    });

    it('names every failed preflight check with its fix, in one line, before changing anything', async () => {
      const lab = newLab({
        server: { productType: 1, caption: 'Microsoft Windows 11 Enterprise', installationType: 'Server Core', elevated: false },
        registry: {
          'SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full': { Release: 394802, Version: '4.6.2' },
          'SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client': { Enabled: 0 },
          'SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319': { SchUseStrongCrypto: null },
          'SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell': { ExecutionPolicy: 'Unrestricted' },
        },
        services: [{ Name: 'VaultSvc', StartType: 'Disabled', Status: 'Stopped' }],
      });
      const media = makeInstaller(path.join(lab.root, 'media'));
      const before = serverFiles(lab.root);
      const run = await install(lab, { installer: media });
      expect(run.code).not.toBe(0);
      const line = failureLine(run);
      expect(line).toMatch(/^Preflight failed 8 of 12 checks: /);
      for (const expected of [
        /Windows Server: Microsoft Windows 11 Enterprise \(ProductType 1\); fix: install the agent on Windows Server/,
        /Not Server Core: InstallationType Server Core; fix: /,
        /\.NET Framework 4\.7\.1\+: Release 394802, Version 4\.6\.2; fix: install \.NET Framework 4\.7\.1/,
        /TLS 1\.2 \(SCHANNEL client\): Enabled 0, DisabledByDefault 0; fix: set DWORD Enabled=1/,
        /TLS 1\.2 \(\.NET SchUseStrongCrypto\): SchUseStrongCrypto not set; fix: set DWORD SchUseStrongCrypto=1/,
        /Credential Manager \(VaultSvc\): StartType Disabled, Status Stopped; fix: /,
        /Execution policy Undefined or RemoteSigned: MachinePolicy Undefined, UserPolicy Undefined, CurrentUser Undefined, LocalMachine Unrestricted; fix: Set-ExecutionPolicy RemoteSigned -Scope LocalMachine/,
        /Running elevated: Medium Mandatory Level \(not elevated\); fix: /,
      ])
        expect(line).toMatch(expected);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(serverFiles(lab.root)).toEqual(before);
    });

    it('preflight: warn reports a failed check and installs anyway', async () => {
      const lab = newLab({ services: [{ Name: 'VaultSvc', StartType: 'Disabled', Status: 'Stopped' }] });
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media')), preflight: 'warn' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.action).toBe('installed');
      expect(run.stdout).toMatch(/::warning::Preflight: Credential Manager \(VaultSvc\) failed/);
      expect(run.summary).toContain('| Preflight | 11 of 12 checks passed (warn: continued) |');
      expect(run.summary).toMatch(/\| Preflight: Credential Manager \(VaultSvc\) \| FAIL: StartType Disabled/);
    });

    it('plan mode changes nothing (server, tool cache) and reports the plan', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.1000.0');
      const url = serve('/plan/setup', makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' }));
      const runnerDir = newRunnerDir();
      const before = serverFiles(lab.root);
      const eventsBefore = readEvents(lab.root).length;
      const run = await install(lab, { installer: url, 'dry-run': 'true' }, runnerDir);
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'true', action: 'planned', 'previous-version': '1.1.1000.0', version: '1.1.2505.0', 'log-path': '' });
      expect(run.summary).toMatch(/\| Plan \| Upgrade the agent from 1\.1\.1000\.0 to 1\.1\.2505\.0\. \|/);
      expect(serverFiles(lab.root)).toEqual(before);
      expect(installerCommandLines(lab.root)).toHaveLength(0);
      expect(readdirSync(path.join(runnerDir, 'tool-cache'))).toEqual([]);
      expect(readEvents(lab.root).slice(eventsBefore)).toEqual([]);
    });

    it('without an installer input, uses the documented Microsoft link (found in the runner tool cache, no network)', async () => {
      // The documented direct download link (agent-facts.md), written out here. The runner's tool cache
      // holds a verified installer for exactly this URL, so the run needs no download; a run that asked
      // for another URL would miss the cache and fail at the download (the proxy is a closed local port,
      // so nothing ever leaves the machine).
      const url = 'https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller';
      const lab = newLab();
      const runnerDir = newRunnerDir();
      const media = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
      // @actions/tool-cache layout: <tool>/<version>/<arch>/ plus <arch>.complete; the version is the URL's hash.
      const entry = path.join(runnerDir, 'tool-cache', 'entra-provisioning-agent-installer', `0.0.0-u${createHash('sha256').update(url).digest('hex').slice(0, 16)}`, arch());
      mkdirSync(entry, { recursive: true });
      copyFileSync(media, path.join(entry, 'AADConnectProvisioningAgentSetup.exe'));
      writeFileSync(path.join(entry, 'installer.json'), JSON.stringify({ url, sha256: sha256Of(media), version: '1.1.2505.0', fetchedAt: new Date().toISOString() }));
      writeFileSync(`${entry}.complete`, '');
      const closed = { https_proxy: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', no_proxy: '', NO_PROXY: '' };
      const run = await runEntry('install-agent', { shell: 'powershell', 'retry-delay-seconds': '0' }, { env: { ...lab.env, ...closed }, runnerDir });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ changed: 'true', action: 'installed', version: '1.1.2505.0' });
      expect(run.stdout).toContain('Using the installer cached on this runner');
      expect(installerCommandLines(lab.root)).toHaveLength(1);
    });

    it('judges by the resulting state: a bundle that exits 0 without installing fails the run', async () => {
      const lab = newLab();
      installAgent(lab.root, '1.1.3000.0');
      // As a Burn bundle does when it detects a newer related bundle: exit 0, change nothing.
      const run = await install(lab, { installer: makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0', installs: false }), 'allow-downgrade': 'true' });
      expect(run.code).not.toBe(0);
      expect(failureLine(run)).toMatch(/^The installer reported success but the agent at .+ is 1\.1\.3000\.0 \(product version 1\.1\.3000\.0\), not 1\.1\.2505\.0: the bundle skipped the install/);
      expect(installerCommandLines(lab.root)).toHaveLength(1);
    });

    it.each([
      [{ installer: 'just-some-words' }, 'installer'],
      [{ version: 'latest' }, 'version'],
      [{ environment: 'AzureMoonCloud' }, 'environment'],
      [{ installer: '/no/such/dir/AADConnectProvisioningAgentSetup.exe' }, 'installer'],
    ])('bad input %j fails in one line naming %s, changing nothing', async (inputs, name) => {
      const lab = newLab();
      const before = serverFiles(lab.root);
      const run = await install(lab, inputs);
      expect(run.code).not.toBe(0);
      expect(failureLine(run)).toMatch(new RegExp(`^Input '${name}' `));
      expect(serverFiles(lab.root)).toEqual(before);
    });
  },
  { concurrent: true },
);
