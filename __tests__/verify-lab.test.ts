import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AGENT_KEY, createLabServer, engineStarts, setRegistry, setService, snapshotFiles } from '../lab/lab.mjs';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { startGraphServer, type GraphServer } from './helpers/graph-server.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { AGENT_CONFIG_XML, installAgent, TENANT_ID, withFipsException, withProxy, writeConfig } from './helpers/verify-agent.js';

interface Lab {
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

interface ReportLine {
  check: string;
  ok: boolean;
  detail: string;
}

const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QiLCJub25jZSI6ImxhYi1ncmFwaC10b2tlbiJ9.lab.signature';

function report(run: EntryRun): ReportLine[] {
  return JSON.parse(run.outputs.report) as ReportLine[];
}

function failed(run: EntryRun): string[] {
  return report(run)
    .filter((c) => !c.ok)
    .map((c) => c.check);
}

/** How many PowerShell engines the server saw started since the last reset. */
function enginesStarted(lab: Lab): number {
  return engineStarts(lab.root);
}

describeWithPwsh(
  'verify on a lab server',
  (pwsh) => {
    // Every test gets its own server with the same healthy, registered agent (a fixture), so the tests
    // share nothing and run concurrently.
    const test = it.extend<{ lab: Lab }>({
      // eslint-disable-next-line no-empty-pattern
      lab: async ({}, use) => {
        const lab = createLabServer({ server: { computerName: 'LAB-SYNC01' } }) as Lab;
        lab.env = { ...lab.env, AGENT_LAB_PWSH: pwsh };
        await installAgent(lab.root);
        setRegistry(lab.root, { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 0 } });
        // Only what the test itself starts counts.
        rmSync(path.join(lab.root, 'lab', 'commandlines.log'), { force: true });
        await use(lab);
        lab.cleanup();
      },
    });
    const verify = (lab: Lab, inputs: Record<string, string> = {}) => runEntry('verify', { shell: 'powershell', 'service-wait-seconds': '1', ...inputs }, { env: lab.env });

    test('passes a healthy server with one PowerShell engine and one request, changing nothing', async ({ lab }) => {
      const before = snapshotFiles(lab.root);
      const run = await verify(lab, { 'tenant-id': TENANT_ID, 'expected-version': '1.1.2505.0', 'expected-gmsa': 'provAgentgMSA' });
      expect(errorLines(run)).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({ healthy: 'true', version: '1.1.2505.0', changed: 'false' });
      expect(report(run).map((c) => [c.check, c.ok])).toEqual([
        ['agent-service', true],
        ['agent-restart', true],
        ['updater-service', true],
        ['version', true],
        ['registration', true],
        ['service-account', true],
        ['fips-exception', true],
      ]);
      expect(run.summary).toContain('### Verify the provisioning agent');
      expect(run.summary).toMatch(/\| Agent service \| ✅ pass: AADConnectProvisioningAgent is Running \|/);
      expect(run.summary).toMatch(/\| Healthy \| yes \|/);
      expect(enginesStarted(lab)).toBe(1);
      // The wait script only runs for a service that is not running.
      expect(run.stdout).not.toMatch(/Waiting up to/);
      const after = snapshotFiles(lab.root);
      delete after[path.join('lab', 'commandlines.log')];
      expect(after).toEqual(before);
    });

    test('fails on a stopped service, still publishing the report, and passes once it runs again', async ({ lab }) => {
      setService(lab.root, { Name: 'AzureADConnectAgentUpdater', Status: 'Stopped' });
      const down = await verify(lab);
      expect(down.code).not.toBe(0);
      const lines = errorLines(down);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The provisioning agent is unhealthy \(1 of 7 checks failed\): updater-service: AzureADConnectAgentUpdater is Stopped \(after waiting \d+ s\)/);
      // (The seconds are measured: 1 on a quiet machine, more on a loaded one; not asserted.)
      expect(down.outputs.healthy).toBe('false');
      expect(failed(down)).toEqual(['updater-service']);
      expect(down.summary).toMatch(/\| Updater service \| ❌ fail: AzureADConnectAgentUpdater is Stopped/);
      expect(down.stdout).toMatch(/Waiting up to 1 s for AzureADConnectAgentUpdater to run/);

      setService(lab.root, { Name: 'AzureADConnectAgentUpdater', Status: 'Running' });
      const up = await verify(lab);
      expect(errorLines(up)).toEqual([]);
      expect(up.code).toBe(0);
      expect(up.outputs.healthy).toBe('true');
    });

    test('waits for a service that comes up within service-wait-seconds', async ({ lab }) => {
      setService(lab.root, { Name: 'AADConnectProvisioningAgent', Status: 'StartPending' });
      let flipped = false;
      const onStdout = (chunk: string) => {
        // The service reaches Running only once verify is already waiting for it.
        if (!flipped && chunk.includes('Waiting up to 30 s for AADConnectProvisioningAgent')) {
          flipped = true;
          // At once, not after a guessed delay: verify has said it is waiting, so the change lands mid-wait.
          setService(lab.root, { Name: 'AADConnectProvisioningAgent', Status: 'Running' });
        }
      };
      const run = await runEntry('verify', { shell: 'powershell', 'service-wait-seconds': '30' }, { env: lab.env, onStdout });
      expect(flipped).toBe(true);
      expect(errorLines(run)).toEqual([]);
      expect(run.outputs.healthy).toBe('true');
      expect(report(run)[0]).toEqual({ check: 'agent-service', ok: true, detail: 'AADConnectProvisioningAgent is Running' });
      expect(enginesStarted(lab)).toBe(1);
    });

    test('only reports when report-only is true, and in plan mode', async ({ lab }) => {
      setService(lab.root, { Name: 'AADConnectProvisioningAgent', Status: 'Stopped' });
      const reportOnly = await verify(lab, { 'report-only': 'true' });
      expect(reportOnly.code).toBe(0);
      expect(errorLines(reportOnly)).toEqual([]);
      expect(reportOnly.outputs.healthy).toBe('false');
      expect(failed(reportOnly)).toEqual(['agent-service']);
      expect(reportOnly.summary).toMatch(/report-only is true/);

      rmSync(path.join(lab.root, 'lab', 'commandlines.log'), { force: true });
      const plan = await verify(lab, { 'dry-run': 'true', 'service-wait-seconds': '30' });
      expect(plan.code).toBe(0);
      expect(plan.outputs).toMatchObject({ healthy: 'false', changed: 'false' });
      expect(plan.summary).toMatch(/Plan mode/);
      expect(plan.stdout).not.toMatch(/Waiting up to/);
    });

    test('fails on the wrong version, an unregistered agent and the wrong gMSA, naming each', async ({ lab }) => {
      await installAgent(lab.root, { version: '1.1.977.0', account: 'NT SERVICE\\AADConnectProvisioningAgent', tenantId: null });
      setRegistry(lab.root, { [AGENT_KEY]: { TenantID: null } });
      const run = await verify(lab, { 'min-version': '1.1.1365.0' });
      expect(run.code).not.toBe(0);
      expect(run.outputs.version).toBe('1.1.977.0');
      expect(failed(run)).toEqual(['version', 'registration', 'service-account']);
      expect(errorLines(run)).toHaveLength(1);
      expect(errorLines(run)[0]).toMatch(
        /version: 1\.1\.977\.0 is older than min-version 1\.1\.1365\.0; registration: the agent is not registered: no TenantID value .*; service-account: runs as NT SERVICE\\AADConnectProvisioningAgent, not a gMSA/,
      );

      await installAgent(lab.root, { account: 'CONTOSO\\otherGmsa$' });
      const wrongGmsa = await verify(lab, { 'expected-gmsa': 'CONTOSO\\provAgentgMSA$' });
      expect(failed(wrongGmsa)).toEqual(['service-account']);
      expect(errorLines(wrongGmsa)[0]).toMatch(/service-account: runs as CONTOSO\\otherGmsa\$, expected-gmsa is CONTOSO\\provAgentgMSA\$/);
    });

    test('requires the FIPS exception when the server enforces FIPS, and passes once it is there (with the proxy)', async ({ lab }) => {
      setRegistry(lab.root, { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 1 } });
      const missing = await verify(lab);
      expect(missing.code).not.toBe(0);
      expect(failed(missing)).toEqual(['fips-exception']);
      expect(errorLines(missing)[0]).toMatch(/fips-exception: the server enforces FIPS, but AADConnectProvisioningAgent\.exe\.config has no <runtime><enforceFIPSPolicy enabled="false"\/>/);

      writeConfig(lab.root, withProxy(withFipsException(AGENT_CONFIG_XML), 'http://proxy.contoso.com:8080'));
      const fixed = await verify(lab, { 'expected-proxy-url': 'http://PROXY.contoso.com:8080/' });
      expect(errorLines(fixed)).toEqual([]);
      expect(fixed.code).toBe(0);
      expect(report(fixed).slice(-2)).toEqual([
        { check: 'fips-exception', ok: true, detail: '<enforceFIPSPolicy enabled="false"/> is in AADConnectProvisioningAgent.exe.config (the server enforces FIPS)' },
        { check: 'proxy', ok: true, detail: 'the agent uses proxy http://proxy.contoso.com:8080' },
      ]);
    });

    test('rejects bad input in one line naming the input, before starting PowerShell', async ({ lab }) => {
      const run = await verify(lab, { 'expected-version': '1.1.2505.0', 'min-version': '1.1.1.0' });
      expect(run.code).not.toBe(0);
      expect(errorLines(run)).toEqual(["Input 'min-version' cannot be combined with 'expected-version'; give one of them."]);
      expect(enginesStarted(lab)).toBe(0);
    });

    describe('tenant check against a local Graph', () => {
      const graphs: GraphServer[] = [];
      afterAll(async () => {
        for (const graph of graphs) await graph.close();
      });
      const graphWith = async (options: Parameters<typeof startGraphServer>[0]) => {
        const graph = await startGraphServer(options);
        graphs.push(graph);
        return graph;
      };
      const withGraph = async (lab: Lab, agents: { machineName: string; status: string }[]) => {
        const graph = await graphWith({ token: GRAPH_TOKEN, agents });
        return { graph, run: await verify(lab, { 'graph-access-token': GRAPH_TOKEN, 'graph-url': graph.url }) };
      };

      const noTokenInLogs = (lab: Lab, run: EntryRun) => {
        const visible = `${run.stdout}\n${run.stderr}`
          .split('\n')
          .filter((l) => !l.startsWith('::add-mask::'))
          .join('\n');
        expect(visible).not.toContain(GRAPH_TOKEN);
        expect(run.summary).not.toContain(GRAPH_TOKEN);
        expect(run.outputs.report).not.toContain(GRAPH_TOKEN);
        expect(readFileSync(path.join(lab.root, 'lab', 'commandlines.log'), 'utf8')).not.toContain(GRAPH_TOKEN);
      };

      test('passes when Graph lists this machine as active', async ({ lab }) => {
        const { graph, run } = await withGraph(lab, [
          { machineName: 'OTHER01.contoso.com', status: 'inactive' },
          { machineName: 'lab-sync01.contoso.com', status: 'Active' },
        ]);
        expect(errorLines(run)).toEqual([]);
        expect(run.outputs.healthy).toBe('true');
        expect(report(run).find((c) => c.check === 'tenant-agent')).toMatchObject({ ok: true, detail: expect.stringMatching(/^agent lab-sync01\.contoso\.com \(.+\) is active in the tenant$/) });
        expect(graph.requests).toEqual([{ path: '/beta/onPremisesPublishingProfiles/provisioning/agents?$expand=agentGroups', authorization: `Bearer ${GRAPH_TOKEN}` }]);
        noTokenInLogs(lab, run);
      });

      test('fails when the agent is inactive in the tenant', async ({ lab }) => {
        const { run: inactive } = await withGraph(lab, [{ machineName: 'LAB-SYNC01.contoso.com', status: 'inactive' }]);
        expect(inactive.code).not.toBe(0);
        expect(failed(inactive)).toEqual(['tenant-agent']);
        expect(errorLines(inactive)[0]).toMatch(/tenant-agent: no active agent for LAB-SYNC01 in the tenant: LAB-SYNC01\.contoso\.com is inactive\.$/);
        noTokenInLogs(lab, inactive);
      });

      test('explains a refused token', async ({ lab }) => {
        const graph = await graphWith({ token: GRAPH_TOKEN, agents: [], failWith: { status: 403, code: 'Authorization_RequestDenied' } });
        const run = await verify(lab, { 'graph-access-token': GRAPH_TOKEN, 'graph-url': graph.url });
        expect(run.code).not.toBe(0);
        expect(errorLines(run)[0]).toMatch(/tenant-agent: Microsoft Graph refused listing the provisioning agents \(HTTP 403, Authorization_RequestDenied\): .*Policy\.Read\.HybridAuthentication/);
        noTokenInLogs(lab, run);
      });
    });

    test('runs as part of the root action with prefixed outputs', async ({ lab }) => {
      setService(lab.root, { Name: 'AzureADConnectAgentUpdater', Status: 'Stopped' });
      const run = await runEntry('main', { shell: 'powershell', steps: 'verify', 'service-wait-seconds': '0' }, { env: lab.env });
      expect(run.code).not.toBe(0);
      expect(run.outputs['verify-healthy']).toBe('false');
      expect(errorLines(run)[0]).toMatch(/updater-service: AzureADConnectAgentUpdater is Stopped \(not waited\)/);
      expect(run.summary).toMatch(/## Entra provisioning agent[\s\S]*\| Updater service \| ❌ fail/);
    });
  },
  { concurrent: true },
);
