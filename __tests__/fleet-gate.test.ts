import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, fetchRunJobs, jobState, serverOfJob } from '../scripts/fleet/gate.mjs';
import { allowedFailures, planFleet } from '../scripts/fleet/plan.mjs';
import { parseOutputFile, repoRoot } from './helpers/action.js';

const SERVERS = ['s1', 's2', 's3', 's4', 's5'];
type Job = { name: string; status: string; conclusion: string | null; steps?: { name: string; status: string; conclusion: string | null }[] };
const done = (server: string, conclusion: string, upgrade = conclusion): Job => ({
  name: `rollout / upgrade ${server}`,
  status: 'completed',
  conclusion,
  steps: [{ name: 'Upgrade and verify', status: 'completed', conclusion: upgrade }],
});
const running = (server: string, upgrade: string | null = null): Job => ({
  name: `rollout / upgrade ${server}`,
  status: 'in_progress',
  conclusion: null,
  steps: [{ name: 'Upgrade and verify', status: upgrade ? 'completed' : 'in_progress', conclusion: upgrade }],
});

describe('fleet gate: decision', () => {
  it('finds the server of a job by its name, with or without the caller job prefix, and only for the fleet', () => {
    expect(serverOfJob('rollout / upgrade s2', SERVERS)).toBe('s2');
    expect(serverOfJob('upgrade s2', SERVERS)).toBe('s2');
    expect(serverOfJob('rollout / upgrade s9', SERVERS)).toBeUndefined();
    expect(serverOfJob('rollout / plan', SERVERS)).toBeUndefined();
  });

  it('reads a job: a failed upgrade step counts before the job ends; a skipped upgrade is a gate skip', () => {
    expect(jobState(running('s1', 'failure'))).toBe('failed');
    expect(jobState(running('s1'))).toBe('running');
    expect(jobState({ name: 'upgrade s1', status: 'queued', conclusion: null })).toBe('waiting');
    expect(jobState(done('s1', 'success'))).toBe('succeeded');
    expect(jobState(done('s1', 'success', 'skipped'))).toBe('skipped');
    expect(jobState(done('s1', 'cancelled', 'cancelled'))).toBe('failed');
    expect(jobState(done('s1', 'failure', 'success'))).toBe('failed');
    expect(jobState({ name: 'upgrade s1', status: 'completed', conclusion: 'timed_out' })).toBe('failed');
  });

  it('lets a server start while failures are within the budget, and stops once they exceed it', () => {
    const one = decide({ self: 's4', servers: SERVERS, allowedFailures: 1, jobs: [done('s1', 'success'), done('s2', 'failure'), running('s3')] });
    expect(one.go).toBe(true);
    expect(one.failed).toEqual(['s2']);
    expect(one.running).toEqual(['s3']);
    expect(one.reason).toBe('s4 starts: 1 failed (s2) so far; failure budget 1.');
    const two = decide({ self: 's5', servers: SERVERS, allowedFailures: 1, jobs: [done('s1', 'success'), done('s2', 'failure'), running('s3', 'failure'), running('s4')] });
    expect(two.go).toBe(false);
    expect(two.failed).toEqual(['s2', 's3']);
    expect(two.reason).toBe('s5 not started: 2 failed (s2, s3), more than the failure budget of 1.');
  });

  it('with a budget of 0 the first failure stops the rollout; its own job and foreign jobs never count', () => {
    expect(decide({ self: 's2', servers: SERVERS, allowedFailures: 0, jobs: [done('s1', 'success')] }).go).toBe(true);
    expect(decide({ self: 's2', servers: SERVERS, allowedFailures: 0, jobs: [done('s1', 'failure')] }).go).toBe(false);
    expect(decide({ self: 's2', servers: SERVERS, allowedFailures: 0, jobs: [done('s2', 'failure'), done('lint', 'failure'), { ...done('s9', 'failure') }] }).go).toBe(true);
  });

  it('servers the gate skipped are not failures', () => {
    expect(decide({ self: 's3', servers: SERVERS, allowedFailures: 0, jobs: [done('s1', 'success', 'skipped')] }).go).toBe(true);
  });
});

describe('fleet plan', () => {
  it('splits canary from waves and reads the budget as a count or a share of the fleet (exceeding stops)', () => {
    const plan = planFleet({ runners: '["a","b","c","d","e","f","g","h"]', canary: '1', window: '3', failureBudget: '1' });
    expect(plan.canary).toEqual(['a']);
    expect(plan.waves).toEqual(['b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(plan.allowedFailures).toBe(1);
    expect(allowedFailures('25%', 8)).toBe(2);
    expect(allowedFailures('30%', 10)).toBe(3);
    expect(allowedFailures('10%', 8)).toBe(0);
    expect(allowedFailures('0', 8)).toBe(0);
  });

  it('refuses bad input in one line naming the input', () => {
    expect(() => planFleet({ runners: 'sync-01', canary: '1', window: '1', failureBudget: '0' })).toThrow(/^Input 'runners' must be a JSON array/);
    expect(() => planFleet({ runners: '["a","a"]', canary: '1', window: '1', failureBudget: '0' })).toThrow("Input 'runners' names a twice");
    expect(() => planFleet({ runners: '["a"]', canary: '2', window: '1', failureBudget: '0' })).toThrow("Input 'canary' must be a whole number from 0 to 1; got '2'.");
    expect(() => planFleet({ runners: '["a"]', canary: '0', window: '0', failureBudget: '0' })).toThrow(/^Input 'window'/);
    expect(() => planFleet({ runners: '["a"]', canary: '0', window: '1', failureBudget: '150%' })).toThrow(/^Input 'failure-budget'/);
  });
});

/** A stand-in for GitHub's REST API on 127.0.0.1: the jobs of one run attempt, two per page when asked. */
function fakeGitHub(jobs: Job[], token: string) {
  const requests: { url: string; auth: string | undefined }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ url: req.url ?? '', auth: req.headers.authorization });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/repos\/contoso\/infra\/actions\/runs\/42\/attempts\/2\/jobs$/.exec(url.pathname);
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end('{"message":"Bad credentials"}');
    if (!m) return void res.writeHead(404).end('{"message":"Not Found"}');
    const perPage = Number(url.searchParams.get('per_page'));
    const page = Number(url.searchParams.get('page'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ total_count: jobs.length, jobs: jobs.slice((page - 1) * perPage, page * perPage) }));
  });
  return { server, requests };
}

function runGate(env: Record<string, string>): Promise<{ code: number | null; stdout: string; outputs: Record<string, string>; summary: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gate-'));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'fleet', 'gate.mjs')], {
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'contoso/infra', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '2', ...env },
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, outputs: parseOutputFile(readFileSync(output, 'utf8')), summary: readFileSync(summary, 'utf8') }));
  });
}

describe('fleet gate: CLI against a fake GitHub API', () => {
  const token = 'ghs_fakeRunToken123';
  // 150 jobs so the gate must read two pages; the fleet's failures are on the second page.
  const others: Job[] = Array.from({ length: 140 }, (_, i) => done(`other-${i}`, 'failure'));
  const fake = fakeGitHub([...others, done('s1', 'success'), done('s2', 'failure'), running('s3', 'failure'), running('s4')], token);
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const address = fake.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  const inputs = (self: string, allowed: string) => ({ INPUT_SERVER: self, INPUT_SERVERS: JSON.stringify(SERVERS), 'INPUT_ALLOWED-FAILURES': allowed, INPUT_TOKEN: token });

  it('skips its server visibly (notice and summary line) once failures exceed the budget, reading every page', async () => {
    const r = await runGate({ GITHUB_API_URL: base, ...inputs('s5', '1') });
    expect(r.code).toBe(0);
    expect(r.outputs.go).toBe('false');
    expect(JSON.parse(r.outputs.failed)).toEqual(['s2', 's3']);
    expect(r.stdout).toContain('::notice title=Fleet gate::s5 not started: 2 failed (s2, s3), more than the failure budget of 1.');
    expect(r.summary).toContain('s5 not started');
    const pages = fake.requests.filter((q) => q.url.includes('/attempts/2/jobs')).map((q) => new URL(q.url, base).searchParams.get('page'));
    expect(pages).toEqual(['1', '2']);
    expect(fake.requests.every((q) => q.auth === `Bearer ${token}`)).toBe(true);
  });

  it('lets its server start within the budget and says so', async () => {
    const r = await runGate({ GITHUB_API_URL: base, ...inputs('s5', '2') });
    expect(r.code).toBe(0);
    expect(r.outputs.go).toBe('true');
    expect(r.stdout).toContain('s5 starts: 2 failed (s2, s3) so far; failure budget 2.');
    expect(Number.isNaN(Date.parse(r.outputs['started-at']))).toBe(false);
  });

  it('fails closed when the API refuses the token: the server does not start', async () => {
    const r = await runGate({ GITHUB_API_URL: base, ...inputs('s5', '2'), INPUT_TOKEN: 'wrong' });
    expect(r.code).toBe(1);
    expect(r.outputs.go).toBe('false');
    expect(r.stdout).toContain('::error::Fleet gate: Listing the jobs of run 42 attempt 2 failed: HTTP 401. The server was not started.');
  });

  it('refuses a server that is not in the fleet', async () => {
    const r = await runGate({ GITHUB_API_URL: base, ...inputs('s9', '2') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Input 'server' (s9) is not in input 'servers'.");
  });

  it('fetchRunJobs names the missing permission on 403', async () => {
    const fetchImpl = (async () => new Response('{}', { status: 403 })) as typeof fetch;
    await expect(fetchRunJobs({ apiUrl: 'http://127.0.0.1:1', repository: 'o/r', runId: '1', attempt: '1', token: 't', fetchImpl })).rejects.toThrow("needs 'actions: read'");
  });
});
