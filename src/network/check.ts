import type { Endpoint } from './endpoints.js';
import { probeAll, type ProbeResult } from './probe.js';

export interface ConnectivitySettings {
  /** false: no check (input connectivity-check). */
  enabled: boolean;
  endpoints: Endpoint[];
  timeoutMs: number;
}

export interface ConnectivityReport {
  results: ProbeResult[];
  proxy?: string;
}

const where = (e: Endpoint) => `${e.host}:${e.port}`;

/** What to open, for a failed endpoint. */
export function fixFor(result: ProbeResult, proxy?: string): string {
  const e = result.endpoint;
  const rule = `allow outbound TCP ${e.port} to ${e.host}${proxy ? ` on the proxy ${new URL(proxy).host}` : ' in the firewall'}`;
  if (/TLS handshake failed/.test(result.error)) {
    return `${rule}, and let the TLS session through uninspected (the agent does not accept a proxy's or firewall's own certificate)`;
  }
  return rule;
}

export function rowFor(result: ProbeResult): [string, string] {
  const e = result.endpoint;
  const what = `${e.kind === 'tls' ? 'TCP+TLS' : 'TCP'} ${where(e)}`;
  const via = result.via === 'proxy' ? ' via proxy' : '';
  return [`Network: ${what}`, result.ok ? `pass in ${result.latencyMs} ms${via} (${e.purpose})` : `FAIL after ${result.latencyMs} ms${via}: ${result.error}`];
}

/** One line naming every failed endpoint, its port and what to open; undefined when all passed. */
export function connectivityFailure(report: ConnectivityReport): string | undefined {
  const failed = report.results.filter((r) => !r.ok);
  if (!failed.length) return undefined;
  const items = failed.map((r) => `${where(r.endpoint)} (${r.endpoint.purpose}): ${r.error}; fix: ${fixFor(r, report.proxy)}`);
  return `${failed.length} of ${report.results.length} outbound endpoints unreachable${report.proxy ? ` through proxy ${new URL(report.proxy).host}` : ''}: ${items.join(' | ')}`;
}

/** Probes every endpoint in parallel (bounded by one timeout), through the proxy when one is given. */
export async function checkConnectivity(settings: ConnectivitySettings, proxy?: string): Promise<ConnectivityReport> {
  const results = await probeAll(settings.endpoints, { timeoutMs: settings.timeoutMs, proxy });
  return { results, proxy };
}

/** Results as install-agent preflight checks (one per endpoint, with what to open). */
export function asPreflightChecks(report: ConnectivityReport): { id: string; name: string; passed: boolean; detail: string; fix: string }[] {
  return report.results.map((r) => ({
    id: `network-${r.endpoint.kind}-${r.endpoint.host}-${r.endpoint.port}`,
    name: `Network ${r.endpoint.kind === 'tls' ? 'TCP+TLS' : 'TCP'} ${where(r.endpoint)}`,
    passed: r.ok,
    detail: r.ok ? `reached in ${r.latencyMs} ms${r.via === 'proxy' ? ' via proxy' : ''} (${r.endpoint.purpose})` : `${r.error} after ${r.latencyMs} ms (${r.endpoint.purpose})`,
    fix: r.ok ? '' : fixFor(r, report.proxy),
  }));
}
