import { GraphError, listProvisioningAgents } from '../../graph/agents.js';
import { redact } from '../../shared/secrets.js';
import type { TenantAnswer } from './checks.js';

/** Asks Graph for the tenant's agents; a failure becomes the check's reason, not a crash. */
export async function askTenant(graph: { url: string; token: string }, timeoutMs: number): Promise<TenantAnswer> {
  try {
    return { agents: await listProvisioningAgents({ graphUrl: graph.url, token: graph.token, timeoutMs }) };
  } catch (error) {
    const message = error instanceof GraphError ? error.message : `Microsoft Graph check failed: ${error instanceof Error ? error.message : String(error)}`;
    return { error: redact(message).replace(/\s*\r?\n\s*/g, ' ') };
  }
}
