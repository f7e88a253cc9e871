// The config's bytes <-> text layer (src/config/text-style.ts) against bytes written out by hand.
import { describe, expect, it } from 'vitest';
import { ConfigFormatError } from '../src/config/errors.js';
import { decodeConfig, detectEol, encodeConfig, indentBefore, restOfLineBlank } from '../src/config/text-style.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('decodeConfig / encodeConfig', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeConfig(bytes(0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e))).toEqual({ encoding: 'utf-8', bom: true, text: '<a/>' });
    expect(decodeConfig(bytes(0x3c, 0xc3, 0xbc, 0x2f, 0x3e))).toEqual({ encoding: 'utf-8', bom: false, text: '<ü/>' });
    expect(decodeConfig(bytes())).toEqual({ encoding: 'utf-8', bom: false, text: '' });
  });
  it('reads UTF-16 LE and BE by their BOM', () => {
    expect(decodeConfig(bytes(0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00))).toEqual({ encoding: 'utf-16le', bom: true, text: '<a' });
    expect(decodeConfig(bytes(0xfe, 0xff, 0x00, 0x3c, 0x00, 0x61))).toEqual({ encoding: 'utf-16be', bom: true, text: '<a' });
  });
  it('writes each encoding back with its BOM', () => {
    expect(encodeConfig({ encoding: 'utf-8', bom: true, text: 'a' })).toEqual(bytes(0xef, 0xbb, 0xbf, 0x61));
    expect(encodeConfig({ encoding: 'utf-8', bom: false, text: 'ü' })).toEqual(bytes(0xc3, 0xbc));
    expect(encodeConfig({ encoding: 'utf-16le', bom: true, text: 'a' })).toEqual(bytes(0xff, 0xfe, 0x61, 0x00));
    expect(encodeConfig({ encoding: 'utf-16be', bom: true, text: 'a' })).toEqual(bytes(0xfe, 0xff, 0x00, 0x61));
  });
  it('refuses what would not come back byte for byte', () => {
    expect(() => decodeConfig(bytes(0xff, 0xfe, 0x3c))).toThrow(new ConfigFormatError('is not valid UTF-16 (odd number of bytes)'));
    expect(() => decodeConfig(bytes(0xfe, 0xff, 0x00))).toThrow('is not valid UTF-16 (odd number of bytes)');
    expect(() => decodeConfig(bytes(0x3c, 0xff))).toThrow('is not valid UTF-8 text');
    // A lone surrogate in UTF-16 is kept as it is (and written back the same).
    expect(encodeConfig(decodeConfig(bytes(0xff, 0xfe, 0x00, 0xd8)))).toEqual(bytes(0xff, 0xfe, 0x00, 0xd8));
    // A BOM after a BOM is text, and comes back as such.
    expect(decodeConfig(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf)).text).toBe('\ufeff');
  });
  it('names its error and keeps the reason', () => {
    const error = new ConfigFormatError('is not valid UTF-8 text');
    expect([error.name, error.reason, error.message]).toEqual(['ConfigFormatError', 'is not valid UTF-8 text', 'is not valid UTF-8 text']);
  });
});

describe('line style', () => {
  it('finds the dominant line ending; CRLF when there is none or a tie', () => {
    expect(detectEol('a\nb\nc\r\n')).toBe('\n');
    expect(detectEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(detectEol('a\r\nb\n')).toBe('\r\n');
    expect(detectEol('abc')).toBe('\r\n');
    expect(detectEol('a\n')).toBe('\n');
  });
  it('indentBefore: the blanks before pos on its line, or null', () => {
    expect(indentBefore('<a>\n  <b/>', 6)).toBe('  ');
    expect(indentBefore('<a>\n\t<b/>', 5)).toBe('\t');
    expect(indentBefore('<b/>', 0)).toBe('');
    expect(indentBefore('<a><b/>', 3)).toBeNull();
    expect(indentBefore('<a>\n x <b/>', 7)).toBeNull();
  });
  it('restOfLineBlank: only blanks up to the end of the line or text', () => {
    expect(restOfLineBlank('<b/>  \n<c/>', 4)).toBe(true);
    expect(restOfLineBlank('<b/>\t\r\n', 4)).toBe(true);
    expect(restOfLineBlank('<b/>', 4)).toBe(true);
    expect(restOfLineBlank('<b/> <c/>', 4)).toBe(false);
    expect(restOfLineBlank('<b/>\r<c/>', 4)).toBe(false);
  });
});
