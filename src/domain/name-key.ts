/**
 * A person's place in the Vietnamese order of names as a text that sorts by its bytes: SQLite can
 * then keep people in that order in an index (person_name_order) and a listing streams from it, its
 * first row written at once. The order is sortVi's (text.ts) by given name (the last word), then by
 * the whole name: compareVi, that is ICU's Vietnamese collation at base strength with numbers
 * compared as numbers. Names that collate equal get the same key, so "by key, then by id" is
 * exactly sortVi's order then the ids'.
 *
 * The key knows the letters of Vietnamese (every tone, either case), the other Latin letters, the
 * digits, the space and a few punctuation marks: the classes below, listed in the collator's
 * order (letters of one class collate equal). A name with any other character has no key (null),
 * and a listing that meets one sorts with the collator instead. The classes are written out, not
 * read from the collator at run time, so that a key written once means the same later;
 * test/unit/name-key.test.ts checks them against the collator.
 */
import { givenName } from './text.js';

export const NAME_KEY_CLASSES = [
  ' ', '_', '-', ',', '.', "'", '(', ')', '/', '&',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  'aAàÀáÁảẢãÃạẠ', 'ăĂằẰắẮẳẲẵẴặẶ', 'âÂầẦấẤẩẨẫẪậẬ', 'bB', 'cC', 'dD', 'đĐ', 'eEèÈéÉẻẺẽẼẹẸ', 'êÊềỀếẾểỂễỄệỆ', 'fF', 'gG', 'hH',
  'iIìÌíÍỉỈĩĨịỊ', 'jJ', 'kK', 'lL', 'mM', 'nN', 'oOòÒóÓỏỎõÕọỌ', 'ôÔồỒốỐổỔỗỖộỘ', 'ơƠờỜớỚởỞỡỠợỢ', 'pP', 'qQ', 'rR', 'sS', 'tT',
  'uUùÙúÚủỦũŨụỤ', 'ưƯừỪứỨửỬữỮựỰ', 'vV', 'wW', 'xX', 'yYỳỲýÝỷỶỹỸỵỴ', 'zZ',
] as const;

/** Each character's weight, one character from '0' (0x30) up; digits are read as numbers instead. Made on first use. */
let weights: Map<string, string> | undefined;
function weightOf(ch: string): string | undefined {
  if (!weights) {
    weights = new Map();
    NAME_KEY_CLASSES.forEach((chars, i) => {
      for (const c of chars) weights!.set(c, String.fromCharCode(0x30 + i));
    });
  }
  return weights.get(ch);
}
/** A number sorts where the digits do, then by its count of digits (leading zeros left out), then digit by digit. */
const NUMBER = String.fromCharCode(0x30 + NAME_KEY_CLASSES.indexOf('0'));
const LONGEST_NUMBER = 40;
/** Between the given name and the whole name: below every weight, so a shorter given name comes first. */
const SEPARATOR = '!';

/** One text's key (see above), or null when it holds a character the key does not know. */
export function collationKey(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (ch >= '0' && ch <= '9') {
      let end = i;
      while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
      const digits = text.slice(i, end).replace(/^0+(?=\d)/, '');
      if (digits.length > LONGEST_NUMBER) return null;
      out += NUMBER + String.fromCharCode(0x30 + digits.length) + digits;
      i = end;
      continue;
    }
    const weight = weightOf(ch);
    if (weight === undefined) return null;
    out += weight;
    i++;
  }
  return out;
}

/** A full name's key: its given name's key, then the whole name's (see above); null as collationKey. */
export function nameKey(fullName: string): string | null {
  const given = collationKey(givenName(fullName));
  const whole = given === null ? null : collationKey(fullName);
  return whole === null ? null : `${given}${SEPARATOR}${whole}`;
}
