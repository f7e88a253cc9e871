// Third-party actions in the project's own workflows are pinned by commit SHA, with the version
// the SHA stands for in a comment (Dependabot keeps both current): a moved tag cannot change what runs.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const workflows = path.join(import.meta.dirname, '..', '.github', 'workflows');

/** Every `uses:` of a workflow text that names another repository's action (not ./local, not docker://). */
export function thirdPartyUses(text: string): { line: number; uses: string; comment: string }[] {
  return text
    .split('\n')
    .map((l, i) => ({ m: /^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(?:#\s*(.*))?$/.exec(l), line: i + 1 }))
    .filter(({ m }) => m && !m[1].startsWith('./') && !m[1].startsWith('docker://'))
    .map(({ m, line }) => ({ line, uses: m![1], comment: m![2] ?? '' }));
}

describe('workflow actions are pinned', () => {
  it('finds uses lines and their comments', () => {
    const text = 'steps:\n  - uses: actions/checkout@v5\n  - uses: ./install-agent\n    with: {}\n  - name: x\n    uses: a/b@0123456789abcdef0123456789abcdef01234567 # v1.2.3\n';
    expect(thirdPartyUses(text)).toEqual([
      { line: 2, uses: 'actions/checkout@v5', comment: '' },
      { line: 6, uses: 'a/b@0123456789abcdef0123456789abcdef01234567', comment: 'v1.2.3' },
    ]);
  });

  it('every third-party action in .github/workflows is pinned by a full commit SHA with a version comment', () => {
    const unpinned: string[] = [];
    let seen = 0;
    for (const file of readdirSync(workflows).filter((f) => /\.ya?ml$/.test(f))) {
      for (const u of thirdPartyUses(readFileSync(path.join(workflows, file), 'utf8'))) {
        seen++;
        if (!/@[0-9a-f]{40}$/.test(u.uses) || !/^v\d+(\.\d+)*$/.test(u.comment)) unpinned.push(`${file}:${u.line}: ${u.uses} ${u.comment}`);
      }
    }
    expect(unpinned).toEqual([]);
    expect(seen).toBeGreaterThan(0);
  });
});
