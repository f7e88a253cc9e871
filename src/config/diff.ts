/** A unified-style line diff (changed lines with one line of context), for plan mode's log. */

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Longest-common-subsequence line diff; configs are small, so O(n*m) after trimming is fine. */
export function lineDiff(before: string, after: string, context = 1): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  // Lines are strings, so past the end of b (undefined) nothing matches: a's bound is enough.
  while (head < a.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  /** no: the line number shown, in the old text for ' ' and '-', in the new text for '+'. */
  type Op = { kind: ' ' | '-' | '+'; line: string; no: number };
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: ' ', line: a[k], no: k + 1 });
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    // Past either end the entry is undefined, which equals no line.
    if (x[i] === y[j]) {
      ops.push({ kind: ' ', line: x[i], no: head + i + 1 });
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ kind: '-', line: x[i], no: head + i + 1 });
      i++;
    } else {
      ops.push({ kind: '+', line: y[j], no: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) ops.push({ kind: ' ', line: a[a.length - tail + k], no: a.length - tail + k + 1 });
  const out: string[] = [];
  let lastShown = -1;
  ops.forEach((op, index) => {
    if (op.kind === ' ') return;
    // The gap mark goes before the first context line only, when lines were skipped to reach it.
    const from = Math.max(lastShown + 1, index - context);
    for (let c = from; c < index; c++) out.push(format(ops[c], c === from && from > lastShown + 1));
    out.push(format(op, false));
    lastShown = index;
    for (let c = index + 1; c <= Math.min(ops.length - 1, index + context) && ops[c].kind === ' '; c++) {
      out.push(format(ops[c], false));
      lastShown = c;
    }
  });
  return out;

  function format(op: Op, gap: boolean): string {
    const prefix = gap && out.length > 0 ? '  ...\n' : '';
    return `${prefix}${op.kind} ${String(op.no).padStart(4)} | ${op.line}`;
  }
}
