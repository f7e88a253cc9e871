// Attack: secrets full of characters that break quoting go through every step and the root action
// on the lab server; nothing the runs leave behind may hold any of them in any encoding.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AGENT_KEY, getRegistry, getService } from '../lab/lab.mjs';
import { installAgent } from '../lab/installer.mjs';
import { readAgentState, readLabJson } from '../lab/agent.mjs';
import { createFleetLab, fleetInstaller, fullInputs, SECRETS, startLabWeb, TENANT_ID, USERS } from '../bench/fleet-lab.mjs';
import { errorLines, newRunnerDir, runEntry, type EntryRun } from './helpers/action.js';
import { findLeaks, scannerFinds, secretForms } from './helpers/leaks.js';
import { describeWithPwsh } from './helpers/pwsh.js';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const ALL_SECRETS = Object.values(SECRETS);

describeWithPwsh('attack: awkward secrets leave no trace', () => {
  let web: Awaited<ReturnType<typeof startLabWeb>>;
  let media: string;
  const labs: Lab[] = [];
  const runnerDirs: string[] = [];
  beforeAll(async () => {
    web = await startLabWeb();
    media = mkdtempSync(path.join(tmpdir(), 'attack-media-'));
  });
  afterAll(async () => {
    await web?.close();
    for (const lab of labs) lab.cleanup();
    for (const dir of [media, ...runnerDirs]) rmSync(dir, { recursive: true, force: true });
  });
  const newLab = () => {
    const lab = createFleetLab() as Lab;
    labs.push(lab);
    return lab;
  };
  const runner = () => {
    const dir = newRunnerDir();
    runnerDirs.push(dir);
    return dir;
  };

  it('the scanner finds a planted secret in each encoding it checks', () => {
    for (const secret of ALL_SECRETS) {
      for (const { form } of secretForms(secret)) expect(scannerFinds(secret, `x ${form} y`)).toBe(true);
      expect(scannerFinds(secret, 'nothing here')).toBe(false);
    }
  });

  it('the root action, every step with passwords and a Graph token: succeeds twice, leaks nothing', async () => {
    const lab = newLab();
    const url = web.serve('/secrets/setup', fleetInstaller(path.join(media, 'root')));
    const runnerDir = runner();
    const inputs = fullInputs(url, web.base);
    const first = await runEntry('main', inputs, { env: lab.env, runnerDir });
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({
      'install-agent-action': 'installed',
      'configure-gmsa-gmsa': 'CONTOSO\\provAgentgMSA$',
      'configure-gmsa-domains': 'contoso.com,fabrikam.com',
      'set-fips-fips-exception-present': 'true',
      'enable-writeback-password-writeback': 'true',
      'verify-healthy': 'true',
    });
    // The secrets really reached the simulated tenant and forest (a wrong password would fail there).
    expect(getRegistry(lab.root, AGENT_KEY, 'TenantID')).toBe(TENANT_ID);
    expect(readLabJson(lab.root, 'ad.json').gmsas).toContain('provAgentgMSA$');
    expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: true });
    const second = await runEntry('main', inputs, { env: lab.env, runnerDir });
    expect(second.code, second.stdout).toBe(0);

    expect(findLeaks([first, second], [lab.root], ALL_SECRETS)).toEqual([]);
    // The masks reached the runner: every password was registered before anything printed.
    for (const secret of [SECRETS.hia, SECRETS.ga, SECRETS.contoso, SECRETS.fabrikam, SECRETS.graph]) {
      expect(first.stdout).toContain(`::add-mask::${secret.replace(/%/g, '%25')}`);
    }
  });

  it('each step on its own, with the access-token sign-in: succeeds, leaks nothing', async () => {
    const lab = newLab();
    installAgent(lab.root, '1.1.2505.0');
    const runnerDir = runner();
    const runs: EntryRun[] = [];
    const step = async (entry: string, inputs: Record<string, string>) => {
      const run = await runEntry(entry, { shell: 'powershell', ...inputs }, { env: lab.env, runnerDir });
      runs.push(run);
      expect(run.code, `${entry}: ${run.stdout}`).toBe(0);
      return run;
    };
    const gmsa = await step('configure-gmsa', {
      'access-token': SECRETS.token,
      'tenant-id': TENANT_ID,
      'user-principal-name': USERS.hia,
      'domain-username': 'CONTOSO\\admin',
      'domain-password': SECRETS.contoso,
      'domain-credentials': JSON.stringify({ FABRIKAM: { username: 'FABRIKAM\\fabadmin', password: SECRETS.fabrikam } }),
      domains: 'contoso.com\nfabrikam.com credential=FABRIKAM',
    });
    expect(gmsa.outputs).toMatchObject({ changed: 'true', registered: TENANT_ID, domains: 'contoso.com,fabrikam.com' });
    expect(getService(lab.root, 'AADConnectProvisioningAgent')).toMatchObject({ StartName: 'CONTOSO\\provAgentgMSA$', Status: 'Running' });

    await step('set-fips', { 'proxy-url': 'http://proxy.contoso.com:8080' });
    const writeback = await step('enable-writeback', { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga });
    expect(writeback.outputs).toMatchObject({ 'password-writeback': 'true', applied: 'true' });
    // Disabling with the HIA (tenant-username/password fallback) as well: a second password path.
    await step('enable-writeback', { 'password-writeback': 'false', 'tenant-username': USERS.hia, 'tenant-password': SECRETS.hia });
    expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: false });
    const verify = await step('verify', { 'graph-access-token': `Bearer ${SECRETS.graph}`, 'graph-url': web.base, 'tenant-id': TENANT_ID, 'service-wait-seconds': '2' });
    expect(verify.outputs).toMatchObject({ healthy: 'true' });

    expect(findLeaks(runs, [lab.root], ALL_SECRETS)).toEqual([]);
  });

  it('a refused password and a refused token: the failure line names the cause, and still leaks nothing', async () => {
    const lab = newLab();
    installAgent(lab.root, '1.1.2505.0');
    const runnerDir = runner();
    const wrongPassword = `${SECRETS.hia}-but-wrong`;
    const wrongToken = `${SECRETS.token}-but-wrong`;
    const badPassword = await runEntry(
      'configure-gmsa',
      { shell: 'powershell', 'tenant-username': USERS.hia, 'tenant-password': wrongPassword, 'domain-username': 'CONTOSO\\admin', 'domain-password': SECRETS.contoso },
      { env: lab.env, runnerDir },
    );
    expect(badPassword.code).not.toBe(0);
    expect(errorLines(badPassword)).toHaveLength(1);
    expect(errorLines(badPassword)[0]).toMatch(/user name or password|AADSTS50126/i);
    const badToken = await runEntry('verify', { shell: 'powershell', 'graph-access-token': wrongToken, 'graph-url': web.base, 'service-wait-seconds': '0' }, { env: lab.env, runnerDir });
    expect(badToken.code).not.toBe(0);
    expect(errorLines(badToken)).toHaveLength(1);
    expect(errorLines(badToken)[0]).toMatch(/401|token/i);
    expect(findLeaks([badPassword, badToken], [lab.root], [...ALL_SECRETS, wrongPassword, wrongToken])).toEqual([]);
  });
});
