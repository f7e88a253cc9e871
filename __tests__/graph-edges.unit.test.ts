// The Graph client's edges (src/graph/agents.ts) against a raw local server that answers exactly
// what each case needs: redirects, retries, odd bodies, and the machine-name rules.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { agentsForMachine, GraphError, isActive, listProvisioningAgents, type GraphAgent } from '../src/graph/agents.js';

let server: Server | undefined;
let hits: string[] = [];
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  hits = [];
});

/** Serves `answer(path)` ({status, body, headers}) on 127.0.0.1; returns the origin. */
async function serve(answer: (path: string) => { status: number; body: string; headers?: Record<string, string> }): Promise<string> {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const { status, body, headers } = answer(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const list = (graphUrl: string) => listProvisioningAgents({ graphUrl, token: 'tok' });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as GraphError,
  );

describe('Graph client edges', () => {
  it('is a GraphError by name, with the status', async () => {
    const url = await serve(() => ({ status: 500, body: 'oops, not json' }));
    const error = await failure(list(url));
    expect(error).toBeInstanceOf(GraphError);
    expect(error.name).toBe('GraphError');
    expect(error.status).toBe(500);
    expect(error.message).toBe('Microsoft Graph answered HTTP 500 to listing the provisioning agents.');
  });

  it('does not follow a redirect (the token would go along) and does not retry', async () => {
    const url = await serve((path) => (path.startsWith('/elsewhere') ? { status: 200, body: '{"value":[]}' } : { status: 302, body: '', headers: { location: '/elsewhere' } }));
    expect((await failure(list(url))).message).toBe('Microsoft Graph answered HTTP 302 to listing the provisioning agents.');
    expect(hits).toHaveLength(1);
  });

  it('retries a 503 a bounded number of times (Retry-After honoured), and treats 300 as an error', async () => {
    const url = await serve(() => ({ status: 503, body: '{"error":{"code":"ServiceUnavailable"}}', headers: { 'retry-after': '0' } }));
    expect((await failure(list(url))).message).toBe('Microsoft Graph answered HTTP 503, ServiceUnavailable to listing the provisioning agents after 5 attempts.');
    expect(hits).toHaveLength(5);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const other = await serve(() => ({ status: 300, body: '{"value":[]}' }));
    expect((await failure(list(other))).message).toBe('Microsoft Graph answered HTTP 300 to listing the provisioning agents.');
  });

  it('cuts a long error code to 80 characters (79 and an ellipsis), and explains 401 like 403', async () => {
    const code = 'C'.repeat(100);
    const url = await serve(() => ({ status: 401, body: JSON.stringify({ error: { code } }) }));
    const error = await failure(list(url));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^Microsoft Graph refused listing the provisioning agents \(HTTP 401, C{79}…\): .*delegated token .*Policy\.Read\.HybridAuthentication/);
  });

  it('keeps only agent objects, and reads a page without value as empty', async () => {
    const agent = { id: '1', machineName: 'SYNC01.contoso.com', status: 'active' };
    const url = await serve(() => ({ status: 200, body: JSON.stringify({ value: [null, 5, 'x', agent] }) }));
    expect(await list(url)).toEqual([agent]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const empty = await serve(() => ({ status: 200, body: '{}' }));
    expect(await list(empty)).toEqual([]);
  });

  it('refuses a value that is not a list', async () => {
    const url = await serve(() => ({ status: 200, body: '{"value":{"id":"1"}}' }));
    const error = await failure(list(url));
    expect(error.message).toBe("Microsoft Graph's answer to listing the provisioning agents is not a list (no 'value' array).");
    expect(error).toBeInstanceOf(GraphError);
  });
});

describe('agents of this machine', () => {
  const agent = (machineName: string | undefined, status = 'active') => ({ id: machineName ?? '?', machineName, status }) as GraphAgent;

  it('matches nothing for a blank computer name, and survives an agent without a name', () => {
    expect(agentsForMachine([agent('SYNC01')], '  ')).toEqual([]);
    // An agent without a name is no match for a blank computer name either.
    expect(agentsForMachine([agent(undefined), agent(''), agent(' ')], '')).toEqual([]);
    expect(agentsForMachine([agent(undefined), agent('SYNC01.contoso.com')], ' sync01 ')).toEqual([agent('SYNC01.contoso.com')]);
  });

  it('matches the short name of either side', () => {
    expect(agentsForMachine([agent('sync01.contoso.com')], 'SYNC01.fabrikam.com')).toEqual([agent('sync01.contoso.com')]);
    expect(agentsForMachine([agent('sync02.contoso.com')], 'SYNC01')).toEqual([]);
    // Graph's name is read without blanks around it, as the computer name is.
    expect(agentsForMachine([agent(' SYNC01.contoso.com ')], 'sync01')).toEqual([agent(' SYNC01.contoso.com ')]);
  });

  it('applies the NetBIOS 15-character cut only to a 15-character name and a longer DNS label', () => {
    const long = agent('provisioning-sync-01.contoso.com');
    expect(agentsForMachine([long], 'PROVISIONING-SY')).toEqual([long]);
    expect(agentsForMachine([long], 'PROVISIONING-S')).toEqual([]);
    expect(agentsForMachine([agent('abcdefghijklmno.contoso.com')], 'ABCDEFGHIJKLMNX')).toEqual([]);
    expect(agentsForMachine([agent('abcdefghijklmnop.contoso.com')], 'ABCDEFGHIJKLMNO')).toEqual([agent('abcdefghijklmnop.contoso.com')]);
  });

  it('is active only when the status says so', () => {
    expect(isActive(agent('a', 'Active'))).toBe(true);
    expect(isActive(agent('a', 'inactive'))).toBe(false);
    expect(isActive({ id: 'x', machineName: 'a' } as unknown as GraphAgent)).toBe(false);
  });
});
