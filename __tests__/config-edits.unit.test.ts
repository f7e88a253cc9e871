// The config editor's placement and attribute rules on small hand-written configs, each expected
// result written out byte for byte: indentation learned from the file, inline and self-closing
// parents, trailing blanks, quotes and escapes, several elements, and exact undo from history.
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../src/config/diff.js';
import { editConfig, inspectConfig, type ConfigRequest } from '../src/config/editor.js';
import { decodeConfig } from '../src/config/text-style.js';

const edit = (text: string, request: ConfigRequest, history: string[] = []) =>
  editConfig(
    Buffer.from(text),
    request,
    history.map((h) => Buffer.from(h)),
  );
const out = (text: string, request: ConfigRequest) => edit(text, request).after.text;
const FIPS: ConfigRequest = { fips: 'present' };
const NO_FIPS: ConfigRequest = { fips: 'absent' };
const PROXY: ConfigRequest = { proxy: { url: 'http://p:1', bypassLocal: true } };
const F = '<enforceFIPSPolicy enabled="false"/>';
const DP = '<defaultProxy enabled="true" useDefaultCredentials="true">';
const P = '<proxy usesystemdefault="true" proxyaddress="http://p:1" bypassonlocal="true"/>';

describe('indent unit learned from the file', () => {
  it('from the one indented pair when the other children sit flush with their parent', () => {
    const text = '<configuration>\n<appSettings/>\n<x>\n   <y/>\n</x>\n</configuration>\n';
    expect(out(text, FIPS)).toBe(`<configuration>\n<runtime>\n   ${F}\n</runtime>\n<appSettings/>\n<x>\n   <y/>\n</x>\n</configuration>\n`);
  });

  it('the first one seen on a tie', () => {
    const text = '<configuration>\n  <a>\n  \t<b/>\n  </a>\n</configuration>\n';
    expect(out(text, FIPS)).toBe(`<configuration>\n  <runtime>\n    ${F}\n  </runtime>\n  <a>\n  \t<b/>\n  </a>\n</configuration>\n`);
  });

  it("only from a child whose indent starts with its parent's (a tab parent, space-then-tab children: no pair)", () => {
    const text = '<configuration>\n\t<a>\n  \t<b/>\n  \t<c/>\n\t</a>\n</configuration>\n';
    expect(out(text, FIPS)).toBe(`<configuration>\n\t<runtime>\n\t\t${F}\n\t</runtime>\n\t<a>\n  \t<b/>\n  \t<c/>\n\t</a>\n</configuration>\n`);
  });

  it('a tab when a line starts with one, else two spaces', () => {
    expect(out('<configuration>\n\t<!-- c -->\n</configuration>', FIPS)).toBe(`<configuration>\n\t<runtime>\n\t\t${F}\n\t</runtime>\n\t<!-- c -->\n</configuration>`);
    expect(out('<configuration a="\t">\n</configuration>', FIPS)).toBe(`<configuration a="\t">\n  <runtime>\n    ${F}\n  </runtime>\n</configuration>`);
  });
});

describe('first child', () => {
  it('an empty runtime written open and closed on one line is opened up', () => {
    expect(out('<configuration>\n  <runtime></runtime>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>\n    ${F}\n  </runtime>\n</configuration>`);
    expect(out('<configuration>\n  <runtime></runtime> <a/>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>${F}</runtime> <a/>\n</configuration>`);
  });

  it('an empty runtime over two lines gets the indent of a child, not of its closing tag', () => {
    expect(out('<configuration>\n  <runtime>\n  </runtime>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>\n    ${F}\n  </runtime>\n</configuration>`);
  });

  it('is indented like the first line inside, a comment included', () => {
    const text = '<configuration>\n  <runtime>  \r\n      <!-- c -->\n    <gcServer/>\n  </runtime>\n</configuration>';
    expect(out(text, FIPS)).toBe(`<configuration>\n  <runtime>  \n      ${F}\r\n      <!-- c -->\n    <gcServer/>\n  </runtime>\n</configuration>`);
  });

  it('goes inline when the runtime start tag shares its line', () => {
    expect(out('<configuration>\n  <runtime><gcServer/>\n  </runtime>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>${F}<gcServer/>\n  </runtime>\n</configuration>`);
    expect(out('<configuration><runtime>\n    <gcServer/>\n  </runtime>\n</configuration>', FIPS)).toBe(`<configuration><runtime>${F}\n    <gcServer/>\n  </runtime>\n</configuration>`);
  });

  it('a self-closing runtime, with or without blanks before "/>", is expanded; inline when not alone on its line', () => {
    expect(out('<configuration>\n  <runtime/>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>\n    ${F}\n  </runtime>\n</configuration>`);
    expect(out('<configuration>\n  <runtime a="1"  />\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime a="1">\n    ${F}\n  </runtime>\n</configuration>`);
    expect(out('<configuration>\n  <runtime/> <appSettings/>\n</configuration>', FIPS)).toBe(`<configuration>\n  <runtime>${F}</runtime> <appSettings/>\n</configuration>`);
    expect(out('<configuration><runtime/>\n</configuration>', FIPS)).toBe(`<configuration><runtime>${F}</runtime>\n</configuration>`);
  });
});

describe('first child: parents that are empty, inline or self-closing', () => {
  it('an empty parent after other markup on its line gets the element inline', () => {
    expect(out('<configuration><runtime></runtime>\n</configuration>', FIPS)).toBe(`<configuration><runtime>${F}</runtime>\n</configuration>`);
  });

  it('a self-closing parent keeps an attribute whose value holds "/>"', () => {
    expect(out('<configuration>\n  <runtime note="a/>b"/>\n</configuration>\n', FIPS)).toBe(`<configuration>\n  <runtime note="a/>b">\n    ${F}\n  </runtime>\n</configuration>\n`);
  });

  it('a parent holding only blanks on its line gets the element right after its start tag, blanks kept after it', () => {
    expect(out('<configuration>\n  <system.net>  </system.net>\n</configuration>\n', PROXY)).toBe(`<configuration>\n  <system.net>${DP}${P}</defaultProxy>  </system.net>\n</configuration>\n`);
  });
});

describe('after a sibling', () => {
  it('keeps the blanks that trail the sibling on its line', () => {
    expect(out('<configuration>\n  <configSections/>   \n  <appSettings/>\n</configuration>', FIPS)).toBe(
      `<configuration>\n  <configSections/>   \n  <runtime>\n    ${F}\n  </runtime>\n  <appSettings/>\n</configuration>`,
    );
  });

  it('goes inline when the sibling shares its line', () => {
    expect(out('<configuration>\n  <configSections/> <appSettings/>\n</configuration>', FIPS)).toBe(`<configuration>\n  <configSections/><runtime>${F}</runtime> <appSettings/>\n</configuration>`);
  });
});

describe('last child (the proxy in system.net)', () => {
  it('after the last child, indented like it, blanks after it kept', () => {
    const text = '<configuration>\n  <system.net>\n    <a/>\n      <b/>  \n  </system.net>\n</configuration>\n';
    expect(out(text, PROXY)).toBe(`<configuration>\n  <system.net>\n    <a/>\n      <b/>  \n      ${DP}\n        ${P}\n      </defaultProxy>\n  </system.net>\n</configuration>\n`);
  });

  it('indented like the first child on its own line when the last shares a line', () => {
    const text = '<configuration>\n  <system.net><a/>\n   <b/> <c/>\n</system.net>\n</configuration>\n';
    expect(out(text, PROXY)).toBe(`<configuration>\n  <system.net><a/>\n   <b/> <c/>\n   ${DP}\n     ${P}\n   </defaultProxy>\n</system.net>\n</configuration>\n`);
  });

  it('indented from the closing tag when system.net shares its line and holds no element', () => {
    const text = '<configuration><system.net>\n  <!-- c -->\n  </system.net>\n</configuration>';
    expect(out(text, PROXY)).toBe(`<configuration><system.net>\n  <!-- c -->\n    ${DP}\n      ${P}\n    </defaultProxy>\n  </system.net>\n</configuration>`);
  });

  it('indented from system.net itself when it holds no element', () => {
    const text = '<configuration>\n  <system.net>\n  <!-- c -->\n </system.net>\n</configuration>\n';
    expect(out(text, PROXY)).toBe(`<configuration>\n  <system.net>\n  <!-- c -->\n    ${DP}\n      ${P}\n    </defaultProxy>\n </system.net>\n</configuration>\n`);
  });

  it('inline when the closing tag shares its line', () => {
    expect(out('<configuration>\n  <system.net><a/></system.net>\n</configuration>', PROXY)).toBe(`<configuration>\n  <system.net><a/>${DP}${P}</defaultProxy></system.net>\n</configuration>`);
  });

  it('into a self-closing or blank system.net', () => {
    const expected = `<configuration>\n  <system.net>\n    ${DP}\n      ${P}\n    </defaultProxy>\n  </system.net>\n</configuration>\n`;
    expect(out('<configuration>\n  <system.net/>\n</configuration>\n', PROXY)).toBe(expected);
    expect(out('<configuration>\n  <system.net>\n  </system.net>\n</configuration>\n', PROXY)).toBe(expected);
  });
});

describe('removal', () => {
  it('takes the line with its trailing blanks, or only the element when it shares its line', () => {
    expect(out(`<configuration>\n  <runtime>\n    ${F}  \n    <gcServer/>\n  </runtime>\n</configuration>`, NO_FIPS)).toBe(
      '<configuration>\n  <runtime>\n    <gcServer/>\n  </runtime>\n</configuration>',
    );
    expect(out(`<configuration>\n  <runtime>\n    ${F} <gcServer/>\n  </runtime>\n</configuration>`, NO_FIPS)).toBe('<configuration>\n  <runtime>\n     <gcServer/>\n  </runtime>\n</configuration>');
  });

  it('removes every exception, and changes an empty runtime only when it held one', () => {
    const text = `<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="maybe"/>\n    <gcServer/>\n    ${F}\n  </runtime>\n</configuration>`;
    expect(out(text, NO_FIPS)).toBe('<configuration>\n  <runtime>\n    <gcServer/>\n  </runtime>\n</configuration>');
    expect(edit('<configuration>\n  <runtime>\n  </runtime>\n</configuration>', NO_FIPS).changed).toBe(false);
  });

  it('keeps a runtime that still holds a comment, CDATA or a processing instruction', () => {
    for (const inner of ['<!-- c -->', '<![CDATA[x]]>', '<?pi x?>']) {
      expect(out(`<configuration><runtime>${F}${inner}</runtime></configuration>`, NO_FIPS)).toBe(`<configuration><runtime>${inner}</runtime></configuration>`);
    }
  });
});

describe('removal: what decides whether the line goes', () => {
  it('an element with other markup before it on its line leaves that line (only the element goes)', () => {
    const text = `<configuration>\n  <runtime><!-- keep -->${F}\n  </runtime>\n</configuration>\n`;
    expect(out(text, NO_FIPS)).toBe('<configuration>\n  <runtime><!-- keep -->\n  </runtime>\n</configuration>\n');
  });

  it('a runtime with attributes is kept when its last child goes: only an attribute-less one is an empty shell', () => {
    const text = `<configuration>\n  <runtime note="x">\n    ${F}\n  </runtime>\n</configuration>\n`;
    expect(out(text, NO_FIPS)).toBe('<configuration>\n  <runtime note="x">\n  </runtime>\n</configuration>\n');
  });
});

describe('the FIPS element already there', () => {
  it('every one of several is set to "false", in place', () => {
    const text = '<configuration><runtime><enforceFIPSPolicy enabled="true"/><enforceFIPSPolicy enabled="x"/></runtime></configuration>';
    expect(out(text, FIPS)).toBe(`<configuration><runtime>${F}${F}</runtime></configuration>`);
  });

  it('is an exception only when every one says "false"', () => {
    const text = `<configuration><runtime>${F}<enforceFIPSPolicy enabled="true"/></runtime></configuration>`;
    expect(inspectConfig(Buffer.from(text)).fips).toEqual({ present: true, exception: false });
  });

  it('gets the attribute when it has none, or none but others', () => {
    expect(out('<configuration><runtime><enforceFIPSPolicy/></runtime></configuration>', FIPS)).toBe(`<configuration><runtime>${F}</runtime></configuration>`);
    expect(out('<configuration><runtime><enforceFIPSPolicy a="1" /></runtime></configuration>', FIPS)).toBe(
      '<configuration><runtime><enforceFIPSPolicy a="1" enabled="false" /></runtime></configuration>',
    );
  });
});

describe('proxy attributes', () => {
  const inside = (dp: string) => `<configuration><system.net>${dp}</system.net></configuration>`;

  it('are escaped for the quotes they sit in', () => {
    const url = `http://p/?a='"&<>`;
    expect(out('<configuration><a/></configuration>', { proxy: { url, bypassLocal: false } })).toBe(
      `<configuration><a/><system.net>${DP}<proxy usesystemdefault="true" proxyaddress="http://p/?a='&quot;&amp;&lt;&gt;" bypassonlocal="false"/></defaultProxy></system.net></configuration>`,
    );
    const single = inside("<defaultProxy><proxy proxyaddress='x' bypassonlocal='true'/></defaultProxy>");
    expect(out(single, { proxy: { url, bypassLocal: true } })).toBe(inside(`<defaultProxy><proxy proxyaddress='http://p/?a=&apos;"&amp;&lt;&gt;' bypassonlocal='true'/></defaultProxy>`));
    const double = inside('<defaultProxy><proxy proxyaddress="x" bypassonlocal="true"/></defaultProxy>');
    expect(out(double, { proxy: { url, bypassLocal: true } })).toBe(inside(`<defaultProxy><proxy proxyaddress="http://p/?a='&quot;&amp;&lt;&gt;" bypassonlocal="true"/></defaultProxy>`));
  });

  it('are read through character and entity references', () => {
    const text = inside('<defaultProxy enabled="&#102;alse"><proxy proxyaddress="http://a/?x=&lt;&gt;&quot;&apos;&amp;&#x4A;&#x4a;&#75;&#107;" bypassonlocal=" TRUE "/></defaultProxy>');
    expect(inspectConfig(Buffer.from(text)).proxy).toEqual({ present: true, enabled: false, url: `http://a/?x=<>"'&JJKk`, bypassLocal: true });
    expect(inspectConfig(Buffer.from(inside('<defaultProxy enabled=" False "/>'))).proxy.enabled).toBe(false);
    expect(inspectConfig(Buffer.from(inside('<defaultProxy enabled="no"/>'))).proxy.enabled).toBe(true);
    expect(inspectConfig(Buffer.from('<configuration><system.net/></configuration>')).proxy).toEqual({ present: false, enabled: false, url: null, bypassLocal: null });
  });

  it('an equal value written another way is left as written', () => {
    const text = inside('<defaultProxy enabled=" TRUE "><proxy proxyaddress="http://p/?a=1&#38;b=2" bypassonlocal="true"/></defaultProxy>');
    expect(edit(text, { proxy: { url: 'http://p/?a=1&b=2', bypassLocal: true } }).changed).toBe(false);
  });

  it('missing ones are added after the last attribute, or after the name', () => {
    expect(out(inside('<defaultProxy><proxy/></defaultProxy>'), PROXY)).toBe(inside('<defaultProxy><proxy proxyaddress="http://p:1" bypassonlocal="true"/></defaultProxy>'));
    expect(out(inside('<defaultProxy enabled="false"><proxy usesystemdefault="true" /></defaultProxy>'), PROXY)).toBe(
      inside('<defaultProxy enabled="true"><proxy usesystemdefault="true" proxyaddress="http://p:1" bypassonlocal="true" /></defaultProxy>'),
    );
  });

  it('a missing proxy child is added first in defaultProxy', () => {
    const text = '<configuration>\n  <system.net>\n    <defaultProxy>\n      <bypasslist/>\n    </defaultProxy>\n  </system.net>\n</configuration>';
    expect(out(text, PROXY)).toBe(`<configuration>\n  <system.net>\n    <defaultProxy>\n      ${P}\n      <bypasslist/>\n    </defaultProxy>\n  </system.net>\n</configuration>`);
  });

  it('two system.net sections, or two defaultProxy, are refused', () => {
    expect(() => edit('<configuration><system.net/><system.net/></configuration>', PROXY)).toThrow('has more than one <system.net> in <configuration>');
    expect(() => edit(inside('<defaultProxy/><defaultProxy/>'), PROXY)).toThrow('has more than one <defaultProxy> in <system.net>');
  });
});

describe('exact undo from history', () => {
  it('restores the version before the proxy was added; another encoding or a non-matching version is no candidate', () => {
    const original = '<configuration>\n  <system.net/>\n</configuration>\n';
    const added = out(original, PROXY);
    expect(added).toBe(`<configuration>\n  <system.net>\n    ${DP}\n      ${P}\n    </defaultProxy>\n  </system.net>\n</configuration>\n`);
    const structural = '<configuration>\n</configuration>\n';
    expect(out(added, { proxy: 'absent' })).toBe(structural);
    const unrelated = '<configuration>\n  <appSettings/>\n</configuration>\n';
    const restored = edit(added, { proxy: 'absent' }, [unrelated, original]);
    expect([restored.after.text, restored.restoredFromHistory]).toEqual([original, true]);
    const bom = editConfig(Buffer.from(added), { proxy: 'absent' }, [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original)])]);
    expect([bom.after.text, bom.restoredFromHistory]).toEqual([structural, false]);
  });

  it('a version that the FIPS add would change too is no candidate for a proxy undo', () => {
    const original = '<configuration>\n  <system.net/>\n</configuration>\n';
    const added = out(original, PROXY);
    const restored = edit(added, { proxy: 'absent' }, [original]);
    expect(restored.restoredFromHistory).toBe(true);
    expect(restored.fips).toEqual({ present: false, exception: false });
  });
});

describe('exact undo: which history versions are candidates', () => {
  it('a version with the same BOM in another encoding is none', () => {
    const original = '<configuration>\n  <system.net/>\n</configuration>\n';
    const added = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(out(original, PROXY))]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]);
    const removed = editConfig(added, { proxy: 'absent' }, [utf16]);
    expect([removed.after.text, removed.restoredFromHistory]).toEqual(['<configuration>\n</configuration>\n', false]);
    // The same text in the same encoding and BOM is one.
    const sameForm = editConfig(added, { proxy: 'absent' }, [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original)])]);
    expect([sameForm.after.text, sameForm.restoredFromHistory]).toEqual([original, true]);
  });

  it('a copy of the current file is none: the removal still happens', () => {
    const added = out('<configuration>\n  <runtime/>\n</configuration>\n', FIPS);
    const removed = edit(added, NO_FIPS, [added]);
    expect([removed.after.text, removed.restoredFromHistory]).toEqual(['<configuration>\n</configuration>\n', false]);
  });

  it('a proxy undo restores a version that has the FIPS exception', () => {
    const original = `<configuration>\n  <runtime>\n    ${F}\n  </runtime>\n  <system.net/>\n</configuration>\n`;
    const restored = edit(out(original, PROXY), { proxy: 'absent' }, [original]);
    expect([restored.after.text, restored.restoredFromHistory]).toEqual([original, true]);
  });

  it('a FIPS undo restores a version that has a proxy', () => {
    const original = `<configuration>\n  <runtime/>\n  <system.net>\n    ${DP}\n      ${P}\n    </defaultProxy>\n  </system.net>\n</configuration>\n`;
    const restored = edit(out(original, FIPS), NO_FIPS, [original]);
    expect([restored.after.text, restored.restoredFromHistory]).toEqual([original, true]);
  });
});

describe('bytes', () => {
  it('a BOM needs all its bytes, each in place', () => {
    for (const bytes of [
      [0xff, 0x41],
      [0x41, 0xbb, 0xbf],
      [0xef, 0x41, 0xbf],
    ])
      expect(() => decodeConfig(Buffer.from(bytes))).toThrow('is not valid UTF-8 text');
  });

  it('a BOM alone is an empty text; a byte off a BOM is no BOM', () => {
    expect(decodeConfig(Buffer.from([0xff, 0xfe]))).toEqual({ encoding: 'utf-16le', bom: true, text: '' });
    expect(decodeConfig(Buffer.from([0xfe, 0xff]))).toEqual({ encoding: 'utf-16be', bom: true, text: '' });
    expect(decodeConfig(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ encoding: 'utf-8', bom: true, text: '' });
    expect(() => decodeConfig(Buffer.from([0xef, 0xbb, 0x3c]))).toThrow('is not valid UTF-8 text');
    expect(() => decodeConfig(Buffer.from([0x3c, 0xfe]))).toThrow('is not valid UTF-8 text');
    expect(() => decodeConfig(Buffer.from([0x3c, 0xff]))).toThrow('is not valid UTF-8 text');
    expect(() => decodeConfig(Buffer.from([0xfe, 0x3c]))).toThrow('is not valid UTF-8 text');
  });
});

describe('plan diff', () => {
  it('no "..." between changes whose context lines touch', () => {
    expect(lineDiff('1\n2\n3\n4\n5\n6', '1\nB\n3\n4\nE\n6')).toEqual(['     1 | 1', '-    2 | 2', '+    2 | B', '     3 | 3', '     4 | 4', '-    5 | 5', '+    5 | E', '     6 | 6']);
  });

  it('as many context lines after a change as asked', () => {
    expect(lineDiff('1\n2\n3\n4\n5', '1\nX\n3\n4\n5', 2)).toEqual(['     1 | 1', '-    2 | 2', '+    2 | X', '     3 | 3', '     4 | 4']);
  });

  it('numbers lines after a common head and before a common tail', () => {
    expect(lineDiff('h\nh\na\nb\nc\nt\nt', 'h\nh\nb\nx\nc\nt\nt', 0)).toEqual(['-    3 | a', '+    4 | x']);
    expect(lineDiff('h\na\nb\nt', 'h\nb\na\nt', 0)).toEqual(['-    2 | a', '+    3 | a']);
  });
});
