import type { Inputs } from '../../shared/inputs.js';
import type { Step, StepContext, StepResult } from '../../shared/step.js';
import { isGone, planRemovals, removalOrder, type UninstallState } from './plan.js';
import { readUninstallState, removeAgent, type RemovedProduct } from './remove.js';
import { readUninstallSettings, type UninstallSettings } from './settings.js';

export const TENANT_NOTE =
  'The tenant keeps listing this agent (as inactive) until the service drops it: Microsoft Graph has no delete for provisioning agents. Keep other active agents serving the same configuration.';

function leftovers(state: UninstallState, settings: UninstallSettings): { files: string[]; records: boolean } {
  return { files: settings.keepConfigBackups ? [] : state.configBackups, records: !settings.keepActionRecords && state.recordsExist };
}

async function removeLeftovers(state: UninstallState, settings: UninstallSettings, ctx: StepContext): Promise<string[]> {
  const { files, records } = leftovers(state, settings);
  if (!files.length && !records) return [];
  const { removed } = await ctx.session.run<{ removed: string[] }>('steps/uninstall-agent/remove-leftovers.ps1', {
    Files: files,
    RecordsKey: records ? state.recordsKey : '',
    InstallDir: state.installDir,
  });
  return removed;
}

/**
 * Removes the agent through its Programs-and-Features entries (bundle, agent, updater), silently,
 * and judges success by the state after. Never chosen by the root action's 'auto'.
 */
export const uninstallAgentStep: Step<UninstallSettings> = {
  name: 'uninstall-agent',
  title: 'Uninstall the provisioning agent',
  readSettings: (inputs: Inputs) => readUninstallSettings(inputs),
  isRequested: () => false,

  async run(settings, ctx): Promise<StepResult> {
    const before = await readUninstallState(ctx.session, settings.installDir);
    const plan = planRemovals(before);
    const extra = leftovers(before, settings);
    const summary: [string, string][] = [];
    const notes: string[] = [];
    const anything = !isGone(before) || extra.files.length > 0 || extra.records;

    if (!anything) {
      ctx.log.info('The agent is not installed and nothing asked to be removed is left; nothing to do.');
      return {
        changed: false,
        outputs: { removed: '[]' },
        summary: [
          ['Agent', 'not installed'],
          ['Removed', 'nothing'],
        ],
      };
    }

    if (ctx.common.dryRun) {
      for (const r of plan.removals) summary.push([`Would remove '${r.product.displayName}'`, `${r.product.displayVersion} with ${r.command}`]);
      for (const p of plan.unremovable) summary.push([`Cannot remove '${p.displayName}'`, 'its entry has no uninstall command']);
      for (const s of before.services) summary.push([`Service ${s.name}`, `${s.state}; goes with its product`]);
      for (const f of extra.files) summary.push(['Would delete config backup', f]);
      if (extra.records) summary.push(["Would delete the action's records", before.recordsKey]);
      if (!isGone(before)) notes.push(TENANT_NOTE);
      return { changed: true, outputs: { removed: JSON.stringify(plan.removals.map((r) => r.product.displayName)) }, summary, notes };
    }

    let removed: RemovedProduct[] = [];
    if (!isGone(before)) removed = (await removeAgent(ctx.session, ctx.log, settings.installDir, ctx.common.timeoutMs)).removed;
    ctx.server.invalidate();
    const after = await readUninstallState(ctx.session, settings.installDir);
    const deleted = await removeLeftovers(after, settings, ctx);

    // Everything that went, also what went along with the bundle (the agent since 1.1.972.0).
    const gone = before.products.filter((p) => !after.products.some((a) => a.registryPath === p.registryPath)).sort((a, b) => removalOrder(a) - removalOrder(b));
    for (const p of gone) {
      const run = removed.find((r) => r.displayName === p.displayName && r.displayVersion === p.displayVersion);
      summary.push([`Removed '${p.displayName}'`, `${p.displayVersion} (${run ? `its uninstaller, exit code ${run.exitCode}` : 'along with the bundle'})`]);
    }
    for (const s of before.services) summary.push([`Service ${s.name}`, after.services.some((a) => a.name === s.name) ? 'still there' : 'removed']);
    for (const d of deleted) summary.push(['Deleted', d]);
    if (settings.keepConfigBackups && after.configBackups.length) summary.push(['Config backups kept', `${after.configBackups.length} in ${after.installDir}`]);
    if (settings.keepActionRecords && after.recordsExist) summary.push(["Action's records kept", after.recordsKey]);
    if (removed.length) notes.push(TENANT_NOTE);
    for (const n of notes) ctx.log.warning(n);
    return {
      changed: removed.length > 0 || deleted.length > 0,
      outputs: { removed: JSON.stringify(gone.map((p) => p.displayName)) },
      summary,
      notes,
    };
  },
};
