/**
 * Secret scanning for the attack tests: every place a run leaves text behind (its stdout, stderr,
 * outputs, summary, the runner folder with temp files and tool cache, and every file of the lab
 * server, including lab/commandlines.log, the command lines the server saw) is searched for each
 * secret in every form it could take when something re-encodes it.
 */
import { readFileSync } from 'node:fs';
import type { EntryRun } from './action.js';
import { filesUnder } from '../../lab/lab.mjs';

/**
 * Files where the TEST stores the passwords on purpose: the simulated tenant's and forest's user
 * stores (lab/tenant.json, lab/ad.json). They stand for Entra ID and Active Directory, not the
 * server, so they are the one place the secrets are expected.
 */
const DIRECTORY_STORES = /[\\/]lab[\\/](tenant|ad)\.json$/;

/** The forms a secret takes when encoded by the tools around the action. */
export function secretForms(secret: string): { form: string; how: string }[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const escapeAll = json.replace(/[^\x20-\x7e]|[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms = [
    { form: secret, how: 'raw' },
    { form: Buffer.from(secret, 'utf8').toString('base64'), how: 'base64 of UTF-8' },
    { form: Buffer.from(secret, 'utf16le').toString('base64'), how: 'base64 of UTF-16LE' },
    { form: json, how: 'JSON-escaped' },
    { form: escapeAll, how: 'JSON with \\u escapes (PowerShell ConvertTo-Json)' },
    { form: encodeURIComponent(secret), how: 'URL-encoded' },
  ];
  // The same form twice (an ASCII secret is its own JSON form) would double-count a leak.
  return forms.filter((f, i) => forms.findIndex((g) => g.form === f.form) === i);
}

// Every file under a folder: the lab's walk (lab/lab.mjs), which its snapshots and clones use too.
export { filesUnder };

/** Standard output minus the ::add-mask:: lines (the runner consumes those; they never reach the log). */
export function visibleStdout(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

/**
 * Where any form of any secret appears, as "where: how" lines (empty: no leak). Looks at each run's
 * visible stdout, stderr, outputs, summary and runner folder, and every file under `roots`
 * except the simulated directory stores.
 */
export function findLeaks(runs: EntryRun[], roots: string[], secrets: string[]): string[] {
  // An empty list would scan nothing and "find no leak" (e.g. a leak test run alone with -t).
  if (runs.length === 0) throw new Error('findLeaks: no runs to scan (this check needs the runs it is about)');
  if (secrets.length === 0) throw new Error('findLeaks: no secrets to look for');
  const texts: [string, string][] = [];
  const addFile = (file: string) => {
    if (DIRECTORY_STORES.test(file)) return;
    const bytes = readFileSync(file);
    texts.push([file, bytes.toString('utf8')], [`${file} (as UTF-16)`, bytes.toString('utf16le')], [`${file} (as Latin-1)`, bytes.toString('latin1')]);
  };
  runs.forEach((run, i) => {
    texts.push([`run ${i} stdout`, visibleStdout(run.stdout)], [`run ${i} stderr`, run.stderr]);
    texts.push([`run ${i} outputs`, JSON.stringify(run.outputs)], [`run ${i} summary`, run.summary]);
    filesUnder(run.runnerDir).forEach(addFile);
  });
  for (const root of roots) filesUnder(root).forEach(addFile);
  const leaks: string[] = [];
  secrets.forEach((secret, n) => {
    for (const { form, how } of secretForms(secret)) {
      for (const [where, text] of texts) if (text.includes(form)) leaks.push(`${where}: secret #${n} (${how})`);
    }
  });
  return leaks;
}

/** A self-check for the scanner: a planted secret must be found. */
export function scannerFinds(secret: string, text: string): boolean {
  return secretForms(secret).some(({ form }) => text.includes(form));
}
