/**
 * Corrections after a meeting is saved: a speech edited or removed, a conclusion edited or removed.
 * Every change is one transaction and one line of the change log (closed minutes need force, and the
 * line says so); numbering closes up when something is removed.
 */
import { writeTransaction } from './transaction.js';
import { UsageError } from '../errors.js';
import type { IsoDate } from '../domain/dates.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { checkOpen, meetingRow, type WriteOptions } from './meetings/write.js';
import { checkSpeechKind, type SpeechKind } from './meetings/kinds.js';
import { cleanSummary } from './meetings/validate.js';
import { cancelTasks } from './task-writes.js';

interface SpeechRow {
  id: number;
  meetingId: number;
  ord: number;
  speakerId: number | null;
  unitId: number | null;
  kind: SpeechKind;
  summary: string;
}

function speechRow(db: Db, id: number): SpeechRow {
  const row = db
    .prepare('SELECT id, meeting_id AS meetingId, ord, speaker_id AS speakerId, unit_id AS unitId, kind, summary FROM speech WHERE id = ?')
    .get(id) as SpeechRow | undefined;
  if (!row) throw new UsageError('lookup.idNotFound', { entity: 'speech', id });
  return row;
}

export interface SpeechPatch {
  speakerId?: number | null;
  unitId?: number | null;
  kind?: string;
  summary?: string;
  /** Moves the speech to this place; the others close up around it. */
  ord?: number;
}

/** Moves the speech with `from` to `to` inside one meeting, shifting the ones between. */
function moveOrd(db: Db, table: 'speech' | 'conclusion', meetingId: number, id: number, from: number, to: number): void {
  if (from === to) return;
  // Out of the way first (negative), then the others shift, then it lands: no collision on the way.
  db.prepare(`UPDATE ${table} SET ord = -1 WHERE id = ?`).run(id);
  if (to < from) db.prepare(`UPDATE ${table} SET ord = ord + 1 WHERE meeting_id = ? AND ord >= ? AND ord < ?`).run(meetingId, to, from);
  else db.prepare(`UPDATE ${table} SET ord = ord - 1 WHERE meeting_id = ? AND ord > ? AND ord <= ?`).run(meetingId, from, to);
  db.prepare(`UPDATE ${table} SET ord = ? WHERE id = ?`).run(to, id);
}

export function editSpeech(db: Db, audit: Audit, id: number, patch: SpeechPatch, opts: WriteOptions = {}): SpeechRow {
  const before = speechRow(db, id);
  const meeting = meetingRow(db, before.meetingId);
  checkOpen(meeting, opts.force);
  const after = { ...before };
  if (patch.kind !== undefined) after.kind = checkSpeechKind(patch.kind);
  if (patch.summary !== undefined) {
    after.summary = cleanSummary(patch.summary);
    if (!after.summary) throw new UsageError('speech.summaryEmpty');
  }
  if (patch.speakerId !== undefined) after.speakerId = patch.speakerId;
  if (patch.unitId !== undefined) after.unitId = patch.unitId;
  if (after.speakerId === null && after.unitId === null) throw new UsageError('speech.needSpeakerOrUnit');
  const count = (db.prepare('SELECT count(*) AS n FROM speech WHERE meeting_id = ?').get(before.meetingId) as { n: number }).n;
  if (patch.ord !== undefined && (!Number.isInteger(patch.ord) || patch.ord < 1 || patch.ord > count))
    throw new UsageError('input.badNumber', { field: 'ord', value: patch.ord, min: 1, max: count });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['speakerId', 'unitId', 'kind', 'summary'] as const) if (after[key] !== before[key]) changes[key] = { from: before[key], to: after[key] };
  if (patch.ord !== undefined && patch.ord !== before.ord) changes.ord = { from: before.ord, to: patch.ord };
  if (!Object.keys(changes).length) throw new UsageError('edit.nothingChanged', { entity: 'speech', id });
  writeTransaction(db, () => {
    db.prepare('UPDATE speech SET speaker_id = ?, unit_id = ?, kind = ?, summary = ? WHERE id = ?').run(after.speakerId, after.unitId, after.kind, after.summary, id);
    if (patch.ord !== undefined) moveOrd(db, 'speech', before.meetingId, id, before.ord, patch.ord);
    logChange(db, audit, 'speech', id, 'update', { meetingId: before.meetingId, changes, ...(meeting.closedAt ? { forced: true } : {}) });
  });
  return speechRow(db, id);
}

/** Removes a speech; the later ones of its meeting move up one place. The log keeps the whole speech. */
export function removeSpeech(db: Db, audit: Audit, id: number, opts: WriteOptions = {}): SpeechRow {
  const before = speechRow(db, id);
  const meeting = meetingRow(db, before.meetingId);
  checkOpen(meeting, opts.force);
  writeTransaction(db, () => {
    db.prepare('DELETE FROM speech WHERE id = ?').run(id);
    db.prepare('UPDATE speech SET ord = ord - 1 WHERE meeting_id = ? AND ord > ?').run(before.meetingId, before.ord);
    logChange(db, audit, 'speech', id, 'delete', { ...before, ...(meeting.closedAt ? { forced: true } : {}) });
  });
  return before;
}

interface ConclusionRow {
  id: number;
  meetingId: number;
  ord: number;
  text: string;
}

interface ConclusionTaskRow {
  id: number;
  unitName: string;
  dueOn: IsoDate | null;
  extensions: number;
  doneOn: IsoDate | null;
  cancelledOn: IsoDate | null;
}

function conclusionRow(db: Db, meetingId: number, ord: number): ConclusionRow {
  meetingRow(db, meetingId);
  const row = db.prepare('SELECT id, meeting_id AS meetingId, ord, text FROM conclusion WHERE meeting_id = ? AND ord = ?').get(meetingId, ord) as ConclusionRow | undefined;
  if (!row) {
    const n = (db.prepare('SELECT count(*) AS n FROM conclusion WHERE meeting_id = ?').get(meetingId) as { n: number }).n;
    throw new UsageError('conclusion.notFound', { meeting: meetingId, n: ord, count: n });
  }
  return row;
}

function conclusionTasks(db: Db, conclusionId: number): ConclusionTaskRow[] {
  return db
    .prepare(
      `SELECT t.id, u.name AS unitName, t.due_on AS dueOn, t.extensions, t.done_on AS doneOn, t.cancelled_on AS cancelledOn
       FROM task t JOIN unit u ON u.id = t.unit_id WHERE t.conclusion_id = ? ORDER BY t.id`,
    )
    .all(conclusionId) as ConclusionTaskRow[];
}

export interface ConclusionPatch {
  text?: string;
  /** The deadline of the conclusion's open tasks (a correction, not an extension). */
  dueOn?: IsoDate | null;
}

export function editConclusion(db: Db, audit: Audit, meetingId: number, ord: number, patch: ConclusionPatch, opts: WriteOptions = {}): { id: number; text: string; taskIds: number[] } {
  const meeting = meetingRow(db, meetingId);
  const before = conclusionRow(db, meetingId, ord);
  checkOpen(meeting, opts.force);
  const text = patch.text !== undefined ? cleanSummary(patch.text) : before.text;
  if (!text) throw new UsageError('conclusion.textEmpty', { field: 'text' });
  const tasks = conclusionTasks(db, before.id).filter((t) => !t.doneOn && !t.cancelledOn);
  if (patch.dueOn !== undefined) {
    if (!tasks.length) throw new UsageError('conclusion.noOpenTasks', { meeting: meetingId, n: ord });
    if (patch.dueOn !== null && patch.dueOn < meeting.heldOn) throw new UsageError('conclusion.dueBeforeMeeting', { field: 'dueOn', due: patch.dueOn, heldOn: meeting.heldOn });
    const extended = tasks.filter((t) => t.extensions > 0);
    if (extended.length) throw new UsageError('conclusion.tasksExtended', { ids: extended.map((t) => `#${t.id}`).join(', ') });
  }
  if (text === before.text && (patch.dueOn === undefined || tasks.every((t) => t.dueOn === patch.dueOn))) throw new UsageError('edit.nothingChanged', { entity: 'conclusion', id: `${meetingId}/${ord}` });
  writeTransaction(db, () => {
    if (text !== before.text) db.prepare('UPDATE conclusion SET text = ? WHERE id = ?').run(text, before.id);
    if (patch.dueOn !== undefined)
      for (const t of tasks) db.prepare('UPDATE task SET due_on = ?, original_due_on = ? WHERE id = ?').run(patch.dueOn, patch.dueOn, t.id);
    logChange(db, audit, 'conclusion', before.id, 'update', {
      meetingId,
      ord,
      ...(text !== before.text && { text: { from: before.text, to: text } }),
      ...(patch.dueOn !== undefined && { dueOn: { to: patch.dueOn, taskIds: tasks.map((t) => t.id), from: tasks.map((t) => t.dueOn) } }),
      ...(meeting.closedAt ? { forced: true } : {}),
    });
  });
  return { id: before.id, text, taskIds: patch.dueOn !== undefined ? tasks.map((t) => t.id) : [] };
}

/**
 * Removes a conclusion. Refused while it has tasks that are not cancelled, naming them; with
 * `cancelTasks` its open tasks are cancelled in the same transaction (done ones still refuse: they are
 * history). Its cancelled tasks keep their meeting and lose the link to the removed conclusion.
 */
export function removeConclusion(
  db: Db,
  audit: Audit,
  meetingId: number,
  ord: number,
  opts: WriteOptions & { cancelTasks?: { on: IsoDate; reason: string } } = {},
): { id: number; cancelledTaskIds: number[] } {
  const meeting = meetingRow(db, meetingId);
  const before = conclusionRow(db, meetingId, ord);
  checkOpen(meeting, opts.force);
  const tasks = conclusionTasks(db, before.id);
  const done = tasks.filter((t) => t.doneOn);
  const open = tasks.filter((t) => !t.doneOn && !t.cancelledOn);
  const list = (ts: ConclusionTaskRow[]) => ts.map((t) => `#${t.id} ${t.unitName}`).join(', ');
  if (done.length) throw new UsageError('conclusion.hasDoneTasks', { meeting: meetingId, n: ord, tasks: list(done) });
  if (open.length && !opts.cancelTasks) throw new UsageError('conclusion.hasOpenTasks', { meeting: meetingId, n: ord, tasks: list(open) });
  return writeTransaction(db, () => {
      if (open.length && opts.cancelTasks) cancelTasks(db, audit, open.map((t) => t.id), opts.cancelTasks);
      db.prepare('UPDATE task SET conclusion_id = NULL WHERE conclusion_id = ?').run(before.id);
      db.prepare('DELETE FROM conclusion WHERE id = ?').run(before.id);
      db.prepare('UPDATE conclusion SET ord = ord - 1 WHERE meeting_id = ? AND ord > ?').run(meetingId, ord);
      logChange(db, audit, 'conclusion', before.id, 'delete', { ...before, taskIds: tasks.map((t) => t.id), ...(meeting.closedAt ? { forced: true } : {}) });
      return { id: before.id, cancelledTaskIds: open.map((t) => t.id) };
    });
}
