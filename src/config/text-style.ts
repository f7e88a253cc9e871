/**
 * Bytes <-> text for the agent's config without losing a byte, and the file's own style (line
 * ending, indent unit) so inserted lines look like their neighbours.
 *
 * Supported encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Decoding is strict and
 * checked by re-encoding: a file that would not come back byte for byte is refused, never rewritten.
 * Every edit inserts ASCII only, so the file's declared encoding stays true.
 */
import { ConfigFormatError } from './errors.js';

export type ConfigEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedConfig {
  encoding: ConfigEncoding;
  bom: boolean;
  /** The file's text without its BOM. */
  text: string;
}

function swapBytes(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  out.swap16();
  return out;
}

export function decodeConfig(bytes: Buffer): DecodedConfig {
  let decoded: DecodedConfig;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes.length % 2 !== 0) throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
    decoded = { encoding: 'utf-16le', bom: true, text: bytes.subarray(2).toString('utf16le') };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    if (bytes.length % 2 !== 0) throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
    decoded = { encoding: 'utf-16be', bom: true, text: swapBytes(bytes.subarray(2)).toString('utf16le') };
  } else {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    } catch {
      throw new ConfigFormatError('is not valid UTF-8 text');
    }
    decoded = { encoding: 'utf-8', bom, text };
  }
  if (!encodeConfig(decoded).equals(bytes)) throw new ConfigFormatError(`does not round-trip as ${decoded.encoding} text`);
  return decoded;
}

export function encodeConfig(config: DecodedConfig): Buffer {
  if (config.encoding === 'utf-8') {
    const body = Buffer.from(config.text, 'utf8');
    return config.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const le = Buffer.from(config.text, 'utf16le');
  if (config.encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(le)]);
}

/** The file's dominant line ending; a file without any gets Windows' CRLF. */
export function detectEol(text: string): '\r\n' | '\n' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return lf > crlf ? '\n' : '\r\n';
}

/** Whitespace from the start of pos's line to pos, or null when something else precedes pos on its line. */
export function indentBefore(text: string, pos: number): string | null {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const lead = text.slice(start, pos);
  return /^[ \t]*$/.test(lead) ? lead : null;
}

/** True when only spaces/tabs follow pos up to the end of its line (or of the text). */
export function restOfLineBlank(text: string, pos: number): boolean {
  const m = /^[ \t]*(\r?\n|$)/.exec(text.slice(pos, pos + 4096));
  return m !== null;
}
