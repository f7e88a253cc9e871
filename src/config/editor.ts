/**
 * The lossless editor of the agent's AADConnectProvisioningAgent.exe.config: bytes in, bytes out,
 * and nothing but the requested elements differs. Pure: no file access (see safe-write.ts).
 *
 * Guarantees, each checked here rather than assumed:
 *  - the input is refused (ConfigFormatError) unless it decodes losslessly, is well-formed XML
 *    (fast-xml-parser plus xml-tree's stricter checks) and has a <configuration> root;
 *  - BOM, encoding, line endings, indentation, comments, attribute order and quoting are kept,
 *    because edits splice new text in at computed offsets and never re-serialise the document;
 *  - the result is parsed again and must show the requested state, or nothing is returned;
 *  - the same request on its own result changes nothing (idempotent).
 *
 * Exact undo: several files map to the same edited file (`<runtime/>` and no runtime both become a
 * runtime holding the element; enabled="true" and a missing element both become enabled="false").
 * So a removal first looks at `history` (earlier versions of the file, e.g. the backups, newest
 * first): a version that lacks what is being removed and that the opposite edit turns into exactly
 * the current text is the file before the step changed it, and is restored byte for byte.
 * Otherwise removal is structural (edit-fips.ts / edit-proxy.ts).
 */
import { ensureFipsException, readFips, removeFipsException, type FipsState } from './edit-fips.js';
import { ensureProxy, readProxy, removeProxy, type ProxySettings, type ProxyState } from './edit-proxy.js';
import { decodeConfig, encodeConfig, type DecodedConfig } from './text-style.js';
import { parseConfigRoot } from './xml-tree.js';

export interface ConfigRequest {
  /** 'present': ensure enforceFIPSPolicy enabled="false"; 'absent': no exception left; undefined: leave it. */
  fips?: 'present' | 'absent';
  /** Settings: ensure this defaultProxy; 'absent': take it out; undefined: leave it. */
  proxy?: ProxySettings | 'absent';
}

export interface ConfigEditResult {
  changed: boolean;
  before: DecodedConfig;
  after: DecodedConfig;
  bytes: Buffer;
  fips: FipsState;
  proxy: ProxyState;
  /** True when a removal restored an earlier version from history. */
  restoredFromHistory: boolean;
}

/** The config .NET would read if the file were missing, as a file: used when an upgrade deleted it. */
export function minimalConfig(): Buffer {
  return Buffer.from('<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n</configuration>\r\n', 'utf8');
}

function applyPresent(text: string, request: ConfigRequest): string {
  let out = text;
  if (request.fips === 'present') out = ensureFipsException(out);
  if (request.proxy && request.proxy !== 'absent') out = ensureProxy(out, request.proxy);
  return out;
}

function removalsOnly(text: string, request: ConfigRequest): string {
  let out = text;
  if (request.fips === 'absent') out = removeFipsException(out);
  if (request.proxy === 'absent') out = removeProxy(out);
  return out;
}

/** An earlier version that the opposite of the requested removals turns into exactly `text`. */
function findPreImage(text: string, request: ConfigRequest, history: DecodedConfig[], current: DecodedConfig): string | undefined {
  const inverse: ConfigRequest = {};
  if (request.fips === 'absent') inverse.fips = 'present';
  if (request.proxy === 'absent') {
    const proxy = readProxy(text);
    if (proxy.url === null || proxy.bypassLocal === null) return undefined;
    inverse.proxy = { url: proxy.url, bypassLocal: proxy.bypassLocal };
  }
  for (const earlier of history) {
    if (earlier.encoding !== current.encoding || earlier.bom !== current.bom) continue;
    try {
      // A version that still has what is being removed (the current one among them) is no candidate.
      if (request.fips === 'absent' && readFips(earlier.text).exception) continue;
      if (request.proxy === 'absent' && readProxy(earlier.text).present) continue;
      if (applyPresent(earlier.text, inverse) === text) return earlier.text;
    } catch {
      // A history version that does not parse is simply not a candidate.
    }
  }
  return undefined;
}

function assertReached(text: string, request: ConfigRequest): { fips: FipsState; proxy: ProxyState } {
  parseConfigRoot(text);
  const fips = readFips(text);
  const proxy = readProxy(text);
  const fipsOk = request.fips === undefined || (request.fips === 'present' ? fips.exception : !fips.exception);
  const proxyOk = request.proxy === undefined || (request.proxy === 'absent' ? !proxy.present : proxy.present && proxy.url === request.proxy.url && proxy.bypassLocal === request.proxy.bypassLocal);
  if (!fipsOk || !proxyOk) throw new Error('The config edit did not reach the requested state; the file was not written.');
  return { fips, proxy };
}

export function editConfig(bytes: Buffer, request: ConfigRequest, history: Buffer[] = []): ConfigEditResult {
  const before = decodeConfig(bytes);
  parseConfigRoot(before.text);
  let text = removalsOnly(before.text, request);
  let restoredFromHistory = false;
  if (text !== before.text) {
    const decodedHistory = history.flatMap((h) => {
      try {
        return [decodeConfig(h)];
      } catch {
        return [];
      }
    });
    const earlier = findPreImage(before.text, request, decodedHistory, before);
    if (earlier !== undefined) {
      text = earlier;
      restoredFromHistory = true;
    }
  }
  text = applyPresent(text, request);
  const state = assertReached(text, request);
  const after: DecodedConfig = { ...before, text };
  const out = encodeConfig(after);
  return { changed: !out.equals(bytes), before, after, bytes: out, ...state, restoredFromHistory };
}

/** What the file says now, without changing anything. */
export function inspectConfig(bytes: Buffer): { fips: FipsState; proxy: ProxyState } {
  const { text } = decodeConfig(bytes);
  parseConfigRoot(text);
  return { fips: readFips(text), proxy: readProxy(text) };
}
