/** Text rules: NFC at the door, accent-insensitive matching, Vietnamese collation. */

export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** Normalises user input: NFC, trimmed, inner runs of white space folded to one space. */
export function cleanText(value: string): string {
  return nfc(value).replace(/\s+/g, ' ').trim();
}

/**
 * Folds text for accent-insensitive lookup: "Phường Bến Nghé" → "phuong ben nghe".
 * Đ/đ is a letter of its own in Unicode (no combining mark), so it is mapped by hand.
 */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u0111\u0110]/g, 'd') // đ Đ
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Created on first use: building an ICU collator costs start-up time that --help never needs.
let collator: Intl.Collator | undefined;
function viCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true }));
}

export function compareVi(a: string, b: string): number {
  return viCollator().compare(a, b);
}

export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  const c = viCollator();
  return [...items].sort((x, y) => c.compare(key(x), key(y)));
}

/** Neutralises control characters (ANSI escapes included) in stored text before it reaches a terminal. */
export function sanitizeForTerminal(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Like sanitizeForTerminal, but keeps colour (SGR) sequences, so that whole rendered output can pass
 * through it: colour we add survives, cursor moves or title changes hidden in stored text do not.
 */
export function sanitizeKeepingColour(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.split(/(\u001b\[[0-9;]*m)/).map((part, i) => (i % 2 ? part : sanitizeForTerminal(part))).join('');
}

/** A folded name matches a folded query when every word of the query starts a word, or appears inside, the name. */
export function matchesFolded(nameFolded: string, queryFolded: string): boolean {
  if (!queryFolded) return true;
  return nameFolded.includes(queryFolded);
}
