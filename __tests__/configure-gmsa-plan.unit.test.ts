// configure-gmsa's pure plan: the exact list of changes for each observed state, the failures that stop
// the run (with their codes), and the action's own records of domains and permissions.
import { describe, expect, it } from 'vitest';
import { StepError } from '../src/shared/errors.js';
import { parsePermissionRecord, parseRecord, planConfigureGmsa, recordWithDomain, wantedDomains } from '../src/steps/configure-gmsa/plan.js';
import { TENANT, observed, settings } from './helpers/configure-gmsa-unit.js';

const OTHER = '11111111-2222-4333-8444-555555555555';
const NO_LIST = "The agent cannot list its domains here (Get-AADCloudSyncDomains missing or unreadable): judging by this action's own record instead.";
const stepError = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StepError);
    return { message: (error as StepError).message, code: (error as StepError).code };
  }
  return { message: 'no error', code: '' };
};

describe('the domains to configure', () => {
  it("is the server's own domain, lower case, when none is listed", () => {
    expect(wantedDomains(settings(), 'Contoso.COM')).toEqual([{ name: 'contoso.com', dcs: [] }]);
  });
  it.each([null, 'WORKGROUP'])('fails on a server outside a domain (%s) when none is listed', (computerDomain) => {
    expect(stepError(() => wantedDomains(settings(), computerDomain))).toEqual({
      message: "This server is not joined to an Active Directory domain and input 'domains' is empty: list the domains the agent should sync.",
      code: 'NoDomain',
    });
  });
});

describe('the plan', () => {
  it('a fresh server: every change, in order', () => {
    const plan = planConfigureGmsa(settings(), observed({ tenantId: null, serviceAccount: null, record: null }));
    expect(plan.changes).toEqual([
      'register the agent with the tenant',
      'create gMSA provAgentgMSA$ and run the agent as it (now: unknown)',
      'add domain contoso.com: not configured by this action yet',
      'restart the agent service',
    ]);
    expect(plan.warnings).toEqual([NO_LIST]);
  });

  it('another tenant: re-register, naming both tenants', () => {
    const plan = planConfigureGmsa(settings({ 'tenant-id': OTHER }), observed());
    expect(plan.changes).toEqual([
      `re-register the agent: it is registered to tenant ${TENANT}, not ${OTHER}`,
      'add domain contoso.com: not configured by this action yet',
      'restart the agent service',
    ]);
  });

  it('the same tenant written in another case is not a change', () => {
    expect(
      planConfigureGmsa(
        settings({ 'tenant-id': TENANT }),
        observed({ tenantId: TENANT.toUpperCase(), record: { tenantId: TENANT.toUpperCase(), domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' }] } }),
      ).changes,
    ).toEqual([]);
  });

  it('a record of another tenant does not count: the domain is added again', () => {
    const plan = planConfigureGmsa(settings(), observed({ record: { tenantId: OTHER, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' }] } }));
    expect(plan.changes).toEqual(['add domain contoso.com: not configured by this action yet', 'restart the agent service']);
    expect(plan.baseRecord).toEqual({ tenantId: null, domains: [] });
  });

  it('a record of another domain does not count for this one', () => {
    const plan = planConfigureGmsa(settings(), observed({ record: { tenantId: TENANT, domains: [{ name: 'fabrikam.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' }] } }));
    expect(plan.changes).toEqual(['add domain contoso.com: not configured by this action yet', 'restart the agent service']);
  });

  it('creating a gMSA: the version gate, with its code', () => {
    expect(stepError(() => planConfigureGmsa(settings(), observed({ agentVersion: '1.1.200.0', serviceAccount: 'NT SERVICE\\x' })))).toEqual({
      message: 'Creating a gMSA needs agent 1.1.281.0 or later; this server has 1.1.200.0: upgrade the agent first.',
      code: 'AgentTooOld',
    });
  });

  it('a custom gMSA: the version gate, with its code', () => {
    expect(stepError(() => planConfigureGmsa(settings({ gmsa: 'custom', 'gmsa-name': 'x' }), observed({ agentVersion: '1.1.300.0' })))).toEqual({
      message: 'A custom gMSA needs agent 1.1.354.0 or later; this server has 1.1.300.0: upgrade the agent first.',
      code: 'AgentTooOld',
    });
  });

  it('a KDS root key that could not be checked: a warning naming why, and the gMSA is created', () => {
    const plan = planConfigureGmsa(settings(), observed({ serviceAccount: 'NT SERVICE\\x', kds: { checked: false, keys: 0, effective: 0, nextEffective: null, error: 'access denied' } }));
    expect(plan.warnings).toEqual(["Could not check for a KDS root key (access denied); if creating the gMSA fails with 'Key does not exist', the forest needs one.", NO_LIST]);
    expect(plan.gmsa).toBe('create');
    expect(planConfigureGmsa(settings(), observed({ serviceAccount: 'NT SERVICE\\x', kds: null })).warnings[0]).toBe(
      "Could not check for a KDS root key (not checked); if creating the gMSA fails with 'Key does not exist', the forest needs one.",
    );
  });

  it('no KDS root key: the failure and its code, or the key created when allowed', () => {
    const none = observed({ serviceAccount: 'NT SERVICE\\x', kds: { checked: true, keys: 0, effective: 0, nextEffective: null, error: null } });
    expect(stepError(() => planConfigureGmsa(settings(), none)).code).toBe('KdsRootKeyMissing');
    expect(planConfigureGmsa(settings({ 'create-kds-root-key': 'true' }), none).changes).toEqual([
      'create a KDS root key in the forest (effective at once; forest-wide)',
      'create gMSA provAgentgMSA$ and run the agent as it (now: NT SERVICE\\x)',
      'add domain contoso.com: the service account changes',
      'restart the agent service',
    ]);
  });

  it('a KDS root key not yet effective: the failure names the time, with its code', () => {
    const pending = observed({ serviceAccount: 'NT SERVICE\\x', kds: { checked: true, keys: 1, effective: 0, nextEffective: '2030-01-01 00:00 UTC', error: null } });
    expect(stepError(() => planConfigureGmsa(settings(), pending))).toEqual({
      message:
        "The forest's KDS root key is not effective until 2030-01-01 00:00 UTC (new keys wait up to 10 hours for replication), so the gMSA cannot be created yet: re-run after that time, or use 'gmsa: custom' with a pre-created gMSA.",
      code: 'KdsRootKeyNotEffective',
    });
  });

  it('a custom gMSA: the change names its domain when given, and the current account', () => {
    expect(planConfigureGmsa(settings({ gmsa: 'custom', 'gmsa-name': 'CONTOSO\\agentGmsa$' }), observed({ agentVersion: '1.1.2000.0' })).changes[0]).toBe(
      'run the agent as gMSA CONTOSO\\agentGmsa$ (now: CONTOSO\\provAgentgMSA$)',
    );
    expect(planConfigureGmsa(settings({ gmsa: 'custom', 'gmsa-name': 'agentGmsa' }), observed({ agentVersion: '1.1.2000.0', serviceAccount: null })).changes[0]).toBe(
      'run the agent as gMSA agentGmsa$ (now: unknown)',
    );
  });

  it('keep mode with no known account: an entry with no account is not a change', () => {
    const plan = planConfigureGmsa(settings({ gmsa: 'keep' }), observed({ serviceAccount: null, record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: null }] } }));
    expect(plan.changes).toEqual([]);
  });

  it('a domain added for another account is added again, naming that account', () => {
    const plan = planConfigureGmsa(settings(), observed({ record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: [], account: 'CONTOSO\\old$' }] } }));
    expect(plan.changes).toEqual(['add domain contoso.com: it was added for account CONTOSO\\old$', 'restart the agent service']);
  });

  it('changed preferred DCs, per the record: the change lists them all', () => {
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com,dc2.contoso.com' }), observed()).changes[0]).toBe(
      'add domain contoso.com (dcs dc1.contoso.com,dc2.contoso.com): preferred domain controllers change to dc1.contoso.com,dc2.contoso.com',
    );
    const pinned = observed({ record: { tenantId: TENANT, domains: [{ name: 'contoso.com', dcs: ['dc1.contoso.com'], account: 'CONTOSO\\provAgentgMSA$' }] } });
    expect(planConfigureGmsa(settings(), pinned).changes[0]).toBe('add domain contoso.com: preferred domain controllers change to (any)');
  });

  it("changed preferred DCs, per the agent's list", () => {
    const listed = (dcs: string[] | null) => observed({ agentDomains: [{ name: 'contoso.com', dcs }], record: null });
    expect(planConfigureGmsa(settings(), listed(['dc1.contoso.com'])).changes[0]).toBe('add domain contoso.com: preferred domain controllers change to (any)');
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com,dc2.contoso.com' }), listed(['dc3.contoso.com'])).changes[0]).toBe(
      'add domain contoso.com (dcs dc1.contoso.com,dc2.contoso.com): preferred domain controllers change to dc1.contoso.com,dc2.contoso.com',
    );
    expect(planConfigureGmsa(settings({ domains: 'contoso.com dcs=dc1.contoso.com,dc2.contoso.com' }), listed(null)).changes[0]).toBe(
      'add domain contoso.com (dcs dc1.contoso.com,dc2.contoso.com): its preferred domain controllers cannot be read back; setting them to dc1.contoso.com,dc2.contoso.com',
    );
  });

  it('a domain the agent does not list is added, though it lists another one', () => {
    const plan = planConfigureGmsa(settings(), observed({ agentDomains: [{ name: 'fabrikam.com', dcs: null }] }));
    expect(plan.changes).toEqual(['add domain contoso.com: the agent does not have it (Get-AADCloudSyncDomains)', 'restart the agent service']);
  });
});

describe('AD permissions for a custom gMSA', () => {
  const custom = (extra: Record<string, string> = {}) => settings({ gmsa: 'custom', 'gmsa-name': 'CONTOSO\\agentGmsa$', ...extra });
  const running = { tenantId: TENANT, domains: ['contoso.com', 'fabrikam.com'].map((name) => ({ name, dcs: [], account: 'CONTOSO\\agentGmsa$' })) };

  it('the enterprise admin grants them on every domain in one call', () => {
    const plan = planConfigureGmsa(
      custom({ domains: 'contoso.com\nfabrikam.com', 'enterprise-admin-username': 'CONTOSO\\ea', 'enterprise-admin-password': 'e' }),
      observed({ serviceAccount: 'CONTOSO\\agentGmsa$', record: running }),
    );
    expect(plan.changes).toEqual([
      'grant gMSA agentGmsa$ the AD permissions BasicRead, PasswordHashSync on contoso.com, fabrikam.com (Set-AADCloudSyncPermissions as enterprise admin CONTOSO\\ea)',
      'restart the agent service',
    ]);
  });

  it('a record of the same account does not count while the account changes to it', () => {
    const granted = { account: 'CONTOSO\\agentGmsa$', grants: { 'contoso.com': ['BasicRead', 'PasswordHashSync'] } };
    const plan = planConfigureGmsa(custom(), observed({ serviceAccount: 'NT SERVICE\\x', permissions: granted }));
    expect(plan.grant).toEqual({ domains: [{ name: 'contoso.com', dcs: [] }], types: ['BasicRead', 'PasswordHashSync'], via: 'domain' });
  });
});

describe("the action's records", () => {
  it('a permission record keeps the lists of each domain (lower case) and drops anything else', () => {
    expect(parsePermissionRecord('{"account": "CONTOSO\\\\a$", "grants": {"Contoso.com": ["BasicRead", 5], "fabrikam.com": "BasicRead"}}')).toEqual({
      account: 'CONTOSO\\a$',
      grants: { 'contoso.com': ['BasicRead', '5'] },
    });
  });
  it.each(['', '{"grants": {}}', '{"account": "a$"}', '{"account": "a$", "grants": "BasicRead"}', 'null'])('an unusable permission record %j counts as none', (text) => {
    expect(parsePermissionRecord(text)).toBeNull();
  });

  it('a domain record replaces the entry of the same domain, keeps the others and their order', () => {
    const record = {
      tenantId: TENANT,
      domains: [
        { name: 'contoso.com', dcs: [], account: 'CONTOSO\\old$' },
        { name: 'fabrikam.com', dcs: [], account: 'CONTOSO\\old$' },
      ],
    };
    expect(recordWithDomain(record, TENANT, { name: 'contoso.com', dcs: ['dc1.contoso.com'] }, 'CONTOSO\\new$')).toEqual({
      tenantId: TENANT,
      domains: [
        { name: 'fabrikam.com', dcs: [], account: 'CONTOSO\\old$' },
        { name: 'contoso.com', dcs: ['dc1.contoso.com'], account: 'CONTOSO\\new$' },
      ],
    });
  });

  it('a stored domain record is read leniently: names lower case, bad entries dropped, missing fields empty', () => {
    const text = JSON.stringify({
      tenantId: TENANT,
      domains: [{ name: 'Contoso.COM', dcs: ['dc1.contoso.com', 7], account: 'CONTOSO\\a$' }, { name: 5 }, null, { name: 'fabrikam.com', dcs: 'dc1', account: 3 }],
    });
    expect(parseRecord(text)).toEqual({
      tenantId: TENANT,
      domains: [
        { name: 'contoso.com', dcs: ['dc1.contoso.com', '7'], account: 'CONTOSO\\a$' },
        { name: 'fabrikam.com', dcs: [], account: null },
      ],
    });
    expect(parseRecord('{"tenantId": 5, "domains": []}')).toEqual({ tenantId: null, domains: [] });
    expect(parseRecord('{"domains": "contoso.com"}')).toBeNull();
    expect(parseRecord(null)).toBeNull();
  });
});
