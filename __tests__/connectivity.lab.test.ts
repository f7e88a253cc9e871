// install-agent's preflight connectivity check on the lab server, against endpoints on 127.0.0.1.
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { errorLines, runEntry } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { startTestEndpoints, type TestEndpoints } from './helpers/tls-endpoints.js';
import { createLabServer, getService } from '../lab/lab.mjs';
import { makeInstaller } from '../lab/installer.mjs';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };

describeWithPwsh('install-agent preflight connectivity on the lab server', () => {
  let ep: TestEndpoints;
  const labs: Lab[] = [];
  beforeAll(async () => {
    ep = await startTestEndpoints();
  });
  afterAll(async () => {
    for (const lab of labs) lab.cleanup();
    await ep?.close();
  });
  const newLab = () => {
    const lab = createLabServer() as Lab;
    labs.push(lab);
    return lab;
  };

  it('stops before installing when an endpoint is unreachable, naming host, port and what to open', async () => {
    const lab = newLab();
    const installer = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
    const endpoints = `tls://127.0.0.1:${ep.trustedTls}, tcp://127.0.0.1:${ep.plainTcp}, tcp://127.0.0.1:${ep.closed}`;
    const run = await runEntry('install-agent', { shell: 'powershell', installer, 'connectivity-endpoints': endpoints, diagnostics: 'never' }, { env: { ...lab.env, NODE_EXTRA_CA_CERTS: ep.caFile } });
    const lines = errorLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Preflight failed 1 of \d+ checks: /);
    expect(lines[0]).toContain(`Network TCP 127.0.0.1:${ep.closed}: `);
    expect(lines[0]).toContain(`fix: allow outbound TCP ${ep.closed} to 127.0.0.1 in the firewall`);
    expect(getService(lab.root, 'AADConnectProvisioningAgent')).toBeUndefined();
  });

  it('with preflight: warn it reports one row per endpoint with latency and installs', async () => {
    const lab = newLab();
    const installer = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
    const run = await runEntry(
      'install-agent',
      { shell: 'powershell', installer, preflight: 'warn', 'connectivity-endpoints': `tls://127.0.0.1:${ep.trustedTls}\ntls://127.0.0.1:${ep.untrustedTls}` },
      { env: { ...lab.env, NODE_EXTRA_CA_CERTS: ep.caFile } },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toMatch(new RegExp(`Preflight: Network TCP\\+TLS 127\\.0\\.0\\.1:${ep.trustedTls} \\| pass \\(reached in \\d+ ms`));
    expect(run.summary).toMatch(
      new RegExp(
        `Preflight: Network TCP\\+TLS 127\\.0\\.0\\.1:${ep.untrustedTls} \\| FAIL: TLS handshake failed: .*Fix: allow outbound TCP ${ep.untrustedTls} to 127\\.0\\.0\\.1 in the firewall, and let the TLS session through uninspected`,
      ),
    );
    expect(run.outputs.action).toBe('installed');
  });

  it('the test CA is trusted only where the test hands it over: without it the same endpoint fails validation', async () => {
    const lab = newLab();
    const installer = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
    const run = await runEntry('install-agent', { shell: 'powershell', installer, 'dry-run': 'true', 'connectivity-endpoints': `tls://127.0.0.1:${ep.trustedTls}` }, { env: lab.env });
    expect(errorLines(run)[0]).toMatch(new RegExp(`Network TCP\\+TLS 127\\.0\\.0\\.1:${ep.trustedTls}: TLS handshake failed`));
  });

  it('connectivity-check: false skips the probe', async () => {
    const lab = newLab();
    const installer = makeInstaller(path.join(lab.root, 'media'), { version: '1.1.2505.0' });
    const run = await runEntry('install-agent', { shell: 'powershell', installer, 'dry-run': 'true', 'connectivity-check': 'false' }, { env: lab.env });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).not.toMatch(/Network/);
  });
});
