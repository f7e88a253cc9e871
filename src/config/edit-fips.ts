/**
 * The FIPS exception: `<enforceFIPSPolicy enabled="false"/>` in configuration/runtime.
 *
 * Placement rules:
 *  - runtime exists: the element becomes runtime's first child (the documented "first child group
 *    at the top"), indented like runtime's first child line; `<runtime/>` is expanded.
 *  - runtime missing: a new runtime holding the element is placed after the leading
 *    configSections/startup elements (configSections must stay first for .NET), else as the first
 *    child of configuration.
 *  - enforceFIPSPolicy already there: only its `enabled` value is changed, in place, to exactly
 *    `false` (or the attribute added); it is never duplicated.
 *  - Removal takes out every enforceFIPSPolicy that is not exactly enabled="true" (those are the
 *    exception, or broken), with its line; one saying "true" only restates the policy and is kept.
 *    A runtime left holding nothing (no attributes, comments or text) goes too: an empty runtime
 *    means nothing to .NET.
 *  - More than one runtime section is refused: .NET rejects such a file anyway.
 */
import { setAttributes } from './attributes.js';
import { ConfigFormatError } from './errors.js';
import { insertAfter, insertFirstChild, isEmptyShell, removeElement, type Block } from './layout.js';
import { attr, childrenNamed, parseConfigRoot, type XmlElement } from './xml-tree.js';

export const FIPS_ELEMENT = 'enforceFIPSPolicy';
const FIPS_MARKUP = `<${FIPS_ELEMENT} enabled="false"/>`;

export interface FipsState {
  /** An enforceFIPSPolicy element exists in configuration/runtime. */
  present: boolean;
  /** Every such element says enabled="false": the agent may use MD5 although the policy is on. */
  exception: boolean;
}

function runtimeOf(root: XmlElement): XmlElement | undefined {
  const runtimes = childrenNamed(root, 'runtime');
  if (runtimes.length > 1) throw new ConfigFormatError('has more than one <runtime> section');
  return runtimes[0];
}

export function readFips(text: string): FipsState {
  const runtime = runtimeOf(parseConfigRoot(text));
  const elements = runtime ? childrenNamed(runtime, FIPS_ELEMENT) : [];
  return { present: elements.length > 0, exception: elements.length > 0 && elements.every((e) => attr(e, 'enabled')?.value === 'false') };
}

export function ensureFipsException(text: string): string {
  const root = parseConfigRoot(text);
  const runtime = runtimeOf(root);
  if (runtime) {
    const existing = childrenNamed(runtime, FIPS_ELEMENT);
    if (existing.length === 0) return insertFirstChild(text, root, runtime, [[0, FIPS_MARKUP]]);
    let out = text;
    for (const element of [...existing].reverse()) out = setAttributes(out, element, { enabled: 'false' });
    return out;
  }
  const block: Block = [
    [0, '<runtime>'],
    [1, FIPS_MARKUP],
    [0, '</runtime>'],
  ];
  let anchor: XmlElement | undefined;
  for (const child of root.children) {
    if (child.name !== 'configSections' && child.name !== 'startup') break;
    anchor = child;
  }
  return anchor ? insertAfter(text, root, anchor, block) : insertFirstChild(text, root, root, block);
}

export function removeFipsException(text: string): string {
  let root = parseConfigRoot(text);
  let runtime = runtimeOf(root);
  if (!runtime) return text;
  const existing = childrenNamed(runtime, FIPS_ELEMENT).filter((e) => attr(e, 'enabled')?.value !== 'true');
  if (existing.length === 0) return text;
  let out = text;
  for (const element of [...existing].reverse()) out = removeElement(out, element);
  root = parseConfigRoot(out);
  runtime = runtimeOf(root)!;
  return isEmptyShell(out, runtime) ? removeElement(out, runtime) : out;
}
