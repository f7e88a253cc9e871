/**
 * configure-gmsa against each plausible variant of what the agent does where Microsoft does not
 * document it (lab/module-variant.json, ad.json createdGmsaAccount), and against the documented
 * cmdlets the first lab did not have (Get-AADCloudSyncDomains, Set-AADCloudSyncPermissions).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import {
  AGENT_KEY,
  GRAPH_AUDIENCE,
  SECRETS,
  TENANT_ID,
  USERS,
  agentServer,
  findLeaks,
  getRegistry,
  getService,
  hostSnapshot,
  issueToken,
  labInputs,
  readAgentState,
  type LabServer,
} from './configure-gmsa-fixture.js';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const contoso = {
  'tenant-username': USERS.hia,
  'tenant-password': SECRETS.hia,
  'domain-username': 'CONTOSO\\admin',
  'domain-password': SECRETS.contoso,
};
const twoDomains = {
  ...contoso,
  'domain-credentials': JSON.stringify({ FABRIKAM: { username: 'FABRIKAM\\fabadmin', password: SECRETS.fabrikam } }),
  domains: 'contoso.com\nfabrikam.com dcs=dc1.fabrikam.com credential=FABRIKAM',
};

describeWithPwsh('configure-gmsa against the undocumented variants and the documented cmdlets', () => {
  const servers: LabServer[] = [];
  const runs: EntryRun[] = [];
  const tokens: string[] = [];
  const server = (options?: Parameters<typeof agentServer>[0]) => {
    const s = agentServer(options);
    servers.push(s);
    return s;
  };
  const run = async (s: LabServer, inputs: Record<string, string>) => {
    const r = await runEntry('configure-gmsa', labInputs(inputs), { env: s.env });
    runs.push(r);
    return r;
  };
  afterAll(() => {
    for (const s of servers) s.cleanup();
  });

  describe.each(['sign-in', 'restart'])('TenantID written at %s', (registration) => {
    // With no domain list from the agent, the action's record must also end up tied to the tenant.
    const lab = server({ variants: { registration, domainsCmdlet: 'missing' } });
    it('registers, and judges registration after the restart', async () => {
      const r = await run(lab, contoso);
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', registered: TENANT_ID, 'domains-added': 'contoso.com' });
      expect(getRegistry(lab.root, AGENT_KEY, 'TenantID')).toBe(TENANT_ID);
      const events = readFileSync(path.join(lab.root, 'lab', 'events.log'), 'utf8');
      const registeredAt = events.indexOf(`agent registered to tenant ${TENANT_ID}`);
      const restartedAt = events.lastIndexOf('service AADConnectProvisioningAgent started');
      expect(registeredAt).toBeGreaterThan(-1);
      // The variant really plays: at sign-in the registry has TenantID before the restart, else only after it.
      if (registration === 'restart') expect(registeredAt).toBeGreaterThan(restartedAt);
      else expect(registeredAt).toBeLessThan(restartedAt);
    });
    it('a re-run changes nothing', async () => {
      const before = hostSnapshot(lab.root);
      const r = await run(lab, contoso);
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'false', registered: TENANT_ID, domains: 'contoso.com' });
      expect(hostSnapshot(lab.root)).toEqual(before);
    });
  });

  it('fails in one line when no registration shows even after the restart', async () => {
    const lab = server({ variants: { registration: 'never' } });
    const r = await run(lab, contoso);
    expect(r.code).not.toBe(0);
    expect(errorLines(r)).toEqual([expect.stringMatching(/^The server shows no tenant registration .* after sign-in and the agent's restart.*Done: .*agent restarted\.$/)]);
  });

  describe('the agent names the gMSA it creates pGMSA_<hex>$', () => {
    const lab = server({ ad: { createdGmsaAccount: 'pGMSA_1a2b3c4d$' } });
    it('accepts that name as the created gMSA', async () => {
      const r = await run(lab, contoso);
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', gmsa: 'CONTOSO\\pGMSA_1a2b3c4d$' });
      expect(getService(lab.root, 'AADConnectProvisioningAgent').StartName).toBe('CONTOSO\\pGMSA_1a2b3c4d$');
    });
    it('and a re-run does not try to create provAgentgMSA$ again', async () => {
      const r = await run(lab, contoso);
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'false', gmsa: 'CONTOSO\\pGMSA_1a2b3c4d$' });
    });
  });

  describe.each(['objects', 'strings', 'hashtables', 'missing', 'needs-sign-in'])('Get-AADCloudSyncDomains plays %s', (domainsCmdlet) => {
    const lab = server({ registered: true, variants: { domainsCmdlet } });
    const listed = ['objects', 'strings', 'hashtables'].includes(domainsCmdlet);
    it('a domain the agent already has (added by the wizard) is added again only when the agent cannot list it', async () => {
      // As if the wizard had added contoso.com: the agent has it, this action has no record of it.
      writeFileSync(path.join(lab.root, 'lab', 'agent-state.json'), JSON.stringify({ domains: [{ name: 'contoso.com', dcs: [], account: 'NT SERVICE\\AADConnectProvisioningAgent' }] }));
      const r = await run(lab, { ...twoDomains, gmsa: 'keep' });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs['domains-added']).toBe(listed ? 'fabrikam.com' : 'contoso.com,fabrikam.com');
      expect(r.outputs.domains).toBe('contoso.com,fabrikam.com');
      if (!listed) expect(r.stdout).toMatch(/cannot list its domains here/);
    });
    it('a re-run changes nothing', async () => {
      const r = await run(lab, { ...twoDomains, gmsa: 'keep' });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'false', 'domains-added': '', domains: 'contoso.com,fabrikam.com' });
    });
  });

  describe('custom gMSA on agent 1.1.2505.0 (1.1.2334.0+: Set-AADCloudSyncPermissions)', () => {
    const custom = { ...twoDomains, gmsa: 'custom', 'gmsa-name': 'CONTOSO\\agentGmsa$' };
    const lab = server();
    it('plan mode lists the grants and changes nothing', async () => {
      const before = hostSnapshot(lab.root);
      const r = await run(lab, { ...custom, 'dry-run': 'true' });
      expect(errorLines(r)).toEqual([]);
      expect(r.stdout).toContain("Would grant gMSA agentGmsa$ the AD permissions BasicRead, PasswordHashSync on contoso.com, fabrikam.com (Set-AADCloudSyncPermissions with each domain's credential)");
      expect(hostSnapshot(lab.root)).toEqual(before);
    });
    it("grants BasicRead and PasswordHashSync per domain with each domain's credential", async () => {
      const r = await run(lab, custom);
      expect(errorLines(r)).toEqual([]);
      expect(readAgentState(lab.root).permissions).toEqual([
        { account: 'CONTOSO\\agentGmsa$', domain: 'contoso.com', type: 'BasicRead', by: 'CONTOSO\\admin' },
        { account: 'CONTOSO\\agentGmsa$', domain: 'contoso.com', type: 'PasswordHashSync', by: 'CONTOSO\\admin' },
        { account: 'CONTOSO\\agentGmsa$', domain: 'fabrikam.com', type: 'BasicRead', by: 'FABRIKAM\\fabadmin' },
        { account: 'CONTOSO\\agentGmsa$', domain: 'fabrikam.com', type: 'PasswordHashSync', by: 'FABRIKAM\\fabadmin' },
      ]);
    });
    it('a re-run grants nothing', async () => {
      const r = await run(lab, custom);
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs.changed).toBe('false');
    });
    it('password-writeback: true adds PasswordWriteBack, through the enterprise admin when given', async () => {
      const r = await run(lab, { ...custom, 'password-writeback': 'true', 'enterprise-admin-username': 'eaadmin@contoso.com', 'enterprise-admin-password': SECRETS.enterprise });
      expect(errorLines(r)).toEqual([]);
      const writeback = readAgentState(lab.root).permissions.filter((p: { type: string }) => p.type === 'PasswordWriteBack');
      expect(writeback).toEqual([
        { account: 'CONTOSO\\agentGmsa$', domain: 'contoso.com', type: 'PasswordWriteBack', by: 'eaadmin@contoso.com' },
        { account: 'CONTOSO\\agentGmsa$', domain: 'fabrikam.com', type: 'PasswordWriteBack', by: 'eaadmin@contoso.com' },
      ]);
    });
    it('a wrong enterprise admin password fails in one line naming the inputs', async () => {
      const other = server();
      const r = await run(other, { ...custom, 'enterprise-admin-username': 'eaadmin@contoso.com', 'enterprise-admin-password': SECRETS.contoso });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual([
        expect.stringMatching(
          /^Granting gMSA CONTOSO\\agentGmsa\$ its AD permissions on contoso\.com, fabrikam\.com was refused: 'enterprise-admin-username'\/'enterprise-admin-password' must be an enterprise admin.*Done before this failure: .*domain fabrikam\.com added\.$/,
        ),
      ]);
      expect(readAgentState(other.root).permissions).toBeUndefined();
    });
  });

  it.each([
    ['custom gMSA on 1.1.2300.0', '1.1.2300.0', { gmsa: 'custom', 'gmsa-name': 'CONTOSO\\agentGmsa$' }],
    ['created gMSA on 1.1.2505.0', '1.1.2505.0', {}],
  ])('%s: no Set-AADCloudSyncPermissions (Add-AADCloudSyncADDomain grants the rights)', async (_, version, extra) => {
    const lab = server({ version });
    const r = await run(lab, { ...contoso, ...extra });
    expect(errorLines(r)).toEqual([]);
    expect(r.outputs.changed).toBe('true');
    expect(readAgentState(lab.root).permissions).toBeUndefined();
    expect(r.stdout).not.toContain('Set-AADCloudSyncPermissions');
  });

  describe('access-token', () => {
    const base = { 'tenant-id': TENANT_ID, 'user-principal-name': USERS.hia, 'domain-username': 'CONTOSO\\admin', 'domain-password': SECRETS.contoso, gmsa: 'keep' };
    it('a JWT for the registration service registers the agent where MFA is enforced', async () => {
      const lab = server({ mfaRequired: true });
      const token = issueToken(lab.root, { upn: USERS.hia, tenantId: TENANT_ID });
      tokens.push(token, token.split('.')[2]);
      const r = await run(lab, { ...base, 'access-token': token });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', registered: TENANT_ID });
    });
    it('a Microsoft Graph token is refused before PowerShell starts, naming the input and its audience', async () => {
      const lab = server();
      const token = issueToken(lab.root, { upn: USERS.hia, tenantId: TENANT_ID, audience: GRAPH_AUDIENCE });
      tokens.push(token, token.split('.')[2]);
      const before = hostSnapshot(lab.root);
      const r = await run(lab, { ...base, 'access-token': token });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual([
        expect.stringMatching(/^Input 'access-token' is a token for Microsoft Graph \(audience https:\/\/graph\.microsoft\.com\), not for the agent registration service/),
      ]);
      expect(hostSnapshot(lab.root)).toEqual(before);
    });
    it('an expired token is refused, saying when it expired', async () => {
      const lab = server();
      const token = issueToken(lab.root, { upn: USERS.hia, tenantId: TENANT_ID, expiresInSeconds: -600 });
      tokens.push(token, token.split('.')[2]);
      const r = await run(lab, { ...base, 'access-token': token });
      expect(errorLines(r)).toEqual([expect.stringMatching(/^Input 'access-token' expired at \d{4}-\d\d-\d\dT/)]);
    });
    it('the lab module itself refuses an opaque token issued for Microsoft Graph (the action cannot read it)', async () => {
      const lab = server();
      const token = issueToken(lab.root, { upn: USERS.hia, tenantId: TENANT_ID, audience: GRAPH_AUDIENCE, jwt: false });
      tokens.push(token);
      const before = hostSnapshot(lab.root);
      const r = await run(lab, { ...base, 'access-token': token });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toMatch(/not a readable JWT/);
      expect(errorLines(r)).toEqual([
        expect.stringMatching(
          /^Sign-in with 'access-token' failed: the token was rejected .*audience 'https:\/\/graph\.microsoft\.com' is not accepted by the registration service.*Nothing was changed\.$/,
        ),
      ]);
      expect(hostSnapshot(lab.root)).toEqual(before);
    });
    it('US Government: warns that the route is documented for the public cloud only', async () => {
      const lab = server({ tenant: { environment: 'AzureUSGovernment' } });
      const token = issueToken(lab.root, { upn: USERS.hia, tenantId: TENANT_ID });
      tokens.push(token, token.split('.')[2]);
      const r = await run(lab, { ...base, 'access-token': token, environment: 'AzureUSGovernment', 'dry-run': 'true' });
      expect(errorLines(r)).toEqual([]);
      expect(r.stdout).toMatch(/::warning::.*documented for the public cloud \(AzureCloud\) only, not AzureUSGovernment/);
    });
  });

  it('no token, password or enterprise admin secret appears in any log, output, summary or file', () => {
    expect(tokens.length).toBeGreaterThan(0);
    expect(
      findLeaks(
        runs,
        servers.map((s) => s.root),
        [...Object.values(SECRETS), ...tokens],
      ),
    ).toEqual([]);
  });
});
