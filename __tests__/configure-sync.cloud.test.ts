/**
 * configure-sync against the fake cloud (lab/fake-cloud.mjs) in process: every undocumented variant the
 * fake plays, converged runs that make no write call, plan mode, throttling, missing permissions, OIDC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_PERMISSIONS, EXCHANGE_AUDIENCE, GITHUB_ISSUER, startFakeCloud } from '../lab/fake-cloud.mjs';
import { configureSyncStep } from '../src/steps/configure-sync/step.js';
import { askSyncJobs, syncJobsDetail } from '../src/steps/configure-sync/job-health.js';
import type { ConfigureSyncSettings } from '../src/steps/configure-sync/settings.js';
import { clearSecretsForTests } from '../src/shared/secrets.js';
import type { StepContext, StepResult } from '../src/shared/step.js';

type Cloud = Awaited<ReturnType<typeof startFakeCloud>>;
const TOKEN = 'graph-test-token-3f9a';
const CLIENT_ID = '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10';
const SUBJECT = 'repo:contoso/lab:environment:lab';
const REQUEST_TOKEN = 'gh-request-token-7c1d';

let cloud: Cloud | undefined;
const logs: string[] = [];

beforeEach(() => {
  logs.length = 0;
  clearSecretsForTests();
});
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
});

function ctx(dryRun = false): StepContext {
  const log = { info: (m: string) => void logs.push(m), warning: (m: string) => void logs.push(m), debug: () => undefined };
  return { common: { dryRun, shell: 'powershell', shellGiven: true, timeoutMs: 60_000 }, log, earlier: new Map() } as unknown as StepContext;
}

async function start(options: Parameters<typeof startFakeCloud>[0] = {}): Promise<Cloud> {
  cloud = await startFakeCloud({ tokens: { [TOKEN]: APP_PERMISSIONS }, ...options });
  return cloud;
}

function settings(c: Cloud, over: Partial<ConfigureSyncSettings> = {}): ConfigureSyncSettings {
  return { domains: ['contoso.com'], passwordHashSync: true, waitFirstCycleSeconds: 0, access: { graphUrl: c.graphUrl, signIn: { kind: 'token', token: TOKEN } }, ...over };
}

const run = (c: Cloud, over: Partial<ConfigureSyncSettings> = {}, dryRun = false): Promise<StepResult> => configureSyncStep.run(settings(c, over), ctx(dryRun));

/** What the tenant must look like after a successful run (read from the fake's state, not from the step). */
function expectConfigured(c: Cloud, options: { passwordHash?: boolean; extraSecrets?: { key: string; value: string }[] } = {}) {
  const passwordHash = options.passwordHash ?? true;
  expect(c.state.organization.onPremisesSyncEnabled).toBe(true);
  const configs = c.configurations();
  expect(configs).toHaveLength(1);
  const [config] = configs;
  expect(config.displayName).toBe('contoso.com');
  expect(config.jobs.map((j) => j.templateId).sort()).toEqual(passwordHash ? ['AD2AADPasswordHash', 'AD2AADProvisioning'] : ['AD2AADProvisioning']);
  for (const job of config.jobs) expect(job.status.code).toBe('Active');
  const secrets = Object.fromEntries(config.secrets.map((s: { key: string; value: string }) => [s.key, s.value]));
  expect(JSON.parse(secrets.Domain)).toEqual({ domain: 'contoso.com' });
  expect(JSON.parse(secrets.AppKey)).toEqual({ appKeyScenario: passwordHash ? 'AD2AADPasswordHash' : 'AD2AADProvisioning' });
  for (const extra of options.extraSecrets ?? []) expect(secrets[extra.key]).toBe(extra.value);
  const provisioning = config.jobs.find((j) => j.templateId === 'AD2AADProvisioning')!;
  for (const mapping of provisioning.schema.synchronizationRules[0].objectMappings) {
    const count = mapping.attributeMappings.filter((a: { targetAttributeName: string }) => a.targetAttributeName === 'CredentialData').length;
    const wanted = passwordHash && /users|inetorgpersons/i.test(mapping.name) ? 1 : 0;
    expect(count, mapping.name).toBe(wanted);
  }
  return config;
}

describe('configure-sync on every variant of undocumented Graph behaviour', () => {
  const variants = [
    { secretsOnGet: 'values', duplicateJobs: 'allow', mappingNames: 'documented', newJobCode: 'Paused' },
    { secretsOnGet: 'keys-only', duplicateJobs: 'allow', mappingNames: 'capitalised', newJobCode: 'NotRun' },
    { secretsOnGet: 'values', duplicateJobs: 'conflict', mappingNames: 'capitalised', newJobCode: 'Paused' },
    { secretsOnGet: 'keys-only', duplicateJobs: 'conflict', mappingNames: 'documented', newJobCode: 'NotRun' },
  ];
  for (const variant of variants) {
    it(`creates and starts the configuration, then converges with no write call (${Object.values(variant).join(', ')})`, async () => {
      const c = await start({ variants: variant });
      const first = await run(c, { deleteThreshold: 50, notificationEmail: 'ops@contoso.com' });
      expect(first.failure).toBeUndefined();
      expect(first.changed).toBe(true);
      const config = expectConfigured(c);
      const notification = JSON.parse(config.secrets.find((s: { key: string }) => s.key === 'SyncNotificationSettings')!.value);
      expect(notification).toEqual({ Enabled: true, Recipients: 'ops@contoso.com', DeleteThresholdEnabled: true, DeleteThresholdValue: 50 });
      const outputs = JSON.parse(String(first.outputs.configurations));
      expect(outputs[0]).toMatchObject({ domain: 'contoso.com', servicePrincipalId: config.id });

      const writesBefore = c.writes().length;
      const second = await run(c, { deleteThreshold: 50, notificationEmail: 'ops@contoso.com' });
      expect(second.changed).toBe(false);
      expect(second.failure).toBeUndefined();
      expect(c.writes().length).toBe(writesBefore);
      expect(c.configurations()).toHaveLength(1);
    });
  }

  it('waits out a new configuration or job that Graph does not find at once (replication)', async () => {
    const c = await start({ variants: { newObjectNotFoundFor: 1 } });
    const result = await run(c);
    expect(result.failure).toBeUndefined();
    expectConfigured(c);
    expect(logs.filter((l) => /HTTP 404 for .*just created/.test(l)).length).toBeGreaterThanOrEqual(2);
    expect(c.requests.filter((r) => r.path.includes('/instantiate'))).toHaveLength(1);
  });

  it('plan mode lists each change and makes no write call', async () => {
    const c = await start();
    const plan = await run(c, { deleteThreshold: 50 }, true);
    expect(plan.changed).toBe(true);
    expect(c.writes()).toEqual([]);
    expect(plan.summary.filter(([k]) => k === 'Would change').map(([, v]) => v)).toEqual([
      "turn on the tenant's sync flag (onPremisesSyncEnabled)",
      "contoso.com: create the configuration (service principal 'contoso.com' from the AD2AAD template)",
      'contoso.com: create the AD2AADProvisioning job',
      'contoso.com: create the AD2AADPasswordHash job',
      'contoso.com: set the secrets Domain, AppKey, SyncNotificationSettings (others kept)',
      "contoso.com: add CredentialData <- [PasswordHash] to 'Provision Active Directory users' and 'Provision Active Directory inetOrgPersons'",
      'contoso.com: start the AD2AADProvisioning job',
      'contoso.com: start the AD2AADPasswordHash job',
    ]);
  });

  it('provisioning only: one job and the provisioning AppKey', async () => {
    const c = await start();
    expect((await run(c, { passwordHashSync: false })).failure).toBeUndefined();
    expectConfigured(c, { passwordHash: false });
  });
});

describe('an existing configuration', () => {
  it('is found by its Domain secret whatever its name, and a secret the step did not set survives the PUT', async () => {
    const c = await start();
    await run(c);
    const [config] = c.configurations();
    const entry = c.state.servicePrincipals.get(config.id);
    entry.sp.displayName = 'Cloud sync for Contoso';
    entry.secrets.push({ key: 'SomeoneElses', value: 'keep-me' });
    const changed = await run(c, { deleteThreshold: 25 });
    expect(changed.failure).toBeUndefined();
    expect(c.configurations()).toHaveLength(1);
    expectConfigured({ ...c, configurations: () => c.configurations().map((x) => ({ ...x, displayName: 'contoso.com' })) } as Cloud, { extraSecrets: [{ key: 'SomeoneElses', value: 'keep-me' }] });
    expect(changed.summary[0][1]).toMatch(/found by Domain secret/);
  });

  it('refuses to write secrets whose other values Graph hides, and changes nothing', async () => {
    const c = await start({ variants: { secretsOnGet: 'keys-only' } });
    await run(c);
    const [config] = c.configurations();
    c.state.servicePrincipals.get(config.id).secrets.push({ key: 'SomeoneElses', value: 'keep-me' });
    const writes = c.writes().length;
    await expect(run(c, { deleteThreshold: 25 })).rejects.toThrow(/has secrets whose values Graph did not return \(SomeoneElses\); writing the secrets would erase them/);
    expect(c.writes().length).toBe(writes);
  });

  it('uses the first of two jobs with one template and creates no third', async () => {
    const c = await start({ variants: { duplicateJobs: 'allow' } });
    await run(c);
    const [config] = c.configurations();
    const res = await fetch(`${c.graphUrl}/beta/servicePrincipals/${config.id}/synchronization/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"templateId":"AD2AADProvisioning"}',
    });
    expect(res.status).toBe(201);
    const writes = c.writes().length;
    const again = await run(c);
    // The job in use (Active) is chosen over the new paused duplicate: nothing to do.
    expect(again.changed).toBe(false);
    expect(c.writes().length).toBe(writes);
    expect(c.configurations()[0].jobs).toHaveLength(3);
    expect(again.notes?.join(' ')).toMatch(/more than one job per template; using the first/);
  });

  it('two configurations for one domain: one line, nothing changed', async () => {
    const c = await start();
    await run(c);
    for (const name of ['contoso.com']) {
      await fetch(`${c.graphUrl}/beta/applicationTemplates/1a4721b3-e57f-4451-ae87-ef078703ec94/instantiate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: name }),
      });
    }
    // The second one has no Domain secret yet: the Domain secret wins over the display name.
    const ok = await run(c);
    expect(ok.changed).toBe(false);
    const second = c.configurations()[1];
    c.state.servicePrincipals.get(second.id).secrets.push({ key: 'Domain', value: '{"domain":"contoso.com"}' });
    const writes = c.writes().length;
    await expect(run(c)).rejects.toThrow(/^Found 2 Cloud Sync configurations for contoso\.com \(service principals .+\); keep one/);
    expect(c.writes().length).toBe(writes);
  });
});

describe('several domains', () => {
  it('configures each, following Graph paging of the configurations list', async () => {
    const c = await start({ pageSize: 1 });
    const domains = ['contoso.com', 'fabrikam.com', 'corp.contoso.com'];
    expect((await run(c, { domains })).failure).toBeUndefined();
    expect(c.configurations().map((x) => x.displayName)).toEqual(domains);
    const writes = c.writes().length;
    const again = await run(c, { domains });
    expect(again.changed).toBe(false);
    expect(c.writes().length).toBe(writes);
    expect(c.requests.some((r) => r.path.includes('$skiptoken=2'))).toBe(true);
  });
});

describe('throttling and failures', () => {
  it('retries a throttled Graph and still converges', async () => {
    const c = await start();
    c.throttle({ count: 3, retryAfter: '0' });
    const result = await run(c);
    expect(result.failure).toBeUndefined();
    expectConfigured(c);
    expect(c.requests.filter((r) => r.server === 'graph').length).toBeGreaterThan(3);
    expect(logs.filter((l) => /HTTP 429 for .*; retrying in 0 s/.test(l))).toHaveLength(3);
  });

  it('a missing permission fails in one line naming it, and what was created is reported', async () => {
    const c = await start({ tokens: { [TOKEN]: ['Organization.ReadWrite.All', 'Application.ReadWrite.All', 'Synchronization.Read.All'] } });
    const result = await run(c);
    const [config] = c.configurations();
    expect(config.displayName).toBe('contoso.com');
    expect(result.failure).toBe(
      `Microsoft Graph refused creating contoso.com's AD2AADProvisioning job (POST synchronization/jobs) (HTTP 403, Authorization_RequestDenied): the token needs Synchronization.ReadWrite.All (delegated) or Application.ReadWrite.OwnedBy (application). Done before the failure: turn on the tenant's sync flag (onPremisesSyncEnabled); contoso.com: create the configuration (service principal 'contoso.com' from the AD2AAD template). Created before the failure: configuration contoso.com (service principal ${config.id}).`,
    );
    expect(result.summary[0]).toEqual(['contoso.com', `configuration ${config.id} (found by display name); no job`]);
    expect(result.failure).not.toMatch(/\.\.|\n/);
  });

  it('does not retry creating a configuration after a 504 (it may exist); the next run finds what exists', async () => {
    const c = await start();
    c.throttle({ count: 1, status: 504, retryAfter: '0', match: /^POST \/beta\/applicationTemplates\// });
    const result = await run(c);
    expect(c.requests.filter((r) => r.path.includes('/instantiate'))).toHaveLength(1);
    expect(result.failure).toMatch(
      /^Microsoft Graph answered HTTP 504, TooManyRequests to creating the configuration for contoso\.com \(POST \/applicationTemplates\/\{id\}\/instantiate\): Too many requests; it may have been created all the same: the next run finds it\. Done before the failure: turn on the tenant's sync flag/,
    );
    expect((await run(c)).failure).toBeUndefined();
    expectConfigured(c);
  });

  it('a later run continues from what exists', async () => {
    const c = await start();
    c.failNext({ method: 'PUT', path: /\/synchronization\/secrets$/, status: 500, code: 'InternalServerError' });
    const broken = await run(c);
    expect(broken.failure).toMatch(/^Microsoft Graph answered HTTP 500, InternalServerError to writing the synchronization secrets of contoso\.com's configuration/);
    expect(broken.failure).toMatch(/Created before the failure: configuration contoso\.com .*AD2AADProvisioning job .*AD2AADPasswordHash job/);
    const fixed = await run(c);
    expect(fixed.failure).toBeUndefined();
    expectConfigured(c);
  });
});

describe('quarantine and the first cycle', () => {
  it('waits for the first cycle and reports its result', async () => {
    const c = await start({ variants: { firstCycleAfterReads: 1 } });
    const result = await run(c, { waitFirstCycleSeconds: 30 });
    expect(result.failure).toBeUndefined();
    expect(result.outputs['first-cycle']).toMatch(/^contoso\.com AD2AADProvisioning: Active, last run Succeeded at \S+, last success \S+; contoso\.com AD2AADPasswordHash: Active, last run Succeeded/);
  });

  it('the wait is bounded: a cycle that does not finish is reported, not waited for past the bound', async () => {
    const c = await start({ variants: { firstCycleAfterReads: 1000 } });
    await run(c);
    const [config] = c.configurations();
    const { GraphClient } = await import('../src/graph/client.js');
    const { waitForFirstCycle } = await import('../src/steps/configure-sync/first-cycle.js');
    const client = new GraphClient({ graphUrl: c.graphUrl, token: TOKEN });
    let clock = 0;
    const sleeps: number[] = [];
    const job = config.jobs.find((j) => j.templateId === 'AD2AADProvisioning')!;
    const result = await waitForFirstCycle(client, [{ domain: 'contoso.com', servicePrincipalId: config.id, job: { id: job.id, templateId: job.templateId } }], {
      waitSeconds: 25,
      pollSeconds: 10,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    client.dispose();
    expect(sleeps).toEqual([10_000, 10_000, 5_000]);
    expect(result.timedOut.map((w) => w.job.id)).toEqual([job.id]);
    expect(c.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/jobs/${job.id}`))).toHaveLength(4);
  });

  it('a first cycle with entry-level errors is reported, not failed', async () => {
    const c = await start({ variants: { firstCycleAfterReads: 1, firstCycleResult: 'EntryLevelErrors' } });
    const result = await run(c, { waitFirstCycleSeconds: 30 });
    expect(result.failure).toBeUndefined();
    expect(result.outputs['first-cycle']).toMatch(/^contoso\.com AD2AADProvisioning: Active, last run EntryLevelErrors at \S+, last success \S+;/);
  });

  it('a failed first cycle fails the step with the job state', async () => {
    const c = await start({ variants: { firstCycleAfterReads: 1, firstCycleResult: 'Failed' } });
    const result = await run(c, { waitFirstCycleSeconds: 30 });
    expect(result.failure).toMatch(
      /^The first sync cycle did not succeed: contoso\.com AD2AADProvisioning: Active, last run Failed at \S+ \(No active agent could be reached\); read the provisioning logs;/,
    );
  });

  it('a quarantined job is not restarted; verify reports the reason and what to do', async () => {
    const c = await start();
    await run(c);
    const provisioning = c.configurations()[0].jobs.find((j) => j.templateId === 'AD2AADProvisioning')!;
    c.quarantine(provisioning.id, 'TooManyDeletes');
    const writes = c.writes().length;
    const again = await run(c);
    expect(again.changed).toBe(false);
    expect(c.writes().length).toBe(writes);
    const answer = await askSyncJobs({ graphUrl: c.graphUrl, signIn: { kind: 'token', token: TOKEN } }, ['contoso.com'], 10_000);
    const detail = syncJobsDetail(answer);
    expect(detail.ok).toBe(false);
    expect(detail.detail).toMatch(
      /^contoso\.com AD2AADProvisioning is in quarantine since \S+ \(reason TooManyDeletes: The number of deletions exceeded the accidental-delete threshold\); check the deletions in the provisioning logs/,
    );
  });
});

describe('sign-in with GitHub OIDC', () => {
  const oidcCloud = (audience = EXCHANGE_AUDIENCE) =>
    start({
      tokens: {},
      oidc: { requestToken: REQUEST_TOKEN, subject: SUBJECT },
      apps: [{ clientId: CLIENT_ID, permissions: APP_PERMISSIONS, federated: [{ issuer: GITHUB_ISSUER, subject: SUBJECT, audience }] }],
    });
  const oidcSettings = (c: Cloud, audience = EXCHANGE_AUDIENCE): Partial<ConfigureSyncSettings> => ({
    access: { graphUrl: c.graphUrl, signIn: { kind: 'oidc', clientId: CLIENT_ID, tenantId: c.tenantId, loginUrl: c.loginUrl, graphUrl: c.graphUrl, audience } },
  });

  it('exchanges the GitHub token (audience api://AzureADTokenExchange) for a Graph token and configures', async () => {
    const c = await oidcCloud();
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = c.oidcUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = REQUEST_TOKEN;
    const result = await run(c, oidcSettings(c));
    expect(result.failure).toBeUndefined();
    expectConfigured(c);
    const issued = c.requests.find((r) => r.server === 'oidc')!;
    expect(issued.path).toContain(`audience=${encodeURIComponent(EXCHANGE_AUDIENCE)}`);
    const exchange = new URLSearchParams(c.requests.find((r) => r.server === 'login')!.body);
    expect(exchange.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(exchange.get('scope')).toBe(`${c.graphUrl}/.default`);
  });

  it('a wrong audience fails in one line that says what the federated credential needs', async () => {
    const c = await oidcCloud();
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = c.oidcUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = REQUEST_TOKEN;
    const error = (await run(c, oidcSettings(c, 'api://SomethingElse')).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^Entra refused to exchange GitHub's OIDC token for app 5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10 in tenant \S+ \(HTTP 400\): AADSTS700212: No matching federated identity record found for presented assertion audience 'api:\/\/SomethingElse'\. The app's federated credential must have issuer https:\/\/token\.actions\.githubusercontent\.com, audience api:\/\/AzureADTokenExchange/,
    );
    expect(error.message).not.toMatch(/\n|Trace ID/);
    expect(c.writes()).toEqual([]);
  });

  it('a refused OIDC request fails in one line', async () => {
    const c = await oidcCloud();
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = c.oidcUrl;
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'expired-request-token';
    const error = (await run(c, oidcSettings(c)).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^Could not get GitHub's OIDC token for audience api:\/\/AzureADTokenExchange: .*401.*\.$/);
    expect(error.message).not.toMatch(/\n|expired-request-token/);
  });

  it('without id-token: write it says which permission the workflow lacks', async () => {
    const c = await oidcCloud();
    await expect(run(c, oidcSettings(c))).rejects.toThrow(
      "GitHub gave this job no OIDC token: add 'permissions: id-token: write' to the workflow or job (or give 'graph-access-token' instead of 'client-id').",
    );
  });
});

describe('the fake cloud plays the documented semantics', () => {
  const call = async (c: Cloud, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${c.graphUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('instantiate returns the application and the service principal, both with the template id', async () => {
    const c = await start();
    const created = await call(c, 'POST', '/beta/applicationTemplates/1a4721b3-e57f-4451-ae87-ef078703ec94/instantiate', { displayName: 'contoso.com' });
    expect(created.status).toBe(201);
    expect(created.body.application.applicationTemplateId).toBe('1a4721b3-e57f-4451-ae87-ef078703ec94');
    expect(created.body.servicePrincipal).toMatchObject({ displayName: 'contoso.com', applicationTemplateId: '1a4721b3-e57f-4451-ae87-ef078703ec94' });
  });

  it('PUT secrets replaces the whole set; a job needs a known template; start clears a quarantine', async () => {
    const c = await start();
    const sp = (await call(c, 'POST', '/beta/applicationTemplates/1a4721b3-e57f-4451-ae87-ef078703ec94/instantiate', { displayName: 'x.com' })).body.servicePrincipal.id;
    const base = `/beta/servicePrincipals/${sp}/synchronization`;
    expect(
      (
        await call(c, 'PUT', `${base}/secrets`, {
          value: [
            { key: 'A', value: '1' },
            { key: 'B', value: '2' },
          ],
        })
      ).status,
    ).toBe(204);
    expect((await call(c, 'PUT', `${base}/secrets`, { value: [{ key: 'B', value: '3' }] })).status).toBe(204);
    expect((await call(c, 'GET', `${base}/secrets`)).body.value).toEqual([{ key: 'B', value: '3' }]);
    expect((await call(c, 'POST', `${base}/jobs`, { templateId: 'Nonsense' })).status).toBe(400);
    const job = (await call(c, 'POST', `${base}/jobs`, { templateId: 'AD2AADProvisioning' })).body;
    expect(job.status.code).toBe('Paused');
    c.quarantine(job.id);
    expect((await call(c, 'GET', `${base}/jobs/${job.id}`)).body.status.code).toBe('Quarantine');
    expect((await call(c, 'POST', `${base}/jobs/${job.id}/start`)).status).toBe(204);
    expect((await call(c, 'GET', `${base}/jobs/${job.id}`)).body.status).toMatchObject({ code: 'Active', quarantine: null });
  });
});
