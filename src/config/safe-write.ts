/**
 * Replacing the agent's config on disk without ever leaving a half-written file:
 *  - the original is first copied to `<config>.<UTC yyyyMMddTHHmmssZ>.bak` beside it (the newest
 *    `keep` backups are kept, older ones deleted);
 *  - the new bytes go to a temporary file in the same folder (same volume, so the rename is atomic),
 *    flushed to disk, then renamed over the config; a rename refused because the file is locked
 *    (EPERM/EBUSY/EACCES on Windows) is retried for a bounded time, then reported in one line;
 *  - the result is read back and compared with what was meant to be written.
 * On Windows the replaced file takes the folder's inherited permissions (as the installer's does).
 */
import { accessSync, constants, closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, chmodSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { StepError } from '../shared/errors.js';

/** The codes Windows gives a rename onto a file another process holds open. */
function isLockedCode(code: string | undefined): boolean {
  return code === 'EPERM' || code === 'EBUSY' || code === 'EACCES';
}

function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function backupPattern(configPath: string): RegExp {
  const base = path.basename(configPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${base}\\.(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.bak$`);
}

/** The config's backups, newest first. */
export function listBackups(configPath: string): string[] {
  const pattern = backupPattern(configPath);
  const dir = path.dirname(configPath);
  // Newest first: by time stamp, then by the counter added for several backups in one second.
  const key = (name: string) => {
    const m = pattern.exec(name)!;
    return `${m[1]}${(m[2] ?? '0').padStart(6, '0')}`;
  };
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort((x, y) => (key(x) < key(y) ? 1 : key(x) > key(y) ? -1 : 0))
    .map((name) => path.join(dir, name));
}

function writeNew(file: string, bytes: Buffer, mode?: number): void {
  const fd = openSync(file, 'wx', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies the current bytes to a new timestamped backup; returns its path. */
export function writeBackup(configPath: string, original: Buffer, now = new Date()): string {
  const stem = `${configPath}.${backupStamp(now)}`;
  for (let n = 0; n < 100; n++) {
    const candidate = n === 0 ? `${stem}.bak` : `${stem}-${n}.bak`;
    try {
      writeNew(candidate, original);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new StepError(`Could not create a backup of ${configPath}: too many backups in the same second.`, 'BackupFailed');
}

export function pruneBackups(configPath: string, keep: number): string[] {
  const removed = listBackups(configPath).slice(keep);
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}

/** The temporary file a write of `file` uses: `.<name>.<12 hex>.tmp` beside it. */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Removes temporary files of our own naming beside the config, left by a run that was killed while
 * writing. Call only while holding the config's lock (config-lock.ts): then no write is in flight.
 */
export function removeStaleTemps(configPath: string): string[] {
  const base = path.basename(configPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.[0-9a-f]{12}\\.tmp$`);
  const dir = path.dirname(configPath);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!pattern.test(name)) continue;
    const file = path.join(dir, name);
    try {
      rmSync(file, { force: true });
      removed.push(file);
    } catch {
      // One we may not delete is reported by the next run again; it never blocks this one.
    }
  }
  return removed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ReplaceOptions {
  /** How long a locked file is retried, in total. */
  lockedRetryMs?: number;
}

/** Atomically replaces `file` with `bytes`; throws a StepError naming the cause. */
export async function replaceFileAtomically(file: string, bytes: Buffer, options: ReplaceOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = tempName(file);
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // No file yet: the new one gets the default permissions.
  }
  try {
    writeNew(temp, bytes, mode);
    if (mode !== undefined && process.platform !== 'win32') chmodSync(temp, mode);
  } catch (error) {
    // Never leave our temp file behind; one that already existed (EEXIST) is not ours to delete.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(temp, { force: true });
    throw new StepError(`Could not write a temporary file beside ${file}: ${(error as Error).message}`, 'ConfigWriteFailed');
  }
  const deadline = Date.now() + (options.lockedRetryMs ?? 10_000);
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(temp, file);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A read-only file refuses the same way a locked one does, but waiting will not help.
      const readOnly = isLockedCode(code) && !isWritable(file);
      if (isLockedCode(code) && !readOnly && Date.now() < deadline) {
        await sleep(Math.min(100 * attempt, 1000));
        continue;
      }
      rmSync(temp, { force: true });
      const why = readOnly ? `it is read-only, or this account may not write it (${code})` : isLockedCode(code) ? `it stayed locked by another process (${code})` : (error as Error).message;
      throw new StepError(`Could not replace ${file}: ${why}; the file was left as it was.`, 'ConfigLocked');
    }
  }
  if (process.platform !== 'win32') {
    try {
      const dirFd = openSync(dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    } catch {
      // Directory fsync is best effort (not every file system allows it).
    }
  }
  if (!readFileSync(file).equals(bytes)) throw new StepError(`${file} does not hold what was written; restore it from its newest .bak file.`, 'ConfigVerifyFailed');
}
