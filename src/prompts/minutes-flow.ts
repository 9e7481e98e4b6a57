/**
 * The interactive minutes session: the questions a secretary answers while a meeting happens.
 *
 * Every question has a key ("heldOn", "chair.0", "speech.2.summary"…) and every answer is kept in
 * one flat map that is written to the draft as soon as it is given. The flow is re-run from the top
 * on resume: answered questions return their stored answer without asking, so the session goes on
 * at the first unanswered question, loops (speeches, conclusions) included.
 */
import { selectGrassroots } from '../domain/grassroots.js';
import { addDuration, DateInputError, formatDateVi, parseDateInput, parseDuration, parseTimeOfDay, type IsoDate } from '../domain/dates.js';
import { parsePeriod, periodLabel, quarterOf } from '../domain/periods.js';
import { cleanText, fold, sortVi } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { parseDocCode } from '../domain/documents.js';
import type { Audit } from '../store/changelog.js';
import { addDocument, getDocument, listDocuments } from '../store/documents.js';
import { defaultOrganizer } from '../store/meetings/write.js';
import { listMeetings } from '../store/meetings/list.js';
import { MEETING_KINDS, SPEECH_KINDS, type MeetingKind, type SpeechKind } from '../store/meetings/kinds.js';
import { getPerson, listPeople, type Person } from '../store/people.js';
import { meetingParticipation } from '../store/drafts.js';
import { addUnit, getUnit, listUnits, UNIT_KINDS, type Unit, type UnitKind } from '../store/units.js';
import { cutToWidth } from './fit-line.js';
import { isGoBack, isPromptInterrupt, type Choice, type Prompter } from './prompter.js';

/** Answers by question key; JSON, as stored in the draft. */
export type Answers = Record<string, unknown>;

/** What a search over people or units returns. `ref` is a person added earlier in this session. */
export type Pick = { id: number } | { ref: string } | { new: string } | { done: true } | { none: true };

/** A person chosen in the session: an id, or the key of the question that added a new one. */
export type PersonRef = number | string;

export interface NewPerson {
  ref: string;
  fullName: string;
  unitId: number | null;
  positions: string[];
}

/** The answers gathered into the shape of a meeting (new people still as refs). */
export interface CollectedMinutes {
  heldOn: IsoDate;
  /** The organizing committee when the session chose or created it; otherwise the first chair's. */
  organizerId?: number | null;
  kind: MeetingKind;
  title: string;
  period: string;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  chairs: PersonRef[];
  guests: PersonRef[];
  recorder: PersonRef | null;
  newPeople: NewPerson[];
  units: number[];
  absent: { unitId: number; reason: string }[];
  documents: number[];
  speeches: { speaker: PersonRef | null; unitId: number | null; kind: SpeechKind; summary: string }[];
  conclusions: { text: string; unitIds: number[]; dueOn: IsoDate | null }[];
}

export type FlowOutcome =
  | { action: 'save'; minutes: CollectedMinutes }
  | { action: 'later' }
  | { action: 'discard' }
  /** A meeting like this one was already saved: the secretary opens it instead, keeping the draft or not. */
  | { action: 'openExisting'; meetingId: number; keepDraft: boolean };

export interface FlowDeps {
  db: Db;
  prompter: Prompter;
  t: Translate;
  lang: Lang;
  today: IsoDate;
  /** Called after every answer with the whole map (the draft is written here). */
  persist: (answers: Answers) => void;
  /** The answers come from a draft: show what they hold first. */
  resumed?: boolean;
  /** Who writes the units and documents added during the session (they are saved at once). */
  audit?: () => Audit;
  /** The terminal's size: the review before saving never takes more rows, nor a line more columns. */
  rows?: number;
  columns?: number;
}

const SHOWN = 30;

// Counted once per database handle: a session asks many person questions.
const participationCache = new WeakMap<Db, Map<number, number>>();
function participation(db: Db): Map<number, number> {
  let m = participationCache.get(db);
  if (!m) participationCache.set(db, (m = meetingParticipation(db)));
  return m;
}

const isPick = (v: unknown, tag: 'id' | 'ref' | 'new' | 'done' | 'none'): boolean => !!v && typeof v === 'object' && tag in (v as object);

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
  db: Db,
  t: Translate,
  answers: Answers,
  term: string,
  opts: { exclude?: PersonRef[]; done?: boolean; none?: boolean } = {},
): Choice<Pick>[] {
  const words = fold(term).split(' ').filter(Boolean);
  const longest = [...words].sort((a, b) => b.length - a.length)[0];
  const exclude = new Set((opts.exclude ?? []).map(String));
  const seen = participation(db);
  let matching: Person[];
  if (words.length) matching = listPeople(db, { search: longest, active: true, limit: 2000 }).filter((p) => matchesWords(p.fullName, term));
  else {
    // Nothing typed yet: the people of earlier meetings first, then the start of the list.
    const regulars = [...seen.entries()].sort((a, b) => b[1] - a[1]).slice(0, SHOWN).map(([id]) => getPerson(db, id)).filter((p): p is Person => !!p && p.active);
    const ids = new Set(regulars.map((p) => p.id));
    matching = [...regulars, ...listPeople(db, { active: true, limit: SHOWN }).filter((p) => !ids.has(p.id))];
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
    .map<Choice<Pick>>((p) => ({ value: { ref: p.ref }, name: `${personLabel(p.fullName, p.positions, p.unitId ? (getUnit(db, p.unitId)?.name ?? null) : null)} ${t('record.newMark')}` }));
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

/** The people added in this session, from their answers. */
export function newPeople(answers: Answers): NewPerson[] {
  const out: NewPerson[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (!isPick(value, 'new')) continue;
    const name = answers[`${key}.name`];
    if (typeof name !== 'string' || !(`${key}.position` in answers)) continue;
    const unit = answers[`${key}.unit`] as number | null | undefined;
    const position = answers[`${key}.position`] as string;
    out.push({ ref: key, fullName: name, unitId: unit ?? null, positions: position ? [position] : [] });
  }
  return out;
}

function refOf(key: string, pick: Pick): PersonRef | null {
  if ('id' in pick) return pick.id;
  if ('ref' in pick) return pick.ref;
  if ('new' in pick) return key;
  return null;
}

/** Whole answers → the meeting they describe. Unfinished loop items are left out. */
export function collectMinutes(answers: Answers, today: IsoDate): CollectedMinutes {
  const a = answers;
  const people = newPeople(a);
  const known = new Set(people.map((p) => p.ref));
  const personFrom = (key: string): PersonRef | null => {
    const pick = a[key] as Pick | undefined;
    if (!pick) return null;
    const ref = refOf(key, pick);
    if (typeof ref === 'string' && !known.has(ref)) return null;
    return ref;
  };
  /** The items of a loop of questions, up to its "done" answer (or its first unanswered one). */
  const loop = <T>(each: (i: number) => T | null | 'stop'): T[] => {
    const out: T[] = [];
    for (let i = 0; ; i++) {
      const item = each(i);
      if (item === 'stop') return out;
      if (item !== null) out.push(item);
    }
  };
  const picks = (prefix: string): PersonRef[] =>
    loop((i) => {
      const pick = a[`${prefix}.${i}`] as Pick | undefined;
      if (!pick || 'done' in pick) return 'stop';
      return personFrom(`${prefix}.${i}`);
    });
  const units = (a.units as number[] | undefined) ?? [];
  const absentIds = ((a.absent as number[] | undefined) ?? []).filter((id) => typeof a[`absent.${id}`] === 'string');
  const heldOn = (a.heldOn as IsoDate | undefined) ?? today;
  return {
    heldOn,
    ...(typeof a.organizer === 'number' && { organizerId: a.organizer }),
    kind: (a.kind as MeetingKind | undefined) ?? 'giao-ban',
    title: (a.title as string | undefined) ?? '',
    period: (a.period as string | undefined) ?? quarterOf(heldOn).code,
    location: (a.location as string | null | undefined) ?? null,
    startTime: (a.startTime as string | null | undefined) ?? null,
    endTime: (a.endTime as string | null | undefined) ?? null,
    chairs: picks('chair'),
    guests: picks('guest'),
    recorder: a.recorder ? personFrom('recorder') : null,
    newPeople: people,
    units,
    absent: absentIds.map((unitId) => ({ unitId, reason: a[`absent.${unitId}`] as string })),
    documents: loop((i) => {
      const pick = a[`doc.${i}`] as Pick | undefined;
      if (!pick || !('id' in pick)) return 'stop';
      return pick.id;
    }),
    speeches: loop((i) => {
      const mode = a[`speech.${i}.mode`];
      if (mode === undefined || mode === 'done') return 'stop';
      const kind = a[`speech.${i}.kind`] as SpeechKind | undefined;
      const line = a[`speech.${i}.summary`] as string | undefined;
      const summary = line ? line : (a[`speech.${i}.summaryEditor`] as string | undefined);
      if (!kind || !summary) return null;
      if (mode === 'person') {
        const speaker = personFrom(`speech.${i}.speaker`);
        if (speaker === null) return null;
        const unitId = typeof speaker === 'number' ? null : (people.find((p) => p.ref === speaker)?.unitId ?? null);
        return { speaker, unitId, kind, summary };
      }
      const pick = a[`speech.${i}.unit`] as Pick | undefined;
      if (!pick || !('id' in pick)) return null;
      return { speaker: null, unitId: pick.id, kind, summary };
    }),
    conclusions: loop((i) => {
      const text = a[`conclusion.${i}.text`];
      if (text === undefined || text === '') return 'stop';
      const unitIds = a[`conclusion.${i}.units`] as number[] | undefined;
      if (!unitIds) return null;
      if (unitIds.length && !(`conclusion.${i}.due` in a)) return null;
      return { text: text as string, unitIds, dueOn: (a[`conclusion.${i}.due`] as IsoDate | null | undefined) ?? null };
    }),
  };
}

/**
 * A time limit typed for a conclusion: a date, or a duration from the meeting day ("30d", "+3m",
 * "6 tháng"); empty is no time limit. A day before the meeting is refused.
 */
export function parseDue(value: string, heldOn: IsoDate): IsoDate | null {
  const v = value.trim();
  if (!v) return null;
  const d = parseDuration(v);
  const due = d ? addDuration(heldOn, d) : parseDateInput(v, heldOn);
  if (due < heldOn) throw new DueBeforeMeeting(due, heldOn);
  return due;
}

/** A time limit before the meeting day. */
export class DueBeforeMeeting extends RangeError {
  constructor(
    readonly due: IsoDate,
    readonly heldOn: IsoDate,
  ) {
    super(`due ${due} before ${heldOn}`);
  }
}

/** The committee holding the meeting: the unit of the first chair (the store's rule, also for a person added in the session). */
function organizerOf(db: Db, answers: Answers, chair: PersonRef | null): number | null {
  if (chair === null) return null;
  if (typeof chair === 'number') return defaultOrganizer(db, [chair]);
  return (answers[`${chair}.unit`] as number | null | undefined) ?? null;
}

/**
 * The grassroots units (wards, communes, special zones) to preselect: those that exist on the day
 * under the organizing committee, or all of them when it has none (as `meeting add --invite all-units`).
 */
export function wardsToInvite(unitsOnDate: Unit[], organizerId: number | null): number[] {
  return selectGrassroots(unitsOnDate, { committeeId: organizerId }).map((u) => u.id);
}

/** The key under which the answers keep the order in which questions were answered (for going back). */
export const ORDER_KEY = '_order';

/** Counts the answers a draft holds (its bookkeeping left out). */
export const answerCount = (answers: Answers): number => Object.keys(answers).filter((k) => !k.startsWith('_')).length;

/** Thrown to run the flow again from the top after going back (answered questions are skipped). */
class Restart extends Error {}

/** Runs the session on the answers given so far (empty for a new session). */
export async function runMinutesFlow(deps: FlowDeps, answers: Answers): Promise<FlowOutcome> {
  // Earlier answers of the questions gone back to: offered again when they are asked.
  const prefill: Answers = {};
  // Back from an interruption: what is already recorded, before the next question.
  if (deps.resumed && answerCount(answers)) {
    const recap = renderMinutesSummary(deps.db, deps.t, deps.lang, collectMinutes(answers, deps.today), 'record.summary.resumedHeading')
      .split('\n')
      .map((line) => (deps.columns ? cutToWidth(line, deps.columns - 1) : line));
    // Taller than the terminal: its heading and its last lines (the latest answers), the rest counted.
    const room = deps.rows ? Math.max(4, deps.rows - 12) : recap.length;
    deps.prompter.say((recap.length > room ? [recap[0], deps.t('record.recapLinesAbove', { n: recap.length - room + 1 }), ...recap.slice(-(room - 2))] : recap).join('\n'));
  }
  for (;;) {
    try {
      return await flowOnce(deps, answers, prefill);
    } catch (err) {
      if (!(err instanceof Restart)) throw err;
    }
  }
}

async function flowOnce(deps: FlowDeps, answers: Answers, prefill: Answers): Promise<FlowOutcome> {
  const { db, t, today } = deps;
  // Counts the questions answered, so that "back" inside a question made of several knows where it is.
  let shown = 0;
  const raw = deps.prompter;
  const counted = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const r = await fn(...args);
    shown++;
    return r;
  };
  const p: Prompter = {
    input: counted((q) => raw.input(q)),
    select: counted((q) => raw.select(q)) as Prompter['select'],
    checkbox: counted((q) => raw.checkbox(q)) as Prompter['checkbox'],
    search: counted((q) => raw.search(q)) as Prompter['search'],
    confirm: counted((q) => raw.confirm(q)),
    editor: counted((q) => raw.editor(q)),
    say: (text) => raw.say(text),
    hasEditor: raw.hasEditor ? () => raw.hasEditor!() : undefined,
  };
  const order = (): string[] => ((answers[ORDER_KEY] ??= []) as string[]);

  async function ask<T>(key: string, question: () => Promise<T>): Promise<T> {
    if (key in answers) return answers[key] as T;
    const before = shown;
    let value: T;
    try {
      value = await question();
    } catch (err) {
      if ((err as Error)?.name !== 'GoBack') throw err;
      // Back inside a question of several parts (a new person's name…): that question again.
      if (shown > before) throw new Restart();
      return back();
    }
    answers[key] = value;
    if (shown > before) order().push(key);
    delete prefill[key];
    deps.persist(answers);
    return value;
  }

  /** Goes back to the question answered last, with its answer offered again. */
  function back(): never {
    const last = order().pop();
    if (last !== undefined) {
      prefill[last] = answers[last];
      delete answers[last];
      deps.persist(answers);
    }
    throw new Restart();
  }

  /** The earlier answer of a question gone back to, if any. */
  const earlier = <T>(key: string): T | undefined => prefill[key] as T | undefined;

  // The same words as the flags: a date that is not on the calendar, a time limit before the meeting.
  const check = (fn: (v: string) => unknown, key: string) => (v: string) => {
    try {
      fn(v);
      return true as const;
    } catch (err) {
      if (err instanceof DateInputError && err.reason === 'impossible') return t('record.err.dateImpossible', { value: v.trim() });
      if (err instanceof DueBeforeMeeting) return t('record.err.dueBeforeMeeting', { due: formatDateVi(err.due), heldOn: formatDateVi(err.heldOn) });
      return t(key, { value: v });
    }
  };

  /** A person search; a new person's name, unit and position are asked right after. */
  async function askPerson(key: string, message: string, opts: { exclude?: PersonRef[]; done?: boolean; none?: boolean }, heldOn: IsoDate): Promise<Pick> {
    const pick = await ask<Pick>(key, () => p.search<Pick>({ message, default: earlier<Pick>(key), source: (term) => personChoices(db, t, answers, term, opts) }));
    if ('new' in pick) {
      await ask(`${key}.name`, async () =>
        cleanText(await p.input({ message: t('record.q.newName'), default: pick.new || undefined, prefill: earlier<string>(`${key}.name`), validate: (v) => (cleanText(v) ? true : t('record.err.required')) })),
      );
      await ask<number | null>(`${key}.unit`, async () => {
        const before = earlier<number | null>(`${key}.unit`);
        const u = await p.search<Pick>({
          message: t('record.q.newUnit'),
          default: before === undefined ? undefined : before === null ? { none: true } : { id: before },
          source: (term) => unitChoices(listUnits(db, { at: heldOn }), term, [], [{ value: { none: true }, name: t('record.choice.noUnit') }], t),
        });
        if ('new' in u) return addUnitInline(u.new, heldOn);
        return 'id' in u ? u.id : null;
      });
      await ask(`${key}.position`, async () => cleanText(await p.input({ message: t('record.q.newPosition'), prefill: earlier<string>(`${key}.position`) || undefined })));
    }
    return pick;
  }

  async function askPeople(prefix: string, message: (n: number) => string, minimum: number, heldOn: IsoDate, already: PersonRef[] = []): Promise<PersonRef[]> {
    const chosen: PersonRef[] = [];
    for (let i = 0; ; i++) {
      const key = `${prefix}.${i}`;
      const pick = await askPerson(key, message(i + 1), { exclude: [...already, ...chosen], done: i >= minimum }, heldOn);
      if ('done' in pick || 'none' in pick) return chosen;
      const ref = refOf(key, pick);
      if (ref !== null) chosen.push(ref);
    }
  }

  const audit = (): Audit => deps.audit?.() ?? { at: new Date().toISOString(), user: 'thuky', command: 'meeting record' };

  /** A unit not yet in the database, added on the spot (saved at once, so every later search finds it). */
  async function addUnitInline(typed: string, heldOn: IsoDate): Promise<number> {
    const name = cleanText(await p.input({ message: t('record.q.newUnitName'), default: typed || undefined, validate: (v) => (cleanText(v) ? true : t('record.err.required')) }));
    const kind = await p.select<UnitKind>({ message: t('record.q.newUnitKind'), choices: UNIT_KINDS.map((k) => ({ value: k, name: t(`unit.kind.${k}`) })), default: 'ward' });
    const parent = kind === 'committee' ? null : typeof answers.organizer === 'number' ? answers.organizer : (listUnits(db, { at: heldOn }).find((u) => u.kind === 'committee')?.id ?? null);
    const id = addUnit(db, audit(), { name, kind, parentId: parent });
    p.say(t('record.unitAdded', { name }));
    return id;
  }

  /** A unit search over the units of the meeting day, read afresh each time; "+ add" creates one. */
  async function askUnit(key: string, message: string, heldOn: IsoDate, first: number[] = [], extra: Choice<Pick>[] = [], absent: number[] = []): Promise<Pick> {
    return ask<Pick>(key, async () => {
      const pick = await p.search<Pick>({
        message,
        default: earlier<Pick>(key),
        source: (term) =>
          unitChoices(listUnits(db, { at: heldOn }), term, first, extra, t).map((c) =>
            'id' in c.value && absent.includes(c.value.id) ? { ...c, name: `${c.name} ${t('record.absentMark')}` } : c,
          ),
      });
      return 'new' in pick ? { id: await addUnitInline(pick.new, heldOn) } : pick;
    });
  }

  /** A document not yet in the database, added on the spot from its code and title. */
  async function addDocumentInline(typed: string): Promise<number> {
    const code = cleanText(
      await p.input({
        message: t('record.q.newDocCode'),
        default: parseDocCode(typed) ? typed : undefined,
        validate: (v) => (!parseDocCode(v) ? t('record.err.docCode', { value: v }) : getDocByCode(v) ? t('record.err.docTaken', { value: v }) : true),
      }),
    );
    const title = cleanText(await p.input({ message: t('record.q.newDocTitle') })) || null;
    const id = addDocument(db, audit(), { code, title });
    p.say(t('record.docAdded', { code: getDocument(db, id)?.code ?? code }));
    return id;
  }
  const getDocByCode = (v: string) => {
    const parsed = parseDocCode(v);
    return parsed ? listDocuments(db).find((d) => d.code === parsed.code) : undefined;
  };

  /**
   * A text of one or more lines typed in place: each Enter starts a new line, an empty line ends it.
   * With an editor set ($VISUAL/$EDITOR), an empty first line opens it instead.
   */
  async function askLines(key: string, context: string, required = false): Promise<string> {
    const editor = p.hasEditor ? p.hasEditor() : true;
    const lines: string[] = [];
    const before = typeof prefill[key] === 'string' ? (prefill[key] as string).split('\n') : [];
    for (;;) {
      const first = !lines.length;
      const message = first
        ? `${context}${t(required || !editor ? 'record.q.summaryLines' : 'record.q.summary')}`
        : t('record.q.summaryMore', { n: lines.length + 1 });
      const v = cleanText(
        await p.input({
          message,
          prefill: before[lines.length] || undefined,
          validate: first && (required || !editor) ? (x) => (cleanText(x) ? true : t('record.err.required')) : undefined,
        }),
      );
      if (!v) return lines.join('\n');
      lines.push(v);
      // Kept while typing: going back from the next line offers these lines again.
      prefill[key] = [...lines, ...before.slice(lines.length)].join('\n');
    }
  }

  /** "Speech 2 — Phường Bến Thành, prepared contribution — " before the summary question. */
  function speechContext(i: number): string {
    const k = `speech.${i}`;
    const parts: string[] = [];
    const speaker = answers[`${k}.speaker`] as Pick | undefined;
    const unit = answers[`${k}.unit`] as Pick | undefined;
    if (answers[`${k}.mode`] === 'person' && speaker) {
      if ('id' in speaker) parts.push(getPerson(db, speaker.id)?.fullName ?? '');
      else if ('ref' in speaker) parts.push(String(answers[`${speaker.ref}.name`] ?? ''));
      else if ('new' in speaker) parts.push(String(answers[`${k}.speaker.name`] ?? ''));
    } else if (unit && 'id' in unit) parts.push(getUnit(db, unit.id)?.name ?? '');
    const kind = answers[`${k}.kind`] as SpeechKind | undefined;
    const who = [parts.filter(Boolean).join(''), kind ? t(`record.speechKind.${kind}`) : ''].filter(Boolean).join(', ');
    return `${t('record.q.speech', { n: i + 1 })}${who ? ` — ${who}` : ''} — `;
  }

  /** Items of a loop in the answers (speech or conclusion), by index, up to its end. */
  function loopItems(prefix: 'speech' | 'conclusion'): number[] {
    const out: number[] = [];
    const first = (i: number) => (prefix === 'speech' ? `speech.${i}.mode` : `conclusion.${i}.text`);
    for (let i = 0; first(i) in answers && answers[first(i)] !== 'done' && answers[first(i)] !== ''; i++) out.push(i);
    return out;
  }

  /** Forgets answers (offered again when asked) and runs the flow again: they are asked anew. */
  function reask(keys: string[]): never {
    for (const k of keys) {
      if (!(k in answers)) continue;
      prefill[k] = answers[k];
      delete answers[k];
    }
    answers[ORDER_KEY] = order().filter((k) => !keys.includes(k));
    deps.persist(answers);
    throw new Restart();
  }

  /** Removes item `i` of a loop; the items after it move up one place (and so do references to people they added). */
  function removeItem(prefix: 'speech' | 'conclusion', i: number): void {
    const re = new RegExp(`^${prefix}\\.(\\d+)(\\..*)?$`);
    const renamed = new Map<string, string>();
    const moved: Answers = {};
    for (const key of Object.keys(answers)) {
      const m = re.exec(key);
      if (!m) continue;
      const n = Number(m[1]);
      if (n < i) continue;
      const value = answers[key];
      delete answers[key];
      if (n === i) continue;
      const to = `${prefix}.${n - 1}${m[2] ?? ''}`;
      renamed.set(key, to);
      moved[to] = value;
    }
    Object.assign(answers, moved);
    for (const [key, value] of Object.entries(answers)) {
      if (isPick(value, 'ref') && renamed.has((value as { ref: string }).ref)) answers[key] = { ref: renamed.get((value as { ref: string }).ref) };
    }
    answers[ORDER_KEY] = order()
      .filter((k) => !(re.exec(k) && Number(re.exec(k)![1]) === i))
      .map((k) => renamed.get(k) ?? k);
    deps.persist(answers);
  }

  /** The review's "edit or delete a part": the header, the attendance, one speech, one conclusion. */
  async function editPart(): Promise<void> {
    type Part = 'header' | 'attendance' | `speech.${number}` | `conclusion.${number}`;
    const firstLine = (v: unknown) => String(v ?? '').split('\n')[0];
    const clip = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);
    const parts: Choice<Part>[] = [
      { value: 'header', name: t('record.part.header') },
      { value: 'attendance', name: t('record.part.attendance') },
      ...loopItems('speech').map<Choice<Part>>((i) => ({
        value: `speech.${i}`,
        name: clip(`${speechContext(i)}${firstLine(answers[`speech.${i}.summary`] || answers[`speech.${i}.summaryEditor`])}`),
      })),
      ...loopItems('conclusion').map<Choice<Part>>((i) => ({ value: `conclusion.${i}`, name: clip(t('record.part.conclusion', { n: i + 1, text: firstLine(answers[`conclusion.${i}.text`]) })) })),
    ];
    let part: Part;
    try {
      part = await p.select<Part>({ message: t('record.q.whichPart'), choices: parts });
    } catch (err) {
      if (isGoBack(err)) return;
      throw err;
    }
    if (part === 'header') reask(['heldOn', 'kind', 'title', 'period', 'location', 'startTime']);
    if (part === 'attendance') reask(['units', 'absent', ...Object.keys(answers).filter((k) => k.startsWith('absent.'))]);
    const [prefix, n] = part.split('.') as ['speech' | 'conclusion', string];
    let action: 'edit' | 'delete';
    try {
      action = await p.select<'edit' | 'delete'>({
        message: t('record.q.partAction'),
        choices: [
          { value: 'edit', name: t('record.choice.editPart') },
          { value: 'delete', name: t('record.choice.deletePart') },
        ],
      });
    } catch (err) {
      if (isGoBack(err)) return;
      throw err;
    }
    if (action === 'delete') {
      removeItem(prefix, Number(n));
      return;
    }
    reask(Object.keys(answers).filter((k) => k.startsWith(`${prefix}.${n}.`)));
  }

  for (;;) {
    // 1. The header.
    const heldOn = await ask<IsoDate>('heldOn', async () => {
      const before = earlier<IsoDate>('heldOn');
      const v = await p.input({ message: t('record.q.date'), default: formatDateVi(today), prefill: before ? formatDateVi(before) : undefined, validate: check((x) => parseDateInput(x, today), 'record.err.date') });
      return parseDateInput(v, today);
    });
    await ask('kind', () =>
      p.select<MeetingKind>({ message: t('record.q.kind'), choices: MEETING_KINDS.map((k) => ({ value: k, name: t(`record.kind.${k}`) })), default: earlier<MeetingKind>('kind') ?? 'giao-ban' }),
    );
    await ask('title', async () => cleanText(await p.input({ message: t('record.q.title'), prefill: earlier<string>('title'), validate: (v) => (cleanText(v) ? true : t('record.err.required')) })));
    await ask('period', async () => {
      const q = quarterOf(heldOn);
      const v = await p.input({ message: t('record.q.period'), default: periodLabel(q, deps.lang), prefill: earlier<string>('period'), validate: check((x) => parsePeriod(x, heldOn), 'record.err.period') });
      return parsePeriod(v, heldOn).code;
    });
    await ask('location', async () => cleanText(await p.input({ message: t('record.q.location'), prefill: earlier<string | null>('location') ?? undefined })) || null);
    const startTime = await ask<string | null>('startTime', async () => {
      const v = await p.input({ message: t('record.q.start'), prefill: earlier<string | null>('startTime') ?? undefined, validate: (x) => (!x.trim() || parseTimeOfDay(x) ? true : t('record.err.time', { value: x })) });
      return v.trim() ? parseTimeOfDay(v) : null;
    });

    // 2. People.
    const chairs = await askPeople('chair', (n) => t('record.q.chair', { n }), 1, heldOn);
    // The chairs are not offered again as guests.
    await askPeople('guest', (n) => t('record.q.guest', { n }), 0, heldOn, chairs);
    await askPerson('recorder', t('record.q.recorder'), { none: true }, heldOn);

    // 3. The organizing committee: the first chair's; on a database without any committee, asked and created.
    const organizer = await ask<number | null>('organizer', async () => {
      if (listUnits(db, { at: heldOn }).some((u) => u.kind === 'committee')) return organizerOf(db, answers, chairs[0] ?? null);
      const name = cleanText(await p.input({ message: t('record.q.organizer'), prefill: undefined, validate: (v) => (cleanText(v) ? true : t('record.err.required')) }));
      const id = addUnit(db, audit(), { name, kind: 'committee' });
      p.say(t('record.unitAdded', { name }));
      return id;
    });

    // 4. Units and documents.
    const unitsOnDate = listUnits(db, { at: heldOn });
    const invited = await ask<number[]>('units', async () => {
      const preselected = new Set(wardsToInvite(unitsOnDate, organizer));
      const ordered = [...unitsOnDate.filter((u) => preselected.has(u.id)), ...unitsOnDate.filter((u) => !preselected.has(u.id) && u.id !== organizer)];
      if (!ordered.length) {
        // Nothing to choose from yet: the units are named one by one, and added on the spot.
        p.say(t('record.noUnitsYet'));
        const ids: number[] = [];
        for (let n = 1; ; n++) {
          const done: Choice<Pick>[] = [{ value: { done: true }, name: t('record.choice.done') }];
          const pick = await p.search<Pick>({
            message: t('record.q.inviteUnit', { n }),
            source: (term) => {
              const found = unitChoices(listUnits(db, { at: heldOn }).filter((u) => !ids.includes(u.id) && u.id !== organizer), term, [], [], t);
              return term.trim() ? [...found, ...done] : [...done, ...found];
            },
          });
          if ('done' in pick) return ids;
          ids.push('new' in pick ? await addUnitInline(pick.new, heldOn) : (pick as { id: number }).id);
        }
      }
      const before = earlier<number[]>('units');
      return p.checkbox<number>({ message: t('record.q.units'), choices: ordered.map((u) => ({ value: u.id, name: u.name, checked: before ? before.includes(u.id) : preselected.has(u.id) })) });
    });
    const invitedUnits = invited.map((id) => getUnit(db, id)).filter((u): u is Unit => !!u);
    if (invited.length) {
      const absent = await ask<number[]>('absent', () =>
        p.checkbox<number>({ message: t('record.q.absent'), choices: invitedUnits.map((u) => ({ value: u.id, name: u.name, checked: earlier<number[]>('absent')?.includes(u.id) })) }),
      );
      for (const id of absent) {
        const name = invitedUnits.find((u) => u.id === id)?.name ?? String(id);
        await ask(`absent.${id}`, async () => cleanText(await p.input({ message: t('record.q.absentReason', { unit: name }), prefill: earlier<string>(`absent.${id}`), validate: (v) => (cleanText(v) ? true : t('record.err.reasonRequired')) })));
      }
    }
    const pickedDocs: number[] = [];
    for (let i = 0; ; i++) {
      const pick = await ask<Pick>(`doc.${i}`, async () => {
        const picked = await p.search<Pick>({
          message: t('record.q.document', { n: i + 1 }),
          default: earlier<Pick>(`doc.${i}`),
          source: (term) => {
            const done: Choice<Pick>[] = [{ value: { done: true }, name: t('record.choice.done') }];
            const hits = listDocuments(db)
              .filter((d) => !pickedDocs.includes(d.id) && matchesWords(`${d.code} ${d.title ?? ''}`, term))
              .slice(0, SHOWN)
              .map<Choice<Pick>>((d) => ({ value: { id: d.id }, name: `${d.code}${d.title ? ` — ${d.title}` : ''}` }));
            const typed = cleanText(term);
            const add: Choice<Pick>[] = [{ value: { new: typed }, name: typed ? t('record.choice.addDocNamed', { name: typed }) : t('record.choice.addDoc') }];
            return typed ? [...hits, ...add, ...done] : [...done, ...hits, ...add];
          },
        });
        return 'new' in picked ? { id: await addDocumentInline(picked.new) } : picked;
      });
      if (!('id' in pick)) break;
      pickedDocs.push(pick.id);
    }

    // 5. Speeches.
    for (let i = 0; ; i++) {
      const k = `speech.${i}`;
      const mode = await ask<'person' | 'unit' | 'done'>(`${k}.mode`, () =>
        p.select<'person' | 'unit' | 'done'>({
          message: t('record.q.speech', { n: i + 1 }),
          choices: [
            { value: 'person', name: t('record.choice.speaker') },
            { value: 'unit', name: t('record.choice.unitOnly') },
            { value: 'done', name: t('record.choice.speechesDone') },
          ],
          // Speeches usually come alike ("11 speeches from 11 units"): offer the previous way first.
          default: earlier<'person' | 'unit' | 'done'>(`${k}.mode`) ?? (i > 0 && answers[`speech.${i - 1}.mode`] === 'unit' ? 'unit' : 'person'),
        }),
      );
      if (mode === 'done') break;
      if (mode === 'person') await askPerson(`${k}.speaker`, t('record.q.speaker'), {}, heldOn);
      else await askUnit(`${k}.unit`, t('record.q.speechUnit'), heldOn, invited, [], (answers.absent as number[] | undefined) ?? []);
      await ask(`${k}.kind`, () =>
        p.select<SpeechKind>({ message: t('record.q.speechKind'), choices: SPEECH_KINDS.map((s) => ({ value: s, name: t(`record.speechKind.${s}`) })), default: earlier<SpeechKind>(`${k}.kind`) ?? 'tham-luan' }),
      );
      const line = await ask<string>(`${k}.summary`, () => askLines(`${k}.summary`, speechContext(i)));
      if (!line)
        await ask(`${k}.summaryEditor`, async () => {
          try {
            const text = (await p.editor({ message: t('record.q.summaryEditor'), validate: (v) => (v.trim() ? true : t('record.err.required')) })).normalize('NFC').trim();
            // What was written in the editor, shown back (its first lines).
            const written = text.split('\n');
            p.say(`${written.slice(0, 3).map((l) => `  ${l}`).join('\n')}${written.length > 3 ? `\n  ${t('record.moreLines', { n: written.length - 3 })}` : ''}`);
            return text;
          } catch (err) {
            if (isPromptInterrupt(err) || isGoBack(err)) throw err;
            // The editor could not be started ($VISUAL/$EDITOR broken): the summary is typed in place instead.
            p.say(t('record.editorFailed', { detail: (err as Error).message }));
            return askLines(`${k}.summaryEditor`, speechContext(i), true);
          }
        });
    }

    // 6. Conclusions.
    const assignable = invitedUnits.length ? invitedUnits : selectGrassroots(unitsOnDate, {});
    for (let i = 0; ; i++) {
      const k = `conclusion.${i}`;
      const text = await ask<string>(`${k}.text`, async () => cleanText(await p.input({ message: t('record.q.conclusion', { n: i + 1 }), prefill: earlier<string>(`${k}.text`) || undefined })));
      if (!text) break;
      const unitIds = await ask<number[]>(`${k}.units`, () =>
        assignable.length ? p.checkbox<number>({ message: t('record.q.assign'), choices: assignable.map((u) => ({ value: u.id, name: u.name, checked: earlier<number[]>(`${k}.units`)?.includes(u.id) })) }) : Promise.resolve([]),
      );
      if (unitIds.length)
        await ask<IsoDate | null>(`${k}.due`, async () => {
          const before = earlier<IsoDate | null>(`${k}.due`);
          const v = await p.input({ message: t('record.q.due'), prefill: before ? formatDateVi(before) : undefined, validate: check((x) => parseDue(x, heldOn), 'record.err.due') });
          return parseDue(v, heldOn);
        });
    }

    // 7. Closing, review, save.
    await ask<string | null>('endTime', async () => {
      const v = await p.input({
        message: t('record.q.end'),
        prefill: earlier<string | null>('endTime') ?? undefined,
        validate: (x) => {
          if (!x.trim()) return true;
          const end = parseTimeOfDay(x);
          if (!end) return t('record.err.time', { value: x });
          if (startTime && end < startTime) return t('record.err.endBeforeStart', { end, start: startTime });
          return true;
        },
      });
      return v.trim() ? parseTimeOfDay(v) : null;
    });

    const minutes = collectMinutes(answers, today);
    // A meeting that looks like this one already exists: said before saving (the secretary may have recorded it already).
    const similar = similarMeetings(db, minutes).slice(0, 3);
    const recap = [
      ...renderMinutesSummary(db, t, deps.lang, minutes).split('\n'),
      ...similar.map((same) => t('record.similarMeeting', { id: same.id, title: same.title })),
    ].map((line) => (deps.columns ? cutToWidth(line, deps.columns - 1) : line));
    type ReviewChoice = 'save' | 'moreSpeeches' | 'moreConclusions' | 'edit' | 'later' | 'discard' | 'pageNext' | 'pagePrev' | `open:${number}`;
    const reviewChoices: Choice<ReviewChoice>[] = [
      { value: 'save', name: similar.length ? t('record.choice.saveAnyway') : t('record.choice.save') },
      ...similar.map<Choice<ReviewChoice>>((same) => ({ value: `open:${same.id}`, name: t('record.choice.openExisting', { id: same.id }) })),
      { value: 'edit', name: t('record.choice.edit') },
      { value: 'moreSpeeches', name: t('record.choice.moreSpeeches') },
      { value: 'moreConclusions', name: t('record.choice.moreConclusions') },
      { value: 'later', name: t('record.choice.later') },
      { value: 'discard', name: t('record.choice.discard') },
    ];
    // Taller than the terminal: the recap is shown a window at a time, with choices to move the window.
    const choice = await reviewPages(p, t, recap, reviewChoices, deps.rows, back);
    if (choice.startsWith('open:')) {
      const meetingId = Number(choice.slice('open:'.length));
      const keepDraft = await p.confirm({ message: t('record.q.keepDraftForExisting', { id: meetingId }), default: true }).catch((err: unknown) => (isGoBack(err) ? null : Promise.reject(err)));
      if (keepDraft === null) continue;
      return { action: 'openExisting', meetingId, keepDraft };
    }
    if (choice === 'save') return { action: 'save', minutes };
    if (choice === 'later') return { action: 'later' };
    if (choice === 'discard') {
      if (await p.confirm({ message: t('record.q.confirmDiscard'), default: false })) return { action: 'discard' };
      continue;
    }
    if (choice === 'edit') {
      await editPart();
      continue;
    }
    // Reopen a loop: forget its "done" answer; everything after it is still answered.
    const prefix = choice === 'moreSpeeches' ? 'speech' : 'conclusion';
    const doneKey = (i: number) => (prefix === 'speech' ? `speech.${i}.mode` : `conclusion.${i}.text`);
    for (let i = 0; doneKey(i) in answers; i++) {
      const v = answers[doneKey(i)];
      if (v === 'done' || v === '') {
        delete answers[doneKey(i)];
        deps.persist(answers);
        break;
      }
    }
  }
}

/**
 * The review question under its recap. When recap and question together are taller than the
 * terminal, the recap is cut into windows that fit above the question, with "next/previous part"
 * choices (the list's own rows are counted: message, choices, "← back", key hints).
 */
async function reviewPages<V extends string>(p: Prompter, t: Translate, recap: string[], choices: Choice<V>[], rows: number | undefined, back: () => never): Promise<V> {
  const questionRows = (n: number) => n + 4;
  const fits = (n: number) => !rows || recap.length + questionRows(n) <= rows;
  const window = rows ? Math.max(3, rows - questionRows(choices.length + 2) - 1) : recap.length;
  const paged = !fits(choices.length);
  let start = 0;
  for (;;) {
    const end = paged ? Math.min(recap.length, start + window) : recap.length;
    const nav: Choice<V>[] = [];
    if (paged && end < recap.length) nav.push({ value: 'pageNext' as V, name: t('record.choice.pageNext', { from: end + 1, total: recap.length }) });
    if (paged && start > 0) nav.push({ value: 'pagePrev' as V, name: t('record.choice.pagePrev') });
    p.say([...recap.slice(start, end), ...(paged ? [t('record.reviewPage', { from: start + 1, to: end, total: recap.length })] : [])].join('\n'));
    const choice = await p
      .select<V>({ message: t('record.q.review'), choices: [...choices, ...nav], default: choices[0].value })
      .catch((err: unknown) => (isGoBack(err) ? back() : Promise.reject(err)));
    if (choice === ('pageNext' as V)) start = end;
    else if (choice === ('pagePrev' as V)) start = Math.max(0, start - window);
    else return choice;
  }
}

/** Saved meetings on the same day, of the same kind, with a similar title (accent-insensitive: equal, or one inside the other). */
export function similarMeetings(db: Db, m: { heldOn: IsoDate; kind: MeetingKind; title: string }): { id: number; title: string }[] {
  const title = fold(m.title);
  return listMeetings(db, { from: m.heldOn, to: m.heldOn, kind: m.kind })
    .filter((x) => {
      const other = fold(x.title);
      return other === title || (title.length >= 5 && other.includes(title)) || (other.length >= 5 && title.includes(other));
    })
    .map((x) => ({ id: x.id, title: x.title }));
}

/** A long text as one short line: its first line, cut, with the number of lines left out. */
function oneLine(text: string, max = 90): string {
  const lines = text.split('\n');
  const first = lines[0].length > max ? `${lines[0].slice(0, max - 1)}…` : lines[0];
  return lines.length > 1 ? `${first} (+${lines.length - 1})` : first;
}

/** The review shown before saving: what will be written, in the user's language (long parts on one line each). */
export function renderMinutesSummary(db: Db, t: Translate, lang: Lang, m: CollectedMinutes, heading = 'record.summary.heading'): string {
  const personName = (ref: PersonRef | null): string => {
    if (ref === null) return '—';
    if (typeof ref === 'number') return getPerson(db, ref)?.fullName ?? `#${ref}`;
    const np = m.newPeople.find((p) => p.ref === ref);
    return np ? `${np.fullName} ${t('record.newMark')}` : ref;
  };
  const unitName = (id: number | null) => (id === null ? '' : (getUnit(db, id)?.name ?? `#${id}`));
  const list = (items: string[]) => (items.length ? items.join('; ') : '—');
  const absent = new Map(m.absent.map((a) => [a.unitId, a.reason]));
  let periodText = m.period;
  try {
    periodText = periodLabel(parsePeriod(m.period, m.heldOn), lang);
  } catch {
    // shown as stored
  }
  const lines = [
    `— ${t(heading)} —`,
    `${t('record.summary.date')}: ${formatDateVi(m.heldOn)}    ${t('record.summary.kind')}: ${t(`record.kind.${m.kind}`)}`,
    `${t('record.summary.title')}: ${m.title}`,
    `${t('record.summary.period')}: ${periodText}    ${t('record.summary.location')}: ${m.location ?? '—'}    ${t('record.summary.time')}: ${m.startTime ?? '?'}–${m.endTime ?? '?'}`,
    `${t('record.summary.chairs')}: ${list(m.chairs.map(personName))}`,
    `${t('record.summary.guests')}: ${list(m.guests.map(personName))}`,
    `${t('record.summary.recorder')}: ${personName(m.recorder)}`,
    `${t('record.summary.units', { n: m.units.length, present: m.units.length - m.absent.length })}: ${list(sortVi(m.units.map((id) => unitName(id)), (s) => s))}`,
    `${t('record.summary.absent')}: ${list(m.units.filter((id) => absent.has(id)).map((id) => `${unitName(id)} (${absent.get(id)})`))}`,
    `${t('record.summary.documents')}: ${list(m.documents.map((id) => getDocument(db, id)?.code ?? `#${id}`))}`,
    `${t('record.summary.speeches', { n: m.speeches.length })}:`,
    ...m.speeches.map(
      (s, i) =>
        `  ${i + 1}. ${[s.speaker !== null ? personName(s.speaker) : '', unitName(s.unitId ?? (typeof s.speaker === 'number' ? (getPerson(db, s.speaker)?.unitId ?? null) : null))].filter(Boolean).join(', ')} — ${t(`record.speechKind.${s.kind}`)}: ${oneLine(s.summary)}`,
    ),
    `${t('record.summary.conclusions', { n: m.conclusions.length })}:`,
    ...m.conclusions.map((c, i) => {
      const tasks = c.unitIds.length
        ? ` → ${t('record.summary.tasks', { n: c.unitIds.length, units: c.unitIds.map(unitName).join(', '), due: c.dueOn ? formatDateVi(c.dueOn) : t('record.summary.noDue') })}`
        : '';
      return `  ${i + 1}. ${oneLine(c.text)}${tasks}`;
    }),
  ];
  return lines.join('\n');
}

/** Stops a dry run of the flow at its first question. */
class NextQuestion extends Error {
  constructor(readonly question: string) {
    super(question);
  }
}

/**
 * The question a draft would ask next, found by running the flow on a copy of its answers with a
 * prompter that stops at the first question. Short form: the message up to its first hint.
 */
export function nextQuestion(db: Db, t: Translate, lang: Lang, today: IsoDate, answers: Answers): Promise<string | null> {
  const stop = (q: { message: string }): never => {
    throw new NextQuestion(q.message.split(/ \u2014 | \(/)[0]);
  };
  const probe: Prompter = { input: stop, select: stop, checkbox: stop, search: stop, confirm: stop, editor: stop, say: () => {} };
  return runMinutesFlow({ db, prompter: probe, t, lang, today, persist: () => {} }, structuredClone(answers)).then(
    () => null,
    (err: unknown) => {
      if (err instanceof NextQuestion) return err.question;
      throw err;
    },
  );
}
