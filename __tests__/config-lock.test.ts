import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pendingRestart } from '../src/agent/restart.js';
import type { ServerState } from '../src/agent/server-state.js';
import { lockConfig, lockPathFor } from '../src/config/config-lock.js';
import { removeStaleTemps } from '../src/config/safe-write.js';
import { StepError } from '../src/shared/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'config-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newConfig = () => {
  const file = path.join(dir, `case${++n}`, 'AADConnectProvisioningAgent.exe.config');
  rmSync(path.dirname(file), { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '<configuration/>');
  return file;
};

describe('config lock', () => {
  it('is exclusive: a second taker waits (saying for whom) and fails in one line when the holder stays', async () => {
    const config = newConfig();
    const held = await lockConfig(config);
    const told: string[] = [];
    const error = await lockConfig(config, { waitMs: 300, onWait: (h) => told.push(h) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).code).toBe('ConfigBusy');
    expect((error as Error).message).toMatch(
      new RegExp(`is being edited by another run \\(pid ${process.pid} on .+ since .+\\); waited 0 s\\. Run again once it has finished, or delete .+\\.lock if no run is active\\.$`),
    );
    expect((error as Error).message).not.toMatch(/\n/);
    expect(told).toEqual([expect.stringContaining(`pid ${process.pid}`)]);
    held.release();
    const next = await lockConfig(config, { waitMs: 300 });
    next.release();
    expect(existsSync(lockPathFor(config))).toBe(false);
  });

  it('dies with its process: the lock of a process that is gone is taken over at once', async () => {
    const config = newConfig();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(lockPathFor(config), JSON.stringify({ pid: gone, host: hostname(), since: new Date().toISOString(), token: 'dead' }));
    const told: string[] = [];
    const lock = await lockConfig(config, { waitMs: 0, onWait: (h) => told.push(h) });
    expect(told).toEqual([]);
    lock.release();
    expect(readdirSync(path.dirname(config))).toEqual(['AADConnectProvisioningAgent.exe.config']);
  });

  it('release never removes a lock that another run holds now', async () => {
    const config = newConfig();
    const mine = await lockConfig(config);
    writeFileSync(lockPathFor(config), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), token: 'someone-else' }));
    mine.release();
    expect(existsSync(lockPathFor(config))).toBe(true);
  });

  it('stale temp files of our own naming are removed, nothing else', () => {
    const config = newConfig();
    const folder = path.dirname(config);
    const ours = `.AADConnectProvisioningAgent.exe.config.0123456789ab.tmp`;
    const others = ['.AADConnectProvisioningAgent.exe.config.lock', 'AADConnectProvisioningAgent.exe.config.20260101T000000Z.bak', '.other.config.0123456789ab.tmp', 'notes.tmp'];
    for (const name of [ours, ...others]) writeFileSync(path.join(folder, name), 'x');
    expect(removeStaleTemps(config)).toEqual([path.join(folder, ours)]);
    expect(readdirSync(folder).sort()).toEqual(['AADConnectProvisioningAgent.exe.config', ...others].sort());
  });
});

describe('pending restart rule', () => {
  const state = (agent: Partial<ServerState['services']['agent']>, configWrittenAt: string | null, agentChangedAt: string | null = null): ServerState => ({
    computerName: 'SYNC01',
    agent: {
      installed: true,
      registryKeyFound: true,
      serviceName: 'AADConnectProvisioningAgent',
      installDir: 'C:\\agent',
      exePath: 'x.exe',
      configPath: 'C:\\agent\\x.config',
      configExists: true,
      configWrittenAt,
      traceFolder: 'C:\\trace',
      version: '1.1.2505.0',
      fileVersion: '1.1.2505.0',
      productVersion: '1.1.2505.0',
    },
    agentChangedAt,
    services: {
      agent: { name: 'AADConnectProvisioningAgent', exists: true, status: 'Running', startType: 'Automatic', account: 'x', startedAt: '2026-11-25T10:00:00.0000000Z', ...agent },
      updater: { name: 'AADConnectAgentUpdater', exists: true, status: 'Running', startType: 'Automatic', account: 'LocalSystem' },
    },
    tenantId: null,
    fipsPolicyEnabled: false,
    engine: { edition: 'Desktop', version: '5.1' },
  });

  it('is pending when the running process started before the config was written', () => {
    expect(pendingRestart(state({}, '2026-11-25T10:00:01.5000000Z'))).toMatch(/started at 2026-11-25T10:00:00.0000000Z, before its config was last written \(2026-11-25T10:00:01.5000000Z\)/);
    expect(pendingRestart(state({}, '2026-11-25T09:59:59.0000000Z'))).toBeUndefined();
  });

  it('is pending when the process started before the recorded account or domain change, for the causes asked', () => {
    const s = state({}, '2026-11-25T09:00:00.0000000Z', '2026-11-25T10:05:00.0000000Z');
    expect(pendingRestart(s)).toMatch(/before its service account or domains were last changed/);
    expect(pendingRestart(s, ['config'])).toBeUndefined();
  });

  it('is never pending for an agent that does not run or whose start time is unknown', () => {
    expect(pendingRestart(state({ status: 'Stopped' }, '2026-11-25T11:00:00Z'))).toBeUndefined();
    expect(pendingRestart(state({ startedAt: null }, '2026-11-25T11:00:00Z'))).toBeUndefined();
  });
});
