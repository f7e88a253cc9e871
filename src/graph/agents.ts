import type { HttpClient } from '@actions/http-client';
import { redact } from '../shared/secrets.js';

/** One provisioning agent as Graph beta lists it (only the fields this action reads). */
export interface GraphAgent {
  id: string;
  machineName: string;
  externalIp?: string;
  status: string;
  supportedPublishingTypes?: string[];
  /** Present with $expand=agentGroups: the groups (configurations) this agent serves. */
  agentGroups?: { id: string; displayName?: string }[];
}

export interface ListAgentsOptions {
  /** Graph origin, e.g. https://graph.microsoft.com (see hosts.ts). */
  graphUrl: string;
  /** A delegated access token for Graph; sent only to graphUrl's origin. */
  token: string;
  /** Per request. */
  timeoutMs?: number;
  /** Upper bound on @odata.nextLink pages followed. */
  maxPages?: number;
}

/** Graph could not answer the question; the message is one line a user can act on. */
export class GraphError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const AGENTS_PATH = '/beta/onPremisesPublishingProfiles/provisioning/agents?$expand=agentGroups';
const PERMISSION_HINT =
  'the tenant check needs a delegated token (signed-in user) with Policy.Read.HybridAuthentication or Directory.ReadWrite.All; application permissions are not supported';

interface AgentsPage {
  value?: GraphAgent[];
  '@odata.nextLink'?: string;
}

function graphErrorCode(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string } };
    return parsed.error?.code ? ` (${String(parsed.error.code).slice(0, 80)})` : '';
  } catch {
    return '';
  }
}

/** Every provisioning agent of the tenant the token belongs to, following paging (bounded). */
export async function listProvisioningAgents(options: ListAgentsOptions): Promise<GraphAgent[]> {
  const origin = new URL(options.graphUrl).origin;
  const maxPages = options.maxPages ?? 20;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Loaded on first use: only runs that call Graph pay for the HTTP stack.
  const { HttpClient } = await import('@actions/http-client');
  const client = new HttpClient('entra-provisioning-agent', [], {
    socketTimeout: timeoutMs,
    // A redirect could carry the token elsewhere; Graph does not redirect this call.
    allowRedirects: false,
    allowRetries: false,
  });
  const agents: GraphAgent[] = [];
  let next: string | undefined = `${origin}${AGENTS_PATH}`;
  try {
    for (let page = 0; next; page++) {
      if (page >= maxPages) throw new GraphError(`Microsoft Graph returned more than ${maxPages} pages of agents; stopped reading.`);
      // The token goes only to the Graph host we were given, whatever a nextLink says.
      if (new URL(next).origin !== origin) throw new GraphError(`Microsoft Graph's next page link points to another host (${new URL(next).host}); not following it with the token.`);
      const body = await getPage(client, next, options.token, timeoutMs);
      agents.push(...(body.value ?? []).filter((a) => a !== null && typeof a === 'object'));
      next = body['@odata.nextLink'];
    }
  } finally {
    client.dispose();
  }
  return agents;
}

async function getPage(client: HttpClient, url: string, token: string, timeoutMs: number): Promise<AgentsPage> {
  const host = new URL(url).host;
  let status: number;
  let text: string;
  try {
    const response = await client.get(url, { Authorization: `Bearer ${token}`, Accept: 'application/json' });
    status = response.message.statusCode ?? 0;
    text = await response.readBody();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/^Request timeout/i.test(reason)) throw new GraphError(`Could not reach Microsoft Graph at ${host}: no answer within ${timeoutMs / 1000} s.`);
    throw new GraphError(`Could not reach Microsoft Graph at ${host}: ${redact(reason).split('\n')[0]}`);
  }
  if (status === 401 || status === 403) {
    throw new GraphError(`Microsoft Graph refused the token with HTTP ${status}${graphErrorCode(text)}: ${PERMISSION_HINT}.`, status);
  }
  if (status < 200 || status >= 300) {
    throw new GraphError(`Microsoft Graph answered HTTP ${status}${graphErrorCode(text)} when listing provisioning agents.`, status);
  }
  try {
    const parsed = JSON.parse(text) as AgentsPage;
    if (parsed.value !== undefined && !Array.isArray(parsed.value)) throw new Error('value is not a list');
    return parsed;
  } catch {
    throw new GraphError(`Microsoft Graph's answer from ${host} is not the expected agents list (JSON with a 'value' array).`, status);
  }
}

/**
 * The agents registered from this machine. Graph reports the machine's DNS name (FQDN); the server
 * knows its NetBIOS name (COMPUTERNAME), which Windows cuts to 15 characters.
 */
export function agentsForMachine(agents: GraphAgent[], computerName: string): GraphAgent[] {
  const want = computerName.trim().toLowerCase();
  if (!want) return [];
  return agents.filter((agent) => {
    const name = String(agent.machineName ?? '').trim().toLowerCase();
    if (name === want) return true;
    const label = name.split('.')[0];
    if (label === want.split('.')[0]) return true;
    return want.length === 15 && label.length > 15 && label.startsWith(want);
  });
}

export function isActive(agent: GraphAgent): boolean {
  return String(agent.status ?? '').toLowerCase() === 'active';
}
