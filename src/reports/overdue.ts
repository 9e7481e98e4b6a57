/**
 * The overdue report as data: tasks open on the day and past their time limit (and, when asked,
 * due within some days), unit by unit in Vietnamese order, the most overdue first. No flags, no output.
 */
import type { IsoDate } from '../domain/dates.js';
import { daysLeft, type TaskKind } from '../domain/tasks.js';
import { sortVi } from '../domain/text.js';
import type { Translate } from '../i18n/index.js';
import { sourceText, type OverdueItem, type OverdueReport } from '../render/overdue.js';
import type { Db } from '../store/db.js';
import { openTasksDue, type OpenDueRow } from '../store/task-reports.js';

export function buildOverdueReport(
  db: Db,
  t: Translate,
  q: { asOf: IsoDate; dueWithin: number | null; unitIds?: number[]; kind?: TaskKind; leaveOut?: (unitId: number, taskId: number) => boolean },
): OverdueReport {
  // The row from SQL becomes the item in place: at national scale there are tens of thousands,
  // and a copy of each would double what the garbage collector has to move.
  const toItem = (section: OverdueItem['section']) => (r: OpenDueRow): OverdueItem => {
    const left = daysLeft(r, q.asOf)!;
    const item = r as OpenDueRow & Partial<OverdueItem>;
    item.section = section;
    item.days = section === 'overdue' ? -left : left;
    item.daysOverdue = section === 'overdue' ? -left : null;
    item.daysLeft = section === 'due_soon' ? left : null;
    item.source = sourceText(r, t);
    return item as OverdueItem;
  };
  const kept = (rows: OpenDueRow[]) => (q.leaveOut ? rows.filter((r) => !q.leaveOut!(r.unitId, r.id)) : rows);
  const overdueRows = kept(openTasksDue(db, { asOf: q.asOf, status: 'overdue', unitIds: q.unitIds, kind: q.kind }));
  const dueSoonRows = q.dueWithin === null ? [] : kept(openTasksDue(db, { asOf: q.asOf, status: 'due_soon', dueWithin: q.dueWithin, unitIds: q.unitIds, kind: q.kind }));
  // Units in Vietnamese order (collated once per unit, not per comparison); within a unit the
  // most overdue (earliest due) first.
  const units = new Map<number, string>();
  for (const r of [...overdueRows, ...dueSoonRows]) units.set(r.unitId, r.unitName);
  const rank = new Map(sortVi([...units], ([, name]) => name, ([id]) => String(id)).map(([id], i) => [id, i]));
  const order = (a: OverdueItem, b: OverdueItem) => rank.get(a.unitId)! - rank.get(b.unitId)! || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id);
  const overdue = overdueRows.map(toItem('overdue')).sort(order);
  const dueSoon = dueSoonRows.map(toItem('due_soon')).sort(order);
  return {
    asOf: q.asOf,
    dueWithin: q.dueWithin,
    overdue,
    dueSoon,
    counts: {
      overdue: overdue.length,
      overdueUnits: new Set(overdue.map((i) => i.unitId)).size,
      dueSoon: dueSoon.length,
      dueSoonUnits: new Set(dueSoon.map((i) => i.unitId)).size,
    },
  };
}
