import type { ProxySettings } from '../../config/edit-proxy.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';

/**
 * fips-exception:
 *   auto   add the exception only when the server's FIPS policy is on; otherwise leave the file alone
 *   add    always ensure it          remove  take it out again          leave  do not touch it
 */
export const FIPS_EXCEPTION_MODES = ['auto', 'add', 'remove', 'leave'] as const;
export type FipsExceptionMode = (typeof FIPS_EXCEPTION_MODES)[number];

export interface SetFipsSettings {
  fipsException: FipsExceptionMode;
  /** Ensure this proxy, remove any, or (undefined) leave the proxy part alone. */
  proxy: ProxySettings | 'remove' | undefined;
  /** Undefined: the default folder under %ProgramFiles%. */
  installDir: string | undefined;
  restartAgent: boolean;
  restartTimeoutSeconds: number;
  backupsToKeep: number;
}

function readProxyUrl(inputs: Inputs): string | undefined {
  const raw = inputs.raw('proxy-url');
  if (raw === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // Not a URL: url stays undefined and the value is refused below.
  }
  // Credentials in the URL would end up in a world-readable file: refuse without echoing the value.
  if (url && (url.username || url.password)) {
    throw new InputError('proxy-url', 'must not contain a user name or password; the agent authenticates to the proxy as its service account (useDefaultCredentials).');
  }
  const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  if (!/^[\x21-\x7e]+$/.test(raw) || !url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
    throw new InputError('proxy-url', `must be an http:// or https:// URL such as http://proxy.contoso.com:8080 (ASCII, no spaces); got '${shown}'.`);
  }
  return raw;
}

export function readSetFipsSettings(inputs: Inputs): SetFipsSettings {
  const fipsException = inputs.choice('fips-exception', FIPS_EXCEPTION_MODES, 'auto');
  const url = readProxyUrl(inputs);
  const removeProxy = inputs.bool('remove-proxy', false);
  if (url && removeProxy) throw new InputError('remove-proxy', "cannot be 'true' while 'proxy-url' is set; choose one.");
  const bypassLocal = inputs.bool('proxy-bypass-local', true);
  const installDir = inputs.folder('install-dir') || undefined;
  return {
    fipsException,
    proxy: url ? { url, bypassLocal } : removeProxy ? 'remove' : undefined,
    installDir,
    restartAgent: inputs.bool('restart-agent', true),
    restartTimeoutSeconds: inputs.integer('restart-timeout-seconds', 120, 5, 3600),
    backupsToKeep: inputs.integer('backups-to-keep', 5, 1, 100),
  };
}

/** In the root action's automatic mode the step runs unless told to leave both parts alone. */
export function setFipsRequested(inputs: Inputs): boolean {
  return inputs.raw('fips-exception').toLowerCase() !== 'leave' || inputs.has('proxy-url') || inputs.bool('remove-proxy', false);
}
