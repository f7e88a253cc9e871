#!/usr/bin/env node
// Rebuilds dist/ (npm run bundle) and fails if the result differs from what
// is committed, including new untracked files under dist/.
//
//   node scripts/check-dist.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

const bundle = run(process.execPath, [join(root, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
if (bundle.status !== 0) {
  console.error(`check-dist: bundle failed (exit ${bundle.status})`);
  process.exit(1);
}

const status = run('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist']);
if (status.status !== 0) {
  console.error(`check-dist: git status failed:\n${status.stderr}`);
  process.exit(1);
}
const changed = status.stdout.split('\n').filter((line) => line.trim() !== '');

// status already covers staged, unstaged and untracked changes; the diff only
// adds per-file line counts to the message.
const diff = run('git', ['diff', '--exit-code', '--stat', '--', 'dist']);

if (changed.length === 0 && diff.status === 0) {
  console.log('check-dist: dist/ is up to date');
  process.exit(0);
}

console.error('check-dist: dist/ does not match the sources. Run `npm run bundle` and commit dist/.');
console.error('check-dist: differing files (git status --porcelain):');
for (const line of changed) console.error(`  ${line}`);
if (diff.stdout.trim()) console.error(diff.stdout.trimEnd());
process.exit(1);
