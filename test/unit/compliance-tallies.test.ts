/**
 * The counts kept on write (migration 13) against a recount after every kind of write, and the
 * compliance report's members' query read from them against the query that joins every member
 * (JOINED_SQL, PostgreSQL's form), over random histories: people moving between units (membership
 * history), joining and leaving the party, going inactive, plans handed in, moved, re-dated and
 * removed, evaluations changed, people removed.
 */
import { describe, expect, it } from 'vitest';
import { memoryDatabase, type Db } from '../../src/store/db.js';
import { JOINED_SQL, SQL } from '../../src/store/compliance.js';
import { rebuildTallies, tallyMismatches } from '../../src/store/tallies.js';
import { addUnit } from '../../src/store/units.js';
import { addPerson } from '../../src/store/people.js';
import { changeMembership } from '../../src/store/memberships.js';

const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };
const YEARS = [2024, 2025, 2026];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (r: () => number, year: number) => `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

interface World {
  db: Db;
  units: number[];
  people: number[];
}

function world(): World {
  const db = memoryDatabase();
  const units = Array.from({ length: 4 }, (_, i) => addUnit(db, AUDIT, { name: `Phường ${i + 1}`, code: `P${i + 1}`, kind: 'ward' }));
  return { db, units, people: [] };
}

/** One random write, of one of the kinds that change what a tally counts. */
function step(w: World, r: () => number): string {
  const { db, units, people } = w;
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const person = () => pick(people);
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const year = pick(YEARS);
  // Kinds in proportion: people added (3), plans written (3), moved or re-dated (1), removed (1),
  // evaluations written (2), removed (1), people moving (2), joining or leaving (1), inactive (1), removed (1).
  const kind = people.length < 5 ? 0 : [0, 0, 0, 1, 1, 1, 3, 4, 5, 5, 6, 7, 7, 9, 10, 11][Math.floor(r() * 16)];
  switch (kind) {
    case 0: {
      const id = addPerson(db, AUDIT, { fullName: `Đảng viên ${people.length}`, unitId: r() < 0.9 ? pick(units) : undefined, isMember: r() < 0.85 });
      people.push(id);
      return `add person ${id}`;
    }
    case 1:
    case 2: {
      const p = person();
      const on = r() < 0.15 ? null : day(r, year);
      db.prepare(`INSERT INTO plan (person_id, year, submitted_on, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (person_id, year) DO UPDATE SET submitted_on = excluded.submitted_on`).run(p, year, on, AUDIT.at);
      return `plan ${p} ${year} ${on}`;
    }
    case 3: {
      const id = db.prepare('SELECT id FROM plan ORDER BY id LIMIT 1 OFFSET ?').pluck().get(Math.floor(r() * count('plan')));
      if (id === undefined) return 'no plan';
      const to = r() < 0.5 ? person() : undefined;
      if (to !== undefined) db.prepare('UPDATE OR IGNORE plan SET person_id = ? WHERE id = ?').run(to, id);
      else db.prepare('UPDATE OR IGNORE plan SET year = ?, submitted_on = ? WHERE id = ?').run(year, r() < 0.2 ? null : day(r, year), id);
      return `move/redate plan ${id}`;
    }
    case 4: {
      const n = db.prepare('DELETE FROM plan WHERE id = (SELECT id FROM plan ORDER BY id LIMIT 1 OFFSET ?)').run(Math.floor(r() * count('plan'))).changes;
      return `delete plan (${n})`;
    }
    case 5: {
      const p = person();
      const used = pick([0, 1, null, 2]);
      db.prepare(
        `INSERT INTO evaluation (person_id, year, result, plan_used, created_at) VALUES (?, ?, 'tot', ?, ?) ON CONFLICT (person_id, year) DO UPDATE SET plan_used = excluded.plan_used`,
      ).run(p, year, used, AUDIT.at);
      return `evaluate ${p} ${year} ${used}`;
    }
    case 6: {
      const n = db.prepare('DELETE FROM evaluation WHERE id = (SELECT id FROM evaluation ORDER BY id LIMIT 1 OFFSET ?)').run(Math.floor(r() * count('evaluation'))).changes;
      return `delete evaluation (${n})`;
    }
    case 7:
    case 8: {
      const p = person();
      const to = pick(units);
      changeMembership(db, AUDIT, p, { unitId: to }, day(r, pick(YEARS)));
      return `move ${p} to ${to}`;
    }
    case 9: {
      const p = person();
      db.prepare('UPDATE person SET is_member = 1 - is_member WHERE id = ?').run(p);
      return `membership of ${p} flipped`;
    }
    case 10: {
      const p = person();
      db.prepare('UPDATE person SET active = 1 - active WHERE id = ?').run(p);
      return `active of ${p} flipped`;
    }
    default: {
      // A person removed with their rows (as a merge of duplicates does), or with none.
      const p = person();
      db.prepare('DELETE FROM plan WHERE person_id = ?').run(p);
      db.prepare('DELETE FROM evaluation WHERE person_id = ?').run(p);
      db.prepare('DELETE FROM membership_history WHERE person_id = ?').run(p);
      db.prepare('DELETE FROM person WHERE id = ?').run(p);
      people.splice(people.indexOf(p), 1);
      return `remove person ${p}`;
    }
  }
}

type Row = Record<string, number>;
/** The query's rows by unit, leaving out units where every count is 0 (the report reads a missing unit as zeros). */
function rowsOf(db: Db, sql: string, params: Record<string, unknown>): Row[] {
  return (db.prepare(sql).all(params) as Row[]).filter((row) => Object.entries(row).some(([k, v]) => k !== 'unitId' && v !== 0)).sort((a, b) => a.unitId - b.unitId);
}

function randomScope(w: World, r: () => number) {
  const year = YEARS[Math.floor(r() * YEARS.length)];
  const whole = r() < 0.5;
  const from = whole ? `${year}-01-01` : day(r, year);
  const until = whole ? `${year}-12-31` : [from, day(r, year)].sort()[1];
  const units = w.units.filter(() => r() < 0.8);
  return { year, from, until, asOf: r() < 0.3 ? until : day(r, year + 1), deadline: day(r, year), units: JSON.stringify(units) };
}

describe('compliance tallies (migration 13)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equal their recount after every write, and the report's members equal the joined count (seed ${seed})`, () => {
      const w = world();
      const r = random(seed);
      const done: string[] = [];
      const has = (sql: string) => (w.db.prepare(sql).pluck().get() as number) > 0;
      // What the comparisons met: every case the tallied query must correct for or read.
      const met = { endedMembership: false, cameAfter: false, planCounts: false, planUsedCounts: false, nonEmptyComparison: false };
      for (let i = 0; i < 400; i++) {
        done.push(step(w, r));
        expect(tallyMismatches(w.db), done.slice(-5).join('; ')).toEqual([]);
        if (i % 20 === 19) {
          met.endedMembership ||= has('SELECT count(*) FROM membership_history WHERE is_member = 1');
          met.cameAfter ||= has("SELECT count(*) FROM person WHERE unit_since > '2024-06-30' AND is_member = 1 AND active = 1");
          met.planCounts ||= has('SELECT count(*) FROM plan_tally');
          met.planUsedCounts ||= has('SELECT count(*) FROM evaluation_tally WHERE plan_used = 1');
          for (let k = 0; k < 5; k++) {
            const params = randomScope(w, r);
            for (const name of ['plans', 'evaluation', 'plansAndEvaluation'] as const) {
              const tallied = rowsOf(w.db, SQL[name], params);
              expect(tallied, `${name} ${JSON.stringify(params)}`).toEqual(rowsOf(w.db, JOINED_SQL[name], params));
              met.nonEmptyComparison ||= tallied.length > 0;
            }
          }
        }
      }
      expect(met).toEqual({ endedMembership: true, cameAfter: true, planCounts: true, planUsedCounts: true, nonEmptyComparison: true });
      w.db.close();
    });
  }

  it('a tally that drifted is found, named by unit and year, and rebuilt from the rows', () => {
    const w = world();
    const r = random(9);
    for (let i = 0; i < 100; i++) step(w, r);
    const row = w.db.prepare('SELECT unit_id AS unitId, year, submitted_on AS on_, n FROM plan_tally LIMIT 1').get() as { unitId: number; year: number; on_: string; n: number };
    w.db.prepare('UPDATE plan_tally SET n = n + 2 WHERE unit_id = ? AND year = ? AND submitted_on = ?').run(row.unitId, row.year, row.on_);
    w.db.prepare("INSERT INTO evaluation_tally VALUES (?, 1999, 0, 3)").run(w.units[0]);
    const name = (id: number) => w.db.prepare('SELECT name FROM unit WHERE id = ?').pluck().get(id);
    expect(tallyMismatches(w.db)).toEqual([
      { table: 'plan_tally', unitId: row.unitId, unitName: name(row.unitId), year: row.year, part: row.on_, kept: row.n + 2, counted: row.n },
      { table: 'evaluation_tally', unitId: w.units[0], unitName: name(w.units[0]), year: 1999, part: 0, kept: 3, counted: 0 },
    ]);
    rebuildTallies(w.db);
    expect(tallyMismatches(w.db)).toEqual([]);
    w.db.close();
  });
});
