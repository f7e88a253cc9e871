// uninstall-agent: the silent command chosen for each Programs-and-Features entry, the removal order,
// "gone", and the inputs' defaults.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { isGone, planRemovals, removalOrder, silentCommand, type Product, type UninstallState } from '../src/steps/uninstall-agent/plan.js';
import { readUninstallSettings } from '../src/steps/uninstall-agent/settings.js';

const CODE = '{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10}';
const product = (over: Partial<Product>): Product => ({
  key: CODE,
  registryPath: 'HKLM:\\x',
  displayName: 'Microsoft Entra Provisioning Agent',
  displayVersion: '1.1.2505.0',
  quietUninstallString: '',
  uninstallString: '',
  windowsInstaller: false,
  ...over,
});
const command = (over: Partial<Product>) => silentCommand(product(over))?.command;
const state = (over: Partial<UninstallState>): UninstallState => ({
  products: [],
  services: [],
  installDir: 'C:\\Program Files\\Microsoft Azure AD Connect Provisioning Agent',
  installDirExists: false,
  agentKeyExists: false,
  configBackups: [],
  recordsKey: 'HKLM:\\SOFTWARE\\entra-provisioning-agent',
  recordsExist: false,
  ...over,
});

describe('uninstall-agent inputs', () => {
  it('keeps config backups and removes the action records by default', () => {
    expect(readUninstallSettings(new Inputs(() => ''))).toEqual({ installDir: undefined, keepConfigBackups: true, keepActionRecords: false });
  });
  it('reads every input', () => {
    const values: Record<string, string> = { 'install-dir': 'D:\\Agent', 'keep-config-backups': 'false', 'keep-action-records': 'true' };
    expect(readUninstallSettings(new Inputs((name) => values[name] ?? ''))).toEqual({ installDir: 'D:\\Agent', keepConfigBackups: false, keepActionRecords: true });
  });
});

describe('uninstall commands', () => {
  it('ignores a blank QuietUninstallString and trims the one it uses', () => {
    expect(command({ quietUninstallString: '   ', uninstallString: '"C:\\c\\setup.exe" /uninstall' })).toBe('"C:\\c\\setup.exe" /uninstall /quiet /norestart');
    expect(command({ quietUninstallString: '  setup.exe /uninstall /quiet /norestart  ' })).toBe('setup.exe /uninstall /quiet /norestart');
    expect(command({ quietUninstallString: '  setup.exe /uninstall /quiet  ' })).toBe('setup.exe /uninstall /quiet /norestart');
  });

  it('trims the UninstallString before reading it', () => {
    expect(command({ uninstallString: '  "C:\\c\\setup.exe" /uninstall  ' })).toBe('"C:\\c\\setup.exe" /uninstall /quiet /norestart');
    expect(command({ uninstallString: `  MsiExec.exe /I${CODE}` })).toBe(`MsiExec.exe /X${CODE} /qn /norestart`);
  });

  it('recognises msiexec by the command line even without the WindowsInstaller flag', () => {
    expect(command({ uninstallString: `MsiExec.exe /I${CODE}` })).toBe(`MsiExec.exe /X${CODE} /qn /norestart`);
    expect(command({ uninstallString: `msiexec /x${CODE}` })).toBe(`MsiExec.exe /X${CODE} /qn /norestart`);
    expect(command({ uninstallString: `"msiexec.exe" /x ${CODE}` })).toBe(`MsiExec.exe /X${CODE} /qn /norestart`);
  });

  it('takes the product code from the UninstallString when the key is not one', () => {
    expect(silentCommand(product({ key: 'AgentEntry', uninstallString: `MsiExec.exe /X${CODE}`, windowsInstaller: true }))).toEqual({
      product: product({ key: 'AgentEntry', uninstallString: `MsiExec.exe /X${CODE}`, windowsInstaller: true }),
      command: `MsiExec.exe /X${CODE} /qn /norestart`,
      source: 'msiexec /x {ProductCode}',
    });
  });

  it('uses the key as product code for a WindowsInstaller entry whose UninstallString is not msiexec', () => {
    expect(command({ uninstallString: 'C:\\agent\\uninstall.exe', windowsInstaller: true })).toBe(`MsiExec.exe /X${CODE} /qn /norestart`);
  });

  it('does not turn a non-MSI entry with a GUID key into msiexec', () => {
    expect(silentCommand(product({ uninstallString: '"C:\\c\\setup.exe" /uninstall' }))).toMatchObject({
      command: '"C:\\c\\setup.exe" /uninstall /quiet /norestart',
      source: 'UninstallString + silent switches',
    });
    expect(command({ uninstallString: 'C:\\agent\\not-msiexec.exe /uninstall' })).toBe('C:\\agent\\not-msiexec.exe /uninstall /quiet /norestart');
  });

  it('does not add /quiet to a command that is silent already', () => {
    expect(command({ key: 'x', uninstallString: 'setup.exe /uninstall /quiet' })).toBe('setup.exe /uninstall /quiet /norestart');
    expect(command({ key: 'x', uninstallString: 'setup.exe /uninstall -s' })).toBe('setup.exe /uninstall -s /norestart');
  });
});

describe('removal order', () => {
  it('judges by the end of the display name', () => {
    expect(removalOrder(product({ displayName: 'Microsoft Entra Provisioning Agent Package' }))).toBe(0);
    expect(removalOrder(product({ displayName: 'Microsoft Entra Provisioning Agent Updater' }))).toBe(2);
    expect(removalOrder(product({ displayName: 'Package Agent Updater' }))).toBe(2);
    expect(removalOrder(product({ displayName: 'Updater Agent' }))).toBe(1);
    expect(removalOrder(product({ displayName: 'Package Agent' }))).toBe(1);
  });
  it('reports an entry without any command as unremovable', () => {
    const bare = product({ key: 'x' });
    expect(planRemovals(state({ products: [bare] }))).toEqual({ removals: [], unremovable: [bare] });
  });
});

describe('gone', () => {
  const service = { name: 'AADConnectProvisioningAgent', state: 'Stopped', path: 'C:\\x.exe' };
  it('only when neither an entry nor a service is left', () => {
    expect(isGone(state({}))).toBe(true);
    expect(isGone(state({ products: [product({})] }))).toBe(false);
    expect(isGone(state({ services: [service] }))).toBe(false);
    expect(isGone(state({ products: [product({})], services: [service] }))).toBe(false);
  });
});
