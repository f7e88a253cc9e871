// What the config editor refuses, and where it says the problem is (src/config/xml-tree.ts), and
// the markup it must read through (DOCTYPE, comments, CDATA, processing instructions, entities).
// Every position below was counted by hand: line and column are 1-based.
import { describe, expect, it } from 'vitest';
import { editConfig, inspectConfig } from '../src/config/editor.js';
import { ConfigFormatError } from '../src/config/errors.js';

const fipsAdd = (text: string) => editConfig(Buffer.from(text), { fips: 'present' }).after.text;
const refusal = (text: string) => {
  try {
    editConfig(Buffer.from(text), { fips: 'present' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFormatError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
};

describe('refused, saying where', () => {
  it.each([
    ['text after the root', '<configuration/>x', 'line 1, column 17: text outside the root element'],
    ['a control character in text', '<configuration>\u0001</configuration>', 'line 1, column 16: character U+0001 is not allowed'],
    ['a control character in a comment', '<configuration>\n  <!-- a & \u001b -->\n</configuration>', 'line 2, column 12: character U+001B is not allowed'],
    ['U+FFFE', '<configuration>\r\n\t\uFFFE</configuration>', 'line 2, column 2: character U+FFFE is not allowed'],
    ['CDATA before the root', '<![CDATA[x]]><configuration/>', 'line 1, column 1: CDATA outside the root element'],
    ['an XML declaration inside', '<configuration>\n <?xml version="1.0"?></configuration>', 'line 2, column 2: XML declaration not at the start of the file'],
    ['an upper-case XML declaration inside', '<configuration><?XML version="1.0"?></configuration>', 'line 1, column 16: XML declaration not at the start of the file'],
    ['a DOCTYPE after the root', '<configuration/><!DOCTYPE configuration>', 'line 1, column 17: DOCTYPE after the root element started'],
    ['a DOCTYPE inside the root', '<configuration><!DOCTYPE configuration></configuration>', 'line 1, column 16: DOCTYPE after the root element started'],
    ['a second root', '<configuration/>\n<configuration/>', "line 2, column 1: second root element 'configuration'"],
    ["'<' in a value", '<configuration a="<"/>', "line 1, column 19: '<' inside the value of 'a'"],
    ['a control character in a value', '<configuration a="x\u0002"/>', 'line 1, column 20: character U+0002 is not allowed'],
    ["a bare '&' in a value", '<configuration a="a&b"/>', "line 1, column 20: '&' that starts no entity reference"],
    ["'&#x;' in text", '<configuration>&#x;</configuration>', "line 1, column 16: '&' that starts no entity reference"],
    ["'&#;' in text", '<configuration>&#;</configuration>', "line 1, column 16: '&' that starts no entity reference"],
  ])('%s', (_what, text, where) => {
    expect(refusal(text)).toBe(`is not well-formed XML (${where})`);
  });

  it("passes fast-xml-parser's own finding on in one line", () => {
    expect(refusal('<configuration>\n  <a>\n</configuration>')).toMatch(/^is not well-formed XML \(line \d+, column \d+: [^\n]+\)$/);
    // Two unclosed elements: fast-xml-parser lists them as indented JSON, four blanks a step.
    expect(refusal('<configuration>\n  <appSettings>\n')).toBe(`is not well-formed XML (line 1, column 1: Invalid '[ "configuration", "appSettings"]' found.)`);
    expect(refusal('')).toMatch(/^is not well-formed XML \(line 1: [^\n]+\)$/);
  });
});

describe('read through', () => {
  it('character and entity references, in text and in values', () => {
    const text = '<configuration a="&#123;&#x7B;&#x7b;&amp;&lt;">&#123;&#x7B;&#x7b;&quot;</configuration>';
    expect(fipsAdd(text)).toBe('<configuration a="&#123;&#x7B;&#x7b;&amp;&lt;"><runtime><enforceFIPSPolicy enabled="false"/></runtime>&#123;&#x7B;&#x7b;&quot;</configuration>');
  });

  it('a comment with an ampersand, before and inside the root', () => {
    const text = '<!-- a & b -->\n<configuration>\n  <!-- c & d -->\n</configuration>\n';
    expect(fipsAdd(text)).toBe('<!-- a & b -->\n<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime>\n  <!-- c & d -->\n</configuration>\n');
  });

  it('a DOCTYPE with an internal subset holding ">"', () => {
    const text = '<!DOCTYPE configuration [\n<!ENTITY e "v">\n]>\n<configuration>\n  <appSettings/>\n</configuration>\n';
    expect(fipsAdd(text)).toBe(
      '<!DOCTYPE configuration [\n<!ENTITY e "v">\n]>\n<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime>\n  <appSettings/>\n</configuration>\n',
    );
  });

  it('processing instructions other than the declaration, CDATA and closing tags with blanks', () => {
    const text = '<?xml version="1.0"?><configuration><?xml-stylesheet href="a"?><?myxml x?><x><![CDATA[<runtime>]]></x ></configuration\n>';
    expect(fipsAdd(text)).toBe(
      '<?xml version="1.0"?><configuration><runtime><enforceFIPSPolicy enabled="false"/></runtime><?xml-stylesheet href="a"?><?myxml x?><x><![CDATA[<runtime>]]></x ></configuration\n>',
    );
  });

  it('a runtime closed with blanks before ">" goes whole on removal', () => {
    const text = '<configuration>\n  <runtime>\n    <enforceFIPSPolicy enabled="false"/>\n  </runtime >\n  <appSettings/>\n</configuration>\n';
    expect(editConfig(Buffer.from(text), { fips: 'absent' }).after.text).toBe('<configuration>\n  <appSettings/>\n</configuration>\n');
  });

  it('look-alikes of the element in CDATA and in attribute values are not the element', () => {
    const text = '<configuration><runtime x="<enforceFIPSPolicy enabled=&quot;false&quot;/>"><![CDATA[<enforceFIPSPolicy enabled="false"/>]]></runtime></configuration>';
    expect(() => inspectConfig(Buffer.from(text))).toThrow("'<' inside the value of 'x'");
    const cdata = '<configuration><runtime><![CDATA[<enforceFIPSPolicy enabled="false"/>]]></runtime></configuration>';
    expect(inspectConfig(Buffer.from(cdata)).fips).toEqual({ present: false, exception: false });
  });
});
