/**
 * The one neutraliser for everything written to a terminal, stdout and stderr, in every format:
 * control characters and escape sequences become visible text (`\x1b`), except the colour
 * sequences this program itself emits (see paint in output.ts). Files and pipes get the data as
 * stored: it is data there, not something a terminal would run.
 */
import { sanitizeForTerminal } from '../domain/text.js';

/** The sequences paint() writes (chalk at level 1: bold, red, green, yellow, cyan, gray, and their resets). */
export const OWN_COLOUR_SEQUENCES: ReadonlySet<string> = new Set(['\u001b[1m', '\u001b[22m', '\u001b[31m', '\u001b[32m', '\u001b[33m', '\u001b[36m', '\u001b[90m', '\u001b[39m']);

// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * `keepOwnColour`: the text is a table this program coloured (its cells were neutralised before
 * colour was added), so the sequences paint() writes stay; anywhere else every sequence is shown.
 */
export function neutraliseForTerminal(text: string, keepOwnColour = false): string {
  // CRLF (CSV) ends a line on a terminal as LF does; a lone CR, which would overwrite the line, is shown.
  return text.replace(/\r\n/g, '\n').replace(CONTROL, (m) => (keepOwnColour && OWN_COLOUR_SEQUENCES.has(m) ? m : sanitizeForTerminal(m)));
}
