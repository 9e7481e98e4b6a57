/** Writes of meetings: the whole meeting at once, then conclusions, speeches, attendance, header edits, closing. */
import { NotFoundError, RuntimeError, UsageError } from '../../errors.js';
import type { IsoDate } from '../../domain/dates.js';
import { quarterOf } from '../../domain/periods.js';
import { cleanText } from '../../domain/text.js';
import { logChange, type Audit } from '../changelog.js';
import type { Db } from '../db.js';
import { addTasks } from '../task-writes.js';
import { writeTransaction } from '../transaction.js';
import { assertVersion, rowVersion } from '../versions.js';
import type { ConclusionInput, CreatedMeeting, MeetingInput, MeetingKind, SpeechInput } from './kinds.js';
import { checkConclusion, checkExists, checkHeader, checkSpeech, checkUnits, uniq, unitName, type CheckedMeeting } from './validate.js';

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

export interface EditOptions extends WriteOptions {
  /** The version the edit was made on (refused if the meeting changed since). */
  ifVersion?: number;
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
      if (!Number.isInteger(input.ord) || input.ord < 1) throw new UsageError('input.badNumber', { field: 'ord', value: input.ord, min: 1, max: next });
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

export function editMeeting(db: Db, audit: Audit, id: number, patch: MeetingPatch, opts: EditOptions = {}): void {
  return writeTransaction(db, () => {
    const row = meetingRow(db, id);
    assertVersion(db, 'meeting', id, opts.ifVersion, audit.at);
    const version = rowVersion(db, 'meeting', id)!;
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
    // Its people, units and documents are part of the meeting: a change to them is a new version too
    // (a change of the row itself has raised it already).
    if (chairIds || guestIds || patch.inviteUnitIds || patch.uninviteUnitIds || patch.addDocumentIds || patch.removeDocumentIds)
      db.prepare('UPDATE meeting SET version = ? WHERE id = ? AND version = ?').run(version + 1, id, version);
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
