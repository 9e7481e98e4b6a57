/** Text rules: NFC at the door, accent-insensitive matching, Vietnamese collation. */
import { collationKey } from './name-key.js';

export function nfc(value: string): string {
  return value.normalize('NFC');
}

/** Normalises user input: NFC, trimmed, inner runs of white space folded to one space. */
export function cleanText(value: string): string {
  return nfc(value).replace(/\s+/g, ' ').trim();
}

/** An optional text field: cleaned, and null when nothing is left (absent, empty or only spaces). */
export function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return cleanText(value) || null;
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
/** The Vietnamese collation: ICU's, at base strength (case and tones ignored), numbers by value. */
export const VI_COLLATION: Intl.CollatorOptions = { sensitivity: 'base', numeric: true };
function viCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('vi', VI_COLLATION));
}

/** A Vietnamese full name's given name: its last word (names sort by it, then by the whole name). */
export function givenName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf(' ') + 1);
}

/** Two collation keys (name-key.ts) in the order the collator gives their texts. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Vietnamese order of two texts: by their collation keys when both have one (see ranksOfDistinct), else by the collator. */
export function compareVi(a: string, b: string): number {
  const ka = collationKey(a);
  const kb = ka === null ? null : collationKey(b);
  return ka === null || kb === null ? viCollator().compare(a, b) : byKey(ka, kb);
}

/**
 * Sorts in Vietnamese order by one or more texts in turn (unit, then given name, then full name).
 * Each distinct text is collated once and rows then compare by rank: a city lists 300,000 members
 * but holds a few thousand distinct names, and collating is the costly part. Stable: rows whose
 * texts collate equal keep their order.
 */
export function sortVi<T>(items: readonly T[], ...keys: ((item: T) => string)[]): T[] {
  const { order } = keyRanks(items, keys);
  return order.map((i) => items[i]);
}

/**
 * Each item's place in sortVi's order by the same keys, as a number: items equal under every key
 * share one, so that "by this rank, then by the order the items came in" is sortVi's order. Lets
 * SQLite sort rows (by a function that looks the rank up) where sortVi would sort them in JavaScript.
 */
export function ranksVi<T>(items: readonly T[], ...keys: ((item: T) => string)[]): Int32Array {
  const { ranks, order } = keyRanks(items, keys);
  const out = new Int32Array(items.length);
  let rank = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    if (j && ranks.some((r) => r[i] !== r[order[j - 1]])) rank++;
    out[i] = rank;
  }
  return out;
}

function keyRanks<T>(items: readonly T[], keys: ((item: T) => string)[]): { ranks: Int32Array[]; order: number[] } {
  const ranks = keys.map((key) => {
    const texts = items.map(key);
    const rankOf = ranksOfDistinct([...new Set(texts)]);
    return Int32Array.from(texts, (text) => rankOf.get(text)!);
  });
  const order = Array.from(items, (_, i) => i).sort((a, b) => {
    for (const r of ranks) if (r[a] !== r[b]) return r[a] - r[b];
    return 0;
  });
  return { ranks, order };
}

/**
 * Each text's rank in Vietnamese order, texts that collate equal sharing one. By collation keys
 * (name-key.ts: equal to the collator's order, proved by its test) when every text has one, as
 * unit names and people's names do: building ICU's Vietnamese collator costs about 8 ms, a good part
 * of a report's run. By the collator otherwise.
 */
function ranksOfDistinct(distinct: string[]): Map<string, number> {
  const keys = distinct.map(collationKey);
  const c = keys.includes(null) ? viCollator() : undefined;
  const compare = (i: number, j: number) => (c ? c.compare(distinct[i], distinct[j]) : byKey(keys[i]!, keys[j]!));
  const order = distinct.map((_, i) => i).sort(compare);
  const rankOf = new Map<string, number>();
  let rank = 0;
  order.forEach((i, n) => {
    if (n && compare(order[n - 1], i) !== 0) rank++;
    rankOf.set(distinct[i], rank);
  });
  return rankOf;
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

/** Where a text holds a control character other than tab and line breaks, as "U+001B", line and column (from 1). */
export interface ControlCharAt {
  char: string;
  line: number;
  column: number;
}

/**
 * The first control character (C0 other than tab, LF, CR; DEL; C1) in a text meant to be plain
 * prose, or null. Such text ends up in minutes and Word files, where these characters have no place.
 */
export function findControlChar(value: string): ControlCharAt | null {
  // eslint-disable-next-line no-control-regex
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(value);
  if (!m) return null;
  const before = value.slice(0, m.index);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return {
    char: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    line: before.split(/\r\n|\r|\n/).length,
    column: Array.from(before.slice(lineStart)).length + 1,
  };
}
