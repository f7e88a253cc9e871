// The atomic replace (src/config/safe-write.ts) when the file system misbehaves the way Windows
// does: a rename refused while another process holds the config open, a read-only file, a short
// write, a disk that fills up. node:fs is wrapped so each fault can be injected; the real file
// system does everything else.
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const faults = vi.hoisted(() => ({
  rename: undefined as undefined | ((from: string, to: string) => void),
  write: undefined as undefined | ((fd: number, bytes: Buffer, offset: number, length: number) => number),
  access: undefined as undefined | ((file: string) => void),
  open: undefined as undefined | ((file: string, flags: string) => void),
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => (faults.rename ? faults.rename(from, to) : fs.renameSync(from, to)),
    writeSync: (fd: number, bytes: Buffer, offset: number, length: number) => (faults.write ? faults.write(fd, bytes, offset, length) : fs.writeSync(fd, bytes, offset, length)),
    accessSync: (file: string, mode?: number) => (faults.access ? faults.access(file) : fs.accessSync(file, mode)),
    openSync: (file: string, flags: string, mode?: number) => {
      faults.open?.(file, flags);
      return fs.openSync(file, flags, mode);
    },
  };
});

// The real file system, for the test's own work and for the faults' pass-through.
const realFs = await vi.importActual<typeof import('node:fs')>('node:fs');
const { replaceFileAtomically } = await import('../src/config/safe-write.js');
const { StepError } = await import('../src/shared/errors.js');

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  faults.rename = faults.write = faults.access = faults.open = undefined;
  dirs.splice(0).forEach((d) => realFs.rmSync(d, { recursive: true, force: true }));
});
const config = () => {
  const d = realFs.mkdtempSync(path.join(tmpdir(), 'config-faults-'));
  dirs.push(d);
  const file = path.join(d, 'agent.config');
  realFs.writeFileSync(file, 'old');
  return file;
};
const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
const failure = (p: Promise<void>) =>
  p.then(
    () => {
      throw new Error('the replace succeeded');
    },
    (e: unknown) => e as InstanceType<typeof StepError>,
  );

describe('a rename refused because the file is locked', () => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])('%s: is retried until the lock goes', async (code) => {
    const file = config();
    let refusals = 2;
    faults.rename = (from, to) => {
      if (refusals-- > 0) throw errno(code);
      realFs.renameSync(from, to);
    };
    await replaceFileAtomically(file, Buffer.from('new'), { lockedRetryMs: 5000 });
    expect(realFs.readFileSync(file, 'utf8')).toBe('new');
    expect(realFs.readdirSync(path.dirname(file))).toEqual(['agent.config']);
  });

  it('is retried soon after the lock goes, not only at the end', async () => {
    const file = config();
    let locked = true;
    faults.rename = (from, to) => {
      if (locked) throw errno('EBUSY');
      realFs.renameSync(from, to);
    };
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let done = false;
    const replacing = replaceFileAtomically(file, Buffer.from('new'), { lockedRetryMs: 5000 }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(150);
    expect(done).toBe(false);
    locked = false;
    await vi.advanceTimersByTimeAsync(400);
    expect(done).toBe(true);
    await replacing;
  });

  it('fails in one line after the retry time (10 s by default), leaving the file as it was', async () => {
    const file = config();
    faults.rename = () => {
      throw errno('EBUSY');
    };
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    let error: InstanceType<typeof StepError> | undefined;
    void failure(replaceFileAtomically(file, Buffer.from('new'))).then((e) => (error = e));
    await vi.advanceTimersByTimeAsync(9000);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(3000);
    expect(error).toBeInstanceOf(StepError);
    expect(error!.code).toBe('ConfigLocked');
    expect(error!.message).toBe(`Could not replace ${file}: it stayed locked by another process (EBUSY); the file was left as it was.`);
    expect(realFs.readFileSync(file, 'utf8')).toBe('old');
    expect(realFs.readdirSync(path.dirname(file))).toEqual(['agent.config']);
  });

  it('is not waited for when the file is read-only', async () => {
    const file = config();
    let renames = 0;
    faults.rename = () => {
      renames++;
      throw errno('EPERM');
    };
    faults.access = () => {
      throw errno('EACCES');
    };
    const error = await failure(replaceFileAtomically(file, Buffer.from('new'), { lockedRetryMs: 60_000 }));
    expect(renames).toBe(1);
    expect(error.code).toBe('ConfigLocked');
    expect(error.message).toBe(`Could not replace ${file}: it is read-only, or this account may not write it (EPERM); the file was left as it was.`);
    expect(realFs.readdirSync(path.dirname(file))).toEqual(['agent.config']);
  });
});

describe('other faults', () => {
  it('a rename that fails for another reason is reported with its own message, at once', async () => {
    const file = config();
    let renames = 0;
    faults.rename = () => {
      renames++;
      throw errno('EXDEV');
    };
    const error = await failure(replaceFileAtomically(file, Buffer.from('new'), { lockedRetryMs: 60_000 }));
    expect(renames).toBe(1);
    expect(error.message).toBe(`Could not replace ${file}: EXDEV: simulated; the file was left as it was.`);
    expect(realFs.readdirSync(path.dirname(file))).toEqual(['agent.config']);
  });

  it('the temporary file is beside the config, named so a later cleanup finds it', async () => {
    const file = config();
    const sources: string[] = [];
    faults.rename = (from, to) => {
      sources.push(from);
      realFs.renameSync(from, to);
    };
    await replaceFileAtomically(file, Buffer.from('new'));
    expect(sources).toHaveLength(1);
    expect(path.dirname(sources[0])).toBe(path.dirname(file));
    expect(path.basename(sources[0])).toMatch(/^\.agent\.config\.[0-9a-f]{12}\.tmp$/);
  });

  it('short writes are continued until every byte is written', async () => {
    const file = config();
    faults.write = (fd, bytes, offset, length) => realFs.writeSync(fd, bytes, offset, Math.min(length, 3));
    await replaceFileAtomically(file, Buffer.from('0123456789abcdef'));
    expect(realFs.readFileSync(file, 'utf8')).toBe('0123456789abcdef');
  });

  it('a write that fails (disk full) removes its temporary file and says so in one line', async () => {
    const file = config();
    faults.write = () => {
      throw errno('ENOSPC');
    };
    const error = await failure(replaceFileAtomically(file, Buffer.from('new')));
    expect(error.code).toBe('ConfigWriteFailed');
    expect(error.message).toBe(`Could not write a temporary file beside ${file}: ENOSPC: simulated`);
    expect(realFs.readdirSync(path.dirname(file))).toEqual(['agent.config']);
    expect(realFs.readFileSync(file, 'utf8')).toBe('old');
  });

  it('a file that does not hold what was written afterwards is reported', async () => {
    const file = config();
    faults.rename = (from, to) => {
      realFs.renameSync(from, to);
      realFs.writeFileSync(to, 'tampered');
    };
    const error = await failure(replaceFileAtomically(file, Buffer.from('new')));
    expect(error.code).toBe('ConfigVerifyFailed');
    expect(error.message).toBe(`${file} does not hold what was written; restore it from its newest .bak file.`);
  });
});

describe('a temporary name another process took first', () => {
  it('fails in one line and leaves that file alone (it is not ours to delete), the config untouched', async () => {
    const file = config();
    let taken = '';
    // Another writer creates the very name between our choice and our exclusive create.
    faults.open = (f, flags) => {
      if (flags === 'wx' && f.endsWith('.tmp')) {
        taken = f;
        realFs.writeFileSync(f, 'theirs');
      }
    };
    const error = await failure(replaceFileAtomically(file, Buffer.from('new')));
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe('ConfigWriteFailed');
    expect(error.message).toMatch(/^Could not write a temporary file beside .+: EEXIST: file already exists, open '.+\.tmp'$/);
    expect(taken).not.toBe('');
    expect(realFs.readFileSync(taken, 'utf8')).toBe('theirs');
    expect(realFs.readFileSync(file, 'utf8')).toBe('old');
  });
});
