// Windows PowerShell 5.1 reads a .ps1 without a byte order mark in the ANSI code page, so any
// non-ASCII byte in a shipped script would change meaning on the runners we target.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.join(import.meta.dirname, '..', 'src');

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return scripts(full);
    return /\.ps(m?1|d1)$/i.test(e.name) ? [full] : [];
  });
}

describe('shipped PowerShell scripts are safe for Windows PowerShell 5.1 encodings', () => {
  const files = scripts(src);
  it('finds the shipped scripts', () => expect(files.length).toBeGreaterThan(0));
  it.each(files.map((f) => [path.relative(src, f), f]))('%s is ASCII or has a UTF-8 BOM', (_name, file) => {
    const bytes = readFileSync(file);
    const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const firstNonAscii = bytes.findIndex((b) => b > 0x7f);
    expect(hasBom || firstNonAscii < 0, `non-ASCII byte at offset ${firstNonAscii}`).toBe(true);
  });
});
