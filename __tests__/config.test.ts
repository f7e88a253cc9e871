// The lossless config editor against a corpus of real-shaped .NET app configs: every edit parses,
// differs from its input only by the intended element, undoes to the original bytes, and is a
// no-op when repeated. Malformed files are refused.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { editConfig, inspectConfig, type ConfigRequest } from '../src/config/editor.js';
import { ConfigFormatError } from '../src/config/errors.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'configs');
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.config'))
  .sort()
  .map((name) => [name, readFileSync(path.join(dir, name))] as const);
const malformed = readdirSync(path.join(dir, 'malformed'))
  .sort()
  .map((name) => [name, readFileSync(path.join(dir, 'malformed', name))] as const);

const PROXY = { url: 'http://proxy.contoso.com:8080', bypassLocal: true };
const FIPS_ADD: ConfigRequest = { fips: 'present' };
const FIPS_REMOVE: ConfigRequest = { fips: 'absent' };

/** Files where the add cannot be undone structurally (several inputs give the same output). */
const FIPS_AMBIGUOUS = new Set(['05-empty-runtime.config', '08-fips-true.config']);

/** The file's text, decoded here (not by the editor's own decoder): UTF-8 or UTF-16 by BOM. */
function text(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

/** The document as data, without the parts an edit may legitimately touch. */
function semantic(bytes: Buffer, strip: (configuration: Record<string, unknown>) => void): unknown {
  const parser = new XMLParser({ ignoreAttributes: false, commentPropName: '#comment', cdataPropName: '#cdata', parseTagValue: false, parseAttributeValue: false });
  const doc = parser.parse(text(bytes)) as Record<string, unknown>;
  expect(doc.configuration, 'configuration root').toBeDefined();
  const configuration = (typeof doc.configuration === 'object' ? doc.configuration : {}) as Record<string, unknown>;
  strip(configuration);
  for (const key of Object.keys(configuration)) {
    const value = configuration[key];
    if (value === '' || (value && typeof value === 'object' && Object.keys(value).length === 0)) delete configuration[key];
  }
  delete doc['?xml'];
  return doc;
}

const stripFips = (c: Record<string, unknown>) => {
  if (c.runtime && typeof c.runtime === 'object') delete (c.runtime as Record<string, unknown>).enforceFIPSPolicy;
};
const stripProxy = (c: Record<string, unknown>) => {
  if (c['system.net'] && typeof c['system.net'] === 'object') delete (c['system.net'] as Record<string, unknown>).defaultProxy;
};

/**
 * Every line the edit removed or added, as '-'/'+' lines: a plain longest-common-subsequence diff
 * written here, independent of the product's diff (src/config/diff.ts).
 */
function changedLines(before: Buffer, after: Buffer): string[] {
  const a = text(before).split(/\r?\n/);
  const b = text(after).split(/\r?\n/);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
    else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out;
}

/** Expected results written by hand, byte for byte: fixtures/configs/expected/<input>.<edit>. */
const expectedDir = path.join(dir, 'expected');
const expectedFiles = readdirSync(expectedDir).sort();

describe('config corpus', () => {
  it('has at least a dozen realistic configs and the malformed set', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(12);
    expect(malformed.map(([n]) => n)).toEqual(expect.arrayContaining(['truncated.config', 'two-roots.config', 'wrong-root.config', 'binary-junk.config', 'empty.config']));
  });

  describe.each(corpus)('%s', (name, original) => {
    it('adds the FIPS exception and changes nothing else', () => {
      const added = editConfig(original, FIPS_ADD);
      expect(added.fips).toEqual({ present: true, exception: true });
      expect(inspectConfig(added.bytes).fips.exception).toBe(true);
      expect(semantic(added.bytes, stripFips)).toEqual(semantic(original, stripFips));
      // Byte level: BOM/encoding kept, and every changed line is about runtime or the element.
      expect(added.after.bom).toBe(added.before.bom);
      expect(added.after.encoding).toBe(added.before.encoding);
      const changed = changedLines(original, added.bytes);
      if (!added.changed) {
        expect(changed).toEqual([]);
        expect(added.bytes.equals(original)).toBe(true);
        return;
      }
      expect(changed.length).toBeGreaterThan(0);
      for (const line of changed) expect(line).toMatch(/<\/?runtime|<enforceFIPSPolicy enabled="(false|true)"/);
      // The inserted line follows the file's line ending and its neighbours' indentation.
      const eol = /\r\n/.test(added.after.text) ? '\r\n' : '\n';
      const inserted = added.after.text.split(eol).find((l) => l.includes('<enforceFIPSPolicy'))!;
      expect(inserted).toMatch(/^([ \t]*<|.*<runtime>)/);
      expect(added.after.text.split('\n').length - added.before.text.split('\n').length).toBeLessThanOrEqual(3);
    });

    it('repeating the add or the remove is a no-op', () => {
      const added = editConfig(original, FIPS_ADD);
      const again = editConfig(added.bytes, FIPS_ADD);
      expect(again.changed).toBe(false);
      expect(again.bytes.equals(added.bytes)).toBe(true);
      const removed = editConfig(added.bytes, FIPS_REMOVE);
      expect(removed.fips.present).toBe(false);
      expect(editConfig(removed.bytes, FIPS_REMOVE).changed).toBe(false);
    });

    it('add then remove restores the original bytes exactly', () => {
      const added = editConfig(original, FIPS_ADD);
      if (!added.changed) {
        // Already there: remove then add must come back to the original instead.
        const removed = editConfig(original, FIPS_REMOVE);
        expect(removed.changed).toBe(true);
        expect(editConfig(removed.bytes, FIPS_ADD).bytes.equals(original)).toBe(true);
        return;
      }
      const withHistory = editConfig(added.bytes, FIPS_REMOVE, [original]);
      expect(withHistory.bytes.equals(original)).toBe(true);
      const structural = editConfig(added.bytes, FIPS_REMOVE);
      if (FIPS_AMBIGUOUS.has(name)) {
        expect(structural.restoredFromHistory).toBe(false);
        expect(structural.fips.present).toBe(false);
        expect(semantic(structural.bytes, stripFips)).toEqual(semantic(original, stripFips));
      } else {
        expect(structural.bytes.toString('latin1')).toBe(original.toString('latin1'));
      }
    });

    it('adds, changes and removes the proxy without touching anything else', () => {
      const added = editConfig(original, { proxy: PROXY });
      expect(added.changed).toBe(true);
      expect(added.proxy).toEqual({ present: true, url: PROXY.url, bypassLocal: true });
      expect(semantic(added.bytes, stripProxy)).toEqual(semantic(original, stripProxy));
      const changed = changedLines(original, added.bytes);
      expect(changed.length).toBeGreaterThan(0);
      for (const line of changed) expect(line).toMatch(/system\.net|defaultProxy|<proxy /);
      expect(editConfig(added.bytes, { proxy: PROXY }).changed).toBe(false);
      const moved = editConfig(added.bytes, { proxy: { url: 'https://other:3128', bypassLocal: false } });
      expect(moved.proxy).toEqual({ present: true, url: 'https://other:3128', bypassLocal: false });
      expect(changedLines(added.bytes, moved.bytes).length).toBe(2);
      const removed = editConfig(added.bytes, { proxy: 'absent' }, [original]);
      expect(removed.proxy.present).toBe(false);
      if (inspectConfig(original).proxy.present) {
        // A proxy the file had before is the user's to remove: it goes, nothing else does.
        expect(semantic(removed.bytes, stripProxy)).toEqual(semantic(original, stripProxy));
      } else {
        expect(removed.bytes.equals(original)).toBe(true);
        expect(editConfig(added.bytes, { proxy: 'absent' }).bytes.equals(original)).toBe(true);
      }
    });

    it('FIPS and proxy together undo to the original', () => {
      const both = editConfig(original, { fips: 'present', proxy: PROXY });
      expect(both.fips.exception && both.proxy.present).toBe(true);
      expect(editConfig(both.bytes, { fips: 'present', proxy: PROXY }).changed).toBe(false);
      const before = inspectConfig(original);
      const undone = editConfig(both.bytes, { fips: before.fips.exception ? undefined : 'absent', proxy: before.proxy.present ? undefined : 'absent' }, [original]);
      if (!before.proxy.present) expect(undone.bytes.equals(original)).toBe(true);
      else expect(undone.fips.exception).toBe(before.fips.exception);
    });
  });
});

describe('hand-written answer keys, byte for byte', () => {
  const requests: Record<string, ConfigRequest> = { fips: FIPS_ADD, proxy: { proxy: PROXY } };

  it('cover LF and CRLF files without <runtime>, after <startup> and after <configSections>', () => {
    expect(expectedFiles).toEqual(expect.arrayContaining(['06-no-runtime.config.fips', '17-lf-startup-no-runtime.config.fips', '18-lf-tabs-configsections-only.config.fips']));
  });

  it.each(expectedFiles)('%s', (file) => {
    const [input, edit] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.') + 1)];
    const original = readFileSync(path.join(dir, input));
    const expected = readFileSync(path.join(expectedDir, file));
    const result = editConfig(original, requests[edit]);
    expect(result.bytes.toString('latin1')).toBe(expected.toString('latin1'));
    // And the inverse edit gives the input back, byte for byte.
    const undo: ConfigRequest = edit === 'fips' ? FIPS_REMOVE : { proxy: 'absent' };
    expect(editConfig(expected, undo).bytes.toString('latin1')).toBe(original.toString('latin1'));
  });
});

describe('malformed configs are refused', () => {
  it.each(malformed)('%s', (_name, bytes) => {
    const copy = Buffer.from(bytes);
    expect(() => editConfig(copy, FIPS_ADD)).toThrow(ConfigFormatError);
    expect(() => editConfig(copy, { proxy: 'absent' })).toThrow(ConfigFormatError);
    expect(copy.equals(bytes)).toBe(true);
  });

  it('explains where and why in one line', () => {
    const truncated = malformed.find(([n]) => n === 'truncated.config')![1];
    expect(() => editConfig(truncated, FIPS_ADD)).toThrow(/not well-formed XML \(line \d+/);
    const wrongRoot = malformed.find(([n]) => n === 'wrong-root.config')![1];
    expect(() => editConfig(wrongRoot, FIPS_ADD)).toThrow("has root element 'settings' instead of 'configuration'");
    expect(() => editConfig(Buffer.alloc(0), FIPS_ADD)).toThrow(/not well-formed XML/);
    expect(() => editConfig(Buffer.from([0xc3, 0x28, 0x3c]), FIPS_ADD)).toThrow('is not valid UTF-8 text');
  });
});

describe('placement', () => {
  const edit = (input: string, request: ConfigRequest) => editConfig(Buffer.from(input), request).after.text;

  it('puts the element first in runtime, indented like its siblings', () => {
    expect(edit('<configuration>\n\t<runtime>\n\t\t<gcServer enabled="true"/>\n\t</runtime>\n</configuration>\n', FIPS_ADD)).toBe(
      '<configuration>\n\t<runtime>\n\t\t<enforceFIPSPolicy enabled="false"/>\n\t\t<gcServer enabled="true"/>\n\t</runtime>\n</configuration>\n',
    );
  });

  it('creates runtime after startup or configSections in an LF file with LF only', () => {
    expect(edit('<configuration>\n  <configSections/>\n  <startup/>\n  <appSettings/>\n</configuration>\n', FIPS_ADD)).toBe(
      '<configuration>\n  <configSections/>\n  <startup/>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime>\n  <appSettings/>\n</configuration>\n',
    );
    expect(edit('<configuration>\n\t<configSections/>\n</configuration>', FIPS_ADD)).toBe(
      '<configuration>\n\t<configSections/>\n\t<runtime>\n\t\t<enforceFIPSPolicy enabled="false"/>\n\t</runtime>\n</configuration>',
    );
  });

  it('creates runtime after configSections and startup, never before configSections', () => {
    const out = edit('<configuration>\r\n  <configSections/>\r\n  <startup/>\r\n  <appSettings/>\r\n</configuration>', FIPS_ADD);
    expect(out).toBe('<configuration>\r\n  <configSections/>\r\n  <startup/>\r\n  <runtime>\r\n    <enforceFIPSPolicy enabled="false"/>\r\n  </runtime>\r\n  <appSettings/>\r\n</configuration>');
  });

  it('changes enabled="true" in place instead of adding a second element', () => {
    const out = edit("<configuration><runtime><enforceFIPSPolicy  enabled = 'true' /></runtime></configuration>", FIPS_ADD);
    expect(out).toBe("<configuration><runtime><enforceFIPSPolicy  enabled = 'false' /></runtime></configuration>");
  });

  it('ignores look-alikes in comments and CDATA', () => {
    const input = '<configuration>\n  <!-- <runtime><enforceFIPSPolicy enabled="false"/></runtime> -->\n  <appSettings/>\n</configuration>\n';
    const out = edit(input, FIPS_ADD);
    expect(out).toBe(
      '<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime>\n  <!-- <runtime><enforceFIPSPolicy enabled="false"/></runtime> -->\n  <appSettings/>\n</configuration>\n',
    );
  });

  it('writes the documented proxy block before </configuration>, escaping the URL', () => {
    const out = edit('<configuration>\n  <appSettings/>\n</configuration>\n', { proxy: { url: 'http://p:8080/?a=1&b=2', bypassLocal: false } });
    expect(out).toBe(
      '<configuration>\n  <appSettings/>\n  <system.net>\n    <defaultProxy enabled="true" useDefaultCredentials="true">\n      <proxy usesystemdefault="true" proxyaddress="http://p:8080/?a=1&amp;b=2" bypassonlocal="false"/>\n    </defaultProxy>\n  </system.net>\n</configuration>\n',
    );
  });

  it('edits an existing proxy attribute by attribute, keeping order, quotes and the bypass list', () => {
    const original = corpus.find(([n]) => n === '11-proxy-present.config')![1];
    const out = editConfig(original, { proxy: PROXY });
    const lines = changedLines(original, out.bytes).map((l) => l.replace(/^([-+]) /, '$1'));
    expect(lines.sort()).toEqual(
      [
        '-    <defaultProxy useDefaultCredentials="true" enabled="false">',
        '-      <proxy proxyaddress="http://old-proxy:3128" usesystemdefault="true" bypassonlocal="false" />',
        '+    <defaultProxy useDefaultCredentials="true" enabled="true">',
        '+      <proxy proxyaddress="http://proxy.contoso.com:8080" usesystemdefault="true" bypassonlocal="true" />',
      ].sort(),
    );
  });

  it('leaves an element that says enabled="true" alone when removing the exception', () => {
    const input = '<configuration><runtime><enforceFIPSPolicy enabled="true"/></runtime></configuration>';
    expect(editConfig(Buffer.from(input), FIPS_REMOVE).changed).toBe(false);
  });

  it('refuses a second runtime section', () => {
    expect(() => edit('<configuration><runtime/><runtime/></configuration>', FIPS_ADD)).toThrow('more than one <runtime>');
  });
});
