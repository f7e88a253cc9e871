// The config lock's take-over (src/config/config-lock.ts) racing another waiter: between judging a
// lock abandoned and moving it aside, another run may take it over first (the lock moved away) or
// take it anew (a live lock in its place). node:fs's rename is wrapped so the race happens exactly
// there; everything else is the real file system.
import { spawnSync } from 'node:child_process';
import { tmpdir, hostname } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const race = vi.hoisted(() => ({
  beforeRename: undefined as undefined | ((from: string, to: string) => void),
  beforeStat: undefined as undefined | ((file: string) => void),
  renames: [] as [string, string][],
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      race.renames.push([from, to]);
      const hook = race.beforeRename;
      race.beforeRename = undefined;
      hook?.(from, to);
      fs.renameSync(from, to);
    },
    statSync: ((file: string, options?: object) => {
      const hook = race.beforeStat;
      race.beforeStat = undefined;
      hook?.(file);
      return fs.statSync(file, options);
    }) as typeof fs.statSync,
  };
});

const fs = await vi.importActual<typeof import('node:fs')>('node:fs');
const { lockConfig, lockPathFor } = await import('../src/config/config-lock.js');

const dirs: string[] = [];
afterEach(() => {
  race.beforeRename = race.beforeStat = undefined;
  race.renames = [];
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
const newConfig = () => {
  const d = fs.mkdtempSync(path.join(tmpdir(), 'config-lock-race-'));
  dirs.push(d);
  const file = path.join(d, 'agent.config');
  fs.writeFileSync(file, '<configuration/>');
  return file;
};
const holder = (pid: number, token: string) => JSON.stringify({ pid, host: hostname(), since: '2026-12-03T10:00:00.000Z', token });
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('taking over an abandoned lock', () => {
  it('moves it aside beside the lock and deletes it', async () => {
    const config = newConfig();
    fs.writeFileSync(lockPathFor(config), holder(deadPid(), 'dead'));
    const lock = await lockConfig(config, { waitMs: 0 });
    expect(race.renames).toHaveLength(1);
    const [from, to] = race.renames[0];
    expect(from).toBe(lockPathFor(config));
    expect(path.dirname(to)).toBe(path.dirname(config));
    expect(path.basename(to)).toMatch(/^\.agent\.config\.lock\.[0-9a-f]{8}\.stale$/);
    lock.release();
    expect(fs.readdirSync(path.dirname(config))).toEqual(['agent.config']);
  });

  it('puts back a live lock another run took in the meantime, and waits for it', async () => {
    const config = newConfig();
    const file = lockPathFor(config);
    fs.writeFileSync(file, holder(deadPid(), 'dead'));
    race.beforeRename = () => fs.writeFileSync(file, holder(process.pid, 'new-holder'));
    const error = await lockConfig(config, { waitMs: 0 }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toContain(`is being edited by another run (pid ${process.pid} on `);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ token: 'new-holder' });
    expect(fs.readdirSync(path.dirname(config)).sort()).toEqual(['.agent.config.lock', 'agent.config']);
  });

  it('goes on when another waiter moved the lock away first', async () => {
    const config = newConfig();
    const file = lockPathFor(config);
    fs.writeFileSync(file, holder(deadPid(), 'dead'));
    race.beforeRename = () => fs.rmSync(file);
    const lock = await lockConfig(config, { waitMs: 0 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(fs.readdirSync(path.dirname(config))).toEqual(['agent.config']);
  });

  it('goes on at once when the holder let go between reading the lock and judging its age', async () => {
    const config = newConfig();
    const file = lockPathFor(config);
    fs.writeFileSync(file, holder(process.pid, 'live'));
    race.beforeStat = (f) => {
      if (f === file) fs.rmSync(file);
    };
    // No wait allowed: the lock is free when its age is read, so this run takes it, not ConfigBusy.
    const lock = await lockConfig(config, { waitMs: 0 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, token: expect.not.stringMatching(/^live$/) });
    lock.release();
    expect(fs.readdirSync(path.dirname(config))).toEqual(['agent.config']);
  });
});
