// The stories npm run lab can tell: each scenario makes a lab server, runs the root action's bundle
// on it the way a runner would (some runs only prepare the server and are not shown), and then
// checks what the runs were meant to prove, from their outputs, exit codes and the server itself.
// prove() returns { ok, line }: the line is built from what was checked, never printed blindly.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { labCloudOptions, startFakeCloud } from './fake-cloud.mjs';
import { REGISTRATION_AUDIENCE } from './agent.mjs';
import { createFreshServer, FRESH } from './fresh-server.mjs';
import { installerCommandLines, makeInstaller } from './installer.mjs';
import { getService, readEvents, setRegistry, snapshotFiles } from './lab.mjs';
import { LIFECYCLE_SCENARIOS } from './lifecycle-scenarios.mjs';
import { errorMessages, parseOutputs } from './render.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const mainEntry = path.join(repoRoot, 'dist', 'main', 'index.js');

const STEP_NAMES = ['install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'configure-sync', 'verify'];
const FIPS_KEY = 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';
const OLD_VERSION = '1.1.1107.0';
const MFA_TOKEN = 'lab-token.eyJ0eXAiOiJKV1QifQ.mfa-route';

/** Runs dist/main as the runner would: INPUT_* variables, output and summary files, runner temp. */
export async function runAction(server, runnerDir, label, inputs) {
  const output = path.join(runnerDir, `${label}.output`);
  const summary = path.join(runnerDir, `${label}.summary.md`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = { ...server.env };
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_') || key.startsWith('RUNNER_')) delete env[key];
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: path.join(runnerDir, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runnerDir, 'tool-cache'),
  });
  const started = Date.now();
  const child = spawn(process.execPath, [mainEntry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve(status));
  });
  return {
    label,
    code,
    seconds: (Date.now() - started) / 1000,
    log: `${stdout}${stderr}`,
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

/** The server's files minus the lab's own logs (what was started, not the state of the host). */
export function hostFiles(root) {
  const snap = snapshotFiles(root);
  delete snap[path.join('lab', 'commandlines.log')];
  delete snap[path.join('lab', 'events.log')];
  return snap;
}

/** @typedef {{ runs: any[]; server: { root: string }; before?: Record<string, string>; made?: any }} ProofInput */

const stepChanges = (outputs) => STEP_NAMES.filter((s) => `${s}-changed` in outputs).map((s) => [s, outputs[`${s}-changed`]]);

/** Collects failed expectations; `line` joins them, or returns the success line. */
function checker() {
  const problems = [];
  return {
    expect(condition, problem) {
      if (!condition) problems.push(problem);
    },
    result(success) {
      return problems.length ? { ok: false, line: `NOT PROVEN: ${problems.join('; ')}.` } : { ok: true, line: `Proven: ${success()}.` };
    },
  };
}

/** What every successful build must show: exit 0, no error, verify healthy. */
function expectHealthyBuild(c, run) {
  c.expect(run.code === 0, `${run.label} run exited with ${run.code}`);
  c.expect(errorMessages(run.log).length === 0, `${run.label} run reported errors: ${errorMessages(run.log).join(' | ')}`);
  c.expect(run.outputs['verify-healthy'] === 'true', `verify-healthy=${run.outputs['verify-healthy']} after the ${run.label} run`);
}

/**
 * The scenarios. Each has: title, server (one line on what the server is), make() → { server, inputs,
 * cleanup? }, prepare? (runs that set the server up, not shown), runs (label + what the run is for,
 * and inputs changes), prove({ server, runs, before }).
 */
export const SCENARIOS = {
  fresh: {
    title: 'Fresh build',
    server:
      'Windows Server 2022 (FIPS policy on), no agent; a stand-in signed installer; a tenant with a Hybrid Identity Administrator and a Global Administrator; forest contoso.com with a KDS root key.',
    make: async () => {
      const server = createFreshServer();
      // The tenant's cloud side for configure-sync: Graph, GitHub's OIDC issuer, the token endpoint.
      const lab = labCloudOptions();
      const cloud = await startFakeCloud({ ...lab.options, tenantId: FRESH.tenantId });
      server.env = { ...server.env, ACTIONS_ID_TOKEN_REQUEST_URL: cloud.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: lab.requestToken };
      const inputs = {
        ...server.inputs,
        'sync-domains': 'contoso.com',
        'client-id': lab.clientId,
        'graph-url': cloud.graphUrl,
        'login-url': cloud.loginUrl,
        'accidental-delete-threshold': '100',
        'wait-first-cycle-seconds': '60',
      };
      return { server, inputs, cloud, cleanup: () => void cloud.close() };
    },
    runs: [
      { label: 'first', title: 'First run: builds the server' },
      { label: 'second', title: 'Second run: must change nothing', brief: true },
    ],
    /** @param {ProofInput} input */
    prove({ runs: [first, second], server, made }) {
      const c = checker();
      expectHealthyBuild(c, first);
      // Read from the (fake) tenant itself, not from the action's outputs.
      const configs = made?.cloud?.configurations() ?? [];
      const jobs = configs.flatMap((x) => x.jobs);
      c.expect(made?.cloud?.state.organization.onPremisesSyncEnabled === true, "the tenant's sync flag is off");
      c.expect(configs.length === 1 && configs[0].displayName === 'contoso.com', `the tenant has ${configs.length} Cloud Sync configuration(s), not one for contoso.com`);
      c.expect(
        jobs.length === 2 && jobs.every((j) => j.status.code === 'Active' && j.status.lastExecution),
        `the sync jobs are not all started and run once: ${jobs.map((j) => `${j.templateId} ${j.status.code}`).join(', ')}`,
      );
      c.expect(first.outputs['install-agent-action'] === 'installed', `install-agent-action=${first.outputs['install-agent-action']} on the first run`);
      const agent = getService(server.root, 'AADConnectProvisioningAgent');
      c.expect(
        agent?.Status === 'Running' && agent?.StartName === first.outputs['configure-gmsa-gmsa'],
        `the agent service is ${agent?.Status} as ${agent?.StartName}, not Running as ${first.outputs['configure-gmsa-gmsa']}`,
      );
      c.expect(first.outputs['set-fips-fips-exception-present'] === 'true', 'the FIPS exception is not in the config');
      c.expect(first.outputs['enable-writeback-password-writeback'] === 'true' && first.outputs['enable-writeback-applied'] === 'true', 'password writeback was not applied');
      c.expect(second.code === 0, `the second run exited with ${second.code}`);
      c.expect(second.outputs.changed === 'false', `the second run reported changed=${second.outputs.changed}`);
      const changedAgain = stepChanges(second.outputs).filter(([, v]) => v !== 'false');
      c.expect(changedAgain.length === 0, `the second run changed ${changedAgain.map(([s]) => s).join(', ')}`);
      return c.result(
        () =>
          `a fresh server was built (agent ${first.outputs['install-agent-version']} installed, registered to ${first.outputs['configure-gmsa-registered']}, ` +
          `running as ${agent?.StartName}, FIPS exception in place, writeback applied, Cloud Sync configuration for contoso.com created with ${jobs.length} jobs started and run once, verify healthy) ` +
          `and a second run changed nothing (changed=false for ${stepChanges(second.outputs).length} steps)`,
      );
    },
  },

  upgrade: {
    title: 'Upgrade from an older agent',
    server: `A server this action built with agent ${OLD_VERSION} (registered, gMSA, domain, FIPS exception, writeback); now the installer is ${FRESH.version}.`,
    make: () => {
      const server = createFreshServer();
      const media = mkdtempSync(path.join(tmpdir(), 'agent-old-installer-'));
      const oldInstaller = makeInstaller(media, { version: OLD_VERSION });
      return { server, inputs: server.inputs, oldInstaller, cleanup: () => rmSync(media, { recursive: true, force: true }) };
    },
    prepare: (made) => [{ label: 'build-old', inputs: { installer: made.oldInstaller } }],
    runs: [{ label: 'upgrade', title: `Upgrade run: installer ${FRESH.version}` }],
    /** @param {ProofInput} input */
    prove({ runs: [run] }) {
      const c = checker();
      const o = run.outputs;
      expectHealthyBuild(c, run);
      c.expect(o['install-agent-action'] === 'upgraded', `install-agent-action=${o['install-agent-action']}, not upgraded`);
      c.expect(o['install-agent-previous-version'] === OLD_VERSION, `install-agent-previous-version=${o['install-agent-previous-version']}, not ${OLD_VERSION}`);
      c.expect(o['verify-version'] === FRESH.version, `verify-version=${o['verify-version']}, not ${FRESH.version}`);
      c.expect(o['configure-gmsa-changed'] === 'false', `configure-gmsa-changed=${o['configure-gmsa-changed']}: the upgrade lost the gMSA or a domain`);
      c.expect(o['set-fips-fips-exception-present'] === 'true', 'the FIPS exception is not in the config after the upgrade');
      return c.result(
        () =>
          `agent ${o['install-agent-previous-version']} was upgraded to ${o['install-agent-version']} and verified; the gMSA and domains were kept ` +
          `(configure-gmsa-changed=false), the FIPS exception is ${o['set-fips-changed'] === 'true' ? 'back in place (the upgrade had reset the config)' : 'still in place'}`,
      );
    },
  },

  fips: {
    title: 'A FIPS server',
    server: 'A server this action built while the FIPS policy was off; the policy has since been turned on (as a hardening baseline does), and the agent config has no exception.',
    make: () => {
      const server = createFreshServer({ fipsPolicy: false });
      return { server, inputs: server.inputs };
    },
    prepare: () => [{ label: 'build-fips-off', inputs: {}, after: (server) => setRegistry(server.root, { [FIPS_KEY]: { Enabled: 1 } }) }],
    runs: [{ label: 'fips', title: 'Run after the FIPS policy was turned on' }],
    /** @param {ProofInput} input */
    prove({ runs: [run] }) {
      const c = checker();
      const o = run.outputs;
      expectHealthyBuild(c, run);
      c.expect(o['set-fips-fips-policy-enabled'] === 'true', `set-fips-fips-policy-enabled=${o['set-fips-fips-policy-enabled']}`);
      c.expect(o['set-fips-changed'] === 'true' && o['set-fips-fips-exception-present'] === 'true', 'set-fips did not add the FIPS exception');
      // The root action restarts the agent once, after the last change: verify's agent-restart check
      // proves the running agent started after the config was written.
      const restartCheck = JSON.parse(o['verify-report'] || '[]').find((r) => r.check === 'agent-restart');
      c.expect(restartCheck?.ok === true, `the agent was not restarted to read its new config (agent-restart: ${restartCheck ? restartCheck.detail : 'missing'})`);
      const fipsCheck = JSON.parse(o['verify-report'] || '[]').find((r) => r.check === 'fips-exception');
      c.expect(fipsCheck?.ok === true, `verify's fips-exception check: ${fipsCheck ? fipsCheck.detail : 'missing'}`);
      const others = stepChanges(o).filter(([s, v]) => s !== 'set-fips' && v !== 'false');
      c.expect(others.length === 0, `other steps changed too: ${others.map(([s]) => s).join(', ')}`);
      return c.result(
        () =>
          `on a server whose FIPS policy was turned on, set-fips added the FIPS exception (backup ${path.basename(o['set-fips-backup-path'])}), the agent was restarted to read it, verify passed its fips-exception check, and no other step changed anything`,
      );
    },
  },

  usgov: {
    title: 'US Government',
    server: 'A fresh server whose tenant is in the AzureUSGovernment cloud; input environment: AzureUSGovernment.',
    make: () => {
      const server = createFreshServer({ tenant: { environment: 'AzureUSGovernment' } });
      return { server, inputs: { ...server.inputs, environment: 'AzureUSGovernment' } };
    },
    runs: [{ label: 'usgov', title: 'Build in the US Government cloud' }],
    /** @param {ProofInput} input */
    prove({ runs: [run], server }) {
      const c = checker();
      expectHealthyBuild(c, run);
      const installs = installerCommandLines(server.root);
      c.expect(installs.length === 1 && installs[0].includes('ENVIRONMENTNAME=AzureUSGovernment'), `the installer ran as: ${installs.join(' | ') || '(never)'}`);
      c.expect(run.outputs['configure-gmsa-registered'] === FRESH.tenantId, `configure-gmsa-registered=${run.outputs['configure-gmsa-registered']}`);
      return c.result(
        () =>
          `the installer ran with ENVIRONMENTNAME=AzureUSGovernment (the server's command log) and the agent registered to the government tenant ${run.outputs['configure-gmsa-registered']}, verify healthy`,
      );
    },
  },

  mfa: {
    title: 'An MFA tenant',
    server: 'A fresh server whose tenant enforces MFA (a password sign-in is refused): the workflow gives an access token instead of a password; no password writeback.',
    make: () => {
      const server = createFreshServer({ tenant: { mfaRequired: true, tokens: { [MFA_TOKEN]: { upn: FRESH.hia.upn, tenantId: FRESH.tenantId, audience: REGISTRATION_AUDIENCE } } } });
      const inputs = { ...server.inputs, 'access-token': MFA_TOKEN, 'user-principal-name': FRESH.hia.upn };
      for (const name of ['tenant-username', 'tenant-password', 'password-writeback', 'writeback-username', 'writeback-password']) delete inputs[name];
      return { server, inputs };
    },
    runs: [{ label: 'mfa', title: 'Build with the access-token route' }],
    /** @param {ProofInput} input */
    prove({ runs: [run], server }) {
      const c = checker();
      expectHealthyBuild(c, run);
      const registered = readEvents(server.root).filter((e) => e.includes(`agent registered to tenant ${FRESH.tenantId} by ${FRESH.hia.upn}`));
      c.expect(registered.length === 1, `the server recorded ${registered.length} registrations by ${FRESH.hia.upn}`);
      c.expect(run.outputs['configure-gmsa-registered'] === FRESH.tenantId, `configure-gmsa-registered=${run.outputs['configure-gmsa-registered']}`);
      // The runner reads ::add-mask:: lines itself; any other line with the token would be a leak.
      const leaking = run.log.split('\n').filter((l) => !l.startsWith('::add-mask::') && l.includes(MFA_TOKEN));
      c.expect(leaking.length === 0, `the access token appears in ${leaking.length} log lines`);
      return c.result(
        () =>
          `where the tenant refuses password sign-in, the agent registered to ${run.outputs['configure-gmsa-registered']} through the access-token route as ${FRESH.hia.upn}; the token never reached the log; verify healthy`,
      );
    },
  },

  'agent-will-not-start': {
    title: 'An agent that will not start',
    server: 'A fresh server whose domain denies the gMSA the right to log on as a service: the agent service cannot start once it runs as the gMSA.',
    make: () => {
      const server = createFreshServer({ ad: { gmsaLogonDenied: true } });
      return { server, inputs: server.inputs };
    },
    runs: [{ label: 'will-not-start', title: 'Build: the agent does not come back after the gMSA is set', expectFailure: true }],
    /** @param {ProofInput} input */
    prove({ runs: [run] }) {
      const c = checker();
      const errors = errorMessages(run.log);
      c.expect(run.code !== 0, 'the run succeeded');
      c.expect(errors.length === 1, `${errors.length} error lines, not one`);
      c.expect(errors.length === 1 && !errors[0].includes('\n'), 'the error is not one line');
      c.expect(/AADConnectProvisioningAgent|agent/i.test(errors[0] ?? ''), `the error does not name the agent: ${errors[0]}`);
      // The agent restarts once, after the last change (restarts are coalesced): the failure comes there,
      // and verify, which would judge a server that is not running, never starts.
      const ranAfter = stepChanges(run.outputs).filter(([s]) => s === 'verify');
      c.expect(ranAfter.length === 0, `steps ran after the failure: ${ranAfter.map(([s]) => s).join(', ')}`);
      return c.result(() => `the run failed with exit ${run.code} and one error line (above) at the agent's restart, and stopped there: verify did not run`);
    },
  },
};

// The lifecycle stories (teardown after a build, a failing run's diagnostics) live beside these.
Object.assign(SCENARIOS, LIFECYCLE_SCENARIOS);

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** Plan mode on a scenario's server: one run with dry-run, after the scenario's preparation. */
function planProof({ runs: [run], server, before }) {
  const c = checker();
  c.expect(run.code === 0, `the plan run exited with ${run.code}`);
  c.expect(errorMessages(run.log).length === 0, `the plan run reported errors: ${errorMessages(run.log).join(' | ')}`);
  const after = hostFiles(server.root);
  const differing = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]);
  c.expect(differing.length === 0, `plan mode changed ${differing.slice(0, 5).join(', ')}`);
  const planned = stepChanges(run.outputs)
    .filter(([, v]) => v === 'true')
    .map(([s]) => s);
  return c.result(
    () =>
      `plan mode changed nothing on the server (${Object.keys(after).length} files compared byte for byte)` +
      (planned.length ? ` and planned changes in ${planned.join(', ')} (changed=${run.outputs.changed})` : ' and planned no change (changed=false)'),
  );
}

/**
 * Runs a scenario. Options: plan (plan mode instead of the scenario's own runs). Returns { scenario, server, shown: [{ title, brief, run }], proof: { ok, line }, cleanup }.
 */
export async function runScenario(name, { plan = false } = {}) {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario '${name}'`);
  const made = await scenario.make();
  const runnerDir = mkdtempSync(path.join(tmpdir(), 'agent-runner-'));
  for (const dir of ['temp', 'tool-cache']) mkdirSync(path.join(runnerDir, dir));
  const cleanup = () => {
    made.server.cleanup();
    made.cleanup?.();
    rmSync(runnerDir, { recursive: true, force: true });
  };
  try {
    for (const prep of scenario.prepare?.(made) ?? []) {
      const run = await runAction(made.server, runnerDir, prep.label, { ...made.inputs, ...prep.inputs });
      if (run.code !== 0) throw new Error(`preparing the '${name}' server failed (run ${prep.label}, exit ${run.code}): ${errorMessages(run.log).join(' | ') || run.log.slice(-2000)}`);
      prep.after?.(made.server);
    }
    const before = hostFiles(made.server.root);
    const runs = plan ? [{ label: 'plan', title: 'Plan run (dry-run: true)', plan: true }] : scenario.runs;
    const shown = [];
    for (const r of runs) shown.push({ ...r, run: await runAction(made.server, runnerDir, r.label, { ...made.inputs, ...(r.inputs ?? {}), ...(r.plan ? { 'dry-run': 'true' } : {}) }) });
    const proof = (plan ? planProof : scenario.prove)({ runs: shown.map((s) => s.run), server: made.server, before, made });
    return { scenario, server: made.server, shown, proof, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
