import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INSTALLER_FILE } from '../../agent/facts.js';
import { sha256File } from './file-hash.js';

const toolCache = () => import('@actions/tool-cache');

/**
 * Tool-cache name of installers kept per agent VERSION, so a rollback finds the previous version's
 * installer even when the next one came from the same URL (the per-URL entry is replaced then).
 */
export const ROLLBACK_TOOL = 'entra-provisioning-agent-installer-by-version';
const META_FILE = 'installer.json';

/** tool-cache wants semver: the four-part agent version becomes a pre-release tag. */
export function rollbackCacheVersion(version: string): string {
  return `0.0.0-v${version}`;
}

interface Meta {
  version: string;
  sha256: string;
  keptAt: string;
}

export interface RollbackInstaller {
  path: string;
  sha256: string;
  version: string;
}

/** The verified installer of `version` kept on this runner, re-hashed against what was recorded; undefined when none. */
export async function findRollbackInstaller(version: string): Promise<RollbackInstaller | undefined> {
  const tc = await toolCache();
  const folder = tc.find(ROLLBACK_TOOL, rollbackCacheVersion(version));
  if (!folder) return undefined;
  const file = path.join(folder, INSTALLER_FILE);
  try {
    const meta = JSON.parse(readFileSync(path.join(folder, META_FILE), 'utf8')) as Meta;
    if (meta.version !== version || !existsSync(file)) return undefined;
    const sha256 = await sha256File(file);
    return sha256 === meta.sha256 ? { path: file, sha256, version } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a copy of an installer that passed the signature check, keyed by its version (once per
 * version): what a later failed upgrade rolls back with.
 */
export async function keepForRollback(file: string, sha256: string, version: string): Promise<void> {
  const kept = await findRollbackInstaller(version);
  if (kept && kept.sha256 === sha256) return;
  const staging = path.join(process.env.RUNNER_TEMP || tmpdir(), `agent-rollback-${randomUUID()}`);
  mkdirSync(staging, { recursive: true });
  try {
    copyFileSync(file, path.join(staging, INSTALLER_FILE));
    const meta: Meta = { version, sha256, keptAt: new Date().toISOString() };
    writeFileSync(path.join(staging, META_FILE), JSON.stringify(meta, null, 2));
    const tc = await toolCache();
    await tc.cacheDir(staging, ROLLBACK_TOOL, rollbackCacheVersion(version));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
