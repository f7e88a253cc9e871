import { describe, expect, it } from 'vitest';
import { parseDomains, sameDcs } from '../src/steps/configure-gmsa/domains.js';
import { explainDomainFailure, explainGmsaFailure } from '../src/steps/configure-gmsa/explain.js';
import { parseAgentDomains } from '../src/steps/configure-gmsa/agent-domains.js';
import { isAccount, isCreatedGmsa, normaliseGmsaName } from '../src/steps/configure-gmsa/gmsa-name.js';
import { parsePermissionRecord, parseRecord, planConfigureGmsa, recordWithGrants, type GmsaObserved } from '../src/steps/configure-gmsa/plan.js';
import { parseDomainCredentials, readConfigureGmsaSettings } from '../src/steps/configure-gmsa/settings.js';
import { explainSignInFailure } from '../src/steps/shared-tenant/sign-in-failure.js';
import { compareVersions } from '../src/steps/shared-tenant/versions.js';
import { TENANT, inputs, observed, settings } from './helpers/configure-gmsa-unit.js';

describe('domains grammar', () => {
  it('parses names, preferred DCs, credentials and comments', () => {
    expect(parseDomains('Contoso.com\n# c\nfabrikam.com dcs=DC1.fabrikam.com,dc2.fabrikam.com credential=fab  # note\n')).toEqual([
      { name: 'contoso.com', dcs: [] },
      { name: 'fabrikam.com', dcs: ['dc1.fabrikam.com', 'dc2.fabrikam.com'], credential: 'FAB' },
    ]);
  });
  it.each([
    ['contoso.com password=x', /never put passwords/],
    ['contoso.com pwd=x', /never put passwords/],
    ['contoso', /not a DNS domain name/],
    ['contoso.com dcs=', /needs one or more/],
    ['contoso.com foo=bar', /unknown setting 'foo'/],
    ['contoso.com\ncontoso.com', /listed twice/],
    ['dcs=a contoso.com', /must start with the domain/],
  ])('%s is refused', (text, message) => {
    expect(() => parseDomains(text)).toThrow(message);
  });
  it('never echoes a password value', () => {
    expect(() => parseDomains('contoso.com password=S3cret!')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('S3cret') }));
  });
  it('compares DC lists as sets', () => expect(sameDcs(['B', 'a'], ['a', 'b'])).toBe(true));
});

describe('gMSA names', () => {
  it.each([
    ['agentGmsa', { account: 'agentGmsa$' }],
    ['agentGmsa$', { account: 'agentGmsa$' }],
    ['CONTOSO\\agentGmsa', { account: 'agentGmsa$', domain: 'CONTOSO' }],
    ['agentGmsa@contoso.com', { account: 'agentGmsa$', domain: 'contoso.com' }],
  ])('%s', (input, expected) => expect(normaliseGmsaName(input)).toEqual(expected));
  it('refuses names too long for a gMSA', () => expect(() => normaliseGmsaName('averyveryverylongname')).toThrow(/gmsa-name/));
  it('matches service accounts by name and domain (NetBIOS or DNS)', () => {
    expect(isAccount('CONTOSO\\provAgentgMSA$', { account: 'provagentgmsa$' })).toBe(true);
    expect(isAccount('provAgentgMSA$@contoso.com', { account: 'provAgentgMSA$', domain: 'CONTOSO' })).toBe(true);
    expect(isAccount('FABRIKAM\\agentGmsa$', { account: 'agentGmsa$', domain: 'CONTOSO' })).toBe(false);
    expect(isAccount('NT SERVICE\\AADConnectProvisioningAgent', { account: 'provAgentgMSA$' })).toBe(false);
  });
});

describe('settings', () => {
  it('reads domain credentials JSON and refuses bad JSON without echoing it', () => {
    expect(parseDomainCredentials('{"fab":{"username":"FAB\\\\a","password":"x"}}')).toEqual({ FAB: { username: 'FAB\\a', password: 'x' } });
    expect(() => parseDomainCredentials('{"FAB": secret-value')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-value') }));
  });
  it('needs a sign-in route, and a credential for every domain', () => {
    expect(() => readConfigureGmsaSettings(inputs({ 'domain-username': 'C\\a', 'domain-password': 'x' }))).toThrow(/^Input 'tenant-username'/);
    expect(() => settings({ domains: 'fabrikam.com credential=FAB' })).toThrow(/'domain-credentials' does not hold/);
    expect(() => settings({ 'access-token': 't' })).toThrow(/two ways to sign in/);
    expect(() => readConfigureGmsaSettings(inputs({ 'access-token': 't', 'domain-username': 'C\\a', 'domain-password': 'x' }))).toThrow(/^Input 'tenant-id' is required/);
    expect(() => settings({ gmsa: 'custom' })).toThrow(/^Input 'gmsa-name' is required/);
    expect(() => settings({ 'tenant-password': '' })).toThrow(/^Input 'tenant-password' is required when/);
  });
});

describe('plan', () => {
  it('converged: nothing to change', () => {
    expect(planConfigureGmsa(settings(), observed()).changes).toEqual([]);
  });
  it('fresh server: register, create gMSA, add the server domain, restart', () => {
    const plan = planConfigureGmsa(settings(), observed({ tenantId: null, serviceAccount: 'NT SERVICE\\AADConnectProvisioningAgent', record: null }));
    expect(plan).toMatchObject({ register: true, gmsa: 'create', createKdsRootKey: false, restart: true });
    expect(plan.domainsToAdd.map((d) => d.name)).toEqual(['contoso.com']);
  });
  it('no KDS root key: fails unless allowed to create one; a pending key means wait', () => {
    const none = observed({ serviceAccount: 'NT SERVICE\\x', kds: { checked: true, keys: 0, effective: 0, nextEffective: null, error: null } });
    expect(() => planConfigureGmsa(settings(), none)).toThrow(/no KDS root key/);
    expect(planConfigureGmsa(settings({ 'create-kds-root-key': 'true' }), none).createKdsRootKey).toBe(true);
    const pending = observed({ serviceAccount: 'NT SERVICE\\x', kds: { checked: true, keys: 1, effective: 0, nextEffective: '2030-01-01 00:00 UTC', error: null } });
    expect(() => planConfigureGmsa(settings({ 'create-kds-root-key': 'true' }), pending)).toThrow(/not effective until 2030-01-01/);
  });
  it('a new account re-adds domains; changed DCs re-add one domain', () => {
    expect(planConfigureGmsa(settings({ gmsa: 'custom', 'gmsa-name': 'other' }), observed()).domainsToAdd.map((d) => d.name)).toEqual(['contoso.com']);
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com' }), observed()).changes[0]).toMatch(/preferred domain controllers change/);
  });
  it('another tenant: re-register and forget the record', () => {
    const plan = planConfigureGmsa(settings({ 'tenant-id': '11111111-2222-4333-8444-555555555555' }), observed());
    expect(plan.register).toBe(true);
    expect(plan.baseRecord.domains).toEqual([]);
  });
  it('version gates', () => {
    expect(() => planConfigureGmsa(settings({ gmsa: 'custom', 'gmsa-name': 'x' }), observed({ agentVersion: '1.1.300.0' }))).toThrow(/needs agent 1\.1\.354\.0/);
    expect(() => planConfigureGmsa(settings(), observed({ agentVersion: '1.1.200.0', serviceAccount: null }))).toThrow(/needs agent 1\.1\.281\.0/);
  });
  it('an unreadable record counts as none', () => expect(parseRecord('{oops')).toBeNull());
});

describe('failure explanations', () => {
  const cred = { route: 'credential' as const, username: 'a@b.c', password: 'x' };
  it('MFA, bad password, role, token', () => {
    expect(explainSignInFailure(cred, 'AADSTS50076: MFA needed', 'AzureCloud').code).toBe('MfaRequired');
    expect(explainSignInFailure(cred, 'AADSTS50126: invalid username or password', 'AzureCloud').code).toBe('BadCredentials');
    expect(explainSignInFailure(cred, 'AADSTS90002: Tenant x not found', 'AzureUSGovernment').message).toMatch(/AzureUSGovernment cloud; check input 'environment'/);
    const rejected = explainSignInFailure({ route: 'token', accessToken: 't', tenantId: 'x', userPrincipalName: 'u@v.w' }, 'AADSTS50013: token is invalid', 'AzureCloud');
    expect(rejected.code).toBe('TokenRejected');
    expect(rejected.message).toMatch(/not for the registration service.*scope https:\/\/proxy\.cloudwebappproxy\.net\/registerapp\/user_impersonation/);
  });
  it('Newtonsoft.Json 12.0.0.0 and encryption types', () => {
    expect(explainDomainFailure('c.com', 'x', "Could not load file or assembly 'Newtonsoft.Json, Version=12.0.0.0'").code).toBe('NewtonsoftJsonLoadFailed');
    expect(explainGmsaFailure('create', 'provAgentgMSA$', 'Unable to install service account provAgentgMSA$ after 6 retries.').message).toMatch(/encryption types/);
  });
  it('versions compare numerically', () => {
    expect(compareVersions('1.1.977.0', '1.1.1365.0')).toBe(-1);
    expect(compareVersions('1.1.977', '1.1.977.0')).toBe(0);
  });
});

// A JWT built by hand here (header.payload.signature, base64url), so the reader is not checked against itself.
const jwt = (claims: Record<string, unknown>) => ['{"typ":"JWT","alg":"RS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.c2lnbmF0dXJlLWJ5dGVz';
const inAnHour = Math.floor(Date.now() / 1000) + 3600;
const REGISTRATION = 'https://proxy.cloudwebappproxy.net/registerapp';
const tokenInputs = (token: string, extra: Record<string, string> = {}) =>
  readConfigureGmsaSettings(
    inputs({ 'access-token': token, 'tenant-id': TENANT, 'user-principal-name': 'hia@contoso.onmicrosoft.com', 'domain-username': 'CONTOSO\\admin', 'domain-password': 'd', ...extra }),
  );

describe('access-token check (claims read, signature not verified)', () => {
  it('accepts a registration-service token for the tenant, with no warning', () => {
    const token = jwt({ aud: `${REGISTRATION}/`, tid: TENANT, upn: 'hia@contoso.onmicrosoft.com', exp: inAnHour });
    expect(tokenInputs(token).tenant.warnings).toEqual([]);
  });
  it.each([
    ['https://graph.microsoft.com', 'Microsoft Graph'],
    ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'],
    ['https://management.azure.com/', 'Azure Resource Manager'],
    ['api://AzureADTokenExchange', 'GitHub OIDC token'],
  ])('refuses a token for %s in one line naming the input and the audience', (aud, service) => {
    const token = jwt({ aud, tid: TENANT, exp: inAnHour });
    let message = '';
    try {
      tokenInputs(token);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Input 'access-token' is a token for /);
    expect(message).toContain(service);
    expect(message).toContain(`(audience ${aud.slice(0, 80)})`);
    expect(message).toContain('https://proxy.cloudwebappproxy.net/registerapp/user_impersonation');
    expect(message).not.toContain(token.split('.')[1]);
    expect(message.split('\n')).toHaveLength(1);
  });
  it('refuses an expired token, saying when it expired', () => {
    expect(() => tokenInputs(jwt({ aud: REGISTRATION, tid: TENANT, exp: 1700000000 }))).toThrow(/^Input 'access-token' expired at 2023-11-14T22:13:20\.000Z/);
  });
  it("refuses a token from another tenant than 'tenant-id'", () => {
    expect(() => tokenInputs(jwt({ aud: REGISTRATION, tid: '11111111-2222-4333-8444-555555555555', exp: inAnHour }))).toThrow(
      /^Input 'access-token' was issued by tenant 11111111-2222-4333-8444-555555555555, not by tenant 8f1c2e7a/,
    );
  });
  it('passes an opaque token and an unknown audience on, with a warning', () => {
    expect(tokenInputs('0123456789abcdef0123456789abcdef').tenant.warnings).toEqual([expect.stringMatching(/not a readable JWT/)]);
    expect(tokenInputs('a.b.c').tenant.warnings).toEqual([expect.stringMatching(/not a readable JWT/)]);
    expect(tokenInputs(jwt({ aud: 'https://example.contoso.com/api', exp: inAnHour })).tenant.warnings).toEqual([
      expect.stringMatching(/audience https:\/\/example\.contoso\.com\/api, not the agent registration service's.*trying it anyway/),
    ]);
  });
  it('warns that the route is documented for the public cloud only when the cloud is US Government', () => {
    const token = jwt({ aud: REGISTRATION, tid: TENANT, exp: inAnHour });
    expect(tokenInputs(token, { environment: 'AzureUSGovernment' }).tenant.warnings).toEqual([expect.stringMatching(/documented for the public cloud \(AzureCloud\) only, not AzureUSGovernment/)]);
    expect(planConfigureGmsa(tokenInputs(token, { environment: 'AzureUSGovernment' }), observed()).warnings).toContainEqual(expect.stringMatching(/public cloud/));
  });
  it('warns when the token names another user than user-principal-name', () => {
    expect(tokenInputs(jwt({ aud: REGISTRATION, upn: 'other@contoso.com', exp: inAnHour })).tenant.warnings).toEqual([expect.stringMatching(/issued to other@contoso\.com, not to hia@/)]);
  });
});

describe('Get-AADCloudSyncDomains output (shape UNDOCUMENTED)', () => {
  const read = (items: unknown, available = true) => parseAgentDomains({ available, items, error: null });
  it.each([
    [
      'strings',
      ['contoso.com', 'Fabrikam.com'],
      [
        { name: 'contoso.com', dcs: null },
        { name: 'fabrikam.com', dcs: null },
      ],
    ],
    ['objects with DomainName and DCs', [{ DomainName: 'contoso.com', PreferredDomainControllers: ['DC1.contoso.com'] }], [{ name: 'contoso.com', dcs: ['dc1.contoso.com'] }]],
    ['objects with Name', [{ Name: 'contoso.com', Status: 'Ok' }], [{ name: 'contoso.com', dcs: null }]],
    [
      'lower-case domain key, DCs as a string',
      [{ domain: 'contoso.com', domainControllers: 'dc1.contoso.com, dc2.contoso.com' }],
      [{ name: 'contoso.com', dcs: ['dc1.contoso.com', 'dc2.contoso.com'] }],
    ],
    ['one object, not an array', { DomainName: 'contoso.com' }, [{ name: 'contoso.com', dcs: null }]],
    [
      'a wrapper with a Domains list',
      [{ Domains: ['contoso.com', { DomainName: 'fabrikam.com' }] }],
      [
        { name: 'contoso.com', dcs: null },
        { name: 'fabrikam.com', dcs: null },
      ],
    ],
    ['duplicates', ['contoso.com', { DomainName: 'CONTOSO.COM' }], [{ name: 'contoso.com', dcs: null }]],
    ['nothing', [], []],
  ])('%s', (_, items, expected) => expect(read(items)).toEqual(expected));
  it('an unrecognisable shape, a missing command or a failure gives null (the record is used)', () => {
    expect(read([{ Id: 5, Enabled: true }])).toBeNull();
    expect(read(['not a domain'])).toBeNull();
    expect(read(['contoso.com'], false)).toBeNull();
    expect(parseAgentDomains(null)).toBeNull();
  });
});

describe("plan with the agent's own domain list", () => {
  const agentHas = (domains: { name: string; dcs: string[] | null }[]) => observed({ agentDomains: domains, record: null });
  it('a domain the agent lists is not added again, even without a record', () => {
    const plan = planConfigureGmsa(settings(), agentHas([{ name: 'contoso.com', dcs: null }]));
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });
  it('a domain the agent does not list is added, whatever the record says', () => {
    const plan = planConfigureGmsa(settings(), observed({ agentDomains: [] }));
    expect(plan.changes[0]).toMatch(/^add domain contoso\.com: the agent does not have it \(Get-AADCloudSyncDomains\)/);
  });
  it('DCs come from the list, else from the record; unknown DCs that the workflow sets are set', () => {
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com' }), agentHas([{ name: 'contoso.com', dcs: ['dc1.contoso.com'] }])).changes).toEqual([]);
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com' }), agentHas([{ name: 'contoso.com', dcs: ['dc2.contoso.com'] }])).changes[0]).toMatch(
      /preferred domain controllers change/,
    );
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com' }), agentHas([{ name: 'contoso.com', dcs: null }])).changes[0]).toMatch(
      /cannot be read back; setting them to dc1\.contoso\.com/,
    );
    const withRecord = observed({
      agentDomains: [{ name: 'contoso.com', dcs: null }],
      record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: ['dc1.contoso.com'], account: 'CONTOSO\\provAgentgMSA$' }] },
    });
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com' }), withRecord).changes).toEqual([]);
  });
  it('without the list it says so and uses the record', () => {
    expect(planConfigureGmsa(settings(), observed()).warnings).toEqual([expect.stringMatching(/cannot list its domains.*own record/)]);
  });
});

describe('gMSA names the agent creates', () => {
  it.each([
    ['CONTOSO\\provAgentgMSA$', true],
    ['CONTOSO\\pGMSA_e6620264$', true],
    ['pGMSA_1a2b3c4d$@contoso.com', true],
    ['CONTOSO\\pGMSA_xyz$', false],
    ['CONTOSO\\agentGmsa$', false],
    ['NT SERVICE\\AADConnectProvisioningAgent', false],
  ])('%s counts as created: %s', (account, yes) => expect(isCreatedGmsa(account)).toBe(yes));
  it('create mode is converged when the agent runs as pGMSA_<hex>$', () => {
    expect(
      planConfigureGmsa(
        settings(),
        observed({ serviceAccount: 'CONTOSO\\pGMSA_e6620264$', record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\pGMSA_e6620264$' }] } }),
      ).changes,
    ).toEqual([]);
  });
});

describe('AD permissions for a custom gMSA (Set-AADCloudSyncPermissions)', () => {
  const custom = (extra: Record<string, string> = {}) => settings({ gmsa: 'custom', 'gmsa-name': 'CONTOSO\\agentGmsa$', ...extra });
  const running = (extra: Partial<GmsaObserved> = {}) =>
    observed({ serviceAccount: 'CONTOSO\\agentGmsa$', record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\agentGmsa$' }] }, ...extra });
  it("from agent 1.1.2334.0: BasicRead and PasswordHashSync with each domain's credential", () => {
    const plan = planConfigureGmsa(custom(), running());
    expect(plan.grant).toEqual({ domains: [{ name: 'contoso.com', dcs: [] }], types: ['BasicRead', 'PasswordHashSync'], via: 'domain' });
    expect(plan.changes).toEqual([
      "grant gMSA agentGmsa$ the AD permissions BasicRead, PasswordHashSync on contoso.com (Set-AADCloudSyncPermissions with each domain's credential)",
      'restart the agent service',
    ]);
  });
  it('PasswordWriteBack too when password-writeback is true; the enterprise admin when given', () => {
    const plan = planConfigureGmsa(custom({ 'password-writeback': 'true', 'enterprise-admin-username': 'CONTOSO\\ea', 'enterprise-admin-password': 'e' }), running());
    expect(plan.grant).toMatchObject({ types: ['BasicRead', 'PasswordHashSync', 'PasswordWriteBack'], via: 'enterprise' });
  });
  it('not below 1.1.2334.0, not for a created gMSA, not when the record has them', () => {
    expect(planConfigureGmsa(custom(), running({ agentVersion: '1.1.2330.0' })).grant).toBeNull();
    expect(planConfigureGmsa(settings(), observed({ agentVersion: '1.1.2334.0' })).grant).toBeNull();
    const granted = recordWithGrants(null, 'CONTOSO\\agentGmsa$', ['contoso.com'], ['BasicRead', 'PasswordHashSync']);
    expect(planConfigureGmsa(custom(), running({ permissions: granted })).grant).toBeNull();
    expect(planConfigureGmsa(custom({ 'password-writeback': 'true' }), running({ permissions: granted })).grant?.types).toContain('PasswordWriteBack');
  });
  it('the enterprise-admin inputs belong to gmsa: custom', () => {
    expect(() => settings({ 'enterprise-admin-username': 'CONTOSO\\ea', 'enterprise-admin-password': 'e' })).toThrow(/^Input 'enterprise-admin-username' is only used with 'gmsa: custom'/);
  });
  it('the permission record survives a round trip and is reset for another account', () => {
    const r = recordWithGrants(null, 'CONTOSO\\a$', ['contoso.com'], ['BasicRead']);
    expect(parsePermissionRecord(JSON.stringify(recordWithGrants(r, 'CONTOSO\\a$', ['contoso.com'], ['PasswordHashSync'])))).toEqual({
      account: 'CONTOSO\\a$',
      grants: { 'contoso.com': ['BasicRead', 'PasswordHashSync'] },
    });
    expect(recordWithGrants(r, 'CONTOSO\\b$', ['fabrikam.com'], ['BasicRead']).grants).toEqual({ 'fabrikam.com': ['BasicRead'] });
    expect(parsePermissionRecord('{oops')).toBeNull();
  });
});

describe('Newtonsoft.Json advice', () => {
  it('is marked as public reports, not documentation', () => {
    const message = explainDomainFailure('c.com', 'x', "Could not load file or assembly 'Newtonsoft.Json, Version=12.0.0.0'").message;
    expect(message).toMatch(/Public reports \(not Microsoft documentation\)/);
    expect(message).not.toMatch(/a known agent issue/);
  });
});
