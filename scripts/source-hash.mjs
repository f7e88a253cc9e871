// The fingerprint of what a bundle is built from: every file under src/ (path and bytes).
// scripts/bundle.mjs writes it to dist/<entry>/sources.sha256; the lab tests' runEntry compares it
// with the working tree and refuses to run a dist/ built from other sources.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** @param {string} root the repository root */
export function sourceHash(root) {
  const srcDir = join(root, 'src');
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(srcDir);
  const hash = createHash('sha256');
  for (const file of files.map((f) => relative(root, f).split(sep).join('/')).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const SOURCE_HASH_FILE = 'sources.sha256';
