/**
 * Removing records. What depends on a record is listed first: a removal with dependants is refused
 * unless asked to take them along (`--with-dependants`), in which case each kind of dependant is
 * removed with it, unlinked from it (a reference that may be empty), or still blocks it (a child
 * unit must be dealt with on its own). Nothing is ever left pointing at a removed row. The change
 * log keeps every removed row whole (row_change) and the reason (change_log).
 */
import { writeTransaction } from './transaction.js';
import { NotFoundError, UsageError } from '../errors.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';

export const REMOVABLE = ['unit', 'person', 'document', 'task', 'plan', 'evaluation', 'activity'] as const;
export type RemovableKind = (typeof REMOVABLE)[number];

/** The record's table (a document is in `document`, the rest by their own name). */
const TABLE: Record<RemovableKind, string> = { unit: 'unit', person: 'person', document: 'document', task: 'task', plan: 'plan', evaluation: 'evaluation', activity: 'activity' };

interface DependantRule {
  /** Message key naming the dependants ("remove.dep.tasks"). */
  key: string;
  /** `id, label` of each dependant of record `?`. */
  list: string;
  /** What --with-dependants does with them: statements run with the record's id, or refuse. */
  cascade: string[] | 'block' | 'tasks';
  /** Whether --with-dependants removes them (true) or only unlinks them from the record. */
  removes: boolean;
}

const RULES: Record<RemovableKind, DependantRule[]> = {
  unit: [
    { key: 'remove.dep.childUnits', list: 'SELECT id, name AS label FROM unit WHERE parent_id = @id ORDER BY id', cascade: 'block', removes: false },
    { key: 'remove.dep.tasks', list: 'SELECT id, title AS label FROM task WHERE unit_id = @id ORDER BY id', cascade: 'tasks', removes: true },
    {
      key: 'remove.dep.carriedTasks',
      list: 'SELECT c.id, c.title AS label FROM task c JOIN task t ON t.id = c.carried_from_id WHERE t.unit_id = @id AND c.unit_id <> @id ORDER BY c.id',
      cascade: 'block',
      removes: false,
    },
    {
      key: 'remove.dep.invitedMeetings',
      list: `SELECT m.id, m.held_on || ' ' || m.title AS label FROM meeting_unit mu JOIN meeting m ON m.id = mu.meeting_id WHERE mu.unit_id = @id ORDER BY m.id`,
      cascade: ['DELETE FROM meeting_unit WHERE unit_id = @id'],
      removes: true,
    },
    { key: 'remove.dep.organizedMeetings', list: `SELECT id, held_on || ' ' || title AS label FROM meeting WHERE organizer_id = @id ORDER BY id`, cascade: ['UPDATE meeting SET organizer_id = NULL WHERE organizer_id = @id'], removes: false },
    { key: 'remove.dep.speeches', list: 'SELECT id, summary AS label FROM speech WHERE unit_id = @id ORDER BY id', cascade: ['DELETE FROM speech WHERE unit_id = @id AND speaker_id IS NULL', 'UPDATE speech SET unit_id = NULL WHERE unit_id = @id'], removes: true },
    { key: 'remove.dep.people', list: 'SELECT id, full_name AS label FROM person WHERE unit_id = @id ORDER BY id', cascade: ['UPDATE person SET unit_id = NULL WHERE unit_id = @id'], removes: false },
    {
      key: 'remove.dep.pastMembers',
      list: 'SELECT mh.id, p.full_name AS label FROM membership_history mh JOIN person p ON p.id = mh.person_id WHERE mh.unit_id = @id ORDER BY mh.id',
      cascade: ['UPDATE membership_history SET unit_id = NULL WHERE unit_id = @id'],
      removes: false,
    },
    { key: 'remove.dep.activities', list: `SELECT id, held_on || ' ' || title AS label FROM activity WHERE unit_id = @id ORDER BY id`, cascade: ['DELETE FROM activity WHERE unit_id = @id'], removes: true },
    {
      key: 'remove.dep.successorLinks',
      list: `SELECT u.id, u.name AS label FROM unit_successor s JOIN unit u ON u.id = CASE WHEN s.unit_id = @id THEN s.successor_id ELSE s.unit_id END WHERE @id IN (s.unit_id, s.successor_id) ORDER BY u.id`,
      cascade: ['DELETE FROM unit_successor WHERE unit_id = @id OR successor_id = @id'],
      removes: true,
    },
  ],
  person: [
    {
      key: 'remove.dep.chairedMeetings',
      list: `SELECT m.id, m.held_on || ' ' || m.title AS label FROM meeting_person mp JOIN meeting m ON m.id = mp.meeting_id WHERE mp.person_id = @id ORDER BY m.id`,
      cascade: ['DELETE FROM meeting_person WHERE person_id = @id'],
      removes: true,
    },
    { key: 'remove.dep.recordedMeetings', list: `SELECT id, held_on || ' ' || title AS label FROM meeting WHERE recorder_id = @id ORDER BY id`, cascade: ['UPDATE meeting SET recorder_id = NULL WHERE recorder_id = @id'], removes: false },
    { key: 'remove.dep.speeches', list: 'SELECT id, summary AS label FROM speech WHERE speaker_id = @id ORDER BY id', cascade: ['DELETE FROM speech WHERE speaker_id = @id AND unit_id IS NULL', 'UPDATE speech SET speaker_id = NULL WHERE speaker_id = @id'], removes: true },
    { key: 'remove.dep.ownedTasks', list: 'SELECT id, title AS label FROM task WHERE owner_id = @id ORDER BY id', cascade: ['UPDATE task SET owner_id = NULL WHERE owner_id = @id'], removes: false },
    { key: 'remove.dep.plans', list: `SELECT id, CAST(year AS TEXT) AS label FROM plan WHERE person_id = @id ORDER BY year`, cascade: ['DELETE FROM plan WHERE person_id = @id'], removes: true },
    { key: 'remove.dep.evaluations', list: `SELECT id, year || ': ' || result AS label FROM evaluation WHERE person_id = @id ORDER BY year`, cascade: ['DELETE FROM evaluation WHERE person_id = @id'], removes: true },
    {
      key: 'remove.dep.memberships',
      list: `SELECT id, coalesce(valid_from, '…') || ' – ' || valid_to AS label FROM membership_history WHERE person_id = @id ORDER BY valid_to`,
      cascade: ['DELETE FROM membership_history WHERE person_id = @id'],
      removes: true,
    },
  ],
  document: [
    {
      key: 'remove.dep.docMeetings',
      list: `SELECT m.id, m.held_on || ' ' || m.title AS label FROM meeting_document md JOIN meeting m ON m.id = md.meeting_id WHERE md.document_id = @id ORDER BY m.id`,
      cascade: ['DELETE FROM meeting_document WHERE document_id = @id'],
      removes: true,
    },
    { key: 'remove.dep.docTasks', list: 'SELECT id, title AS label FROM task WHERE document_id = @id ORDER BY id', cascade: ['UPDATE task SET document_id = NULL WHERE document_id = @id'], removes: false },
  ],
  task: [
    // A carried-over task may be due before its start only while it names the task it continues.
    { key: 'remove.dep.carriedTasks', list: 'SELECT id, title AS label FROM task WHERE carried_from_id = @id ORDER BY id', cascade: 'block', removes: false },
  ],
  plan: [],
  evaluation: [],
  activity: [],
};

export interface DependantGroup {
  key: string;
  /** Under --with-dependants: removed with the record, unlinked from it, or still in the way. */
  action: 'remove' | 'unlink' | 'block';
  items: { id: number; label: string }[];
}

export function findDependants(db: Db, kind: RemovableKind, id: number): DependantGroup[] {
  const out: DependantGroup[] = [];
  for (const rule of RULES[kind]) {
    const items = db.prepare(rule.list).all({ id }) as { id: number; label: string }[];
    if (items.length) out.push({ key: rule.key, action: rule.cascade === 'block' ? 'block' : rule.removes ? 'remove' : 'unlink', items });
  }
  return out;
}

/** The record as it is stored, or a not-found error (exit 1). */
export function storedRecord(db: Db, kind: RemovableKind, id: number): Record<string, unknown> {
  const row = db.prepare(`SELECT * FROM "${TABLE[kind]}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new NotFoundError('remove.notFound', { entity: kind, id });
  return row;
}

/** Tasks go with their history; a task group left empty goes too. */
function deleteTasks(db: Db, ids: number[]): void {
  const groups = new Set<number>();
  for (const id of ids) {
    const g = db.prepare('SELECT group_id FROM task WHERE id = ?').pluck().get(id) as number | null | undefined;
    if (g != null) groups.add(g);
    db.prepare('DELETE FROM task_event WHERE task_id = ?').run(id);
    db.prepare('DELETE FROM task WHERE id = ?').run(id);
  }
  for (const g of groups) db.prepare('DELETE FROM task_group WHERE id = ? AND NOT EXISTS (SELECT 1 FROM task WHERE group_id = ?)').run(g, g);
}

/**
 * Removes the records in one transaction. Without `withDependants` a record with dependants is
 * refused (a usage error carrying the groups); with it, dependants are removed or unlinked as the
 * rules say, and a blocking one still refuses.
 */
export function removeRecords(db: Db, audit: Audit, kind: RemovableKind, ids: number[], opts: { reason: string; withDependants?: boolean }): void {
  writeTransaction(db, () => {
    for (const id of ids) {
      const row = storedRecord(db, kind, id);
      const groups = findDependants(db, kind, id);
      if (groups.length && (!opts.withDependants || groups.some((g) => g.action === 'block'))) throw new DependantsError(kind, id, groups);
      const cascaded: Record<string, number> = {};
      for (const rule of RULES[kind]) {
        const group = groups.find((g) => g.key === rule.key);
        if (!group) continue;
        cascaded[rule.key.replace('remove.dep.', '')] = group.items.length;
        if (rule.cascade === 'tasks') deleteTasks(db, group.items.map((i) => i.id));
        else if (rule.cascade !== 'block') for (const sql of rule.cascade) db.prepare(sql).run({ id });
      }
      if (kind === 'task') deleteTasks(db, [id]);
      else db.prepare(`DELETE FROM "${TABLE[kind]}" WHERE id = ?`).run(id);
      logChange(db, audit, kind === 'document' ? 'document' : kind, id, 'delete', { reason: opts.reason, record: row, ...(Object.keys(cascaded).length ? { withDependants: cascaded } : {}) });
    }
  });
}

/** A removal refused because others depend on the record: the command lists them. */
export class DependantsError extends UsageError {
  constructor(
    readonly kind: RemovableKind,
    readonly id: number,
    readonly groups: DependantGroup[],
  ) {
    super('remove.hasDependants', { entity: kind, id });
  }
}

const MEETING_GROUPS = new Set(['remove.dep.invitedMeetings', 'remove.dep.organizedMeetings', 'remove.dep.chairedMeetings', 'remove.dep.recordedMeetings', 'remove.dep.docMeetings']);

/** Closed meetings (minutes signed off) that taking these dependants along would change. */
export function closedMeetingsAmong(db: Db, groups: DependantGroup[]): number[] {
  const meetings = groups.filter((g) => MEETING_GROUPS.has(g.key)).flatMap((g) => g.items.map((i) => i.id));
  const speeches = groups.filter((g) => g.key === 'remove.dep.speeches').flatMap((g) => g.items.map((i) => i.id));
  return db
    .prepare(
      `SELECT id FROM meeting WHERE closed_at IS NOT NULL
          AND (id IN (SELECT value FROM json_each(?)) OR id IN (SELECT meeting_id FROM speech WHERE id IN (SELECT value FROM json_each(?))))
        ORDER BY id`,
    )
    .pluck()
    .all(JSON.stringify(meetings), JSON.stringify(speeches)) as number[];
}

/** The SQL of the rules of a kind, for the test that every reference to its table is handled. */
export function dependantRulesSql(kind: RemovableKind): string {
  return RULES[kind].map((r) => [r.list, ...(Array.isArray(r.cascade) ? r.cascade : [])].join('\n')).join('\n');
}
