// Task status has one rule, classifyTask, and one SQL form of it (src/store/task-status-sql.ts). On
// random task histories, written through the store's own writers, every query that picks tasks by
// status must put each task exactly where classifyTask does: the task list filtered by each status,
// the overdue report (both its row and its compact JSON form, with the days), the per-unit counts of
// `report tasks`, and the compliance overdue count and its detail list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iterateTaskListingRows } from '../../src/store/task-listing.js';
import { buildOverdueReport } from '../../src/reports/overdue.js';
import { STATUS_FILTERS, type StatusFilter } from '../../src/cli/commands/tasks/shared.js';
import { addDays, daysBetween, type IsoDate } from '../../src/domain/dates.js';
import { classifyTask, CLOSED_STATUSES, dueSoonUntil, isCarriedOver, isDoneStatus, isOpenStatus, OPEN_STATUSES, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../src/domain/tasks.js';
import { translator } from '../../src/i18n/index.js';
import { gatherFacts, unitDetailLists, type ComplianceScope } from '../../src/store/compliance.js';
import { memoryDatabase, type Db } from '../../src/store/db.js';
import { STATUS_WHEN } from '../../src/store/task-status-sql.js';
import { openTasksDueJson, taskCountsByUnit, type UnitTaskCounts } from '../../src/store/task-reports.js';
import { addTasks, cancelTasks, extendTasks, markDone, recordProgress, reopenTasks } from '../../src/store/task-writes.js';
import { listTasks, type Task } from '../../src/store/tasks.js';
import { mergeUnits } from '../../src/store/unit-merge.js';
import { addUnit } from '../../src/store/units.js';
import { UsageError } from '../../src/errors.js';

const audit = { at: '2026-12-01T00:00:00.000Z', user: 'tester', command: 'test' };
const t = translator('vi');
/** Days are drawn as offsets from here: three months across a year end, so "carried over" occurs. */
const BASE = '2024-12-01';
const day = (offset: number): IsoDate => addDays(BASE, offset);

type Op = { op: 'progress' | 'extend' | 'done' | 'cancel' | 'reopen'; at: number; value: number };
interface History {
  start: number;
  /** Days from the start to the due date; null: no due date. */
  due: number | null;
  kind: TaskKind;
  /** Assigned for the year before that of its start (a task carried into the year). */
  earlierYear: boolean;
  ops: Op[];
}
interface Case {
  histories: History[];
  /** The day the first unit is merged into the second, carrying its open tasks over (null: no merge). */
  mergeOn: number | null;
  /** Changes to the carried-over tasks after the merge. */
  afterMerge: Op[];
  asOf: number;
  /** When set, the as-of day is taken instead next to a day of the history (a start, a due date, a change, the merge), where the rule turns. */
  nearEvent: { pick: number; shift: number } | null;
  warnDays: number;
  /** The report period: starts this many days before the as-of day, lasts `periodDays`. */
  periodBack: number;
  periodDays: number;
  /** What the task list is asked for: one status (or open, done, carried_over), then several at once. */
  one: StatusFilter;
  several: StatusFilter[];
}

const op = fc.record({ op: fc.constantFrom('progress', 'extend', 'done', 'cancel', 'reopen'), at: fc.integer({ min: 0, max: 70 }), value: fc.integer({ min: 0, max: 100 }) }) as fc.Arbitrary<Op>;
const history: fc.Arbitrary<History> = fc.record({
  start: fc.integer({ min: 0, max: 80 }),
  due: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null, freq: 6 }),
  kind: fc.constantFrom<TaskKind>('task', 'task', 'breakthrough'),
  earlierYear: fc.boolean(),
  ops: fc.array(op, { maxLength: 5 }),
});
const aCase: fc.Arbitrary<Case> = fc.record({
  histories: fc.array(history, { minLength: 1, maxLength: 6 }),
  mergeOn: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null, freq: 2 }),
  afterMerge: fc.array(op, { maxLength: 3 }),
  asOf: fc.integer({ min: -3, max: 130 }),
  nearEvent: fc.option(fc.record({ pick: fc.nat(), shift: fc.integer({ min: -1, max: 1 }) }), { nil: null, freq: 1 }),
  warnDays: fc.integer({ min: 0, max: 14 }),
  periodBack: fc.integer({ min: 0, max: 60 }),
  periodDays: fc.integer({ min: 0, max: 90 }),
  one: fc.constantFrom(...STATUS_FILTERS),
  several: fc.subarray([...STATUS_FILTERS], { minLength: 2, maxLength: 4 }),
});

/** Applies one change through the store's writer; a change the writer refuses (done twice, before the start…) is left out. */
function apply(db: Db, id: number, o: Op, startOn: IsoDate) {
  const on = addDays(startOn, o.at);
  try {
    if (o.op === 'progress') recordProgress(db, audit, [id], { percent: o.value, on });
    else if (o.op === 'extend') extendTasks(db, audit, [id], { due: addDays(startOn, o.value % 60), reason: 'gia hạn', on });
    else if (o.op === 'done') markDone(db, audit, [id], { on });
    else if (o.op === 'cancel') cancelTasks(db, audit, [id], { on, reason: 'hủy' });
    else reopenTasks(db, audit, [id], { on, reason: 'mở lại', percent: o.value % 2 ? o.value : undefined });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
  }
}

let db: Db | undefined;
let cases = 0;
let units = 0;
/** One in-memory database per hundred cases; each case writes to units of its own. */
function database(): Db {
  if (!db || cases++ % 100 === 0) db = memoryDatabase();
  return db;
}

function write(c: Case): { db: Db; unitIds: [number, number]; transferred: Set<number> } {
  const db = database();
  const unitIds: [number, number] = [0, 1].map(() => {
    units += 1;
    return addUnit(db, audit, { name: `Phường Thử ${units}`, code: `T${units}`, kind: 'ward' });
  }) as [number, number];
  for (const h of c.histories) {
    const startOn = day(h.start);
    const [id] = addTasks(db, audit, {
      title: 'Nhiệm vụ',
      unitIds: [unitIds[0]],
      startOn,
      dueOn: h.due === null ? null : addDays(startOn, h.due),
      kind: h.kind,
      year: Number(startOn.slice(0, 4)) - (h.earlierYear ? 1 : 0),
    });
    for (const o of h.ops) apply(db, id, o, startOn);
  }
  const transferred = new Set<number>();
  if (c.mergeOn !== null) {
    const merged = mergeUnits(db, audit, {
      oldIds: [unitIds[0]],
      intoIds: [unitIds[1]],
      on: day(c.mergeOn),
      texts: { carriedTo: (targets) => `Chuyển sang ${targets.map((x) => x.unitName).join(', ')}`, carriedFrom: (name, id) => `Từ ${name} (#${id})` },
    });
    merged.tasks.forEach((m, i) => {
      transferred.add(m.fromId);
      for (const o of c.afterMerge.filter((_, j) => j % merged.tasks.length === i)) apply(db, m.toId!, o, day(c.mergeOn!));
    });
  }
  return { db, unitIds, transferred };
}

const ids = (list: { id: number }[]) => list.map((x) => x.id).sort((a, b) => a - b);
const byDueThenId = (a: Task, b: Task) => (a.dueOn! < b.dueOn! ? -1 : a.dueOn! > b.dueOn! ? 1 : a.id - b.id);

function matches(status: TaskStatus, task: Task, asOf: IsoDate, wanted: StatusFilter): boolean {
  if (wanted === 'open') return isOpenStatus(status);
  if (wanted === 'done') return isDoneStatus(status);
  if (wanted === 'carried_over') return isOpenStatus(status) && task.year < Number(asOf.slice(0, 4));
  return status === wanted;
}

function expectedCounts(tasks: { task: Task; status: TaskStatus }[], unitId: number, from: IsoDate, until: IsoDate): Omit<UnitTaskCounts, 'unitId'> {
  const counted = tasks.filter(({ task }) => task.unitId === unitId && ((task.startOn >= from && task.startOn <= until) || isCarriedOver(task, from)));
  const n = (pick: (x: { task: Task; status: TaskStatus }) => boolean) => counted.filter(pick).length;
  const dueInPeriod = (task: Task) => task.dueOn !== null && task.dueOn >= from && task.dueOn <= until;
  return {
    assigned: n(({ task }) => task.startOn >= from),
    carriedOver: n(({ task }) => task.startOn < from),
    total: counted.length,
    doneOnTime: n(({ status }) => status === 'done_on_time'),
    doneLate: n(({ status }) => status === 'done_late'),
    doneNoDeadline: n(({ status }) => status === 'done_no_deadline'),
    inProgress: n(({ status }) => status === 'in_progress' || status === 'due_soon'),
    dueSoon: n(({ status }) => status === 'due_soon'),
    overdue: n(({ status }) => status === 'overdue'),
    noDeadline: n(({ status }) => status === 'no_deadline'),
    cancelled: n(({ status }) => status === 'cancelled' || status === 'transferred'),
    extended: n(({ task }) => task.extensions > 0),
    dueInPeriod: n(({ task, status }) => status !== 'cancelled' && status !== 'transferred' && dueInPeriod(task)),
    dueInPeriodDoneOnTime: n(({ task, status }) => status === 'done_on_time' && dueInPeriod(task)),
  };
}

function asOfOffset(c: Case): number {
  if (!c.nearEvent) return c.asOf;
  const days = c.histories.flatMap((h) => [h.start, ...(h.due === null ? [] : [h.start + h.due]), ...h.ops.map((o) => h.start + o.at)]);
  if (c.mergeOn !== null) days.push(c.mergeOn, c.mergeOn - 1);
  return days[c.nearEvent.pick % days.length] + c.nearEvent.shift;
}

function check(c: Case): void {
  const { db, unitIds, transferred } = write(c);
  const asOf = day(asOfOffset(c));
  const warn = c.warnDays;
  const all = listTasks(db, { unitIds });
  // The stored facts classifyTask reads: "transferred" is exactly the tasks the merge carried over.
  for (const task of all) expect(task.transferred, `task ${task.id} transferred`).toBe(task.cancelledOn !== null && transferred.has(task.id));
  const assigned = all.filter((task) => task.startOn <= asOf).map((task) => ({ task, status: classifyTask(task, asOf, warn) }));
  const having = (pick: (x: { task: Task; status: TaskStatus }) => boolean) => assigned.filter(pick).map((x) => x.task);

  // The task list by status (its SQL alone: no filter after it). One status a case keeps the run
  // short; over a thousand cases each one is asked for some eighty times, and as part of a set more.
  const status = (wanted: StatusFilter[]) => ({ wanted, asOf, warnUntil: dueSoonUntil(asOf, warn) });
  for (const wanted of [[c.one], c.several]) {
    const got = listTasks(db, { unitIds, startedBy: asOf, status: status(wanted) });
    const want = having(({ task, status: s }) => wanted.some((w) => matches(s, task, asOf, w)));
    expect(ids(got), `task list --status ${wanted.join(',')} on ${asOf}`).toEqual(ids(want));
  }

  // The listing of every task, as SQLite builds it (task list --json in a pipe, TSV, CSV): each
  // task's status and days left, and nothing else listed.
  const rows = [...iterateTaskListingRows(db, { unitIds, startedBy: asOf, asOf, warnDays: warn })];
  expect(
    rows.map(([id, , , , s, left]) => [id, s, left]),
    `task list (every task) on ${asOf}`,
  ).toEqual(
    [...assigned]
      .sort((a, b) => (a.task.dueOn ?? '9999-99-99').localeCompare(b.task.dueOn ?? '9999-99-99') || a.task.id - b.task.id)
      .map(({ task, status: s }) => [task.id, s, isOpenStatus(s) && task.dueOn ? daysBetween(asOf, task.dueOn) : null]),
  );

  // The overdue report, with the due-soon part over the same window, as rows and as compact JSON.
  const overdue = having(({ status: s }) => s === 'overdue');
  const dueSoon = having(({ status: s }) => s === 'due_soon');
  const report = buildOverdueReport(db, t, { asOf, dueWithin: warn, unitIds });
  expect(ids(report.overdue), `overdue on ${asOf}`).toEqual(ids(overdue));
  expect(ids(report.dueSoon), `due soon on ${asOf}`).toEqual(ids(dueSoon));
  for (const item of report.overdue) expect([item.daysOverdue, item.days, item.daysLeft]).toEqual([daysBetween(item.dueOn, asOf), daysBetween(item.dueOn, asOf), null]);
  for (const item of report.dueSoon) expect([item.daysOverdue, item.days, item.daysLeft]).toEqual([null, daysBetween(asOf, item.dueOn), daysBetween(asOf, item.dueOn)]);
  const templates = { meeting: 'họp \u0001 \u0002', conclusion: 'kết luận \u0001' };
  for (const [part, want] of [['overdue', report.overdue], ['due_soon', report.dueSoon]] as const) {
    const json = openTasksDueJson(db, { asOf, status: part, dueWithin: warn, unitIds, unitRanks: [], templates });
    const items = json.items.map((b) => JSON.parse(b.toString('utf8')));
    expect(items.map((i) => [i.id, i.section, i.days, i.daysOverdue, i.daysLeft]), `overdue --json ${part} on ${asOf}`).toEqual(
      [...want].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id)).map((i) => [i.id, part, i.days, i.daysOverdue, i.daysLeft]),
    );
  }

  // The per-unit counts of a period that has begun by the as-of day.
  const from = addDays(asOf, -c.periodBack);
  const to = addDays(from, c.periodDays);
  const until = to < asOf ? to : asOf;
  const counts = taskCountsByUnit(db, { from, to, asOf, warnDays: warn });
  for (const unitId of unitIds) {
    const want = expectedCounts(assigned, unitId, from, until);
    // A unit with nothing in the period has no row: all its counts are 0.
    const { unitId: _, ...got } = counts.find((x) => x.unitId === unitId) ?? { unitId, ...Object.fromEntries(Object.keys(want).map((k) => [k, 0])) };
    expect(got, `report tasks ${from}..${to} on ${asOf}, unit ${unitId}`).toEqual(want);
  }

  // The compliance criterion (tasks only, not breakthroughs) and its detail list.
  const scope: ComplianceScope = { unitIds, from, until, asOf, year: Number(until.slice(0, 4)), evaluationYear: null };
  const facts = gatherFacts(db, scope);
  for (const unitId of unitIds) {
    const late = overdue.filter((task) => task.unitId === unitId && task.kind === 'task');
    expect(facts.facts.get(unitId)!.tasks.overdue, `compliance overdue on ${asOf}, unit ${unitId}`).toBe(late.length);
    const detail = unitDetailLists(db, unitId, scope, facts.planDeadline).overdueTasks;
    expect(detail.map((x) => x.id), `compliance --detail on ${asOf}, unit ${unitId}`).toEqual([...late].sort(byDueThenId).map((x) => x.id));
  }
}

describe('task status: every SQL path agrees with classifyTask', () => {
  it('has a SQL branch for every status, among the open or the closed tasks as the domain says', () => {
    expect(Object.keys(STATUS_WHEN).sort()).toEqual([...TASK_STATUSES].sort());
    expect([...TASK_STATUSES].sort()).toEqual([...OPEN_STATUSES, ...CLOSED_STATUSES].sort());
    for (const s of OPEN_STATUSES) expect(STATUS_WHEN[s].open, s).toBe(true);
    for (const s of CLOSED_STATUSES) expect(STATUS_WHEN[s].open, s).toBe(false);
  });

  it('on 1,000 random task histories', () => {
    fc.assert(
      fc.property(aCase, (c) => check(c)),
      { numRuns: 1000 },
    );
  });
});
