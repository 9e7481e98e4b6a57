// The listings written as SQLite steps (task list without --status, person list, plan list) give
// exactly what the object path gives for the same rows: same order, same JSON bytes, same TSV, CSV,
// Markdown and table text. Checked on the sample, on a generated database, and on awkward data
// (names equal but for accents or case, numbers in names, control characters, quotes, emoji).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/gen.js';
import { SCALES } from '../../bench/scales.js';
import { taskListingViews } from '../../src/cli/commands/tasks/list-stream.js';
import { taskColumns, viewTask } from '../../src/cli/commands/tasks/shared.js';
import type { Env } from '../../src/cli/env.js';
import { ranksVi, sortVi } from '../../src/domain/text.js';
import { translator, type Lang } from '../../src/i18n/index.js';
import { jsonArrayChunks, renderTable, writeRows, type Column, type Format } from '../../src/render/output.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { addPerson, BY_NAME, iteratePeople, iteratePeopleJson, type PersonFilter } from '../../src/store/people.js';
import { addPlans, iteratePlans, iteratePlansJson } from '../../src/store/plans.js';
import { moveMembers } from '../../src/store/memberships.js';
import { namesHaveKeys } from '../../src/store/name-order.js';
import { iterateTaskListingJson, TASK_LISTING_JSON_SQL, TASK_LISTING_ROWS_SQL, type TaskListingQuery } from '../../src/store/task-listing.js';
import { iterateTasks } from '../../src/store/tasks.js';
import { addTasks, cancelTasks, markDone } from '../../src/store/task-writes.js';
import { TASK_STATUSES } from '../../src/domain/tasks.js';
import { openSample } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'thuky-listing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

/** Names with characters the name key (domain/name-key.ts) does not know: the listings sort by rank. */
const AWKWARD_NAMES = ['Nguyễn Văn An', 'nguyen van an', 'NGUYỄN VĂN ÂN', 'Nguyễn Văn Ăn', 'Lê Thị 10', 'Lê Thị 9', 'Lê Thị 010', 'Đỗ Đức', 'Do Duc', 'Trần "Ba" <x>', 'Vũ 😀', 'A', 'Ó'];
/** Names the key knows, as awkward otherwise: the listings read people from the index of names. */
const KEYED_NAMES = ['Nguyễn Văn An', 'nguyen van an', 'NGUYỄN VĂN ÂN', 'Nguyễn Văn Ăn', 'Lê Thị 10', 'Lê Thị 9', 'Lê Thị 010', 'Đỗ Đức', 'Do Duc', "Trần O'Ba", 'Vũ-Anh', 'A', 'Ó', 'Lê Thị 9'];

/** The sample with awkward people, plans and tasks added; with the key's names, one member moved after 2017 (her plan stays under her unit then). */
function awkward(names = AWKWARD_NAMES): Db {
  const db = openSample();
  const unit = (db.prepare(`SELECT id FROM unit WHERE kind = 'ward' ORDER BY id LIMIT 1`).get() as { id: number }).id;
  const people = names.map((fullName, i) => addPerson(db, AUDIT, { fullName, unitId: i % 3 ? unit : null, positions: i % 2 ? ['Bí thư', 'Tổ "trưởng"'] : [], isMember: i % 4 !== 0, note: i % 5 ? null : 'ghi\tchú\r\ndòng' }));
  addPlans(db, AUDIT, people.map((personId, i) => ({ personId, year: 2017, submittedOn: i % 3 === 0 ? null : i % 3 === 1 ? '2017-02-01' : '2017-05-01', content: i % 2 ? 'Nội dung, "trích"' : null })), 'test');
  const titles = ['Tab\there', 'Dòng\r\nmới', '=1+2', 'Quote "q", comma', 'Ctl \u0001\u001f\u007f', 'Emoji 😀 \u2028', '| pipe |', '-lead'];
  const ids = titles.flatMap((title, i) =>
    addTasks(db, AUDIT, { title, unitIds: [unit], startOn: '2017-03-01', dueOn: i % 3 === 0 ? null : `2017-${String(6 + (i % 7)).padStart(2, '0')}-15`, target: i % 2 ? 'đích' : null, note: 'n' }),
  );
  markDone(db, AUDIT, [ids[1]], { on: '2017-07-01' });
  cancelTasks(db, AUDIT, [ids[2]], { on: '2017-07-02', reason: 'lý do "x"' });
  if (names === KEYED_NAMES) {
    const other = (db.prepare(`SELECT id FROM unit WHERE kind = 'ward' ORDER BY id DESC LIMIT 1`).get() as { id: number }).id;
    moveMembers(db, AUDIT, [people[1]], other, '2018-02-01');
  }
  return db;
}

const generated = join(dir, 'gen.db');
generate({ scale: SCALES.tiny, out: generated, seed: 11, year: 2025 });

const sources: { name: string; open: () => Db; asOfs: string[]; year: number }[] = [
  { name: 'sample with awkward data', open: () => awkward(), asOfs: ['2017-06-30', '2017-12-31', '2018-03-01'], year: 2017 },
  { name: 'sample with awkward names the key knows', open: () => awkward(KEYED_NAMES), asOfs: ['2017-12-31'], year: 2017 },
  { name: 'generated (tiny)', open: () => openDatabase(generated, { readonly: true }), asOfs: ['2024-06-30', '2025-12-31'], year: 2025 },
];

const envOf = (lang: Lang) => ({ t: translator(lang), lang }) as unknown as Env;

function written<R>(rows: Iterable<R>, columns: Column<R>[], format: Format, lang: Lang): string {
  let out = '';
  writeRows(rows, columns, { format, lang, t: translator(lang), color: false }, (c) => (out += c));
  return out;
}

const bytes = (chunks: Iterable<string | Uint8Array>) => Buffer.concat([...chunks].map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)))).toString('utf8');

describe.each(sources)('listings written as read: $name', ({ name, open, asOfs, year }) => {
  const db = open();
  afterAll(() => db.close());

  for (const asOf of asOfs)
    for (const warnDays of [0, 7, 45])
      it(`task list on ${asOf}, warning ${warnDays} days: JSON, TSV, CSV, Markdown and table as the TaskView path`, async () => {
        const unitIds = (db.prepare('SELECT DISTINCT unit_id FROM task ORDER BY unit_id LIMIT 2').pluck().all() as number[]);
        const filters: Omit<TaskListingQuery, 'asOf' | 'warnDays'>[] = [{}, { unitIds }, { kind: 'breakthrough' }, { year }, { dueAfter: `${year}-03-01`, dueBefore: `${year}-09-30` }];
        for (const lang of ['vi', 'en'] as const) {
          const env = envOf(lang);
          for (const f of filters) {
            const q = { ...f, startedBy: asOf, asOf, warnDays };
            const views = [...iterateTasks(db, { ...f, startedBy: asOf })].map((t) => viewTask(env, t, asOf, warnDays));
            const labels = Object.fromEntries(TASK_STATUSES.map((s) => [s, env.t(`task.status.${s}`)])) as never;
            const items = [...iterateTaskListingJson(db, q, labels)].map((b) => b.toString('utf8'));
            expect(items).toEqual(views.map((v) => JSON.stringify(v)));
            expect(bytes(jsonArrayChunks(iterateTaskListingJson(db, q, labels)))).toBe(JSON.stringify(views) + '\n');
            const lean = [...taskListingViews(env, db, q)];
            expect(lean.map((r) => r.id)).toEqual(views.map((v) => v.id));
            const columns = taskColumns(env);
            for (const format of ['tsv', 'csv'] as const) expect(written(lean, columns as never, format, lang)).toBe(written(views, columns, format, lang));
            for (const format of ['md', 'table'] as const) {
              const opts = { format, lang, t: env.t, color: false };
              expect(await renderTable(lean, columns as never, opts)).toBe(await renderTable(views, columns, opts));
            }
          }
        }
        // The comparison is not over an empty listing.
        expect([...iterateTasks(db, { startedBy: asOf })].length).toBeGreaterThan(5);
      });

  it('person list: the order and JSON of the batched path', () => {
    // Read from the index of names where every name has a key, else sorted by rank: both checked.
    expect(namesHaveKeys(db)).toBe(name !== 'sample with awkward data');
    const filters: PersonFilter[] = [{}, { active: true }, { members: true }, { search: 'van' }, { search: 'le thi' }];
    for (const f of filters) {
      const streamed = [...iteratePeople(db, f)];
      // With a limit above the number of people, iteratePeople still reads ids and names, sorts them
      // in JavaScript (sortVi) and reads the rows by batches: the path this one replaces.
      const batched = [...iteratePeople(db, { ...f, limit: 1e9 })];
      expect(streamed).toEqual(batched);
      expect(bytes(jsonArrayChunks(iteratePeopleJson(db, f)))).toBe(JSON.stringify(batched) + '\n');
    }
  });

  it('plan list: sortVi order by unit and name, among equals by person; JSON of the objects', () => {
    for (const y of [year - 1, year]) {
      const plans = [...iteratePlans(db, { year: y })];
      // Every plan of the year, each under the unit its author was in at the end of the year.
      expect(plans.length).toBe(db.prepare('SELECT count(*) FROM plan WHERE year = ?').pluck().get(y));
      if (name === 'sample with awkward names the key knows' && y === 2017) {
        const moved = db.prepare('SELECT person_id AS id, unit_id AS unit FROM membership_history ORDER BY id DESC LIMIT 1').get() as { id: number; unit: number };
        expect(plans.find((p) => p.personId === moved.id)?.unitId).toBe(moved.unit);
        expect(db.prepare('SELECT unit_id FROM person WHERE id = ?').pluck().get(moved.id)).not.toBe(moved.unit);
      }
      const byPerson = [...plans].sort((a, b) => a.personId - b.personId);
      expect(plans).toEqual(sortVi(byPerson, (p) => p.unitName ?? '', ...BY_NAME));
      expect(bytes(jsonArrayChunks(iteratePlansJson(db, { year: y })))).toBe(JSON.stringify(plans) + '\n');
      const units = [...new Set(plans.map((p) => p.unitId))].filter((u) => u !== null);
      for (const unitId of units.slice(0, 3)) expect([...iteratePlans(db, { year: y, unitId })]).toEqual(plans.filter((p) => p.unitId === unitId));
    }
  });
});

describe('the listing of every task reads the index of its order', () => {
  it('task_due_order, never a sort of every row', () => {
    const db = openSample();
    const params = { units: null, kind: null, meeting: null, group: null, year: null, dueBefore: null, dueAfter: null, startedBy: '2017-12-31', asOf: '2017-12-31', warnUntil: '2018-01-07', labels: '{}' };
    for (const sql of [TASK_LISTING_JSON_SQL, TASK_LISTING_ROWS_SQL]) {
      const { labels, ...rowParams } = params;
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(sql === TASK_LISTING_ROWS_SQL ? rowParams : { ...rowParams, labels }) as { detail: string }[]).map((r) => r.detail);
      expect(plan).toContain('SCAN t USING INDEX task_due_order');
      // Tasks due the same day are put in id order as they come (a few hundred at a time), never all rows at once.
      expect(plan).not.toContain('USE TEMP B-TREE FOR ORDER BY');
      expect(plan).toContain('USE TEMP B-TREE FOR LAST TERM OF ORDER BY');
    }
    db.close();
  });
});

describe('ranksVi', () => {
  it('ordering by rank, then by position, is sortVi', () => {
    const letters = ['a', 'A', 'á', 'ă', 'â', 'đ', 'd', 'e', 'ê', 'o', 'ơ', 'ô', 'u', 'ư', 'y', ' ', '1', '2', '10', 'Nguyễn', 'nguyen'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...letters), { maxLength: 4 }).map((w) => w.join('')), { maxLength: 40 }), (names) => {
        const given = (n: string) => n.slice(n.lastIndexOf(' ') + 1);
        const ranks = ranksVi(names, given, (n) => n);
        const byRank = names.map((n, i) => ({ n, i })).sort((a, b) => ranks[a.i] - ranks[b.i] || a.i - b.i).map((x) => x.n);
        expect(byRank).toEqual(sortVi(names, given, (n) => n));
      }),
    );
  });
});
