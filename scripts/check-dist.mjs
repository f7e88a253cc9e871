#!/usr/bin/env node
// Fails unless the committed dist/ is exactly what `npm run bundle` makes from the sources.
// It bundles into a temporary folder and compares, so dist/ itself is never rewritten: CI runs
// this while the lab tests run the committed bundles.
//
//   node scripts/check-dist.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

/** Every file under dir, as sorted paths relative to it with '/' separators. */
function files(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

const problems = [];

// The working tree's dist/ must be the committed one (nothing edited, added or left untracked).
const status = run('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist']);
if (status.status !== 0) {
  console.error(`check-dist: git status failed:\n${status.stderr}`);
  process.exit(1);
}
for (const line of status.stdout.split('\n').filter((l) => l.trim() !== '')) problems.push(`not committed: ${line.trim()}`);

const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'));
try {
  const bundle = run(process.execPath, [join(root, 'scripts', 'bundle.mjs'), `--out=${fresh}`], { stdio: 'inherit' });
  if (bundle.status !== 0) {
    console.error(`check-dist: bundle failed (exit ${bundle.status})`);
    process.exit(1);
  }
  const built = files(fresh);
  const committed = new Set(files(dist));
  for (const file of built) {
    if (!committed.has(file)) problems.push(`missing from dist/: ${file}`);
    else if (!readFileSync(join(fresh, file)).equals(readFileSync(join(dist, file)))) problems.push(`differs: dist/${file}`);
    committed.delete(file);
  }
  for (const file of committed) problems.push(`not made by the bundle (stale): dist/${file}`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

if (problems.length === 0) {
  console.log('check-dist: dist/ is up to date');
  process.exit(0);
}
console.error('check-dist: dist/ does not match the sources. Run `npm run bundle` and commit dist/.');
for (const p of problems) console.error(`  ${p}`);
process.exit(1);
