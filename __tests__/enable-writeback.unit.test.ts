import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { readEnableWritebackSettings } from '../src/steps/enable-writeback/settings.js';
import { writebackBlocker } from '../src/steps/enable-writeback/step.js';

const read = (values: Record<string, string>) => readEnableWritebackSettings(new Inputs((name) => values[name] ?? ''));

describe('enable-writeback settings', () => {
  it('needs password-writeback true|false', () => {
    expect(() => read({})).toThrow(/^Input 'password-writeback' is required/);
    expect(() => read({ 'password-writeback': 'yes' })).toThrow(/^Input 'password-writeback'/);
  });
  it('prefers writeback-username, falls back to tenant-username, needs one', () => {
    expect(read({ 'password-writeback': 'true', 'writeback-username': 'ga@c.com', 'writeback-password': 'g', 'tenant-username': 'h@c.com', 'tenant-password': 'h' }).credential.username).toBe(
      'ga@c.com',
    );
    expect(read({ 'password-writeback': 'false', 'tenant-username': 'h@c.com', 'tenant-password': 'h' }).credentialInputs).toContain('tenant-username');
    expect(() => read({ 'password-writeback': 'true' })).toThrow(/^Input 'writeback-username'.*access token cannot be used/);
  });
});

describe('writeback version gate', () => {
  it.each([
    ['1.1.977.0', true, null],
    ['1.1.976.0', true, /needs agent 1\.1\.977\.0 or later and this server has 1\.1\.976\.0: upgrade/],
    ['1.1.700.0', false, null],
    ['1.1.500.0', false, /no password writeback command/],
  ])('%s enable=%s', (version, enable, error) => {
    const blocker = writebackBlocker(version, true, 'tenant', enable);
    if (error) expect(blocker?.message).toMatch(error);
    else expect(blocker).toBeNull();
  });
  it('an unregistered agent is refused', () => expect(writebackBlocker('1.1.2505.0', true, null, true)?.code).toBe('NotRegistered'));
});

describe('writeback in US Government needs 1.1.2108.0 (1.1.2102.0 is known broken there)', () => {
  it.each([
    ['1.1.2102.0', 'AzureUSGovernment', /needs agent 1\.1\.2108\.0 or later in US Government \(1\.1\.2102\.0 is known to fail there\) and this server has 1\.1\.2102\.0/],
    ['1.1.2107.9', 'AzureUSGovernment', /needs agent 1\.1\.2108\.0/],
    ['1.1.2108.0', 'AzureUSGovernment', null],
    ['1.1.2102.0', 'AzureCloud', null],
  ] as const)('%s in %s', (version, environment, error) => {
    const blocker = writebackBlocker(version, true, 'tenant', true, environment);
    if (error) expect(blocker?.message).toMatch(error);
    else expect(blocker).toBeNull();
  });
  it('disabling is not gated by the cloud', () => expect(writebackBlocker('1.1.2102.0', true, 'tenant', false, 'AzureUSGovernment')).toBeNull());
});

describe('enable-writeback settings in detail', () => {
  const message = (values: Record<string, string>) => {
    try {
      read(values);
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };
  const own = { 'writeback-username': 'ga@contoso.com', 'writeback-password': 'g' };

  it('reads every input; reapply is off and the cloud public by default', () => {
    expect(read({ 'password-writeback': 'TRUE', ...own })).toEqual({
      enable: true,
      credential: { username: 'ga@contoso.com', password: 'g' },
      credentialInputs: "'writeback-username'/'writeback-password'",
      environment: 'AzureCloud',
      installDir: undefined,
      reapply: false,
    });
    expect(read({ 'password-writeback': 'false', ...own, environment: 'azureusgovernment', 'install-dir': 'D:\\Agent', reapply: 'true' })).toEqual({
      enable: false,
      credential: { username: 'ga@contoso.com', password: 'g' },
      credentialInputs: "'writeback-username'/'writeback-password'",
      environment: 'AzureUSGovernment',
      installDir: 'D:\\Agent',
      reapply: true,
    });
  });

  it('names the tenant inputs when the credential falls back to them', () => {
    expect(read({ 'password-writeback': 'true', 'tenant-username': 'hia@contoso.com', 'tenant-password': 'h' }).credentialInputs).toBe("'tenant-username'/'tenant-password'");
  });

  it('names the role the missing credential needs: enabling needs a Global Administrator', () => {
    expect(message({ 'password-writeback': 'true' })).toBe(
      "Input 'writeback-username' and 'writeback-password' (a Global Administrator) are required; 'tenant-username'/'tenant-password' are used when they are empty. An access token cannot be used: the writeback cmdlet takes only a credential.",
    );
    expect(message({ 'password-writeback': 'false' })).toBe(
      "Input 'writeback-username' and 'writeback-password' (a Global Administrator or Hybrid Identity Administrator) are required; 'tenant-username'/'tenant-password' are used when they are empty. An access token cannot be used: the writeback cmdlet takes only a credential.",
    );
  });

  it('refuses a user name that is not a user principal name, in one line naming the input', () => {
    expect(message({ 'password-writeback': 'true', 'writeback-username': 'global admin', 'writeback-password': 'g' })).toBe(
      "Input 'writeback-username' must be a user principal name such as 'admin@contoso.onmicrosoft.com'; got 'global admin'.",
    );
    expect(message({ 'password-writeback': 'true', 'tenant-username': 'CONTOSO\\hia', 'tenant-password': 'h' })).toBe(
      "Input 'tenant-username' must be a user principal name such as 'admin@contoso.onmicrosoft.com'.",
    );
  });
});
