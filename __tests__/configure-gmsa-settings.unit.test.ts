// configure-gmsa inputs: the domain-credentials JSON, the gMSA mode rules and which credential each
// domain needs, each refused in one line naming the input.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { credentialFor, parseDomainCredentials, readConfigureGmsaSettings } from '../src/steps/configure-gmsa/settings.js';

const inputs = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
const signIn = { 'tenant-username': 'hia@contoso.onmicrosoft.com', 'tenant-password': 'p' };
const domainAdmin = { 'domain-username': 'CONTOSO\\admin', 'domain-password': 'd' };
const FAB = '{"FAB": {"username": "FABRIKAM\\\\admin", "password": "f"}}';
const read = (values: Record<string, string>) => readConfigureGmsaSettings(inputs({ ...signIn, ...values }));
const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('domain-credentials', () => {
  it('reads named credentials, keys upper-case', () => {
    expect(parseDomainCredentials('{"fab": {"username": "FABRIKAM\\\\admin", "password": "f"}, "Corp.EU-1": {"username": "admin@corp.eu", "password": "c"}}')).toEqual({
      FAB: { username: 'FABRIKAM\\admin', password: 'f' },
      'CORP.EU-1': { username: 'admin@corp.eu', password: 'c' },
    });
    expect(parseDomainCredentials(undefined)).toEqual({});
  });

  it('refuses text that is not JSON, naming the input (domain-credentials unless told otherwise)', () => {
    expect(failure(() => parseDomainCredentials('{oops'))).toBe(
      'Input \'domain-credentials\' must be JSON like {"FABRIKAM": {"username": "FABRIKAM\\\\admin", "password": "..."}} (it did not parse).',
    );
  });

  it.each(['[]', '"FAB"', '5', 'null'])('refuses %s: not an object of credentials', (text) => {
    expect(failure(() => parseDomainCredentials(text))).toBe("Input 'domain-credentials' must be a JSON object of named credentials.");
  });

  it.each([
    ['bad name', "'bad name'"],
    ['-FAB', "'-FAB'"],
    ['FAB!', "'FAB!'"],
    ['A'.repeat(65), `'${'A'.repeat(30)}'`],
  ])('refuses the credential name %s', (name, shown) => {
    expect(failure(() => parseDomainCredentials(JSON.stringify({ [name]: { username: 'FAB\\a', password: 'x' } })))).toBe(
      `Input 'domain-credentials' has a credential name that is not letters, digits, '_', '.', '-': ${shown}.`,
    );
  });

  it('accepts a name of 64 characters', () => {
    expect(Object.keys(parseDomainCredentials(JSON.stringify({ ['A'.repeat(64)]: { username: 'FAB\\a', password: 'x' } })))).toEqual(['A'.repeat(64)]);
  });

  it.each([{ username: 'FAB\\a' }, { username: 'FAB\\a', password: '' }, { password: 'x' }, 'FAB\\a', null])('refuses the credential %j', (value) => {
    expect(failure(() => parseDomainCredentials(JSON.stringify({ FAB: value })))).toBe(`Input 'domain-credentials' credential 'FAB' needs a "username" and a non-empty "password".`);
  });

  it.each(['admin', 'FAB\\a b', 'a b\\c', 'a\\b\\c', 'a@b@c', 'ad min@fabrikam.com'])('refuses the user name %s', (username) => {
    expect(failure(() => parseDomainCredentials(JSON.stringify({ FAB: { username, password: 'x' } })))).toBe(
      "Input 'domain-credentials' credential 'FAB' needs a username like 'FABRIKAM\\admin' or 'admin@fabrikam.com'.",
    );
  });

  it.each(['FABRIKAM\\admin', 'admin@fabrikam.com', 'a@b'])('accepts the user name %s', (username) => {
    expect(parseDomainCredentials(JSON.stringify({ FAB: { username, password: 'x' } }))).toEqual({ FAB: { username, password: 'x' } });
  });

  it('refuses a name given twice in another case', () => {
    expect(failure(() => parseDomainCredentials('{"fab": {"username": "F\\\\a", "password": "x"}, "FAB": {"username": "F\\\\b", "password": "y"}}'))).toBe(
      "Input 'domain-credentials' names credential 'FAB' twice (names are case-insensitive).",
    );
  });
});

describe('configure-gmsa inputs', () => {
  it('create mode: the default gMSA, the domain admin, the defaults', () => {
    expect(read(domainAdmin)).toEqual({
      tenant: { environment: 'AzureCloud', installDir: undefined, tenantId: undefined, warnings: [], signIn: { route: 'credential', username: 'hia@contoso.onmicrosoft.com', password: 'p' } },
      gmsa: 'create',
      gmsaName: { account: 'provAgentgMSA$' },
      domainCredential: { username: 'CONTOSO\\admin', password: 'd' },
      domainCredentials: {},
      domains: [],
      createKdsRootKey: false,
      restartTimeoutSeconds: 120,
      enterpriseAdmin: undefined,
      passwordWriteback: false,
    });
  });

  it('custom mode: named credentials per domain, the enterprise admin, the other inputs', () => {
    const s = read({
      gmsa: 'custom',
      'gmsa-name': 'CONTOSO\\agentGmsa',
      'domain-credentials': FAB,
      domains: 'fabrikam.com credential=FAB',
      'enterprise-admin-username': 'CONTOSO\\ea',
      'enterprise-admin-password': 'e',
      'create-kds-root-key': 'true',
      'restart-timeout-seconds': '600',
      'password-writeback': 'TRUE',
    });
    expect(s).toMatchObject({
      gmsa: 'custom',
      gmsaName: { account: 'agentGmsa$', domain: 'CONTOSO' },
      domainCredential: undefined,
      domainCredentials: { FAB: { username: 'FABRIKAM\\admin', password: 'f' } },
      domains: [{ name: 'fabrikam.com', dcs: [], credential: 'FAB' }],
      createKdsRootKey: true,
      restartTimeoutSeconds: 600,
      enterpriseAdmin: { username: 'CONTOSO\\ea', password: 'e' },
      passwordWriteback: true,
    });
  });

  it('keep mode names no gMSA and needs no domain admin when every domain has its credential', () => {
    const s = read({ gmsa: 'keep', 'domain-credentials': FAB, domains: 'fabrikam.com credential=FAB' });
    expect(s.gmsa).toBe('keep');
    expect(s.gmsaName).toBeUndefined();
    expect(s.domainCredential).toBeUndefined();
  });

  it.each([
    [{ ...domainAdmin, 'gmsa-name': 'agentGmsa' }, "Input 'gmsa-name' is only used with 'gmsa: custom' ('create' always creates provAgentgMSA$)."],
    [{ ...domainAdmin, gmsa: 'keep', 'gmsa-name': 'agentGmsa' }, "Input 'gmsa-name' is only used with 'gmsa: custom' ('keep' leaves the account as it is)."],
    [{}, "Input 'domain-username' and 'domain-password' (a domain administrator) are required with 'gmsa: create'."],
    [{ 'domain-credentials': FAB, domains: 'fabrikam.com credential=FAB' }, "Input 'domain-username' and 'domain-password' (a domain administrator) are required with 'gmsa: create'."],
    [{ gmsa: 'keep', domains: 'fabrikam.com' }, "Input 'domain-username' and 'domain-password' are required for domain 'fabrikam.com' (or give it credential=NAME)."],
    [{ gmsa: 'keep' }, "Input 'domain-username' and 'domain-password' are required to add the server's own domain (or list domains with their credentials in 'domains')."],
    [{ ...domainAdmin, domains: 'fabrikam.com credential=FAB' }, "Input 'domains' domain 'fabrikam.com' names credential 'FAB', which 'domain-credentials' does not hold."],
    [{ 'domain-username': 'admin', 'domain-password': 'd' }, "Input 'domain-username' must be a domain account such as 'CONTOSO\\admin' or 'admin@contoso.com'; got 'admin'."],
    [
      { ...domainAdmin, gmsa: 'custom', 'gmsa-name': 'x', 'enterprise-admin-username': 'ea', 'enterprise-admin-password': 'e' },
      "Input 'enterprise-admin-username' must be an enterprise administrator such as 'CONTOSO\\admin' or 'admin@contoso.com'; got 'ea'.",
    ],
  ])('refuses %j in one line naming the input', (values, expected) => {
    expect(failure(() => read(values))).toBe(expected);
  });

  it('needs a sign-in route', () => {
    expect(failure(() => readConfigureGmsaSettings(inputs(domainAdmin)))).toBe(
      "Input 'tenant-username' and 'tenant-password' (or 'access-token' with 'tenant-id' and 'user-principal-name') are required: configuring the agent signs in to the tenant.",
    );
  });
});

describe('the credential for a domain', () => {
  it('is the named one, else the domain admin; none is an error naming the domain', () => {
    const s = read({ ...domainAdmin, 'domain-credentials': FAB });
    expect(credentialFor(s, { name: 'fabrikam.com', dcs: [], credential: 'FAB' })).toEqual({ username: 'FABRIKAM\\admin', password: 'f' });
    expect(credentialFor(s, { name: 'contoso.com', dcs: [] })).toEqual({ username: 'CONTOSO\\admin', password: 'd' });
    expect(failure(() => credentialFor({ ...s, domainCredential: undefined }, { name: 'contoso.com', dcs: [] }))).toBe("Input 'domains' domain 'contoso.com' has no credential.");
  });
});
