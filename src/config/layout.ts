/**
 * Where inserted markup goes and how it is laid out, shared by the FIPS and proxy edits.
 *
 * Placement rules (every insertion is the exact inverse of a removal by removeElement):
 *  - Element on its own line: the inserted block starts with the file's line ending, then the
 *    indentation of its siblings (or the parent's indentation plus the file's indent unit when it
 *    has none), so a file's CRLF/LF and tabs/spaces carry over.
 *  - Parent written inline (`<a><b/></a>`): the block is inserted inline, without new lines.
 *  - Self-closing parent (`<runtime/>`): rewritten as start tag + block + end tag, attributes kept.
 *  - First child: right after the parent's start tag, before any comment that opens the content.
 *  - Last child: right after the last non-blank content, before the parent's closing tag.
 */
import { detectEol, indentBefore, restOfLineBlank } from './text-style.js';
import type { XmlElement } from './xml-tree.js';

/** A block of markup as lines, each with its depth relative to the block's first line. */
export type Block = [depth: number, line: string][];

export interface Edit {
  text: string;
}

function onOwnLine(text: string, el: XmlElement): boolean {
  return indentBefore(text, el.start) !== null && restOfLineBlank(text, el.end);
}

/** The file's indent unit, learned from parent/child pairs that each sit on their own line. */
export function detectIndentUnit(text: string, root: XmlElement): string {
  const counts = new Map<string, number>();
  const walk = (parent: XmlElement) => {
    const outer = indentBefore(text, parent.start);
    for (const child of parent.children) {
      const inner = indentBefore(text, child.start);
      if (outer !== null && inner !== null && inner.length > outer.length && inner.startsWith(outer)) {
        const unit = inner.slice(outer.length);
        counts.set(unit, (counts.get(unit) ?? 0) + 1);
      }
      walk(child);
    }
  };
  walk(root);
  let best = '';
  let bestCount = 0;
  for (const [unit, count] of counts) if (count > bestCount) [best, bestCount] = [unit, count];
  if (best) return best;
  return /^\t/m.test(text) ? '\t' : '  ';
}

function render(block: Block, indent: string, unit: string, eol: string): string {
  return block.map(([depth, line], i) => (i === 0 ? '' : indent + unit.repeat(depth)) + line).join(eol);
}

function inline(block: Block): string {
  return block.map(([, line]) => line).join('');
}

function childIndent(text: string, parent: XmlElement, unit: string): string | null {
  for (const child of parent.children) {
    const indent = indentBefore(text, child.start);
    if (indent !== null) return indent;
  }
  const own = indentBefore(text, parent.start);
  return own === null ? null : own + unit;
}

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

/** Rewrites a self-closing element as start tag + block + end tag. */
function expand(text: string, parent: XmlElement, block: Block, unit: string): string {
  const eol = detectEol(text);
  const startTag = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
  const closeTag = `</${parent.name}>`;
  const own = indentBefore(text, parent.start);
  const inner = own !== null && restOfLineBlank(text, parent.end) ? `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}` : inline(block);
  return splice(text, parent.start, parent.end - parent.start, startTag + inner + closeTag);
}

export function insertFirstChild(text: string, root: XmlElement, parent: XmlElement, block: Block): string {
  const unit = detectIndentUnit(text, root);
  if (parent.selfClosing) return expand(text, parent, block, unit);
  const eol = detectEol(text);
  const content = text.slice(parent.openEnd, parent.closeStart);
  const own = indentBefore(text, parent.start);
  if (/^[ \t]*\r?\n/.test(content) && own !== null) {
    // The next line holds the first child (or the closing tag): the block becomes a line of its own,
    // indented like the first non-blank line inside; with none (content ends before the closing
    // tag, so that is never one of them), like a child.
    const first = /\n([ \t]*)\S/.exec(content);
    const indent = first ? first[1] : (childIndent(text, parent, unit) ?? own + unit);
    const at = parent.openEnd + /^[ \t]*/.exec(content)![0].length;
    return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
  }
  if (content === '' && own !== null && restOfLineBlank(text, parent.end)) {
    return splice(text, parent.openEnd, 0, `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}`);
  }
  return splice(text, parent.openEnd, 0, inline(block));
}

export function insertLastChild(text: string, root: XmlElement, parent: XmlElement, block: Block): string {
  const content = text.slice(parent.openEnd, parent.closeStart);
  if (parent.selfClosing || !/\S/.test(content)) return insertFirstChild(text, root, parent, block);
  const unit = detectIndentUnit(text, root);
  const eol = detectEol(text);
  const closeIndent = indentBefore(text, parent.closeStart);
  if (closeIndent === null) return splice(text, parent.closeStart, 0, inline(block));
  const contentEnd = parent.openEnd + content.replace(/\s+$/, '').length;
  const at = contentEnd + /^[ \t]*/.exec(text.slice(contentEnd))![0].length;
  const last = parent.children[parent.children.length - 1];
  const indent = (last && indentBefore(text, last.start)) ?? childIndent(text, parent, unit) ?? closeIndent + unit;
  return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
}

export function insertAfter(text: string, root: XmlElement, sibling: XmlElement, block: Block): string {
  const unit = detectIndentUnit(text, root);
  const own = indentBefore(text, sibling.start);
  if (own === null || !restOfLineBlank(text, sibling.end)) return splice(text, sibling.end, 0, inline(block));
  const eol = detectEol(text);
  const at = sibling.end + /^[ \t]*/.exec(text.slice(sibling.end))![0].length;
  return splice(text, at, 0, eol + own + render(block, own, unit, eol));
}

/**
 * Removes an element. On its own line, the line goes with it: the line break before it, its
 * indentation, and trailing blanks (the inverse of the insertions above); inline, just the element.
 */
export function removeElement(text: string, el: XmlElement): string {
  if (!onOwnLine(text, el)) return splice(text, el.start, el.end - el.start, '');
  const lineStart = text.lastIndexOf('\n', el.start - 1) + 1;
  const trailing = /^[ \t]*/.exec(text.slice(el.end))![0].length;
  // Never the first line: only the root element can stand alone on it, and the root is never removed.
  const from = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return splice(text, from, el.end + trailing - from, '');
}

/**
 * True when an element holds nothing but whitespace and has no attributes (safe to drop). A child
 * element, comment, CDATA section, processing instruction or text inside is non-blank content.
 */
export function isEmptyShell(text: string, el: XmlElement): boolean {
  return el.attrs.length === 0 && !/\S/.test(text.slice(el.openEnd, el.closeStart));
}
