import { agentsForMachine, isActive, type GraphAgent } from '../../graph/agents.js';

export interface AvailabilityVerdict {
  ok: boolean;
  detail: string;
}

const groupIds = (a: GraphAgent) => (Array.isArray(a.agentGroups) ? a.agentGroups : []).map((g) => String(g?.id ?? '')).filter(Boolean);
const label = (a: GraphAgent) => `${a.machineName || a.id} (${a.status || 'no status'})`;

/**
 * Microsoft recommends three active agents for high availability [doc: how-to-prerequisites.md]:
 * counts the tenant's active agents that serve any agent group this machine's agent serves.
 */
export function judgeAvailability(agents: GraphAgent[], computerName: string, minimum: number): AvailabilityVerdict {
  const mine = agentsForMachine(agents, computerName);
  if (!mine.length) return { ok: false, detail: `this machine (${computerName}) has no agent in the tenant, so its agent group is unknown` };
  const groups = new Set(mine.flatMap(groupIds));
  if (!groups.size) return { ok: false, detail: `Graph lists no agent group for ${mine.map(label).join(', ')}; cannot tell which agents serve the same configuration` };
  const serving = agents.filter((a) => groupIds(a).some((g) => groups.has(g)));
  const active = serving.filter(isActive);
  const inactive = serving.filter((a) => !isActive(a));
  const names = active.map((a) => a.machineName || a.id).join(', ') || 'none';
  const others = inactive.length ? `; not active: ${inactive.map(label).join(', ')}` : '';
  const groupText = `agent group${groups.size > 1 ? 's' : ''} ${[...groups].join(', ')}`;
  if (active.length >= minimum) return { ok: true, detail: `${active.length} active agent(s) serve ${groupText} (minimum ${minimum}): ${names}${others}` };
  return {
    ok: false,
    detail: `only ${active.length} active agent(s) serve ${groupText}, min-active-agents is ${minimum}: ${names}${others}; install more agents for this configuration (Microsoft recommends 3)`,
  };
}
