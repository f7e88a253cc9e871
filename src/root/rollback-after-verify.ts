import * as core from '@actions/core';
import type { PlannedStep } from '../shared/run-action.js';
import type { AnyStep, StepContext, StepResult } from '../shared/step.js';
import { rollBack } from '../steps/install-agent/rollback.js';
import { runInstaller } from '../steps/install-agent/step.js';
import type { InstallSettings } from '../steps/install-agent/settings.js';
import type { VerifySettings } from '../steps/verify/settings.js';

/** The configuration steps re-applied after a rollback, in run order (they re-create what a reinstall resets). */
const REAPPLY = ['configure-gmsa', 'set-fips', 'enable-writeback'];

/**
 * Root action with install-agent's `rollback`: when verify fails right after install-agent upgraded
 * the agent in the same run, put the previous version back, run this run's configuration steps again
 * (a reinstall resets config customisations and the service account), verify again against the old
 * version, and fail with one line that says what failed and where the server is now.
 */
export function verifyWithRollback(verify: PlannedStep, planned: PlannedStep[]): PlannedStep {
  const install = planned.find((p) => p.step.name === 'install-agent');
  const installSettings = install?.settings as InstallSettings | undefined;
  if (!installSettings?.rollback) return verify;
  const step: AnyStep = {
    ...verify.step,
    async run(settings: VerifySettings, ctx: StepContext): Promise<StepResult> {
      const first = await verify.step.run(settings, ctx);
      const upgrade = ctx.earlier.get('install-agent');
      if (!first.failure || ctx.common.dryRun || upgrade?.outputs.action !== 'upgraded') return first;
      const from = String(upgrade.outputs['previous-version'] ?? '');
      const to = String(upgrade.outputs.version ?? '');
      if (!from) return first;
      const line = await rollBack(from, to, new Error(`verify failed after the upgrade to ${to}: ${first.failure}`), installSettings, ctx, {
        runInstaller: (file, sha) => runInstaller(file, sha, installSettings, ctx),
      });
      // install-agent's outputs were published already: the rollback changes what they say.
      core.setOutput('install-agent-rolled-back', 'true');
      core.setOutput('install-agent-version', from);
      core.setOutput('install-agent-action', 'rolled-back');
      for (const name of REAPPLY) {
        const again = planned.find((p) => p.step.name === name);
        if (!again) continue;
        ctx.log.info(`Rollback: applying ${name} again on agent ${from}.`);
        const result = await again.step.run(again.prepare ? again.prepare(again.settings, ctx) : again.settings, ctx);
        if (result.failure) throw new Error(`${line.replace(/;.*$/, '')}; re-applying ${name} failed: ${result.failure}`);
      }
      const recheck = await verify.step.run({ ...settings, expectedVersion: from, minVersion: undefined }, ctx);
      const outcome = recheck.failure ? `verify still fails on ${from}: ${recheck.failure}` : `verify passes on ${from}`;
      const failure = `Verify failed after the upgrade to ${to} (${first.failure.replace(/\.$/, '')}); rolled back: the server is back on agent ${from} and ${outcome.replace(/\.$/, '')}.`;
      return { ...recheck, notes: [...(recheck.notes ?? []), failure], failure };
    },
  };
  return { ...verify, step };
}
