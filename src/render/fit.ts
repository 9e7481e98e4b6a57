/**
 * A box table that fits a terminal's width. Each column says how much it matters (priority 1 is
 * never left out), how narrow it may get and whether its text may wrap; widths are measured in
 * display columns (string-width), text wraps at word boundaries (wrap-ansi). Numbers and dates
 * never wrap: when even wrapping cannot fit, the least important columns are left out and named.
 */
import type { Tone } from './output.js';

export interface FitColumn {
  header: string;
  align: 'left' | 'right';
  /** May wrap inside its cell (text); false for numbers, dates and codes. */
  wrap: boolean;
  /** 1 = never left out; higher numbers are left out first. */
  priority: number;
  minWidth?: number;
  maxWidth?: number;
}

export interface FitInput {
  columns: FitColumn[];
  /** Cells, plain text (already neutralised), one array per row. */
  rows: string[][];
  /** Tone of each cell, when colour is on. */
  tones?: Tone[][];
  /** Terminal width; undefined: every column at its natural width (--wide, a pipe). */
  width?: number;
  paint: (text: string, tone: Tone) => Promise<string>;
  color: boolean;
}

export interface FitOutput {
  text: string;
  /** Headers of the columns left out, in their order. */
  dropped: string[];
}

type Measure = (s: string) => number;
type Wrap = (s: string, width: number, opts: { hard: boolean; trim: boolean; wordWrap: boolean }) => string;

let tools: { width: Measure; wrap: Wrap } | undefined;

async function loadTools(): Promise<{ width: Measure; wrap: Wrap }> {
  if (!tools) {
    const [{ default: width }, { default: wrap }] = await Promise.all([import('string-width'), import('wrap-ansi')]);
    // Printable ASCII is one column a character: most cells of a large listing (ids, dates, counts).
    tools = { width: (s) => (/^[\x20-\x7e]*$/.test(s) ? s.length : width(s)), wrap };
  }
  return tools;
}

/** The narrowest a wrapping column gets when even the columns that must stay do not fit. */
const SQUEEZED_WRAP = 8;
/** The smallest width a wrapping text column is given before columns are left out. */
const DEFAULT_MIN_WRAP = 10;
/** Border and padding around n columns: "│ a │ b │". */
export function tableOverhead(n: number): number {
  return 3 * n + 1;
}

function lines(cell: string): string[] {
  return cell.replace(/\t/g, ' ').split(/\r?\n/);
}

export interface Layout {
  /** Indexes of the columns shown. */
  shown: number[];
  /** Width of each shown column (same order as shown). */
  widths: number[];
  dropped: number[];
  /**
   * Even the columns that must stay do not fit at their narrowest (a very narrow terminal): the rows
   * are then written one field a line ("Đơn vị: Phường Cầu Kho"), every column included.
   */
  vertical?: boolean;
}

/** Decides which columns are shown and how wide each is. Pure: exported for tests. */
export function layoutColumns(columns: FitColumn[], rows: string[][], width: number | undefined, measure: Measure): Layout {
  const n = columns.length;
  const natural: number[] = [];
  const minimum: number[] = [];
  /** How far a wrapping column may still give way when the columns that must stay do not fit. */
  const squeezed: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = columns[i];
    const headerWords = c.header.split(/\s+/).map(measure);
    const longestHeaderWord = Math.max(0, ...headerWords);
    let widest = 0;
    for (const row of rows)
      for (const line of lines(row[i] ?? '')) {
        widest = Math.max(widest, measure(line));
      }
    const nat = Math.max(widest, measure(c.header), 1);
    natural.push(nat);
    if (c.wrap) {
      const floor = Math.max(c.minWidth ?? DEFAULT_MIN_WRAP, longestHeaderWord);
      minimum.push(Math.min(nat, floor));
      squeezed.push(Math.min(nat, Math.max(SQUEEZED_WRAP, longestHeaderWord)));
    } else {
      minimum.push(Math.max(widest, longestHeaderWord, c.minWidth ?? 0, 1));
      squeezed.push(minimum[i]);
    }
  }
  const all = Array.from({ length: n }, (_, i) => i);
  if (width === undefined) return { shown: all, widths: natural, dropped: [] };

  const shown = [...all];
  const dropped: number[] = [];
  const sumMin = () => shown.reduce((s, i) => s + minimum[i], 0) + tableOverhead(shown.length);
  while (sumMin() > width) {
    let pick = -1;
    for (const i of shown) if (columns[i].priority > 1 && (pick < 0 || columns[i].priority >= columns[pick].priority)) pick = i;
    if (pick < 0) break;
    shown.splice(shown.indexOf(pick), 1);
    dropped.push(pick);
  }
  dropped.sort((a, b) => a - b);

  const available = width - tableOverhead(shown.length);
  const widths = shown.map((i) => minimum[i]);
  let total = widths.reduce((s, w) => s + w, 0);
  // The columns that must stay are too wide at their minimum: wrapping ones give way, the widest
  // first, down to a few words a line; past that a table cannot be read and rows go one field a line.
  while (total > available) {
    let pick = -1;
    for (let k = 0; k < widths.length; k++) if (widths[k] > squeezed[shown[k]] && (pick < 0 || widths[k] > widths[pick])) pick = k;
    if (pick < 0) return { shown: all, widths: natural, dropped: [], vertical: true };
    widths[pick]--;
    total--;
  }
  // Room left: columns grow toward their natural width (capped by maxWidth), the most important
  // first (a unit's name on one line before a note gets wider), within a rank the one lacking most.
  const target = shown.map((i) => Math.max(minimum[i], Math.min(natural[i], columns[i].maxWidth ?? Infinity)));
  let extra = available - total;
  const ranks = [...new Set(shown.map((i) => columns[i].priority))].sort((a, b) => a - b);
  for (const rank of ranks) {
    while (extra > 0) {
      let pick = -1;
      for (let k = 0; k < widths.length; k++)
        if (columns[shown[k]].priority === rank && widths[k] < target[k] && (pick < 0 || target[k] - widths[k] > target[pick] - widths[pick])) pick = k;
      if (pick < 0) break;
      widths[pick]++;
      extra--;
    }
  }
  return { shown, widths, dropped };
}

/**
 * The table drawn by cli-table3 at the widths worked out here: cells arrive already folded to their
 * column's width (at word boundaries, measured in display width), so cli-table3 only pads and
 * draws the box.
 */
export async function renderFittedTable(input: FitInput): Promise<FitOutput> {
  const { width: measure, wrap } = await loadTools();
  const { columns, rows } = input;
  const layout = layoutColumns(columns, rows, input.width, measure);
  if (layout.vertical) return renderVertical(input, input.width ?? 0, measure, wrap);
  const { shown, widths } = layout;
  const fold = (cell: string, w: number): string => {
    const out: string[] = [];
    for (const line of lines(cell)) {
      if (measure(line) <= w) out.push(line);
      else out.push(...wrap(line, w, { hard: true, trim: true, wordWrap: true }).split('\n'));
    }
    return out.join('\n');
  };
  const paintLines = async (text: string, tone: Tone | undefined): Promise<string> => {
    if (!text || !tone || !input.color) return text;
    // Each line painted on its own: the table splits cells at line breaks.
    return (await Promise.all(text.split('\n').map((l) => (l ? input.paint(l, tone) : l)))).join('\n');
  };
  const row = (cells: string[], tones: (Tone | undefined)[]) => Promise.all(shown.map((i, k) => paintLines(fold(cells[i] ?? '', widths[k]), tones[i])));
  const { default: Table } = await import('cli-table3');
  const table = new Table({
    head: await row(
      columns.map((c) => c.header),
      columns.map(() => 'bold' as Tone),
    ),
    colWidths: widths.map((w) => w + 2),
    colAligns: shown.map((i) => columns[i].align ?? 'left'),
    // Borders are painted below by our own painter: cli-table3's colour library decides by itself
    // from the process's stdout and environment, which is not the output this table goes to.
    style: { head: [], border: [] },
    wordWrap: false,
  });
  for (let r = 0; r < rows.length; r++) table.push(await row(rows[r], input.tones?.[r] ?? []));
  let text = table.toString();
  if (input.color) {
    const [before, after] = (await input.paint('\u0000', 'gray')).split('\u0000');
    text = text.replace(BORDER_RUN, (run) => before + run + after);
  }
  return { text: text + '\n', dropped: layout.dropped.map((i) => columns[i].header) };
}

/** A run of the box-drawing characters cli-table3 draws its borders with. */
const BORDER_RUN = /[\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c]+/g;

/** One field a line, rows separated by a rule: what a terminal too narrow for any table gets. */
async function renderVertical(input: FitInput, width: number, measure: Measure, wrap: Wrap): Promise<FitOutput> {
  const { columns, rows } = input;
  const labelWidth = Math.min(Math.max(...columns.map((c) => measure(c.header))), Math.floor(width / 2));
  const valueWidth = Math.max(width - labelWidth - 2, 1);
  const out: string[] = [];
  const rule = input.color ? await input.paint('─'.repeat(width), 'gray') : '─'.repeat(width);
  for (let r = 0; r < rows.length; r++) {
    if (r) out.push(rule);
    for (let i = 0; i < columns.length; i++) {
      const label = columns[i].header.length > labelWidth ? wrap(columns[i].header, labelWidth, { hard: true, trim: true, wordWrap: true }).split('\n') : [columns[i].header];
      const value: string[] = [];
      for (const line of lines(rows[r][i] ?? '')) value.push(...(measure(line) <= valueWidth ? [line] : wrap(line, valueWidth, { hard: true, trim: true, wordWrap: true }).split('\n')));
      const tone = input.tones?.[r]?.[i];
      for (let k = 0; k < Math.max(label.length, value.length); k++) {
        const head = (label[k] ?? '') + ' '.repeat(Math.max(0, labelWidth - measure(label[k] ?? '')));
        const text = value[k] ?? '';
        const painted = text && tone && input.color ? await input.paint(text, tone) : text;
        const bold = k === 0 && input.color ? await input.paint(head, 'bold') : head;
        out.push(`${bold}  ${painted}`.trimEnd());
      }
    }
  }
  return { text: out.join('\n') + '\n', dropped: [] };
}

/**
 * Columns a line takes on a terminal (string-width: combining marks none, wide letters two). Needs
 * the tools loaded (preloadTerminalText), as every run on a terminal does before its command.
 */
export function displayWidth(text: string): number {
  if (!tools) throw new Error('displayWidth before preloadTerminalText()');
  return tools.width(text);
}

/** Loads the width and wrapping tools, so that wrapToWidth can run synchronously afterwards. */
export async function preloadTerminalText(): Promise<void> {
  await loadTools();
}

/**
 * Wraps each line longer than `width` at word boundaries (breaking a word only when it alone is
 * longer), continuation lines keeping the line's indent. Text as it is when the tools are not loaded.
 */
export function wrapToWidth(text: string, width: number): string {
  if (!tools || width < 8) return text;
  const { width: measure, wrap } = tools;
  let changed = false;
  const out = text.split('\n').map((line) => {
    if (line.length <= width || measure(line) <= width) return line;
    changed = true;
    const indent = /^ */.exec(line)![0].slice(0, Math.floor(width / 2));
    // "Nguồn giao           Giải pháp …": continuation lines start under the value, not under the label.
    const found = /^ *\S.*?\s{2,}(?=\S)/.exec(line)?.[0];
    const label = found && measure(found) <= width / 2 ? found : indent;
    const hang = ' '.repeat(measure(label));
    const parts = wrap(line.slice(label.length), width - hang.length, { hard: true, trim: true, wordWrap: true }).split('\n');
    return parts.map((part, i) => (i ? hang : label) + part).join('\n');
  });
  return changed ? out.join('\n') : text;
}
