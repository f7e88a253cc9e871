#!/usr/bin/env node
// Bundles the action entry points into dist/<name>/index.js with ncc and
// copies the PowerShell scripts next to each bundle.
//
//   npm run bundle                 # all entries
//   npm run bundle -- set-fips     # only the named entries
//   npm run bundle -- --out=DIR    # into DIR instead of dist/ (check-dist compares the two)
//
// Layout per entry (the runtime resolves scripts relative to index.js):
//   dist/<name>/index.js           ESM bundle
//   dist/<name>/package.json       {"type":"module"} emitted by ncc
//   dist/<name>/licenses.txt       third-party licenses
//   dist/<name>/scripts/<path relative to src/>   every *.ps1 / *.psm1 under src/
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ncc from '@vercel/ncc';
import { SOURCE_HASH_FILE, sourceHash } from './source-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const outArg = process.argv.slice(2).find((a) => a.startsWith('--out='));
const distDir = outArg ? resolve(outArg.slice('--out='.length)) : join(root, 'dist');

// ncc derives module ids and path comments from the working directory, so
// build from the repo root to get the same bytes from any cwd or clone.
process.chdir(root);

const STEPS = ['uninstall-agent', 'install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'configure-sync', 'verify'];
const ENTRIES = [{ name: 'main', source: 'src/index.ts' }, ...STEPS.map((name) => ({ name, source: `src/steps/${name}/index.ts` }))];

const requested = process.argv.slice(2).filter((a) => a !== outArg);
const unknown = requested.filter((n) => !ENTRIES.some((e) => e.name === n));
if (unknown.length > 0) {
  console.error(`bundle: unknown entr${unknown.length === 1 ? 'y' : 'ies'}: ${unknown.join(', ')}`);
  console.error(`bundle: known entries: ${ENTRIES.map((e) => e.name).join(', ')}`);
  process.exit(2);
}
const selected = requested.length > 0 ? ENTRIES.filter((e) => requested.includes(e.name)) : ENTRIES;

/** Recursively lists files under dir whose names match `test`, sorted, as absolute paths. */
async function listFiles(dir, test) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...(await listFiles(full, test)));
    } else if (entry.isFile() && test(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

async function build(entry, psFiles, hash) {
  const outDir = join(distDir, entry.name);
  await rm(outDir, { recursive: true, force: true });

  // cache: false keeps output independent of whatever is in ~/.cache/ncc.
  const { code, map, assets } = await ncc(join(root, entry.source), {
    cache: false,
    // Types are checked once, by `npm run typecheck` (CI runs both); ncc checking them again for
    // each of the eight entries took two thirds of the bundle's time. src/tsconfig.json says why
    // this needs module ES2022 there. Same bytes out.
    transpileOnly: true,
    license: 'licenses.txt',
    quiet: true,
    sourceMap: false,
    // Less to parse on every start (cold start is part of every run and every plan).
    minify: true,
  });
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.js'), code);
  if (map) await writeFile(join(outDir, 'index.js.map'), map);
  for (const name of Object.keys(assets).sort()) {
    const target = join(outDir, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, assets[name].source);
  }

  for (const file of psFiles) {
    const target = join(outDir, 'scripts', relative(srcDir, file));
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, target);
  }
  // What this bundle was built from; the lab tests refuse a bundle whose sources have changed since.
  await writeFile(join(outDir, SOURCE_HASH_FILE), `${hash}\n`);
  return Object.keys(assets).length;
}

async function main() {
  // Remove dist/<name> for anything that is no longer an entry.
  if (existsSync(distDir)) {
    for (const entry of await readdir(distDir, { withFileTypes: true })) {
      if (entry.isDirectory() && !ENTRIES.some((e) => e.name === entry.name)) {
        console.log(`bundle: removing stale dist/${entry.name}/`);
        await rm(join(distDir, entry.name), { recursive: true, force: true });
      }
    }
  }

  const psFiles = await listFiles(srcDir, (n) => /\.(ps1|psm1)$/i.test(n));
  const hash = sourceHash(root);
  let built = 0;
  for (const entry of selected) {
    if (!existsSync(join(root, entry.source))) {
      // Steps land over time; a missing source also means any old bundle is stale.
      console.log(`bundle: skip ${entry.name} (${entry.source} does not exist yet)`);
      await rm(join(distDir, entry.name), { recursive: true, force: true });
      continue;
    }
    const assetCount = await build(entry, psFiles, hash);
    built++;
    console.log(`bundle: dist/${entry.name}/index.js (${assetCount} assets, ${psFiles.length} PowerShell files)`);
  }
  console.log(`bundle: ${built} of ${selected.length} entries built`);
  if (psFiles.length > 0) {
    console.log(`bundle: scripts: ${psFiles.map((f) => relative(srcDir, f).split(sep).join('/')).join(', ')}`);
  }
}

main().then(
  // ncc can leave handles open; exit explicitly once everything is written.
  () => process.exit(0),
  (err) => {
    console.error(`bundle: failed: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
