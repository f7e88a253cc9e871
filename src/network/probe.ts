import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Endpoint } from './endpoints.js';

export interface ProbeResult {
  endpoint: Endpoint;
  ok: boolean;
  /** Milliseconds until the check passed (or failed). */
  latencyMs: number;
  /** Why it failed, in words (empty when it passed). */
  error: string;
  /** 'proxy' when the connection went through the proxy. */
  via: 'direct' | 'proxy';
}

export interface ProbeOptions {
  timeoutMs: number;
  /** http(s)://host:port of a proxy to tunnel through with HTTP CONNECT. */
  proxy?: string;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ? `${e.code}: ` : '';
  return `${code}${e?.message ?? String(error)}`.replace(/\s*\r?\n\s*/g, ' ');
}

/** A socket to host:port through the proxy's HTTP CONNECT tunnel. */
function tunnel(proxy: string, endpoint: Endpoint, timeoutMs: number, open: { destroy(): void }[]): Promise<Socket> {
  const url = new URL(proxy);
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      method: 'CONNECT',
      path: `${endpoint.host}:${endpoint.port}`,
      headers: { host: `${endpoint.host}:${endpoint.port}` },
      timeout: timeoutMs,
    });
    open.push(req);
    req.once('connect', (res, socket) => {
      open.push(socket);
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(new Error(`the proxy ${url.host} refused the tunnel with HTTP ${res.statusCode}`));
      }
    });
    req.once('timeout', () => req.destroy(new Error(`the proxy ${url.host} did not answer`)));
    req.once('error', (error) => reject(new Error(`proxy ${url.host}: ${describe(error)}`)));
    req.end();
  });
}

function direct(endpoint: Endpoint, open: { destroy(): void }[]): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: endpoint.host, port: endpoint.port });
    open.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** TLS over an open socket; the certificate must chain to a trusted root and name the host. */
function handshake(socket: Socket, endpoint: Endpoint, open: { destroy(): void }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // SNI carries names only; an IP address is still checked against the certificate's IP entries.
    const secure = tlsConnect({ socket, servername: isIP(endpoint.host) ? undefined : endpoint.host, host: endpoint.host, rejectUnauthorized: true });
    open.push(secure);
    secure.once('secureConnect', () => {
      secure.destroy();
      resolve();
    });
    secure.once('error', (error) => {
      secure.destroy();
      reject(new Error(`TLS handshake failed: ${describe(error)}`));
    });
  });
}

/** One endpoint, bounded by timeoutMs whatever happens (DNS, connect, proxy, handshake). */
export async function probe(endpoint: Endpoint, options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const via = options.proxy ? 'proxy' : 'direct';
  // Everything opened for this probe, destroyed at the end whether it passed, failed or timed out.
  const open: { destroy(): void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const work = (async () => {
    const socket = options.proxy ? await tunnel(options.proxy, endpoint, options.timeoutMs, open) : await direct(endpoint, open);
    if (endpoint.kind === 'tls') await handshake(socket, endpoint, open);
  })();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
  });
  try {
    await Promise.race([work, deadline]);
    return { endpoint, ok: true, latencyMs: Date.now() - started, error: '', via };
  } catch (error) {
    work.catch(() => undefined);
    return { endpoint, ok: false, latencyMs: Date.now() - started, error: describe(error).replace(/^Error: /, ''), via };
  } finally {
    clearTimeout(timer);
    for (const o of open) o.destroy();
  }
}

/** Every endpoint at once; the whole check takes about one timeout at most. */
export function probeAll(endpoints: Endpoint[], options: ProbeOptions): Promise<ProbeResult[]> {
  return Promise.all(endpoints.map((e) => probe(e, options)));
}
