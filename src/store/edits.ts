/**
 * Correcting records entered by mistake: documents, activities, evaluations and tasks (units,
 * people and plans have their own edit functions). Each edit is one transaction; the change log
 * keeps the values before and after.
 */
import { writeTransaction } from './transaction.js';
import { NotFoundError, UsageError } from '../errors.js';
import { ACTIVITY_KINDS, type ActivityKind, type EvaluationResult } from '../domain/compliance.js';
import { formatDateVi, yearOf, type IsoDate } from '../domain/dates.js';
import { parseDocCode } from '../domain/documents.js';
import { cleanText, fold, optionalText } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { requireTasks } from './tasks.js';
import { assertVersion, type VersionedTable } from './versions.js';

function changed<T extends object>(before: Record<string, unknown>, after: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) (out as Record<string, unknown>)[k] = v;
  return out;
}

export interface DocumentPatch {
  code?: string;
  title?: string | null;
  issuedOn?: IsoDate | null;
  issuingBody?: string | null;
  note?: string | null;
  /** The version the edit was made on (refused if the record changed since). */
  ifVersion?: number;
}

export function editDocument(db: Db, audit: Audit, id: number, patch: DocumentPatch): void {
  const before = db.prepare('SELECT * FROM document WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!before) throw new NotFoundError('lookup.idNotFound', { entity: 'document', id });
  const set: Record<string, unknown> = {};
  if (patch.code !== undefined) {
    const parsed = parseDocCode(patch.code);
    if (!parsed) throw new UsageError('doc.badCode', { value: patch.code });
    if (db.prepare('SELECT 1 FROM document WHERE code = ? AND id <> ?').get(parsed.code, id)) throw new UsageError('doc.codeTaken', { code: parsed.code });
    Object.assign(set, { code: parsed.code, code_folded: fold(parsed.code), number: parsed.number, type: parsed.type, issuer: parsed.issuer });
  }
  if (patch.title !== undefined) {
    const title = optionalText(patch.title);
    Object.assign(set, { title, title_folded: title ? fold(title) : null });
  }
  if (patch.issuedOn !== undefined) set.issued_on = patch.issuedOn;
  if (patch.issuingBody !== undefined) set.issuing_body = optionalText(patch.issuingBody);
  if (patch.note !== undefined) set.note = optionalText(patch.note);
  updateRow(db, audit, 'document', id, before, set, patch.ifVersion);
}

/**
 * One UPDATE of the columns given (names from this module, never from input), logged; refused
 * first when the record is no longer at the version the edit was made on.
 */
function updateRow(db: Db, audit: Audit, table: VersionedTable, id: number, before: Record<string, unknown>, set: Record<string, unknown>, ifVersion?: number): void {
  const diff = changed(before, set);
  if (!Object.keys(diff).length) return assertVersion(db, table, id, ifVersion, audit.at);
  writeTransaction(db, () => {
    assertVersion(db, table, id, ifVersion, audit.at);
    db.prepare(`UPDATE "${table}" SET ${Object.keys(diff).map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = @id`).run({ ...diff, id });
    logChange(db, audit, table, id, 'update', { before: Object.fromEntries(Object.keys(diff).map((k) => [k, before[k]])), after: diff });
  });
}

export interface ActivityPatch {
  unitId?: number;
  heldOn?: IsoDate;
  kind?: ActivityKind;
  title?: string;
  participants?: number | null;
  ifVersion?: number;
}

export function editActivity(db: Db, audit: Audit, id: number, patch: ActivityPatch): void {
  // A kind outside the list is bad input whatever the id: refused before the row is looked up.
  if (patch.kind !== undefined && !ACTIVITY_KINDS.includes(patch.kind))
    throw new UsageError('input.badChoice', { field: 'kind', value: patch.kind, accepted: ACTIVITY_KINDS.join(', ') });
  const before = db.prepare('SELECT * FROM activity WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!before) throw new NotFoundError('lookup.idNotFound', { entity: 'activity', id });
  const set: Record<string, unknown> = {};
  if (patch.unitId !== undefined) set.unit_id = patch.unitId;
  if (patch.heldOn !== undefined) set.held_on = patch.heldOn;
  if (patch.kind !== undefined) set.kind = patch.kind;
  if (patch.title !== undefined) {
    const title = cleanText(patch.title);
    if (!title) throw new UsageError('activity.titleEmpty', { field: 'title' });
    set.title = title;
  }
  if (patch.participants !== undefined) set.participants = patch.participants;
  updateRow(db, audit, 'activity', id, before, set, patch.ifVersion);
}

export interface EvaluationPatch {
  result?: EvaluationResult;
  score?: number | null;
  planUsed?: boolean | null;
  ifVersion?: number;
}

export function editEvaluation(db: Db, audit: Audit, id: number, patch: EvaluationPatch): void {
  const before = db.prepare('SELECT * FROM evaluation WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!before) throw new NotFoundError('lookup.idNotFound', { entity: 'evaluation', id });
  const set: Record<string, unknown> = {};
  if (patch.result !== undefined) set.result = patch.result;
  if (patch.score !== undefined) set.score = patch.score;
  if (patch.planUsed !== undefined) set.plan_used = patch.planUsed === null ? null : patch.planUsed ? 1 : 0;
  updateRow(db, audit, 'evaluation', id, before, set, patch.ifVersion);
}

export interface TaskPatch {
  title?: string;
  target?: string | null;
  unitId?: number;
  startOn?: IsoDate;
  /** A due date, or a duration from the (new) start of each task. */
  due?: { on: IsoDate | null } | { from: (start: IsoDate) => IsoDate };
  meetingId?: number | null;
  documentId?: number | null;
  ownerId?: number | null;
  note?: string | null;
  /** The version the edit was made on (one task only; refused if it changed since). */
  ifVersion?: number;
}

/**
 * Corrects tasks (a whole group at once if asked). The due date set here is a correction, not an
 * extension: while a task was never extended its original due date follows it. Every task is
 * checked before any is written.
 */
export function editTasks(db: Db, audit: Audit, ids: number[], patch: TaskPatch): void {
  const tasks = requireTasks(db, ids);
  const updates: { id: number; before: Record<string, unknown>; set: Record<string, unknown> }[] = [];
  for (const t of tasks) {
    const before = db.prepare('SELECT * FROM task WHERE id = ?').get(t.id) as Record<string, unknown>;
    const set: Record<string, unknown> = {};
    if (patch.title !== undefined) {
      const title = cleanText(patch.title);
      if (!title) throw new UsageError('task.titleEmpty');
      set.title = title;
    }
    if (patch.target !== undefined) set.target = optionalText(patch.target);
    if (patch.unitId !== undefined) set.unit_id = patch.unitId;
    const start = patch.startOn ?? t.startOn;
    if (patch.startOn !== undefined) {
      set.start_on = patch.startOn;
      if (t.kind === 'task') set.year = yearOf(patch.startOn);
    }
    if (patch.due !== undefined) {
      const due = 'on' in patch.due ? patch.due.on : patch.due.from(start);
      set.due_on = due;
      if (t.extensions === 0) set.original_due_on = due;
    }
    const due = (set.due_on as IsoDate | null | undefined) !== undefined ? (set.due_on as IsoDate | null) : t.dueOn;
    if (due && due < start) throw new UsageError('task.editDueBeforeStart', { id: t.id, due: formatDateVi(due), start: formatDateVi(start) });
    const closed = t.doneOn ?? t.cancelledOn;
    if (closed && closed < start) throw new UsageError('task.editClosedBeforeStart', { id: t.id, closed: formatDateVi(closed), start: formatDateVi(start) });
    if (patch.meetingId !== undefined) set.meeting_id = patch.meetingId;
    if (patch.documentId !== undefined) set.document_id = patch.documentId;
    if (patch.ownerId !== undefined) set.owner_id = patch.ownerId;
    if (patch.note !== undefined) set.note = optionalText(patch.note);
    updates.push({ id: t.id, before, set });
  }
  writeTransaction(db, () => {
    for (const u of updates) updateRow(db, audit, 'task', u.id, u.before, u.set, patch.ifVersion);
  });
}
