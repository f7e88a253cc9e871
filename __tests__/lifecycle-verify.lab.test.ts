// verify's lifecycle checks and the diagnostics bundle, on the lab server through the bundled entries.
import { mkdtempSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createLabServer, setService, getService } from '../lab/lab.mjs';
import { AGENT_EVENT_LOG, writeEvents, writeTraceFile } from '../lab/lifecycle.mjs';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { startGraphServer } from './helpers/graph-server.js';
import { findLeaks } from './helpers/leaks.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { startTestEndpoints, type TestEndpoints } from './helpers/tls-endpoints.js';
import { AGENT_CONFIG_XML, installAgent, withProxy, writeConfig } from './helpers/verify-agent.js';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
type ReportLine = { check: string; ok: boolean; detail: string };

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6ImxpZmVjeWNsZSJ9.bGlmZWN5Y2xl.c2lnbmF0dXJlLWxpZmVjeWNsZQ';
const GROUP = 'a7f1c3e5-2b4d-4f6a-8c9e-1d3b5f7a9c2e';
const OTHER_GROUP = 'c1d2e3f4-0000-4000-8000-000000000002';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

function check(run: EntryRun, id: string): ReportLine | undefined {
  return (JSON.parse(run.outputs.report) as ReportLine[]).find((c) => c.check === id);
}

/** Unzips a bundle into a folder (the leak scan reads files) and returns the folder and entry names. */
function unzipTo(zip: string): { dir: string; names: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'diag-'));
  const entries = unzipSync(readFileSync(zip));
  for (const [name, bytes] of Object.entries(entries)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return { dir, names: Object.keys(entries).sort() };
}

describeWithPwsh('verify lifecycle checks and diagnostics on the lab server', () => {
  let lab: Lab;
  let ep: TestEndpoints;
  const verify = (inputs: Record<string, string> = {}, env: NodeJS.ProcessEnv = lab.env) => runEntry('verify', { shell: 'powershell', 'service-wait-seconds': '0', ...inputs }, { env });

  beforeAll(async () => {
    lab = createLabServer() as Lab;
    ep = await startTestEndpoints();
  });
  afterAll(async () => {
    lab?.cleanup();
    await ep?.close();
  });
  beforeEach(async () => {
    await installAgent(lab.root);
    writeEvents(lab.root, AGENT_EVENT_LOG, []);
  });

  it("counts the agent's errors since its service started, redacts them, and fails on them only when asked", async () => {
    setService(lab.root, { ...getService(lab.root, 'AADConnectProvisioningAgent'), StartedAt: hoursAgo(2) });
    writeEvents(lab.root, AGENT_EVENT_LOG, [
      { TimeCreated: hoursAgo(5), Level: 2, Id: 1001, Message: 'an error before the last start (not counted)' },
      { TimeCreated: hoursAgo(1), Level: 2, Id: 1002, Message: `Token refresh failed for Bearer ${TOKEN}` },
      { TimeCreated: hoursAgo(0.5), Level: 1, Id: 1003, Message: 'Connection string Password=Hunter2Secret; failed' },
      { TimeCreated: hoursAgo(0.2), Level: 4, Id: 1004, Message: 'information is not an error' },
    ]);
    const reported = await verify();
    const c = check(reported, 'agent-errors');
    expect(c?.ok).toBe(true);
    expect(c?.detail).toMatch(/^2 error\(s\) since the service started \(/);
    expect(c?.detail).toContain('[1003] Connection string Password=***; failed');
    expect(c?.detail).toContain('[1002] Token refresh failed for Bearer ***JWT***');
    expect(c?.detail).not.toContain('1001');
    expect(findLeaks([reported], [], [TOKEN, 'Hunter2Secret'])).toEqual([]);

    const failing = await verify({ 'fail-on-agent-errors': 'true', diagnostics: 'never' });
    expect(failing.code).not.toBe(0);
    expect(errorLines(failing)[0]).toMatch(/agent-errors: 2 error\(s\) since the service started/);
  });

  it('min-active-agents counts the active agents of this agent group and names them when too few', async () => {
    const graph = await startGraphServer({
      token: TOKEN,
      agents: [
        { machineName: 'lab-sync01.contoso.com', status: 'active', agentGroups: [GROUP] },
        { machineName: 'lab-sync02.contoso.com', status: 'inactive', agentGroups: [GROUP] },
        { machineName: 'other01.contoso.com', status: 'active', agentGroups: [OTHER_GROUP] },
      ],
    });
    try {
      const inputs = { 'graph-access-token': TOKEN, 'graph-url': graph.url, diagnostics: 'never' };
      const two = await verify({ ...inputs, 'min-active-agents': '2' });
      expect(two.code).not.toBe(0);
      expect(check(two, 'active-agents')?.detail).toBe(
        `only 1 active agent(s) serve agent group ${GROUP}, min-active-agents is 2: lab-sync01.contoso.com; not active: lab-sync02.contoso.com (inactive); install more agents for this configuration (Microsoft recommends 3)`,
      );
      const one = await verify({ ...inputs, 'min-active-agents': '1' });
      expect(check(one, 'active-agents')).toMatchObject({ ok: true });
      const none = await verify({ ...inputs });
      expect(check(none, 'active-agents')).toBeUndefined();
    } finally {
      await graph.close();
    }
  });

  it('min-active-agents without a Graph token is bad input', async () => {
    const run = await verify({ 'min-active-agents': '3' });
    expect(errorLines(run)).toEqual(["Input 'min-active-agents' needs 'graph-access-token': the tenant's agents are counted through Microsoft Graph."]);
  });

  it('probes the endpoints through the proxy in the agent config, one row per endpoint, a failure naming host and port', async () => {
    writeConfig(lab.root, withProxy(AGENT_CONFIG_XML, `http://127.0.0.1:${ep.proxy}`));
    const env = { ...lab.env, NODE_EXTRA_CA_CERTS: ep.caFile };
    const endpoints = `tls://127.0.0.1:${ep.trustedTls}\ntcp://127.0.0.1:${ep.closed}`;
    const run = await verify({ 'connectivity-endpoints': endpoints, 'connectivity-timeout-seconds': '5', diagnostics: 'never' }, env);
    expect(ep.proxied).toEqual(expect.arrayContaining([`127.0.0.1:${ep.trustedTls}`, `127.0.0.1:${ep.closed}`]));
    expect(run.summary).toMatch(new RegExp(`Network: TCP\\+TLS 127\\.0\\.0\\.1:${ep.trustedTls} \\| pass in \\d+ ms via proxy`));
    expect(run.summary).toMatch(new RegExp(`Network: TCP 127\\.0\\.0\\.1:${ep.closed} \\| FAIL after \\d+ ms via proxy`));
    const c = check(run, 'connectivity');
    expect(c?.ok).toBe(false);
    expect(c?.detail).toContain(`fix: allow outbound TCP ${ep.closed} to 127.0.0.1 on the proxy 127.0.0.1:${ep.proxy}`);
    expect(run.code).not.toBe(0);
  });

  it('writes a diagnostics zip with traces, event logs, installer logs, config, services and report, and no secret in it', async () => {
    writeTraceFile(lab.root, 'ProvisioningAgent.log', `2026-11-25 agent started\nacquired token ${TOKEN}\nclient_secret=Sup3rSecretValue\n`);
    writeEvents(lab.root, AGENT_EVENT_LOG, [{ TimeCreated: hoursAgo(0.1), Level: 2, Id: 7, Message: `failed with access_token=${TOKEN}` }]);
    writeFileSync(path.join(lab.root, 'Temp', 'Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_20261125101010.log'), 'Burn log line\n');
    const graph = await startGraphServer({ token: TOKEN, agents: [] });
    try {
      const run = await verify({ 'graph-access-token': TOKEN, 'graph-url': graph.url, diagnostics: 'always' });
      expect(run.code).not.toBe(0); // the tenant lists no agent for this machine
      const zip = run.outputs['diagnostics-path'];
      expect(zip).toMatch(/[\\/]temp[\\/]entra-agent-diagnostics-verify-\d{8}T\d{6}Z\.zip$/);
      const { dir, names } = unzipTo(zip);
      expect(names).toEqual(
        expect.arrayContaining([
          'config/AADConnectProvisioningAgent.exe.config',
          'trace/ProvisioningAgent.log',
          'installer-logs/Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_20261125101010.log',
          'event-logs/Microsoft-AzureADConnect-ProvisioningAgent-Admin.txt',
          'event-logs/Microsoft-AzureADConnect-AgentUpdater-Admin.txt',
          'event-logs/Application.txt',
          'event-logs/System.txt',
          'server.json',
          'report.json',
          'manifest.txt',
        ]),
      );
      const server = JSON.parse(readFileSync(path.join(dir, 'server.json'), 'utf8'));
      expect(server.services.map((s: { name: string }) => s.name).sort()).toEqual(['AADConnectProvisioningAgent', 'AzureADConnectAgentUpdater']);
      expect(server.products.map((p: { displayName: string }) => p.displayName).sort()).toEqual([
        'Microsoft Entra Connect Agent Updater',
        'Microsoft Entra Provisioning Agent',
        'Microsoft Entra Provisioning Agent Package',
      ]);
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      expect(report).toMatchObject({ action: 'verify', failed: true });
      expect(report.failure).toMatch(/tenant-agent/);
      expect(readFileSync(path.join(dir, 'trace/ProvisioningAgent.log'), 'utf8')).toBe('2026-11-25 agent started\nacquired token ***\nclient_secret=***\n');
      expect(readFileSync(path.join(dir, 'event-logs/Microsoft-AzureADConnect-ProvisioningAgent-Admin.txt'), 'utf8')).toMatch(/Error\t7\t.*access_token=\*\*\*/);
      expect(findLeaks([run], [dir], [TOKEN, 'Sup3rSecretValue'])).toEqual([]);
    } finally {
      await graph.close();
    }
  });

  it('keeps the bundle within its budget: the newest end of an oversized trace, the rest noted', async () => {
    writeTraceFile(lab.root, 'old.log', 'x'.repeat(1000));
    const big = `${'old line\n'.repeat(2_000_000)}the newest line\n`; // about 18 MB
    writeTraceFile(lab.root, 'big.log', big);
    const run = await verify({ diagnostics: 'always', 'service-wait-seconds': '0' });
    const { dir, names } = unzipTo(run.outputs['diagnostics-path']);
    expect(names).toContain('trace/big.log');
    const kept = readFileSync(path.join(dir, 'trace/big.log'), 'utf8');
    expect(kept.length).toBe(8 * 1024 * 1024);
    expect(kept.endsWith('the newest line\n')).toBe(true);
    expect(readFileSync(path.join(dir, 'manifest.txt'), 'utf8')).toMatch(/note: trace\/big\.log: only its last 8388608 bytes/);
  });
});
