import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectivityFailure, checkConnectivity } from '../src/network/check.js';
import { DEFAULT_ENDPOINTS, parseEndpoints } from '../src/network/endpoints.js';
import { readConnectivitySettings } from '../src/network/settings.js';
import { Inputs } from '../src/shared/inputs.js';
import { startTestEndpoints, type TestEndpoints } from './helpers/tls-endpoints.js';

const settingsFrom = (inputs: Record<string, string>) => readConnectivitySettings(new Inputs((n) => inputs[n] ?? ''), 'AzureCloud');

describe('connectivity endpoints', () => {
  it('defaults to concrete documented hosts: TLS on 443, TCP on 80 for the revocation hosts', () => {
    const s = settingsFrom({});
    expect(s.enabled).toBe(true);
    expect(s.timeoutMs).toBe(10_000);
    const rows = s.endpoints.map((e) => `${e.kind}:${e.host}:${e.port}`);
    expect(rows).toContain('tls:login.microsoftonline.com:443');
    expect(rows).toContain('tcp:crl.microsoft.com:80');
    expect(rows).toContain('tcp:ocsp.msocsp.com:80');
    expect(rows.every((r) => !r.includes('*'))).toBe(true);
    expect(DEFAULT_ENDPOINTS.AzureUSGovernment.map((e) => e.host)).toEqual(['login.microsoftonline.us', 'login.windows.us']);
  });

  it('an input replaces the list; the check follows the port unless named', () => {
    expect(parseEndpoints('connectivity-endpoints', ['sync.contoso.com:443', 'tcp://10.0.0.5:443', 'tls://proxy.contoso.com:8443', 'crl.contoso.com:80'])).toEqual([
      { host: 'sync.contoso.com', port: 443, kind: 'tls', purpose: 'from connectivity-endpoints' },
      { host: '10.0.0.5', port: 443, kind: 'tcp', purpose: 'from connectivity-endpoints' },
      { host: 'proxy.contoso.com', port: 8443, kind: 'tls', purpose: 'from connectivity-endpoints' },
      { host: 'crl.contoso.com', port: 80, kind: 'tcp', purpose: 'from connectivity-endpoints' },
    ]);
  });

  it.each([['*.msappproxy.net:443'], ['login.microsoftonline.com'], ['https://login.microsoftonline.com:443'], ['host:0'], ['host:70000']])('refuses %s naming the input', (item) => {
    expect(() => settingsFrom({ 'connectivity-endpoints': item })).toThrow(/^Input 'connectivity-endpoints' has '/);
  });
});

describe('connectivity probe against 127.0.0.1', () => {
  let ep: TestEndpoints;
  beforeAll(async () => {
    ep = await startTestEndpoints();
  });
  afterAll(() => ep?.close());

  it('passes TCP, fails a refused port and an untrusted certificate, bounds a silent server, one row each', async () => {
    const endpoints = parseEndpoints('x', [`127.0.0.1:${ep.plainTcp}`, `tcp://127.0.0.1:${ep.closed}`, `tls://127.0.0.1:${ep.untrustedTls}`, `tls://127.0.0.1:${ep.silent}`]);
    const report = await checkConnectivity({ enabled: true, endpoints, timeoutMs: 1000 });
    const byPort = new Map(report.results.map((r) => [r.endpoint.port, r]));
    expect(byPort.get(ep.plainTcp)?.ok).toBe(true);
    expect(byPort.get(ep.closed)).toMatchObject({ ok: false, via: 'direct' });
    expect(byPort.get(ep.closed)?.error).toMatch(/ECONNREFUSED/);
    expect(byPort.get(ep.untrustedTls)?.error).toMatch(/^TLS handshake failed: .*(self[- ]signed|unable to (get|verify))/i);
    expect(byPort.get(ep.silent)?.error).toBe('no answer within 1 s');
    const line = connectivityFailure(report) ?? '';
    expect(line).toMatch(/^3 of 4 outbound endpoints unreachable: /);
    expect(line).toContain(`127.0.0.1:${ep.closed} (from connectivity-endpoints): `);
    expect(line).toContain(`fix: allow outbound TCP ${ep.closed} to 127.0.0.1 in the firewall`);
    expect(line).toContain('let the TLS session through uninspected');
  });

  it('goes through the proxy with HTTP CONNECT and names the proxy when the tunnel is refused', async () => {
    const endpoints = parseEndpoints('x', [`127.0.0.1:${ep.plainTcp}`, 'blocked.contoso.test:80']);
    const report = await checkConnectivity({ enabled: true, endpoints, timeoutMs: 2000 }, `http://127.0.0.1:${ep.proxy}`);
    expect(ep.proxied).toEqual(expect.arrayContaining([`127.0.0.1:${ep.plainTcp}`, 'blocked.contoso.test:80']));
    expect(report.results[0]).toMatchObject({ ok: true, via: 'proxy' });
    expect(report.results[1]).toMatchObject({ ok: false, via: 'proxy', error: `the proxy 127.0.0.1:${ep.proxy} refused the tunnel with HTTP 403` });
    expect(connectivityFailure(report)).toContain(`fix: allow outbound TCP 80 to blocked.contoso.test on the proxy 127.0.0.1:${ep.proxy}`);
  });
});
