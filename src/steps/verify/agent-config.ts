import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** What verify needs from AADConnectProvisioningAgent.exe.config (read-only; edits live elsewhere). */
export interface AgentConfigFacts {
  exists: boolean;
  /** Set when the file exists but is not well-formed XML. */
  error?: string;
  /** configuration/runtime/enforceFIPSPolicy with enabled="false". */
  fipsException: boolean;
  /** configuration/system.net/defaultProxy/proxy/@proxyaddress when the default proxy is not disabled. */
  proxyAddress: string | null;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Every element as a list, so a repeated <runtime> or <system.net> is read in full.
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: false,
});

function children(nodes: unknown, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
    if (!node || typeof node !== 'object') continue;
    const value = (node as XmlNode)[name];
    if (Array.isArray(value)) out.push(...(value.filter((v) => v && typeof v === 'object') as XmlNode[]));
  }
  return out;
}

function attribute(node: XmlNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Reads the facts from the file's text (pure; unit-tested). */
export function configFacts(text: string): AgentConfigFacts {
  const xml = text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { exists: true, error: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`, fipsException: false, proxyAddress: null };
  }
  const configuration = children(parser.parse(xml) as XmlNode, 'configuration');
  // .NET parses the boolean case-insensitively.
  const fipsException = children(children(configuration, 'runtime'), 'enforceFIPSPolicy').some((n) => attribute(n, 'enabled')?.toLowerCase() === 'false');
  let proxyAddress: string | null = null;
  for (const defaultProxy of children(children(configuration, 'system.net'), 'defaultProxy')) {
    if (attribute(defaultProxy, 'enabled')?.toLowerCase() === 'false') continue;
    for (const proxy of children(defaultProxy, 'proxy')) proxyAddress = attribute(proxy, 'proxyaddress') ?? proxyAddress;
  }
  return { exists: true, fipsException, proxyAddress };
}

export async function readAgentConfig(path: string): Promise<AgentConfigFacts> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, fipsException: false, proxyAddress: null };
    return { exists: true, error: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fipsException: false, proxyAddress: null };
  }
  return configFacts(text);
}
