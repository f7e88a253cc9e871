import { afterEach, describe, expect, it } from 'vitest';
import { agentsForMachine, GraphError, isActive, listProvisioningAgents } from '../src/graph/agents.js';
import { startGraphServer, type GraphServer } from './helpers/graph-server.js';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.graph-test-token.sig';
let server: GraphServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Graph provisioning agents client', () => {
  it('lists the agents with the bearer token and the documented query', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [{ machineName: 'SYNC01.contoso.com', status: 'active' }] });
    const agents = await listProvisioningAgents({ graphUrl: server.url, token: TOKEN });
    expect(agents).toHaveLength(1);
    expect(agents[0]).toMatchObject({ machineName: 'SYNC01.contoso.com', status: 'active', supportedPublishingTypes: ['provisioning'] });
    expect(server.requests).toEqual([{ path: '/beta/onPremisesPublishingProfiles/provisioning/agents?$expand=agentGroups', authorization: `Bearer ${TOKEN}` }]);
  });

  it('follows @odata.nextLink across pages', async () => {
    const agents = Array.from({ length: 7 }, (_, i) => ({ machineName: `SYNC${i}.contoso.com`, status: i % 2 ? 'inactive' : 'active' }));
    server = await startGraphServer({ token: TOKEN, agents, pageSize: 3 });
    const listed = await listProvisioningAgents({ graphUrl: server.url, token: TOKEN });
    expect(listed.map((a) => a.machineName)).toEqual(agents.map((a) => a.machineName));
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('stops after the page bound', async () => {
    server = await startGraphServer({ token: TOKEN, agents: Array.from({ length: 10 }, (_, i) => ({ machineName: `M${i}`, status: 'active' })), pageSize: 1 });
    await expect(listProvisioningAgents({ graphUrl: server.url, token: TOKEN, maxPages: 3 })).rejects.toThrow(/more than 3 pages/);
    expect(server.requests).toHaveLength(3);
  });

  it('never sends the token to a host a nextLink names', async () => {
    server = await startGraphServer({
      token: TOKEN,
      agents: [
        { machineName: 'A', status: 'active' },
        { machineName: 'B', status: 'active' },
      ],
      pageSize: 1,
      nextLinkOrigin: 'https://evil.example',
    });
    await expect(listProvisioningAgents({ graphUrl: server.url, token: TOKEN })).rejects.toThrow(/points to another host \(evil\.example\)/);
    expect(server.requests).toHaveLength(1);
  });

  it('explains 403 and 401 in one line naming the delegated permission', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [], failWith: { status: 403, code: 'Authorization_RequestDenied' } });
    const error = await listProvisioningAgents({ graphUrl: server.url, token: TOKEN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    const message = (error as GraphError).message;
    expect(message).toMatch(
      /^Microsoft Graph refused listing the provisioning agents \(HTTP 403, Authorization_RequestDenied\): the token needs a delegated .*Policy\.Read\.HybridAuthentication or Directory\.ReadWrite\.All; application permissions are not supported\.$/,
    );
    expect(message).not.toContain(TOKEN);
    expect(message).not.toMatch(/\n/);
    await server.close();
    server = await startGraphServer({ token: TOKEN, agents: [] });
    await expect(listProvisioningAgents({ graphUrl: server.url, token: 'wrong-token' })).rejects.toThrow(/HTTP 401, InvalidAuthenticationToken\)/);
  });

  it('reports other HTTP errors, bad bodies and unreachable hosts', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [], failWith: { status: 500, code: 'InternalServerError' } });
    await expect(listProvisioningAgents({ graphUrl: server.url, token: TOKEN })).rejects.toThrow(
      /^Microsoft Graph answered HTTP 500, InternalServerError to listing the provisioning agents: Insufficient privileges to complete the operation\.$/,
    );
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(listProvisioningAgents({ graphUrl: url, token: TOKEN, timeoutMs: 2000 })).rejects.toThrow(
      /^Could not reach Microsoft Graph at 127\.0\.0\.1:\d+ for listing the provisioning agents: /,
    );
  });

  it('times out a server that never answers', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      await expect(listProvisioningAgents({ graphUrl: `http://127.0.0.1:${port}`, token: TOKEN, timeoutMs: 300 })).rejects.toThrow(
        /^Microsoft Graph at 127\.0\.0\.1:\d+ did not answer listing the provisioning agents within 0\.3 s\.$/,
      );
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

describe('throttling', () => {
  it('retries a throttled Graph, waiting as long as Retry-After says', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [{ machineName: 'SYNC01', status: 'active' }], throttle: { count: 2, retryAfter: '7' } });
    const waits: number[] = [];
    const agents = await listProvisioningAgents({ graphUrl: server.url, token: TOKEN, sleep: async (ms) => void waits.push(ms) });
    expect(agents.map((a) => a.machineName)).toEqual(['SYNC01']);
    expect(waits).toEqual([7000, 7000]);
    expect(server.requests).toHaveLength(3);
  });

  it('bounds a long Retry-After, backs off without one, and retries 503 and 504 too', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [], throttle: { count: 1, retryAfter: '86400' } });
    const waits: number[] = [];
    await listProvisioningAgents({ graphUrl: server.url, token: TOKEN, maxWaitSeconds: 30, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([30_000]);
    for (const status of [503, 504]) {
      await server.close();
      server = await startGraphServer({ token: TOKEN, agents: [], throttle: { count: 3, status } });
      waits.length = 0;
      await listProvisioningAgents({ graphUrl: server.url, token: TOKEN, sleep: async (ms) => void waits.push(ms) });
      expect(waits).toEqual([1000, 2000, 4000]);
    }
  });

  it('gives up after the bounded number of retries with one line that ends in one full stop', async () => {
    server = await startGraphServer({ token: TOKEN, agents: [], throttle: { count: 100, retryAfter: '1' } });
    const error = (await listProvisioningAgents({ graphUrl: server.url, token: TOKEN, maxRetries: 2, sleep: async () => undefined }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toBe('Microsoft Graph answered HTTP 429, TooManyRequests to listing the provisioning agents after 3 attempts: Too many requests.');
    expect(server.requests).toHaveLength(3);
  });
});

describe('one-line messages', () => {
  it('never end with ".." (a Graph message ending in a full stop, inside verify\'s failure line)', async () => {
    const { unhealthyLine } = await import('../src/steps/verify/checks.js');
    server = await startGraphServer({ token: TOKEN, agents: [], failWith: { status: 403, code: 'Authorization_RequestDenied' } });
    const error = (await listProvisioningAgents({ graphUrl: server.url, token: TOKEN }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/[^.]\.$/);
    const line = unhealthyLine([
      { check: 'tenant-agent', ok: false, detail: error.message },
      { check: 'version', ok: true, detail: 'ok' },
    ]);
    expect(line).toMatch(/^The provisioning agent is unhealthy \(1 of 2 checks failed\): tenant-agent: Microsoft Graph refused/);
    expect(line).not.toMatch(/\.\.$/);
    expect(line).toMatch(/supported\.$/);
  });
});

describe('matching this machine', () => {
  const agents = [
    { id: '1', machineName: 'SYNC01.contoso.com', status: 'Active' },
    { id: '2', machineName: 'sync02', status: 'inactive' },
    { id: '3', machineName: 'AVERYLONGSERVERNAME01.contoso.com', status: 'active' },
  ];

  it('matches the FQDN or short name case-insensitively, and the 15-character NetBIOS cut', () => {
    expect(agentsForMachine(agents, 'sync01').map((a) => a.id)).toEqual(['1']);
    expect(agentsForMachine(agents, 'SYNC02').map((a) => a.id)).toEqual(['2']);
    expect(agentsForMachine(agents, 'AVERYLONGSERVER').map((a) => a.id)).toEqual(['3']);
    // Only the 15-character cut is a NetBIOS name: a shorter or longer prefix is another machine.
    expect(agentsForMachine(agents, 'AVERYLONGSERVE')).toEqual([]);
    expect(agentsForMachine(agents, 'AVERYLONGSERVERN')).toEqual([]);
    expect(agentsForMachine(agents, 'SYNC0')).toEqual([]);
    expect(agentsForMachine(agents, '')).toEqual([]);
  });

  it('compares the status case-insensitively', () => {
    expect(agents.map(isActive)).toEqual([true, false, true]);
  });
});
