// Plan mode's line diff (src/config/diff.ts), against outputs worked out by hand.
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../src/config/diff.js';

describe('lineDiff', () => {
  it('shows a changed line with one line of context, numbered old for -, new for +', () => {
    expect(lineDiff('a\nb\nc\nd\ne', 'a\nb\nX\nd\ne')).toEqual(['     2 | b', '-    3 | c', '+    3 | X', '     4 | d']);
  });

  it('marks a gap between two changes with "..." and reads CRLF like LF', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\r\n');
    const after = ['1', 'B', '3', '4', '5', '6', '7', 'H', '9'].join('\n');
    expect(lineDiff(before, after)).toEqual(['     1 | 1', '-    2 | 2', '+    2 | B', '     3 | 3', '  ...\n     7 | 7', '-    8 | 8', '+    8 | H', '     9 | 9']);
  });

  it('shows only the changed lines with context 0, and nothing for equal texts', () => {
    expect(lineDiff('a\nb\nc', 'a\nc', 0)).toEqual(['-    2 | b']);
    expect(lineDiff('a\nc', 'a\nb\nc', 0)).toEqual(['+    2 | b']);
    expect(lineDiff('a\nb', 'a\nb')).toEqual([]);
    expect(lineDiff('', '')).toEqual([]);
  });

  it('handles changes at the very start and end', () => {
    expect(lineDiff('x\na', 'a')).toEqual(['-    1 | x', '     2 | a']);
    expect(lineDiff('a\nx', 'a\ny')).toEqual(['     1 | a', '-    2 | x', '+    2 | y']);
    expect(lineDiff('a', 'a\nb\nc', 2)).toEqual(['     1 | a', '+    2 | b', '+    3 | c']);
  });
});
