import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import {
  AGENT_KEY,
  OTHER_TENANT_ID,
  SECRETS,
  TENANT_ID,
  USERS,
  agentServer,
  findLeaks,
  getRegistry,
  getService,
  hostSnapshot,
  labInputs,
  readAgentState,
  readLabJson,
  type LabServer,
} from './configure-gmsa-fixture.js';

const twoDomains = {
  'tenant-username': USERS.hia,
  'tenant-password': SECRETS.hia,
  'domain-username': 'CONTOSO\\admin',
  'domain-password': SECRETS.contoso,
  'domain-credentials': JSON.stringify({ FABRIKAM: { username: 'FABRIKAM\\fabadmin', password: SECRETS.fabrikam } }),
  domains: 'contoso.com\nfabrikam.com dcs=dc1.fabrikam.com,dc2.fabrikam.com credential=FABRIKAM  # second forest domain',
};

describeWithPwsh(
  'configure-gmsa on the lab host',
  () => {
    const servers: LabServer[] = [];
    const runs: EntryRun[] = [];
    const server = (options?: Parameters<typeof agentServer>[0]) => {
      const s = agentServer(options);
      servers.push(s);
      return s;
    };
    const run = async (s: LabServer, inputs: Record<string, string>) => {
      const r = await runEntry('configure-gmsa', labInputs(inputs), { env: s.env });
      runs.push(r);
      // Every test that runs the step checks its own run (a test run alone with -t included).
      expect(findLeaks([r], [s.root], Object.values(SECRETS))).toEqual([]);
      return r;
    };
    afterAll(() => {
      for (const s of servers) s.cleanup();
    });

    // Each test here builds on the one before: in order.
    describe.sequential('credential sign-in, created gMSA, two domains with different credentials', () => {
      const lab = server();
      let first: EntryRun;

      it('registers the agent, creates provAgentgMSA$, adds both domains and restarts the agent', async () => {
        first = await run(lab, twoDomains);
        expect(errorLines(first)).toEqual([]);
        expect(first.code).toBe(0);
        expect(first.outputs).toMatchObject({
          changed: 'true',
          gmsa: 'CONTOSO\\provAgentgMSA$',
          domains: 'contoso.com,fabrikam.com',
          'domains-added': 'contoso.com,fabrikam.com',
          registered: TENANT_ID,
        });
        expect(getRegistry(lab.root, AGENT_KEY, 'TenantID')).toBe(TENANT_ID);
        const service = getService(lab.root, 'AADConnectProvisioningAgent');
        expect(service).toMatchObject({ StartName: 'CONTOSO\\provAgentgMSA$', Status: 'Running' });
        expect(readLabJson(lab.root, 'ad.json').gmsas).toContain('provAgentgMSA$');
        const domains = readAgentState(lab.root).domains;
        expect(domains).toEqual([
          { name: 'contoso.com', dcs: [], account: 'CONTOSO\\provAgentgMSA$' },
          { name: 'fabrikam.com', dcs: ['dc1.fabrikam.com', 'dc2.fabrikam.com'], account: 'CONTOSO\\provAgentgMSA$' },
        ]);
        expect(first.summary).toContain('Domains added');
      });

      it('a re-run changes nothing (changed=false, no sign-in, no restart)', async () => {
        const before = hostSnapshot(lab.root);
        const again = await run(lab, twoDomains);
        expect(errorLines(again)).toEqual([]);
        expect(again.outputs).toMatchObject({ changed: 'false', 'domains-added': '', domains: 'contoso.com,fabrikam.com', gmsa: 'CONTOSO\\provAgentgMSA$', registered: TENANT_ID });
        expect(hostSnapshot(lab.root)).toEqual(before);
      });

      it('awkward passwords never appear in any log, output, summary or file', () => {
        expect(findLeaks(runs, [lab.root], Object.values(SECRETS))).toEqual([]);
      });
    });

    it('plan mode reports every change and changes nothing', async () => {
      const lab = server();
      const before = hostSnapshot(lab.root);
      const r = await run(lab, { ...twoDomains, 'dry-run': 'true' });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', gmsa: 'provAgentgMSA$', 'domains-added': 'contoso.com,fabrikam.com' });
      expect(r.stdout).toContain('Would register the agent with the tenant');
      expect(r.stdout).toContain('Would add domain fabrikam.com');
      expect(hostSnapshot(lab.root)).toEqual(before);
    });

    it('token sign-in works where MFA is enforced; custom gMSA without its trailing $', async () => {
      const lab = server({ mfaRequired: true });
      const r = await run(lab, {
        'access-token': SECRETS.token,
        'tenant-id': TENANT_ID,
        'user-principal-name': USERS.hia,
        gmsa: 'custom',
        'gmsa-name': 'CONTOSO\\agentGmsa',
        'domain-username': 'admin@contoso.com',
        'domain-password': SECRETS.contoso,
        domains: 'contoso.com dcs=dc2.contoso.com',
      });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', gmsa: 'CONTOSO\\agentGmsa$', registered: TENANT_ID, 'domains-added': 'contoso.com' });
      expect(getService(lab.root, 'AADConnectProvisioningAgent').StartName).toBe('CONTOSO\\agentGmsa$');
      expect(findLeaks([r], [lab.root], [SECRETS.token, SECRETS.contoso])).toEqual([]);
    });

    it('password sign-in on an MFA tenant fails with the MFA explanation and changes nothing', async () => {
      const lab = server({ mfaRequired: true });
      const before = hostSnapshot(lab.root);
      const r = await run(lab, twoDomains);
      expect(r.code).not.toBe(0);
      const errors = errorLines(r);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/multi-factor authentication/);
      expect(errors[0]).toContain("'access-token'");
      expect(errors[0]).toContain('Nothing was changed');
      expect(hostSnapshot(lab.root)).toEqual(before);
    });

    it("keep leaves the service account and adds the server's own domain when none is listed", async () => {
      const lab = server({ registered: true });
      const r = await run(lab, { 'tenant-username': USERS.hia, 'tenant-password': SECRETS.hia, gmsa: 'keep', 'domain-username': 'CONTOSO\\admin', 'domain-password': SECRETS.contoso });
      expect(errorLines(r)).toEqual([]);
      expect(r.outputs).toMatchObject({ changed: 'true', gmsa: 'NT SERVICE\\AADConnectProvisioningAgent', domains: 'contoso.com', 'domains-added': 'contoso.com' });
      expect(getService(lab.root, 'AADConnectProvisioningAgent').StartName).toBe('NT SERVICE\\AADConnectProvisioningAgent');
    });

    // Each test here builds on the one before: in order.
    describe.sequential('no KDS root key', () => {
      const lab = server({ kds: false });
      it('fails before any change with an explanation', async () => {
        const before = hostSnapshot(lab.root);
        const r = await run(lab, twoDomains);
        expect(r.code).not.toBe(0);
        expect(errorLines(r)).toHaveLength(1);
        expect(errorLines(r)[0]).toMatch(/no KDS root key.*forest-wide.*'create-kds-root-key: true'/);
        expect(hostSnapshot(lab.root)).toEqual(before);
      });
      it('creates one only when asked, then the gMSA', async () => {
        const r = await run(lab, { ...twoDomains, 'create-kds-root-key': 'true' });
        expect(errorLines(r)).toEqual([]);
        expect(readLabJson(lab.root, 'ad.json').kdsRootKeys).toHaveLength(1);
        expect(r.outputs.gmsa).toBe('CONTOSO\\provAgentgMSA$');
      });
    });

    it('explains the Newtonsoft.Json 12.0.0.0 load failure of Add-AADCloudSyncADDomain', async () => {
      const lab = server({ registered: true, ad: { newtonsoftJsonFailure: true } });
      const r = await run(lab, { 'tenant-username': USERS.hia, 'tenant-password': SECRETS.hia, gmsa: 'keep', 'domain-username': 'CONTOSO\\admin', 'domain-password': SECRETS.contoso });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toHaveLength(1);
      expect(errorLines(r)[0]).toMatch(/Adding domain contoso\.com failed: Add-AADCloudSyncADDomain could not load Newtonsoft\.Json 12\.0\.0\.0/);
    });

    it('reports the service state and known causes when the gMSA cannot log on as a service', async () => {
      const lab = server({ ad: { gmsaLogonDenied: true } });
      const r = await run(lab, { ...twoDomains, 'restart-timeout-seconds': '5' });
      expect(r.code).not.toBe(0);
      const [line] = errorLines(r);
      expect(line).toMatch(/agent service is Stopped.*provAgentgMSA\$.*'Log on as a service'.*encryption types/);
      expect(line).toContain('Done before this failure');
    });

    it('a server registered to another tenant is re-registered when tenant-id says so', async () => {
      const lab = server();
      const { setRegistry } = await import('./configure-gmsa-fixture.js');
      setRegistry(lab.root, { [AGENT_KEY]: { TenantID: OTHER_TENANT_ID } });
      const r = await run(lab, { ...twoDomains, 'tenant-id': TENANT_ID, 'dry-run': 'true' });
      expect(r.outputs).toMatchObject({ changed: 'true', registered: TENANT_ID });
      expect(r.stdout).toContain(`re-register the agent: it is registered to tenant ${OTHER_TENANT_ID}`);
    });

    it('refuses a password inside domains without starting PowerShell', async () => {
      const lab = server();
      const r = await run(lab, { ...twoDomains, domains: `contoso.com password=${SECRETS.contoso}` });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual([expect.stringMatching(/^Input 'domains' line 1 has 'password=': never put passwords/)]);
      expect(r.stdout).not.toContain(SECRETS.contoso);
    });
  },
  { concurrent: true },
);
