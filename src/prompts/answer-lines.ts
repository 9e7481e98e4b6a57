/**
 * The finished lines of the questions answered on a terminal ("✔ Title: Giao ban quý III"), written
 * by the session itself, so that going back to a question can take its earlier answer off the
 * screen: the question is then asked again as if for the first time.
 *
 * Everything written is counted in order, each with a mark (an increasing number). Lines are taken
 * back only when it is sure what the screen shows: they are the last thing written, nothing else
 * (text said between questions, a prompt left as it was drawn) is among them, and the terminal has
 * kept its width since (a narrower terminal wraps them onto other rows). Otherwise the screen is left
 * as it is.
 */
import { stripVTControlCharacters } from 'node:util';
import { displayWidth } from './fit-line.js';

interface Written {
  mark: number;
  /** Screen rows taken; 0 for anything that is not a finished question. */
  rows: number;
  columns: number;
  answer: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The columns a character takes on a terminal. A symbol that is also an emoji but is shown as text
 * unless asked otherwise ("✔", U+2714) takes one column there, though string-width counts two.
 */
function columnsOf(grapheme: string): number {
  if (/^\p{Extended_Pictographic}$/u.test(grapheme) && !/\p{Emoji_Presentation}/u.test(grapheme)) return 1;
  return displayWidth(grapheme);
}

/**
 * The rows a text takes on a terminal `columns` wide: each line wraps at the right edge, a character
 * two columns wide that does not fit at the end of a row going to the next one whole.
 */
export function rowsOf(text: string, columns: number): number {
  let rows = 0;
  for (const line of stripVTControlCharacters(text).split('\n')) {
    let row = 1;
    let col = 0;
    for (const { segment } of graphemes.segment(line)) {
      const w = columnsOf(segment);
      if (col + w > columns) {
        row++;
        col = w;
      } else col += w;
    }
    rows += row;
  }
  return rows;
}

export class AnswerLines {
  private readonly written: Written[] = [];
  private last = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly columns: () => number | undefined,
  ) {}

  /** Writes the finished line of a question (one or more lines of text, without the final newline). */
  answer(line: string): void {
    const columns = this.columns() ?? 80;
    this.out.write(`${line}\n`);
    this.written.push({ mark: ++this.last, rows: rowsOf(line, columns), columns, answer: true });
  }

  /** Something else was written: what is above it stays on the screen. */
  other(): void {
    this.written.push({ mark: ++this.last, rows: 0, columns: this.columns() ?? 80, answer: false });
  }

  /** The mark of the last thing on the screen (0 before anything). */
  mark(): number {
    return this.written.at(-1)?.mark ?? 0;
  }

  /**
   * Takes off the screen the finished lines written after mark `from`, up to mark `to`: only when
   * `to` is still the last thing written, everything in between is a finished question's line, and
   * the terminal has its width of then. The cursor is at the start of the row under them (the
   * question gone back from has wiped itself).
   */
  erase(from: number, to: number): void {
    if (to <= from || this.mark() !== to) return;
    const first = this.written.findIndex((w) => w.mark > from);
    // What lay just above them is still known: nothing between was lost.
    if (first < 0 || (first === 0 ? from !== 0 : this.written[first - 1].mark !== from)) return;
    const lines = this.written.slice(first);
    const columns = this.columns() ?? 80;
    if (!lines.every((w) => w.answer && w.columns === columns)) return;
    const rows = lines.reduce((n, w) => n + w.rows, 0);
    this.written.length = first;
    // Row by row, upwards (as the prompts erase themselves): erasing the whole screen from its top
    // would make some terminals (tmux) keep a copy of it in their history. Rows above the top of the
    // screen cannot be reached: the cursor stops at the top, where only rows of these lines are.
    this.out.write(`${'\x1b[1A\x1b[2K'.repeat(rows)}\r`);
  }
}
