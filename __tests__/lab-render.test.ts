import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessages, maskedValues, parseOutputs, renderLog, renderOutputs, renderRun, renderSummary } from '../lab/render.mjs';
import { SCENARIOS, SCENARIO_NAMES } from '../lab/scenarios.mjs';

const repoRoot = path.join(import.meta.dirname, '..');

describe('lab renderer: the log as GitHub shows it', () => {
  const raw = [
    'Steps: install-agent → verify',
    '::add-mask::s3cr%25t',
    '::group::Install the provisioning agent',
    '::debug::get-server-state.ps1: 80 ms',
    'Preflight: all 8 checks passed.',
    '::warning::Preflight: TLS 1.2 failed.%0AFix: enable it.',
    'the password is s3cr%t',
    '::endgroup::',
    '::error::The agent service is Stopped after the restart.',
    '::set-output name=x::y',
  ].join('\n');

  it('shows group titles as headings with their lines under them, warnings and errors marked, debug hidden', () => {
    expect(renderLog(raw).split('\n')).toEqual([
      'Steps: install-agent → verify',
      '',
      '▶ Install the provisioning agent',
      '  Preflight: all 8 checks passed.',
      '  Warning: Preflight: TLS 1.2 failed.',
      '           Fix: enable it.',
      '  the password is ***',
      'Error: The agent service is Stopped after the restart.',
    ]);
  });

  it('shows debug lines only when asked', () => {
    expect(renderLog(raw)).not.toContain('get-server-state.ps1');
    expect(renderLog(raw, { debug: true })).toContain('  Debug: get-server-state.ps1: 80 ms');
  });

  it('reads masks and errors the way the runner does (escapes undone)', () => {
    expect(maskedValues(raw)).toEqual(['s3cr%t']);
    expect(errorMessages(raw)).toEqual(['The agent service is Stopped after the restart.']);
  });
});

describe('lab renderer: outputs and job summary', () => {
  it('parses the heredoc form of GITHUB_OUTPUT, multi-line values included', () => {
    const file = 'changed<<ghadelimiter_1\ntrue\nghadelimiter_1\nnote<<ghadelimiter_2\nline one\nline two\nghadelimiter_2\n';
    expect(parseOutputs(file)).toEqual({ changed: 'true', note: 'line one\nline two' });
  });

  it('lists outputs aligned and in full; a JSON list one element per line; empty values said so', () => {
    const report = JSON.stringify([
      { check: 'agent-service', ok: true, detail: 'x'.repeat(200) },
      { check: 'version', ok: false, detail: 'older' },
    ]);
    const text = renderOutputs({ changed: 'true', 'verify-report': report, 'previous-version': '' });
    expect(text.split('\n')).toEqual([
      `changed           true`,
      `verify-report     {"check":"agent-service","ok":true,"detail":"${'x'.repeat(200)}"}`,
      `                  {"check":"version","ok":false,"detail":"older"}`,
      `previous-version  (empty)`,
    ]);
  });

  it('turns the summary Markdown into text: headings underlined, key/value tables aligned, quotes as notes, no pipes left', () => {
    const md = [
      '## Entra provisioning agent',
      '',
      '### Verify the provisioning agent',
      '',
      '| | |',
      '| --- | --- |',
      '| Result | unchanged |',
      '| Agent service | ✅ pass: a \\| b |',
      '',
      '> The `report-only` input is **true**.',
    ].join('\n');
    expect(renderSummary(md).split('\n')).toEqual([
      'Entra provisioning agent',
      '========================',
      '',
      'Verify the provisioning agent',
      '-----------------------------',
      '',
      'Result          unchanged',
      'Agent service   ✅ pass: a | b',
      '',
      'Note: The report-only input is true.',
    ]);
  });

  it('keeps a table header that has names', () => {
    const md = '| Measure | Value |\n| --- | --- |\n| Ratio | 1.3 |';
    expect(renderSummary(md).split('\n')).toEqual(['Measure   Value', 'Ratio     1.3']);
  });

  it('shows a failed run with its annotation and the place for diagnostics, masked', () => {
    const run = { label: 'x', code: 1, seconds: 1, log: '::add-mask::hunter2\n::error::sign-in as admin with hunter2 failed', outputs: { changed: 'false' }, summary: '' };
    const text = renderRun({ title: 'Build', run });
    expect(text).toContain('Error: sign-in as admin with *** failed');
    expect(text).toContain('── Diagnostics');
    expect(text).not.toContain('hunter2');
  });
});

describe('lab scenarios: the proof line is checked, not printed', () => {
  it('fresh: a second run that changed something is NOT PROVEN', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lab-proof-'));
    try {
      const good = { label: 'first', code: 0, log: '', summary: '', outputs: { 'verify-healthy': 'true', 'install-agent-action': 'installed' } };
      const second = { label: 'second', code: 0, log: '', summary: '', outputs: { changed: 'true', 'install-agent-changed': 'false', 'set-fips-changed': 'true' } };
      const proof = SCENARIOS.fresh.prove({ runs: [good, second], server: { root } });
      expect(proof.ok).toBe(false);
      expect(proof.line).toMatch(/^NOT PROVEN: .*the second run reported changed=true.*the second run changed set-fips/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('agent-will-not-start: a run that succeeded is NOT PROVEN', () => {
    const run = { label: 'x', code: 0, log: '', summary: '', outputs: {} };
    expect(SCENARIOS['agent-will-not-start'].prove({ runs: [run], server: { root: '' } }).ok).toBe(false);
  });
});

describe('npm run lab: command line', () => {
  const lab = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'lab.mjs'), ...args], { encoding: 'utf8' });

  it('--help lists every scenario and exits 0 without running anything', () => {
    const r = lab('--help');
    expect(r.status).toBe(0);
    for (const name of SCENARIO_NAMES) expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('--plan');
  });

  it.each([
    [['--dry-run'], "unknown option '--dry-run' (plan mode is --plan)"],
    [['--scenario', 'nope'], "unknown scenario 'nope'"],
    [['extra'], "unexpected argument 'extra'"],
  ])('refuses %j with one line and exit 2', (args, message) => {
    const r = lab(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`npm run lab: ${message}${message.startsWith('unknown scenario') ? `; known: ${SCENARIO_NAMES.join(', ')}` : ''}`);
    expect(r.stdout).toBe('');
  });
});
