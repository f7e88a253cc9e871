/**
 * One run at a time edits the agent config: an exclusive lock around read-modify-write, so two runs
 * (two workflows on one runner, a retried job) can never both read the same file and each write back
 * only their own edit.
 *
 * The lock is a file beside the config, `.<config>.lock`, created with exclusive create ('wx': atomic
 * on NTFS and POSIX file systems alike) and holding the holder's pid, host and start time. It dies with
 * its process: a waiter that finds the holder gone (process.kill(pid, 0) fails with ESRCH; this works
 * on Windows too) takes the lock over, so a run killed mid-edit blocks nobody. A lock older than any
 * edit can take (MAX_AGE_MS) is also taken over, in case its pid was reused by another process.
 * Why not an OS lock or a library: Node has no portable byte-range or flock lock, and lock libraries
 * such as proper-lockfile judge a dead holder by the age of an mtime it refreshes on a timer, so a
 * killed run would block the next for that stale period; the pid check frees the lock at once.
 * The loser waits (bounded, saying for whom) and then fails in one line.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { StepError } from '../shared/errors.js';

interface Holder {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface ConfigLock {
  readonly path: string;
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another run's lock before failing (default 60 s). */
  waitMs?: number;
  /** Told once when this run starts to wait. */
  onWait?: (holder: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function lockPathFor(configPath: string): string {
  return path.join(path.dirname(configPath), `.${path.basename(configPath)}.lock`);
}

function readHolder(file: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Holder;
    return Number.isInteger(value.pid) && typeof value.token === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock at file may be taken over; false while its holder may still be editing. */
function abandoned(file: string, holder: Holder | undefined): boolean {
  /** An edit reads, writes a backup and a temp file and renames: seconds. A lock this old is abandoned. */
  const MAX_AGE_MS = 10 * 60_000;
  /** A holder writes its details right after creating the file; an empty lock older than this lost its holder. */
  const EMPTY_GRACE_MS = 5_000;
  let age: number;
  try {
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    // Gone already (its holder let go): nothing to move aside, and the next create attempt takes it
    // at once rather than waiting, or failing as busy when no wait is allowed.
    return true;
  }
  if (!holder) return age > EMPTY_GRACE_MS;
  return age > MAX_AGE_MS || (holder.host === hostname() && !alive(holder.pid));
}

function describe(holder: Holder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host} since ${holder.since}` : 'a process that has not said who it is yet';
}

/** Moves an abandoned lock aside, unless another waiter replaced it in the meantime. */
function takeOver(file: string, seen: Holder | undefined): void {
  const aside = `${file}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  if (seen && moved?.token !== seen.token) {
    // Not the lock judged abandoned (a new holder took it in between): put it back.
    try {
      renameSync(aside, file);
      return;
    } catch {
      // fall through: drop it rather than leave debris
    }
  }
  rmSync(aside, { force: true });
}

/** Takes the config's lock, waiting (bounded) for another run that holds it. */
export async function lockConfig(configPath: string, options: LockOptions = {}): Promise<ConfigLock> {
  const file = lockPathFor(configPath);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + (options.waitMs ?? 60_000);
  let told = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      return {
        path: file,
        release: () => {
          if (readHolder(file)?.token === me.token) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (abandoned(file, holder)) {
      takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const waited = Math.round((options.waitMs ?? 60_000) / 1000);
      throw new StepError(
        `${configPath} is being edited by another run (${describe(holder)}); waited ${waited} s. Run again once it has finished, or delete ${file} if no run is active.`,
        'ConfigBusy',
      );
    }
    if (!told) {
      told = true;
      options.onWait?.(describe(holder));
    }
    await sleep(Math.min(50 * attempt, 500));
  }
}
