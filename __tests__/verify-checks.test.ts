import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editConfig, inspectConfig, type ConfigRequest } from '../src/config/editor.js';
import type { ServerState } from '../src/agent/server-state.js';
import { Inputs } from '../src/shared/inputs.js';
import { looksLikeGmsa, normaliseGmsa, sameAccount } from '../src/steps/verify/account.js';
import { configFacts, readAgentConfig } from '../src/steps/verify/agent-config.js';
import { evaluateChecks, servicesToWaitFor, unhealthyLine, withStatuses, type Check } from '../src/steps/verify/checks.js';
import { readVerifySettings, type VerifySettings } from '../src/steps/verify/settings.js';
import { compareVersions, isFourPartVersion } from '../src/steps/verify/version.js';
import { AGENT_CONFIG_XML, withFipsException, withProxy } from './helpers/verify-agent.js';

const TENANT = '8f3c2a4e-1b7d-4c6e-9a2f-5d0e7b1c3a99';

function state(over: Partial<ServerState> = {}): ServerState {
  return {
    computerName: 'SYNC01',
    agent: {
      installed: true,
      registryKeyFound: true,
      serviceName: 'AADConnectProvisioningAgent',
      installDir: 'C:\\agent',
      version: '1.1.2505.0',
      fileVersion: '1.1.2505.0',
      productVersion: '1.1.2505.0',
      exePath: 'C:\\agent\\AADConnectProvisioningAgent.exe',
      configPath: 'C:\\agent\\AADConnectProvisioningAgent.exe.config',
      configExists: true,
      traceFolder: 'C:\\ProgramData\\Microsoft\\Azure AD Connect Provisioning Agent\\Trace',
    },
    services: {
      agent: { name: 'AADConnectProvisioningAgent', exists: true, status: 'Running', startType: 'Automatic', account: 'CONTOSO\\provAgentgMSA$' },
      updater: { name: 'AzureADConnectAgentUpdater', exists: true, status: 'Running', startType: 'Automatic', account: 'LocalSystem' },
    },
    tenantId: TENANT,
    fipsPolicyEnabled: false,
    engine: { edition: 'Desktop', version: '5.1' },
    ...over,
  };
}

function settings(inputs: Record<string, string> = {}): VerifySettings {
  return readVerifySettings(new Inputs((name) => inputs[name] ?? ''));
}

const plainConfig = configFacts(AGENT_CONFIG_XML);

function byId(checks: Check[]): Record<string, Check> {
  return Object.fromEntries(checks.map((c) => [c.check, c]));
}

describe('verify check evaluation', () => {
  it('passes a healthy server and reports every applicable check', () => {
    const checks = evaluateChecks({ state: state(), config: plainConfig, settings: settings() });
    expect(checks.map((c) => c.check)).toEqual(['agent-service', 'updater-service', 'version', 'registration', 'service-account', 'fips-exception']);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(byId(checks)['fips-exception'].detail).toMatch(/not needed/);
  });

  it('fails a stopped service and says how long it waited', () => {
    const s = state();
    s.services.updater = { ...s.services.updater, status: 'Stopped' };
    const checks = evaluateChecks({ state: s, config: plainConfig, settings: settings(), waitedSeconds: 5 });
    expect(byId(checks)['updater-service']).toEqual({ check: 'updater-service', ok: false, detail: expect.stringMatching(/AzureADConnectAgentUpdater is Stopped \(after waiting 5 s\)/) });
    expect(unhealthyLine(checks)).toMatch(/^The provisioning agent is unhealthy \(1 of 6 checks failed\): updater-service: AzureADConnectAgentUpdater is Stopped/);
    expect(unhealthyLine(checks)).not.toMatch(/\n/);
  });

  it('fails when the agent is not installed at all', () => {
    const s = state({ tenantId: null });
    s.agent = { ...s.agent, installed: false, registryKeyFound: false, version: null, fileVersion: null, productVersion: null, configPath: '/nonexistent', configExists: false };
    s.services.agent = { name: 'AADConnectProvisioningAgent', exists: false, status: null, startType: null, account: null };
    s.services.updater = { name: 'AzureADConnectAgentUpdater', exists: false, status: null, startType: null, account: null };
    const c = byId(evaluateChecks({ state: s, config: { exists: false, fipsException: false, proxyAddress: null }, settings: settings() }));
    expect(c['agent-service'].detail).toMatch(/does not exist/);
    expect(c.version.detail).toMatch(/not installed/);
    expect(c.registration.detail).toMatch(/not registered/);
    expect(
      Object.values(c)
        .filter((x) => !x.ok)
        .map((x) => x.check),
    ).toEqual(['agent-service', 'updater-service', 'version', 'registration', 'service-account']);
  });

  it('compares the version exactly or as a minimum', () => {
    const exact = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'expected-version': '1.1.2600.0' }) }));
    expect(exact.version).toMatchObject({ ok: false, detail: '1.1.2505.0 is installed, expected-version is 1.1.2600.0' });
    const min = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'min-version': '1.1.977.0' }) }));
    expect(min.version).toMatchObject({ ok: true });
    const tooOld = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'min-version': '1.1.10000.0' }) }));
    expect(tooOld.version).toMatchObject({ ok: false, detail: '1.1.2505.0 is older than min-version 1.1.10000.0' });
  });

  it('checks the tenant id case-insensitively', () => {
    const same = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'tenant-id': TENANT.toUpperCase() }) }));
    expect(same.registration.ok).toBe(true);
    const other = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'tenant-id': '00000000-0000-0000-0000-000000000001' }) }));
    expect(other.registration).toMatchObject({ ok: false, detail: expect.stringMatching(/registered to tenant 8f3c.*but tenant-id is 0000/) });
  });

  it('checks the service account against expected-gmsa, or for any gMSA', () => {
    expect(byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'expected-gmsa': 'provAgentgMSA' }) }))['service-account'].ok).toBe(true);
    expect(byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'expected-gmsa': 'contoso.com\\provAgentgMSA$' }) }))['service-account'].ok).toBe(true);
    const wrong = byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'expected-gmsa': 'otherGmsa$' }) }))['service-account'];
    expect(wrong).toMatchObject({ ok: false, detail: 'runs as CONTOSO\\provAgentgMSA$, expected-gmsa is otherGmsa$' });
    const s = state();
    s.services.agent = { ...s.services.agent, account: 'NT SERVICE\\AADConnectProvisioningAgent' };
    expect(byId(evaluateChecks({ state: s, config: plainConfig, settings: settings() }))['service-account']).toMatchObject({ ok: false, detail: expect.stringMatching(/not a gMSA/) });
  });

  it('requires the FIPS exception when the server enforces FIPS or when asked', () => {
    const enforced = state({ fipsPolicyEnabled: true });
    expect(byId(evaluateChecks({ state: enforced, config: plainConfig, settings: settings() }))['fips-exception']).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^the server enforces FIPS, but .* has no <runtime><enforceFIPSPolicy enabled="false"\/>/),
    });
    const fixed = configFacts(withFipsException(AGENT_CONFIG_XML));
    expect(byId(evaluateChecks({ state: enforced, config: fixed, settings: settings() }))['fips-exception'].ok).toBe(true);
    expect(byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'require-fips-exception': 'true' }) }))['fips-exception']).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^require-fips-exception is true/),
    });
    expect(byId(evaluateChecks({ state: enforced, config: plainConfig, settings: settings({ 'require-fips-exception': 'false' }) }))['fips-exception']).toBeUndefined();
    const missing = byId(evaluateChecks({ state: enforced, config: { exists: false, fipsException: false, proxyAddress: null }, settings: settings() }));
    expect(missing['fips-exception'].detail).toMatch(/AADConnectProvisioningAgent\.exe\.config does not exist/);
  });

  it('compares the proxy address as a URL', () => {
    const config = configFacts(withProxy(AGENT_CONFIG_XML, 'http://Proxy.contoso.com:8080'));
    expect(byId(evaluateChecks({ state: state(), config, settings: settings({ 'expected-proxy-url': 'http://proxy.contoso.com:8080/' }) })).proxy.ok).toBe(true);
    expect(byId(evaluateChecks({ state: state(), config, settings: settings({ 'expected-proxy-url': 'http://other:3128' }) })).proxy).toMatchObject({
      ok: false,
      detail: "the agent's proxy is http://Proxy.contoso.com:8080, expected http://other:3128",
    });
    expect(byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings({ 'expected-proxy-url': 'http://other:3128' }) })).proxy.ok).toBe(false);
    expect(byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings() })).proxy).toBeUndefined();
  });

  it('judges the tenant answer: active, inactive, missing, error', () => {
    const agent = (machineName: string, status: string) => ({ id: `id-${machineName}-${status}`, machineName, status });
    const run = (tenant: Parameters<typeof evaluateChecks>[0]['tenant']) => byId(evaluateChecks({ state: state(), config: plainConfig, settings: settings(), tenant }))['tenant-agent'];
    expect(run({ agents: [agent('sync01.contoso.com', 'Active')] })).toMatchObject({ ok: true });
    // A reinstalled machine can leave an old inactive registration beside the active one.
    expect(run({ agents: [agent('SYNC01.contoso.com', 'inactive'), agent('SYNC01.contoso.com', 'active')] }).ok).toBe(true);
    expect(run({ agents: [agent('SYNC01.contoso.com', 'inactive')] })).toMatchObject({ ok: false, detail: 'no active agent for SYNC01 in the tenant: SYNC01.contoso.com is inactive' });
    expect(run({ agents: [agent('SYNC02.contoso.com', 'active')] })).toMatchObject({ ok: false, detail: "no agent for SYNC01 among the tenant's 1 provisioning agent(s)" });
    expect(run({ error: 'Microsoft Graph refused the token' })).toMatchObject({ ok: false, detail: 'Microsoft Graph refused the token' });
  });

  it('waits only for services that exist and do not run, and merges what the wait saw', () => {
    const s = state();
    s.services.agent = { ...s.services.agent, status: 'StartPending' };
    s.services.updater = { ...s.services.updater, exists: false, status: null };
    expect(servicesToWaitFor(s)).toEqual(['AADConnectProvisioningAgent']);
    expect(servicesToWaitFor(state())).toEqual([]);
    const after = withStatuses(s, { AADConnectProvisioningAgent: 'Running' });
    expect(after.services.agent.status).toBe('Running');
    expect(after.services.updater.exists).toBe(false);
    expect(s.services.agent.status).toBe('StartPending');
  });
});

describe('verify settings', () => {
  it('validates versions and refuses both version inputs', () => {
    expect(() => settings({ 'expected-version': '1.1.2505' })).toThrow(/^Input 'expected-version' must be a four-part agent version/);
    expect(() => settings({ 'min-version': '1.1.70000.0' })).toThrow(/^Input 'min-version'/);
    expect(() => settings({ 'expected-version': '1.1.2505.0', 'min-version': '1.1.1.0' })).toThrow(/^Input 'min-version' cannot be combined with 'expected-version'/);
  });

  it('normalises the gMSA and validates the other inputs', () => {
    expect(settings({ 'expected-gmsa': 'CONTOSO\\provAgentgMSA' }).expectedGmsa).toBe('CONTOSO\\provAgentgMSA$');
    expect(() => settings({ 'expected-gmsa': 'bad|name' })).toThrow(/^Input 'expected-gmsa'/);
    expect(() => settings({ 'tenant-id': 'contoso' })).toThrow(/^Input 'tenant-id' must be the tenant's id \(a GUID\)/);
    expect(() => settings({ 'require-fips-exception': 'maybe' })).toThrow(/^Input 'require-fips-exception' must be one of auto, true, false/);
    expect(() => settings({ 'expected-proxy-url': 'proxy:8080' })).toThrow(/^Input 'expected-proxy-url'/);
    expect(() => settings({ 'service-wait-seconds': '-1' })).toThrow(/^Input 'service-wait-seconds'/);
    expect(settings().serviceWaitSeconds).toBe(60);
  });

  it('picks the Graph host of the environment and validates overrides', () => {
    expect(settings({ 'graph-access-token': 'tok123' }).graph).toEqual({ url: 'https://graph.microsoft.com', token: 'tok123' });
    expect(settings({ 'graph-access-token': 'Bearer tok123', environment: 'azureusgovernment' }).graph).toEqual({ url: 'https://graph.microsoft.us', token: 'tok123' });
    expect(settings({ 'graph-access-token': 'tok123', 'graph-url': 'http://127.0.0.1:8123/' }).graph?.url).toBe('http://127.0.0.1:8123');
    expect(() => settings({ 'graph-access-token': 'tok123', 'graph-url': 'http://graph.example.com' })).toThrow(/^Input 'graph-url' must use https/);
    expect(() => settings({ 'graph-access-token': 'tok123', 'graph-url': 'https://graph.example.com/beta' })).toThrow(/^Input 'graph-url' must be the host only/);
    expect(() => settings({ 'graph-url': 'https://graph.microsoft.com' })).toThrow(/^Input 'graph-url' is set but 'graph-access-token' is empty/);
    expect(settings().graph).toBeUndefined();
  });
});

describe('agent config reader', () => {
  it('finds the FIPS exception and the proxy, and ignores a disabled proxy', () => {
    expect(plainConfig).toEqual({ exists: true, fipsException: false, proxyAddress: null });
    expect(configFacts(`\uFEFF${withFipsException(AGENT_CONFIG_XML)}`).fipsException).toBe(true);
    expect(configFacts(withFipsException(AGENT_CONFIG_XML).replace('enabled="false"', 'enabled="true"')).fipsException).toBe(false);
    expect(configFacts(withProxy(AGENT_CONFIG_XML, 'http://proxy:8080')).proxyAddress).toBe('http://proxy:8080');
    expect(configFacts(withProxy(AGENT_CONFIG_XML, 'http://proxy:8080').replace('<defaultProxy enabled="true"', '<defaultProxy enabled="false"')).proxyAddress).toBeNull();
  });

  it('reports a broken file instead of guessing', () => {
    const broken = configFacts('<configuration><runtime></configuration>');
    expect(broken.error).toMatch(/^is not well-formed XML \(line 1/);
    expect(broken.fipsException).toBe(false);
  });
});

describe('agent config reader: the same reading as the set-fips editor', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verify-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const edited = (request: ConfigRequest) => editConfig(Buffer.from(AGENT_CONFIG_XML, 'utf8'), request).after.text;
  const file = (name: string, bytes: Buffer) => {
    const at = path.join(dir, name);
    writeFileSync(at, bytes);
    return at;
  };

  it.each([
    ['UTF-16 LE with BOM', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE with BOM', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
    ['UTF-8 with BOM', (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])],
  ])('reads a %s config that set-fips edits (FIPS exception and proxy found)', async (label, encode) => {
    const text = edited({ fips: 'present', proxy: { url: 'http://proxy.contoso.com:8080', bypassLocal: true } });
    const bytes = encode(text);
    // The editor accepts the file as it is (this is the file set-fips would edit).
    expect(inspectConfig(bytes).fips.exception).toBe(true);
    const facts = await readAgentConfig(file(`${label.replace(/\W+/g, '-')}.config`, bytes));
    expect(facts).toEqual({ exists: true, fipsException: true, proxyAddress: 'http://proxy.contoso.com:8080' });
  });

  it('compares the decoded proxy address: a URL with & and quotes that set-fips wrote passes', async () => {
    const url = 'http://proxy.contoso.com:8080/?site=a&zone="b"';
    const text = edited({ proxy: { url, bypassLocal: true } });
    expect(text).toContain('&amp;');
    const facts = await readAgentConfig(file('escaped.config', Buffer.from(text, 'utf8')));
    expect(facts.proxyAddress).toBe(url);
    const checks = byId(evaluateChecks({ state: state(), config: facts, settings: settings({ 'expected-proxy-url': url }) }));
    expect(checks.proxy).toMatchObject({ ok: true });
  });
});

describe('versions and accounts', () => {
  it('compares four-part versions numerically', () => {
    expect(compareVersions('1.1.977.0', '1.1.1365.0')).toBeLessThan(0);
    expect(compareVersions('1.1.2505.0', '1.1.2505.0')).toBe(0);
    expect(compareVersions('1.2.0.0', '1.1.9999.9')).toBeGreaterThan(0);
    expect(isFourPartVersion('1.1.2505.0')).toBe(true);
    expect(isFourPartVersion('1.1.2505')).toBe(false);
  });

  it('compares accounts in their Windows forms', () => {
    expect(normaliseGmsa('provAgentgMSA')).toBe('provAgentgMSA$');
    expect(sameAccount('CONTOSO\\provAgentgMSA$', 'provagentgmsa$')).toBe(true);
    expect(sameAccount('provAgentgMSA$@contoso.com', 'CONTOSO\\provAgentgMSA$')).toBe(true);
    expect(sameAccount('FABRIKAM\\provAgentgMSA$', 'CONTOSO\\provAgentgMSA$')).toBe(false);
    expect(looksLikeGmsa('NT SERVICE\\AADConnectProvisioningAgent')).toBe(false);
    expect(looksLikeGmsa('LocalSystem')).toBe(false);
    expect(looksLikeGmsa('CONTOSO\\provAgentgMSA$')).toBe(true);
  });
});
