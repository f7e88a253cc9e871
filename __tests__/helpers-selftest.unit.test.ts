// The test helpers' own checks must be able to fail: a one-line check that accepts an escaped
// newline, or a leak scan over nothing, would pass whatever the product does.
import { describe, expect, it } from 'vitest';
import { errorLines, type EntryRun } from './helpers/action.js';
import { findLeaks } from './helpers/leaks.js';

const run = (stdout: string): EntryRun => ({ code: 1, stdout, stderr: '', outputs: {}, summary: '', runnerDir: '/nonexistent' });

describe('errorLines', () => {
  it('returns the ::error:: lines without the command', () => {
    expect(errorLines(run('info\n::error::one line\r\n::warning::w\n'))).toEqual(['one line']);
    expect(errorLines(run('::error::a\n::error::b\n'))).toEqual(['a', 'b']);
  });
  it('refuses an error line that the runner would show as several lines', () => {
    expect(() => errorLines(run('::error::first%0Asecond\n'))).toThrow(/spans several lines/);
    expect(() => errorLines(run('::error::first%0dsecond\n'))).toThrow(/spans several lines/);
    // An escaped percent sign followed by 0A is text, not a line break.
    expect(errorLines(run('::error::100%250A\n'))).toEqual(['100%250A']);
  });
});

describe('findLeaks', () => {
  it('refuses to scan nothing', () => {
    expect(() => findLeaks([], [], ['s3cret'])).toThrow(/no runs/);
    expect(() => findLeaks([run('x')], [], [])).toThrow(/no secrets/);
  });
});
