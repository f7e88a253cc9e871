/**
 * A local stand-in for Microsoft Graph's beta provisioning agents list
 * (GET /beta/onPremisesPublishingProfiles/provisioning/agents?$expand=agentGroups), answering on
 * 127.0.0.1 with the documented response shape, paging by $skiptoken.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAgent {
  machineName: string;
  status: string;
  id?: string;
  /** Agent group ids (default: the one default group). */
  agentGroups?: string[];
}

export interface GraphServerOptions {
  /** The token the server accepts; anything else gets 401. */
  token: string;
  agents: FakeAgent[];
  pageSize?: number;
  /** Answer every request with this status and a Graph error body. */
  failWith?: { status: number; code: string };
  /** Throttle: the first `count` requests get `status` (429 by default) with this Retry-After header (omitted: none). */
  throttle?: { count: number; status?: number; retryAfter?: string };
  /** Put this origin into @odata.nextLink instead of the server's own. */
  nextLinkOrigin?: string;
}

export interface GraphServer {
  url: string;
  requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

const AGENTS_PATH = '/beta/onPremisesPublishingProfiles/provisioning/agents';

function agentJson(agent: FakeAgent, index: number) {
  return {
    id: agent.id ?? `0b2d9f6e-4c1a-4e8b-9d3f-${String(index).padStart(12, '0')}`,
    machineName: agent.machineName,
    externalIp: `203.0.113.${10 + index}`,
    status: agent.status,
    supportedPublishingTypes: ['provisioning'],
    agentGroups: (agent.agentGroups ?? ['a7f1c3e5-2b4d-4f6a-8c9e-1d3b5f7a9c2e']).map((id, i) => ({
      id,
      displayName: i === 0 && !agent.agentGroups ? 'Default group for AD to AAD Provisioning' : `group ${id}`,
      isDefault: !agent.agentGroups,
      publishingType: 'provisioning',
    })),
  };
}

export async function startGraphServer(options: GraphServerOptions): Promise<GraphServer> {
  const requests: GraphServer['requests'] = [];
  const pageSize = options.pageSize ?? 100;
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (options.throttle && requests.length <= options.throttle.count) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.throttle.retryAfter !== undefined) headers['retry-after'] = options.throttle.retryAfter;
      res.writeHead(options.throttle.status ?? 429, headers);
      res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests.' } }));
      return;
    }
    if (options.failWith) {
      send(options.failWith.status, { error: { code: options.failWith.code, message: 'Insufficient privileges to complete the operation.' } });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== AGENTS_PATH) {
      send(404, { error: { code: 'BadRequest', message: `Resource not found for the segment '${url.pathname}'.` } });
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } });
      return;
    }
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = options.agents.slice(skip, skip + pageSize).map((a, i) => agentJson(a, skip + i));
    const body: Record<string, unknown> = {
      '@odata.context': `${origin}/beta/$metadata#onPremisesPublishingProfiles('provisioning')/agents(agentGroups())`,
      value: page,
    };
    if (skip + pageSize < options.agents.length) {
      body['@odata.nextLink'] = `${options.nextLinkOrigin ?? origin}${AGENTS_PATH}?$expand=agentGroups&$skiptoken=${skip + pageSize}`;
    }
    send(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
