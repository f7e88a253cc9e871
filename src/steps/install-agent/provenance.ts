import { INSTALLER_SIGNER } from '../../agent/facts.js';

/** What inspect-installer.ps1 reports about the file's Authenticode signature. */
export interface SignatureInfo {
  /** Get-AuthenticodeSignature Status: Valid, NotSigned, HashMismatch, NotTrusted, UnknownError, ... */
  status: string;
  statusMessage: string | null;
  signerSubject: string | null;
  thumbprint: string | null;
}

/** Splits an X.500 subject ("CN=Microsoft Corporation, O=..., C=US") into attributes; quoted values allowed. */
export function parseSubject(subject: string): Map<string, string> {
  const out = new Map<string, string>();
  const pattern = /\s*([A-Za-z][\w.]*)\s*=\s*("(?:[^"]|"")*"|[^,+]*)\s*(?:[,+]|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(subject)) && match[0] !== '') {
    let value = match[2].trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/""/g, '"');
    const key = match[1].toUpperCase();
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** Null when the file carries a valid Authenticode signature from Microsoft Corporation; else why not. */
export function signatureProblem(info: SignatureInfo): string | null {
  if (info.status !== 'Valid') {
    const detail = info.statusMessage ? ` (${info.statusMessage.replace(/\s+/g, ' ').trim()})` : '';
    return `its Authenticode signature status is ${info.status || 'unknown'}${detail}`;
  }
  const subject = parseSubject(info.signerSubject ?? '');
  if (subject.get('CN') !== INSTALLER_SIGNER || subject.get('O') !== INSTALLER_SIGNER) {
    return `it is signed by '${info.signerSubject ?? 'nobody'}', not ${INSTALLER_SIGNER}`;
  }
  return null;
}
