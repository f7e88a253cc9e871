import { describe, expect, it } from 'vitest';
import { redactText, decodeText } from '../src/diagnostics/redact.js';
import { wantsBundle } from '../src/diagnostics/after-run.js';
import { planRemovals, silentCommand, uninstallSucceeded, type Product, type UninstallState } from '../src/steps/uninstall-agent/plan.js';
import { judgeAvailability } from '../src/steps/verify/high-availability.js';
import { rollbackCacheVersion } from '../src/steps/install-agent/rollback-cache.js';
import { clearSecretsForTests, registerSecret } from '../src/shared/secrets.js';

const product = (over: Partial<Product>): Product => ({
  key: '{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10}',
  registryPath: 'HKLM:\\x',
  displayName: 'Microsoft Entra Provisioning Agent',
  displayVersion: '1.1.2505.0',
  quietUninstallString: '',
  uninstallString: '',
  windowsInstaller: false,
  ...over,
});

describe('uninstall commands (Windows conventions; UNDOCUMENTED for these products)', () => {
  it('prefers QuietUninstallString and adds /norestart once', () => {
    expect(silentCommand(product({ quietUninstallString: '"C:\\c\\setup.exe" /uninstall /quiet', uninstallString: 'x' }))?.command).toBe('"C:\\c\\setup.exe" /uninstall /quiet /norestart');
    expect(silentCommand(product({ quietUninstallString: 'setup.exe /uninstall /quiet /norestart' }))?.command).toBe('setup.exe /uninstall /quiet /norestart');
  });

  it('turns an MSI entry (install or remove form) into msiexec /x with /qn', () => {
    expect(silentCommand(product({ uninstallString: 'MsiExec.exe /I{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10}', windowsInstaller: true }))).toMatchObject({
      command: 'MsiExec.exe /X{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10} /qn /norestart',
      source: 'msiexec /x {ProductCode}',
    });
  });

  it('makes a bundle UninstallString silent; an entry without any command is not guessed at', () => {
    expect(silentCommand(product({ displayName: 'Microsoft Entra Provisioning Agent Package', key: 'x', uninstallString: '"C:\\c\\setup.exe" /uninstall' }))?.command).toBe(
      '"C:\\c\\setup.exe" /uninstall /quiet /norestart',
    );
    expect(silentCommand(product({ key: 'not-a-guid' }))).toBeUndefined();
  });

  it('removes the bundle first, the updater last', () => {
    const state = {
      products: [
        product({ displayName: 'Microsoft Entra Connect Agent Updater', uninstallString: 'MsiExec.exe /X{9B1E4D07-2C6A-4F38-8E5B-7A0C3D9F1E62}' }),
        product({ uninstallString: 'MsiExec.exe /X{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10}' }),
        product({ displayName: 'Microsoft Entra Provisioning Agent Package', quietUninstallString: 's.exe /uninstall /quiet' }),
      ],
    } as UninstallState;
    expect(planRemovals(state).removals.map((r) => r.product.displayName)).toEqual([
      'Microsoft Entra Provisioning Agent Package',
      'Microsoft Entra Provisioning Agent',
      'Microsoft Entra Connect Agent Updater',
    ]);
  });

  it('counts 0, 3010, 1641 and 1605 (already gone) as removed', () => {
    expect([0, 3010, 1641, 1605, 1603, 1618, 1602].map(uninstallSucceeded)).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('diagnostics redaction', () => {
  it('blanks registered secrets and secret-shaped values', () => {
    clearSecretsForTests();
    registerSecret('Plain-Secret-42');
    const text = 'pw Plain-Secret-42; jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln; Authorization: Bearer abcdefghijklmnop; password=hunter22; "client_secret": "zz9"';
    expect(redactText(text)).toBe('pw ***; jwt ***JWT***; Authorization: Bearer ***; password=***; "client_secret": "***"');
    clearSecretsForTests();
  });

  it('reads UTF-16 and UTF-8 logs', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('trace', 'utf16le')]))).toBe('trace');
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });

  it('bundles on failure by default, always or never when asked', () => {
    expect([wantsBundle('on-failure', true), wantsBundle('on-failure', false), wantsBundle('always', false), wantsBundle('never', true)]).toEqual([true, false, true, false]);
  });
});

describe('high availability', () => {
  const g = (id: string) => [{ id }];
  it('counts only active agents of the groups this machine serves', () => {
    const agents = [
      { id: '1', machineName: 'sync01.contoso.com', status: 'Active', agentGroups: g('A') },
      { id: '2', machineName: 'sync02.contoso.com', status: 'active', agentGroups: g('A') },
      { id: '3', machineName: 'sync03.contoso.com', status: 'inactive', agentGroups: g('A') },
      { id: '4', machineName: 'other.contoso.com', status: 'active', agentGroups: g('B') },
    ];
    expect(judgeAvailability(agents, 'SYNC01', 2)).toEqual({
      ok: true,
      detail: '2 active agent(s) serve agent group A (minimum 2): sync01.contoso.com, sync02.contoso.com; not active: sync03.contoso.com (inactive)',
    });
    expect(judgeAvailability(agents, 'SYNC01', 3).ok).toBe(false);
    expect(judgeAvailability(agents, 'NOPE', 1)).toEqual({ ok: false, detail: 'this machine (NOPE) has no agent in the tenant, so its agent group is unknown' });
    expect(judgeAvailability([{ id: '1', machineName: 'sync01', status: 'active' }], 'SYNC01', 1).detail).toMatch(/^Graph lists no agent group for sync01 \(active\)/);
  });
});

describe('rollback cache', () => {
  it('keys installers by agent version in a form the tool cache accepts', () => {
    expect(rollbackCacheVersion('1.1.2505.0')).toBe('0.0.0-v1.1.2505.0');
  });
});

describe('root step choice', () => {
  it("'auto' never picks uninstall-agent; a list can, and it runs before install-agent", async () => {
    const { chooseSteps } = await import('../src/main.js');
    const { Inputs } = await import('../src/shared/inputs.js');
    const names = (inputs: Record<string, string>) => chooseSteps(new Inputs((n) => inputs[n] ?? '')).map((p) => p.step.name);
    expect(names({})).not.toContain('uninstall-agent');
    expect(names({ steps: 'auto', 'keep-config-backups': 'false' })).not.toContain('uninstall-agent');
    expect(names({ steps: 'verify, uninstall-agent, install-agent' })).toEqual(['uninstall-agent', 'install-agent', 'verify']);
  });
});
