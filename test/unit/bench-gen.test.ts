// The benchmark generator makes a valid database whose counts match the requested scale.
// Figures of speed belong to bench/results.md, never to the test suite: nothing here is timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, readMeta, writePeopleXlsx } from '../../bench/gen.js';
import { SCALES } from '../../bench/scales.js';
import { openDatabase } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { copyFileSync } from 'node:fs';
import { readSheetRows } from '../../src/xlsx/read.js';
import { fold } from '../../src/domain/text.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'thuky-bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = SCALES.tiny;
const first = join(dir, 'a.db');
const second = join(dir, 'b.db');
const result = generate({ scale: spec, out: first, seed: 7, year: 2025 });

function open(path: string) {
  return openDatabase(path, { readonly: true });
}
const count = (path: string, sql: string, ...params: unknown[]) => {
  const db = open(path);
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('bench generator at a tiny scale', () => {
  it('writes a database the app opens, at the current schema version, with no broken reference', () => {
    const db = open(first);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('has the counts of the scale', () => {
    expect(count(first, `SELECT count(*) AS n FROM unit WHERE kind IN ('ward','commune')`)).toBe(spec.units);
    expect(count(first, `SELECT count(*) AS n FROM unit WHERE kind = 'committee'`)).toBe(spec.committees);
    expect(count(first, `SELECT count(*) AS n FROM person`)).toBe(spec.people);
    expect(count(first, `SELECT count(*) AS n FROM task`)).toBe(spec.tasksPerYear * spec.years);
    expect(count(first, `SELECT count(*) AS n FROM task WHERE kind = 'breakthrough'`)).toBe(Math.round(spec.tasksPerYear * spec.breakthroughShare) * spec.years);
    expect(count(first, `SELECT count(*) AS n FROM meeting`)).toBe(spec.meetings);
    expect(count(first, `SELECT count(*) AS n FROM speech`)).toBe(spec.speeches);
    expect(count(first, `SELECT count(*) AS n FROM activity`)).toBe(spec.activities);
    expect(count(first, `SELECT count(DISTINCT year) AS n FROM plan`)).toBe(spec.planYears);
    expect(count(first, `SELECT count(DISTINCT year) AS n FROM evaluation`)).toBe(spec.planYears);
    expect(count(first, `SELECT count(*) AS n FROM plan_deadline`)).toBe(spec.planYears);
    expect(result.counts.tasks).toBe(spec.tasksPerYear * spec.years);
  });

  it('gives every member at most one plan and one evaluation a year, and plans only to members', () => {
    const members = count(first, `SELECT count(*) AS n FROM person WHERE is_member = 1`);
    expect(members / spec.people).toBeGreaterThan(0.6);
    expect(count(first, `SELECT count(*) AS n FROM evaluation`)).toBe(members * spec.planYears);
    expect(count(first, `SELECT count(*) AS n FROM plan p JOIN person x ON x.id = p.person_id WHERE x.is_member = 0`)).toBe(0);
  });

  it('spreads tasks so that every status occurs as of the report date', () => {
    const asOf = result.asOf;
    const soon = '2026-01-07';
    const q = (where: string) => count(first, `SELECT count(*) AS n FROM task WHERE ${where}`, asOf);
    expect(q(`done_on IS NULL AND cancelled_on IS NULL AND due_on < ?`)).toBeGreaterThan(0); // overdue
    expect(count(first, `SELECT count(*) AS n FROM task WHERE done_on IS NULL AND cancelled_on IS NULL AND due_on >= ? AND due_on <= ?`, asOf, soon)).toBeGreaterThan(0); // due soon
    expect(q(`done_on IS NOT NULL AND done_on <= due_on AND ? IS NOT NULL`)).toBeGreaterThan(0); // done on time
    expect(q(`done_on > due_on AND ? IS NOT NULL`)).toBeGreaterThan(0); // done late
    expect(q(`cancelled_on IS NOT NULL AND ? IS NOT NULL`)).toBeGreaterThan(0);
    expect(q(`due_on IS NULL AND ? IS NOT NULL`)).toBeGreaterThan(0);
    expect(q(`done_on > ?`)).toBe(0); // nothing is done after the report date
    expect(count(first, `SELECT count(*) AS n FROM task WHERE kind = 'breakthrough' AND target IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('records what it made, and the same seed gives the same data', () => {
    const db = open(first);
    try {
      expect(readMeta(db)).toMatchObject({ scale: 'tiny', seed: 7, year: 2025, asOf: '2025-12-31' });
    } finally {
      db.close();
    }
    generate({ scale: spec, out: second, seed: 7, year: 2025 });
    const digest = (path: string) => {
      const db = open(path);
      try {
        // Everything but the uids, which are drawn afresh for each row (migration 9), seed or not.
        return ['person', 'task', 'meeting', 'speech', 'activity', 'plan', 'evaluation', 'meeting_unit'].map((t) =>
          JSON.stringify((db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]).map(({ uid: _uid, ...rest }) => rest)),
        );
      } finally {
        db.close();
      }
    };
    expect(digest(second)).toEqual(digest(first));
  });

  it('writes the people sheet of the import bench: every line a new person, who person import adds', async () => {
    const file = join(dir, 'people.xlsx');
    expect(await writePeopleXlsx(first, file, 1500)).toBe(1500);
    const { rows } = await readSheetRows(file);
    expect(rows!.length).toBe(1501);
    const keys = rows!.slice(1).map((r) => `${r.cells[1]}|${fold(r.cells[0])}`);
    expect(new Set(keys).size).toBe(1500);
    const copy = join(dir, 'people.db');
    copyFileSync(first, copy);
    const before = count(copy, 'SELECT count(*) AS n FROM person');
    const r = await run(['person', 'import', file, '--json'], { db: copy });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ added: 1500, updated: 0, unchanged: 0 });
    expect(count(copy, 'SELECT count(*) AS n FROM person')).toBe(before + 1500);
  });
});
