/**
 * A small XML tokenizer that knows where every element starts and ends (fast-xml-parser validates
 * but gives no offsets). It skips comments, CDATA, processing instructions and DOCTYPE, respects
 * quoted attribute values, and is strict about what fast-xml-parser lets through: exactly one root
 * element, no text outside it, XML declaration only at the very start, no control characters, no
 * bare '&'. Offsets are indexes into the decoded text (BOM excluded).
 */
import { XMLValidator } from 'fast-xml-parser';
import { ConfigFormatError } from './errors.js';

export interface XmlAttr {
  name: string;
  value: string;
  /** Offsets of the value between its quotes. */
  valueStart: number;
  valueEnd: number;
}

export interface XmlElement {
  /** Qualified name as written (prefix included). */
  name: string;
  /** Offset of '<'. */
  start: number;
  /** Offset just after the start tag's '>'. */
  openEnd: number;
  selfClosing: boolean;
  /** Offset of '</' (equals `end` for a self-closing element). */
  closeStart: number;
  /** Offset just after the element's last '>'. */
  end: number;
  attrs: XmlAttr[];
  children: XmlElement[];
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length + 1;
  return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

function bad(text: string, offset: number, what: string): never {
  throw new ConfigFormatError(`is not well-formed XML (${position(text, offset)}: ${what})`);
}

// The patterns live in the functions that use them (not at module level) only so that mutation
// testing measures them with every test that reaches them.
function checkCharacters(text: string, from: number, chunk: string): void {
  // Control characters XML 1.0 does not allow: matching them is the point.
  // eslint-disable-next-line no-control-regex
  const ctl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(chunk);
  if (ctl) bad(text, from + ctl.index, `character U+${ctl[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
  const amp = /&(?!(?:[A-Za-z_][-A-Za-z0-9_.]*|#[0-9]+|#x[0-9A-Fa-f]+);)/.exec(chunk);
  if (amp) bad(text, from + amp.index, "'&' that starts no entity reference");
}

function readName(text: string, at: number): string | undefined {
  const name = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
  name.lastIndex = at;
  return name.exec(text)?.[0];
}

/** Parses the whole document; returns its root element. Throws ConfigFormatError. */
export function parseXmlTree(text: string): XmlElement {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new ConfigFormatError(`is not well-formed XML (line ${line}${col ? `, column ${col}` : ''}: ${msg.replace(/\s+/g, ' ')})`);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? n : lt);
    checkCharacters(text, i, chunk);
    if (stack.length === 0 && /\S/.test(chunk)) bad(text, i + chunk.search(/\S/), 'text outside the root element');
    if (lt < 0) break;
    const top = stack[stack.length - 1];
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) bad(text, lt, 'comment is never closed');
      checkCharacters(text, lt, text.slice(lt, close).replace(/&/g, ' '));
      i = close + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (!top) bad(text, lt, 'CDATA outside the root element');
      const close = text.indexOf(']]>', lt);
      if (close < 0) bad(text, lt, 'CDATA section is never closed');
      i = close + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) bad(text, lt, 'processing instruction is never closed');
      if (/^xml$/i.test(readName(text, lt + 2) ?? '') && lt !== 0) bad(text, lt, 'XML declaration not at the start of the file');
      i = close + 2;
      continue;
    }
    if (text.startsWith('<!DOCTYPE', lt)) {
      if (root || top) bad(text, lt, 'DOCTYPE after the root element started');
      let j = lt + 9;
      let depth = 0;
      while (j < n && (text[j] !== '>' || depth > 0)) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']') depth--;
        j++;
      }
      if (j >= n) bad(text, lt, 'DOCTYPE is never closed');
      i = j + 1;
      continue;
    }
    if (text.startsWith('</', lt)) {
      const name = readName(text, lt + 2);
      const element = stack.pop();
      if (!name || !element || element.name !== name) bad(text, lt, `unexpected closing tag '${name ?? ''}'`);
      const m = /^\s*>/.exec(text.slice(lt + 2 + name.length, lt + 2 + name.length + 256));
      if (!m) bad(text, lt, `closing tag '${name}' is not closed`);
      element.closeStart = lt;
      element.end = lt + 2 + name.length + m[0].length;
      i = element.end;
      continue;
    }
    // A start tag.
    const name = readName(text, lt + 1);
    if (!name) bad(text, lt, "'<' that starts no tag");
    if (!top && root) bad(text, lt, `second root element '${name}'`);
    const element: XmlElement = { name, start: lt, openEnd: 0, selfClosing: false, closeStart: 0, end: 0, attrs: [], children: [] };
    let j = lt + 1 + name.length;
    for (;;) {
      const ws = /^\s*/.exec(text.slice(j, j + 4096))![0].length;
      j += ws;
      if (j >= n) bad(text, lt, `start tag '${name}' is never closed`);
      if (text.startsWith('/>', j)) {
        element.selfClosing = true;
        element.openEnd = element.closeStart = element.end = j + 2;
        break;
      }
      if (text[j] === '>') {
        element.openEnd = j + 1;
        break;
      }
      const attrName = readName(text, j);
      if (!attrName || ws === 0) bad(text, j, `malformed attribute in '${name}'`);
      j += attrName.length;
      const eq = /^\s*=\s*(["'])/.exec(text.slice(j, j + 4096));
      if (!eq) bad(text, j, `attribute '${attrName}' has no quoted value`);
      const valueStart = j + eq[0].length;
      const valueEnd = text.indexOf(eq[1], valueStart);
      if (valueEnd < 0) bad(text, valueStart, `value of '${attrName}' is never closed`);
      const value = text.slice(valueStart, valueEnd);
      if (value.includes('<')) bad(text, valueStart, `'<' inside the value of '${attrName}'`);
      checkCharacters(text, valueStart, value);
      element.attrs.push({ name: attrName, value, valueStart, valueEnd });
      j = valueEnd + 1;
    }
    if (top) top.children.push(element);
    else root = element;
    if (!element.selfClosing) stack.push(element);
    i = element.end || element.openEnd;
  }
  if (stack.length) bad(text, stack[stack.length - 1].start, `element '${stack[stack.length - 1].name}' is never closed`);
  if (!root) throw new ConfigFormatError('has no root element');
  return root;
}

export function childrenNamed(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name);
}

export function attr(element: XmlElement, name: string): XmlAttr | undefined {
  return element.attrs.find((a) => a.name === name);
}

/** The agent config's root: refuses anything whose root is not <configuration>. */
export function parseConfigRoot(text: string): XmlElement {
  const root = parseXmlTree(text);
  if (root.name !== 'configuration') throw new ConfigFormatError(`has root element '${root.name}' instead of 'configuration'`);
  return root;
}
