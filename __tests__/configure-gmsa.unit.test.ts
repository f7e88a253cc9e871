import { describe, expect, it } from 'vitest';
import { parseDomains, sameDcs } from '../src/steps/configure-gmsa/domains.js';
import { explainDomainFailure, explainGmsaFailure } from '../src/steps/configure-gmsa/explain.js';
import { isAccount, normaliseGmsaName } from '../src/steps/configure-gmsa/gmsa-name.js';
import { parseRecord, planConfigureGmsa, type GmsaObserved } from '../src/steps/configure-gmsa/plan.js';
import { parseDomainCredentials, readConfigureGmsaSettings } from '../src/steps/configure-gmsa/settings.js';
import { explainSignInFailure } from '../src/steps/shared-tenant/sign-in-failure.js';
import { compareVersions } from '../src/steps/shared-tenant/versions.js';
import { Inputs } from '../src/shared/inputs.js';

const TENANT = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
const inputs = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
const base = { 'tenant-username': 'hia@contoso.onmicrosoft.com', 'tenant-password': 'p', 'domain-username': 'CONTOSO\\admin', 'domain-password': 'd' };
const settings = (extra: Record<string, string> = {}) => readConfigureGmsaSettings(inputs({ ...base, ...extra }));
const observed = (extra: Partial<GmsaObserved> = {}): GmsaObserved => ({
  agentVersion: '1.1.2505.0', tenantId: TENANT, serviceAccount: 'CONTOSO\\provAgentgMSA$', computerDomain: 'contoso.com',
  record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' }] },
  agentDomains: null, permissions: null, kds: { checked: true, keys: 1, effective: 1, nextEffective: null, error: null }, ...extra,
});

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
    expect(explainSignInFailure({ route: 'token', accessToken: 't', tenantId: 'x', userPrincipalName: 'u@v.w' }, 'AADSTS50013: token is invalid', 'AzureCloud').code).toBe('TokenRejected');
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
