/** The choices of the session's searches: people, units, and meetings like the one being recorded. */
import { cleanText, fold } from '../../domain/text.js';
import type { Translate } from '../../i18n/index.js';
import type { IsoDate } from '../../domain/dates.js';
import type { MeetingKind } from '../../store/meetings/kinds.js';
import type { Person } from '../../store/people.js';
import type { Unit } from '../../store/units.js';
import type { Choice } from '../prompter.js';
import { newPeople, type Answers, type Pick, type PersonRef } from './answers.js';
import type { MinutesLookups } from './lookup.js';

/** How many matches a search shows. */
export const SHOWN = 30;

/** Every word typed appears in the folded text ("hai" finds "Huỳnh Thanh Hải", "hai huynh" too). */
export function matchesWords(text: string, term: string): boolean {
  const words = fold(term).split(' ').filter(Boolean);
  const f = fold(text);
  return words.every((w) => f.includes(w));
}

/**
 * How well a name answers what was typed: whole words first ("hai" → "Hải" before "Thái"),
 * then beginnings of words, then letters inside a word.
 */
export function matchScore(name: string, term: string): number {
  const nameWords = fold(name).split(' ');
  return fold(term)
    .split(' ')
    .filter(Boolean)
    .reduce((sum, w) => sum + (nameWords.includes(w) ? 2 : nameWords.some((n) => n.startsWith(w)) ? 1 : 0), 0);
}

/** Stable sort by score, best first. */
function ranked<T>(items: T[], score: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.item);
}

/** Choices of a person search: matches, people added in this session, then "add", "done"/"none". */
export function personChoices(
  lookups: MinutesLookups,
  t: Translate,
  answers: Answers,
  term: string,
  opts: { exclude?: PersonRef[]; done?: boolean; none?: boolean } = {},
): Choice<Pick>[] {
  const words = fold(term).split(' ').filter(Boolean);
  const longest = [...words].sort((a, b) => b.length - a.length)[0];
  const exclude = new Set((opts.exclude ?? []).map(String));
  const seen = lookups.participation();
  let matching: Person[];
  if (words.length) matching = lookups.people({ search: longest, active: true, limit: 2000 }).filter((p) => matchesWords(p.fullName, term));
  else {
    // Nothing typed yet: the people of earlier meetings first, then the start of the list.
    const regulars = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, SHOWN).map(([id]) => lookups.person(id)).filter((p): p is Person => !!p && p.active);
    const ids = new Set(regulars.map((p) => p.id));
    matching = [...regulars, ...lookups.people({ active: true, limit: SHOWN }).filter((p) => !ids.has(p.id))];
  }
  // Whole-word matches first; among equals, the people who took part in meetings most often.
  const found = ranked(
    matching.filter((p) => !exclude.has(String(p.id))),
    (p) => matchScore(p.fullName, term) * 10_000 + Math.min(seen.get(p.id) ?? 0, 9_999),
  )
    .slice(0, SHOWN)
    .map<Choice<Pick>>((p) => ({
      value: { id: p.id },
      name: personLabel(p.fullName, p.positions, p.unitName),
    }));
  const added = newPeople(answers)
    .filter((p) => !exclude.has(p.ref) && (!words.length || matchesWords(p.fullName, term)))
    .map<Choice<Pick>>((p) => ({ value: { ref: p.ref }, name: `${personLabel(p.fullName, p.positions, p.unitId ? (lookups.unit(p.unitId)?.name ?? null) : null)} ${t('record.newMark')}` }));
  const out: Choice<Pick>[] = [];
  const done: Choice<Pick>[] = opts.done ? [{ value: { done: true }, name: t('record.choice.done') }] : [];
  const none: Choice<Pick>[] = opts.none ? [{ value: { none: true }, name: t('record.choice.none') }] : [];
  // With nothing typed, finishing is the likely answer: it comes first.
  if (!words.length) out.push(...done, ...none);
  out.push(...found, ...added);
  out.push({ value: { new: cleanText(term) }, name: words.length ? t('record.choice.addPersonNamed', { name: cleanText(term) }) : t('record.choice.addPerson') });
  if (words.length) out.push(...done, ...none);
  return out;
}

function personLabel(fullName: string, positions: string[], unitName: string | null): string {
  return `${fullName}${positions.length ? ` — ${positions.join(', ')}` : ''}${unitName ? ` (${unitName})` : ''}`;
}

/** Units of a search: invited ones first; by name or code, accent-insensitive. */
export function unitChoices(units: Unit[], term: string, first: number[] = [], extra: Choice<Pick>[] = [], t?: Translate): Choice<Pick>[] {
  const words = fold(term).split(' ').filter(Boolean);
  const match = (u: Unit) => !words.length || matchesWords(u.name, term) || (!!u.code && words.length === 1 && fold(u.code) === words[0]);
  const firstSet = new Set(first);
  const hits = ranked(units.filter(match), (u) => matchScore(u.name, term));
  const ordered = [...hits.filter((u) => firstSet.has(u.id)), ...hits.filter((u) => !firstSet.has(u.id))];
  const add: Choice<Pick>[] = t ? [{ value: { new: cleanText(term) }, name: words.length ? t('record.choice.addUnitNamed', { name: cleanText(term) }) : t('record.choice.addUnit') }] : [];
  return [...ordered.slice(0, SHOWN).map<Choice<Pick>>((u) => ({ value: { id: u.id }, name: `${u.name}${u.code ? ` [${u.code}]` : ''}` })), ...extra, ...add];
}

/** Saved meetings on the same day, of the same kind, with a similar title (accent-insensitive: equal, or one inside the other). */
export function similarMeetings(lookups: MinutesLookups, m: { heldOn: IsoDate; kind: MeetingKind; title: string }): { id: number; title: string }[] {
  const title = fold(m.title);
  return lookups.meetings({ from: m.heldOn, to: m.heldOn, kind: m.kind })
    .filter((x) => {
      const other = fold(x.title);
      return other === title || (title.length >= 5 && other.includes(title)) || (other.length >= 5 && title.includes(other));
    })
    .map((x) => ({ id: x.id, title: x.title }));
}
