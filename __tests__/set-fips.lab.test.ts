// The bundled set-fips step end to end on a lab server: plan mode, the FIPS change on a server whose
// FIPS policy is on, the agent restart, idempotence, undo, and the refusals.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as labModule from '../lab/lab.mjs';
import { errorLines, runEntry, repoRoot } from './helpers/action.js';
import { installAgentWithConfig, type InstalledAgent } from './helpers/installed-agent.js';
import { describeWithPwsh } from './helpers/pwsh.js';

interface LabServer {
  root: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}
const lab = labModule as {
  createLabServer(options?: Record<string, unknown>): LabServer;
  readEvents(root: string): string[];
  setService(root: string, service: Record<string, unknown>): void;
  getService(root: string, name: string): Record<string, unknown> | undefined;
};

const FIPS_ON = { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 1 } };
const corpus = (name: string) => readFileSync(path.join(repoRoot, '__tests__', 'fixtures', 'configs', name));
const ORIGINAL = corpus('01-agent-bom-crlf.config');
/** The answer keys, written by hand (fixtures/configs/expected), never by the product's editor. */
const expected = (name: string) => corpus(path.join('expected', name));
const WITH_FIPS = expected('01-agent-bom-crlf.config.fips');

describeWithPwsh('set-fips (bundled) on a lab server', (pwsh) => {
  let server: LabServer;
  let agent: InstalledAgent;
  const run = (inputs: Record<string, string>) => runEntry('set-fips', { shell: 'powershell', ...inputs }, { env: { ...server.env, AGENT_LAB_PWSH: pwsh } });
  const restarts = () => lab.readEvents(server.root).filter((e) => e.includes('AADConnectProvisioningAgent stopped (restart)')).length;
  const backups = () => readdirSync(agent.dir).filter((f) => f.endsWith('.bak'));

  beforeAll(() => {
    if (!existsSync(path.join(repoRoot, 'dist', 'set-fips', 'index.js'))) throw new Error('Run `npm run bundle -- set-fips` first.');
    server = lab.createLabServer({ registry: FIPS_ON });
    agent = installAgentWithConfig(server.root, ORIGINAL);
  });
  afterAll(() => server?.cleanup());

  it('plan mode shows the change and writes nothing', async () => {
    const before = statSync(agent.configPath).mtimeMs;
    const r = await run({ 'dry-run': 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.changed).toBe('true');
    expect(r.outputs['fips-policy-enabled']).toBe('true');
    expect(r.outputs['backup-path']).toBe('');
    expect(r.stdout).toMatch(/\+\s+\d+ \|\s+<enforceFIPSPolicy enabled="false"\/>/);
    expect(readFileSync(agent.configPath).equals(ORIGINAL)).toBe(true);
    expect(statSync(agent.configPath).mtimeMs).toBe(before);
    expect(backups()).toEqual([]);
    expect(restarts()).toBe(0);
    expect(r.summary).toContain('plan: changes needed');
  });

  it('applies the FIPS exception on a server whose FIPS policy is on, keeps a backup and restarts the agent', async () => {
    const r = await run({});
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ changed: 'true', 'fips-policy-enabled': 'true', 'fips-exception-present': 'true', 'agent-restarted': 'true' });
    expect(r.outputs['config-path']).toBe(agent.configPath);
    const written = readFileSync(agent.configPath);
    expect(written.toString('latin1')).toBe(WITH_FIPS.toString('latin1'));
    expect(written.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(path.basename(r.outputs['backup-path'])).toMatch(/^AADConnectProvisioningAgent\.exe\.config\.\d{8}T\d{6}Z(-\d+)?\.bak$/);
    expect(readFileSync(r.outputs['backup-path']).equals(ORIGINAL)).toBe(true);
    expect(readdirSync(agent.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(restarts()).toBe(1);
    expect(lab.getService(server.root, 'AADConnectProvisioningAgent')?.Status).toBe('Running');
  });

  it('a second run with the same inputs changes and writes nothing', async () => {
    const mtime = statSync(agent.configPath).mtimeMs;
    const count = backups().length;
    const r = await run({});
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.changed).toBe('false');
    expect(r.outputs['agent-restarted']).toBe('false');
    expect(statSync(agent.configPath).mtimeMs).toBe(mtime);
    expect(backups().length).toBe(count);
    expect(restarts()).toBe(1);
  });

  it('remove restores the original bytes exactly and restarts again', async () => {
    const r = await run({ 'fips-exception': 'remove' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.changed).toBe('true');
    expect(r.outputs['fips-exception-present']).toBe('false');
    expect(readFileSync(agent.configPath).equals(ORIGINAL)).toBe(true);
    expect(restarts()).toBe(2);
  });

  it('adds a proxy with restart-agent false, leaving the service alone', async () => {
    const r = await run({ 'fips-exception': 'leave', 'proxy-url': 'http://proxy.contoso.com:8080', 'restart-agent': 'false' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs.changed).toBe('true');
    expect(readFileSync(agent.configPath, 'utf8')).toContain('<proxy usesystemdefault="true" proxyaddress="http://proxy.contoso.com:8080" bypassonlocal="true"/>');
    expect(restarts()).toBe(2);
    const undo = await run({ 'fips-exception': 'leave', 'remove-proxy': 'true', 'restart-agent': 'false' });
    expect(undo.code, undo.stdout).toBe(0);
    expect(readFileSync(agent.configPath).equals(ORIGINAL)).toBe(true);
  });

  it('refuses bad input in one line naming the input, changing nothing', async () => {
    const before = readFileSync(agent.configPath);
    const r = await run({ 'proxy-url': 'ftp://proxy:21' });
    expect(r.code).not.toBe(0);
    const errors = errorLines(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Input 'proxy-url' must be an http/);
    const creds = await run({ 'proxy-url': 'http://user:Secr3t@proxy:8080' });
    expect(errorLines(creds)[0]).toMatch(/^Input 'proxy-url' must not contain a user name or password/);
    expect(creds.stdout).not.toContain('Secr3t');
    expect(readFileSync(agent.configPath).equals(before)).toBe(true);
  });

  it('refuses a malformed config, leaving it untouched and the agent running', async () => {
    const truncated = ORIGINAL.subarray(0, 700);
    writeFileSync(agent.configPath, truncated);
    const mtime = statSync(agent.configPath).mtimeMs;
    const before = restarts();
    const r = await run({});
    expect(r.code).not.toBe(0);
    const errors = errorLines(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^The agent config .*AADConnectProvisioningAgent\.exe\.config is not well-formed XML \(line \d+.*left untouched/);
    expect(readFileSync(agent.configPath).equals(truncated)).toBe(true);
    expect(statSync(agent.configPath).mtimeMs).toBe(mtime);
    expect(restarts()).toBe(before);
    writeFileSync(agent.configPath, ORIGINAL);
  });

  it('reports a failed restart in one line after writing the change', async () => {
    // A Windows error text over two lines (as service control errors often are): the failure stays one line.
    lab.setService(server.root, {
      Name: 'AADConnectProvisioningAgent',
      StartFailure: 'The service did not respond to the start or control request in a timely fashion.\r\n  (event 7009: a timeout was reached)',
    });
    const r = await run({ 'fips-exception': 'add' });
    lab.setService(server.root, { Name: 'AADConnectProvisioningAgent', StartFailure: null, Status: 'Running' });
    expect(r.code).not.toBe(0);
    const errors = errorLines(r);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^The agent config was updated \(previous file: .*\.bak\), but the agent did not come back: Service 'AADConnectProvisioningAgent' did not restart \(status now Stopped\): .*timely fashion\. \(event 7009: a timeout was reached\)/,
    );
    expect(readFileSync(agent.configPath).toString('latin1')).toBe(WITH_FIPS.toString('latin1'));
  });
});

describeWithPwsh(
  'set-fips (bundled) on other lab servers',
  (pwsh) => {
    const servers: LabServer[] = [];
    afterAll(() => servers.forEach((s) => s.cleanup()));
    const serverWith = (registry?: Record<string, unknown>) => {
      const s = lab.createLabServer(registry ? { registry } : {});
      servers.push(s);
      return s;
    };
    const runOn = (s: LabServer, inputs: Record<string, string>) => runEntry('set-fips', { shell: 'powershell', ...inputs }, { env: { ...s.env, AGENT_LAB_PWSH: pwsh } });

    it('auto leaves the file alone when the FIPS policy is off', async () => {
      const s = serverWith();
      const agent = installAgentWithConfig(s.root, ORIGINAL);
      const r = await runOn(s, {});
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs).toMatchObject({ changed: 'false', 'fips-policy-enabled': 'false' });
      expect(readFileSync(agent.configPath).equals(ORIGINAL)).toBe(true);
      expect(lab.readEvents(s.root).some((e) => e.includes('restart'))).toBe(false);
    });

    it('fails in one line when the agent is not installed, and only notes it in plan mode', async () => {
      const s = serverWith(FIPS_ON);
      const r = await runOn(s, {});
      expect(r.code).not.toBe(0);
      expect(errorLines(r)).toEqual([expect.stringMatching(/^The agent is not installed in .*; run install-agent first/)]);
      const plan = await runOn(s, { 'dry-run': 'true' });
      expect(plan.code, plan.stdout).toBe(0);
      expect(plan.outputs.changed).toBe('true');
    });

    it('honours install-dir for an agent installed elsewhere (an LF file without <runtime>)', async () => {
      const s = serverWith(FIPS_ON);
      const agent = installAgentWithConfig(s.root, corpus('17-lf-startup-no-runtime.config'));
      const moved = path.join(s.root, 'Agents', 'Provisioning');
      const { mkdirSync, renameSync } = await import('node:fs');
      mkdirSync(path.dirname(moved), { recursive: true });
      renameSync(agent.dir, moved);
      const r = await runOn(s, { 'install-dir': moved, 'restart-agent': 'false' });
      expect(r.code, r.stdout).toBe(0);
      expect(r.outputs['config-path']).toBe(path.join(moved, 'AADConnectProvisioningAgent.exe.config'));
      expect(readFileSync(r.outputs['config-path'], 'latin1')).toBe(expected('17-lf-startup-no-runtime.config.fips').toString('latin1'));
    });
  },
  { concurrent: true },
);
