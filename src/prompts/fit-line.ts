/**
 * Lines that fit a terminal row, measured by the one display-width tool (render/fit.ts), which the
 * CLI loads before any command runs on a terminal.
 */
import { displayWidth } from '../render/fit.js';

export { displayWidth };

/** The text cut to `width` columns at a word boundary, with "…" when something was left out. */
export function cutToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const room = Math.max(1, width - 1);
  // The indent of a line ("  2. …") is kept.
  const indent = /^ */.exec(text)![0];
  let out = indent;
  for (const word of text.slice(indent.length).split(' ')) {
    const next = out.length > indent.length ? `${out} ${word}` : out + word;
    if (displayWidth(next) > room) break;
    out = next;
  }
  if (out.length === indent.length) {
    out = '';
    // One word longer than the row: cut inside it (nothing better fits).
    for (const ch of text) {
      if (displayWidth(out + ch) > room) break;
      out += ch;
    }
  }
  return `${out.replace(/[\s\u2014\u2013,;:(-]+$/u, '')}…`;
}

/** The text broken into lines of at most `width` columns, at word boundaries (a word longer than a line is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (displayWidth(next) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = displayWidth(word) <= width ? word : cutToWidth(word, width);
    }
  }
  if (line) lines.push(line);
  return lines;
}
