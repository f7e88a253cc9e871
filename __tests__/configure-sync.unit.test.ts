import { describe, expect, it } from 'vitest';
import { desiredSecrets, mergeSecrets, needsStart, passwordHashMappingState, planSync, withPasswordHashMapping } from '../src/steps/configure-sync/plan.js';
import { readConfigureSyncSettings, type ConfigureSyncSettings } from '../src/steps/configure-sync/settings.js';
import { jobsByTemplate, secretDomain, type Configuration, type SyncSchema, type SyncState } from '../src/steps/configure-sync/state.js';
import { judgeJob, syncJobsDetail } from '../src/steps/configure-sync/job-health.js';
import { retryDelaySeconds, sentence } from '../src/graph/client.js';
import { Inputs } from '../src/shared/inputs.js';

const settings = (over: Partial<ConfigureSyncSettings> = {}): ConfigureSyncSettings => ({
  domains: ['contoso.com'],
  passwordHashSync: true,
  waitFirstCycleSeconds: 0,
  access: { graphUrl: 'https://graph.microsoft.com', signIn: { kind: 'token', token: 't' } },
  ...over,
});

const schema = (withCredential: boolean, names = ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons']): SyncSchema => ({
  synchronizationRules: [
    {
      objectMappings: names.map((name) => ({
        name,
        attributeMappings: [{ targetAttributeName: 'displayName' }, ...(withCredential ? [{ targetAttributeName: 'CredentialData' }] : [])],
      })),
    },
  ],
});

const converged = (): Configuration => ({
  servicePrincipalId: 'sp1',
  displayName: 'contoso.com',
  foundBy: 'Domain secret',
  secrets: [
    { key: 'Domain', value: '{"domain":"contoso.com"}' },
    { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
  ],
  jobs: [
    { id: 'AD2AADProvisioning.1', templateId: 'AD2AADProvisioning', status: { code: 'Active' } },
    { id: 'AD2AADPasswordHash.1', templateId: 'AD2AADPasswordHash', status: { code: 'Active' } },
  ],
  extraJobs: [],
  schema: schema(true),
});

const state = (config: Configuration | null, syncEnabled = true): SyncState => ({ organization: { id: 'org', onPremisesSyncEnabled: syncEnabled }, configurations: { 'contoso.com': config } });

describe('configure-sync plan', () => {
  it('plans the whole documented sequence for a tenant with nothing', () => {
    const plan = planSync(state(null, false), settings({ deleteThreshold: 50 }));
    expect(plan.changes).toEqual([
      { kind: 'enable-tenant-sync' },
      { kind: 'create-configuration', domain: 'contoso.com' },
      { kind: 'create-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' },
      { kind: 'create-job', domain: 'contoso.com', templateId: 'AD2AADPasswordHash' },
      { kind: 'set-secrets', domain: 'contoso.com', keys: ['Domain', 'AppKey', 'SyncNotificationSettings'] },
      { kind: 'map-password-hash', domain: 'contoso.com', mappings: ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons'] },
      { kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' },
      { kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADPasswordHash' },
    ]);
  });

  it('plans nothing for a converged configuration', () => {
    expect(planSync(state(converged()), settings())).toEqual({ changes: [], notes: [] });
  });

  it('provisioning only: one job, the provisioning AppKey, no mapping', () => {
    const plan = planSync(state(null), settings({ passwordHashSync: false }));
    expect(plan.changes.map((c) => c.kind)).toEqual(['create-configuration', 'create-job', 'set-secrets', 'start-job']);
  });

  it('adds the mapping only where it is missing, matching the names case-insensitively', () => {
    const config = converged();
    config.schema = schema(false, ['Provision Active Directory Users', 'Provision Active Directory InetOrgPersons']);
    expect(planSync(state(config), settings()).changes).toEqual([
      { kind: 'map-password-hash', domain: 'contoso.com', mappings: ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons'] },
    ]);
  });

  it('refuses (changes nothing) when the documented object mappings are not in the schema', () => {
    const config = converged();
    config.schema = schema(false, ['Provision Active Directory groups']);
    expect(planSync(state(config), settings()).blocked).toMatch(/has no object mapping named 'Provision Active Directory users' or 'Provision Active Directory inetOrgPersons'/);
  });

  it('does not start a running or quarantined job, and starts a paused one', () => {
    expect(needsStart({ id: 'a', templateId: 't', status: { code: 'Active' } })).toBe(false);
    expect(needsStart({ id: 'a', templateId: 't', status: { code: 'Quarantine' } })).toBe(false);
    expect(needsStart({ id: 'a', templateId: 't', status: { code: 'Paused' } })).toBe(true);
    expect(needsStart({ id: 'a', templateId: 't', status: { code: 'NotRun' } })).toBe(true);
    const config = converged();
    config.jobs[0].status = { code: 'Quarantine', quarantine: { reason: 'TooManyDeletes' } };
    const plan = planSync(state(config), settings());
    expect(plan.changes).toEqual([]);
    expect(plan.notes[0]).toMatch(/in quarantine \(TooManyDeletes\)/);
  });
});

describe('secrets merge (PUT replaces them all)', () => {
  it('keeps every secret it does not set and replaces only its own', () => {
    const existing = [
      { key: 'Domain', value: '{"domain":"old.example"}' },
      { key: 'SomethingElse', value: 'kept' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"a@contoso.com","Custom":1}' },
    ];
    const merge = mergeSecrets(existing, desiredSecrets('contoso.com', { passwordHashSync: true, deleteThreshold: 10 }, existing));
    expect(merge.changed).toEqual(['Domain', 'AppKey', 'SyncNotificationSettings']);
    expect(merge.pairs).toEqual([
      { key: 'Domain', value: '{"domain":"contoso.com"}' },
      { key: 'SomethingElse', value: 'kept' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"a@contoso.com","Custom":1,"DeleteThresholdEnabled":true,"DeleteThresholdValue":10}' },
      { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
    ]);
    expect(merge.unknown).toEqual([]);
  });

  it('compares JSON values whatever their key order', () => {
    const existing = [{ key: 'SyncNotificationSettings', value: '{"DeleteThresholdValue":10,"DeleteThresholdEnabled":true,"Enabled":false}' }];
    const merge = mergeSecrets(existing, desiredSecrets('contoso.com', { passwordHashSync: true, deleteThreshold: 10 }, existing));
    expect(merge.changed).toEqual(['Domain', 'AppKey']);
  });

  it('names secrets whose values Graph hid (they cannot be kept) and does not compare its own hidden ones', () => {
    const existing = [
      { key: 'Domain', value: null },
      { key: 'AppKey', value: null },
      { key: 'Foreign', value: null },
    ];
    const merge = mergeSecrets(existing, desiredSecrets('contoso.com', { passwordHashSync: true }, existing));
    expect(merge.changed).toEqual([]);
    expect(merge.hidden).toEqual(['Domain', 'AppKey']);
    expect(merge.unknown).toEqual(['Foreign']);
    const config = { ...converged(), secrets: [...existing] };
    expect(planSync(state(config), settings()).changes).toEqual([]);
    const plan = planSync(state(config), settings({ deleteThreshold: 5 }));
    expect(plan.blocked).toMatch(/secrets whose values Graph did not return \(Foreign\); writing the secrets would erase them/);
  });

  it('reads the domain from the Domain secret', () => {
    expect(secretDomain([{ key: 'Domain', value: '{"domain":"Contoso.COM"}' }])).toBe('contoso.com');
    expect(secretDomain([{ key: 'Domain', value: null }])).toBeNull();
    expect(secretDomain([])).toBeUndefined();
  });
});

describe('schema mapping', () => {
  it('adds CredentialData <- [PasswordHash] exactly once, and not again', () => {
    const once = withPasswordHashMapping({ '@odata.context': 'https://graph.microsoft.com/beta/$metadata#schema', ...schema(false) });
    expect(once['@odata.context']).toBeUndefined();
    const twice = withPasswordHashMapping(once);
    for (const s of [once, twice]) {
      for (const m of s.synchronizationRules![0].objectMappings!) {
        const credential = m.attributeMappings!.filter((a) => a.targetAttributeName === 'CredentialData');
        expect(credential).toHaveLength(1);
        expect(credential[0].source).toEqual({ expression: '[PasswordHash]', name: 'PasswordHash', type: 'Attribute', parameters: [] });
      }
    }
    expect(passwordHashMappingState(twice)).toEqual({ missing: [], without: [] });
  });
});

describe('jobs and their health', () => {
  it('uses the job in use, else the first by id, and reports the others', () => {
    expect(
      jobsByTemplate([
        { id: 'AD2AADProvisioning.a', templateId: 'AD2AADProvisioning', status: { code: 'Paused' } },
        { id: 'AD2AADProvisioning.b', templateId: 'AD2AADProvisioning', status: { code: 'Active' } },
      ]).jobs.map((j) => j.id),
    ).toEqual(['AD2AADProvisioning.b']);
    const { jobs, extra } = jobsByTemplate([
      { id: 'AD2AADProvisioning.b', templateId: 'AD2AADProvisioning' },
      { id: 'AD2AADProvisioning.a', templateId: 'AD2AADProvisioning' },
    ]);
    expect(jobs.map((j) => j.id)).toEqual(['AD2AADProvisioning.a']);
    expect(extra).toEqual(['AD2AADProvisioning.b']);
  });

  it('fails a quarantined job with the reason and what to do', () => {
    const judged = judgeJob('contoso.com', {
      id: 'j',
      templateId: 'AD2AADProvisioning',
      status: { code: 'Quarantine', quarantine: { reason: 'TooManyDeletes', currentBegan: '2026-11-25T10:00:00Z', error: { message: 'Too many deletes.' } } },
    });
    expect(judged).toEqual({
      ok: false,
      detail:
        'contoso.com AD2AADProvisioning is in quarantine since 2026-11-25T10:00:00Z (reason TooManyDeletes: Too many deletes); check the deletions in the provisioning logs; if they are intended, restart the job with resetScope ForceDeletes, else fix the source and start the job',
    });
  });

  it('reports the last run and the last success of a healthy job', () => {
    const detail = syncJobsDetail({
      configurations: {
        'contoso.com': {
          ...converged(),
          jobs: [
            {
              id: 'j',
              templateId: 'AD2AADProvisioning',
              status: { code: 'Active', lastExecution: { state: 'Succeeded', timeEnded: 'T2' }, lastSuccessfulExecution: { state: 'Succeeded', timeEnded: 'T2' } },
            },
          ],
        },
        'fabrikam.com': null,
      },
    });
    expect(detail).toEqual({ ok: false, detail: 'fabrikam.com has no Cloud Sync configuration (run configure-sync)' });
  });
});

describe('settings', () => {
  const read = (values: Record<string, string>) => readConfigureSyncSettings(new Inputs((n) => values[n] ?? ''));

  it('needs domains and a sign-in, and not two sign-ins', () => {
    expect(() => read({})).toThrow("Input 'sync-domains' is required");
    expect(() => read({ 'sync-domains': 'contoso.com' })).toThrow(/^Input 'client-id' and 'tenant-id' \(GitHub OIDC/);
    expect(() => read({ 'sync-domains': 'contoso.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10' })).toThrow(/^Input 'tenant-id' is required with 'client-id'/);
    expect(() => read({ 'sync-domains': 'contoso.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10', 'graph-access-token': 'abc' })).toThrow(/both given/);
    expect(() => read({ 'sync-domains': 'contoso.com;rm', 'graph-access-token': 'abc' })).toThrow(/is not an AD domain's DNS name/);
    expect(() => read({ 'sync-domains': 'contoso.com', 'graph-access-token': 'abc', 'login-url': 'http://login.example' })).toThrow(/must use https/);
  });

  it('reads the OIDC sign-in for the cloud, with host overrides', () => {
    const gov = read({
      'sync-domains': 'Contoso.com, contoso.com\nfabrikam.com',
      'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10',
      'tenant-id': '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64',
      environment: 'AzureUSGovernment',
    });
    expect(gov.domains).toEqual(['contoso.com', 'fabrikam.com']);
    expect(gov.access).toEqual({
      graphUrl: 'https://graph.microsoft.us',
      signIn: {
        kind: 'oidc',
        clientId: '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10',
        tenantId: '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64',
        loginUrl: 'https://login.microsoftonline.us',
        graphUrl: 'https://graph.microsoft.us',
        audience: 'api://AzureADTokenExchange',
      },
    });
    const local = read({
      'sync-domains': 'contoso.com',
      'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10',
      'tenant-id': '3c6e1b52-9d4a-4f7e-8b21-5a0c7d9e2f64',
      'graph-url': 'http://127.0.0.1:1',
      'login-url': 'http://127.0.0.1:2',
    });
    expect(local.access.signIn).toMatchObject({ loginUrl: 'http://127.0.0.1:2', graphUrl: 'http://127.0.0.1:1' });
  });
});

describe('in the root action', () => {
  it('runs after enable-writeback and before verify, and auto chooses it when sync-domains is given', async () => {
    const { STEPS } = await import('../src/steps/registry.js');
    const names = STEPS.map((s) => s.name);
    expect(names.indexOf('configure-sync')).toBe(names.indexOf('enable-writeback') + 1);
    expect(names.indexOf('verify')).toBe(names.indexOf('configure-sync') + 1);
    const step = STEPS.find((s) => s.name === 'configure-sync')!;
    expect(step.isRequested(new Inputs((n) => (n === 'sync-domains' ? 'contoso.com' : '')))).toBe(true);
    expect(step.isRequested(new Inputs(() => ''))).toBe(false);
  });
});

describe('Graph client helpers', () => {
  it('ends every message with exactly one full stop', () => {
    expect(sentence('a.')).toBe('a.');
    expect(sentence('a..\n')).toBe('a.');
    expect(sentence('line one\nline two')).toBe('line one line two.');
  });

  it('reads Retry-After as seconds or a date, bounded', () => {
    expect(retryDelaySeconds('5', 0, 60)).toBe(5);
    expect(retryDelaySeconds('600', 0, 60)).toBe(60);
    expect(retryDelaySeconds(undefined, 2, 60)).toBe(4);
    expect(retryDelaySeconds('Wed, 25 Nov 2026 10:00:10 GMT', 0, 60, Date.parse('Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(10);
    expect(retryDelaySeconds('garbage', 0, 60)).toBe(1);
  });
});
