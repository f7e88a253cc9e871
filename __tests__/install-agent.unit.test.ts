import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, StepError } from '../src/shared/errors.js';
import { Inputs } from '../src/shared/inputs.js';
import { compareVersions, isVersion, normalizeVersion } from '../src/shared/version.js';
import { exitCodeMeaning, formatExitCode, interpretExitCode } from '../src/steps/install-agent/exit-codes.js';
import { cacheIsFresh, cacheVersion, type CacheMeta } from '../src/steps/install-agent/installer-source.js';
import { actionOutput, alreadyAtRequestedVersion, planInstall } from '../src/steps/install-agent/plan.js';
import { preflightFailureMessage, preflightRows, type PreflightCheck } from '../src/steps/install-agent/preflight.js';
import { parseSubject, signatureProblem } from '../src/steps/install-agent/provenance.js';
import { readInstallSettings } from '../src/steps/install-agent/settings.js';
import { validateInstalled } from '../src/steps/install-agent/validate.js';
import type { ServerState } from '../src/agent/server-state.js';

const inputs = (map: Record<string, string>) => new Inputs((name) => map[name] ?? '');

describe('four-part versions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersions('1.1.999.0', '1.1.1000.0')).toBe(-1);
    expect(compareVersions('1.1.2505.0', '1.1.2505.0')).toBe(0);
    expect(compareVersions('1.2.0.0', '1.1.9999.9')).toBe(1);
    expect(compareVersions('1.1', '1.1.0.0')).toBe(0);
    expect(compareVersions('1.1.0.1', '1.1.0.0')).toBe(1);
  });
  it('rejects what is not a version', () => {
    for (const bad of ['', '1', 'v1.1.1.1', '1.1.1.1.1', '1.x.2.0', '1..2.0', '1.1.2505.0-beta']) expect(isVersion(bad), bad).toBe(false);
    expect(() => compareVersions('1.1', 'abc')).toThrow(/not a version/);
    expect(normalizeVersion('1.1.2505')).toBe('1.1.2505.0');
  });
});

describe('plan (Get → Test)', () => {
  const none = { version: null, serviceExists: false };
  const at = (version: string) => ({ version, serviceExists: true });
  const opts = { allowDowngrade: false };

  it('installs when nothing is installed', () => {
    expect(planInstall(none, '1.1.2505.0', opts)).toMatchObject({ action: 'install', from: null, to: '1.1.2505.0' });
  });
  it('does nothing at the same version', () => {
    expect(planInstall(at('1.1.2505.0'), '1.1.2505.0', opts).action).toBe('none');
  });
  it('repairs when the files are there but the service is not', () => {
    expect(planInstall({ version: '1.1.2505.0', serviceExists: false }, '1.1.2505.0', opts).action).toBe('repair');
  });
  it('upgrades an older agent', () => {
    expect(planInstall(at('1.1.1000.0'), '1.1.2505.0', opts)).toMatchObject({ action: 'upgrade', from: '1.1.1000.0' });
  });
  it('keeps an agent its updater moved past an unpinned installer, and refuses a pinned downgrade unless allowed', () => {
    expect(planInstall(at('1.1.3000.0'), '1.1.2505.0', opts)).toEqual({
      action: 'none',
      from: '1.1.3000.0',
      to: '1.1.3000.0',
      reason: "Agent 1.1.3000.0 is newer than the installer (1.1.2505.0), most likely upgraded by its own updater: kept as it is (pin 'version' with 'allow-downgrade: true' to go back).",
    });
    expect(() => planInstall(at('1.1.3000.0'), '1.1.2505.0', { ...opts, version: '1.1.2505.0' })).toThrow(StepError);
    expect(() => planInstall(at('1.1.3000.0'), '1.1.2505.0', { ...opts, version: '1.1.2505.0' })).toThrow(/allow-downgrade/);
    expect(planInstall(at('1.1.3000.0'), '1.1.2505.0', { allowDowngrade: true }).action).toBe('downgrade');
  });
  it('insists on the requested version', () => {
    expect(() => planInstall(none, '1.1.2505.0', { ...opts, version: '1.1.2600.0' })).toThrow(/'version' asks for 1.1.2600.0/);
    expect(planInstall(none, '1.1.2600.0', { ...opts, version: '1.1.2600.0' }).action).toBe('install');
  });
  it('skips the installer only when the requested version already runs', () => {
    expect(alreadyAtRequestedVersion(at('1.1.2505.0'), '1.1.2505.0')).toBe(true);
    expect(alreadyAtRequestedVersion(at('1.1.2505.0'), undefined)).toBe(false);
    expect(alreadyAtRequestedVersion(at('1.1.2504.0'), '1.1.2505.0')).toBe(false);
    expect(alreadyAtRequestedVersion({ version: '1.1.2505.0', serviceExists: false }, '1.1.2505.0')).toBe(false);
  });
  it('names the action output', () => {
    expect(actionOutput('install', false)).toBe('installed');
    expect(actionOutput('repair', false)).toBe('installed');
    expect(actionOutput('upgrade', false)).toBe('upgraded');
    expect(actionOutput('downgrade', false)).toBe('downgraded');
    expect(actionOutput('none', false)).toBe('unchanged');
    expect(actionOutput('upgrade', true)).toBe('planned');
    expect(actionOutput('none', true)).toBe('unchanged');
  });
});

describe('installer exit codes', () => {
  it('maps success, reboot and retry codes', () => {
    expect(interpretExitCode(0)).toEqual({ kind: 'success', rebootRequired: false, rebootStarted: false });
    expect(interpretExitCode(3010)).toEqual({ kind: 'success', rebootRequired: true, rebootStarted: false });
    expect(interpretExitCode(1641)).toEqual({ kind: 'success', rebootRequired: true, rebootStarted: true });
    expect(interpretExitCode(1618)).toEqual({ kind: 'retry' });
    for (const code of [1, 1602, 1603, -2147023293]) expect(interpretExitCode(code).kind).toBe('failure');
  });
  it('explains failures', () => {
    expect(exitCodeMeaning(1603)).toMatch(/fatal error/);
    expect(exitCodeMeaning(-2147023293)).toMatch(/0x80070643/);
    expect(exitCodeMeaning(0x80070643)).toMatch(/0x80070643/);
    expect(exitCodeMeaning(4242)).toMatch(/unknown/);
    expect(formatExitCode(-2147023293)).toBe('-2147023293 (0x80070643)');
    expect(formatExitCode(1603)).toBe('1603');
  });
});

describe('provenance', () => {
  const ms = 'CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US';
  it('accepts a valid Microsoft signature', () => {
    expect(signatureProblem({ status: 'Valid', statusMessage: '', signerSubject: ms, thumbprint: 'X' })).toBeNull();
  });
  it('refuses unsigned, tampered, untrusted and foreign files', () => {
    expect(signatureProblem({ status: 'NotSigned', statusMessage: 'not signed', signerSubject: null, thumbprint: null })).toMatch(/NotSigned/);
    expect(signatureProblem({ status: 'HashMismatch', statusMessage: '', signerSubject: ms, thumbprint: 'X' })).toMatch(/HashMismatch/);
    expect(signatureProblem({ status: 'UnknownError', statusMessage: 'root not trusted', signerSubject: ms, thumbprint: 'X' })).toMatch(/UnknownError \(root not trusted\)/);
    expect(signatureProblem({ status: 'Valid', statusMessage: '', signerSubject: 'CN=Contoso Ltd, O=Contoso Ltd, C=US', thumbprint: 'X' })).toMatch(/Contoso/);
    // The organisation must match too, not only the common name.
    expect(signatureProblem({ status: 'Valid', statusMessage: '', signerSubject: 'CN=Microsoft Corporation, O=Evil Inc, C=US', thumbprint: 'X' })).toMatch(/not Microsoft/);
    expect(signatureProblem({ status: 'Valid', statusMessage: '', signerSubject: 'CN=Microsoft Corporation Fake, O=Microsoft Corporation', thumbprint: 'X' })).not.toBeNull();
  });
  it('parses quoted subject values', () => {
    const s = parseSubject('CN="Contoso, Ltd", O=Contoso, C=US');
    expect(s.get('CN')).toBe('Contoso, Ltd');
    expect(s.get('O')).toBe('Contoso');
  });
});

describe('preflight report', () => {
  const checks: PreflightCheck[] = [
    { id: 'windows-server', name: 'Windows Server', passed: true, detail: 'Server 2022', fix: 'x' },
    { id: 'not-server-core', name: 'Not Server Core', passed: false, detail: 'InstallationType Server Core', fix: 'use Desktop Experience' },
    { id: 'elevated', name: 'Running elevated', passed: false, detail: 'Medium Mandatory Level', fix: 'run elevated.' },
  ];
  it('names every failed check with its fix in one line', () => {
    const message = preflightFailureMessage(checks);
    expect(message).not.toMatch(/\n/);
    expect(message).toMatch(/failed 2 of 3/);
    expect(message).toMatch(/Not Server Core: InstallationType Server Core; fix: use Desktop Experience/);
    expect(message).toMatch(/Running elevated: Medium Mandatory Level; fix: run elevated/);
    expect(message).not.toMatch(/Windows Server:/);
  });
  it('gives one summary row per check', () => {
    const rows = preflightRows(checks, 'warn');
    expect(rows[0]).toEqual(['Preflight', '1 of 3 checks passed (warn: continued)']);
    expect(rows).toHaveLength(4);
    expect(preflightRows([], 'skip')).toEqual([['Preflight', 'skipped']]);
  });
});

describe('installer cache freshness', () => {
  const meta: CacheMeta = { url: 'https://x/i', sha256: 'a'.repeat(64), version: '1.1.2505.0', fetchedAt: new Date(1_000_000_000_000).toISOString() };
  const now = 1_000_000_000_000 + 3_600_000; // one hour later
  it('trusts a pinned entry forever and an unpinned one for cacheHours', () => {
    expect(cacheIsFresh(meta, { sha256: 'a'.repeat(64), cacheHours: 0 }, now + 1e12)).toBe(true);
    expect(cacheIsFresh(meta, { sha256: 'b'.repeat(64), cacheHours: 24 }, now)).toBe(false);
    expect(cacheIsFresh(meta, { version: '1.1.2505.0', cacheHours: 0 }, now)).toBe(true);
    expect(cacheIsFresh(meta, { version: '1.1.2600.0', cacheHours: 24 }, now)).toBe(false);
    expect(cacheIsFresh(meta, { cacheHours: 24 }, now)).toBe(true);
    expect(cacheIsFresh(meta, { cacheHours: 1 }, now)).toBe(false);
    expect(cacheIsFresh(meta, { cacheHours: 0 }, now)).toBe(false);
  });
  it('keys the cache by URL with a version tool-cache accepts', () => {
    expect(cacheVersion('https://a/x')).toMatch(/^0\.0\.0-u[0-9a-f]{16}$/);
    expect(cacheVersion('https://a/x')).not.toBe(cacheVersion('https://a/y'));
  });
});

describe('install-agent inputs', () => {
  it('defaults to the documented public-cloud link, and needs the installer for US Government', () => {
    // The direct link in older Microsoft docs (agent-facts.md, Installer > Download).
    const documented = 'https://download.msappproxy.net/Subscription/d3c8b69d-6bf7-42be-a529-3fe9c2e70c90/Connector/provisioningAgentInstaller';
    expect(readInstallSettings(inputs({})).installer).toEqual({ kind: 'url', url: documented, isDefault: true });
    // No government link is documented: no guess, a one-line error naming the input and where the file comes from.
    let message = '';
    try {
      readInstallSettings(inputs({ environment: 'azureusgovernment' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Input 'installer' is required when environment is AzureUSGovernment .*admin center.*Download on-premises agent/);
    expect(message).not.toMatch(/\n/);
    const gov = readInstallSettings(inputs({ environment: 'azureusgovernment', installer: 'https://example.test/AADConnectProvisioningAgentSetup.exe' }));
    expect(gov.environment).toBe('AzureUSGovernment');
    expect(gov.installer).toMatchObject({ url: 'https://example.test/AADConnectProvisioningAgentSetup.exe', isDefault: false });
    expect(readInstallSettings(inputs({})).preflight).toBe('fail');
    // A downgrade is never the default: action.yml documents allow-downgrade: false.
    expect(readInstallSettings(inputs({})).allowDowngrade).toBe(false);
    expect(readInstallSettings(inputs({ 'allow-downgrade': 'true' })).allowDowngrade).toBe(true);
  });
  it('accepts URLs and paths', () => {
    expect(readInstallSettings(inputs({ installer: 'https://example.test/setup.exe' })).installer).toMatchObject({ kind: 'url', isDefault: false });
    const dir = mkdtempSync(path.join(tmpdir(), 'installer-input-'));
    const file = path.join(dir, 'AADConnectProvisioningAgentSetup.exe');
    writeFileSync(file, 'x');
    expect(readInstallSettings(inputs({ installer: file })).installer).toEqual({ kind: 'path', path: file });
    rmSync(dir, { recursive: true, force: true });
    // Recognised as paths (then checked for existence: the runner is the server).
    for (const p of ['C:\\media\\AADConnectProvisioningAgentSetup.exe', '\\\\fs01\\media\\setup.exe', './setup.exe', file]) {
      expect(() => readInstallSettings(inputs({ installer: p }))).toThrow(/^Input 'installer' names a file that does not exist/);
    }
    const s = readInstallSettings(inputs({ 'installer-sha256': 'AB'.repeat(32), version: '1.1.2505' }));
    expect(s.sha256).toBe('ab'.repeat(32));
    expect(s.version).toBe('1.1.2505.0');
  });
  it.each([
    [{ installer: 'not a url or path' }, 'installer'],
    [{ installer: 'ftp://example.test/setup.exe' }, 'installer'],
    [{ installer: 'https://user:pw@example.test/setup.exe' }, 'installer'],
    [{ version: '1.1.x' }, 'version'],
    [{ version: '1.1.2505.0.1' }, 'version'],
    [{ environment: 'AzureChinaMoon' }, 'environment'],
    [{ 'installer-sha256': 'abc' }, 'installer-sha256'],
    [{ preflight: 'maybe' }, 'preflight'],
    [{ 'allow-downgrade': 'yes' }, 'allow-downgrade'],
    [{ 'install-retries': '-1' }, 'install-retries'],
  ])('rejects %j in one line naming %s', (map, name) => {
    let error: unknown;
    try {
      readInstallSettings(inputs(map as Record<string, string>));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(name);
    expect((error as Error).message).toMatch(new RegExp(`^Input '${name}' `));
    expect((error as Error).message).not.toMatch(/\n/);
  });
});

describe('judging an install by the installed product version', () => {
  const after = (productVersion: string | null, fileVersion: string | null, serviceExists = true): ServerState => ({
    computerName: 'SYNC01',
    agent: {
      installed: !!(productVersion ?? fileVersion),
      registryKeyFound: true,
      serviceName: 'AADConnectProvisioningAgent',
      installDir: 'C:\\A',
      exePath: 'C:\\A\\AADConnectProvisioningAgent.exe',
      configPath: 'C:\\A\\AADConnectProvisioningAgent.exe.config',
      configExists: true,
      traceFolder: 'C:\\ProgramData\\Microsoft\\Azure AD Connect Provisioning Agent\\Trace',
      version: productVersion ?? fileVersion,
      fileVersion,
      productVersion,
    },
    services: {
      agent: { name: 'AADConnectProvisioningAgent', exists: serviceExists, status: serviceExists ? 'Running' : null, startType: null, account: null },
      updater: { name: 'AzureADConnectAgentUpdater', exists: true, status: 'Running', startType: null, account: null },
    },
    tenantId: null,
    fipsPolicyEnabled: false,
    engine: { edition: 'Desktop', version: '5.1' },
  });
  const install = { action: 'install' as const, from: null, to: '1.1.2505.0' };

  it('accepts the installer version, whatever the file version says', () => {
    expect(validateInstalled(after('1.1.2505.0', '1.1.2505.17'), install)).toBeUndefined();
  });
  it('explains a newer agent instead of failing, naming both versions', () => {
    expect(validateInstalled(after('1.1.2600.0', '1.1.2600.0'), install)).toMatch(
      /^The installed agent is 1\.1\.2600\.0 \(product version 1\.1\.2600\.0\), newer than the installer's 1\.1\.2505\.0: .*updater/,
    );
  });
  it('fails an older agent, and a downgrade that left the newer agent, in one line', () => {
    expect(() => validateInstalled(after('1.1.2400.0', '1.1.2400.0'), install)).toThrow(/is 1\.1\.2400\.0 \(product version 1\.1\.2400\.0\), not 1\.1\.2505\.0: /);
    expect(() => validateInstalled(after('1.1.3000.0', '1.1.3000.0'), { action: 'downgrade', from: '1.1.3000.0', to: '1.1.2505.0' })).toThrow(/is 1\.1\.3000\.0 .*not 1\.1\.2505\.0/);
  });
  it('falls back to the file version and says so', () => {
    expect(() => validateInstalled(after(null, '1.1.2400.0'), install)).toThrow(/\(file version 1\.1\.2400\.0, no product version\)/);
  });
  it('fails when the service is missing, naming the service the server reported', () => {
    expect(() => validateInstalled(after('1.1.2505.0', '1.1.2505.0', false), install)).toThrow(/^The installer reported success but the agent's service AADConnectProvisioningAgent does not exist\.$/);
  });
});
