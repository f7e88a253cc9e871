import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { SECRETS, USERS, agentServer, findLeaks, hostSnapshot, labInputs, readAgentState, type LabServer } from './configure-gmsa-fixture.js';

describeWithPwsh(
  'enable-writeback on the lab host',
  () => {
    const servers: LabServer[] = [];
    const runs: EntryRun[] = [];
    const server = (options?: Parameters<typeof agentServer>[0]) => {
      const s = agentServer({ registered: true, ...options });
      servers.push(s);
      return s;
    };
    const run = async (s: LabServer, inputs: Record<string, string>) => {
      const r = await runEntry('enable-writeback', labInputs(inputs), { env: s.env });
      runs.push(r);
      // Every test that runs the step checks its own run (a test run alone with -t included).
      expect(findLeaks([r], [s.root], Object.values(SECRETS))).toEqual([]);
      return r;
    };
    afterAll(() => {
      for (const s of servers) s.cleanup();
    });

    // Each test here builds on the one before: in order.
    describe.sequential('on a registered 1.1.2505.0 agent', () => {
      const lab = server();
      it('enables writeback with a Global Administrator', async () => {
        const r = await run(lab, { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga });
        expect(errorLines(r)).toEqual([]);
        expect(r.outputs).toMatchObject({ changed: 'true', applied: 'true', 'password-writeback': 'true' });
        expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: true, by: USERS.ga });
        expect(r.summary).toContain('cannot be read back');
      });
      it('refuses to enable with a Hybrid Identity Administrator, naming the role', async () => {
        const r = await run(lab, { 'password-writeback': 'true', 'tenant-username': USERS.hia, 'tenant-password': SECRETS.hia });
        expect(r.code).not.toBe(0);
        expect(errorLines(r)).toEqual([expect.stringMatching(/was refused: enabling needs the Global Administrator role \(inputs 'tenant-username'\/'tenant-password'\)/)]);
        expect(readAgentState(lab.root).writeback.enabled).toBe(true);
      });
      it('disables writeback with a Hybrid Identity Administrator (tenant-username fallback)', async () => {
        const r = await run(lab, { 'password-writeback': 'false', 'tenant-username': USERS.hia, 'tenant-password': SECRETS.hia });
        expect(errorLines(r)).toEqual([]);
        expect(r.outputs).toMatchObject({ changed: 'true', applied: 'true', 'password-writeback': 'false' });
        expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: false, by: USERS.hia });
      });
      it('plan mode applies nothing', async () => {
        const before = hostSnapshot(lab.root);
        const r = await run(lab, { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga, 'dry-run': 'true' });
        expect(errorLines(r)).toEqual([]);
        expect(r.outputs).toMatchObject({ changed: 'true', applied: 'false' });
        expect(hostSnapshot(lab.root)).toEqual(before);
      });
      it('passwords never appear in any log, output, summary or file', () => {
        expect(findLeaks(runs, [lab.root], [SECRETS.ga, SECRETS.hia])).toEqual([]);
      });
    });

    it('refuses an agent older than 1.1.977.0 with the upgrade hint, before signing in', async () => {
      const lab = server({ version: '1.1.972.0' });
      const before = hostSnapshot(lab.root);
      const r = await run(lab, { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual(['Password writeback needs agent 1.1.977.0 or later and this server has 1.1.972.0: upgrade the agent (install-agent with a current installer) and re-run.']);
      expect(hostSnapshot(lab.root)).toEqual(before);
    });

    describe('US Government (1.1.2102.0 is known broken there, fixed in 1.1.2108.0)', () => {
      const gov = { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga, environment: 'AzureUSGovernment' };
      it('refuses 1.1.2102.0 before signing in, naming the fixed version', async () => {
        const lab = server({ version: '1.1.2102.0', tenant: { environment: 'AzureUSGovernment' } });
        const before = hostSnapshot(lab.root);
        const r = await run(lab, gov);
        expect(r.code).not.toBe(0);
        expect(errorLines(r)).toEqual([
          expect.stringMatching(/^Password writeback needs agent 1\.1\.2108\.0 or later in US Government \(1\.1\.2102\.0 is known to fail there\) and this server has 1\.1\.2102\.0/),
        ]);
        expect(hostSnapshot(lab.root)).toEqual(before);
      });
      it('applies on 1.1.2108.0', async () => {
        const lab = server({ version: '1.1.2108.0', tenant: { environment: 'AzureUSGovernment' } });
        const r = await run(lab, gov);
        expect(errorLines(r)).toEqual([]);
        expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: true, by: USERS.ga });
      });
      it('the public cloud keeps the 1.1.977.0 gate: 1.1.2102.0 applies there', async () => {
        const lab = server({ version: '1.1.2102.0' });
        const r = await run(lab, { ...gov, environment: 'AzureCloud' });
        expect(errorLines(r)).toEqual([]);
        expect(readAgentState(lab.root).writeback).toMatchObject({ enabled: true });
      });
    });

    it('explains that the credential route cannot pass MFA', async () => {
      const lab = server({ mfaRequired: true });
      const r = await run(lab, { 'password-writeback': 'true', 'writeback-username': USERS.ga, 'writeback-password': SECRETS.ga });
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual([expect.stringMatching(/requires MFA for this account, and the writeback command accepts only a user name and password/)]);
      expect(readAgentState(lab.root).writeback).toBeUndefined();
    });
  },
  { concurrent: true },
);
