/** Meetings: who chaired, who came, which units were invited, who spoke, what was concluded. */
import { NotFoundError, RuntimeError, UsageError } from '../errors.js';
import { isIsoDate, parseTimeOfDay, type IsoDate } from '../domain/dates.js';
import { parsePeriod, PeriodInputError, quarterOf } from '../domain/periods.js';
import { classifyTask, type TaskStatus } from '../domain/tasks.js';
import { cleanText, compareVi, optionalText } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { membershipOn } from './memberships.js';
import { TRANSFERRED } from './task-status-sql.js';
import { addTasks } from './task-writes.js';
import { writeTransaction } from './transaction.js';

export const MEETING_KINDS = ['giao-ban-chuyen-de', 'giao-ban', 'so-ket', 'tong-ket', 'hoi-nghi', 'khac'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const SPEECH_KINDS = ['tham-luan', 'phat-bieu', 'ket-luan', 'chi-dao'] as const;
export type SpeechKind = (typeof SPEECH_KINDS)[number];

export interface SpeechInput {
  speakerId?: number | null;
  unitId?: number | null;
  kind: SpeechKind;
  summary: string;
  illustrative?: boolean;
}

export interface ConclusionInput {
  text: string;
  assignUnitIds: number[];
  dueOn?: IsoDate | null;
}

export interface MeetingInput {
  heldOn: IsoDate;
  title: string;
  kind: MeetingKind;
  /** Period code; default: the quarter of heldOn. */
  period?: string;
  location?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  organizerId?: number | null;
  recorderId?: number | null;
  chairIds: number[];
  guestIds: number[];
  units: { unitId: number; present: boolean; absentReason?: string | null }[];
  documentIds: number[];
  speeches: SpeechInput[];
  conclusions: ConclusionInput[];
  note?: string | null;
  illustrative?: boolean;
}

export interface CreatedMeeting {
  meetingId: number;
  conclusionIds: number[];
  taskIds: number[];
}

// ---------------------------------------------------------------------------------------------
// Validation: every rule a user can break is a usage error naming the field, before any write.

export function checkMeetingKind(value: string, field = '--kind'): MeetingKind {
  if (!(MEETING_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: MEETING_KINDS.join(', ') });
  return value as MeetingKind;
}

export function checkSpeechKind(value: string, field = '--kind'): SpeechKind {
  if (!(SPEECH_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: SPEECH_KINDS.join(', ') });
  return value as SpeechKind;
}

/** "HH:mm" (also "8h30", "8:30"), or a usage error naming the field. */
export function checkTime(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const t = parseTimeOfDay(value);
  if (!t) throw new UsageError('meeting.badTime', { field, value });
  return t;
}

function checkTimes(start: string | null, end: string | null): void {
  if (start && end && end < start) throw new UsageError('meeting.endBeforeStart', { start, end });
}

/** Canonical period code; the quarter of the date when none is given. */
export function meetingPeriod(heldOn: IsoDate, period?: string | null): string {
  if (!period) return quarterOf(heldOn).code;
  try {
    return parsePeriod(period, heldOn).code;
  } catch (err) {
    if (err instanceof PeriodInputError) throw new UsageError('input.badPeriod', { field: '--period', value: period });
    throw err;
  }
}

function checkExists(db: Db, table: 'person' | 'unit' | 'document', entity: string, ids: (number | null | undefined)[]): void {
  const stmt = db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`);
  for (const id of ids) if (id !== null && id !== undefined && !stmt.get(id)) throw new UsageError('lookup.idNotFound', { entity, id });
}

function checkSpeech(db: Db, s: SpeechInput): { speakerId: number | null; unitId: number | null; summary: string } {
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

function checkConclusion(db: Db, c: ConclusionInput, heldOn: IsoDate): string {
  const text = cleanSummary(c.text ?? '');
  if (!text) throw new UsageError('conclusion.textEmpty');
  checkExists(db, 'unit', 'unit', c.assignUnitIds ?? []);
  if (c.dueOn && !isIsoDate(c.dueOn)) throw new UsageError('input.badDate', { field: '--due', value: c.dueOn });
  if (c.dueOn && c.dueOn < heldOn) throw new UsageError('conclusion.dueBeforeMeeting', { due: c.dueOn, heldOn });
  return text;
}

interface CheckedMeeting {
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

function checkHeader(db: Db, input: Omit<MeetingInput, 'chairIds' | 'guestIds' | 'units' | 'documentIds' | 'speeches' | 'conclusions'>): CheckedMeeting {
  if (!isIsoDate(input.heldOn ?? '')) throw new UsageError('input.badDate', { field: '--date', value: input.heldOn ?? '' });
  const title = cleanText(input.title ?? '');
  if (!title) throw new UsageError('meeting.titleEmpty');
  const kind = checkMeetingKind(input.kind ?? 'giao-ban');
  const startTime = checkTime('--start', input.startTime);
  const endTime = checkTime('--end', input.endTime);
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

function checkUnits(db: Db, units: MeetingInput['units']): { unitId: number; present: boolean; absentReason: string | null }[] {
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

const uniq = (ids: number[]) => [...new Set(ids)];

function unitName(db: Db, id: number): string {
  return (db.prepare('SELECT name FROM unit WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? String(id);
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Creates a whole meeting in one transaction: header, chairs, guests, invited units with
 * attendance, documents, speeches in order, numbered conclusions, and for each conclusion
 * addressed to units one task per unit (through addTasks, linked to the meeting and conclusion).
 */
export function createMeeting(db: Db, audit: Audit, input: MeetingInput): CreatedMeeting {
  const header = checkHeader(db, input);
  const chairIds = uniq(input.chairIds ?? []);
  const guestIds = uniq(input.guestIds ?? []);
  checkExists(db, 'person', 'person', [...chairIds, ...guestIds]);
  const units = checkUnits(db, input.units ?? []);
  const documentIds = uniq(input.documentIds ?? []);
  checkExists(db, 'document', 'document', documentIds);
  const speeches = (input.speeches ?? []).map((s) => ({ ...s, ...checkSpeech(db, s) }));
  const conclusions = (input.conclusions ?? []).map((c) => ({ ...c, text: checkConclusion(db, c, header.heldOn) }));
  const organizerId = header.organizerId ?? defaultOrganizer(db, chairIds);

  return writeTransaction(db, (): CreatedMeeting => {
    const meetingId = Number(
      db
        .prepare(
          `INSERT INTO meeting (held_on, title, kind, period, location, start_time, end_time, organizer_id, recorder_id, note, illustrative, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(header.heldOn, header.title, header.kind, header.period, header.location, header.startTime, header.endTime, organizerId, header.recorderId, header.note, input.illustrative ? 1 : 0, audit.at)
        .lastInsertRowid,
    );
    insertPeople(db, meetingId, 'chair', chairIds);
    insertPeople(db, meetingId, 'guest', guestIds);
    const unitStmt = db.prepare('INSERT INTO meeting_unit (meeting_id, unit_id, present, absent_reason) VALUES (?, ?, ?, ?)');
    for (const u of units) unitStmt.run(meetingId, u.unitId, u.present ? 1 : 0, u.absentReason);
    const docStmt = db.prepare('INSERT INTO meeting_document (meeting_id, document_id, ord) VALUES (?, ?, ?)');
    documentIds.forEach((d, i) => docStmt.run(meetingId, d, i + 1));
    const speechStmt = db.prepare(
      `INSERT INTO speech (meeting_id, ord, speaker_id, unit_id, kind, summary, illustrative, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    speeches.forEach((s, i) => speechStmt.run(meetingId, i + 1, s.speakerId, s.unitId, s.kind, s.summary, s.illustrative ? 1 : 0, audit.at));
    logChange(db, audit, 'meeting', meetingId, 'create', {
      ...header,
      organizerId,
      chairIds,
      guestIds,
      units,
      documentIds,
      speeches: speeches.length,
      conclusions: conclusions.length,
      illustrative: !!input.illustrative,
    });
    const conclusionIds: number[] = [];
    const taskIds: number[] = [];
    for (const c of conclusions) {
      const created = insertConclusion(db, audit, meetingId, header.heldOn, c);
      conclusionIds.push(created.conclusionId);
      taskIds.push(...created.taskIds);
    }
    return { meetingId, conclusionIds, taskIds };
  });
}

/** The committee that holds the meeting: by default the unit of the first chair (the one rule, used by the minutes session too). */
export function defaultOrganizer(db: Db, chairIds: number[]): number | null {
  if (!chairIds.length) return null;
  return (db.prepare('SELECT unit_id AS u FROM person WHERE id = ?').get(chairIds[0]) as { u: number | null } | undefined)?.u ?? null;
}

function insertPeople(db: Db, meetingId: number, role: 'chair' | 'guest', ids: number[]): void {
  const stmt = db.prepare('INSERT INTO meeting_person (meeting_id, person_id, role, ord) VALUES (?, ?, ?, ?)');
  ids.forEach((id, i) => stmt.run(meetingId, id, role, i + 1));
}

/** The document a conclusion's tasks carry: the meeting's first one (a task names one document). */
function firstDocument(db: Db, meetingId: number): number | null {
  const row = db.prepare('SELECT document_id AS d FROM meeting_document WHERE meeting_id = ? ORDER BY ord, document_id LIMIT 1').get(meetingId) as { d: number } | undefined;
  return row?.d ?? null;
}

function insertConclusion(db: Db, audit: Audit, meetingId: number, heldOn: IsoDate, c: ConclusionInput & { text: string }): { conclusionId: number; taskIds: number[] } {
  const ord = ((db.prepare('SELECT max(ord) AS m FROM conclusion WHERE meeting_id = ?').get(meetingId) as { m: number | null }).m ?? 0) + 1;
  const conclusionId = Number(
    db.prepare('INSERT INTO conclusion (meeting_id, ord, text, created_at) VALUES (?, ?, ?, ?)').run(meetingId, ord, c.text, audit.at).lastInsertRowid,
  );
  const unitIds = uniq(c.assignUnitIds ?? []);
  logChange(db, audit, 'conclusion', conclusionId, 'create', { meetingId, ord, text: c.text, assignUnitIds: unitIds, dueOn: c.dueOn ?? null });
  const taskIds = unitIds.length
    ? addTasks(db, audit, { title: c.text, unitIds, startOn: heldOn, dueOn: c.dueOn ?? null, meetingId, conclusionId, documentId: firstDocument(db, meetingId) })
    : [];
  return { conclusionId, taskIds };
}

export interface MeetingRow {
  id: number;
  heldOn: IsoDate;
  closedAt: string | null;
}

export function meetingRow(db: Db, id: number): MeetingRow {
  const row = db.prepare('SELECT id, held_on AS heldOn, closed_at AS closedAt FROM meeting WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!row) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
  return row;
}

/** Changing closed minutes needs force; a forced change is marked in the change log. */
export function checkOpen(row: MeetingRow, force: boolean | undefined): void {
  if (row.closedAt && !force) throw new RuntimeError('meeting.closedNeedsForce', { id: row.id, closedAt: localTimestamp(row.closedAt) });
}

/** An ISO instant as "dd/MM/yyyy HH:mm" in Asia/Ho_Chi_Minh, for messages. */
export function localTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

const forced = (row: MeetingRow, force?: boolean) => (row.closedAt && force ? { forced: true } : {});

export interface WriteOptions {
  /** Allow the change on closed minutes (logged as forced). */
  force?: boolean;
}

/** Adds a numbered conclusion; with units, one task per unit (linked to the meeting and conclusion). */
export function addConclusion(db: Db, audit: Audit, meetingId: number, input: ConclusionInput, opts: WriteOptions = {}): { conclusionId: number; ord: number; taskIds: number[] } {
  return writeTransaction(db, () => {
    const row = meetingRow(db, meetingId);
    checkOpen(row, opts.force);
    const text = checkConclusion(db, input, row.heldOn);
    const created = insertConclusion(db, audit, meetingId, row.heldOn, { ...input, text });
    if (row.closedAt) logChange(db, audit, 'meeting', meetingId, 'update', { addConclusion: created.conclusionId, ...forced(row, opts.force) });
    const ord = (db.prepare('SELECT ord FROM conclusion WHERE id = ?').get(created.conclusionId) as { ord: number }).ord;
    return { ...created, ord };
  });
}

/** Adds a speech; `ord` inserts it at that place (later ones move down), default: at the end. */
export function addSpeech(db: Db, audit: Audit, meetingId: number, input: SpeechInput & { ord?: number }, opts: WriteOptions = {}): { speechId: number; ord: number } {
  return writeTransaction(db, () => {
    const row = meetingRow(db, meetingId);
    checkOpen(row, opts.force);
    const s = checkSpeech(db, input);
    const next = ((db.prepare('SELECT max(ord) AS m FROM speech WHERE meeting_id = ?').get(meetingId) as { m: number | null }).m ?? 0) + 1;
    let ord = next;
    if (input.ord !== undefined) {
      if (!Number.isInteger(input.ord) || input.ord < 1) throw new UsageError('input.badNumber', { field: '--order', value: input.ord, min: 1, max: next });
      ord = Math.min(input.ord, next);
      // Two steps so that the shift never collides with itself.
      db.prepare('UPDATE speech SET ord = -(ord + 1) WHERE meeting_id = ? AND ord >= ?').run(meetingId, ord);
      db.prepare('UPDATE speech SET ord = -ord WHERE meeting_id = ? AND ord < 0').run(meetingId);
    }
    const speechId = Number(
      db
        .prepare(`INSERT INTO speech (meeting_id, ord, speaker_id, unit_id, kind, summary, illustrative, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(meetingId, ord, s.speakerId, s.unitId, input.kind, s.summary, input.illustrative ? 1 : 0, audit.at).lastInsertRowid,
    );
    logChange(db, audit, 'speech', speechId, 'create', { meetingId, ord, speakerId: s.speakerId, unitId: s.unitId, kind: input.kind, summary: s.summary, ...forced(row, opts.force) });
    return { speechId, ord };
  });
}

/** Marks an invited unit present, or absent with a reason. */
export function setAttendance(db: Db, audit: Audit, meetingId: number, unitId: number, present: boolean, reason: string | null, opts: WriteOptions = {}): void {
  return writeTransaction(db, () => {
    const row = meetingRow(db, meetingId);
    checkOpen(row, opts.force);
    const why = reason ? cleanText(reason) : '';
    if (!present && !why) throw new UsageError('meeting.absentNeedsReason', { unit: unitName(db, unitId) });
    const before = db.prepare('SELECT present, absent_reason AS absentReason FROM meeting_unit WHERE meeting_id = ? AND unit_id = ?').get(meetingId, unitId) as
      | { present: number; absentReason: string | null }
      | undefined;
    if (!before) throw new UsageError('meeting.unitNotInvited', { unit: unitName(db, unitId), id: meetingId });
    db.prepare('UPDATE meeting_unit SET present = ?, absent_reason = ? WHERE meeting_id = ? AND unit_id = ?').run(present ? 1 : 0, present ? null : why, meetingId, unitId);
    logChange(db, audit, 'meeting', meetingId, 'attendance', {
      unitId,
      before: { present: !!before.present, absentReason: before.absentReason },
      after: { present, absentReason: present ? null : why },
      ...forced(row, opts.force),
    });
  });
}

export interface MeetingPatch {
  heldOn?: IsoDate;
  title?: string;
  kind?: MeetingKind;
  period?: string;
  location?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  organizerId?: number | null;
  recorderId?: number | null;
  note?: string | null;
  /** Replace the chairs / guests (in this order). */
  chairIds?: number[];
  guestIds?: number[];
  /** Invite more units (present) / withdraw invitations. */
  inviteUnitIds?: number[];
  uninviteUnitIds?: number[];
  addDocumentIds?: number[];
  removeDocumentIds?: number[];
}

export function editMeeting(db: Db, audit: Audit, id: number, patch: MeetingPatch, opts: WriteOptions = {}): void {
  return writeTransaction(db, () => {
    const row = meetingRow(db, id);
    checkOpen(row, opts.force);
    const before = db
      .prepare(
        `SELECT held_on AS heldOn, title, kind, period, location, start_time AS startTime, end_time AS endTime,
                organizer_id AS organizerId, recorder_id AS recorderId, note
           FROM meeting WHERE id = ?`,
      )
      .get(id) as CheckedMeeting;
    const merged = { ...before, ...stripUndefined(patch) } as CheckedMeeting & MeetingPatch;
    // A new date moves the default period with it, unless a period was given.
    if (patch.heldOn && !patch.period && before.period === quarterOf(before.heldOn).code) merged.period = '';
    const next = checkHeader(db, { ...merged, period: merged.period || undefined });
    const chairIds = patch.chairIds ? uniq(patch.chairIds) : undefined;
    const guestIds = patch.guestIds ? uniq(patch.guestIds) : undefined;
    checkExists(db, 'person', 'person', [...(chairIds ?? []), ...(guestIds ?? [])]);
    checkExists(db, 'unit', 'unit', [...(patch.inviteUnitIds ?? []), ...(patch.uninviteUnitIds ?? [])]);
    checkExists(db, 'document', 'document', [...(patch.addDocumentIds ?? []), ...(patch.removeDocumentIds ?? [])]);
    for (const u of patch.uninviteUnitIds ?? []) {
      if (db.prepare('SELECT 1 FROM speech WHERE meeting_id = ? AND unit_id = ?').get(id, u) && !(patch.inviteUnitIds ?? []).includes(u))
        throw new UsageError('meeting.unitHasSpeeches', { unit: unitName(db, u) });
    }
    db.prepare(
      `UPDATE meeting SET held_on = ?, title = ?, kind = ?, period = ?, location = ?, start_time = ?, end_time = ?, organizer_id = ?, recorder_id = ?, note = ? WHERE id = ?`,
    ).run(next.heldOn, next.title, next.kind, next.period, next.location, next.startTime, next.endTime, next.organizerId, next.recorderId, next.note, id);
    if (chairIds) {
      db.prepare(`DELETE FROM meeting_person WHERE meeting_id = ? AND role = 'chair'`).run(id);
      insertPeople(db, id, 'chair', chairIds);
    }
    if (guestIds) {
      db.prepare(`DELETE FROM meeting_person WHERE meeting_id = ? AND role = 'guest'`).run(id);
      insertPeople(db, id, 'guest', guestIds);
    }
    for (const u of patch.uninviteUnitIds ?? []) db.prepare('DELETE FROM meeting_unit WHERE meeting_id = ? AND unit_id = ?').run(id, u);
    for (const u of patch.inviteUnitIds ?? []) db.prepare('INSERT OR IGNORE INTO meeting_unit (meeting_id, unit_id, present) VALUES (?, ?, 1)').run(id, u);
    for (const d of patch.removeDocumentIds ?? []) db.prepare('DELETE FROM meeting_document WHERE meeting_id = ? AND document_id = ?').run(id, d);
    for (const d of patch.addDocumentIds ?? [])
      db.prepare(
        'INSERT OR IGNORE INTO meeting_document (meeting_id, document_id, ord) VALUES (?, ?, (SELECT coalesce(max(ord), 0) + 1 FROM meeting_document WHERE meeting_id = ?))',
      ).run(id, d, id);
    const changedBefore: Record<string, unknown> = {};
    for (const k of Object.keys(patch)) if (k in before) changedBefore[k] = (before as unknown as Record<string, unknown>)[k];
    logChange(db, audit, 'meeting', id, 'update', { before: changedBefore, after: patch, ...forced(row, opts.force) });
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Marks the minutes final. Closing twice is harmless and writes nothing. Returns whether it closed now. */
export function closeMeeting(db: Db, audit: Audit, id: number): boolean {
  return writeTransaction(db, () => {
    const row = meetingRow(db, id);
    if (row.closedAt) return false;
    db.prepare('UPDATE meeting SET closed_at = ? WHERE id = ?').run(audit.at, id);
    logChange(db, audit, 'meeting', id, 'close', { closedAt: audit.at });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

export interface PersonRef {
  id: number;
  fullName: string;
  positions: string[];
  unitId: number | null;
  unitName: string | null;
}

export interface MeetingUnit {
  unitId: number;
  name: string;
  code: string | null;
  kind: string;
  present: boolean;
  absentReason: string | null;
}

export interface MeetingDocument {
  id: number;
  code: string;
  title: string | null;
  issuedOn: IsoDate | null;
  issuingBody: string | null;
}

export interface Speech {
  id: number;
  meetingId: number;
  ord: number;
  kind: SpeechKind;
  speakerId: number | null;
  speakerName: string | null;
  speakerPositions: string[];
  unitId: number | null;
  unitName: string | null;
  summary: string;
  illustrative: boolean;
}

export interface ConclusionTask {
  id: number;
  /** 'task', or 'breakthrough' for a breakthrough a unit registered later under the conclusion. */
  kind: 'task' | 'breakthrough';
  unitId: number;
  unitName: string;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  cancelledOn: IsoDate | null;
  /** Derived as of the date given to getMeeting; null when none was given. */
  status: TaskStatus | null;
}

export interface Conclusion {
  id: number;
  ord: number;
  text: string;
  tasks: ConclusionTask[];
}

export interface MeetingDetail {
  id: number;
  heldOn: IsoDate;
  title: string;
  kind: MeetingKind;
  period: string;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  organizer: { id: number; name: string; parentName: string | null } | null;
  recorder: PersonRef | null;
  chairs: PersonRef[];
  guests: PersonRef[];
  units: MeetingUnit[];
  counts: { invited: number; present: number; absent: number; speeches: number; speakingUnits: number; chairRemarks: number; conclusions: number; tasks: number };
  documents: MeetingDocument[];
  /** The proceedings: remarks and contributions (tham-luan, phat-bieu, chi-dao), in order. */
  speeches: Speech[];
  /** The chair's concluding remarks (kind ket-luan), which the minutes put with the conclusions. */
  chairRemarks: Speech[];
  conclusions: Conclusion[];
  /** Tasks linked to the meeting but to no conclusion. */
  otherTasks: ConclusionTask[];
  closed: boolean;
  closedAt: string | null;
  note: string | null;
  illustrative: boolean;
  asOf: IsoDate | null;
}

interface PersonRefRow {
  id: number;
  fullName: string;
  positions: string;
  unitId: number | null;
  unitName: string | null;
}
const toPersonRef = (r: PersonRefRow): PersonRef => ({ ...r, positions: JSON.parse(r.positions) as string[] });

const SELECT_SPEECH = `
  SELECT s.id, s.meeting_id AS meetingId, s.ord, s.kind, s.speaker_id AS speakerId, p.full_name AS speakerName,
         p.positions AS speakerPositions, s.unit_id AS unitId, u.name AS unitName, s.summary, s.illustrative
    FROM speech s
    LEFT JOIN person p ON p.id = s.speaker_id
    LEFT JOIN unit u ON u.id = s.unit_id`;

type SpeechRow = Omit<Speech, 'speakerPositions' | 'illustrative'> & { speakerPositions: string | null; illustrative: number };
const toSpeech = (r: SpeechRow): Speech => ({ ...r, speakerPositions: r.speakerPositions ? (JSON.parse(r.speakerPositions) as string[]) : [], illustrative: !!r.illustrative });

/**
 * Everything about one meeting, in the order the minutes need it. With `asOf`, the tasks made from
 * its conclusions carry their status on that day. Undefined when there is no such meeting.
 */
export function getMeeting(db: Db, id: number, opts: { asOf?: IsoDate } = {}): MeetingDetail | undefined {
  const m = db
    .prepare(
      `SELECT m.id, m.held_on AS heldOn, m.title, m.kind, m.period, m.location, m.start_time AS startTime, m.end_time AS endTime,
              m.organizer_id AS organizerId, o.name AS organizerName, op.name AS organizerParentName,
              m.recorder_id AS recorderId, m.closed_at AS closedAt, m.note, m.illustrative
         FROM meeting m
         LEFT JOIN unit o ON o.id = m.organizer_id
         LEFT JOIN unit op ON op.id = o.parent_id
        WHERE m.id = ?`,
    )
    .get(id) as
    | (Omit<MeetingDetail, 'organizer' | 'recorder' | 'chairs' | 'guests' | 'units' | 'counts' | 'documents' | 'speeches' | 'chairRemarks' | 'conclusions' | 'otherTasks' | 'closed' | 'illustrative' | 'asOf'> & {
        organizerId: number | null;
        organizerName: string | null;
        organizerParentName: string | null;
        recorderId: number | null;
        illustrative: number;
      })
    | undefined;
  if (!m) return undefined;
  const personSql = `SELECT p.id, p.full_name AS fullName, p.positions, p.unit_id AS unitId, u.name AS unitName FROM person p LEFT JOIN unit u ON u.id = p.unit_id`;
  // People as they were on the day of the meeting (unit and positions), not as they are now.
  const asThen = <R extends PersonRefRow>(r: R): R => {
    const then = membershipOn(db, r.id, m.heldOn);
    return then ? { ...r, ...then } : r;
  };
  const recorderNow = m.recorderId ? (db.prepare(`${personSql} WHERE p.id = ?`).get(m.recorderId) as PersonRefRow | undefined) : undefined;
  const recorder = recorderNow ? asThen(recorderNow) : undefined;
  const people = (
    db
      .prepare(
        `SELECT mp.role, p.id, p.full_name AS fullName, p.positions, p.unit_id AS unitId, u.name AS unitName
           FROM meeting_person mp JOIN person p ON p.id = mp.person_id LEFT JOIN unit u ON u.id = p.unit_id
          WHERE mp.meeting_id = ? ORDER BY mp.role, mp.ord`,
      )
      .all(id) as (PersonRefRow & { role: string })[]
  ).map(asThen);
  const units = (
    db
      .prepare(
        `SELECT mu.unit_id AS unitId, u.name, u.code, u.kind, mu.present, mu.absent_reason AS absentReason
           FROM meeting_unit mu JOIN unit u ON u.id = mu.unit_id WHERE mu.meeting_id = ?`,
      )
      .all(id) as (Omit<MeetingUnit, 'present'> & { present: number })[]
  ).map((u) => ({ ...u, present: !!u.present }));
  units.sort((a, b) => compareVi(a.name, b.name));
  const documents = db
    .prepare(
      `SELECT d.id, d.code, d.title, d.issued_on AS issuedOn, d.issuing_body AS issuingBody
         FROM meeting_document md JOIN document d ON d.id = md.document_id WHERE md.meeting_id = ? ORDER BY md.ord, d.code`,
    )
    .all(id) as MeetingDocument[];
  const allSpeeches = (db.prepare(`${SELECT_SPEECH} WHERE s.meeting_id = ? ORDER BY s.ord`).all(id) as SpeechRow[]).map((r) => {
    const then = r.speakerId ? membershipOn(db, r.speakerId, m.heldOn) : null;
    return toSpeech(then ? { ...r, speakerPositions: then.positions } : r);
  });
  const speeches = allSpeeches.filter((s) => s.kind !== 'ket-luan');
  const chairRemarks = allSpeeches.filter((s) => s.kind === 'ket-luan');
  const taskRows = (
    db
      .prepare(
        `SELECT t.id, t.kind, t.conclusion_id AS conclusionId, t.unit_id AS unitId, u.name AS unitName, t.title, t.start_on AS startOn,
                t.due_on AS dueOn, t.done_on AS doneOn, t.cancelled_on AS cancelledOn, ${TRANSFERRED} AS transferred
           FROM task t JOIN unit u ON u.id = t.unit_id
          WHERE t.meeting_id = ? ORDER BY t.id`,
      )
      .all(id) as (Omit<ConclusionTask, 'status'> & { conclusionId: number | null; transferred: number })[]
  ).map(({ conclusionId, transferred, ...t }) => ({
    conclusionId,
    task: { ...t, status: opts.asOf ? classifyTask({ ...t, transferred: !!transferred }, opts.asOf) : null } as ConclusionTask,
  }));
  const conclusions = (db.prepare('SELECT id, ord, text FROM conclusion WHERE meeting_id = ? ORDER BY ord').all(id) as Omit<Conclusion, 'tasks'>[]).map((c) => ({
    ...c,
    tasks: taskRows.filter((t) => t.conclusionId === c.id).map((t) => t.task),
  }));
  const conclusionIds = new Set(conclusions.map((c) => c.id));
  const otherTasks = taskRows.filter((t) => t.conclusionId === null || !conclusionIds.has(t.conclusionId)).map((t) => t.task);
  const present = units.filter((u) => u.present).length;
  return {
    id: m.id,
    heldOn: m.heldOn,
    title: m.title,
    kind: m.kind,
    period: m.period,
    location: m.location,
    startTime: m.startTime,
    endTime: m.endTime,
    organizer: m.organizerId ? { id: m.organizerId, name: m.organizerName!, parentName: m.organizerParentName } : null,
    recorder: recorder ? toPersonRef(recorder) : null,
    chairs: people.filter((p) => p.role === 'chair').map(({ role, ...p }) => (void role, toPersonRef(p))),
    guests: people.filter((p) => p.role === 'guest').map(({ role, ...p }) => (void role, toPersonRef(p))),
    units,
    counts: {
      invited: units.length,
      present,
      absent: units.length - present,
      speeches: speeches.length,
      speakingUnits: new Set(speeches.filter((s) => s.unitId !== null).map((s) => s.unitId)).size,
      chairRemarks: chairRemarks.length,
      conclusions: conclusions.length,
      tasks: taskRows.length,
    },
    documents,
    speeches,
    chairRemarks,
    conclusions,
    otherTasks,
    closed: !!m.closedAt,
    closedAt: m.closedAt,
    note: m.note,
    illustrative: !!m.illustrative,
    asOf: opts.asOf ?? null,
  };
}

/** getMeeting, or "no meeting with id N" (exit 1). */
export function requireMeeting(db: Db, id: number, opts: { asOf?: IsoDate } = {}): MeetingDetail {
  const m = getMeeting(db, id, opts);
  if (!m) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
  return m;
}

export interface MeetingListRow {
  id: number;
  heldOn: IsoDate;
  kind: MeetingKind;
  period: string;
  title: string;
  location: string | null;
  invited: number;
  present: number;
  absent: number;
  speeches: number;
  conclusions: number;
  closed: boolean;
  illustrative: boolean;
  /** With a unit filter: whether that unit was present. */
  unitPresent?: boolean;
  unitAbsentReason?: string | null;
}

export interface MeetingFilter {
  from?: IsoDate;
  to?: IsoDate;
  kind?: MeetingKind;
  documentId?: number;
  /** Meetings this unit was invited to. */
  unitId?: number;
}

export function listMeetings(db: Db, filter: MeetingFilter = {}): MeetingListRow[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.held_on AS heldOn, m.kind, m.period, m.title, m.location,
              (SELECT count(*) FROM meeting_unit mu WHERE mu.meeting_id = m.id) AS invited,
              (SELECT count(*) FROM meeting_unit mu WHERE mu.meeting_id = m.id AND mu.present = 1) AS present,
              (SELECT count(*) FROM speech s WHERE s.meeting_id = m.id AND s.kind <> 'ket-luan') AS speeches,
              (SELECT count(*) FROM conclusion c WHERE c.meeting_id = m.id) AS conclusions,
              m.closed_at IS NOT NULL AS closed, m.illustrative,
              fu.present AS unitPresent, fu.absent_reason AS unitAbsentReason
         FROM meeting m
         LEFT JOIN meeting_unit fu ON fu.meeting_id = m.id AND fu.unit_id = @unit
        WHERE (@from IS NULL OR m.held_on >= @from)
          AND (@to IS NULL OR m.held_on <= @to)
          AND (@kind IS NULL OR m.kind = @kind)
          AND (@doc IS NULL OR EXISTS (SELECT 1 FROM meeting_document md WHERE md.meeting_id = m.id AND md.document_id = @doc))
          AND (@unit IS NULL OR fu.unit_id IS NOT NULL)
        ORDER BY m.held_on, m.id`,
    )
    .all({ from: filter.from ?? null, to: filter.to ?? null, kind: filter.kind ?? null, doc: filter.documentId ?? null, unit: filter.unitId ?? null }) as (Omit<
    MeetingListRow,
    'closed' | 'illustrative' | 'absent' | 'unitPresent'
  > & { closed: number; illustrative: number; unitPresent: number | null })[];
  return rows.map((r) => {
    const { unitPresent, unitAbsentReason, ...rest } = r;
    return {
      ...rest,
      absent: r.invited - r.present,
      closed: !!r.closed,
      illustrative: !!r.illustrative,
      ...(filter.unitId !== undefined ? { unitPresent: !!unitPresent, unitAbsentReason: unitAbsentReason ?? null } : {}),
    };
  });
}

export interface SpeechFilter {
  meetingId?: number;
  unitId?: number;
  from?: IsoDate;
  to?: IsoDate;
}

export type SpeechListRow = Speech & { heldOn: IsoDate; meetingTitle: string };

/**
 * Speeches of one meeting in order, or of one unit across meetings in a period. The WHERE clause
 * is assembled from fixed conditions (values stay bound) so that SQLite can use speech_unit or
 * speech_meeting instead of scanning every speech.
 */
export function speechListQuery(filter: SpeechFilter): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.meetingId !== undefined) {
    where.push('s.meeting_id = @meeting');
    params.meeting = filter.meetingId;
  }
  if (filter.unitId !== undefined) {
    where.push('s.unit_id = @unit');
    params.unit = filter.unitId;
  }
  if (filter.from !== undefined) {
    where.push('m.held_on >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('m.held_on <= @to');
    params.to = filter.to;
  }
  const sql = `SELECT s.id, s.meeting_id AS meetingId, m.held_on AS heldOn, m.title AS meetingTitle, s.ord, s.kind,
              s.speaker_id AS speakerId, p.full_name AS speakerName, p.positions AS speakerPositions,
              s.unit_id AS unitId, u.name AS unitName, s.summary, s.illustrative
         FROM speech s
         JOIN meeting m ON m.id = s.meeting_id
         LEFT JOIN person p ON p.id = s.speaker_id
         LEFT JOIN unit u ON u.id = s.unit_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY m.held_on, m.id, s.ord`;
  return { sql, params };
}

export function listSpeeches(db: Db, filter: SpeechFilter): SpeechListRow[] {
  const { sql, params } = speechListQuery(filter);
  const rows = db.prepare(sql).all(params) as (SpeechRow & { heldOn: IsoDate; meetingTitle: string })[];
  return rows.map((r) => ({ ...toSpeech(r), heldOn: r.heldOn, meetingTitle: r.meetingTitle }));
}

/** The committee that organised a meeting (null when none was recorded or the meeting is unknown). */
export function meetingOrganizerId(db: Db, meetingId: number): number | null {
  const row = db.prepare('SELECT organizer_id AS o FROM meeting WHERE id = ?').get(meetingId) as { o: number | null } | undefined;
  return row?.o ?? null;
}

/** A meeting's date, or undefined when there is no such meeting. */
export function meetingHeldOn(db: Db, id: number): IsoDate | undefined {
  return (db.prepare('SELECT held_on AS heldOn FROM meeting WHERE id = ?').get(id) as { heldOn: IsoDate } | undefined)?.heldOn;
}

/** The meeting a speech belongs to, or undefined when there is no such speech. */
export function speechMeetingId(db: Db, speechId: number): number | undefined {
  return (db.prepare('SELECT meeting_id AS m FROM speech WHERE id = ?').get(speechId) as { m: number } | undefined)?.m;
}
