// uninstall-agent against the lab server, through the bundled entry (npm run bundle -- uninstall-agent).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { errorLines, runEntry, type EntryRun } from './helpers/action.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { createLabServer, getService, setRegistry, snapshotFiles } from '../lab/lab.mjs';
import { agentDir, installAgent } from '../lab/installer.mjs';
import { setUninstallExitCodes, setUninstallVariant, uninstallEntries } from '../lab/lifecycle.mjs';

type Lab = { root: string; env: NodeJS.ProcessEnv; cleanup(): void };
const labs: Lab[] = [];
function newLab(): Lab {
  const lab = createLabServer() as Lab;
  labs.push(lab);
  return lab;
}
const ENTRIES = ['Microsoft Entra Connect Agent Updater', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Provisioning Agent Package'];
const RECORDS = 'SOFTWARE\\entra-provisioning-agent\\configure-gmsa';

function uninstall(lab: Lab, inputs: Record<string, string> = {}): Promise<EntryRun> {
  return runEntry('uninstall-agent', { shell: 'powershell', ...inputs }, { env: lab.env });
}

function oneError(run: EntryRun): string {
  const lines = errorLines(run);
  expect(lines, run.stdout + run.stderr).toHaveLength(1);
  return lines[0];
}

/** An installed agent with a set-fips backup beside its config and a record of the action. */
function installedLab(): Lab {
  const lab = newLab();
  installAgent(lab.root, '1.1.2505.0');
  writeFileSync(path.join(agentDir(lab.root), 'AADConnectProvisioningAgent.exe.config.20261101T101010Z.bak'), '<configuration/>');
  setRegistry(lab.root, { [RECORDS]: { Domains: '{"tenantId":"x"}' } });
  return lab;
}

describeWithPwsh('uninstall-agent on the lab server', () => {
  afterAll(() => {
    for (const lab of labs) lab.cleanup();
  });

  it('removes the bundle, the agent and the updater silently, keeps the backups, drops the records, and says the tenant keeps the agent', async () => {
    const lab = installedLab();
    expect(uninstallEntries(lab.root)).toEqual(ENTRIES);

    const run = await uninstall(lab);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.changed).toBe('true');
    expect(JSON.parse(run.outputs.removed)).toEqual(['Microsoft Entra Provisioning Agent Package', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Connect Agent Updater']);
    expect(run.summary).toMatch(/Removed 'Microsoft Entra Provisioning Agent Package' \| 1\.1\.2505\.0 \(its uninstaller, exit code 0\)/);
    expect(run.summary).toMatch(/Removed 'Microsoft Entra Provisioning Agent' \| 1\.1\.2505\.0 \(along with the bundle\)/);
    expect(run.summary).toMatch(/Service AADConnectProvisioningAgent \| removed/);
    expect(uninstallEntries(lab.root)).toEqual([]);
    expect(getService(lab.root, 'AADConnectProvisioningAgent')).toBeUndefined();
    expect(getService(lab.root, 'AADConnectAgentUpdater')).toBeUndefined();
    expect(readdirSync(agentDir(lab.root))).toEqual(['AADConnectProvisioningAgent.exe.config.20261101T101010Z.bak']);
    expect(existsSync(path.join(lab.root, 'registry', 'HKLM', 'SOFTWARE', 'entra-provisioning-agent'))).toBe(false);
    expect(run.summary).toMatch(/tenant keeps listing this agent \(as inactive\)/);
    expect(run.summary).toMatch(/Config backups kept \| 1 in /);
    // The silent switches went to the bundle's cached setup; nothing ran without them.
    const lines = snapshotFiles(lab.root)['lab/commandlines.log'];
    expect(Buffer.from(lines, 'base64').toString()).toMatch(/AADConnectProvisioningAgentSetup\.exe \/uninstall \/quiet \/norestart/);

    const again = await uninstall(lab, { 'keep-config-backups': 'true' });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', removed: '[]' });
  });

  it('removes the updater through its MSI entry when the bundle leaves it (the other plausible behaviour), and deletes backups when asked', async () => {
    const lab = installedLab();
    setUninstallVariant(lab.root, { bundleKeepsUpdater: true });
    const run = await uninstall(lab, { 'keep-config-backups': 'false', 'keep-action-records': 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs.removed)).toEqual(['Microsoft Entra Provisioning Agent Package', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Connect Agent Updater']);
    expect(run.summary).toMatch(/Removed 'Microsoft Entra Connect Agent Updater' \| 1\.1\.96\.0 \(its uninstaller, exit code 0\)/);
    expect(Buffer.from(snapshotFiles(lab.root)['lab/commandlines.log'], 'base64').toString()).toMatch(/msiexec\.exe \/X\{[0-9A-F-]+\} \/qn \/norestart/);
    expect(uninstallEntries(lab.root)).toEqual([]);
    expect(existsSync(agentDir(lab.root))).toBe(false);
    expect(existsSync(path.join(lab.root, 'registry', 'HKLM', 'SOFTWARE', 'entra-provisioning-agent'))).toBe(true);
  });

  it('plan mode lists what would go and changes nothing', async () => {
    const lab = installedLab();
    const before = snapshotFiles(lab.root);
    const run = await uninstall(lab, { 'dry-run': 'true', 'keep-config-backups': 'false' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.changed).toBe('true');
    expect(JSON.parse(run.outputs.removed)).toEqual(['Microsoft Entra Provisioning Agent Package', 'Microsoft Entra Provisioning Agent', 'Microsoft Entra Connect Agent Updater']);
    expect(run.summary).toMatch(/Would remove 'Microsoft Entra Provisioning Agent Package' \| 1\.1\.2505\.0 with "[^"]+AADConnectProvisioningAgentSetup\.exe" \/uninstall \/quiet/);
    expect(run.summary).toMatch(/Would delete config backup/);
    expect(run.summary).toMatch(/Would delete the action's records/);
    const after = snapshotFiles(lab.root);
    delete after['lab/commandlines.log'];
    delete before['lab/commandlines.log'];
    expect(after).toEqual(before);
  });

  it('on a server without the agent reports changed=false', async () => {
    const lab = newLab();
    const run = await uninstall(lab);
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'false', removed: '[]' });
    expect(run.summary).toMatch(/Agent \| not installed/);
  });

  it('fails in one line naming the product and exit code when an uninstaller fails, and writes a diagnostics bundle', async () => {
    const lab = installedLab();
    setUninstallExitCodes(lab.root, [1603]);
    const run = await uninstall(lab);
    expect(run.code).not.toBe(0);
    expect(oneError(run)).toMatch(/^Uninstalling 'Microsoft Entra Provisioning Agent Package' 1\.1\.2505\.0 failed with exit code 1603 /);
    expect(run.outputs['diagnostics-path']).toMatch(/entra-agent-diagnostics-uninstall-agent-.*\.zip$/);
    expect(existsSync(run.outputs['diagnostics-path'])).toBe(true);
    expect(getService(lab.root, 'AADConnectProvisioningAgent')).toBeDefined();
  });

  it('judges by the state after: an uninstaller that exits 0 but leaves its entry fails the step, naming what is left', async () => {
    const lab = installedLab();
    setUninstallVariant(lab.root, { bundleRemovesNothing: true });
    const run = await uninstall(lab, { diagnostics: 'never' });
    expect(run.code).not.toBe(0);
    // The agent and updater went through their own MSI entries; the bundle's entry is still there.
    expect(oneError(run)).toBe("The uninstall ran but entry 'Microsoft Entra Provisioning Agent Package' 1.1.2505.0 is still on the server.");
    expect(uninstallEntries(lab.root)).toEqual(['Microsoft Entra Provisioning Agent Package']);
    expect(run.outputs['diagnostics-path'] ?? '').toBe('');
  });
});
