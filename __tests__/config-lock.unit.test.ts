// The config lock (src/config/config-lock.ts) as unit tests: who waits, who takes over, what the
// loser is told. Lock files are written by hand here, as another run would leave them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { lockConfig, lockPathFor } from '../src/config/config-lock.js';
import { StepError } from '../src/shared/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'config-lock-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
let n = 0;
const NAME = 'AADConnectProvisioningAgent.exe.config';
const newConfig = () => {
  const file = path.join(dir, `case${++n}`, NAME);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '<configuration/>');
  return file;
};
const lockFile = (config: string) => path.join(path.dirname(config), `.${NAME}.lock`);
const writeLock = (config: string, content: string, ageMs = 0) => {
  writeFileSync(lockFile(config), content);
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(lockFile(config), when, when);
};
const holder = (pid: number, host = hostname(), token = 'theirs') => JSON.stringify({ pid, host, since: '2026-12-03T10:00:00.000Z', token });
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const failure = (config: string, waitMs: number, onWait?: (h: string) => void) =>
  lockConfig(config, { waitMs, onWait }).then(
    () => {
      throw new Error('the lock was taken');
    },
    (e: unknown) => e as StepError,
  );

describe('lock file', () => {
  it('lives beside the config as .<name>.lock', () => {
    expect(lockPathFor(path.join('/srv', 'agent', 'a.config'))).toBe(path.join('/srv', 'agent', '.a.config.lock'));
  });

  it('holds who took it: pid, host, start time and a token', async () => {
    const config = newConfig();
    const before = Date.now();
    const lock = await lockConfig(config);
    expect(lock.path).toBe(lockFile(config));
    const content = JSON.parse(readFileSync(lockFile(config), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(content).sort()).toEqual(['host', 'pid', 'since', 'token']);
    expect(content.pid).toBe(process.pid);
    expect(content.host).toBe(hostname());
    expect(Date.parse(content.since as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(content.token).toMatch(/^[0-9a-f]{16}$/);
    lock.release();
    expect(readdirSync(path.dirname(config))).toEqual([NAME]);
  });

  it('release leaves alone a lock another run holds now', async () => {
    const config = newConfig();
    const mine = await lockConfig(config);
    writeFileSync(lockFile(config), holder(process.pid, hostname(), 'someone-else'));
    mine.release();
    expect(readFileSync(lockFile(config), 'utf8')).toBe(holder(process.pid, hostname(), 'someone-else'));
  });

  it('fails at once, with the cause, when the folder does not exist', async () => {
    const config = path.join(dir, 'missing-folder', NAME);
    await expect(lockConfig(config, { waitMs: 5000 })).rejects.toThrow(/ENOENT/);
    await expect(lockConfig(config, { waitMs: 5000 })).rejects.not.toBeInstanceOf(StepError);
  });
});

describe('a held lock', () => {
  it('makes the second run wait, tell once for whom, and fail in one line', async () => {
    const config = newConfig();
    writeLock(config, holder(process.pid));
    const told: string[] = [];
    const error = await failure(config, 300, (h) => told.push(h));
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe('ConfigBusy');
    expect(error.message).toBe(
      `${config} is being edited by another run (pid ${process.pid} on ${hostname()} since 2026-12-03T10:00:00.000Z); waited 0 s. Run again once it has finished, or delete ${lockFile(config)} if no run is active.`,
    );
    expect(told).toEqual([`pid ${process.pid} on ${hostname()} since 2026-12-03T10:00:00.000Z`]);
    expect(readFileSync(lockFile(config), 'utf8')).toBe(holder(process.pid));
  });

  it('says how long it waited, in whole seconds', async () => {
    const config = newConfig();
    writeLock(config, holder(process.pid));
    expect((await failure(config, 1600)).message).toContain('; waited 2 s.');
  });

  it('waits 60 s by default', async () => {
    const config = newConfig();
    writeLock(config, holder(process.pid));
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let settled: StepError | undefined;
    void lockConfig(config).catch((e: unknown) => (settled = e as StepError));
    await vi.advanceTimersByTimeAsync(58_000);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(settled?.message).toContain('; waited 60 s.');
  });

  it('is taken soon after its holder lets go', async () => {
    const config = newConfig();
    writeLock(config, holder(process.pid));
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let taken = false;
    const waiting = lockConfig(config, { waitMs: 10_000 }).then((lock) => {
      taken = true;
      return lock;
    });
    await vi.advanceTimersByTimeAsync(120);
    expect(taken).toBe(false);
    rmSync(lockFile(config));
    await vi.advanceTimersByTimeAsync(250);
    expect(taken).toBe(true);
    (await waiting).release();
  });

  it('names no holder while the holder has not written its details yet', async () => {
    const config = newConfig();
    writeLock(config, '', 1000);
    expect((await failure(config, 0)).message).toContain('(a process that has not said who it is yet)');
  });

  it('is not taken from a live process on another host, nor from a process this account may not signal', async () => {
    const config = newConfig();
    writeLock(config, holder(deadPid(), 'OTHER-HOST'));
    expect((await failure(config, 0)).message).toContain(' on OTHER-HOST since ');
    const other = newConfig();
    writeLock(other, holder(999_999));
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    });
    expect((await failure(other, 0)).message).toContain('(pid 999999 on ');
  });
});

describe('an abandoned lock is taken over', () => {
  const takes = async (config: string) => {
    const told: string[] = [];
    const lock = await lockConfig(config, { waitMs: 0, onWait: (h) => told.push(h) });
    expect(told).toEqual([]);
    const token = (JSON.parse(readFileSync(lockFile(config), 'utf8')) as { token: string }).token;
    expect(token).not.toBe('theirs');
    lock.release();
    expect(readdirSync(path.dirname(config))).toEqual([NAME]);
  };

  it('when its process on this host is gone', async () => {
    const config = newConfig();
    writeLock(config, holder(deadPid()));
    await takes(config);
  });

  it('when it is older than 10 minutes, whoever holds it', async () => {
    const config = newConfig();
    writeLock(config, holder(process.pid), 11 * 60_000);
    await takes(config);
    const young = newConfig();
    writeLock(young, holder(process.pid), 9 * 60_000);
    expect((await failure(young, 0)).code).toBe('ConfigBusy');
  });

  it('when it names no holder and is older than 5 s', async () => {
    for (const content of ['', 'not json', JSON.stringify({ pid: 'x', token: 't' }), JSON.stringify({ pid: 1 })]) {
      const config = newConfig();
      writeLock(config, content, 6000);
      await takes(config);
      const young = newConfig();
      writeLock(young, content, 3000);
      expect((await failure(young, 0)).message).toContain('(a process that has not said who it is yet)');
    }
  });
});
