// Inputs and secrets (src/shared/inputs.ts, secrets.ts): every message and derived form written out.
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/shared/errors.js';
import { Inputs } from '../src/shared/inputs.js';
import { clearSecretsForTests, derivedForms, redact, registerSecret } from '../src/shared/secrets.js';

const from = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');
const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
};

afterEach(() => clearSecretsForTests());

describe('Inputs readers', () => {
  it('raw and has trim; an unset input is empty', () => {
    expect(from({ a: '  x \n' }).raw('a')).toBe('x');
    expect(from({ a: ' \t ' }).has('a')).toBe(false);
    expect(from({ a: 'x' }).has('a')).toBe(true);
    expect(new Inputs(() => undefined as unknown as string).raw('a')).toBe('');
  });

  it('text: default, required, single line, pattern with its description or the pattern', () => {
    expect(from({}).text('t')).toBe('');
    expect(from({}).text('t', { default: 'd' })).toBe('d');
    expect(from({ t: ' v ' }).text('t', { default: 'd' })).toBe('v');
    expect(message(() => from({}).text('t', { required: true }))).toBe("Input 't' is required.");
    expect(message(() => from({ t: 'a\nb' }).text('t'))).toBe("Input 't' must be a single line.");
    expect(message(() => from({ t: 'a\rb' }).text('t'))).toBe("Input 't' must be a single line.");
    expect(message(() => from({ t: 'x y' }).text('t', { pattern: /^\w+$/, describe: 'one word' }))).toBe("Input 't' must be one word; got 'x y'.");
    expect(message(() => from({ t: 'x y' }).text('t', { pattern: /^\w+$/ }))).toBe("Input 't' must be a value matching /^\\w+$/; got 'x y'.");
    expect(from({ t: 'xy' }).text('t', { pattern: /^\w+$/ })).toBe('xy');
  });

  it('shows a rejected value flattened, trimmed and cut at 60 characters, with its length when cut', () => {
    expect(message(() => from({ b: 'a\t\tb' }).bool('b', false))).toBe("Input 'b' must be 'true' or 'false'; got 'a b'.");
    const long = 'x'.repeat(61);
    expect(message(() => from({ b: long }).bool('b', false))).toBe(`Input 'b' must be 'true' or 'false'; got '${'x'.repeat(57)}...' (61 characters).`);
    const sixty = 'y'.repeat(60);
    expect(message(() => from({ b: sixty }).bool('b', false))).toBe(`Input 'b' must be 'true' or 'false'; got '${sixty}'.`);
  });

  it('bool: true/false in any case, the fallback when empty', () => {
    expect(from({ b: 'False' }).bool('b', true)).toBe(false);
    expect(from({ b: ' true ' }).bool('b', false)).toBe(true);
    expect(from({}).bool('b', false)).toBe(false);
  });

  it('choice: the fallback when empty, every allowed value in the message', () => {
    expect(from({}).choice('c', ['a', 'b'], 'b')).toBe('b');
    expect(message(() => from({ c: 'z' }).choice('c', ['a', 'b'], 'a'))).toBe("Input 'c' must be one of a, b; got 'z'.");
  });

  it('integer: inclusive bounds, digits only, the fallback when empty', () => {
    expect(from({}).integer('n', 7, 0, 10)).toBe(7);
    expect(from({ n: '0' }).integer('n', 7, 0, 10)).toBe(0);
    expect(from({ n: '10' }).integer('n', 7, 0, 10)).toBe(10);
    expect(message(() => from({ n: '11' }).integer('n', 7, 0, 10))).toBe("Input 'n' must be a whole number from 0 to 10; got '11'.");
    expect(message(() => from({ n: '2' }).integer('n', 7, 3, 10))).toBe("Input 'n' must be a whole number from 3 to 10; got '2'.");
    expect(() => from({ n: '5x' }).integer('n', 7, 0, 10)).toThrow(InputError);
    expect(() => from({ n: '+5' }).integer('n', 7, 0, 10)).toThrow(InputError);
  });

  it('list: lines and commas, comments and blanks dropped, CRLF too', () => {
    expect(from({ l: 'a,b\r\nc ,, d\r\n#x,y\r\n e#f' }).list('l')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(from({}).list('l')).toEqual([]);
  });

  it('secret: masked as given and trimmed, blank is undefined, line breaks only at the ends', () => {
    expect(from({ s: '\r\n pass \r\n' }).secret('s')).toBe(' pass ');
    expect(redact('a pass b')).toBe('a *** b');
    expect(from({ s: '   ' }).secret('s')).toBeUndefined();
    expect(from({}).secret('s')).toBeUndefined();
    expect(message(() => from({ s: ' ' }).secret('s', { required: true }))).toBe("Input 's' is required.");
    expect(message(() => from({ s: 'one\ntwo' }).secret('s'))).toBe("Input 's' must be a single line.");
    expect(new Inputs(() => undefined as unknown as string).secret('s')).toBeUndefined();
  });
});

describe('secret forms and redaction', () => {
  it('derives exactly these forms of a secret', () => {
    expect(derivedForms(`p'<ü>&`).sort()).toEqual(
      [
        `p'<ü>&`,
        'cCc8w7w+Jg==', // base64 of the UTF-8 bytes
        'cAAnADwA/AA+ACYA', // base64 of the UTF-16LE bytes (PowerShell -EncodedCommand, .NET)
        "p'%3C%C3%BC%3E%26", // URL encoding
        // JSON string content, then with <>&' escaped, non-ASCII escaped, and both
        `p'<ü>&`,
        'p\\u0027\\u003cü\\u003e\\u0026',
        "p'<\\u00fc>&",
        'p\\u0027\\u003c\\u00fc\\u003e\\u0026',
      ]
        .filter((f, i, all) => all.indexOf(f) === i)
        .sort(),
    );
    expect(derivedForms('"')).toContain('\\"');
    // The value itself, also when its JSON form differs; never an empty form.
    expect(derivedForms('a"b\\')).toContain('a"b\\');
    expect(derivedForms('')).toEqual([]);
  });

  it('redacts the longest form first whatever the order of registration', () => {
    registerSecret('abc');
    registerSecret('abcdef');
    expect(redact('abcdefg abc')).toBe('***g ***');
  });

  it('registers nothing for an empty value, and redacts nothing then', () => {
    registerSecret('');
    registerSecret(undefined);
    expect(redact('a b c')).toBe('a b c');
    expect(redact('')).toBe('');
  });

  it('leaves short ASCII forms alone (they would mangle logs) but redacts short non-ASCII ones', () => {
    registerSecret('ab');
    expect(redact('abc ab')).toBe('abc ab');
    registerSecret('ü');
    expect(redact('xüx')).toBe('x***x');
    registerSecret('abc');
    expect(redact('abc')).toBe('***');
  });

  it('redacts every registered form, each occurrence', () => {
    registerSecret('s3cret@');
    expect(redact('s3cret@ and czNjcmV0QA== and cwAzAGMAcgBlAHQAQAA= and s3cret%40, s3cret@')).toBe('*** and *** and *** and ***, ***');
  });
});
