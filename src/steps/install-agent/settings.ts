import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENTS, INSTALLER_DOWNLOAD_HINT, PUBLIC_CLOUD, PUBLIC_INSTALLER_URL, type Environment } from '../../agent/facts.js';
import { readConnectivitySettings } from '../../network/settings.js';
import type { ConnectivitySettings } from '../../network/check.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import { isVersion, normalizeVersion } from '../../shared/version.js';

export const PREFLIGHT_MODES = ['fail', 'warn', 'skip'] as const;
export type PreflightMode = (typeof PREFLIGHT_MODES)[number];

export type InstallerSource = { kind: 'url'; url: string; isDefault: boolean } | { kind: 'path'; path: string };

export interface InstallSettings {
  installer: InstallerSource;
  /** Lower-case hex, or undefined when not pinned. */
  sha256?: string;
  /** Four-part version the installer must be, or undefined. */
  version?: string;
  allowDowngrade: boolean;
  preflight: PreflightMode;
  environment: Environment;
  /** Agent folder to look in; undefined: the default under %ProgramFiles%. */
  installDir?: string;
  /** How many times to retry when another installation is running (exit code 1618). */
  installRetries: number;
  retryDelaySeconds: number;
  /** How long a downloaded installer is reused without a pin (sha256 or version); 0: always download. */
  cacheHours: number;
  /** Outbound endpoints probed in preflight. */
  connectivity: ConnectivitySettings;
  /** Put the previous version back when an upgrade fails (needs its installer in the runner's cache). */
  rollback: boolean;
}

/** A Windows path (C:\x, \\server\share\x), a POSIX absolute path, or a relative path starting with . */
const PATH_PATTERN = /^([a-zA-Z]:[\\/]|\\\\[^\\/]+[\\/]|\/|\.{1,2}[\\/])/;

export function parseInstallerSource(value: string, environment: Environment): InstallerSource {
  if (value === '') {
    // Only the public cloud has a documented direct link; a guessed government link could install the wrong cloud's agent.
    if (environment !== PUBLIC_CLOUD) throw new InputError('installer', `is required when environment is ${environment} (no download link is documented for it): ${INSTALLER_DOWNLOAD_HINT}.`);
    return { kind: 'url', url: PUBLIC_INSTALLER_URL, isDefault: true };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InputError('installer', `is not a valid URL: '${value}'.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError('installer', `must be an http(s) URL or a file path; got a ${url.protocol.replace(':', '')} URL.`);
    }
    if (url.username || url.password) throw new InputError('installer', 'must not carry credentials in the URL.');
    return { kind: 'url', url: url.toString(), isDefault: false };
  }
  if (PATH_PATTERN.test(value) && !/[<>"|?*\0]/.test(value.replace(/^\\\\\?\\/, ''))) {
    const file = path.resolve(value);
    // The runner is the server: a missing file is bad input, caught before anything runs.
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError('installer', `names a file that does not exist: '${file}'.`);
    return { kind: 'path', path: file };
  }
  throw new InputError('installer', `must be an http(s) URL or a file path (absolute, or starting with ./); got '${value.slice(0, 60)}'.`);
}

export function readInstallSettings(inputs: Inputs): InstallSettings {
  const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
  const installer = parseInstallerSource(inputs.text('installer'), environment);
  const sha256 = inputs.text('installer-sha256', { pattern: /^[0-9a-fA-F]{64}$/, describe: 'a SHA-256 hash (64 hexadecimal characters)' });
  const version = inputs.text('version');
  if (version && !isVersion(version)) throw new InputError('version', `must be a version like 1.1.2505.0; got '${version.slice(0, 60)}'.`);
  const installDir = inputs.text('install-dir');
  return {
    installer,
    sha256: sha256 ? sha256.toLowerCase() : undefined,
    version: version ? normalizeVersion(version) : undefined,
    allowDowngrade: inputs.bool('allow-downgrade', false),
    preflight: inputs.choice('preflight', PREFLIGHT_MODES, 'fail'),
    environment,
    installDir: installDir || undefined,
    installRetries: inputs.integer('install-retries', 5, 0, 50),
    retryDelaySeconds: inputs.integer('retry-delay-seconds', 30, 0, 3600),
    cacheHours: inputs.integer('installer-cache-hours', 24, 0, 8760),
    connectivity: readConnectivitySettings(inputs, environment),
    rollback: inputs.bool('rollback', false),
  };
}
