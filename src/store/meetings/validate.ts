/**
 * Validation of meetings: every rule a user can break is a usage error naming the field (its data
 * name: `heldOn`, `startTime`, `dueOn`…; the command line says which flag that is), before any write.
 */
import { UsageError } from '../../errors.js';
import { isIsoDate, parseTimeOfDay, type IsoDate } from '../../domain/dates.js';
import { parsePeriod, PeriodInputError, quarterOf } from '../../domain/periods.js';
import { cleanText, optionalText } from '../../domain/text.js';
import type { Db } from '../db.js';
import { checkMeetingKind, checkSpeechKind, type ConclusionInput, type MeetingInput, type MeetingKind, type SpeechInput } from './kinds.js';

/** "HH:mm" (also "8h30", "8:30"), or a usage error naming the field. */
export function checkTime(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const t = parseTimeOfDay(value);
  if (!t) throw new UsageError('meeting.badTime', { field, value });
  return t;
}

export function checkTimes(start: string | null, end: string | null): void {
  if (start && end && end < start) throw new UsageError('meeting.endBeforeStart', { field: 'endTime', start, end });
}

/** Canonical period code; the quarter of the date when none is given. */
export function meetingPeriod(heldOn: IsoDate, period?: string | null): string {
  if (!period) return quarterOf(heldOn).code;
  try {
    return parsePeriod(period, heldOn).code;
  } catch (err) {
    if (err instanceof PeriodInputError) throw new UsageError('input.badPeriod', { field: 'period', value: period });
    throw err;
  }
}

export function checkExists(db: Db, table: 'person' | 'unit' | 'document', entity: string, ids: (number | null | undefined)[]): void {
  const stmt = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  for (const id of ids) if (id !== null && id !== undefined && !stmt.get(id)) throw new UsageError('lookup.idNotFound', { entity, id });
}

export function checkSpeech(db: Db, s: SpeechInput): { speakerId: number | null; unitId: number | null; summary: string } {
  checkSpeechKind(s.kind);
  const summary = cleanSummary(s.summary ?? '');
  if (!summary) throw new UsageError('speech.summaryEmpty');
  if ((s.speakerId ?? null) === null && (s.unitId ?? null) === null) throw new UsageError('speech.needSpeakerOrUnit');
  checkExists(db, 'person', 'person', [s.speakerId]);
  checkExists(db, 'unit', 'unit', [s.unitId]);
  let unitId = s.unitId ?? null;
  if (unitId === null && s.speakerId) unitId = (db.prepare('SELECT unit_id AS u FROM person WHERE id = ?').get(s.speakerId) as { u: number | null }).u;
  return { speakerId: s.speakerId ?? null, unitId, summary };
}

/** A summary keeps its paragraphs: NFC, trimmed lines, no runs of blank lines. */
export function cleanSummary(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function checkConclusion(db: Db, c: ConclusionInput, heldOn: IsoDate): string {
  const text = cleanSummary(c.text ?? '');
  if (!text) throw new UsageError('conclusion.textEmpty', { field: 'text' });
  checkExists(db, 'unit', 'unit', c.assignUnitIds ?? []);
  if (c.dueOn && !isIsoDate(c.dueOn)) throw new UsageError('input.badDate', { field: 'dueOn', value: c.dueOn });
  if (c.dueOn && c.dueOn < heldOn) throw new UsageError('conclusion.dueBeforeMeeting', { field: 'dueOn', due: c.dueOn, heldOn });
  return text;
}

export interface CheckedMeeting {
  heldOn: IsoDate;
  title: string;
  kind: MeetingKind;
  period: string;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  organizerId: number | null;
  recorderId: number | null;
  note: string | null;
}

export function checkHeader(db: Db, input: Omit<MeetingInput, 'chairIds' | 'guestIds' | 'units' | 'documentIds' | 'speeches' | 'conclusions'>): CheckedMeeting {
  if (!isIsoDate(input.heldOn ?? '')) throw new UsageError('input.badDate', { field: 'heldOn', value: input.heldOn ?? '' });
  const title = cleanText(input.title ?? '');
  if (!title) throw new UsageError('meeting.titleEmpty', { field: 'title' });
  const kind = checkMeetingKind(input.kind ?? 'giao-ban');
  const startTime = checkTime('startTime', input.startTime);
  const endTime = checkTime('endTime', input.endTime);
  checkTimes(startTime, endTime);
  checkExists(db, 'unit', 'unit', [input.organizerId]);
  checkExists(db, 'person', 'person', [input.recorderId]);
  return {
    heldOn: input.heldOn,
    title,
    kind,
    period: meetingPeriod(input.heldOn, input.period),
    location: optionalText(input.location),
    startTime,
    endTime,
    organizerId: input.organizerId ?? null,
    recorderId: input.recorderId ?? null,
    note: optionalText(input.note),
  };
}

export function checkUnits(db: Db, units: MeetingInput['units']): { unitId: number; present: boolean; absentReason: string | null }[] {
  const seen = new Set<number>();
  const out: { unitId: number; present: boolean; absentReason: string | null }[] = [];
  for (const u of units) {
    checkExists(db, 'unit', 'unit', [u.unitId]);
    const reason = u.absentReason ? cleanText(u.absentReason) : '';
    if (!u.present && !reason) throw new UsageError('meeting.absentNeedsReason', { unit: unitName(db, u.unitId) });
    if (seen.has(u.unitId)) continue;
    seen.add(u.unitId);
    out.push({ unitId: u.unitId, present: u.present, absentReason: u.present ? null : reason });
  }
  return out;
}

export const uniq = (ids: number[]) => [...new Set(ids)];

export function unitName(db: Db, id: number): string {
  return (db.prepare('SELECT name FROM unit WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? String(id);
}
