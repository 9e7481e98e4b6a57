// Migration 14: tasks carried over by a unit merge before `unit merge` wrote their progress on their
// first event get it from the task they replaced, and the overdue report then shows it.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../src/store/db.js';
import { run, runJson, sampleDbPath, tempDbPath } from '../helpers.js';

describe('migration 14 (progress of carried tasks)', () => {
  it('gives the first event of each carried task the percent of the task it replaced', async () => {
    const db = tempDbPath();
    copyFileSync(sampleDbPath(), db);
    expect((await run(['unit', 'merge', 'CK', 'COL', 'CG', 'NCT', '--into', 'COL-2025', '--on', '01/07/2025'], { db })).code).toBe(0);
    const report = async () => (await runJson<{ overdue: { id: number; percent: number }[] }>(['overdue', '--as-of', '31/12/2025', '--json'], { db })).overdue;
    const after = await report();

    // The database as an earlier merge left it: no percent on those events, schema 13.
    const raw = new Database(db);
    const carried = raw
      .prepare(`SELECT e.id, e.percent, s.percent AS source FROM task_event e JOIN task n ON n.id = e.task_id JOIN task s ON s.id = n.carried_from_id WHERE e.kind = 'created' ORDER BY e.id`)
      .all() as { id: number; percent: number | null; source: number }[];
    expect(carried.length).toBeGreaterThan(5);
    expect(carried.some((c) => c.source > 0)).toBe(true);
    expect(carried.every((c) => c.percent === c.source)).toBe(true);
    raw.prepare(`UPDATE task_event SET percent = NULL WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(carried.map((c) => c.id)));
    raw.pragma('user_version = 13');
    raw.close();

    const h = new Database(db);
    expect(migrate(h as unknown as Db)).toEqual({ from: 13, to: 14 });
    const now = h.prepare(`SELECT id, percent FROM task_event WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(carried.map((c) => c.id)));
    h.close();
    expect(now).toEqual(carried.map((c) => ({ id: c.id, percent: c.source })));
    // Other events untouched: the report is the one the fixed merge gives.
    expect(await report()).toEqual(after);
  });
});
