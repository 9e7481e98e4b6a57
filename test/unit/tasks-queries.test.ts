// The hot report queries read indexes chosen for them, never a full scan of task; measured at scale.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { memoryDatabase, type Db } from '../../src/store/db.js';
import { listTasksSql } from '../../src/store/tasks.js';
import { COUNTS_SQL, countsParams, OPEN_DUE_SQL, openDueParams, openTasksDue, taskCountsByUnit } from '../../src/store/task-reports.js';

function plan(db: Db, sql: string, params: object): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
}

const noTaskScan = (lines: string[]) => lines.filter((l) => /^SCAN (t|task)\b/.test(l));

/** A city: 168 units, `perYear` tasks a year over `years` years, most closed, some open. */
function city(perYear: number, years: number[]): Db {
  const db = memoryDatabase();
  const at = '2026-01-01T00:00:00Z';
  const unit = db.prepare(`INSERT INTO unit (name, name_folded, kind, created_at) VALUES (?, ?, 'ward', ?)`);
  for (let i = 1; i <= 168; i++) unit.run(`Phường ${i}`, `phuong ${i}`, at);
  const ins = db.prepare(
    `INSERT INTO task (kind, unit_id, title, year, start_on, due_on, original_due_on, done_on, cancelled_on, cancel_reason, extensions, created_at)
     VALUES (@kind, @unit, 'x', @year, @start, @due, @due, @done, @cancelled, @reason, @ext, @at)`,
  );
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  db.transaction(() => {
    for (const year of years)
      for (let i = 0; i < perYear; i++) {
        const start = addDays(`${year}-01-01`, Math.floor(rnd() * 360));
        const due = rnd() < 0.05 ? null : addDays(start, 10 + Math.floor(rnd() * 120));
        const r = rnd();
        const done = r < 0.85 && due ? addDays(due, Math.floor(rnd() * 40) - 20) : null;
        const cancelled = !done && r < 0.88 ? addDays(start, 5) : null;
        ins.run({ kind: rnd() < 0.01 ? 'breakthrough' : 'task', unit: 1 + Math.floor(rnd() * 168), year, start, due, done: done && done < start ? start : done, cancelled, reason: cancelled ? 'x' : null, ext: rnd() < 0.1 ? 1 : 0, at });
      }
  })();
  return db;
}

describe('query plans', () => {
  const overdueParams = openDueParams({ asOf: '2017-12-31', status: 'overdue' });
  const filtered = openDueParams({ asOf: '2017-12-31', status: 'overdue', unitIds: [3, 5], kind: 'task' });
  const dueSoon = openDueParams({ asOf: '2017-12-31', status: 'due_soon', dueWithin: 7 });
  const counts = countsParams({ from: '2017-01-01', to: '2017-12-31', asOf: '2017-12-31', warnDays: 7 });

  for (const [name, make] of [
    ['an empty database', () => memoryDatabase()],
    ['a city-scale database after ANALYZE', () => {
      const db = city(20_000, [2015, 2016, 2017]);
      db.exec('ANALYZE');
      return db;
    }],
  ] as const) {
    it(`overdue reads task_open_due and task_closed, never scanning task (${name})`, () => {
      const db = make();
      for (const [sql, p] of [[OPEN_DUE_SQL.overdue, overdueParams], [OPEN_DUE_SQL.overdue, filtered], [OPEN_DUE_SQL.due_soon, dueSoon]] as const) {
        const lines = plan(db, sql, p);
        expect(noTaskScan(lines), lines.join('\n')).toEqual([]);
        expect(lines.join("\n")).toMatch(/SEARCH t USING COVERING INDEX task_open_due/);
        expect(lines.join('\n')).toMatch(/SEARCH t USING (COVERING )?INDEX task_closed/);
        // The percent of that day: one search of the partial covering index per task, made once for
        // both halves with the ids sorted (the only sort: ids, never the rows), each row reading it by id.
        expect(lines.filter((l) => /SEARCH e USING COVERING INDEX task_event_percent \(task_id=\? AND on_date<\?\)/.test(l))).toHaveLength(1);
        expect(lines.filter((l) => /TEMP B-TREE/.test(l))).toEqual(['USE TEMP B-TREE FOR ORDER BY']);
        expect(lines[lines.indexOf('USE TEMP B-TREE FOR ORDER BY') - 1]).toBe('SCAN due_ids');
        expect(lines.filter((l) => /SEARCH dp USING (AUTOMATIC )?(COVERING )?INDEX .*\(id=\?\)/.test(l))).toHaveLength(2);
      }
    });

    it(`task list --status reads the open-task index and task_closed, never scanning task (${name})`, () => {
      const db = make();
      const params = { units: null, kind: null, meeting: null, group: null, year: null, dueBefore: null, dueAfter: null, startedBy: '2017-12-31', asOf: '2017-12-31', warnUntil: '2018-01-07' };
      // Reading the whole partial index of open tasks (for "open", or an OR the planner cannot split)
      // reads open tasks only, not the table.
      const wholeTable = (lines: string[]) => noTaskScan(lines).filter((l) => !/INDEX task_open_due\b/.test(l));
      for (const wanted of [['overdue'], ['due_soon', 'no_deadline'], ['open'], ['carried_over']]) {
        const lines = plan(db, listTasksSql(wanted), params);
        expect(wholeTable(lines), `${wanted}: ${lines.join('\n')}`).toEqual([]);
        expect(lines.join('\n'), String(wanted)).toMatch(/(SEARCH|SCAN) t USING (COVERING )?INDEX task_open_due/);
        expect(lines.join('\n'), String(wanted)).toMatch(/SEARCH t USING (COVERING )?INDEX task_closed/);
      }
      // Closed tasks are most of the table: the planner may read them by unit instead, but never by a scan.
      for (const wanted of [['done'], ['cancelled'], ['transferred'], ['done_late', 'overdue']]) {
        const lines = plan(db, listTasksSql(wanted), params);
        expect(wholeTable(lines), `${wanted}: ${lines.join('\n')}`).toEqual([]);
      }
    });

    it(`per-unit counts read task_start and task_closed, never scanning task (${name})`, () => {
      const db = make();
      const lines = plan(db, COUNTS_SQL, counts);
      expect(noTaskScan(lines), lines.join('\n')).toEqual([]);
      expect(lines.join('\n')).toMatch(/SEARCH t USING (COVERING )?INDEX task_start/);
      expect(lines.join('\n')).toMatch(/SEARCH t USING (COVERING )?INDEX task_closed/);
    });
  }
});

describe('at city scale (168 units, 100,000 tasks a year, three years)', () => {
  it('the overdue report and the per-unit counts agree with a plain recount, and their times are printed', () => {
    const db = city(100_000, [2015, 2016, 2017]);
    const asOf = '2017-12-31';
    let t0 = performance.now();
    const overdue = openTasksDue(db, { asOf, status: 'overdue' });
    const overdueMs = performance.now() - t0;
    t0 = performance.now();
    const counts = taskCountsByUnit(db, { from: '2017-01-01', to: '2017-12-31', asOf, warnDays: 7 });
    const countsMs = performance.now() - t0;
    const expected = (db.prepare(
      `SELECT count(*) AS n FROM task WHERE due_on < @asOf AND start_on <= @asOf AND (done_on IS NULL OR done_on > @asOf) AND (cancelled_on IS NULL OR cancelled_on > @asOf)`,
    ).get({ asOf }) as { n: number }).n;
    expect(overdue.length).toBe(expected);
    expect(counts.length).toBe(168);
    const assigned = (db.prepare(`SELECT count(*) AS n FROM task WHERE start_on BETWEEN '2017-01-01' AND '2017-12-31'`).get() as { n: number }).n;
    expect(counts.reduce((s, c) => s + c.assigned, 0)).toBe(assigned);
    console.log(`300,000 tasks: overdue ${overdue.length} rows in ${overdueMs.toFixed(1)} ms; per-unit counts in ${countsMs.toFixed(1)} ms`);
  });
});
