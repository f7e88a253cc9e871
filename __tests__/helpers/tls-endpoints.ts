/**
 * Endpoints on 127.0.0.1 for the connectivity check: a TLS server whose certificate comes from a CA
 * made for this test only (handed to the action's node process with NODE_EXTRA_CA_CERTS, so nothing
 * else trusts it), a TLS server with a certificate nobody trusts, a plain TCP listener, a port
 * nothing listens on, a listener that never answers the handshake, and an HTTP CONNECT proxy that
 * records where it was asked to go. Nothing reaches the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A CA and a server certificate for 127.0.0.1 signed by it (openssl CLI). */
function makeChain(dir: string, name: string): { ca: string; key: Buffer; cert: Buffer } {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} test CA`, '-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`]);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', `${name}.key`, '-out', `${name}.csr`]);
  writeFileSync(path.join(dir, `${name}.ext`), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${name}-ca.pem`, '-CAkey', `${name}-ca.key`, '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`]);
  return { ca: path.join(dir, `${name}-ca.pem`), key: readFileSync(path.join(dir, `${name}.key`)), cert: readFileSync(path.join(dir, `${name}.pem`)) };
}

const port = (s: Server | HttpServer) => (s.address() as AddressInfo).port;
const listen = <T extends Server | HttpServer>(s: T) => new Promise<T>((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));

export interface TestEndpoints {
  /** PEM file of the CA to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  trustedTls: number;
  untrustedTls: number;
  plainTcp: number;
  /** Accepts TCP, never speaks TLS. */
  silent: number;
  /** Nothing listens here. */
  closed: number;
  proxy: number;
  /** host:port targets the proxy was asked to CONNECT to. */
  proxied: string[];
  close(): Promise<void>;
}

export async function startTestEndpoints(): Promise<TestEndpoints> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tls-endpoints-'));
  const trusted = makeChain(dir, 'trusted');
  const untrusted = makeChain(dir, 'untrusted');
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const trustedServer = await listen(createTlsServer({ key: trusted.key, cert: trusted.cert }, (s) => s.end()));
  const untrustedServer = await listen(createTlsServer({ key: untrusted.key, cert: untrusted.cert }, (s) => s.end()));
  for (const s of [trustedServer, untrustedServer]) s.on('connection', track);
  const tcp = await listen(createTcpServer((s) => s.end()));
  const silent = await listen(createTcpServer(track));
  const spare = await listen(createTcpServer());
  const closed = port(spare);
  await new Promise<void>((resolve) => spare.close(() => resolve()));

  const proxied: string[] = [];
  const proxy = await listen(createHttpServer((_req, res) => res.writeHead(405).end()));
  proxy.on('connect', (req, client: Socket) => {
    track(client);
    proxied.push(req.url ?? '');
    const [host, p] = String(req.url).split(':');
    // Only 127.0.0.1 is reachable from a test: anything else is refused as a proxy would refuse a blocked host.
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(Number(p), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  });

  return {
    caFile: trusted.ca,
    trustedTls: port(trustedServer),
    untrustedTls: port(untrustedServer),
    plainTcp: port(tcp),
    silent: port(silent),
    closed,
    proxy: port(proxy),
    proxied,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([trustedServer, untrustedServer, tcp, silent, proxy].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
