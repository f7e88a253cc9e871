import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundled, this code lives in dist/<entry>/index.js and the .ps1 files beside it in scripts/ (copied
// there by scripts/bundle.mjs, mirroring src/). Unbundled (unit tests), this file is src/powershell/.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = existsSync(path.join(here, 'scripts')) ? path.join(here, 'scripts') : path.resolve(here, '..');

/** Absolute path of a shipped script, given its path relative to src/ (e.g. 'agent/get-server-state.ps1'). */
export function scriptPath(relative: string): string {
  const full = path.join(root, ...relative.split('/'));
  if (!existsSync(full)) throw new Error(`Shipped script missing: ${relative} (looked in ${root}).`);
  return full;
}
