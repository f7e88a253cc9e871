// A whole deployment in the lab, for the attack tests and the bench: a healthy server with FIPS
// enforced, a tenant, a two-domain forest, the agent installer and Microsoft Graph served from
// 127.0.0.1, and the root action's inputs that take the server from nothing to a verified agent.
import { createServer } from 'node:http';
import { createReadStream, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { makeInstaller } from '../lab/installer.mjs';
import { AGENT_KEY, createLabServer, setRegistry } from '../lab/lab.mjs';
import { REGISTRATION_AUDIENCE, kdsRootKey, setAd, setTenant } from '../lab/agent.mjs';

export const TENANT_ID = '8f1c2e7a-5b3d-4c9e-a1f0-6d2b9e4c7a15';
export const AGENT_VERSION = '1.1.2505.0';
export const USERS = { hia: 'hia@contoso.onmicrosoft.com', ga: 'ga@contoso.onmicrosoft.com' };

/**
 * Secrets that break naive quoting in every shell the action could meet: quotes, $, backtick,
 * ; & | < > % ^ !, spaces, a leading '-', non-ASCII (Latin-1, BMP and beyond). The Graph token
 * stays printable ASCII without spaces, as real bearer tokens do (HTTP headers carry no more).
 */
export const SECRETS = {
  hia: `-Hy'b"r$id \`; & | < > % ^ ! Grüße €`,
  ga: `-G'l"o$bal\`(x) ;&|<>%^! naïve ☃ 𝄞`,
  contoso: `-C'o"n$t \`o; s&o|<>%^! Ñ 密码`,
  fabrikam: `-F'a"b$r\`i;k&a|m<>%^! ü ÿ spaced  out`,
  token: `-eyJ0eXAi.tok'en"$\`;&|<>%^!ß.sig`,
  graph: `-eyJhbGci.gr'aph"$\`;&|<>%^!.sig`,
};

/** Serves files and Graph's agents list on 127.0.0.1, counting the bytes it sends. */
export async function startLabWeb(graphToken = SECRETS.graph) {
  const files = new Map();
  const state = { bytesSent: 0, fileBytes: 0, requests: [] };
  const server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/beta/onPremisesPublishingProfiles/provisioning/agents') {
      if (req.headers.authorization !== `Bearer ${graphToken}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } }));
        return;
      }
      const body = JSON.stringify({
        value: [
          {
            id: '0b2d9f6e-4c1a-4e8b-9d3f-000000000001',
            machineName: 'LAB-SYNC01.contoso.com',
            externalIp: '203.0.113.10',
            status: 'active',
            supportedPublishingTypes: ['provisioning'],
            agentGroups: [],
          },
        ],
      });
      state.bytesSent += Buffer.byteLength(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const file = files.get(url.pathname);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    const stream = createReadStream(file);
    stream.on('data', (chunk) => {
      state.bytesSent += chunk.length;
      state.fileBytes += chunk.length;
    });
    stream.pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    state,
    /** Serves `file` at `route`; returns its URL. */
    serve(route, file) {
      files.set(route, file);
      return `${base}${route}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** A server that has nothing yet, with a tenant and a forest that accept SECRETS. */
export function createFleetLab(options = {}) {
  const lab = createLabServer(options);
  // FIPS enforced, so set-fips has work to do in automatic mode.
  setRegistry(lab.root, { 'SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy': { Enabled: 1 } });
  setTenant(lab.root, {
    tenantId: TENANT_ID,
    users: {
      [USERS.hia]: { password: SECRETS.hia, roles: ['HybridIdentityAdministrator'] },
      [USERS.ga]: { password: SECRETS.ga, roles: ['GlobalAdministrator'] },
    },
    tokens: { [SECRETS.token]: { upn: USERS.hia, tenantId: TENANT_ID, audience: REGISTRATION_AUDIENCE } },
  });
  setAd(lab.root, {
    domains: {
      'contoso.com': { netbios: 'CONTOSO', dcs: ['dc1.contoso.com', 'dc2.contoso.com'], admins: { admin: SECRETS.contoso } },
      'fabrikam.com': { netbios: 'FABRIKAM', dcs: ['dc1.fabrikam.com'], admins: { fabadmin: SECRETS.fabrikam } },
    },
    kdsRootKeys: [kdsRootKey(10)],
    gmsas: [],
  });
  return lab;
}

/** Writes the agent installer under dir (paddingBytes: extra payload) and returns its path. */
export function fleetInstaller(dir, options = {}) {
  return makeInstaller(path.join(dir), { version: AGENT_VERSION, ...options });
}

/**
 * Root-action inputs for the whole pipeline: install from `installerUrl`, register with the HIA's
 * password, create the gMSA, add both domains (fabrikam with its own credential), FIPS exception
 * (automatic: the policy is on), proxy, password writeback as the GA, verify against Graph.
 */
export function fullInputs(installerUrl, graphUrl, extra = {}) {
  return {
    shell: 'powershell',
    installer: installerUrl,
    'retry-delay-seconds': '0',
    'tenant-id': TENANT_ID,
    'tenant-username': USERS.hia,
    'tenant-password': SECRETS.hia,
    gmsa: 'create',
    'domain-username': 'CONTOSO\\admin',
    'domain-password': SECRETS.contoso,
    'domain-credentials': JSON.stringify({ FABRIKAM: { username: 'FABRIKAM\\fabadmin', password: SECRETS.fabrikam } }),
    domains: 'contoso.com\nfabrikam.com credential=FABRIKAM',
    'proxy-url': 'http://proxy.contoso.com:8080',
    'password-writeback': 'true',
    'writeback-username': USERS.ga,
    'writeback-password': SECRETS.ga,
    'graph-access-token': SECRETS.graph,
    'graph-url': graphUrl,
    'expected-version': AGENT_VERSION,
    'expected-gmsa': 'CONTOSO\\provAgentgMSA$',
    'service-wait-seconds': '5',
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Fleet rollout simulation: .github/workflows/rollout.yml step by step over N servers, with the
// SAME scripts the workflow runs (scripts/fleet: plan, gate, result, report). The gate runs as
// its CLI against a stand-in for GitHub's REST API on 127.0.0.1 that lists the run's jobs as the
// simulation has them. GitHub's scheduling is played on a logical clock: a matrix job starts
// when a slot of max-parallel frees (canary: 1, waves: window), in matrix order; fail-fast is
// off, so nothing is ever cancelled; the waves job runs only when every canary job succeeded.
// Each server's upgrade is either a logical stand-in (its outcome injected) or the real bundled
// action against its own lab server (mode 'lab'); either way it takes `durations[server]` ticks.
//
//   node bench/fleet-lab.mjs --servers 8 --window 3 --canary 1 --budget 1 --fail 3,5 [--lab]
// ---------------------------------------------------------------------------------------------
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UPGRADE_STEP, decide } from '../scripts/fleet/gate.mjs';
import { planFleet } from '../scripts/fleet/plan.mjs';
import { buildReport } from '../scripts/fleet/report.mjs';
import { serverResult } from '../scripts/fleet/result.mjs';
import { installAgent, setInstallerExitCodes, readAgentInstall } from '../lab/installer.mjs';
import { runEntry as runBundledEntry } from './run-entry.mjs';

const gateScript = fileURLToPath(new URL('../scripts/fleet/gate.mjs', import.meta.url));
export const FLEET_FROM_VERSION = '1.1.1000.0';
export const FLEET_GMSA = 'CONTOSO\\provAgentgMSA$';
const RUN = { repository: 'lab/fleet', runId: '1', attempt: '1' };

/** GitHub's "list jobs for a workflow run attempt", answered from the simulation's jobs. */
async function startFakeGitHub(listJobs) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== `/repos/${RUN.repository}/actions/runs/${RUN.runId}/attempts/${RUN.attempt}/jobs`) {
      res.writeHead(404).end('{"message":"Not Found"}');
      return;
    }
    const jobs = listJobs();
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total_count: jobs.length, jobs: jobs.slice((page - 1) * perPage, page * perPage) }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** Runs scripts/fleet/gate.mjs as the gate step would, and reads its outputs. */
async function runGateCli(apiUrl, inputs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleet-gate-'));
  const output = path.join(dir, 'output');
  writeFileSync(output, '');
  writeFileSync(`${output}.md`, '');
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: RUN.repository,
    GITHUB_RUN_ID: RUN.runId,
    GITHUB_RUN_ATTEMPT: RUN.attempt,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: `${output}.md`,
    INPUT_TOKEN: 'lab-run-token',
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [gateScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const outputs = {};
  const lines = readFileSync(output, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  if (code !== 0) throw new Error(`gate.mjs exited ${code}: ${stdout.trim()}`);
  const notice = /::notice title=Fleet gate::(.*)/.exec(stdout)?.[1];
  return { go: outputs.go === 'true', reason: notice ?? stdout.trim().split('\n').pop() ?? '' };
}

/** The logical stand-in for a server's upgrade: fails when injected, rolls back when asked. */
export function logicalUpgrade(server, { fail, rollback }) {
  return Promise.resolve(
    fail
      ? { ok: false, from: FLEET_FROM_VERSION, to: rollback ? FLEET_FROM_VERSION : '', healthy: null, rolledBack: rollback }
      : { ok: true, from: FLEET_FROM_VERSION, to: AGENT_VERSION, healthy: true, rolledBack: false },
  );
}

/**
 * The real thing per server: its own lab server with agent FLEET_FROM_VERSION, upgraded by the
 * bundled root action (install-agent, set-fips, verify) from `installer`; a failure is injected as
 * the installer's exit code 1603. Returns the action's outputs as the workflow's result step reads them.
 */
export function labUpgrade(installer) {
  return async (server, { fail, rollback }) => {
    const lab = createLabServer({ server: { computerName: server.toUpperCase() } });
    try {
      // A server in service: registered to the tenant, the agent running as the fleet's gMSA.
      installAgent(lab.root, FLEET_FROM_VERSION, { account: FLEET_GMSA });
      setRegistry(lab.root, { [AGENT_KEY]: { TenantID: TENANT_ID } });
      if (fail) setInstallerExitCodes(lab.root, [1603]);
      const run = await runBundledEntry(
        'main',
        {
          shell: 'powershell',
          steps: 'install-agent, set-fips, verify',
          installer,
          version: AGENT_VERSION,
          'expected-version': AGENT_VERSION,
          'expected-gmsa': FLEET_GMSA,
          'retry-delay-seconds': '0',
          rollback: String(rollback),
          diagnostics: 'on-failure',
          'service-wait-seconds': '5',
        },
        { env: lab.env },
      );
      const o = run.outputs;
      return {
        ok: run.code === 0,
        from: o['install-agent-previous-version'] ?? FLEET_FROM_VERSION,
        to: o['install-agent-version'] || readAgentInstall(lab.root)?.version || '',
        healthy: o['verify-healthy'] === undefined ? null : o['verify-healthy'] === 'true',
        rolledBack: o['install-agent-rolled-back'] === 'true',
        diagnostics: o['diagnostics-path'] ?? '',
        exitCode: run.code,
      };
    } finally {
      lab.cleanup();
    }
  };
}

/**
 * @typedef {{ server: string, order: number | null, phase: string, wave: string, gate: string, result: string,
 *   rolledBack: boolean, start: number | null, end: number | null, reason: string, record?: any, outcome?: any }} RolloutRow
 */

/**
 * Plays the rollout. Returns { plan, rows (per server), events (the log, in order), report }.
 * gate: 'cli' (scripts/fleet/gate.mjs against the fake API, as on a runner) or 'function' (decide()).
 * @param {{ servers: string[], canary?: number, window?: number, failureBudget?: string, failing?: string[],
 *   durations?: Record<string, number>, defaultDuration?: number, rollback?: boolean, gate?: 'cli' | 'function',
 *   upgrade?: (server: string, how: { fail: boolean, rollback: boolean }) => Promise<any> }} options
 */
export async function simulateRollout({
  servers,
  canary = 1,
  window = 1,
  failureBudget = '0',
  failing = [],
  durations = {},
  defaultDuration = 2,
  rollback = true,
  gate = 'cli',
  upgrade = logicalUpgrade,
}) {
  const plan = planFleet({ runners: JSON.stringify(servers), canary: String(canary), window: String(window), failureBudget: String(failureBudget) });
  const jobs = new Map();
  const events = [];
  /** @type {Map<string, RolloutRow>} */
  const rows = new Map(
    servers.map((s) => [
      s,
      { server: s, order: null, phase: plan.canary.includes(s) ? 'canary' : 'waves', wave: '', gate: 'not queued', result: 'no result', rolledBack: false, start: null, end: null, reason: '' },
    ]),
  );
  plan.waves.forEach((s, i) => (rows.get(s).wave = String(Math.floor(i / plan.window) + 1)));
  plan.canary.forEach((s) => (rows.get(s).wave = 'canary'));
  const api = gate === 'cli' ? await startFakeGitHub(() => [...jobs.values()]) : undefined;
  let now = 0;
  let started = 0;
  const log = (type, server, extra = {}) => events.push({ seq: events.length + 1, time: now, type, server, ...extra });
  const ask = async (server, allowed) =>
    api
      ? runGateCli(api.url, { server, servers: JSON.stringify(plan.servers), 'allowed-failures': String(allowed) })
      : decide({ self: server, servers: plan.servers, allowedFailures: allowed, jobs: [...jobs.values()] });

  async function runMatrix(phase, list, maxParallel, allowed) {
    const queue = [...list];
    for (const s of queue) rows.get(s).gate = 'queued';
    const running = new Map();
    while (queue.length || running.size) {
      while (queue.length && running.size < maxParallel) {
        const server = queue.shift();
        const step = { name: UPGRADE_STEP, status: 'queued', conclusion: null };
        const job = { name: `rollout / upgrade ${server}`, status: 'in_progress', conclusion: null, steps: [step] };
        jobs.set(server, job);
        const row = rows.get(server);
        row.order = ++started;
        row.start = now;
        log('job-start', server, { phase });
        const decision = await ask(server, allowed);
        row.reason = decision.reason;
        if (!decision.go) {
          Object.assign(step, { status: 'completed', conclusion: 'skipped' });
          Object.assign(job, { status: 'completed', conclusion: 'success' });
          Object.assign(row, { gate: 'skipped', result: 'not-started', end: now });
          log('gate-skip', server, { reason: decision.reason });
          continue;
        }
        step.status = 'in_progress';
        row.gate = 'started';
        log('upgrade-start', server, { running: running.size + 1 });
        running.set(server, { finishAt: now + (durations[server] ?? defaultDuration), work: upgrade(server, { fail: failing.includes(server), rollback }) });
      }
      if (!running.size) break;
      now = Math.min(...[...running.values()].map((r) => r.finishAt));
      // Jobs ending at the same tick all end before any new one starts (their slots free together).
      for (const server of list.filter((s) => running.get(s)?.finishAt === now)) {
        const outcome = await running.get(server).work;
        running.delete(server);
        const job = jobs.get(server);
        Object.assign(job.steps[0], { status: 'completed', conclusion: outcome.ok ? 'success' : 'failure' });
        Object.assign(job, { status: 'completed', conclusion: outcome.ok ? 'success' : 'failure' });
        const row = rows.get(server);
        const record = serverResult(
          {
            server,
            phase,
            gateOutcome: 'success',
            go: 'true',
            upgradeOutcome: outcome.ok ? 'success' : 'failure',
            fromVersion: outcome.from,
            toVersion: outcome.to,
            healthy: outcome.healthy === null ? '' : String(outcome.healthy),
            rolledBack: String(outcome.rolledBack),
            startedAt: new Date(row.start * 1000).toISOString(),
            diagnosticsArtifact: outcome.diagnostics ? `fleet-diagnostics-${server}` : '',
          },
          new Date(now * 1000),
        );
        Object.assign(row, { result: record.result, rolledBack: record.rolledBack, end: now, record, outcome });
        log('upgrade-end', server, { result: record.result });
      }
    }
  }

  try {
    if (plan.canary.length) await runMatrix('canary', plan.canary, 1, 0);
    // needs: canary, and its result must be success (a skipped canary job counts too).
    const canaryOk = plan.canary.every((s) => rows.get(s).result === 'succeeded');
    if (canaryOk && plan.waves.length) await runMatrix('waves', plan.waves, plan.window, plan.allowedFailures);
    else for (const s of plan.waves) rows.get(s).gate = 'waves job skipped';
  } finally {
    await api?.close();
  }
  const results = [...rows.values()]
    .filter((r) => r.gate === 'started' || r.gate === 'skipped')
    .map((r) => r.record ?? { server: r.server, phase: r.phase, result: 'not-started', from: '', to: '', healthy: null, rolledBack: false, durationSeconds: null, diagnosticsArtifact: '' });
  const report = buildReport({ servers: plan.servers, canary: plan.canary, allowedFailures: plan.allowedFailures, results });
  return { plan, rows: servers.map((s) => /** @type {RolloutRow} */ (rows.get(s))), events, report, apiRequests: api?.requests.length ?? 0 };
}

/** The per-server table the bench prints. */
export function formatRolloutTable(sim) {
  const header = ['server', 'start #', 'wave', 'gate', 'result', 'rolled back', 'ran (t)', 'in flight at start'];
  const inFlight = new Map(sim.events.filter((e) => e.type === 'upgrade-start').map((e) => [e.server, e.running]));
  const lines = sim.rows.map((r) => [
    r.server,
    r.order ?? '-',
    r.wave,
    r.gate,
    r.result,
    r.gate === 'started' ? (r.rolledBack ? 'yes' : 'no') : '-',
    r.gate === 'started' ? `${r.start} -> ${r.end}` : r.start === null ? '-' : `${r.start}`,
    inFlight.get(r.server) ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const fmt = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

async function fleetCli(argv) {
  const arg = (name, fallback) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const count = Number(arg('servers', '8'));
  const servers = Array.from({ length: count }, (_, i) => `sync-${String(i + 1).padStart(2, '0')}`);
  const failing = arg('fail', '3,5')
    .split(',')
    .filter(Boolean)
    .map((n) => servers[Number(n) - 1]);
  const durations = Object.fromEntries(
    arg('durations', '')
      .split(',')
      .filter(Boolean)
      .map((d, i) => [servers[i], Number(d)]),
  );
  let upgrade = logicalUpgrade;
  let cleanup = () => undefined;
  if (argv.includes('--lab')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-installer-'));
    upgrade = labUpgrade(fleetInstaller(dir));
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  try {
    const sim = await simulateRollout({ servers, canary: Number(arg('canary', '1')), window: Number(arg('window', '3')), failureBudget: arg('budget', '1'), failing, durations, upgrade });
    console.log(
      `Fleet of ${count}, canary ${sim.plan.canary.length}, window ${sim.plan.window}, failure budget ${sim.plan.allowedFailures}, failures injected on ${failing.join(', ') || 'none'}${argv.includes('--lab') ? ' (each upgrade: the bundled action on its own lab server)' : ''}`,
    );
    console.log('');
    console.log(formatRolloutTable(sim));
    console.log('');
    console.log('Events (logical clock t):');
    for (const e of sim.events)
      console.log(`  #${e.seq} t=${e.time} ${e.type} ${e.server}${e.running ? ` (${e.running} in flight)` : ''}${e.result ? ` ${e.result}` : ''}${e.reason ? `: ${e.reason}` : ''}`);
    console.log('');
    console.log(`What the report job writes to the run summary (scripts/fleet/report.mjs; one logical tick shows as 1 s), then it ${sim.report.ok ? 'passes' : 'fails'}:`);
    console.log('');
    console.log(sim.report.markdown);
  } finally {
    cleanup();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await fleetCli(process.argv.slice(2));
