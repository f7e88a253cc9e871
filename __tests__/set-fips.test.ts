// set-fips without PowerShell: inputs, the pure intent, and the file side (backups, atomic replace,
// refusal of malformed files with the file untouched).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { backupStamp, listBackups, pruneBackups, replaceFileAtomically, writeBackup } from '../src/config/safe-write.js';
import { Inputs } from '../src/shared/inputs.js';
import { applyConfigFile, planConfigFile } from '../src/steps/set-fips/config-file.js';
import { decideConfigIntent } from '../src/steps/set-fips/plan.js';
import { readSetFipsSettings, setFipsRequested } from '../src/steps/set-fips/settings.js';
import { STEPS } from '../src/steps/registry.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'configs');
const inputs = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'set-fips-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('settings', () => {
  it('defaults to auto, restart on, five backups, no proxy change', () => {
    expect(readSetFipsSettings(inputs({}))).toEqual({ fipsException: 'auto', proxy: undefined, installDir: undefined, restartAgent: true, restartTimeoutSeconds: 120, backupsToKeep: 5 });
  });

  it('reads a proxy and its bypass flag', () => {
    const s = readSetFipsSettings(inputs({ 'proxy-url': 'https://proxy.contoso.com:3128', 'proxy-bypass-local': 'false' }));
    expect(s.proxy).toEqual({ url: 'https://proxy.contoso.com:3128', bypassLocal: false });
  });

  it.each([
    [{ 'fips-exception': 'on' }, /^Input 'fips-exception' must be one of auto, add, remove, leave/],
    [{ 'proxy-url': 'proxy:8080' }, /^Input 'proxy-url' must be an http/],
    [{ 'proxy-url': 'http://pro xy:8080' }, /^Input 'proxy-url' must be an http/],
    [{ 'proxy-url': 'http://a:b@proxy:8080' }, /^Input 'proxy-url' must not contain a user name or password/],
    [{ 'proxy-url': 'http://p:1', 'remove-proxy': 'true' }, /^Input 'remove-proxy' cannot be 'true' while 'proxy-url' is set/],
    [{ 'backups-to-keep': '0' }, /^Input 'backups-to-keep' must be a whole number from 1 to 100/],
    [{ 'restart-agent': 'yes' }, /^Input 'restart-agent' must be 'true' or 'false'/],
  ])('refuses %j in one line naming the input', (values, message) => {
    expect(() => readSetFipsSettings(inputs(values))).toThrow(message);
  });

  it('is requested by default in the root action, but not when told to leave everything', () => {
    expect(setFipsRequested(inputs({}))).toBe(true);
    expect(setFipsRequested(inputs({ 'fips-exception': 'leave' }))).toBe(false);
    expect(setFipsRequested(inputs({ 'fips-exception': 'leave', 'proxy-url': 'http://p:1' }))).toBe(true);
  });

  it('is in the root action registry', () => {
    expect(STEPS.map((s) => s.name)).toContain('set-fips');
  });
});

describe('intent', () => {
  const base = readSetFipsSettings(inputs({}));
  it.each([
    ['auto', true, 'present'],
    ['auto', false, undefined],
    ['add', false, 'present'],
    ['remove', true, 'absent'],
    ['leave', true, undefined],
  ] as const)('%s with FIPS policy %s → %s', (mode, policy, fips) => {
    expect(decideConfigIntent({ ...base, fipsException: mode }, policy).request.fips).toBe(fips);
  });

  it('maps the proxy settings', () => {
    expect(decideConfigIntent({ ...base, proxy: 'remove' }, false).request).toEqual({ proxy: 'absent' });
    expect(decideConfigIntent({ ...base, proxy: { url: 'http://p:1', bypassLocal: true } }, false).request.proxy).toEqual({ url: 'http://p:1', bypassLocal: true });
  });
});

describe('the config file on disk', () => {
  const copyFixture = (name: string) => {
    const dir = tempDir();
    const file = path.join(dir, 'AADConnectProvisioningAgent.exe.config');
    writeFileSync(file, readFileSync(path.join(fixtures, name)));
    return file;
  };

  it('backs up, replaces atomically, prunes to the newest backups, and undoes exactly', async () => {
    const file = copyFixture('05-empty-runtime.config');
    const original = readFileSync(file);
    for (let i = 0; i < 7; i++) writeBackup(file, Buffer.from(`old ${i}`), new Date(Date.UTC(2020, 0, 1, 0, 0, i)));
    const plan = planConfigFile(file, { fips: 'present' }, { createIfMissing: false })!;
    const backup = await applyConfigFile(plan, 3);
    expect(readFileSync(backup).equals(original)).toBe(true);
    expect(listBackups(file)).toHaveLength(3);
    expect(listBackups(file)[0]).toBe(backup);
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // The <runtime /> file is ambiguous structurally; its backup makes the undo exact.
    const undo = planConfigFile(file, { fips: 'absent' }, { createIfMissing: false })!;
    expect(undo.result.restoredFromHistory).toBe(true);
    await applyConfigFile(undo, 3);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it.each(readdirSync(path.join(fixtures, 'malformed')))('refuses malformed/%s and leaves it untouched', (name) => {
    const dir = tempDir();
    const file = path.join(dir, 'AADConnectProvisioningAgent.exe.config');
    const bytes = readFileSync(path.join(fixtures, 'malformed', name));
    writeFileSync(file, bytes);
    const mtime = statSync(file).mtimeMs;
    expect(() => planConfigFile(file, { fips: 'present' }, { createIfMissing: true })).toThrow(/^The agent config .* left untouched/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readdirSync(dir)).toEqual(['AADConnectProvisioningAgent.exe.config']);
  });

  it('creates a missing config only when asked (the agent is installed)', async () => {
    const file = path.join(tempDir(), 'AADConnectProvisioningAgent.exe.config');
    expect(planConfigFile(file, { fips: 'present' }, { createIfMissing: false })).toBeUndefined();
    const plan = planConfigFile(file, { fips: 'present' }, { createIfMissing: true })!;
    expect(await applyConfigFile(plan, 5)).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <runtime>\r\n    <enforceFIPSPolicy enabled="false"/>\r\n  </runtime>\r\n</configuration>\r\n',
    );
  });

  it('never overwrites a file that changed after it was read', async () => {
    const file = copyFixture('06-no-runtime.config');
    const plan = planConfigFile(file, { fips: 'present' }, { createIfMissing: false })!;
    writeFileSync(file, readFileSync(file, 'utf8').replace('ProvisioningAgent.log', 'Other.log'));
    const changed = readFileSync(file);
    await expect(applyConfigFile(plan, 5)).rejects.toThrow(/changed while this step ran; nothing was written/);
    expect(readFileSync(file).equals(changed)).toBe(true);
    expect(listBackups(file)).toEqual([]);
  });

  it('reports a replace that keeps failing in one line and cleans up its temporary file', async () => {
    const dir = tempDir();
    // A directory where the file should be: rename fails (EISDIR/ENOTEMPTY), as a locked file would.
    const target = path.join(dir, 'cfg');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(target, 'x'), { recursive: true });
    await expect(replaceFileAtomically(target, Buffer.from('x'), { lockedRetryMs: 200 })).rejects.toThrow(/^Could not replace .*cfg: .*; the file was left as it was\.$/);
    expect(readdirSync(dir)).toEqual(['cfg']);
  });

  it('names backups by UTC time and prunes only its own', () => {
    expect(backupStamp(new Date(Date.UTC(2025, 4, 6, 7, 8, 9, 123)))).toBe('20250506T070809Z');
    const file = copyFixture('01-agent-bom-crlf.config');
    writeFileSync(`${file}.manual.bak`, 'mine');
    for (let i = 0; i < 3; i++) writeBackup(file, Buffer.from(String(i)), new Date(Date.UTC(2021, 0, 1, 0, 0, 0)));
    expect(listBackups(file).map((f) => path.basename(f))).toEqual([
      'AADConnectProvisioningAgent.exe.config.20210101T000000Z-2.bak',
      'AADConnectProvisioningAgent.exe.config.20210101T000000Z-1.bak',
      'AADConnectProvisioningAgent.exe.config.20210101T000000Z.bak',
    ]);
    pruneBackups(file, 1);
    expect(readdirSync(path.dirname(file)).sort()).toEqual([
      'AADConnectProvisioningAgent.exe.config',
      'AADConnectProvisioningAgent.exe.config.20210101T000000Z-2.bak',
      'AADConnectProvisioningAgent.exe.config.manual.bak',
    ]);
  });
});
