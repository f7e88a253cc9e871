import { GraphClient, GraphError, type GraphCall } from './client.js';

export { GraphError };

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
  /** Retry and wait bounds, and the wait itself (tests), as for GraphClient. */
  maxRetries?: number;
  maxWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const AGENTS_PATH = '/beta/onPremisesPublishingProfiles/provisioning/agents?$expand=agentGroups';

// [doc: agent facts, "Verifying"] delegated only; application permissions are not supported.
const LIST_AGENTS: GraphCall = {
  what: 'listing the provisioning agents',
  permission: 'a delegated token (signed-in user) with Policy.Read.HybridAuthentication or Directory.ReadWrite.All; application permissions are not supported',
};

/** Every provisioning agent of the tenant the token belongs to, following paging (bounded). */
export async function listProvisioningAgents(options: ListAgentsOptions): Promise<GraphAgent[]> {
  const client = new GraphClient(options);
  try {
    return await client.list<GraphAgent>(LIST_AGENTS, AGENTS_PATH, options.maxPages ?? 20);
  } finally {
    client.dispose();
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
    const name = String(agent.machineName ?? '')
      .trim()
      .toLowerCase();
    // Equal names have equal first labels; a label that starts with 15 characters and is not them is longer.
    const label = name.split('.')[0];
    if (label === want.split('.')[0]) return true;
    return want.length === 15 && label.startsWith(want);
  });
}

export function isActive(agent: GraphAgent): boolean {
  return String(agent.status ?? '').toLowerCase() === 'active';
}
