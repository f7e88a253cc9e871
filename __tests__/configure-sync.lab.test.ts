/**
 * The bundled configure-sync entry and the root entry, run as the runner would, against the fake cloud:
 * GitHub OIDC from ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, the token exchange, Graph. No PowerShell engine is
 * started by configure-sync; no token or secret reaches any output, log or file.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { APP_PERMISSIONS, EXCHANGE_AUDIENCE, GITHUB_ISSUER, startFakeCloud } from '../lab/fake-cloud.mjs';
import { createLabServer, engineStarts } from '../lab/lab.mjs';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { findLeaks } from './helpers/leaks.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { installAgent, TENANT_ID } from './helpers/verify-agent.js';

type Cloud = Awaited<ReturnType<typeof startFakeCloud>>;
const CLIENT_ID = '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10';
const SUBJECT = 'repo:contoso/lab:environment:lab';
const REQUEST_TOKEN = 'gh-request-token-lab-51c8e2';
const GRAPH_TOKEN = 'eyJ0eXAiOiJKV1QifQ.graph-token-given-as-input.sig';

interface Lab {
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

describeWithPwsh('configure-sync as the runner runs it', (pwsh) => {
  let lab: Lab;
  let cloud: Cloud;
  const runs: EntryRun[] = [];

  beforeAll(() => {
    lab = createLabServer({ server: { computerName: 'LAB-SYNC01' } }) as Lab;
    lab.env = { ...lab.env, AGENT_LAB_PWSH: pwsh };
  });
  afterAll(() => lab.cleanup());
  afterEach(async () => {
    await cloud?.close();
    runs.length = 0;
  });

  async function startCloud(variants: Record<string, unknown> = {}) {
    cloud = await startFakeCloud({
      tenantId: TENANT_ID,
      tokens: { [GRAPH_TOKEN]: APP_PERMISSIONS },
      oidc: { requestToken: REQUEST_TOKEN, subject: SUBJECT },
      apps: [{ clientId: CLIENT_ID, permissions: APP_PERMISSIONS, federated: [{ issuer: GITHUB_ISSUER, subject: SUBJECT, audience: EXCHANGE_AUDIENCE }] }],
      variants,
    });
    return cloud;
  }

  const oidcEnv = () => ({ ...lab.env, ACTIONS_ID_TOKEN_REQUEST_URL: cloud.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN });
  const oidcInputs = () => ({
    shell: 'powershell',
    'sync-domains': 'contoso.com',
    'client-id': CLIENT_ID,
    'tenant-id': TENANT_ID,
    'graph-url': cloud.graphUrl,
    'login-url': cloud.loginUrl,
    'accidental-delete-threshold': '100',
  });
  const run = async (entry: string, inputs: Record<string, string>, env: NodeJS.ProcessEnv = oidcEnv()) => {
    const result = await runEntry(entry, inputs, { env });
    runs.push(result);
    return result;
  };
  const secrets = () => [REQUEST_TOKEN, GRAPH_TOKEN, ...cloud.issued];

  it('configures with OIDC, then a second run changes nothing and makes no write call; no token leaks', async () => {
    await startCloud();
    const startsBefore = engineStarts(lab.root);
    const first = await run('configure-sync', oidcInputs());
    expect(errorLines(first)).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.outputs.changed).toBe('true');
    expect(cloud.configurations()[0].jobs.map((j) => j.status.code)).toEqual(['Active', 'Active']);
    expect(first.summary).toContain('### Configure Cloud Sync (Microsoft Graph)');
    expect(first.summary).toMatch(/\| Changed \| contoso\.com: start the AD2AADPasswordHash job \|/);

    const writes = cloud.writes().length;
    const second = await run('configure-sync', oidcInputs());
    expect(second.code).toBe(0);
    expect(second.outputs.changed).toBe('false');
    expect(cloud.writes().length).toBe(writes);
    // HTTP only: no PowerShell engine was started for this step.
    expect(engineStarts(lab.root)).toBe(startsBefore);
    expect(cloud.issued.length).toBe(4);
    expect(findLeaks(runs, [lab.root], secrets())).toEqual([]);
  });

  it('needs no PowerShell and no Windows: runs on a plain Linux runner without shell', async () => {
    await startCloud();
    const { shell: _shell, ...inputs } = oidcInputs();
    const env = { ...process.env, ACTIONS_ID_TOKEN_REQUEST_URL: cloud.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN };
    const result = await run('configure-sync', inputs, env);
    expect(errorLines(result)).toEqual([]);
    expect(result.outputs.changed).toBe('true');
    expect(findLeaks(runs, [], secrets())).toEqual([]);
  });

  it('plan mode with a given token lists the changes and writes nothing', async () => {
    await startCloud();
    const plan = await run('configure-sync', { shell: 'powershell', 'dry-run': 'true', 'sync-domains': 'contoso.com', 'graph-access-token': GRAPH_TOKEN, 'graph-url': cloud.graphUrl });
    expect(plan.code).toBe(0);
    expect(plan.outputs.changed).toBe('true');
    expect(plan.stdout).toContain('Plan: contoso.com: create the AD2AADProvisioning job');
    expect(cloud.writes()).toEqual([]);
    expect(findLeaks(runs, [lab.root], secrets())).toEqual([]);
  });

  it('fails in one line on a wrong OIDC audience and on a missing id-token permission', async () => {
    await startCloud();
    const wrong = await run('configure-sync', { ...oidcInputs(), 'oidc-audience': 'api://Wrong' });
    expect(wrong.code).toBe(1);
    expect(errorLines(wrong)).toHaveLength(1);
    expect(errorLines(wrong)[0]).toMatch(/^Entra refused to exchange GitHub's OIDC token .*AADSTS700212: .* audience api:\/\/AzureADTokenExchange and this workflow's subject/);
    const noPermission = await run('configure-sync', oidcInputs(), lab.env);
    expect(errorLines(noPermission)).toEqual(["GitHub gave this job no OIDC token: add 'permissions: id-token: write' to the workflow or job (or give 'graph-access-token' instead of 'client-id')."]);
    expect(cloud.writes()).toEqual([]);
    expect(findLeaks(runs, [lab.root], secrets())).toEqual([]);
  });

  it('the root action runs configure-sync before verify, which checks the jobs', async () => {
    await startCloud({ firstCycleAfterReads: 1 });
    await installAgent(lab.root);
    const inputs = { ...oidcInputs(), steps: 'verify, configure-sync', 'wait-first-cycle-seconds': '30', 'service-wait-seconds': '1' };
    const first = await run('main', inputs);
    expect(errorLines(first)).toEqual([]);
    expect(first.stdout).toContain('Steps: configure-sync → verify');
    expect(first.outputs['configure-sync-changed']).toBe('true');
    expect(first.outputs['configure-sync-first-cycle']).toMatch(/^contoso\.com AD2AADProvisioning: Active, last run Succeeded/);
    const report = JSON.parse(first.outputs['verify-report']) as { check: string; ok: boolean; detail: string }[];
    expect(report.find((c) => c.check === 'sync-jobs')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^contoso\.com AD2AADPasswordHash: Active, last run Succeeded at \S+, last success \S+; contoso\.com AD2AADProvisioning: Active/),
    });

    const job = cloud.configurations()[0].jobs.find((j) => j.templateId === 'AD2AADProvisioning')!;
    cloud.quarantine(job.id, 'EncounteredQuarantineException', 'The agent could not reach the domain controller.');
    const second = await run('main', inputs);
    expect(second.outputs['configure-sync-changed']).toBe('false');
    expect(second.code).toBe(1);
    expect(errorLines(second)[0]).toMatch(
      /sync-jobs: contoso\.com AD2AADProvisioning is in quarantine since \S+ \(reason EncounteredQuarantineException: The agent could not reach the domain controller\); read the provisioning logs and fix the cause, then start the job again/,
    );
    expect(errorLines(second)[0]).not.toMatch(/\.\.$/);
    expect(findLeaks(runs, [lab.root], secrets())).toEqual([]);
  });
});

// Keeps vitest from reporting an empty file when PowerShell is missing and describeWithPwsh skips.
it('has the fake cloud module', () => expect(typeof startFakeCloud).toBe('function'));
