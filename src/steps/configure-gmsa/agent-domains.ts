/**
 * Get-AADCloudSyncDomains lists the domains the agent was given [doc: version history 1.1.972.0 says
 * "more info is now returned" by it]; what it returns is UNDOCUMENTED. get-gmsa-state.ps1 passes each
 * item on as a string or as its plain properties, and this reads whatever shape comes back.
 */
export interface AgentDomainsRaw {
  /** False: the module has no such command (older agent), or it failed (see error). */
  available: boolean;
  items: unknown;
  error: string | null;
}

export interface AgentDomain {
  name: string;
  /** Preferred domain controllers when the item names them; null when it does not say. */
  dcs: string[] | null;
}

const NAME_KEYS = ['domainname', 'name', 'domain', 'dnsname', 'dnsdomainname', 'domainfqdn', 'fqdn'];
const DC_KEYS = ['preferreddomaincontrollers', 'domaincontrollers', 'preferreddcs', 'dcs'];
const LIST_KEYS = ['domains', 'value', 'items'];
const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;

function field(item: Record<string, unknown>, keys: string[]): unknown {
  const key = Object.keys(item).find((k) => keys.includes(k.toLowerCase()));
  return key === undefined ? undefined : item[key];
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value !== 'string') return [];
  return value
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function domainsOf(item: unknown): AgentDomain[] | null {
  if (typeof item === 'string') {
    const names = strings(item).filter((n) => FQDN.test(n));
    return names.length ? names.map((n) => ({ name: n.toLowerCase(), dcs: null })) : null;
  }
  if (Array.isArray(item)) return merge(item.map(domainsOf));
  if (!item || typeof item !== 'object') return null;
  const record = item as Record<string, unknown>;
  const name = strings(field(record, NAME_KEYS)).find((n) => FQDN.test(n));
  if (name) {
    const dcs = field(record, DC_KEYS);
    return [{ name: name.toLowerCase(), dcs: dcs === undefined || dcs === null ? null : strings(dcs).map((d) => d.toLowerCase()) }];
  }
  const list = field(record, LIST_KEYS);
  return list === undefined ? null : domainsOf(Array.isArray(list) ? list : [list]);
}

function merge(parts: (AgentDomain[] | null)[]): AgentDomain[] | null {
  if (parts.length && parts.every((p) => p === null)) return null;
  const out: AgentDomain[] = [];
  for (const d of parts.flatMap((p) => p ?? [])) if (!out.some((o) => o.name === d.name)) out.push(d);
  return out;
}

/**
 * The domains the agent reports, or null when they cannot be read (no command, it failed, or its
 * output has no recognisable domain name): the caller then falls back to its own record.
 */
export function parseAgentDomains(raw: AgentDomainsRaw | null | undefined): AgentDomain[] | null {
  if (!raw || !raw.available) return null;
  const items = Array.isArray(raw.items) ? raw.items : raw.items === null || raw.items === undefined ? [] : [raw.items];
  if (items.length === 0) return [];
  return merge(items.map(domainsOf));
}
