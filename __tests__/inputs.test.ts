import { describe, expect, it } from 'vitest';
import { InputError } from '../src/shared/errors.js';
import { Inputs } from '../src/shared/inputs.js';
import { readCommonSettings } from '../src/shared/common-settings.js';
import { assertPlatform, failureLine } from '../src/shared/run-action.js';
import { clearSecretsForTests, derivedForms, redact, registerSecret } from '../src/shared/secrets.js';

const from = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('Inputs', () => {
  it('reads booleans strictly and names the input when the value is wrong', () => {
    expect(from({ a: 'TRUE' }).bool('a', false)).toBe(true);
    expect(from({}).bool('a', true)).toBe(true);
    const e = errorOf(() => from({ a: 'yes' }).bool('a', false));
    expect(e.message).toBe("Input 'a' must be 'true' or 'false'; got 'yes'.");
  });

  it('matches choices case-insensitively and returns the canonical spelling', () => {
    expect(from({ e: 'azureusgovernment' }).choice('e', ['AzureCloud', 'AzureUSGovernment'], 'AzureCloud')).toBe('AzureUSGovernment');
    expect(errorOf(() => from({ e: 'Mars' }).choice('e', ['AzureCloud'], 'AzureCloud')).message).toMatch(/^Input 'e' must be one of AzureCloud; got 'Mars'\.$/);
  });

  it('bounds integers', () => {
    expect(from({ n: '5' }).integer('n', 1, 0, 10)).toBe(5);
    for (const bad of ['-1', '11', '1.5', 'ten']) expect(() => from({ n: bad }).integer('n', 1, 0, 10)).toThrow(InputError);
  });

  it('keeps error messages on one line and bounded, whatever the value', () => {
    const e = errorOf(() => from({ a: `x\n${'y'.repeat(500)}` }).bool('a', false));
    expect(e.message).not.toMatch(/\n/);
    expect(e.message.length).toBeLessThan(160);
  });

  it('reads lists from lines and commas, dropping comments and blanks', () => {
    expect(from({ l: 'a, b\n\n# note\nc # trailing\n' }).list('l')).toEqual(['a', 'b', 'c']);
  });

  it('masks a secret before anything else sees it, keeps its spaces, and never echoes it in an error', () => {
    clearSecretsForTests();
    const value = '  pa ss  ';
    expect(from({ s: value }).secret('s')).toBe(value);
    expect(redact(`x${value}x`)).toBe('x***x');
    expect(errorOf(() => from({}).secret('s', { required: true })).message).toBe("Input 's' is required.");
  });
});

describe('secrets', () => {
  it('derives the forms a secret takes when re-encoded', () => {
    const forms = derivedForms('ü&<');
    expect(forms).toContain(Buffer.from('ü&<', 'utf16le').toString('base64'));
    expect(forms).toContain(Buffer.from('ü&<', 'utf8').toString('base64'));
    expect(forms).toContain('\\u00fc\\u0026\\u003c');
  });

  it('redacts the longest form first so a secret inside another is still covered', () => {
    clearSecretsForTests();
    registerSecret('abcdef');
    registerSecret('abc');
    expect(redact('abcdefg abc')).toBe('***g ***');
  });
});

describe('common settings and platform', () => {
  it('defaults to Windows PowerShell 5.1 and plan mode off', () => {
    expect(readCommonSettings(from({}))).toMatchObject({ dryRun: false, shell: 'powershell', shellGiven: false });
  });

  it('refuses a non-Windows runner unless planning or the engine was named', () => {
    const common = readCommonSettings(from({}));
    expect(() => assertPlatform(common, 'linux')).toThrow(/Windows server and this runner is linux/);
    expect(() => assertPlatform(common, 'win32')).not.toThrow();
    expect(() => assertPlatform({ ...common, dryRun: true }, 'linux')).not.toThrow();
    expect(() => assertPlatform({ ...common, shellGiven: true }, 'linux')).not.toThrow();
  });

  it('makes a failure one line', () => {
    expect(failureLine(new Error('a\n  b\r\nc'))).toBe('a b c');
  });
});
