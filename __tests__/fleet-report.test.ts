import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, readResults } from '../scripts/fleet/report.mjs';
import { serverResult } from '../scripts/fleet/result.mjs';
import { repoRoot } from './helpers/action.js';

const base = {
  server: 's1',
  phase: 'waves',
  gateOutcome: 'success',
  go: 'true',
  upgradeOutcome: 'success',
  fromVersion: '1.1.1000.0',
  toVersion: '1.1.2505.0',
  healthy: 'true',
  rolledBack: 'false',
  startedAt: '2026-11-25T10:00:00.000Z',
  diagnosticsArtifact: '',
};
const at = new Date('2026-11-25T10:03:05.000Z');

describe('fleet result', () => {
  it('records an upgraded server with its versions and duration', () => {
    expect(serverResult(base, at)).toEqual({
      server: 's1',
      phase: 'waves',
      result: 'succeeded',
      from: '1.1.1000.0',
      to: '1.1.2505.0',
      healthy: true,
      rolledBack: false,
      durationSeconds: 185,
      diagnosticsArtifact: '',
    });
  });

  it('tells a failed, a rolled-back, a gate-skipped, a cancelled and a gate-error server apart', () => {
    const failed = serverResult({ ...base, upgradeOutcome: 'failure', healthy: '', rolledBack: 'true', toVersion: '1.1.1000.0', diagnosticsArtifact: 'fleet-diagnostics-s1' }, at);
    expect(failed).toMatchObject({ result: 'failed', healthy: null, rolledBack: true, to: '1.1.1000.0', diagnosticsArtifact: 'fleet-diagnostics-s1' });
    expect(serverResult({ ...base, go: 'false', upgradeOutcome: 'skipped', fromVersion: '', toVersion: '', healthy: '' }, at)).toMatchObject({ result: 'not-started', durationSeconds: null });
    expect(serverResult({ ...base, upgradeOutcome: 'cancelled' }, at).result).toBe('cancelled');
    expect(serverResult({ ...base, gateOutcome: 'failure', go: 'false' }, at).result).toBe('gate-error');
    expect(serverResult({ ...base, gateOutcome: 'cancelled', go: '', upgradeOutcome: 'skipped' }, at).result).toBe('not-started');
  });
});

const result = (server: string, phase: string, res: string, extra: Record<string, unknown> = {}) => ({
  server,
  phase,
  result: res,
  from: '1.0',
  to: '1.1',
  healthy: res === 'succeeded',
  rolledBack: false,
  durationSeconds: 60,
  diagnosticsArtifact: '',
  ...extra,
});

describe('fleet report', () => {
  const servers = ['s1', 's2', 's3', 's4'];

  it('one row per server in fleet order; a server without a result is listed as such; within budget passes', () => {
    const r = buildReport({
      servers,
      canary: ['s1'],
      allowedFailures: 1,
      results: [result('s3', 'waves', 'failed', { rolledBack: true, diagnosticsArtifact: 'fleet-diagnostics-s3' }), result('s1', 'canary', 'succeeded'), result('s2', 'waves', 'succeeded')],
    });
    expect(r.ok).toBe(true);
    expect(r.failed).toEqual(['s3']);
    expect(r.markdown).toContain('2 upgraded, 1 failed, 0 not started by the gate, 1 without a result; 1 failed, within the failure budget of 1.');
    expect(r.markdown).toContain('| 1 | `s1` | canary | succeeded | 1.0 → 1.1 | yes | no | 60 s |  |');
    expect(r.markdown).toContain('| 3 | `s3` | waves | failed | 1.0 → 1.1 | no | yes | 60 s | `fleet-diagnostics-s3` |');
    expect(r.markdown).toContain('| 4 | `s4` | waves | no result |  |  |  |  |  |');
  });

  it('fails when failures exceed the budget', () => {
    const r = buildReport({
      servers,
      canary: ['s1'],
      allowedFailures: 1,
      results: [result('s1', 'canary', 'succeeded'), result('s2', 'waves', 'failed'), result('s3', 'waves', 'cancelled'), result('s4', 'waves', 'not-started')],
    });
    expect(r.exceeded).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.verdict).toBe('2 servers failed (s2, s3), more than the failure budget of 1.');
  });

  it('fails when a canary failed, even within the budget', () => {
    const r = buildReport({ servers, canary: ['s1'], allowedFailures: 2, results: [result('s1', 'canary', 'failed')] });
    expect(r.ok).toBe(false);
    expect(r.verdict).toBe('The canary failed (s1): no other server was started.');
  });

  it('the CLI reads the merged artifacts folder, writes the summary and exits 1 over budget', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const results = path.join(dir, 'results');
    mkdirSync(results);
    writeFileSync(path.join(results, 's1.json'), JSON.stringify(result('s1', 'canary', 'succeeded')));
    writeFileSync(path.join(results, 's2.json'), JSON.stringify(result('s2', 'waves', 'failed')));
    expect(readResults(results).map((r: { server: string }) => r.server)).toEqual(['s1', 's2']);
    const summary = path.join(dir, 'summary');
    writeFileSync(summary, '');
    const run = (allowed: string) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'fleet', 'report.mjs')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', GITHUB_STEP_SUMMARY: summary, INPUT_RESULTS: results, INPUT_SERVERS: JSON.stringify(servers), INPUT_CANARY: '["s1"]', 'INPUT_ALLOWED-FAILURES': allowed },
      });
    const over = run('0');
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('::error::Fleet rollout: 1 server failed (s2), more than the failure budget of 0.');
    expect(readFileSync(summary, 'utf8')).toContain('| 2 | `s2` | waves | failed |');
    expect(run('1').status).toBe(0);
  });
});
