/**
 * Merging units on a day (the 2025 reorganisation): the old units end the day before, the
 * successor links are recorded, the members move to the successor from that day (history kept),
 * and the old units' open tasks (and breakthroughs of that year) are carried over: each old task
 * is closed as carried over, and the successor gets a linked task with the same time limit. One
 * transaction; a dry run does it all and rolls it back.
 */
import { writeOrDryRun } from './transaction.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { moveMembers } from './memberships.js';

export interface CarriedTask {
  fromId: number;
  /** Null in a dry run. */
  toId: number | null;
  toUnitName: string;
  kind: string;
  title: string;
  fromUnitId: number;
  fromUnitName: string;
  dueOn: IsoDate | null;
}

export interface MergeResult {
  on: IsoDate;
  /** The successor (the first of them for a split: where the members went). */
  into: { id: number; name: string };
  successors: { id: number; name: string }[];
  olds: { id: number; name: string; validTo: IsoDate | null }[];
  membersMoved: number;
  tasks: CarriedTask[];
  dryRun: boolean;
}

export interface MergeTexts {
  /** The reason stored on the old task ("Chuyển sang … (nhiệm vụ #…)"), one successor task or several. */
  carriedTo(targets: { unitName: string; taskId: number }[], on: IsoDate): string;
  /** The note of the created event of the successor's task. */
  carriedFrom(oldName: string, oldId: number, on: IsoDate): string;
}

/**
 * Merge (several old units, one successor) or split (one old unit, several successors). In a split
 * every successor gets a linked copy of each open task, and the members go to `membersToId`.
 */
export function mergeUnits(
  db: Db,
  audit: Audit,
  input: { oldIds: number[]; intoIds: number[]; membersToId?: number; on: IsoDate; dryRun?: boolean; texts: MergeTexts },
): MergeResult {
  const { on } = input;
  const dayBefore = addDays(on, -1);
  const unitRow = db.prepare('SELECT id, name, valid_to AS validTo FROM unit WHERE id = ?');
  const endUnit = db.prepare('UPDATE unit SET valid_to = ? WHERE id = ?');
  const link = db.prepare('INSERT OR IGNORE INTO unit_successor (unit_id, successor_id) VALUES (?, ?)');
  const people = db.prepare('SELECT id FROM person WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY id');
  const openTasks = db.prepare(
    `SELECT t.id, t.kind, t.title, t.unit_id AS unitId, u.name AS unitName, t.due_on AS dueOn, t.start_on AS startOn, t.percent
       FROM task t JOIN unit u ON u.id = t.unit_id
      WHERE t.unit_id IN (SELECT value FROM json_each(@olds)) AND t.done_on IS NULL AND t.cancelled_on IS NULL
        AND (t.kind = 'task' OR t.year = @year)
      ORDER BY t.id`,
  );
  const copy = db.prepare(
    `INSERT INTO task (kind, unit_id, title, target, year, start_on, due_on, original_due_on, percent, meeting_id, conclusion_id,
                       document_id, owner_id, note, illustrative, created_at, carried_from_id)
     SELECT kind, @into, title, target, CASE kind WHEN 'task' THEN @year ELSE year END, @on, due_on, due_on, percent, meeting_id, conclusion_id,
            document_id, owner_id, note, illustrative, @at, id
       FROM task WHERE id = @id`,
  );
  // The new task's first event carries the progress it takes over: reports read a task's progress
  // on a day from its events (the overdue report showed a carried task at 0 %).
  const event = db.prepare('INSERT INTO task_event (task_id, kind, on_date, new_due, text, created_at, percent) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const close = db.prepare('UPDATE task SET cancelled_on = ?, cancel_reason = ? WHERE id = ?');

  const work = (): MergeResult => {
    const successors = input.intoIds.map((id) => unitRow.get(id) as { id: number; name: string });
    const membersTo = successors.find((u) => u.id === input.membersToId) ?? successors[0];
    const olds = input.oldIds.map((id) => unitRow.get(id) as { id: number; name: string; validTo: IsoDate | null });
    for (const o of olds) {
      if (o.validTo === null || o.validTo > dayBefore) {
        endUnit.run(dayBefore, o.id);
        o.validTo = dayBefore;
      }
      for (const into of successors) link.run(o.id, into.id);
    }
    const ids = (people.all(JSON.stringify(input.oldIds)) as { id: number }[]).map((r) => r.id);
    const { moved } = moveMembers(db, audit, ids, membersTo.id, on);
    const tasks: CarriedTask[] = [];
    const rows = openTasks.all({ olds: JSON.stringify(input.oldIds), year: Number(on.slice(0, 4)) }) as {
      id: number;
      kind: string;
      title: string;
      unitId: number;
      unitName: string;
      dueOn: IsoDate | null;
      startOn: IsoDate;
      percent: number;
    }[];
    for (const t of rows) {
      const targets: { unitName: string; taskId: number }[] = [];
      for (const into of successors) {
        const toId = Number(copy.run({ into: into.id, year: Number(on.slice(0, 4)), on, at: audit.at, id: t.id }).lastInsertRowid);
        event.run(toId, 'created', on, t.dueOn, input.texts.carriedFrom(t.unitName, t.id, on), audit.at, t.percent);
        targets.push({ unitName: into.name, taskId: toId });
        tasks.push({ fromId: t.id, toId, toUnitName: into.name, kind: t.kind, title: t.title, fromUnitId: t.unitId, fromUnitName: t.unitName, dueOn: t.dueOn });
      }
      const closedOn = t.startOn > dayBefore ? t.startOn : dayBefore;
      const reason = input.texts.carriedTo(targets, on);
      close.run(closedOn, reason, t.id);
      event.run(t.id, 'cancel', closedOn, null, reason, audit.at, null);
      logChange(db, audit, 'task', t.id, 'carry', { to: targets, on });
    }
    logChange(db, audit, 'unit', membersTo.id, successors.length > 1 ? 'split' : 'merge', { from: input.oldIds, into: input.intoIds, on, membersMoved: moved, tasksCarried: rows.length });
    const result: MergeResult = { on, into: membersTo, successors, olds, membersMoved: moved, tasks, dryRun: !!input.dryRun };
    return result;
  };
  const result = writeOrDryRun(db, input.dryRun, work);
  // A dry run's new tasks were rolled back: they have no ids.
  return input.dryRun ? { ...result, tasks: result.tasks.map((t) => ({ ...t, toId: null })) } : result;
}
