import type { XmlAttr, XmlElement } from './xml-tree.js';

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeAttr(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e as 'lt']);
}

interface AttrChange {
  at: number;
  remove: number;
  insert: string;
}

/**
 * Sets attributes on one start tag: a value that differs is replaced between its own quotes (quote
 * style and attribute order kept); a missing attribute is appended after the last one, `name="value"`.
 * `values` holds raw (unescaped) values; returns the text unchanged when every value already matches.
 */
export function setAttributes(text: string, element: XmlElement, values: Record<string, string>): string {
  const changes: AttrChange[] = [];
  const missing: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const existing: XmlAttr | undefined = element.attrs.find((a) => a.name === name);
    if (!existing) missing.push(` ${name}="${escapeAttr(value)}"`);
    else if (unescapeAttr(existing.value) !== value) {
      const quote = text[existing.valueEnd];
      const escaped =
        quote === "'"
          ? escapeAttr(value)
              .replace(/'/g, '&apos;')
              .replace(/&quot;/g, '"')
          : escapeAttr(value);
      changes.push({ at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: escaped });
    }
  }
  if (missing.length) {
    const lastAttr = element.attrs[element.attrs.length - 1];
    const at = lastAttr ? lastAttr.valueEnd + 1 : element.start + 1 + element.name.length;
    changes.push({ at, remove: 0, insert: missing.join('') });
  }
  let out = text;
  for (const c of changes.sort((a, b) => b.at - a.at)) out = out.slice(0, c.at) + c.insert + out.slice(c.at + c.remove);
  return out;
}
