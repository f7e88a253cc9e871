// The config's file side (src/config/safe-write.ts) on a real folder: backups and their order,
// pruning, stale temp files, and the atomic replace keeping the file's permissions.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, pruneBackups, removeStaleTemps, replaceFileAtomically, writeBackup } from '../src/config/safe-write.js';
import { StepError } from '../src/shared/errors.js';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'config-write-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, s, 500));

describe('backups', () => {
  it('are named <config>.<UTC stamp>[-n].bak and hold the bytes given', () => {
    const file = path.join(folder(), 'agent.config');
    expect(writeBackup(file, Buffer.from('one'), at(5))).toBe(`${file}.20261203T100005Z.bak`);
    expect(writeBackup(file, Buffer.from('two'), at(5))).toBe(`${file}.20261203T100005Z-1.bak`);
    expect(readFileSync(`${file}.20261203T100005Z.bak`, 'utf8')).toBe('one');
    expect(readFileSync(`${file}.20261203T100005Z-1.bak`, 'utf8')).toBe('two');
  });

  it('list newest first: by second, then by counter (10 after 9)', () => {
    const file = path.join(folder(), 'agent.config');
    for (let i = 0; i < 12; i++) writeBackup(file, Buffer.from(String(i)), at(7));
    writeBackup(file, Buffer.from('later'), at(8));
    writeBackup(file, Buffer.from('earlier'), at(6));
    const names = listBackups(file).map((f) => path.basename(f).replace('agent.config.', ''));
    expect(names).toEqual([
      '20261203T100008Z.bak',
      '20261203T100007Z-11.bak',
      '20261203T100007Z-10.bak',
      '20261203T100007Z-9.bak',
      '20261203T100007Z-8.bak',
      '20261203T100007Z-7.bak',
      '20261203T100007Z-6.bak',
      '20261203T100007Z-5.bak',
      '20261203T100007Z-4.bak',
      '20261203T100007Z-3.bak',
      '20261203T100007Z-2.bak',
      '20261203T100007Z-1.bak',
      '20261203T100007Z.bak',
      '20261203T100006Z.bak',
    ]);
    expect(listBackups(file).map((f) => path.dirname(f))).toEqual(new Array(14).fill(path.dirname(file)));
  });

  it('list newest first however many there are (101: one more than backups-to-keep allows)', () => {
    const file = path.join(folder(), 'agent.config');
    // Written in a scrambled order (37 is prime to 101, so every second comes once).
    for (let i = 0; i < 101; i++) writeBackup(file, Buffer.from('x'), new Date(Date.UTC(2026, 11, 3, 10, 0, 0) + ((i * 37) % 101) * 1000));
    const expected = Array.from({ length: 101 }, (_, k) => {
      const t = new Date(Date.UTC(2026, 11, 3, 10, 0, 0) + (100 - k) * 1000);
      return `20261203T10${String(t.getUTCMinutes()).padStart(2, '0')}${String(t.getUTCSeconds()).padStart(2, '0')}Z.bak`;
    });
    expect(listBackups(file).map((f) => path.basename(f).replace('agent.config.', ''))).toEqual(expected);
  });

  it('are listed and pruned for this config only, even when its name holds regex characters', () => {
    const d = folder();
    const file = path.join(d, 'a+b (1).config');
    writeBackup(file, Buffer.from('x'), at(1));
    writeBackup(file, Buffer.from('y'), at(2));
    const others = ['aab (1).config.20261203T100003Z.bak', 'a+b (1)Xconfig.20261203T100003Z.bak', 'a+b (1).config.20261203T100003Z.bak.old', 'a+b (1).config.manual.bak'];
    for (const name of others) writeFileSync(path.join(d, name), 'other');
    expect(listBackups(file)).toEqual([`${file}.20261203T100002Z.bak`, `${file}.20261203T100001Z.bak`]);
    expect(pruneBackups(file, 1)).toEqual([`${file}.20261203T100001Z.bak`]);
    expect(readdirSync(d).sort()).toEqual([...others, 'a+b (1).config.20261203T100002Z.bak'].sort());
    expect(pruneBackups(file, 1)).toEqual([]);
  });

  it('give up after 100 in the same second, in one line', () => {
    const file = path.join(folder(), 'agent.config');
    for (let i = 0; i < 100; i++) writeBackup(file, Buffer.from(String(i)), at(9));
    expect(readFileSync(`${file}.20261203T100009Z-99.bak`, 'utf8')).toBe('99');
    let error: unknown;
    try {
      writeBackup(file, Buffer.from('x'), at(9));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).code).toBe('BackupFailed');
    expect((error as Error).message).toBe(`Could not create a backup of ${file}: too many backups in the same second.`);
  });

  it('fail with the cause when the folder is missing', () => {
    const file = path.join(folder(), 'missing', 'agent.config');
    expect(() => writeBackup(file, Buffer.from('x'), at(1))).toThrow(/ENOENT/);
  });
});

describe('stale temp files', () => {
  it('only ours (.<config>.<12 hex>.tmp) are removed; one that cannot be removed is skipped', () => {
    const d = folder();
    const file = path.join(d, 'a+b.config');
    const ours = ['.a+b.config.0123456789ab.tmp', '.a+b.config.abcdefabcdef.tmp'];
    const others = [
      '.a+b.config.lock',
      '.a+b.config.0123456789a.tmp',
      '.a+b.config.0123456789abc.tmp',
      '.a+b.config.0123456789AB.tmp',
      '.aab.config.0123456789ab.tmp',
      'x.a+b.config.0123456789ab.tmp',
      '.a+b.config.0123456789ab.tmp.x',
    ];
    for (const name of [...ours, ...others]) writeFileSync(path.join(d, name), 'x');
    // A folder of our naming: rmSync refuses it, and the cleanup goes on.
    mkdirSync(path.join(d, '.a+b.config.ffffffffffff.tmp'));
    expect(removeStaleTemps(file).sort()).toEqual(ours.map((o) => path.join(d, o)).sort());
    expect(readdirSync(d).sort()).toEqual([...others, '.a+b.config.ffffffffffff.tmp'].sort());
  });
});

describe('atomic replace', () => {
  it('writes the bytes, leaves no temp file, and keeps the file mode', async () => {
    const d = folder();
    const file = path.join(d, 'agent.config');
    writeFileSync(file, 'old');
    chmodSync(file, 0o666);
    await replaceFileAtomically(file, Buffer.from('new bytes'));
    expect(readFileSync(file, 'utf8')).toBe('new bytes');
    expect(statSync(file).mode & 0o7777).toBe(0o666);
    expect(readdirSync(d)).toEqual(['agent.config']);
  });

  it('keeps a mode no default would give (0600, owner only)', async () => {
    const d = folder();
    const file = path.join(d, 'agent.config');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await replaceFileAtomically(file, Buffer.from('new'));
    expect(statSync(file).mode & 0o7777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });

  it('creates a file that does not exist yet', async () => {
    const d = folder();
    const file = path.join(d, 'agent.config');
    await replaceFileAtomically(file, Buffer.from('fresh'));
    expect(readFileSync(file, 'utf8')).toBe('fresh');
    expect(readdirSync(d)).toEqual(['agent.config']);
  });

  it('fails in one line when no temporary file can be written beside it', async () => {
    const file = path.join(folder(), 'missing', 'agent.config');
    const error = (await replaceFileAtomically(file, Buffer.from('x')).catch((e: unknown) => e)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe('ConfigWriteFailed');
    expect(error.message).toMatch(new RegExp(`^Could not write a temporary file beside ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT: no such file or directory, open '.+'$`));
  });
});
