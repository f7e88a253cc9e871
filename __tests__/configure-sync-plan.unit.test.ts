// configure-sync: the plan for partly configured tenants (exact changes, notes and blocks), the
// secrets it writes, when a job is started, the one-line descriptions, and the inputs.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { describeChange, desiredSecrets, mergeSecrets, needsStart, passwordHashMapping, passwordHashMappingState, planSync, withPasswordHashMapping } from '../src/steps/configure-sync/plan.js';
import { readConfigureSyncSettings, type ConfigureSyncSettings } from '../src/steps/configure-sync/settings.js';
import type { Configuration, SyncSchema, SyncState } from '../src/steps/configure-sync/state.js';

const USERS = 'Provision Active Directory users';
const PEOPLE = 'Provision Active Directory inetOrgPersons';
const settings = (over: Partial<ConfigureSyncSettings> = {}): ConfigureSyncSettings => ({
  domains: ['contoso.com'],
  passwordHashSync: true,
  waitFirstCycleSeconds: 0,
  access: { graphUrl: 'https://graph.microsoft.com', signIn: { kind: 'token', token: 't' } },
  ...over,
});
const schema = (mappings: { name?: string; credential: boolean }[]): SyncSchema => ({
  synchronizationRules: [
    { objectMappings: mappings.map((m) => ({ name: m.name, attributeMappings: [{ targetAttributeName: 'displayName' }, ...(m.credential ? [{ targetAttributeName: 'CredentialData' }] : [])] })) },
  ],
});
const converged = (over: Partial<Configuration> = {}): Configuration => ({
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
  schema: schema([
    { name: USERS, credential: true },
    { name: PEOPLE, credential: true },
  ]),
  ...over,
});
const state = (config: Configuration | null): SyncState => ({ organization: { id: 'org', onPremisesSyncEnabled: true }, configurations: { 'contoso.com': config } });

describe('the CredentialData mapping', () => {
  it('is the documented one', () => {
    expect(passwordHashMapping()).toEqual({
      defaultValue: null,
      exportMissingReferences: false,
      flowBehavior: 'FlowWhenChanged',
      flowType: 'Always',
      matchingPriority: 0,
      targetAttributeName: 'CredentialData',
      source: { expression: '[PasswordHash]', name: 'PasswordHash', type: 'Attribute', parameters: [] },
    });
  });

  it('counts an object mapping as done only when every copy of it has the mapping', () => {
    expect(passwordHashMappingState(schema([{ name: USERS, credential: true }, { name: USERS, credential: false }, { name: PEOPLE, credential: true }, { credential: false }]))).toEqual({
      missing: [],
      without: [USERS],
    });
  });

  it('is added only to the documented object mappings', () => {
    const result = withPasswordHashMapping(schema([{ name: USERS, credential: false }, { name: 'Provision Active Directory groups', credential: false }, { credential: false }]));
    const targets = result.synchronizationRules![0].objectMappings!.map((m) => m.attributeMappings!.map((a) => a.targetAttributeName));
    expect(targets).toEqual([['displayName', 'CredentialData'], ['displayName'], ['displayName']]);
  });
});

describe('the secrets it writes', () => {
  const notification = (existing: string | null, over: Partial<ConfigureSyncSettings>) =>
    desiredSecrets('contoso.com', { passwordHashSync: false, ...over }, existing === null ? [] : [{ key: 'SyncNotificationSettings', value: existing }]).find(
      (s) => s.key === 'SyncNotificationSettings',
    )?.value;

  it('provisioning only: the provisioning scenario, no notification settings', () => {
    expect(desiredSecrets('contoso.com', { passwordHashSync: false }, [])).toEqual([
      { key: 'Domain', value: '{"domain":"contoso.com"}' },
      { key: 'AppKey', value: '{"appKeyScenario":"AD2AADProvisioning"}' },
    ]);
  });
  it('an address turns notifications on; a threshold alone leaves them off unless they were on', () => {
    expect(notification(null, { notificationEmail: 'ops@contoso.com' })).toBe('{"Enabled":true,"Recipients":"ops@contoso.com"}');
    expect(notification(null, { deleteThreshold: 50 })).toBe('{"Enabled":false,"DeleteThresholdEnabled":true,"DeleteThresholdValue":50}');
    expect(notification('{"Enabled":true,"Recipients":"a@contoso.com"}', { deleteThreshold: 50 })).toBe(
      '{"Enabled":true,"Recipients":"a@contoso.com","DeleteThresholdEnabled":true,"DeleteThresholdValue":50}',
    );
    expect(notification('{"Enabled":false,"DeleteThresholdEnabled":true,"DeleteThresholdValue":9}', { notificationEmail: 'ops@contoso.com' })).toBe(
      '{"Enabled":true,"DeleteThresholdEnabled":true,"DeleteThresholdValue":9,"Recipients":"ops@contoso.com"}',
    );
  });
  it.each(['not json', '[1,2]', '"text"', 'null', '5'])('replaces unreadable notification settings %j', (existing) => {
    expect(notification(existing, { deleteThreshold: 50 })).toBe('{"Enabled":false,"DeleteThresholdEnabled":true,"DeleteThresholdValue":50}');
  });
});

describe('secrets compared by value', () => {
  it('a secret whose stored text is not JSON differs from ours, an equal text does not', () => {
    const plan = planSync(
      state(
        converged({
          secrets: [
            { key: 'Domain', value: 'contoso.com' },
            { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
          ],
        }),
      ),
      settings(),
    );
    expect(plan.changes).toEqual([{ kind: 'set-secrets', domain: 'contoso.com', keys: ['Domain'] }]);
  });
  it('nested objects are compared whatever their key order, arrays in order', () => {
    const existing = [
      { key: 'Domain', value: '{"domain":"contoso.com"}' },
      { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
      { key: 'SyncNotificationSettings', value: '{"DeleteThresholdValue":5,"Enabled":true,"DeleteThresholdEnabled":true,"Recipients":"ops@contoso.com"}' },
    ];
    expect(planSync(state(converged({ secrets: existing })), settings({ deleteThreshold: 5, notificationEmail: 'ops@contoso.com' })).changes).toEqual([]);
  });
});

describe('merging secrets', () => {
  it('counts a JSON value with its keys in another order, at any depth, as unchanged', () => {
    const merge = mergeSecrets([{ key: 'Custom', value: '{"b":1,"a":{"d":[1,2],"c":2}}' }], [{ key: 'Custom', value: '{"a":{"c":2,"d":[1,2]},"b":1}' }]);
    expect(merge.changed).toEqual([]);
  });
  it('compares arrays in order and values by value', () => {
    expect(mergeSecrets([{ key: 'Custom', value: '{"a":[1,2]}' }], [{ key: 'Custom', value: '{"a":[2,1]}' }]).changed).toEqual(['Custom']);
    expect(mergeSecrets([{ key: 'Custom', value: '{"a":{"c":2}}' }], [{ key: 'Custom', value: '{"a":{"c":3}}' }]).changed).toEqual(['Custom']);
  });
  it('compares values that are not JSON as text', () => {
    expect(mergeSecrets([{ key: 'Custom', value: 'plain text' }], [{ key: 'Custom', value: 'plain text' }]).changed).toEqual([]);
    expect(mergeSecrets([{ key: 'Custom', value: 'plain text' }], [{ key: 'Custom', value: 'other text' }]).changed).toEqual(['Custom']);
  });
});

describe('starting jobs', () => {
  const job = (status: { code?: string } | undefined, state?: string) => ({ id: 'j', templateId: 'AD2AADProvisioning', status, schedule: state ? { state } : undefined }) as never;
  it.each([
    [undefined, undefined, true],
    [{}, undefined, true],
    [{ code: 'NotConfigured' }, undefined, true],
    [{ code: 'NotRun' }, undefined, true],
    [{ code: 'Paused' }, undefined, true],
    [{ code: 'Unknown' }, undefined, false],
    [{ code: 'Unknown' }, 'Disabled', true],
    [{ code: 'Unknown' }, 'Active', false],
    [{ code: 'Active' }, 'Disabled', false],
    [{ code: 'Quarantine' }, 'Disabled', false],
  ])('status %j, schedule %s: start %s', (status, schedule, start) => {
    expect(needsStart(job(status, schedule))).toBe(start);
  });
  it('a missing job is started', () => expect(needsStart(undefined)).toBe(true));
});

describe('the plan for a partly configured tenant', () => {
  it('creates only the missing job and starts only what does not run', () => {
    const config = converged({ jobs: [{ id: 'AD2AADProvisioning.1', templateId: 'AD2AADProvisioning', status: { code: 'Paused' } }] });
    expect(planSync(state(config), settings())).toEqual({
      changes: [
        { kind: 'create-job', domain: 'contoso.com', templateId: 'AD2AADPasswordHash' },
        { kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' },
        { kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADPasswordHash' },
      ],
      notes: [],
    });
  });

  it('no provisioning job yet: the mapping is planned for both object mappings', () => {
    const config = converged({ jobs: [{ id: 'AD2AADPasswordHash.1', templateId: 'AD2AADPasswordHash', status: { code: 'Active' } }], schema: undefined });
    expect(planSync(state(config), settings()).changes).toEqual([
      { kind: 'create-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' },
      { kind: 'map-password-hash', domain: 'contoso.com', mappings: [USERS, PEOPLE] },
      { kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' },
    ]);
  });

  it('provisioning only: the schema is not looked at, and a password hash job is noted, not touched', () => {
    const config = converged({
      secrets: [
        { key: 'Domain', value: '{"domain":"contoso.com"}' },
        { key: 'AppKey', value: '{"appKeyScenario":"AD2AADProvisioning"}' },
      ],
      schema: schema([{ name: 'Provision Active Directory groups', credential: false }]),
    });
    expect(planSync(state(config), settings({ passwordHashSync: false }))).toEqual({
      changes: [],
      notes: ['contoso.com: password-hash-sync is false but a AD2AADPasswordHash job exists; it is left as it is.'],
    });
  });

  it('notes the extra jobs it leaves alone', () => {
    expect(planSync(state(converged({ extraJobs: ['AD2AADProvisioning.2', 'AD2AADProvisioning.3'] })), settings()).notes).toEqual([
      'contoso.com: more than one job per template; using the first, leaving AD2AADProvisioning.2, AD2AADProvisioning.3 alone.',
    ]);
  });

  it('notes a quarantined job without a reason', () => {
    const config = converged();
    config.jobs[0].status = { code: 'Quarantine' };
    expect(planSync(state(config), settings()).notes).toEqual(['contoso.com: the AD2AADProvisioning job is in quarantine (no reason given); not started again by this step: see verify.']);
  });

  it('notes its own secrets whose values Graph hid, all of them', () => {
    const config = converged({
      secrets: [
        { key: 'Domain', value: null },
        { key: 'AppKey', value: null },
      ],
    });
    expect(planSync(state(config), settings())).toEqual({ changes: [], notes: ['contoso.com: Graph did not return the value of Domain, AppKey; present, not compared.'] });
  });

  it('blocks on hidden foreign secrets, naming them all and what to set instead', () => {
    const config = converged({
      secrets: [
        { key: 'Domain', value: '{"domain":"old.example"}' },
        { key: 'AppKey', value: null },
        { key: 'ForeignA', value: null },
        { key: 'ForeignB', value: null },
      ],
    });
    const plan = planSync(state(config), settings({ deleteThreshold: 5 }));
    expect(plan.blocked).toBe(
      "contoso.com's configuration has secrets whose values Graph did not return (ForeignA, ForeignB); writing the secrets would erase them (PUT replaces them all), so nothing was changed. Set Domain, SyncNotificationSettings in the Entra admin center instead.",
    );
    expect(plan.notes).toEqual(['contoso.com: Graph did not return the value of AppKey; present, not compared.']);
  });

  it('does not block when only its own secrets are hidden', () => {
    const config = converged({
      secrets: [
        { key: 'Domain', value: '{"domain":"old.example"}' },
        { key: 'AppKey', value: null },
      ],
    });
    const plan = planSync(state(config), settings());
    expect(plan.blocked).toBeUndefined();
    expect(plan.changes).toEqual([{ kind: 'set-secrets', domain: 'contoso.com', keys: ['Domain'] }]);
  });

  it('keeps the first reason to block when two domains block', () => {
    const hidden = converged({
      secrets: [
        { key: 'Domain', value: '{"domain":"old.example"}' },
        { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
        { key: 'X', value: null },
      ],
    });
    const plan = planSync(
      { organization: { id: 'org', onPremisesSyncEnabled: true }, configurations: { 'contoso.com': hidden, 'fabrikam.com': { ...hidden, secrets: [...hidden.secrets] } } },
      settings({ domains: ['contoso.com', 'fabrikam.com'] }),
    );
    expect(plan.blocked).toMatch(/^contoso\.com's configuration has secrets/);
  });

  it('a schema missing one documented mapping blocks; one without the mapping is planned', () => {
    const config = converged({ schema: schema([{ name: USERS, credential: false }]) });
    const plan = planSync(state(config), settings());
    expect(plan.blocked).toBe(
      "The schema of contoso.com's AD2AADProvisioning job has no object mapping named 'Provision Active Directory inetOrgPersons', so the password hash mapping cannot be added; nothing was changed.",
    );
    expect(plan.changes).toEqual([{ kind: 'map-password-hash', domain: 'contoso.com', mappings: [USERS] }]);
  });
});

describe('one line per change', () => {
  it.each([
    [{ kind: 'enable-tenant-sync' }, "turn on the tenant's sync flag (onPremisesSyncEnabled)"],
    [{ kind: 'create-configuration', domain: 'contoso.com' }, "contoso.com: create the configuration (service principal 'contoso.com' from the AD2AAD template)"],
    [{ kind: 'create-job', domain: 'contoso.com', templateId: 'AD2AADPasswordHash' }, 'contoso.com: create the AD2AADPasswordHash job'],
    [{ kind: 'set-secrets', domain: 'contoso.com', keys: ['Domain', 'AppKey'] }, 'contoso.com: set the secrets Domain, AppKey (others kept)'],
    [
      { kind: 'map-password-hash', domain: 'contoso.com', mappings: [USERS, PEOPLE] },
      "contoso.com: add CredentialData <- [PasswordHash] to 'Provision Active Directory users' and 'Provision Active Directory inetOrgPersons'",
    ],
    [{ kind: 'start-job', domain: 'contoso.com', templateId: 'AD2AADProvisioning' }, 'contoso.com: start the AD2AADProvisioning job'],
  ] as const)('%j', (change, line) => {
    expect(describeChange(change as never)).toBe(line);
  });
});

describe('configure-sync inputs', () => {
  const read = (values: Record<string, string>) => readConfigureSyncSettings(new Inputs((n) => ({ 'graph-access-token': 'abc', ...values })[n] ?? ''));
  const failure = (values: Record<string, string>) => {
    try {
      read(values);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };

  it('defaults: password hash sync on, thresholds and notifications left alone, no wait', () => {
    expect(read({ 'sync-domains': 'contoso.com' })).toEqual({
      domains: ['contoso.com'],
      passwordHashSync: true,
      deleteThreshold: undefined,
      notificationEmail: undefined,
      waitFirstCycleSeconds: 0,
      access: { graphUrl: 'https://graph.microsoft.com', signIn: { kind: 'token', token: 'abc' } },
    });
  });

  it('reads every input', () => {
    expect(
      read({ 'sync-domains': 'contoso.com', 'password-hash-sync': 'false', 'accidental-delete-threshold': '50', 'sync-notification-email': 'ops@contoso.com', 'wait-first-cycle-seconds': '600' }),
    ).toMatchObject({ passwordHashSync: false, deleteThreshold: 50, notificationEmail: 'ops@contoso.com', waitFirstCycleSeconds: 600 });
  });

  it('names configure-sync when the OIDC sign-in lacks its tenant', () => {
    expect(failure({ 'graph-access-token': '', 'sync-domains': 'contoso.com', 'client-id': '5e1f0c3a-7b2d-4e9f-a1c6-8d4b2f7e9a10' })).toBe(
      "Input 'tenant-id' is required with 'client-id': GitHub's OIDC token is exchanged in that tenant (configure-sync).",
    );
  });

  it.each(['contoso.com', 'a.b', 'ad.contoso.com', 'contoso.local', 'x1-y.contoso.com'])('accepts the domain %s', (domain) => {
    expect(read({ 'sync-domains': domain }).domains).toEqual([domain]);
  });

  it.each(['-bad.contoso.com', 'contoso', 'contoso.com-', 'contoso.123', 'con_toso.com'])('refuses the domain %s', (domain) => {
    expect(failure({ 'sync-domains': domain })).toBe(`Input 'sync-domains' '${domain}' is not an AD domain's DNS name such as 'contoso.com'.`);
  });

  it('refuses a name longer than 253 characters, showing its first 60', () => {
    const long = `${`${'a'.repeat(63)}.`.repeat(4)}com`;
    expect(long).toHaveLength(259);
    expect(failure({ 'sync-domains': long })).toBe(`Input 'sync-domains' '${'a'.repeat(60)}' is not an AD domain's DNS name such as 'contoso.com'.`);
  });

  it.each(['ops@contoso.com', 'sync.admin+alerts@mail.contoso.co.uk', `${'a'.repeat(64)}@contoso.com`])('accepts the address %s', (email) => {
    expect(read({ 'sync-domains': 'contoso.com', 'sync-notification-email': email }).notificationEmail).toBe(email);
  });

  it.each([
    ['ops', "'ops'"],
    ['o ps@contoso.com', "'o ps@contoso.com'"],
    ['ops@contoso', "'ops@contoso'"],
    ['ops@contoso.com;x', "'ops@contoso.com;x'"],
    ['ops@contoso..com', "'ops@contoso..com'"],
    ['ops@con_toso.com', "'ops@con_toso.com'"],
    [`${'a'.repeat(65)}@contoso.com`, `'${'a'.repeat(57)}...' (77 characters)`],
  ])('refuses the address %s', (email, shown) => {
    expect(failure({ 'sync-domains': 'contoso.com', 'sync-notification-email': email })).toBe(`Input 'sync-notification-email' must be an e-mail address such as admin@contoso.com; got ${shown}.`);
  });

  it('refuses a threshold out of range', () => {
    expect(failure({ 'sync-domains': 'contoso.com', 'accidental-delete-threshold': '0' })).toBe("Input 'accidental-delete-threshold' must be a whole number from 1 to 100000; got '0'.");
  });
});
