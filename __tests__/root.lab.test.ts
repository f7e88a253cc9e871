import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineStarts, createFreshServer } from '../lab/fresh-server.mjs';
import { installerCommandLines } from '../lab/installer.mjs';
import { readAgentState, setModuleVariant } from '../lab/agent.mjs';
import { AGENT_KEY, getRegistry, getService, readEvents, snapshotFiles } from '../lab/lab.mjs';
import { errorLines, newRunnerDir, runEntry } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

const STEP_NAMES = ['install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'verify'];
type Fresh = ReturnType<typeof createFreshServer>;

/** The server's files minus the lab's own logs (what was started, not state of the host). */
function hostFiles(root: string): Record<string, string> {
  const snap = snapshotFiles(root);
  delete snap[path.join('lab', 'commandlines.log')];
  delete snap[path.join('lab', 'events.log')];
  return snap;
}

describeWithPwsh('root action on a fresh lab server', () => {
  const servers: Fresh[] = [];
  const fresh = () => {
    const s = createFreshServer();
    servers.push(s);
    return s;
  };
  afterAll(() => {
    for (const s of servers) s.cleanup();
  });

  describe('all steps, then again', () => {
    const server = fresh();
    const runnerDir = newRunnerDir();

    it('builds the server: installs, registers, gMSA, domain, FIPS exception, writeback, verified', async () => {
      const r = await runEntry('main', server.inputs, { env: server.env, runnerDir });
      expect(errorLines(r)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs).toMatchObject({
        changed: 'true',
        'install-agent-changed': 'true',
        'install-agent-action': 'installed',
        'install-agent-version': '1.1.2505.0',
        'configure-gmsa-changed': 'true',
        'configure-gmsa-gmsa': 'CONTOSO\\provAgentgMSA$',
        'configure-gmsa-registered': server.inputs['tenant-id'],
        'configure-gmsa-domains-added': 'contoso.com',
        'set-fips-changed': 'true',
        'set-fips-fips-policy-enabled': 'true',
        'set-fips-fips-exception-present': 'true',
        'enable-writeback-changed': 'true',
        'enable-writeback-applied': 'true',
        'verify-changed': 'false',
        'verify-healthy': 'true',
        'verify-version': '1.1.2505.0',
      });
      // verify checked what the earlier steps did, without being told.
      const report = JSON.parse(r.outputs['verify-report']) as { check: string; ok: boolean; detail: string }[];
      expect(report.find((c) => c.check === 'version')?.detail).toMatch(/1\.1\.2505\.0 as expected/);
      expect(report.find((c) => c.check === 'service-account')?.detail).toMatch(/provAgentgMSA\$/);
      expect(r.stdout).toContain('verify: expected-version 1.1.2505.0 (from install-agent)');
      // The server really is built.
      expect(getService(server.root, 'AADConnectProvisioningAgent')).toMatchObject({ Status: 'Running', StartName: 'CONTOSO\\provAgentgMSA$' });
      expect(getRegistry(server.root, AGENT_KEY, 'TenantID')).toBe(server.inputs['tenant-id']);
      expect(readAgentState(server.root)).toMatchObject({ writeback: { enabled: true }, domains: [expect.objectContaining({ name: 'contoso.com' })] });
      expect(installerCommandLines(server.root)).toHaveLength(1);
      // One job summary: a heading and one section per step, in order.
      expect(r.summary.match(/^## /gm)).toHaveLength(1);
      const sections = [...r.summary.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
      expect(sections).toEqual([
        'Install the provisioning agent',
        'Register the agent, gMSA and AD domains',
        'Agent config: FIPS exception and proxy',
        'Password writeback',
        'Restart of the agent',
        'Verify the provisioning agent',
      ]);
    });

    it('a second run changes nothing, in one PowerShell engine', async () => {
      const before = hostFiles(server.root);
      const starts = engineStarts(server.root);
      const r = await runEntry('main', server.inputs, { env: server.env, runnerDir });
      expect(errorLines(r)).toEqual([]);
      expect(r.code).toBe(0);
      for (const step of STEP_NAMES) expect(r.outputs[`${step}-changed`], step).toBe('false');
      expect(r.outputs.changed).toBe('false');
      expect(r.outputs['verify-healthy']).toBe('true');
      expect(hostFiles(server.root)).toEqual(before);
      expect(engineStarts(server.root) - starts).toBe(1);
      expect(installerCommandLines(server.root)).toHaveLength(1);
    });
  });

  it('an agent that shows its registration only after a restart: writeback still applies, with one restart in the run', async () => {
    const server = fresh();
    setModuleVariant(server.root, { registration: 'restart' });
    const r = await runEntry('main', server.inputs, { env: server.env });
    expect(errorLines(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'enable-writeback-applied': 'true', 'verify-healthy': 'true' });
    expect(getRegistry(server.root, AGENT_KEY, 'TenantID')).toBe(server.inputs['tenant-id']);
    expect(readEvents(server.root).filter((e: string) => / service AADConnectProvisioningAgent stopped \(restart\)$/.test(e))).toHaveLength(1);
  });

  it('plan mode on a fresh server reports the plan and changes nothing', async () => {
    const server = fresh();
    const before = hostFiles(server.root);
    const r = await runEntry('main', { ...server.inputs, 'dry-run': 'true' }, { env: server.env });
    expect(errorLines(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ changed: 'true', 'install-agent-changed': 'true', 'install-agent-action': 'planned', 'verify-healthy': 'false' });
    expect(r.summary).toContain('plan mode: nothing was changed');
    // Later steps cannot be planned against an agent that is not installed yet: reported, not failed.
    expect(r.outputs).toMatchObject({ 'configure-gmsa-changed': 'true', 'enable-writeback-changed': 'true' });
    expect(r.summary).toContain('runs after the changes planned by install-agent');
    expect(hostFiles(server.root)).toEqual(before);
    expect(installerCommandLines(server.root)).toEqual([]);
  });

  it('steps: auto picks what the inputs ask for', async () => {
    const server = fresh();
    // Only the installer: no sign-in, no writeback.
    const inputs = { shell: 'powershell', installer: server.inputs.installer, 'dry-run': 'true' };
    const r = await runEntry('main', inputs, { env: server.env });
    expect(errorLines(r)).toEqual([]);
    expect(r.stdout).toContain('Steps: install-agent → set-fips → verify (plan mode)');
    expect(
      Object.keys(r.outputs)
        .filter((k) => k.endsWith('-changed'))
        .sort(),
    ).toEqual(['install-agent-changed', 'set-fips-changed', 'verify-changed']);
    // An explicit list runs just those, in registry order whatever the list says.
    const listed = await runEntry('main', { ...inputs, steps: 'verify, install-agent' }, { env: server.env });
    expect(listed.stdout).toContain('Steps: install-agent → verify (plan mode)');
  });

  it('a bad input in a later step fails before the first step changes anything', async () => {
    const server = fresh();
    const before = hostFiles(server.root);
    const r = await runEntry('main', { ...server.inputs, 'expected-version': 'latest' }, { env: server.env });
    expect(r.code).not.toBe(0);
    expect(errorLines(r)).toEqual([expect.stringMatching(/expected-version.*four-part agent version/)]);
    expect(hostFiles(server.root)).toEqual(before);
    expect(engineStarts(server.root)).toBe(0);
  });

  it('an unknown step name is bad input, naming the input', async () => {
    const server = fresh();
    const r = await runEntry('main', { ...server.inputs, steps: 'install-agent, reboot' }, { env: server.env });
    expect(r.code).not.toBe(0);
    expect(errorLines(r)).toEqual([expect.stringMatching(/steps.*unknown step\(s\) reboot/)]);
    expect(engineStarts(server.root)).toBe(0);
  });
});
