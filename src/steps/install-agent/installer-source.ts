import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { INSTALLER_FILE } from '../../agent/facts.js';
import { errorMessage, InputError, StepError } from '../../shared/errors.js';
import type { SessionLogger } from '../../powershell/session.js';
import { shownValue } from '../../shared/inputs.js';
import { sha256File } from './file-hash.js';
import type { InstallSettings } from './settings.js';

/** The tool cache and its HTTP stack are loaded on first use: most runs never download. */
const toolCache = () => import('@actions/tool-cache');

/** Tool-cache name of downloaded installers; one entry per URL. */
export const CACHE_TOOL = 'entra-provisioning-agent-installer';
const META_FILE = 'installer.json';

/** What the cache entry remembers about the verified file it holds. */
export interface CacheMeta {
  url: string;
  sha256: string;
  version: string;
  fetchedAt: string;
}

export interface LocatedInstaller {
  path: string;
  sha256: string;
  origin: 'path' | 'cache' | 'download';
  url?: string;
  /** Folder of a fresh download (removed after caching). */
  downloadDir?: string;
}

/** tool-cache wants a semver "version": the URL's hash becomes a pre-release tag. */
export function cacheVersion(url: string): string {
  return `0.0.0-u${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

/**
 * Whether a cached installer may stand in for a download. A pin (sha256, or the exact version)
 * makes the entry content-addressed and good forever; without one, the URL (Microsoft's link has
 * no version in it) may serve a newer installer any day, so the entry is trusted for cacheHours.
 */
export function cacheIsFresh(meta: CacheMeta, settings: Pick<InstallSettings, 'sha256' | 'version' | 'cacheHours'>, now = Date.now()): boolean {
  if (settings.sha256) return meta.sha256 === settings.sha256;
  if (settings.version) return meta.version === settings.version;
  const age = now - Date.parse(meta.fetchedAt);
  return Number.isFinite(age) && age >= 0 && age < settings.cacheHours * 3_600_000;
}

function readMeta(folder: string): CacheMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(path.join(folder, META_FILE), 'utf8')) as CacheMeta;
    return typeof meta.sha256 === 'string' && typeof meta.fetchedAt === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}

function checkPin(sha256: string, settings: InstallSettings, where: string): void {
  if (settings.sha256 && sha256 !== settings.sha256) {
    throw new StepError(`The installer's SHA-256 is ${sha256} but input 'installer-sha256' pins ${settings.sha256} (${where}); it was not run.`, 'InstallerHashMismatch');
  }
}

/**
 * The installer this runner cached for the URL, when still fresh, without hashing or downloading:
 * what was recorded when the file passed the signature check. Enough to know that nothing needs
 * installing (nothing is run on the strength of it; an install goes through locateInstaller).
 */
export async function peekCachedInstaller(settings: InstallSettings): Promise<CacheMeta | undefined> {
  if (settings.installer.kind !== 'url') return undefined;
  const url = settings.installer.url;
  const tc = await toolCache();
  const cached = tc.find(CACHE_TOOL, cacheVersion(url));
  if (!cached) return undefined;
  const meta = readMeta(cached);
  if (!meta || meta.url !== url || !existsSync(path.join(cached, INSTALLER_FILE)) || !cacheIsFresh(meta, settings)) return undefined;
  return meta;
}

/**
 * Finds the installer: a local path is used in place; a URL comes from the tool cache when a
 * verified copy is there and still fresh, else it is downloaded (with retries). Every file is
 * hashed here and checked against the pin. Nothing is cached yet: that waits for the signature.
 */
export async function locateInstaller(settings: InstallSettings, log: SessionLogger): Promise<LocatedInstaller> {
  const source = settings.installer;
  if (source.kind === 'path') {
    if (!existsSync(source.path) || !statSync(source.path).isFile()) {
      throw new InputError('installer', `names a file that does not exist: ${shownValue(source.path, 200)}.`);
    }
    const sha256 = await sha256File(source.path);
    checkPin(sha256, settings, source.path);
    return { path: source.path, sha256, origin: 'path' };
  }

  const url = source.url;
  const tc = await toolCache();
  const cached = tc.find(CACHE_TOOL, cacheVersion(url));
  if (cached) {
    const meta = readMeta(cached);
    const file = path.join(cached, INSTALLER_FILE);
    if (meta && meta.url === url && existsSync(file) && cacheIsFresh(meta, settings)) {
      const sha256 = await sha256File(file);
      if (sha256 === meta.sha256) {
        log.info(`Using the installer cached on this runner (downloaded ${meta.fetchedAt}, version ${meta.version}).`);
        return { path: file, sha256, origin: 'cache', url };
      }
      log.warning(`The cached installer at ${file} no longer matches its recorded SHA-256; downloading it again.`);
    }
  }

  const downloadDir = path.join(process.env.RUNNER_TEMP || tmpdir(), `agent-installer-${randomUUID()}`);
  mkdirSync(downloadDir, { recursive: true });
  const file = path.join(downloadDir, INSTALLER_FILE);
  log.info(`Downloading the installer from ${url}`);
  try {
    await tc.downloadTool(url, file);
  } catch (error) {
    rmSync(downloadDir, { recursive: true, force: true });
    const status = error instanceof tc.HTTPError && error.httpStatusCode ? `HTTP ${error.httpStatusCode}` : errorMessage(error);
    throw new StepError(`Downloading the installer from ${url} failed: ${status}.`, 'InstallerDownloadFailed');
  }
  const sha256 = await sha256File(file);
  try {
    checkPin(sha256, settings, url);
  } catch (error) {
    rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  }
  return { path: file, sha256, origin: 'download', url, downloadDir };
}

/** Keeps a verified download in the tool cache (and returns the cached file), so the next run on this runner downloads nothing. */
export async function cacheInstaller(located: LocatedInstaller, version: string): Promise<string> {
  if (located.origin !== 'download' || !located.url || !located.downloadDir) return located.path;
  const meta: CacheMeta = { url: located.url, sha256: located.sha256, version, fetchedAt: new Date().toISOString() };
  writeFileSync(path.join(located.downloadDir, META_FILE), JSON.stringify(meta, null, 2));
  const tc = await toolCache();
  const folder = await tc.cacheDir(located.downloadDir, CACHE_TOOL, cacheVersion(located.url));
  rmSync(located.downloadDir, { recursive: true, force: true });
  return path.join(folder, INSTALLER_FILE);
}

/**
 * Removes a cached installer that was refused (e.g. its signature no longer verifies), so the next
 * attempt downloads it again instead of refusing the same file on every later run. The tool cache
 * keeps an entry as <tool>/<version>/<arch>/ plus a `<arch>.complete` marker beside that folder.
 */
export function evictCachedInstaller(located: LocatedInstaller): void {
  if (located.origin !== 'cache') return;
  const folder = path.dirname(located.path);
  rmSync(`${folder}.complete`, { force: true });
  rmSync(folder, { recursive: true, force: true });
}

/** Removes a download that will not be kept (plan mode, or a refused file). */
export function discardDownload(located: LocatedInstaller): void {
  if (located.origin === 'download' && located.downloadDir) rmSync(located.downloadDir, { recursive: true, force: true });
}
