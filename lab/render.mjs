// How a person sees a run on GitHub, as plain text: the log with workflow commands read the way the
// runner reads them (group titles as headings, debug lines hidden unless asked for, warnings and
// errors marked, masked values as ***), the outputs once and in full, and the job summary's Markdown
// as aligned text. Pure functions: npm run lab prints them, the lab tests check them.

/** Workflow command data: the runner reads %25, %0D and %0A back as %, CR and LF. */
function unescapeData(text) {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

const COMMAND = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/;
const MARKS = { warning: 'Warning: ', error: 'Error: ', notice: 'Notice: ', debug: 'Debug: ' };

/**
 * Values the runner would mask (from ::add-mask:: lines), longest first. Masking starts at the
 * add-mask line on GitHub; here every line is masked, which can only hide more.
 */
export function maskedValues(rawLog) {
  const values = new Set();
  for (const line of rawLog.split(/\r?\n/)) {
    const m = COMMAND.exec(line);
    if (m && m[1] === 'add-mask' && m[3]) values.add(unescapeData(m[3]));
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every masked value with *** (as the runner does in the log). */
export function mask(text, values) {
  let out = text;
  for (const value of values) out = out.split(value).join('***');
  return out;
}

/**
 * The log as GitHub shows it. Lines inside a group are indented under its title; a message of
 * several lines keeps its later lines under its first. Options: debug (show ::debug:: lines),
 * masks (values to show as ***; default: the log's own ::add-mask:: values).
 */
export function renderLog(rawLog, { debug = false, masks = maskedValues(rawLog) } = {}) {
  const out = [];
  let indent = '';
  const emit = (prefix, message) => {
    const [first, ...rest] = mask(message, masks).split(/\r?\n/);
    out.push(`${indent}${prefix}${first}`);
    const hanging = indent + ' '.repeat(prefix.length);
    for (const line of rest) out.push(`${hanging}${line}`);
  };
  const lines = rawLog.replace(/\r?\n$/, '').split(/\r?\n/);
  for (const line of lines) {
    const m = COMMAND.exec(line);
    if (!m) {
      emit('', line);
      continue;
    }
    const [, name, , data] = m;
    const message = unescapeData(data);
    if (name === 'group') {
      out.push('', `▶ ${mask(message, masks)}`);
      indent = '  ';
    } else if (name === 'endgroup') {
      indent = '';
    } else if (name === 'debug') {
      if (debug) emit(MARKS.debug, message);
    } else if (name in MARKS) {
      emit(MARKS[name], message);
    }
    // add-mask, set-output, save-state, echo and the like: read by the runner, never shown.
  }
  return out.join('\n').replace(/^\n+/, '');
}

/** The ::error:: messages of a raw log, in order (what GitHub lists as the step's annotations). */
export function errorMessages(rawLog) {
  return rawLog
    .split(/\r?\n/)
    .map((line) => COMMAND.exec(line))
    .filter((m) => m && m[1] === 'error')
    .map((m) => unescapeData(m[3]));
}

/** name<<delimiter ... delimiter blocks of a GITHUB_OUTPUT file (and plain name=value lines). */
export function parseOutputs(text) {
  const out = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(lines[i]);
    if (plain) out[plain[1]] = plain[2];
  }
  return out;
}

/** A JSON array of objects as one line per element; anything else unchanged. */
function outputLines(value) {
  if (/^\s*\[/.test(value)) {
    try {
      const parsed = JSON.parse(value);
      if (Array.isArray(parsed) && parsed.length > 0) return parsed.map((item) => JSON.stringify(item));
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  return value === '' ? ['(empty)'] : value.split('\n');
}

/** Outputs as an aligned list, every value in full (a JSON list one element per line). */
export function renderOutputs(outputs, { masks = [] } = {}) {
  const names = Object.keys(outputs);
  if (names.length === 0) return '(no outputs)';
  const width = Math.max(...names.map((n) => n.length));
  const out = [];
  for (const name of names) {
    const [first, ...rest] = outputLines(mask(outputs[name], masks));
    out.push(`${name.padEnd(width)}  ${first}`);
    for (const line of rest) out.push(`${' '.repeat(width)}  ${line}`);
  }
  return out.join('\n');
}

/** Cells of a Markdown table row: outer pipes dropped, \| kept as a pipe inside a cell. */
function tableCells(line) {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

const isTableLine = (line) => /^\s*\|.*\|\s*$/.test(line);
const isSeparator = (cells) => cells.every((c) => /^:?-{3,}:?$/.test(c));

/** A Markdown table as aligned columns; a header row of empty cells (key/value tables) is left out. */
function renderTable(rows) {
  const parsed = rows.map(tableCells);
  const body = parsed.filter((cells, i) => !(i === 1 && isSeparator(cells)) && !(i === 0 && cells.every((c) => c === '')));
  const columns = Math.max(...body.map((cells) => cells.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...body.map((cells) => (cells[i] ?? '').length)));
  return body.map((cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd(),
  );
}

/** Inline Markdown as text: `code` and **bold** lose their marks, [text](url) becomes text (url). */
function inline(text) {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/** The job summary's Markdown as readable text: headings underlined, tables aligned, quotes as notes. */
export function renderSummary(markdown) {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const title = inline(heading[2]);
      out.push(title, (heading[1].length <= 2 ? '=' : '-').repeat(title.length));
    } else if (isTableLine(line)) {
      const rows = [];
      for (; i < lines.length && isTableLine(lines[i]); i++) rows.push(lines[i]);
      i--;
      out.push(...renderTable(rows).map(inline));
    } else if (/^\s*>/.test(line)) {
      out.push(`Note: ${inline(line.replace(/^\s*>\s?/, ''))}`);
    } else {
      out.push(inline(line));
    }
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const rule = (title) => `\n${'═'.repeat(3)} ${title} ${'═'.repeat(Math.max(3, 96 - title.length))}`;
const heading = (title) => `\n── ${title}`;
const indent = (text, by = '  ') =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** Where the action's diagnostics for a failed run are listed (a bundle, once the action writes one). */
function diagnostics(run) {
  const named = Object.entries(run.outputs).filter(([name]) => /diagnostics/.test(name) && run.outputs[name]);
  if (named.length) return named.map(([name, value]) => `${name}: ${value}`).join('\n');
  return 'No diagnostics bundle: this version of the action does not write one (its outputs would be listed here).';
}

/**
 * One shown run: its log, and (unless brief) its outputs and job summary; a failed run's annotations and diagnostics.
 * @param {{ title: string; brief?: boolean; run: { code: number | null; seconds: number; log: string; outputs: Record<string, string>; summary: string } }} shown
 */
export function renderRun({ title, brief, run }, { debug = false } = {}) {
  const masks = maskedValues(run.log);
  const out = [rule(`${title}: exit ${run.code} in ${run.seconds.toFixed(1)} s`), '', renderLog(run.log, { debug, masks })];
  const errors = errorMessages(run.log);
  if (errors.length) {
    out.push(heading('Annotations'), indent(errors.map((e) => `Error: ${mask(e, masks)}`).join('\n')));
    out.push(heading('Diagnostics'), indent(diagnostics(run)));
  }
  if (brief) {
    // A re-run: its outputs and summary repeat the first run's; only whether anything changed is news.
    const changed = Object.entries(run.outputs).filter(([name]) => name.endsWith('changed'));
    out.push(heading('Outputs'), indent(changed.map(([n, v]) => `${n}=${v}`).join(', ') || '(no outputs)'));
    return out.join('\n');
  }
  out.push(heading('Outputs'), indent(renderOutputs(run.outputs, { masks })));
  out.push(heading('Job summary'), indent(run.summary.trim() ? renderSummary(run.summary) : '(empty)'));
  return out.join('\n');
}

/** A scenario's shown runs, then its proof: the last line of the text. */
export function renderScenario(result, { debug = false } = {}) {
  return [...result.shown.map((shown) => renderRun(shown, { debug })), rule('Result'), result.proof.line].join('\n');
}
