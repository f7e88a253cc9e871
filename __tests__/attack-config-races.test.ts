// Attack: kills and concurrent runs around the agent config, with the real bundled set-fips. The
// run is stopped at a chosen point of its config write by a preload (helpers/pause-at.mjs), never
// after a guessed delay: the test acts only once the run said it is there.
//  - two set-fips runs at once on a large config: the second waits for the first's lock, so no edit
//    is lost (before the lock, the second wrote its edit and the first then overwrote it);
//  - a run killed with its temp file written: the next run removes the temp file and the dead run's lock;
//  - a run killed after writing the config, before restarting the agent: verify reports the pending
//    restart, and the next set-fips restarts the agent although the file is already as asked;
//  - the root action restarts the agent once on a fresh server and not at all when converged.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readEvents } from '../lab/lab.mjs';
import { installAgent } from '../lab/installer.mjs';
import { createFleetLab, fleetInstaller, fullInputs, startLabWeb } from '../bench/fleet-lab.mjs';
import { errorLines, newRunnerDir, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const AGENT_DIR = path.join('Program Files', 'Microsoft Azure AD Connect Provisioning Agent');
const CONFIG_NAME = 'AADConnectProvisioningAgent.exe.config';
const PAUSE = pathToFileURL(path.join(import.meta.dirname, 'helpers', 'pause-at.mjs')).href;
const PROXY = 'http://proxy.contoso.com:8080';
const restartsOf = (root: string) => readEvents(root).filter((e: string) => / service AADConnectProvisioningAgent stopped \(restart\)$/.test(e)).length;

describeWithPwsh('attack: kills and concurrent runs around the agent config', () => {
  let scratch: string;
  const labs: Lab[] = [];
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'attack-races-'));
  });
  afterAll(() => {
    for (const lab of labs) lab.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });
  const newLab = (padBytes = 0) => {
    const lab = createFleetLab() as Lab;
    labs.push(lab);
    installAgent(lab.root, '1.1.2505.0');
    if (padBytes) {
      // A large config (the real one can be big): reading, backing up and writing it takes a while.
      const config = path.join(lab.root, AGENT_DIR, CONFIG_NAME);
      const text = readFileSync(config, 'utf8').replace('</configuration>', `  <!-- ${'x'.repeat(padBytes)} -->\n</configuration>`);
      writeFileSync(config, text);
    }
    return lab;
  };
  const config = (lab: Lab) => readFileSync(path.join(lab.root, AGENT_DIR, CONFIG_NAME), 'utf8');
  const debris = (lab: Lab) => readdirSync(path.join(lab.root, AGENT_DIR)).filter((n) => /\.tmp$|\.lock$|\.stale$/.test(n));
  const setFips = (lab: Lab, inputs: Record<string, string>, options: { pauseAt?: string; release?: string; onStdout?: (s: string) => void } = {}) => {
    const env = { ...lab.env };
    if (options.pauseAt) Object.assign(env, { NODE_OPTIONS: `--import ${PAUSE}`, EPA_TEST_PAUSE_AT: options.pauseAt, EPA_TEST_RELEASE: options.release ?? '' });
    return runEntry('set-fips', { shell: 'powershell', 'restart-timeout-seconds': '5', ...inputs }, { env, onStdout: options.onStdout });
  };
  /** Starts a set-fips run paused at `at`; resolves with the run and the pid once it says it is there. */
  const pausedRun = async (lab: Lab, inputs: Record<string, string>, at: string, release?: string) => {
    let said = '';
    let reached!: () => void;
    const there = new Promise<void>((resolve) => (reached = resolve));
    const run = setFips(lab, inputs, {
      pauseAt: at,
      release,
      onStdout: (chunk) => {
        said += chunk;
        if (said.includes(`paused:${at}`)) reached();
      },
    });
    const ended = await Promise.race([there.then(() => undefined), run]);
    if (ended) throw new Error(`the run ended before ${at}:\n${ended.stdout}`);
    const pid = Number(/^pid:(\d+)$/m.exec(said)?.[1] ?? Number.NaN);
    return { run, pid };
  };

  it('two set-fips runs at once on a large config: the second waits for the first, both edits are kept', async () => {
    const lab = newLab(4 * 1024 * 1024);
    const release = path.join(scratch, 'release-concurrent');
    // A has read the file, checked it is unchanged and written its temp file: it is about to rename.
    const { run: first } = await pausedRun(lab, { 'fips-exception': 'add' }, 'before-rename', release);
    // B edits something else meanwhile. With the lock it waits (and says so); without, it finishes.
    let waiting!: () => void;
    const bWaits = new Promise<void>((resolve) => (waiting = resolve));
    const second = setFips(lab, { 'fips-exception': 'leave', 'proxy-url': PROXY }, { onStdout: (s) => s.includes('Waiting for another run') && waiting() });
    await Promise.race([bWaits, second]);
    writeFileSync(release, '');
    const [a, b] = await Promise.all([first, second]);
    // No edit lost (before the lock: both runs succeeded and the proxy B wrote was gone).
    const text = config(lab);
    expect(text).toContain('<enforceFIPSPolicy enabled="false"/>');
    expect(text).toContain(`proxyaddress="${PROXY}"`);
    expect(a.code, a.stdout).toBe(0);
    expect(b.code, b.stdout).toBe(0);
    expect(b.stdout).toMatch(/Waiting for another run editing .+ \(pid \d+ on .+\)/);
    expect(a.outputs).toMatchObject({ changed: 'true', 'fips-exception-present': 'true' });
    expect(b.outputs).toMatchObject({ changed: 'true' });
    expect(debris(lab)).toEqual([]);
    // Both ended consistent: the same runs again change nothing.
    expect((await setFips(lab, { 'fips-exception': 'add', 'proxy-url': PROXY })).outputs).toMatchObject({ changed: 'false' });
  });

  it("a run killed with its temp file written: the next run removes the temp file and takes over the dead run's lock", async () => {
    const lab = newLab(256 * 1024);
    const killed = await pausedRun(lab, { 'fips-exception': 'add' }, 'before-rename');
    process.kill(killed.pid, 'SIGKILL');
    await killed.run;
    const left = debris(lab);
    expect(left.some((n) => n.startsWith(`.${CONFIG_NAME}.`) && n.endsWith('.tmp'))).toBe(true);
    const next = await setFips(lab, { 'fips-exception': 'add' });
    expect(next.code, next.stdout).toBe(0);
    expect(next.stdout).toMatch(/Removed .+\.tmp, left by a run that was stopped while writing\./);
    expect(next.outputs).toMatchObject({ changed: 'true', 'fips-exception-present': 'true' });
    expect(debris(lab)).toEqual([]);
  });

  it('a run killed between writing the config and restarting the agent: verify reports the pending restart; the next run restarts', async () => {
    const lab = newLab();
    const restartsBefore = restartsOf(lab.root);
    const killed = await pausedRun(lab, { 'fips-exception': 'add' }, 'after-rename');
    process.kill(killed.pid, 'SIGKILL');
    await killed.run;
    expect(config(lab)).toContain('<enforceFIPSPolicy enabled="false"/>');
    expect(restartsOf(lab.root)).toBe(restartsBefore);

    const verifyRun = (): Promise<EntryRun> => runEntry('verify', { shell: 'powershell', 'service-wait-seconds': '0' }, { env: lab.env });
    const before = await verifyRun();
    expect(before.code).not.toBe(0);
    expect(errorLines(before)).toHaveLength(1);
    expect(errorLines(before)[0]).toMatch(
      /agent-restart: a restart is pending: AADConnectProvisioningAgent started at \S+, before its config was last written \(\S+\), so it still runs the old config; restart it/,
    );

    const next = await setFips(lab, { 'fips-exception': 'add' });
    expect(next.code, next.stdout).toBe(0);
    expect(next.outputs).toMatchObject({ changed: 'true', 'agent-restarted': 'true' });
    expect(restartsOf(lab.root)).toBe(restartsBefore + 1);

    const after = await verifyRun();
    const report = JSON.parse(after.outputs.report) as { check: string; ok: boolean }[];
    expect(report.find((c) => c.check === 'agent-restart')).toMatchObject({ ok: true });
    // Converged: no further restart.
    expect((await setFips(lab, { 'fips-exception': 'add' })).outputs).toMatchObject({ changed: 'false', 'agent-restarted': 'false' });
    expect(restartsOf(lab.root)).toBe(restartsBefore + 1);
  });

  it('the root action restarts the agent once on a fresh server (after the last change, before verify) and not when converged', async () => {
    const web = await startLabWeb();
    try {
      const lab = createFleetLab() as Lab;
      labs.push(lab);
      const url = web.serve('/races/setup', fleetInstaller(path.join(scratch, 'media')));
      const runnerDir = newRunnerDir();
      const inputs = fullInputs(url, web.base);
      const fresh = await runEntry('main', inputs, { env: lab.env, runnerDir });
      expect(fresh.code, fresh.stdout).toBe(0);
      expect(restartsOf(lab.root)).toBe(1);
      expect(fresh.stdout).toMatch(/Restarted the agent once for the changes of configure-gmsa, set-fips\./);
      // The restart came after the last change (set-fips wrote the config before it) and before verify.
      const restartAt = fresh.stdout.indexOf('Restarted the agent once');
      expect(fresh.stdout.lastIndexOf('Wrote ', restartAt)).toBeGreaterThan(-1);
      expect(fresh.stdout.indexOf('::group::Verify', restartAt)).toBeGreaterThan(restartAt);
      expect(fresh.outputs).toMatchObject({ 'verify-healthy': 'true' });
      const converged = await runEntry('main', inputs, { env: lab.env, runnerDir });
      expect(converged.code, converged.stdout).toBe(0);
      expect(restartsOf(lab.root)).toBe(1);
      rmSync(runnerDir, { recursive: true, force: true });
    } finally {
      await web.close();
    }
  });
});
