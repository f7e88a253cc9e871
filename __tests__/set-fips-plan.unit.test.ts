// set-fips: the pure intent (what the config should say and why) and the exact input errors.
import { describe, expect, it } from 'vitest';
import { Inputs } from '../src/shared/inputs.js';
import { decideConfigIntent, nothingRequested } from '../src/steps/set-fips/plan.js';
import { readSetFipsSettings, setFipsRequested, type SetFipsSettings } from '../src/steps/set-fips/settings.js';

const inputs = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
const read = (values: Record<string, string>) => readSetFipsSettings(inputs(values));
const base: SetFipsSettings = { fipsException: 'auto', proxy: undefined, installDir: undefined, restartAgent: true, restartTimeoutSeconds: 120, backupsToKeep: 5 };
const message = (values: Record<string, string>) => {
  try {
    read(values);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('set-fips intent', () => {
  it.each([
    ['add', false, { fips: 'present' }, "fips-exception is 'add'"],
    ['remove', true, { fips: 'absent' }, "fips-exception is 'remove'"],
    ['leave', true, {}, "fips-exception is 'leave'"],
    ['auto', true, { fips: 'present' }, 'the FIPS policy is on (auto)'],
    ['auto', false, {}, 'the FIPS policy is off, so auto leaves it alone'],
  ] as const)('%s with the FIPS policy on=%s asks for %j because %s', (mode, policy, request, reason) => {
    expect(decideConfigIntent({ ...base, fipsException: mode }, policy)).toEqual({ request, fipsReason: reason });
  });

  it('leaves the proxy alone when no proxy input is given', () => {
    expect(decideConfigIntent({ ...base, fipsException: 'leave' }, false).request).toEqual({});
    expect('proxy' in decideConfigIntent({ ...base, fipsException: 'add' }, false).request).toBe(false);
  });

  it('requests nothing only when neither part is requested', () => {
    expect(nothingRequested({})).toBe(true);
    expect(nothingRequested({ fips: 'present' })).toBe(false);
    expect(nothingRequested({ fips: 'absent' })).toBe(false);
    expect(nothingRequested({ proxy: 'absent' })).toBe(false);
    expect(nothingRequested({ fips: 'present', proxy: { url: 'http://proxy.contoso.com:8080', bypassLocal: true } })).toBe(false);
  });
});

describe('set-fips inputs', () => {
  it('reads every input, and bypasses the proxy for local addresses by default', () => {
    expect(read({ 'proxy-url': 'http://proxy.contoso.com:8080', 'install-dir': 'D:\\Agent', 'restart-agent': 'false', 'restart-timeout-seconds': '300', 'backups-to-keep': '9' })).toEqual({
      fipsException: 'auto',
      proxy: { url: 'http://proxy.contoso.com:8080', bypassLocal: true },
      installDir: 'D:\\Agent',
      restartAgent: false,
      restartTimeoutSeconds: 300,
      backupsToKeep: 9,
    });
    expect(read({ 'remove-proxy': 'true' }).proxy).toBe('remove');
  });

  it('refuses a proxy URL that carries only a user name, without echoing it', () => {
    expect(message({ 'proxy-url': 'http://svc-proxy@proxy.contoso.com:8080' })).toBe(
      "Input 'proxy-url' must not contain a user name or password; the agent authenticates to the proxy as its service account (useDefaultCredentials).",
    );
  });

  it('refuses a proxy URL with non-ASCII characters, even in the middle', () => {
    expect(message({ 'proxy-url': 'http://prøxy.contoso.com:8080' })).toBe(
      "Input 'proxy-url' must be an http:// or https:// URL such as http://proxy.contoso.com:8080 (ASCII, no spaces); got 'http://prøxy.contoso.com:8080'.",
    );
  });

  it('shows a bad proxy URL of 60 characters whole, and cuts a longer one to 57 and "..."', () => {
    const sixty = `ftp://proxy.contoso.com/${'a'.repeat(36)}`;
    expect(sixty).toHaveLength(60);
    expect(message({ 'proxy-url': sixty })).toBe(
      `Input 'proxy-url' must be an http:// or https:// URL such as http://proxy.contoso.com:8080 (ASCII, no spaces); got 'ftp://proxy.contoso.com/${'a'.repeat(36)}'.`,
    );
    expect(message({ 'proxy-url': `${sixty}b` })).toBe(
      `Input 'proxy-url' must be an http:// or https:// URL such as http://proxy.contoso.com:8080 (ASCII, no spaces); got 'ftp://proxy.contoso.com/${'a'.repeat(33)}...'.`,
    );
  });

  it('runs in the root action when told to remove the proxy, even with fips-exception leave', () => {
    expect(setFipsRequested(inputs({ 'fips-exception': 'leave', 'remove-proxy': 'true' }))).toBe(true);
    expect(setFipsRequested(inputs({ 'fips-exception': 'LEAVE', 'remove-proxy': 'false' }))).toBe(false);
  });
});
