import * as core from '@actions/core';
import { InputError } from './errors.js';
import { registerSecret } from './secrets.js';

/** Where inputs come from: the runner's INPUT_* variables, or a map in tests and the root action. */
export type InputSource = (name: string) => string;

// Untrimmed, so a password that really ends in a space survives; readers trim where that is right.
export const actionInputs: InputSource = (name) => core.getInput(name, { trimWhitespace: false });

/** Shows a rejected value inside a one-line error: trimmed, single line, bounded. */
function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return `'${flat.length > 60 ? `${flat.slice(0, 57)}...` : flat}'`;
}

/**
 * Typed readers over one input source. Every reader trims, applies the default for an empty value,
 * and throws InputError (one line naming the input) for anything it cannot accept.
 */
export class Inputs {
  constructor(private readonly source: InputSource = actionInputs) {}

  raw(name: string): string {
    return (this.source(name) ?? '').trim();
  }

  has(name: string): boolean {
    return this.raw(name) !== '';
  }

  text(name: string, options: { required?: boolean; default?: string; pattern?: RegExp; describe?: string } = {}): string {
    const value = this.raw(name);
    if (value === '') {
      if (options.required) throw new InputError(name, 'is required.');
      return options.default ?? '';
    }
    if (/[\r\n]/.test(value)) throw new InputError(name, 'must be a single line.');
    if (options.pattern && !options.pattern.test(value)) {
      throw new InputError(name, `must be ${options.describe ?? `a value matching ${options.pattern}`}; got ${shown(value)}.`);
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name).toLowerCase();
    if (value === '') return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new InputError(name, `must be 'true' or 'false'; got ${shown(value)}.`);
  }

  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === '') return fallback;
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) throw new InputError(name, `must be one of ${allowed.join(', ')}; got ${shown(value)}.`);
    return match;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === '') return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InputError(name, `must be a whole number from ${min} to ${max}; got ${shown(value)}.`);
    }
    return Number(value);
  }

  /** A non-empty list: one item a line or comma-separated; blank lines and '#' comments dropped. */
  list(name: string): string[] {
    return this.raw(name)
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*$/, '').trim())
      .flatMap((line) => line.split(','))
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** A secret: masked before anything else can print it; never echoed in errors. */
  secret(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.source(name) ?? '';
    registerSecret(value);
    registerSecret(value.trim());
    if (value.trim() === '') {
      if (options.required) throw new InputError(name, 'is required.');
      return undefined;
    }
    // Passwords may legitimately start or end with spaces only if the user means it; we keep the raw value.
    if (/[\r\n]/.test(value.replace(/^\s+|\s+$/g, ''))) throw new InputError(name, 'must be a single line.');
    return value.replace(/^[\r\n]+|[\r\n]+$/g, '');
  }
}
