export const id = 98;
export const ids = [98];
export const modules = {

/***/ 98:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  configFacts: () => (/* binding */ configFacts),
  readAgentConfig: () => (/* binding */ readAgentConfig)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/config/errors.ts
/** The config file cannot be edited safely; the message completes "The agent config ...". */
class ConfigFormatError extends Error {
    reason;
    name = 'ConfigFormatError';
    constructor(reason) {
        super(reason);
        this.reason = reason;
    }
}

;// CONCATENATED MODULE: ./src/config/text-style.ts
/**
 * Bytes <-> text for the agent's config without losing a byte, and the file's own style (line
 * ending, indent unit) so inserted lines look like their neighbours.
 *
 * Supported encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Decoding is strict and
 * checked by re-encoding: a file that would not come back byte for byte is refused, never rewritten.
 * Every edit inserts ASCII only, so the file's declared encoding stays true.
 */

function swapBytes(bytes) {
    const out = Buffer.from(bytes);
    out.swap16();
    return out;
}
function text_style_decodeConfig(bytes) {
    let decoded;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        if (bytes.length % 2 !== 0)
            throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
        decoded = { encoding: 'utf-16le', bom: true, text: bytes.subarray(2).toString('utf16le') };
    }
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        if (bytes.length % 2 !== 0)
            throw new ConfigFormatError('is not valid UTF-16 (odd number of bytes)');
        decoded = { encoding: 'utf-16be', bom: true, text: swapBytes(bytes.subarray(2)).toString('utf16le') };
    }
    else {
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        let text;
        try {
            text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
        }
        catch {
            throw new ConfigFormatError('is not valid UTF-8 text');
        }
        decoded = { encoding: 'utf-8', bom, text };
    }
    if (!text_style_encodeConfig(decoded).equals(bytes))
        throw new ConfigFormatError(`does not round-trip as ${decoded.encoding} text`);
    return decoded;
}
function text_style_encodeConfig(config) {
    if (config.encoding === 'utf-8') {
        const body = Buffer.from(config.text, 'utf8');
        return config.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    }
    const le = Buffer.from(config.text, 'utf16le');
    if (config.encoding === 'utf-16le')
        return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(le)]);
}
/** The file's dominant line ending; a file without any gets Windows' CRLF. */
function text_style_detectEol(text) {
    const crlf = (text.match(/\r\n/g) ?? []).length;
    const lf = (text.match(/\n/g) ?? []).length - crlf;
    return lf > crlf ? '\n' : '\r\n';
}
/** Whitespace from the start of pos's line to pos, or null when something else precedes pos on its line. */
function text_style_indentBefore(text, pos) {
    const start = text.lastIndexOf('\n', pos - 1) + 1;
    const lead = text.slice(start, pos);
    return /^[ \t]*$/.test(lead) ? lead : null;
}
/** True when only spaces/tabs follow pos up to the end of its line (or of the text). */
function text_style_restOfLineBlank(text, pos) {
    const m = /^[ \t]*(\r?\n|$)/.exec(text.slice(pos, pos + 4096));
    return m !== null;
}

;// CONCATENATED MODULE: ./src/config/layout.ts
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

function onOwnLine(text, el) {
    return indentBefore(text, el.start) !== null && restOfLineBlank(text, el.end);
}
/** The file's indent unit, learned from parent/child pairs that each sit on their own line. */
function detectIndentUnit(text, root) {
    const counts = new Map();
    const walk = (parent) => {
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
    for (const [unit, count] of counts)
        if (count > bestCount)
            [best, bestCount] = [unit, count];
    if (best)
        return best;
    return /^\t/m.test(text) ? '\t' : '  ';
}
function render(block, indent, unit, eol) {
    return block.map(([depth, line], i) => (i === 0 ? '' : indent + unit.repeat(depth)) + line).join(eol);
}
function inline(block) {
    return block.map(([, line]) => line).join('');
}
function childIndent(text, parent, unit) {
    for (const child of parent.children) {
        const indent = indentBefore(text, child.start);
        if (indent !== null)
            return indent;
    }
    const own = indentBefore(text, parent.start);
    return own === null ? null : own + unit;
}
function splice(text, at, remove, insert) {
    return text.slice(0, at) + insert + text.slice(at + remove);
}
/** Rewrites a self-closing element as start tag + block + end tag. */
function expand(text, parent, block, unit) {
    const eol = detectEol(text);
    const startTag = text.slice(parent.start, parent.end).replace(/\s*\/>$/, '>');
    const closeTag = `</${parent.name}>`;
    const own = indentBefore(text, parent.start);
    const inner = own !== null && restOfLineBlank(text, parent.end) ? `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}` : inline(block);
    return splice(text, parent.start, parent.end - parent.start, startTag + inner + closeTag);
}
function layout_insertFirstChild(text, root, parent, block) {
    const unit = detectIndentUnit(text, root);
    if (parent.selfClosing)
        return expand(text, parent, block, unit);
    const eol = detectEol(text);
    const content = text.slice(parent.openEnd, parent.closeStart);
    const own = indentBefore(text, parent.start);
    if (/^[ \t]*\r?\n/.test(content) && own !== null) {
        // The next line holds the first child (or the closing tag): the block becomes a line of its own,
        // indented like the first non-blank line inside; with none (content ends before the closing
        // tag, so that is never one of them), like a child.
        const first = /\n([ \t]*)\S/.exec(content);
        const indent = first ? first[1] : (childIndent(text, parent, unit) ?? own + unit);
        const at = parent.openEnd + /^[ \t]*/.exec(content)[0].length;
        return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
    }
    if (content === '' && own !== null && restOfLineBlank(text, parent.end)) {
        return splice(text, parent.openEnd, 0, `${eol}${own}${unit}${render(block, own + unit, unit, eol)}${eol}${own}`);
    }
    return splice(text, parent.openEnd, 0, inline(block));
}
function layout_insertLastChild(text, root, parent, block) {
    const content = text.slice(parent.openEnd, parent.closeStart);
    if (parent.selfClosing || !/\S/.test(content))
        return layout_insertFirstChild(text, root, parent, block);
    const unit = detectIndentUnit(text, root);
    const eol = detectEol(text);
    const closeIndent = indentBefore(text, parent.closeStart);
    if (closeIndent === null)
        return splice(text, parent.closeStart, 0, inline(block));
    const contentEnd = parent.openEnd + content.replace(/\s+$/, '').length;
    const at = contentEnd + /^[ \t]*/.exec(text.slice(contentEnd))[0].length;
    const last = parent.children[parent.children.length - 1];
    const indent = (last && indentBefore(text, last.start)) ?? childIndent(text, parent, unit) ?? closeIndent + unit;
    return splice(text, at, 0, eol + indent + render(block, indent, unit, eol));
}
function layout_insertAfter(text, root, sibling, block) {
    const unit = detectIndentUnit(text, root);
    const own = indentBefore(text, sibling.start);
    if (own === null || !restOfLineBlank(text, sibling.end))
        return splice(text, sibling.end, 0, inline(block));
    const eol = detectEol(text);
    const at = sibling.end + /^[ \t]*/.exec(text.slice(sibling.end))[0].length;
    return splice(text, at, 0, eol + own + render(block, own, unit, eol));
}
/**
 * Removes an element. On its own line, the line goes with it: the line break before it, its
 * indentation, and trailing blanks (the inverse of the insertions above); inline, just the element.
 */
function layout_removeElement(text, el) {
    if (!onOwnLine(text, el))
        return splice(text, el.start, el.end - el.start, '');
    const lineStart = text.lastIndexOf('\n', el.start - 1) + 1;
    const trailing = /^[ \t]*/.exec(text.slice(el.end))[0].length;
    // Never the first line: only the root element can stand alone on it, and the root is never removed.
    const from = text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
    return splice(text, from, el.end + trailing - from, '');
}
/**
 * True when an element holds nothing but whitespace and has no attributes (safe to drop). A child
 * element, comment, CDATA section, processing instruction or text inside is non-blank content.
 */
function layout_isEmptyShell(text, el) {
    return el.attrs.length === 0 && !/\S/.test(text.slice(el.openEnd, el.closeStart));
}

;// CONCATENATED MODULE: ./node_modules/fast-xml-parser/src/util.js


const nameStartChar = ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const nameChar = nameStartChar + '\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const nameRegexp = '[' + nameStartChar + '][' + nameChar + ']*';
const regexName = new RegExp('^' + nameRegexp + '$');

function getAllMatches(string, regex) {
  const matches = [];
  let match = regex.exec(string);
  while (match) {
    const allmatches = [];
    allmatches.startIndex = regex.lastIndex - match[0].length;
    const len = match.length;
    for (let index = 0; index < len; index++) {
      allmatches.push(match[index]);
    }
    matches.push(allmatches);
    match = regex.exec(string);
  }
  return matches;
}

const isName = function (string) {
  const match = regexName.exec(string);
  return !(match === null || typeof match === 'undefined');
}

function isExist(v) {
  return typeof v !== 'undefined';
}

function isEmptyObject(obj) {
  return Object.keys(obj).length === 0;
}

function getValue(v) {
  if (exports.isExist(v)) {
    return v;
  } else {
    return '';
  }
}

/**
 * Dangerous property names that could lead to prototype pollution or security issues
 */
const DANGEROUS_PROPERTY_NAMES = (/* unused pure expression or super */ null && ([
  // '__proto__',
  // 'constructor',
  // 'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__'
]));

const criticalProperties = (/* unused pure expression or super */ null && (["__proto__", "constructor", "prototype"]));
;// CONCATENATED MODULE: ./node_modules/fast-xml-parser/src/validator.js




const defaultOptions = {
  allowBooleanAttributes: false, //A tag can have attributes without any value
  unpairedTags: []
};

//const tagsPattern = new RegExp("<\\/?([\\w:\\-_\.]+)\\s*\/?>","g");
function validate(xmlData, options) {
  options = Object.assign({}, defaultOptions, options);

  //xmlData = xmlData.replace(/(\r\n|\n|\r)/gm,"");//make it single line
  //xmlData = xmlData.replace(/(^\s*<\?xml.*?\?>)/g,"");//Remove XML starting tag
  //xmlData = xmlData.replace(/(<!DOCTYPE[\s\w\"\.\/\-\:]+(\[.*\])*\s*>)/g,"");//Remove DOCTYPE
  const tags = [];
  let tagFound = false;

  //indicates that the root tag has been closed (aka. depth 0 has been reached)
  let reachedRoot = false;

  if (xmlData[0] === '\ufeff') {
    // check for byte order mark (BOM)
    xmlData = xmlData.substr(1);
  }

  for (let i = 0; i < xmlData.length; i++) {

    if (xmlData[i] === '<' && xmlData[i + 1] === '?') {
      i += 2;
      i = readPI(xmlData, i);
      if (i.err) return i;
    } else if (xmlData[i] === '<') {
      //starting of tag
      //read until you reach to '>' avoiding any '>' in attribute value
      let tagStartPos = i;
      i++;

      if (xmlData[i] === '!') {
        i = readCommentAndCDATA(xmlData, i);
        continue;
      } else {
        let closingTag = false;
        if (xmlData[i] === '/') {
          //closing tag
          closingTag = true;
          i++;
        }
        //read tagname
        let tagName = '';
        for (; i < xmlData.length &&
          xmlData[i] !== '>' &&
          xmlData[i] !== ' ' &&
          xmlData[i] !== '\t' &&
          xmlData[i] !== '\n' &&
          xmlData[i] !== '\r'; i++
        ) {
          tagName += xmlData[i];
        }
        tagName = tagName.trim();
        //console.log(tagName);

        if (tagName[tagName.length - 1] === '/') {
          //self closing tag without attributes
          tagName = tagName.substring(0, tagName.length - 1);
          //continue;
          i--;
        }
        if (!validateTagName(tagName)) {
          let msg;
          if (tagName.trim().length === 0) {
            msg = "Invalid space after '<'.";
          } else {
            msg = "Tag '" + tagName + "' is an invalid name.";
          }
          return getErrorObject('InvalidTag', msg, getLineNumberForPosition(xmlData, i));
        }

        const result = readAttributeStr(xmlData, i);
        if (result === false) {
          return getErrorObject('InvalidAttr', "Attributes for '" + tagName + "' have open quote.", getLineNumberForPosition(xmlData, i));
        }
        let attrStr = result.value;
        i = result.index;

        if (attrStr[attrStr.length - 1] === '/') {
          //self closing tag
          const attrStrStart = i - attrStr.length;
          attrStr = attrStr.substring(0, attrStr.length - 1);
          const isValid = validateAttributeString(attrStr, options);
          if (isValid === true) {
            tagFound = true;
            //continue; //text may presents after self closing tag
          } else {
            //the result from the nested function returns the position of the error within the attribute
            //in order to get the 'true' error line, we need to calculate the position where the attribute begins (i - attrStr.length) and then add the position within the attribute
            //this gives us the absolute index in the entire xml, which we can use to find the line at last
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, attrStrStart + isValid.err.line));
          }
        } else if (closingTag) {
          if (!result.tagClosed) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' doesn't have proper closing.", getLineNumberForPosition(xmlData, i));
          } else if (attrStr.trim().length > 0) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' can't have attributes or invalid starting.", getLineNumberForPosition(xmlData, tagStartPos));
          } else if (tags.length === 0) {
            return getErrorObject('InvalidTag', "Closing tag '" + tagName + "' has not been opened.", getLineNumberForPosition(xmlData, tagStartPos));
          } else {
            const otg = tags.pop();
            if (tagName !== otg.tagName) {
              let openPos = getLineNumberForPosition(xmlData, otg.tagStartPos);
              return getErrorObject('InvalidTag',
                "Expected closing tag '" + otg.tagName + "' (opened in line " + openPos.line + ", col " + openPos.col + ") instead of closing tag '" + tagName + "'.",
                getLineNumberForPosition(xmlData, tagStartPos));
            }

            //when there are no more tags, we reached the root level.
            if (tags.length == 0) {
              reachedRoot = true;
            }
          }
        } else {
          const isValid = validateAttributeString(attrStr, options);
          if (isValid !== true) {
            //the result from the nested function returns the position of the error within the attribute
            //in order to get the 'true' error line, we need to calculate the position where the attribute begins (i - attrStr.length) and then add the position within the attribute
            //this gives us the absolute index in the entire xml, which we can use to find the line at last
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, i - attrStr.length + isValid.err.line));
          }

          //if the root level has been reached before ...
          if (reachedRoot === true) {
            return getErrorObject('InvalidXml', 'Multiple possible root nodes found.', getLineNumberForPosition(xmlData, i));
          } else if (options.unpairedTags.indexOf(tagName) !== -1) {
            //don't push into stack
          } else {
            tags.push({ tagName, tagStartPos });
          }
          tagFound = true;
        }

        //skip tag text value
        //It may include comments and CDATA value
        for (i++; i < xmlData.length; i++) {
          if (xmlData[i] === '<') {
            if (xmlData[i + 1] === '!') {
              //comment or CADATA
              i++;
              i = readCommentAndCDATA(xmlData, i);
              continue;
            } else if (xmlData[i + 1] === '?') {
              i = readPI(xmlData, ++i);
              if (i.err) return i;
            } else {
              break;
            }
          } else if (xmlData[i] === '&') {
            const afterAmp = validateAmpersand(xmlData, i);
            if (afterAmp == -1)
              return getErrorObject('InvalidChar', "char '&' is not expected.", getLineNumberForPosition(xmlData, i));
            i = afterAmp;
          } else {
            if (reachedRoot === true && !isWhiteSpace(xmlData[i])) {
              return getErrorObject('InvalidXml', "Extra text at the end", getLineNumberForPosition(xmlData, i));
            }
          }
        } //end of reading tag text value
        if (xmlData[i] === '<') {
          i--;
        }
      }
    } else {
      if (isWhiteSpace(xmlData[i])) {
        continue;
      }
      return getErrorObject('InvalidChar', "char '" + xmlData[i] + "' is not expected.", getLineNumberForPosition(xmlData, i));
    }
  }

  if (!tagFound) {
    return getErrorObject('InvalidXml', 'Start tag expected.', 1);
  } else if (tags.length == 1) {
    return getErrorObject('InvalidTag', "Unclosed tag '" + tags[0].tagName + "'.", getLineNumberForPosition(xmlData, tags[0].tagStartPos));
  } else if (tags.length > 0) {
    return getErrorObject('InvalidXml', "Invalid '" +
      JSON.stringify(tags.map(t => t.tagName), null, 4).replace(/\r?\n/g, '') +
      "' found.", { line: 1, col: 1 });
  }

  return true;
};

function isWhiteSpace(char) {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
/**
 * Read Processing insstructions and skip
 * @param {*} xmlData
 * @param {*} i
 */
function readPI(xmlData, i) {
  const start = i;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] == '?' || xmlData[i] == ' ') {
      //tagname
      const tagname = xmlData.substr(start, i - start);
      if (i > 5 && tagname === 'xml') {
        return getErrorObject('InvalidXml', 'XML declaration allowed only at the start of the document.', getLineNumberForPosition(xmlData, i));
      } else if (xmlData[i] == '?' && xmlData[i + 1] == '>') {
        //check if valid attribut string
        i++;
        break;
      } else {
        continue;
      }
    }
  }
  return i;
}

function readCommentAndCDATA(xmlData, i) {
  if (xmlData.length > i + 5 && xmlData[i + 1] === '-' && xmlData[i + 2] === '-') {
    //comment
    for (i += 3; i < xmlData.length; i++) {
      if (xmlData[i] === '-' && xmlData[i + 1] === '-' && xmlData[i + 2] === '>') {
        i += 2;
        break;
      }
    }
  } else if (
    xmlData.length > i + 8 &&
    xmlData[i + 1] === 'D' &&
    xmlData[i + 2] === 'O' &&
    xmlData[i + 3] === 'C' &&
    xmlData[i + 4] === 'T' &&
    xmlData[i + 5] === 'Y' &&
    xmlData[i + 6] === 'P' &&
    xmlData[i + 7] === 'E'
  ) {
    let angleBracketsCount = 1;
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === '<') {
        angleBracketsCount++;
      } else if (xmlData[i] === '>') {
        angleBracketsCount--;
        if (angleBracketsCount === 0) {
          break;
        }
      }
    }
  } else if (
    xmlData.length > i + 9 &&
    xmlData[i + 1] === '[' &&
    xmlData[i + 2] === 'C' &&
    xmlData[i + 3] === 'D' &&
    xmlData[i + 4] === 'A' &&
    xmlData[i + 5] === 'T' &&
    xmlData[i + 6] === 'A' &&
    xmlData[i + 7] === '['
  ) {
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === ']' && xmlData[i + 1] === ']' && xmlData[i + 2] === '>') {
        i += 2;
        break;
      }
    }
  }

  return i;
}

const doubleQuote = '"';
const singleQuote = "'";

/**
 * Keep reading xmlData until '<' is found outside the attribute value.
 * @param {string} xmlData
 * @param {number} i
 */
function readAttributeStr(xmlData, i) {
  let attrStr = '';
  let startChar = '';
  let tagClosed = false;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === doubleQuote || xmlData[i] === singleQuote) {
      if (startChar === '') {
        startChar = xmlData[i];
      } else if (startChar !== xmlData[i]) {
        //if vaue is enclosed with double quote then single quotes are allowed inside the value and vice versa
      } else {
        startChar = '';
      }
    } else if (xmlData[i] === '>') {
      if (startChar === '') {
        tagClosed = true;
        break;
      }
    }
    attrStr += xmlData[i];
  }
  if (startChar !== '') {
    return false;
  }

  return {
    value: attrStr,
    index: i,
    tagClosed: tagClosed
  };
}

/**
 * Walk `attrStr` once, left to right, splitting it into attribute tokens.
 *
 * This replaces a regex that used to do the same job
 * (`(\s*)([^\s=]+)(\s*=)?(\s*(['"])(([\s\S])*?)\5)?`). That regex led with an
 * optional whitespace group followed by a required "non-whitespace" group.
 * On a long run of whitespace that never resolves into an attribute name
 * (e.g. a tag with thousands of trailing spaces before `>`), the engine
 * backtracks the whitespace group one character at a time before giving up
 * and moving to the next starting position — one full backtrack per
 * position, which is quadratic in the length of the run.
 *
 * The scan is forward-only: the cursor never moves backwards, so each
 * character is visited a constant number of times and the cost is linear
 * in the length of the string.
 *
 * Each returned token mirrors the shape the old regex match array had, so
 * the validation logic below (which reads token[1]..token[6]) didn't need
 * to change:
 *   token.startIndex - where this token begins in attrStr
 *   token[1]          - leading whitespace before the name
 *   token[2]          - the attribute name
 *   token[3]          - whitespace + '=' if present, else undefined
 *   token[4]          - marker (any defined value) if a quoted value was found
 *   token[5]          - the quote character used ('"' or "'")
 *   token[6]          - the value's text, without the surrounding quotes
 *
 * A malformed leading character (e.g. a stray '=' with no name before it)
 * is simply skipped over, one character at a time — the same outcome the
 * old regex produced by failing to match at that position and retrying at
 * the next one.
 */
function scanAttributeTokens(attrStr) {
  const tokens = [];
  const len = attrStr.length;
  let i = 0;

  while (i < len) {
    const tokenStart = i;

    // Leading whitespace before the name.
    while (i < len && isWhiteSpace(attrStr[i])) i++;
    if (i >= len) break; // trailing whitespace only — nothing left to read

    if (attrStr[i] === '=') {
      // No name before this '=' — not a valid attribute start. Move past
      i++;
      continue;
    }

    const leadingWs = attrStr.slice(tokenStart, i);

    // Attribute name — everything up to the next whitespace or '='.
    const nameStart = i;
    while (i < len && !isWhiteSpace(attrStr[i]) && attrStr[i] !== '=') i++;
    const name = attrStr.slice(nameStart, i);

    // Optional whitespace + '='.
    let equalsGroup; // whitespace + '=' text, or undefined if absent
    let j = i;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === '=') {
      equalsGroup = attrStr.slice(i, j + 1);
      i = j + 1;
    }

    // Optional whitespace + quoted value.
    let quoteChar;
    let value;
    let k = i;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    if (k < len && (attrStr[k] === '"' || attrStr[k] === "'")) {
      const valueStart = k + 1;
      const closeIdx = attrStr.indexOf(attrStr[k], valueStart);
      if (closeIdx !== -1) {
        quoteChar = attrStr[k];
        value = attrStr.slice(valueStart, closeIdx);
        i = closeIdx + 1;
      }
      // No closing quote found anywhere in the rest of the string — leave
      // quoteChar/value undefined, same as the old regex's group failing
      // to match a backreference-less run.
    }

    const token = { startIndex: tokenStart };
    token[1] = leadingWs;
    token[2] = name;
    token[3] = equalsGroup;
    token[4] = quoteChar !== undefined ? true : undefined;
    token[5] = quoteChar;
    token[6] = value;
    tokens.push(token);
  }

  return tokens;
}

//attr, ="sd", a="amit's", a="sd"b="saf", ab  cd=""

function validateAttributeString(attrStr, options) {
  //console.log("start:"+attrStr+":end");

  //if(attrStr.trim().length === 0) return true; //empty string

  const matches = scanAttributeTokens(attrStr);
  const attrNames = {};

  for (let i = 0; i < matches.length; i++) {
    if (matches[i][1].length === 0) {
      //nospace before attribute name: a="sd"b="saf"
      return getErrorObject('InvalidAttr', "Attribute '" + matches[i][2] + "' has no space in starting.", getPositionFromMatch(matches[i]))
    } else if (matches[i][3] !== undefined && matches[i][4] === undefined) {
      return getErrorObject('InvalidAttr', "Attribute '" + matches[i][2] + "' is without value.", getPositionFromMatch(matches[i]));
    } else if (matches[i][3] === undefined && !options.allowBooleanAttributes) {
      //independent attribute: ab
      return getErrorObject('InvalidAttr', "boolean attribute '" + matches[i][2] + "' is not allowed.", getPositionFromMatch(matches[i]));
    }
    /* else if(matches[i][6] === undefined){//attribute without value: ab=
                    return { err: { code:"InvalidAttr",msg:"attribute " + matches[i][2] + " has no value assigned."}};
                } */
    const attrName = matches[i][2];
    if (!validateAttrName(attrName)) {
      return getErrorObject('InvalidAttr', "Attribute '" + attrName + "' is an invalid name.", getPositionFromMatch(matches[i]));
    }
    if (!Object.prototype.hasOwnProperty.call(attrNames, attrName)) {
      //check for duplicate attribute.
      attrNames[attrName] = 1;
    } else {
      return getErrorObject('InvalidAttr', "Attribute '" + attrName + "' is repeated.", getPositionFromMatch(matches[i]));
    }
  }

  return true;
}

function validateNumberAmpersand(xmlData, i) {
  let re = /\d/;
  if (xmlData[i] === 'x') {
    i++;
    re = /[\da-fA-F]/;
  }
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === ';')
      return i;
    if (!xmlData[i].match(re))
      break;
  }
  return -1;
}

function validateAmpersand(xmlData, i) {
  // https://www.w3.org/TR/xml/#dt-charref
  i++;
  if (xmlData[i] === ';')
    return -1;
  if (xmlData[i] === '#') {
    i++;
    return validateNumberAmpersand(xmlData, i);
  }
  let count = 0;
  for (; i < xmlData.length; i++, count++) {
    if (xmlData[i].match(/\w/) && count < 20)
      continue;
    if (xmlData[i] === ';')
      break;
    return -1;
  }
  return i;
}

function getErrorObject(code, message, lineNumber) {
  return {
    err: {
      code: code,
      msg: message,
      line: lineNumber.line || lineNumber,
      col: lineNumber.col,
    },
  };
}

function validateAttrName(attrName) {
  return isName(attrName);
}

// const startsWithXML = /^xml/i;

function validateTagName(tagname) {
  return isName(tagname) /* && !tagname.match(startsWithXML) */;
}

//this function returns the line number for the character at the given index
function getLineNumberForPosition(xmlData, index) {
  const lines = xmlData.substring(0, index).split(/\r?\n/);
  return {
    line: lines.length,

    // column number is last line's length + 1, because column numbering starts at 1:
    col: lines[lines.length - 1].length + 1
  };
}

//this function returns the position of the first character of match within attrStr
function getPositionFromMatch(match) {
  return match.startIndex + match[1].length;
}
;// CONCATENATED MODULE: ./node_modules/fast-xml-parser/src/fxp.js






const XMLValidator = {
  validate: validate
}

;// CONCATENATED MODULE: ./src/config/xml-tree.ts
/**
 * A small XML tokenizer that knows where every element starts and ends (fast-xml-parser validates
 * but gives no offsets). It skips comments, CDATA, processing instructions and DOCTYPE, respects
 * quoted attribute values, and is strict about what fast-xml-parser lets through: exactly one root
 * element, no text outside it, XML declaration only at the very start, no control characters, no
 * bare '&'. Offsets are indexes into the decoded text (BOM excluded).
 */


function position(text, offset) {
    const before = text.slice(0, offset);
    const line = (before.match(/\n/g) ?? []).length + 1;
    return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}
function bad(text, offset, what) {
    throw new ConfigFormatError(`is not well-formed XML (${position(text, offset)}: ${what})`);
}
// The patterns live in the functions that use them (not at module level) only so that mutation
// testing measures them with every test that reaches them.
function checkCharacters(text, from, chunk) {
    // Control characters XML 1.0 does not allow: matching them is the point.
    // eslint-disable-next-line no-control-regex
    const ctl = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(chunk);
    if (ctl)
        bad(text, from + ctl.index, `character U+${ctl[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
    const amp = /&(?!(?:[A-Za-z_][-A-Za-z0-9_.]*|#[0-9]+|#x[0-9A-Fa-f]+);)/.exec(chunk);
    if (amp)
        bad(text, from + amp.index, "'&' that starts no entity reference");
}
function readName(text, at) {
    const name = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
    name.lastIndex = at;
    return name.exec(text)?.[0];
}
/** Parses the whole document; returns its root element. Throws ConfigFormatError. */
function parseXmlTree(text) {
    const verdict = XMLValidator.validate(text);
    if (verdict !== true) {
        const { msg, line, col } = verdict.err;
        throw new ConfigFormatError(`is not well-formed XML (line ${line}${col ? `, column ${col}` : ''}: ${msg.replace(/\s+/g, ' ')})`);
    }
    const stack = [];
    let root;
    let i = 0;
    const n = text.length;
    while (i < n) {
        const lt = text.indexOf('<', i);
        const chunk = text.slice(i, lt < 0 ? n : lt);
        checkCharacters(text, i, chunk);
        if (stack.length === 0 && /\S/.test(chunk))
            bad(text, i + chunk.search(/\S/), 'text outside the root element');
        if (lt < 0)
            break;
        const top = stack[stack.length - 1];
        if (text.startsWith('<!--', lt)) {
            const close = text.indexOf('-->', lt + 4);
            if (close < 0)
                bad(text, lt, 'comment is never closed');
            checkCharacters(text, lt, text.slice(lt, close).replace(/&/g, ' '));
            i = close + 3;
            continue;
        }
        if (text.startsWith('<![CDATA[', lt)) {
            if (!top)
                bad(text, lt, 'CDATA outside the root element');
            const close = text.indexOf(']]>', lt);
            if (close < 0)
                bad(text, lt, 'CDATA section is never closed');
            i = close + 3;
            continue;
        }
        if (text.startsWith('<?', lt)) {
            const close = text.indexOf('?>', lt + 2);
            if (close < 0)
                bad(text, lt, 'processing instruction is never closed');
            if (/^xml$/i.test(readName(text, lt + 2) ?? '') && lt !== 0)
                bad(text, lt, 'XML declaration not at the start of the file');
            i = close + 2;
            continue;
        }
        if (text.startsWith('<!DOCTYPE', lt)) {
            if (root || top)
                bad(text, lt, 'DOCTYPE after the root element started');
            let j = lt + 9;
            let depth = 0;
            while (j < n && (text[j] !== '>' || depth > 0)) {
                if (text[j] === '[')
                    depth++;
                else if (text[j] === ']')
                    depth--;
                j++;
            }
            if (j >= n)
                bad(text, lt, 'DOCTYPE is never closed');
            i = j + 1;
            continue;
        }
        if (text.startsWith('</', lt)) {
            const name = readName(text, lt + 2);
            const element = stack.pop();
            if (!name || !element || element.name !== name)
                bad(text, lt, `unexpected closing tag '${name ?? ''}'`);
            const m = /^\s*>/.exec(text.slice(lt + 2 + name.length, lt + 2 + name.length + 256));
            if (!m)
                bad(text, lt, `closing tag '${name}' is not closed`);
            element.closeStart = lt;
            element.end = lt + 2 + name.length + m[0].length;
            i = element.end;
            continue;
        }
        // A start tag.
        const name = readName(text, lt + 1);
        if (!name)
            bad(text, lt, "'<' that starts no tag");
        if (!top && root)
            bad(text, lt, `second root element '${name}'`);
        const element = { name, start: lt, openEnd: 0, selfClosing: false, closeStart: 0, end: 0, attrs: [], children: [] };
        let j = lt + 1 + name.length;
        for (;;) {
            const ws = /^\s*/.exec(text.slice(j, j + 4096))[0].length;
            j += ws;
            if (j >= n)
                bad(text, lt, `start tag '${name}' is never closed`);
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
            if (!attrName || ws === 0)
                bad(text, j, `malformed attribute in '${name}'`);
            j += attrName.length;
            const eq = /^\s*=\s*(["'])/.exec(text.slice(j, j + 4096));
            if (!eq)
                bad(text, j, `attribute '${attrName}' has no quoted value`);
            const valueStart = j + eq[0].length;
            const valueEnd = text.indexOf(eq[1], valueStart);
            if (valueEnd < 0)
                bad(text, valueStart, `value of '${attrName}' is never closed`);
            const value = text.slice(valueStart, valueEnd);
            if (value.includes('<'))
                bad(text, valueStart, `'<' inside the value of '${attrName}'`);
            checkCharacters(text, valueStart, value);
            element.attrs.push({ name: attrName, value, valueStart, valueEnd });
            j = valueEnd + 1;
        }
        if (top)
            top.children.push(element);
        else
            root = element;
        if (!element.selfClosing)
            stack.push(element);
        i = element.end || element.openEnd;
    }
    if (stack.length)
        bad(text, stack[stack.length - 1].start, `element '${stack[stack.length - 1].name}' is never closed`);
    if (!root)
        throw new ConfigFormatError('has no root element');
    return root;
}
function xml_tree_childrenNamed(parent, name) {
    return parent.children.filter((c) => c.name === name);
}
function xml_tree_attr(element, name) {
    return element.attrs.find((a) => a.name === name);
}
/** The agent config's root: refuses anything whose root is not <configuration>. */
function xml_tree_parseConfigRoot(text) {
    const root = parseXmlTree(text);
    if (root.name !== 'configuration')
        throw new ConfigFormatError(`has root element '${root.name}' instead of 'configuration'`);
    return root;
}

;// CONCATENATED MODULE: ./src/config/edit-fips.ts
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




const FIPS_ELEMENT = 'enforceFIPSPolicy';
const FIPS_MARKUP = (/* unused pure expression or super */ null && (`<${FIPS_ELEMENT} enabled="false"/>`));
function runtimeOf(root) {
    const runtimes = xml_tree_childrenNamed(root, 'runtime');
    if (runtimes.length > 1)
        throw new ConfigFormatError('has more than one <runtime> section');
    return runtimes[0];
}
function edit_fips_readFips(text) {
    const runtime = runtimeOf(xml_tree_parseConfigRoot(text));
    const elements = runtime ? xml_tree_childrenNamed(runtime, FIPS_ELEMENT) : [];
    return { present: elements.length > 0, exception: elements.length > 0 && elements.every((e) => xml_tree_attr(e, 'enabled')?.value === 'false') };
}
function edit_fips_ensureFipsException(text) {
    const root = parseConfigRoot(text);
    const runtime = runtimeOf(root);
    if (runtime) {
        const existing = childrenNamed(runtime, FIPS_ELEMENT);
        if (existing.length === 0)
            return insertFirstChild(text, root, runtime, [[0, FIPS_MARKUP]]);
        let out = text;
        for (const element of [...existing].reverse())
            out = setAttributes(out, element, { enabled: 'false' });
        return out;
    }
    const block = [
        [0, '<runtime>'],
        [1, FIPS_MARKUP],
        [0, '</runtime>'],
    ];
    let anchor;
    for (const child of root.children) {
        if (child.name !== 'configSections' && child.name !== 'startup')
            break;
        anchor = child;
    }
    return anchor ? insertAfter(text, root, anchor, block) : insertFirstChild(text, root, root, block);
}
function edit_fips_removeFipsException(text) {
    let root = parseConfigRoot(text);
    let runtime = runtimeOf(root);
    if (!runtime)
        return text;
    const existing = childrenNamed(runtime, FIPS_ELEMENT).filter((e) => attr(e, 'enabled')?.value !== 'true');
    if (existing.length === 0)
        return text;
    let out = text;
    for (const element of [...existing].reverse())
        out = removeElement(out, element);
    root = parseConfigRoot(out);
    runtime = runtimeOf(root);
    return isEmptyShell(out, runtime) ? removeElement(out, runtime) : out;
}

;// CONCATENATED MODULE: ./src/config/attributes.ts
function attributes_escapeAttr(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function unescapeAttr(value) {
    return value
        .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
        .replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]);
}
/**
 * Sets attributes on one start tag: a value that differs is replaced between its own quotes (quote
 * style and attribute order kept); a missing attribute is appended after the last one, `name="value"`.
 * `values` holds raw (unescaped) values; returns the text unchanged when every value already matches.
 */
function attributes_setAttributes(text, element, values) {
    const changes = [];
    const missing = [];
    for (const [name, value] of Object.entries(values)) {
        const existing = element.attrs.find((a) => a.name === name);
        if (!existing)
            missing.push(` ${name}="${attributes_escapeAttr(value)}"`);
        else if (unescapeAttr(existing.value) !== value) {
            const quote = text[existing.valueEnd];
            const escaped = quote === "'"
                ? attributes_escapeAttr(value)
                    .replace(/'/g, '&apos;')
                    .replace(/&quot;/g, '"')
                : attributes_escapeAttr(value);
            changes.push({ at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: escaped });
        }
    }
    if (missing.length) {
        const lastAttr = element.attrs[element.attrs.length - 1];
        const at = lastAttr ? lastAttr.valueEnd + 1 : element.start + 1 + element.name.length;
        changes.push({ at, remove: 0, insert: missing.join('') });
    }
    let out = text;
    for (const c of changes.sort((a, b) => b.at - a.at))
        out = out.slice(0, c.at) + c.insert + out.slice(c.at + c.remove);
    return out;
}

;// CONCATENATED MODULE: ./src/config/edit-proxy.ts
/**
 * The proxy: configuration/system.net/defaultProxy, in the shape the agent's docs show:
 *   <system.net>
 *     <defaultProxy enabled="true" useDefaultCredentials="true">
 *       <proxy usesystemdefault="true" proxyaddress="http://proxy:8080" bypassonlocal="true"/>
 *     </defaultProxy>
 *   </system.net>
 *
 * Placement rules:
 *  - system.net missing: the whole block becomes configuration's last child (before </configuration>).
 *  - system.net without defaultProxy: defaultProxy becomes system.net's last child.
 *  - defaultProxy exists: edited in place, attribute by attribute: defaultProxy `enabled` set to
 *    true when it says otherwise; the proxy child's `proxyaddress` and `bypassonlocal` set (added
 *    when missing); a missing proxy child is added as defaultProxy's first child. Other attributes
 *    and children (bypasslist, module) are kept.
 *  - Removal takes out defaultProxy with its line, and system.net when left holding nothing.
 */





function single(parent, name) {
    if (!parent)
        return undefined;
    const found = xml_tree_childrenNamed(parent, name);
    if (found.length > 1)
        throw new ConfigFormatError(`has more than one <${name}> in <${parent.name}>`);
    return found[0];
}
function proxyLine(settings) {
    return `<proxy usesystemdefault="true" proxyaddress="${escapeAttr(settings.url)}" bypassonlocal="${settings.bypassLocal}"/>`;
}
function edit_proxy_readProxy(text) {
    const defaultProxy = single(single(xml_tree_parseConfigRoot(text), 'system.net'), 'defaultProxy');
    const proxy = single(defaultProxy, 'proxy');
    const address = proxy && xml_tree_attr(proxy, 'proxyaddress');
    const bypass = proxy && xml_tree_attr(proxy, 'bypassonlocal');
    const enabled = defaultProxy && xml_tree_attr(defaultProxy, 'enabled');
    return {
        present: defaultProxy !== undefined,
        // .NET reads the boolean case-insensitively.
        enabled: defaultProxy !== undefined && (!enabled || unescapeAttr(enabled.value).trim().toLowerCase() !== 'false'),
        url: address ? unescapeAttr(address.value) : null,
        bypassLocal: bypass ? bypass.value.trim().toLowerCase() === 'true' : null,
    };
}
function edit_proxy_ensureProxy(text, settings) {
    const root = parseConfigRoot(text);
    const systemNet = single(root, 'system.net');
    const proxyBlock = [
        [0, '<defaultProxy enabled="true" useDefaultCredentials="true">'],
        [1, proxyLine(settings)],
        [0, '</defaultProxy>'],
    ];
    if (!systemNet)
        return insertLastChild(text, root, root, [[0, '<system.net>'], ...proxyBlock.map(([d, l]) => [d + 1, l]), [0, '</system.net>']]);
    const defaultProxy = single(systemNet, 'defaultProxy');
    if (!defaultProxy)
        return insertLastChild(text, root, systemNet, proxyBlock);
    const enabled = attr(defaultProxy, 'enabled');
    const proxy = single(defaultProxy, 'proxy');
    const wanted = { proxyaddress: settings.url, bypassonlocal: String(settings.bypassLocal) };
    // Later offsets first, so earlier ones stay valid.
    let out = proxy ? setAttributes(text, proxy, wanted) : text;
    if (enabled && enabled.value.trim().toLowerCase() !== 'true')
        out = setAttributes(out, defaultProxy, { enabled: 'true' });
    if (proxy)
        return out;
    const reparsed = parseConfigRoot(out);
    return insertFirstChild(out, reparsed, single(single(reparsed, 'system.net'), 'defaultProxy'), [[0, proxyLine(settings)]]);
}
function edit_proxy_removeProxy(text) {
    const systemNet = single(parseConfigRoot(text), 'system.net');
    const defaultProxy = single(systemNet, 'defaultProxy');
    if (!defaultProxy)
        return text;
    const out = removeElement(text, defaultProxy);
    const after = single(parseConfigRoot(out), 'system.net');
    return isEmptyShell(out, after) ? removeElement(out, after) : out;
}

;// CONCATENATED MODULE: ./src/config/editor.ts
/**
 * The lossless editor of the agent's AADConnectProvisioningAgent.exe.config: bytes in, bytes out,
 * and nothing but the requested elements differs. Pure: no file access (see safe-write.ts).
 *
 * Guarantees, each checked here rather than assumed:
 *  - the input is refused (ConfigFormatError) unless it decodes losslessly, is well-formed XML
 *    (fast-xml-parser plus xml-tree's stricter checks) and has a <configuration> root;
 *  - BOM, encoding, line endings, indentation, comments, attribute order and quoting are kept,
 *    because edits splice new text in at computed offsets and never re-serialise the document;
 *  - the result is parsed again and must show the requested state, or nothing is returned;
 *  - the same request on its own result changes nothing (idempotent).
 *
 * Exact undo: several files map to the same edited file (`<runtime/>` and no runtime both become a
 * runtime holding the element; enabled="true" and a missing element both become enabled="false").
 * So a removal first looks at `history` (earlier versions of the file, e.g. the backups, newest
 * first): a version that lacks what is being removed and that the opposite edit turns into exactly
 * the current text is the file before the step changed it, and is restored byte for byte.
 * Otherwise removal is structural (edit-fips.ts / edit-proxy.ts).
 */




/** The config .NET would read if the file were missing, as a file: used when an upgrade deleted it. */
function minimalConfig() {
    return Buffer.from('<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n</configuration>\r\n', 'utf8');
}
function applyPresent(text, request) {
    let out = text;
    if (request.fips === 'present')
        out = ensureFipsException(out);
    if (request.proxy && request.proxy !== 'absent')
        out = ensureProxy(out, request.proxy);
    return out;
}
function removalsOnly(text, request) {
    let out = text;
    if (request.fips === 'absent')
        out = removeFipsException(out);
    if (request.proxy === 'absent')
        out = removeProxy(out);
    return out;
}
/** An earlier version that the opposite of the requested removals turns into exactly `text`. */
function findPreImage(text, request, history, current) {
    const inverse = {};
    if (request.fips === 'absent')
        inverse.fips = 'present';
    if (request.proxy === 'absent') {
        const proxy = readProxy(text);
        if (proxy.url === null || proxy.bypassLocal === null)
            return undefined;
        inverse.proxy = { url: proxy.url, bypassLocal: proxy.bypassLocal };
    }
    for (const earlier of history) {
        if (earlier.encoding !== current.encoding || earlier.bom !== current.bom)
            continue;
        try {
            // A version that still has what is being removed (the current one among them) is no candidate.
            if (request.fips === 'absent' && readFips(earlier.text).exception)
                continue;
            if (request.proxy === 'absent' && readProxy(earlier.text).present)
                continue;
            if (applyPresent(earlier.text, inverse) === text)
                return earlier.text;
        }
        catch {
            // A history version that does not parse is simply not a candidate.
        }
    }
    return undefined;
}
function assertReached(text, request) {
    parseConfigRoot(text);
    const fips = readFips(text);
    const proxy = readProxy(text);
    const fipsOk = request.fips === undefined || (request.fips === 'present' ? fips.exception : !fips.exception);
    const proxyOk = request.proxy === undefined || (request.proxy === 'absent' ? !proxy.present : proxy.present && proxy.url === request.proxy.url && proxy.bypassLocal === request.proxy.bypassLocal);
    if (!fipsOk || !proxyOk)
        throw new Error('The config edit did not reach the requested state; the file was not written.');
    return { fips, proxy };
}
function editConfig(bytes, request, history = []) {
    const before = decodeConfig(bytes);
    parseConfigRoot(before.text);
    let text = removalsOnly(before.text, request);
    let restoredFromHistory = false;
    if (text !== before.text) {
        const decodedHistory = history.flatMap((h) => {
            try {
                return [decodeConfig(h)];
            }
            catch {
                return [];
            }
        });
        const earlier = findPreImage(before.text, request, decodedHistory, before);
        if (earlier !== undefined) {
            text = earlier;
            restoredFromHistory = true;
        }
    }
    text = applyPresent(text, request);
    const state = assertReached(text, request);
    const after = { ...before, text };
    const out = encodeConfig(after);
    return { changed: !out.equals(bytes), before, after, bytes: out, ...state, restoredFromHistory };
}
/** What the file says now, without changing anything. */
function inspectConfig(bytes) {
    const { text } = text_style_decodeConfig(bytes);
    xml_tree_parseConfigRoot(text);
    return { fips: edit_fips_readFips(text), proxy: edit_proxy_readProxy(text) };
}

;// CONCATENATED MODULE: ./src/steps/verify/agent-config.ts



/**
 * Reads the facts from the file's bytes with the editor's own reader (src/config/editor.ts): the
 * same decoding (UTF-8 or UTF-16, with or without BOM), the same XML checks and the same decoded
 * attribute values, so verify never judges a file differently from how set-fips edits it.
 */
function configFacts(content) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    try {
        const { fips, proxy } = inspectConfig(bytes);
        return { exists: true, fipsException: fips.exception, proxyAddress: proxy.present && proxy.enabled ? proxy.url : null };
    }
    catch (error) {
        if (!(error instanceof ConfigFormatError))
            throw error;
        return { exists: true, error: error.reason, fipsException: false, proxyAddress: null };
    }
}
async function readAgentConfig(path) {
    let bytes;
    try {
        bytes = await (0,promises_.readFile)(path);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { exists: false, fipsException: false, proxyAddress: null };
        return { exists: true, error: `is unreadable (${error.code ?? 'error'})`, fipsException: false, proxyAddress: null };
    }
    return configFacts(bytes);
}


/***/ })

};
