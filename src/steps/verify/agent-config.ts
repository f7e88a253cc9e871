import { readFile } from 'node:fs/promises';
import { inspectConfig } from '../../config/editor.js';
import { ConfigFormatError } from '../../config/errors.js';

/** What verify needs from AADConnectProvisioningAgent.exe.config (read-only; edits live elsewhere). */
export interface AgentConfigFacts {
  exists: boolean;
  /** Set when the file exists but cannot be read as a config; completes "<path> ..." (e.g. "is not well-formed XML (...)"). */
  error?: string;
  /** configuration/runtime/enforceFIPSPolicy with enabled="false". */
  fipsException: boolean;
  /** configuration/system.net/defaultProxy/proxy/@proxyaddress (decoded) when the default proxy is not disabled. */
  proxyAddress: string | null;
}

/**
 * Reads the facts from the file's bytes with the editor's own reader (src/config/editor.ts): the
 * same decoding (UTF-8 or UTF-16, with or without BOM), the same XML checks and the same decoded
 * attribute values, so verify never judges a file differently from how set-fips edits it.
 */
export function configFacts(content: Buffer | string): AgentConfigFacts {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  try {
    const { fips, proxy } = inspectConfig(bytes);
    return { exists: true, fipsException: fips.exception, proxyAddress: proxy.present && proxy.enabled ? proxy.url : null };
  } catch (error) {
    if (!(error instanceof ConfigFormatError)) throw error;
    return { exists: true, error: error.reason, fipsException: false, proxyAddress: null };
  }
}

export async function readAgentConfig(path: string): Promise<AgentConfigFacts> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, fipsException: false, proxyAddress: null };
    return { exists: true, error: `is unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fipsException: false, proxyAddress: null };
  }
  return configFacts(bytes);
}
