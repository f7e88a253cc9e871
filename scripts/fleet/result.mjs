// The small JSON record each server job of .github/workflows/rollout.yml publishes (as artifact
// fleet-result-<server>) for the fleet report: what the gate decided and how the upgrade ended.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { getInput, info, isMain, setFailed, setOutput } from './runner.mjs';

/** success/failure/cancelled/skipped are the `outcome` values of a step in the workflow context. */
export function serverResult(input, now = new Date()) {
  let result;
  // A job cancelled before or during its gate never started the upgrade.
  if (input.gateOutcome === 'cancelled') result = 'not-started';
  else if (input.gateOutcome !== 'success') result = 'gate-error';
  else if (input.go !== 'true') result = 'not-started';
  else if (input.upgradeOutcome === 'success') result = 'succeeded';
  else if (input.upgradeOutcome === 'cancelled') result = 'cancelled';
  else result = 'failed';
  const started = Date.parse(input.startedAt ?? '');
  const ran = result === 'succeeded' || result === 'failed' || result === 'cancelled';
  return {
    server: input.server,
    phase: input.phase,
    result,
    from: input.fromVersion || '',
    to: input.toVersion || '',
    healthy: input.healthy === '' || input.healthy === undefined ? null : input.healthy === 'true',
    rolledBack: input.rolledBack === 'true',
    durationSeconds: ran && Number.isFinite(started) ? Math.max(0, Math.round((now.getTime() - started) / 1000)) : null,
    diagnosticsArtifact: input.diagnosticsArtifact || '',
  };
}

export function main(env = process.env) {
  try {
    const record = serverResult({
      server: getInput('server', env),
      phase: getInput('phase', env),
      gateOutcome: getInput('gate-outcome', env),
      go: getInput('go', env),
      upgradeOutcome: getInput('upgrade-outcome', env),
      fromVersion: getInput('from-version', env),
      toVersion: getInput('to-version', env),
      healthy: getInput('healthy', env),
      rolledBack: getInput('rolled-back', env),
      startedAt: getInput('started-at', env),
      diagnosticsArtifact: getInput('diagnostics-artifact', env),
    });
    if (!record.server) throw new Error("Input 'server' is empty.");
    const dir = path.join(env.RUNNER_TEMP || '.', 'fleet-result');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${record.server}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    info(`Fleet result of ${record.server}: ${record.result}.`);
    setOutput('path', file, env);
  } catch (error) {
    setFailed(`Fleet result: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (isMain(import.meta.url)) main();
