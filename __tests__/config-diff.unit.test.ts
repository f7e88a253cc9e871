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

// Which of two equally short diffs is shown: the common first and last lines stay context, and the
// lines in between are matched where that changes fewest lines. Each case worked out by hand.
describe('lineDiff keeps the common first and last lines as context', () => {
  it.each([
    ['a line added after an equal one is the second', 'A', 'A\nA', ['+    2 | A']],
    ['a line removed after an equal one is the second', 'A\nA', 'A', ['-    2 | A']],
    ['lines added before the common last line come first', 'A', 'B\nA\nA', ['+    1 | B', '+    2 | A']],
    ['the common last lines stay, whatever repeats before them', 'A\nA', 'B\nA\nA\nA', ['+    1 | B', '+    2 | A']],
    ['an empty text is one empty line', '', 'A', ['-    1 | ', '+    1 | A']],
    ['an empty line replaced by two', '', 'A\nA', ['-    1 | ', '+    1 | A', '+    2 | A']],
    ['the one line kept is matched, lines around it added', 'A', 'B\nA\nB', ['+    1 | B', '+    3 | B']],
    ['the kept line is found after two added ones', 'A', 'B\nB\nA\nB', ['+    1 | B', '+    2 | B', '+    4 | B']],
  ])('%s', (_name, before, after, expected) => {
    expect(lineDiff(before, after, 0)).toEqual(expected);
  });
});

/**
 * Every pair of texts of up to four lines over a three-line alphabet, against an independent
 * reference: with the whole text as context, the ' ' and '-' lines are the old text and the ' '
 * and '+' lines the new one, in order and with their line numbers, and the number of changed lines
 * is the fewest possible (old + new - 2 * longest common subsequence, computed here by recursion).
 */
describe('lineDiff is a shortest diff for every small pair', () => {
  const texts: string[][] = [[]];
  // The iteration also visits the texts pushed during it: 1 + 3 + 9 + 27 + 81 of them.
  for (const t of texts) if (t.length < 4) for (const c of 'ABC') texts.push([...t, c]);
  const lcsLength = (a: string[], b: string[]): number => {
    const memo = new Map<string, number>();
    const go = (i: number, j: number): number => {
      if (i === a.length || j === b.length) return 0;
      const key = `${i},${j}`;
      if (!memo.has(key)) memo.set(key, a[i] === b[j] ? 1 + go(i + 1, j + 1) : Math.max(go(i + 1, j), go(i, j + 1)));
      return memo.get(key)!;
    };
    return go(0, 0);
  };
  it(`holds for all ${121 * 121} pairs`, () => {
    expect(texts).toHaveLength(121);
    let checked = 0;
    for (const a of texts) {
      for (const b of texts) {
        // A non-empty list of lines; [] stands for the empty text, which is one empty line.
        const old = a.length ? a : [''];
        const neu = b.length ? b : [''];
        const lines = lineDiff(old.join('\n'), neu.join('\n'), 1000).map((l) => /^([ +-]) +(\d+) \| (.*)$/.exec(l)!);
        expect(
          lines.filter((m) => m === null),
          `${old} -> ${neu}`,
        ).toEqual([]);
        const changed = lines.filter((m) => m[1] !== ' ');
        if (changed.length === 0) {
          expect(old).toEqual(neu);
        } else {
          expect(lines.filter((m) => m[1] !== '+').map((m) => [Number(m[2]), m[3]])).toEqual(old.map((line, i) => [i + 1, line]));
          const newSide = lines.filter((m) => m[1] !== '-');
          expect(newSide.map((m) => m[3])).toEqual(neu);
          expect(newSide.filter((m) => m[1] === '+').map((m) => Number(m[2]))).toEqual(newSide.flatMap((m, i) => (m[1] === '+' ? [i + 1] : [])));
        }
        expect(changed.length).toBe(old.length + neu.length - 2 * lcsLength(old, neu));
        checked++;
      }
    }
    expect(checked).toBe(121 * 121);
  });
});

it('marks a gap once, before the first of several context lines', () => {
  // Was: "..." before every context line after the first when more than one was asked for.
  const before = '1\n2\n3\n4\n5\n6\n7\n8\n9';
  expect(lineDiff(before, '1\nB\n3\n4\n5\n6\n7\nH\n9', 2)).toEqual([
    '     1 | 1',
    '-    2 | 2',
    '+    2 | B',
    '     3 | 3',
    '     4 | 4',
    '  ...\n     6 | 6',
    '     7 | 7',
    '-    8 | 8',
    '+    8 | H',
    '     9 | 9',
  ]);
  expect(lineDiff('A\nA', 'A\nA\nA', 3)).toEqual(['     1 | A', '     2 | A', '+    3 | A']);
});
