import { redact } from '../shared/secrets.js';

/**
 * Secrets the action did not handle itself can still be in the agent's traces and events (tokens,
 * passwords in a connection string): shapes that are secret whatever their value are blanked too.
 */
const PATTERNS: [RegExp, string][] = [
  // JSON Web Tokens (access and id tokens): three base64url parts, the first one starts with {"
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '***JWT***'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***'],
  // key=value and "key": "value" forms of credentials
  [/\b(password|passwd|pwd|secret|client_secret|access_token|refresh_token|id_token|sharedaccesskey|accountkey)(["']?\s*[=:]\s*["']?)[^"'\s;&,<]+/gi, '$1$2***'],
];

export function redactText(text: string): string {
  let out = redact(text);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Text of a file as Windows writes it: UTF-16 with a BOM, UTF-8 with or without one. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}
