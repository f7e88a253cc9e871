// The fleet report: the last job of .github/workflows/rollout.yml gathers every server's result
// (fleet-result-*.json, see result.mjs) into one table in the run's summary, and fails when more
// servers failed than the failure budget allows or a canary failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { appendSummary, getInput, info, isMain, setFailed, setOutput } from './runner.mjs';

const COUNTS_AS_FAILED = new Set(['failed', 'cancelled', 'gate-error']);
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Reads every *.json result under dir (download-artifact with merge-multiple puts them side by side). */
export function readResults(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
}

/**
 * @param {{ servers: string[], canary?: string[], allowedFailures: number, results: any[] }} input
 */
export function buildReport({ servers, canary = [], allowedFailures, results }) {
  const byServer = new Map(results.map((r) => [r.server, r]));
  const rows = servers.map((server, i) => {
    const r = byServer.get(server);
    return r
      ? { order: i + 1, ...r, phase: r.phase || (canary.includes(server) ? 'canary' : 'waves') }
      : { order: i + 1, server, phase: canary.includes(server) ? 'canary' : 'waves', result: 'no result' };
  });
  const failed = rows.filter((r) => COUNTS_AS_FAILED.has(r.result)).map((r) => r.server);
  const canaryFailed = rows.filter((r) => r.phase === 'canary' && COUNTS_AS_FAILED.has(r.result)).map((r) => r.server);
  const exceeded = failed.length > allowedFailures;
  const count = (result) => rows.filter((r) => r.result === result).length;
  const verdict = exceeded
    ? `${failed.length} ${failed.length === 1 ? 'server' : 'servers'} failed (${failed.join(', ')}), more than the failure budget of ${allowedFailures}.`
    : canaryFailed.length
      ? `The canary failed (${canaryFailed.join(', ')}): no other server was started.`
      : `${failed.length} failed, within the failure budget of ${allowedFailures}.`;
  const lines = [
    '## Fleet rollout',
    '',
    `${count('succeeded')} upgraded, ${failed.length} failed, ${count('not-started')} not started by the gate, ${count('no result')} without a result; ${verdict}`,
    '',
    '| # | server | phase | result | version | healthy | rolled back | duration | diagnostics |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows
      .map((r) =>
        [
          r.order,
          `\`${cell(r.server)}\``,
          r.phase,
          r.result,
          r.from || r.to ? `${cell(r.from || '(none)')} → ${cell(r.to || '(none)')}` : '',
          r.healthy === true ? 'yes' : r.healthy === false ? 'no' : '',
          r.rolledBack ? 'yes' : r.result === 'no result' || r.result === 'not-started' ? '' : 'no',
          typeof r.durationSeconds === 'number' ? `${r.durationSeconds} s` : '',
          r.diagnosticsArtifact ? `\`${cell(r.diagnosticsArtifact)}\`` : '',
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
    '',
  ];
  return { rows, failed, canaryFailed, exceeded, ok: !exceeded && canaryFailed.length === 0, verdict, markdown: lines.join('\n') };
}

export function main(env = process.env) {
  try {
    const servers = JSON.parse(getInput('servers', env) || '[]');
    const canary = JSON.parse(getInput('canary', env) || '[]');
    const allowedFailures = Number(getInput('allowed-failures', env) || '0');
    const report = buildReport({ servers, canary, allowedFailures, results: readResults(getInput('results', env)) });
    appendSummary(report.markdown, env);
    info(report.markdown);
    setOutput('failed', JSON.stringify(report.failed), env);
    if (!report.ok) setFailed(`Fleet rollout: ${report.verdict}`);
  } catch (error) {
    setFailed(`Fleet report: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (isMain(import.meta.url)) main();
