/**
 * The answers of the minutes session: one flat map by question key ("heldOn", "chair.0",
 * "speech.2.summary"…), and what they describe once gathered.
 */
import { selectGrassroots } from '../../domain/grassroots.js';
import { addDuration, parseDateInput, parseDuration, type IsoDate } from '../../domain/dates.js';
import { quarterOf } from '../../domain/periods.js';
import type { MeetingKind, SpeechKind } from '../../store/meetings/kinds.js';
import type { Unit } from '../../store/units.js';

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

export const isPick = (v: unknown, tag: 'id' | 'ref' | 'new' | 'done' | 'none'): boolean => !!v && typeof v === 'object' && tag in (v as object);

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

export function refOf(key: string, pick: Pick): PersonRef | null {
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
