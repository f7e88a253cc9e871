// Literal answer keys for the install-agent rules where a one-character slip costs most: the
// installer's exit codes (Windows Installer conventions, agent-facts.md), version comparison and the
// Authenticode signer rule. Every expected value is written out here, never taken from src/.
import { describe, expect, it } from 'vitest';
import { compareVersions, isVersion, normalizeVersion, parseVersion } from '../src/shared/version.js';
import { exitCodeMeaning, formatExitCode, interpretExitCode } from '../src/steps/install-agent/exit-codes.js';
import { parseSubject, signatureProblem } from '../src/steps/install-agent/provenance.js';

describe('installer exit codes, each with its meaning', () => {
  const meanings: [number, RegExp][] = [
    [0, /^success$/],
    [5, /^access denied; run the installer elevated$/],
    [87, /invalid parameter/],
    [1602, /cancelled/],
    [1603, /^fatal error during installation$/],
    [1618, /^another installation is already in progress$/],
    [1619, /could not be opened/],
    [1620, /invalid package/],
    [1625, /forbidden by system policy/],
    [1633, /not supported on this platform/],
    [1638, /another version of this product is already installed/],
    [1639, /invalid command line argument/],
    [1641, /^success; the installer started a reboot$/],
    [3010, /^success; a reboot is required/],
    [-2147023293, /^fatal error during installation \(0x80070643\)$/],
  ];
  it.each(meanings)('%i', (code, meaning) => {
    expect(exitCodeMeaning(code)).toMatch(meaning);
  });
  it('calls anything else unknown and points at the log', () => {
    expect(exitCodeMeaning(1)).toBe('unknown exit code (see the install log)');
    expect(exitCodeMeaning(-1)).toBe('unknown exit code (see the install log)');
  });
  it('prints HRESULTs with their hex form, small codes in decimal only', () => {
    expect(formatExitCode(0)).toBe('0');
    expect(formatExitCode(65535)).toBe('65535');
    expect(formatExitCode(65536)).toBe('65536 (0x00010000)');
    expect(formatExitCode(-1)).toBe('-1 (0xFFFFFFFF)');
    expect(formatExitCode(-1073741819)).toBe('-1073741819 (0xC0000005)');
  });
  it('only 0, 3010 and 1641 are success, only 1618 is retried', () => {
    for (const code of [1, 5, 87, 1602, 1603, 1619, 1638, 3011, 1640, 1617, -1]) expect(interpretExitCode(code), String(code)).toEqual({ kind: 'failure' });
  });
});

describe('four-part versions', () => {
  it('accepts two to four numeric parts, with blanks around', () => {
    for (const good of ['1.1', '1.1.2505', '1.1.2505.0', ' 1.1.2505.0 ', '123456789.0']) expect(isVersion(good), good).toBe(true);
    for (const bad of ['1234567890.0', '1.1.2505.0.', '.1.1', '1,1', 'a1.1']) expect(isVersion(bad), bad).toBe(false);
  });
  it('pads missing parts with zeros and trims', () => {
    expect(parseVersion(' 1.2 ')).toEqual([1, 2, 0, 0]);
    expect(parseVersion('1.2.3')).toEqual([1, 2, 3, 0]);
    expect(normalizeVersion('1.1')).toBe('1.1.0.0');
    expect(() => parseVersion('x')).toThrow("'x' is not a version (expected a.b.c.d).");
  });
  it('compares every one of the four parts', () => {
    expect(compareVersions('2.0.0.0', '1.9.9.9')).toBe(1);
    expect(compareVersions('1.0.0.0', '2.0.0.0')).toBe(-1);
    expect(compareVersions('1.1.0.0', '1.2.0.0')).toBe(-1);
    expect(compareVersions('1.1.3.0', '1.1.2.9')).toBe(1);
    expect(compareVersions('1.1.2.8', '1.1.2.9')).toBe(-1);
    expect(compareVersions('1.1.2.9', '1.1.2.9')).toBe(0);
  });
});

describe('the signer rule: CN and O both Microsoft Corporation', () => {
  const valid = (subject: string | null) => signatureProblem({ status: 'Valid', statusMessage: null, signerSubject: subject, thumbprint: 'AB' });
  it('accepts exactly CN=Microsoft Corporation and O=Microsoft Corporation, in any order and case of keys', () => {
    expect(valid('CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US')).toBeNull();
    expect(valid('O=Microsoft Corporation, cn=Microsoft Corporation')).toBeNull();
    expect(valid('CN="Microsoft Corporation", O=Microsoft Corporation')).toBeNull();
  });
  it('refuses when either one names someone else, or is missing', () => {
    expect(valid('CN=Microsoft Corporation, O=Contoso Ltd')).toBe("it is signed by 'CN=Microsoft Corporation, O=Contoso Ltd', not Microsoft Corporation");
    expect(valid('CN=Contoso Ltd, O=Microsoft Corporation')).toBe("it is signed by 'CN=Contoso Ltd, O=Microsoft Corporation', not Microsoft Corporation");
    expect(valid('CN=Microsoft Corporation')).not.toBeNull();
    expect(valid('O=Microsoft Corporation')).not.toBeNull();
    expect(valid(null)).toBe("it is signed by 'nobody', not Microsoft Corporation");
    // The first CN counts: a second one cannot override a foreign first.
    expect(valid('CN=Contoso Ltd, CN=Microsoft Corporation, O=Microsoft Corporation')).not.toBeNull();
  });
  it('names the status and its message, on one line', () => {
    expect(signatureProblem({ status: 'NotTrusted', statusMessage: 'A certificate chain\r\n  could not be built.', signerSubject: null, thumbprint: null })).toBe(
      'its Authenticode signature status is NotTrusted (A certificate chain could not be built.)',
    );
    expect(signatureProblem({ status: '', statusMessage: null, signerSubject: null, thumbprint: null })).toBe('its Authenticode signature status is unknown');
    expect(signatureProblem({ status: 'NotSigned', statusMessage: '\r\nThe file is not signed.\r\n', signerSubject: null, thumbprint: null })).toBe(
      'its Authenticode signature status is NotSigned (The file is not signed.)',
    );
    expect(signatureProblem({ status: 'valid', statusMessage: '', signerSubject: 'CN=Microsoft Corporation, O=Microsoft Corporation', thumbprint: null })).toBe(
      'its Authenticode signature status is valid',
    );
  });
  it('parses subjects: quotes, doubled quotes, + separators, spaces', () => {
    expect([...parseSubject(' CN = "A ""B"", C" + O=D ,C=US').entries()]).toEqual([
      ['CN', 'A "B", C'],
      ['O', 'D'],
      ['C', 'US'],
    ]);
    expect([...parseSubject('').entries()]).toEqual([]);
    // Only a value that starts with a quote is a quoted value.
    expect(parseSubject('CN=Contoso"').get('CN')).toBe('Contoso"');
  });
});
