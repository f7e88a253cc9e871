// The README's shell recipes, run as a reader would run them, so they cannot go stale. Every shell
// block is marked: <!-- runnable --> blocks run here, in document order, verbatim, with bash -e, in a
// copy of this working tree without node_modules (npm offline: tests never reach the network);
// <!-- not-runnable: why --> blocks are those that need a Windows server or the network (npm ci).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutputs } from '../lab/render.mjs';
import { describeWithPwsh } from './helpers/pwsh.js';

const repoRoot = path.join(import.meta.dirname, '..');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

interface Block {
  line: number;
  marker: string;
  code: string;
}

/** Every shell block of a Markdown text with the HTML comment on the line before it ('' if none). */
export function shellBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (!['sh', 'bash', 'shell', 'console'].includes(fence[1])) continue;
    let before = start - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const comment = /^<!--\s*(.*?)\s*-->$/.exec(lines[before] ?? '');
    blocks.push({ line: start + 1, marker: comment ? comment[1] : '', code: body.join('\n') });
  }
  return blocks;
}

const blocks = shellBlocks(readme);
const runnable = blocks.filter((b) => b.marker === 'runnable');

describe('README shell blocks', () => {
  it('are each marked runnable, or not-runnable with the reason', () => {
    const unmarked = blocks.filter((b) => b.marker !== 'runnable' && !/^not-runnable: \S/.test(b.marker));
    expect(unmarked.map((b) => `README.md:${b.line}: ${b.code.split('\n')[0]}`)).toEqual([]);
    expect(runnable.length).toBeGreaterThanOrEqual(3);
  });

  it('finds the marker before a block, and no marker where there is none', () => {
    const md = 'text\n\n<!-- runnable -->\n```sh\necho a\n```\n\n```bash\necho b\n```\n\n```yaml\nx: 1\n```\n';
    expect(shellBlocks(md)).toEqual([
      { line: 4, marker: 'runnable', code: 'echo a' },
      { line: 8, marker: '', code: 'echo b' },
    ]);
  });
});

/** The files of this working tree (tracked and new, not ignored): what a clone with these changes has. */
function copyWorkingTree(to: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    copyFileSync(from, path.join(to, file));
  }
}

function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

describeWithPwsh('README recipes, run', () => {
  const clone = mkdtempSync(path.join(tmpdir(), 'readme-recipes-'));
  const cleanups: (() => void)[] = [() => rmSync(clone, { recursive: true, force: true })];
  afterAll(() => {
    for (const cleanup of cleanups.reverse()) cleanup();
  });
  copyWorkingTree(clone);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.join(homedir(), '.dotnet', 'tools')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_') || key === 'AGENT_LAB_ROOT') delete env[key];

  /** Runs a block verbatim (bash -e), then an epilogue of the test's own that reports what it needs. */
  const run = (block: Block, epilogue = '') =>
    spawnSync('bash', ['-euo', 'pipefail', '-c', `${block.code}\n${epilogue}`], { cwd: clone, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });

  it.each(runnable.map((b) => [b.line, b] as const))('README.md:%i runs and succeeds', (_line, block) => {
    const isLocalAction = block.code.includes('local-action-env.mjs');
    const rootFile = path.join(clone, '.lab-root-for-test');
    const r = run(block, isLocalAction ? `printf '%s' "$AGENT_LAB_ROOT" > '${rootFile}'` : '');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);

    // Every npm run lab story ends with its proof.
    const stories = r.stdout.split(/^(?=Scenario: )/m).filter((s) => s.startsWith('Scenario: '));
    // (npm prints a '> command' banner before each script: not part of the story)
    for (const story of stories)
      expect(
        story
          .split('\n')
          .filter((l) => l.trim() !== '' && !l.startsWith('> '))
          .at(-1),
      ).toMatch(/^Proven: /);
    if (/npm run lab(?! -- --list)/.test(block.code)) expect(stories.length).toBeGreaterThan(0);

    if (isLocalAction) {
      // The setup the recipe made works: the action (its bundle, as local-action would run its
      // source) plans on the lab server with the .env as written.
      const labRoot = readFileSync(rootFile, 'utf8');
      expect(existsSync(labRoot)).toBe(true);
      const dotenv = readEnvFile(path.join(clone, '.env'));
      cleanups.push(() => {
        rmSync(labRoot, { recursive: true, force: true });
        rmSync(path.dirname(dotenv.INPUT_INSTALLER), { recursive: true, force: true });
        rmSync(path.dirname(dotenv.GITHUB_STEP_SUMMARY), { recursive: true, force: true });
      });
      const output = path.join(path.dirname(dotenv.GITHUB_STEP_SUMMARY), 'output');
      spawnSync('touch', [output]);
      const action = spawnSync(process.execPath, [path.join(clone, 'dist', 'main', 'index.js')], {
        cwd: clone,
        env: { ...env, ...dotenv, GITHUB_OUTPUT: output, PATH: `${path.join(clone, 'lab', 'bin')}${path.delimiter}${env.PATH}`, AGENT_LAB_ROOT: labRoot },
        encoding: 'utf8',
      });
      expect(action.status, action.stdout).toBe(0);
      expect(parseOutputs(readFileSync(output, 'utf8'))).toMatchObject({ 'install-agent-action': 'planned', changed: 'true' });
      expect(readFileSync(dotenv.GITHUB_STEP_SUMMARY, 'utf8')).toContain('plan mode: nothing was changed');
    }
  });

  it('the local-action recipe fails, and exports nothing, when it cannot make the setup', () => {
    const block = runnable.find((b) => b.code.includes('local-action-env.mjs'));
    expect(block).toBeDefined();
    // .env exists now (the recipe above wrote it): the script refuses to overwrite it.
    const r = run(block!, 'echo "exported: ${AGENT_LAB_ROOT:-nothing}"');
    expect(r.stderr).toContain('exists already');
    expect(r.stdout.trim()).toBe('exported: nothing');
  });
});
