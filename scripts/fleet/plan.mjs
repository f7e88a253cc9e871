// Splits a fleet into the canary servers and the rest, and turns the failure budget into a number
// of failures the rollout tolerates. Runs as the fleet/plan action in .github/workflows/rollout.yml.
import { getInput, info, isMain, setFailed, setOutput } from './runner.mjs';

export class FleetInputError extends Error {}

/** 'N' (a count) or 'P%' (a share of the whole fleet, like Ansible's max_fail_percentage). */
export function allowedFailures(budget, total) {
  const text = String(budget ?? '').trim();
  const count = /^\d+$/.exec(text);
  if (count) return Number(text);
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent && Number(percent[1]) <= 100) {
    // Ansible stops once the failed share EXCEEDS the percentage: failures > total * p / 100.
    return Math.floor((total * Number(percent[1])) / 100 + 1e-9);
  }
  throw new FleetInputError(`Input 'failure-budget' must be a number of servers (e.g. 1) or a percentage of the fleet (e.g. 25%); got '${text}'.`);
}

/** Validates the rollout's inputs and returns what the canary and wave jobs run over. */
export function planFleet({ runners, canary, window, failureBudget }) {
  let servers;
  try {
    servers = JSON.parse(runners);
  } catch {
    throw new FleetInputError(`Input 'runners' must be a JSON array of runner labels, e.g. ["sync-01","sync-02"].`);
  }
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s))) {
    throw new FleetInputError(`Input 'runners' must be a non-empty JSON array of runner labels (letters, digits, '.', '_', '-').`);
  }
  const duplicate = servers.find((s, i) => servers.indexOf(s) !== i);
  if (duplicate) throw new FleetInputError(`Input 'runners' names ${duplicate} twice; each server is upgraded once.`);
  const canaryCount = wholeNumber('canary', canary, 0, servers.length);
  const windowSize = wholeNumber('window', window, 1, 256);
  return {
    servers,
    canary: servers.slice(0, canaryCount),
    waves: servers.slice(canaryCount),
    window: windowSize,
    allowedFailures: allowedFailures(failureBudget, servers.length),
  };
}

function wholeNumber(name, value, min, max) {
  const text = String(value ?? '').trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new FleetInputError(`Input '${name}' must be a whole number from ${min} to ${max}; got '${text}'.`);
  }
  return Number(text);
}

export function main(env = process.env) {
  try {
    const plan = planFleet({
      runners: getInput('runners', env),
      canary: getInput('canary', env),
      window: getInput('window', env),
      failureBudget: getInput('failure-budget', env),
    });
    info(
      `Fleet of ${plan.servers.length}: canary ${plan.canary.join(', ') || '(none)'}; then ${plan.waves.length} more, ${plan.window} at a time; the rollout stops starting servers once more than ${plan.allowedFailures} failed.`,
    );
    setOutput('servers', JSON.stringify(plan.servers), env);
    setOutput('canary', JSON.stringify(plan.canary), env);
    setOutput('waves', JSON.stringify(plan.waves), env);
    setOutput('allowed-failures', String(plan.allowedFailures), env);
  } catch (error) {
    setFailed(error instanceof Error ? error.message : String(error));
  }
}

if (isMain(import.meta.url)) main();
