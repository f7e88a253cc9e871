// Attack: run the root action over and over. After the run that converges the server, the second
// and third runs must report changed=false for every step and leave every file of the server as
// it was: same bytes, same modification time.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFleetLab, fleetInstaller, fullInputs, startLabWeb } from '../bench/fleet-lab.mjs';
import { newRunnerDir, runEntry } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

/** Every file of the server with its content and mtime, minus the lab's own logs of what it was asked. */
function fileState(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full)] = `${statSync(full).mtimeMs} ${readFileSync(full).toString('base64')}`;
    }
  };
  walk(root);
  delete out[path.join('lab', 'commandlines.log')];
  delete out[path.join('lab', 'events.log')];
  return out;
}

describeWithPwsh('attack: idempotency of the root action', () => {
  let web: Awaited<ReturnType<typeof startLabWeb>>;
  let media: string;
  let runnerDir: string;
  let lab: { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
  beforeAll(async () => {
    web = await startLabWeb();
    media = mkdtempSync(path.join(tmpdir(), 'attack-idem-'));
    runnerDir = newRunnerDir();
    lab = createFleetLab();
  });
  afterAll(async () => {
    await web?.close();
    lab?.cleanup();
    for (const dir of [media, runnerDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a second and a third run change nothing and touch no file', async () => {
    const inputs: Record<string, string> = fullInputs(web.serve('/idem/setup', fleetInstaller(media)), web.base);
    // Password writeback cannot be read back from the agent; the step keeps a record of what it
    // applied, so a repeated request is not applied again.
    const first = await runEntry('main', inputs, { env: lab.env, runnerDir });
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs.changed).toBe('true');
    const steps = Object.keys(first.outputs).filter((k) => k.endsWith('-changed'));
    expect(steps.sort()).toEqual(['configure-gmsa-changed', 'enable-writeback-changed', 'install-agent-changed', 'set-fips-changed', 'verify-changed']);

    const converged = fileState(lab.root);
    const downloads = web.state.fileBytes;
    for (const attempt of ['second', 'third']) {
      const run = await runEntry('main', inputs, { env: lab.env, runnerDir });
      expect(run.code, `${attempt}: ${run.stdout}`).toBe(0);
      for (const key of [...steps, 'changed']) expect(run.outputs[key], `${attempt} run, ${key}`).toBe('false');
      expect(fileState(lab.root), `${attempt} run touched a file`).toEqual(converged);
      // Converged: the cached installer's recorded version settles it (no preflight, no inspection).
      expect(run.summary).toContain('| Preflight | not needed (nothing to install) |');
    }
    expect(web.state.fileBytes).toBe(downloads);
  });
});
