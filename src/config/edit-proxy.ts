/**
 * The proxy: configuration/system.net/defaultProxy, in the shape the agent's docs show:
 *   <system.net>
 *     <defaultProxy enabled="true" useDefaultCredentials="true">
 *       <proxy usesystemdefault="true" proxyaddress="http://proxy:8080" bypassonlocal="true"/>
 *     </defaultProxy>
 *   </system.net>
 *
 * Placement rules:
 *  - system.net missing: the whole block becomes configuration's last child (before </configuration>).
 *  - system.net without defaultProxy: defaultProxy becomes system.net's last child.
 *  - defaultProxy exists: edited in place, attribute by attribute: defaultProxy `enabled` set to
 *    true when it says otherwise; the proxy child's `proxyaddress` and `bypassonlocal` set (added
 *    when missing); a missing proxy child is added as defaultProxy's first child. Other attributes
 *    and children (bypasslist, module) are kept.
 *  - Removal takes out defaultProxy with its line, and system.net when left holding nothing.
 */
import { setAttributes, unescapeAttr } from './attributes.js';
import { escapeAttr } from './attributes.js';
import { ConfigFormatError } from './errors.js';
import { insertFirstChild, insertLastChild, isEmptyShell, removeElement, type Block } from './layout.js';
import { attr, childrenNamed, parseConfigRoot, type XmlElement } from './xml-tree.js';

export interface ProxySettings {
  url: string;
  bypassLocal: boolean;
}

export interface ProxyState {
  present: boolean;
  /** defaultProxy is not switched off (enabled="false" disables it, whatever the proxy child says). */
  enabled: boolean;
  url: string | null;
  bypassLocal: boolean | null;
}

function single(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!parent) return undefined;
  const found = childrenNamed(parent, name);
  if (found.length > 1) throw new ConfigFormatError(`has more than one <${name}> in <${parent.name}>`);
  return found[0];
}

function proxyLine(settings: ProxySettings): string {
  return `<proxy usesystemdefault="true" proxyaddress="${escapeAttr(settings.url)}" bypassonlocal="${settings.bypassLocal}"/>`;
}

export function readProxy(text: string): ProxyState {
  const defaultProxy = single(single(parseConfigRoot(text), 'system.net'), 'defaultProxy');
  const proxy = single(defaultProxy, 'proxy');
  const address = proxy && attr(proxy, 'proxyaddress');
  const bypass = proxy && attr(proxy, 'bypassonlocal');
  const enabled = defaultProxy && attr(defaultProxy, 'enabled');
  return {
    present: defaultProxy !== undefined,
    // .NET reads the boolean case-insensitively.
    enabled: defaultProxy !== undefined && (!enabled || unescapeAttr(enabled.value).trim().toLowerCase() !== 'false'),
    url: address ? unescapeAttr(address.value) : null,
    bypassLocal: bypass ? bypass.value.trim().toLowerCase() === 'true' : null,
  };
}

export function ensureProxy(text: string, settings: ProxySettings): string {
  const root = parseConfigRoot(text);
  const systemNet = single(root, 'system.net');
  const proxyBlock: Block = [
    [0, '<defaultProxy enabled="true" useDefaultCredentials="true">'],
    [1, proxyLine(settings)],
    [0, '</defaultProxy>'],
  ];
  if (!systemNet) return insertLastChild(text, root, root, [[0, '<system.net>'], ...proxyBlock.map(([d, l]): [number, string] => [d + 1, l]), [0, '</system.net>']]);
  const defaultProxy = single(systemNet, 'defaultProxy');
  if (!defaultProxy) return insertLastChild(text, root, systemNet, proxyBlock);
  const enabled = attr(defaultProxy, 'enabled');
  const proxy = single(defaultProxy, 'proxy');
  const wanted = { proxyaddress: settings.url, bypassonlocal: String(settings.bypassLocal) };
  // Later offsets first, so earlier ones stay valid.
  let out = proxy ? setAttributes(text, proxy, wanted) : text;
  if (enabled && enabled.value.trim().toLowerCase() !== 'true') out = setAttributes(out, defaultProxy, { enabled: 'true' });
  if (proxy) return out;
  const reparsed = parseConfigRoot(out);
  return insertFirstChild(out, reparsed, single(single(reparsed, 'system.net'), 'defaultProxy')!, [[0, proxyLine(settings)]]);
}

export function removeProxy(text: string): string {
  const systemNet = single(parseConfigRoot(text), 'system.net');
  const defaultProxy = single(systemNet, 'defaultProxy');
  if (!defaultProxy) return text;
  const out = removeElement(text, defaultProxy);
  const after = single(parseConfigRoot(out), 'system.net')!;
  return isEmptyShell(out, after) ? removeElement(out, after) : out;
}
