import { describe, expect, it } from 'vitest';
import { memoryDatabase, type Db } from '../../src/store/db.js';
import { gatherFacts, type ComplianceScope } from '../../src/store/compliance.js';
import { addUnit } from '../../src/store/units.js';
import { addPerson } from '../../src/store/people.js';
import { addPlans, setPlanDeadline } from '../../src/store/plans.js';
import { addEvaluations } from '../../src/store/evaluations.js';
import { addActivities } from '../../src/store/activities.js';

const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

/** Units with members, plans, evaluations and activities that differ from unit to unit. */
function build(units: number, members: number): { db: Db; unitIds: number[] } {
  const db = memoryDatabase();
  const unitIds: number[] = [];
  setPlanDeadline(db, AUDIT, 2017, '2017-03-31');
  for (let u = 0; u < units; u++) {
    const unitId = addUnit(db, AUDIT, { name: `Phường ${u + 1}`, code: `P${u + 1}`, kind: 'ward' });
    unitIds.push(unitId);
    const people = Array.from({ length: members }, (_, i) => addPerson(db, AUDIT, { fullName: `Đảng viên ${u}-${i}`, unitId }));
    // Unit u: the first u % members submit late, the last one has no plan when u is odd.
    addPlans(
      db,
      AUDIT,
      people.filter((_, i) => !(u % 2 === 1 && i === members - 1)).map((personId, i) => ({ personId, year: 2017, submittedOn: i < u % members ? '2017-04-10' : '2017-03-01' })),
      'test',
    );
    addEvaluations(db, AUDIT, people.map((personId, i) => ({ personId, year: 2017, result: 'tot', planUsed: i !== 0 || u % 3 !== 0 })), 'test');
    addActivities(
      db,
      AUDIT,
      Array.from({ length: 12 - (u % 4) }, (_, m) => ({ unitId, heldOn: `2017-${String(m + 1).padStart(2, '0')}-05`, kind: m % 2 || u % 5 === 0 ? 'ke-chuyen' : 'hoc-tap', title: 'x' })),
    );
  }
  return { db, unitIds };
}

function scope(unitIds: number[]): ComplianceScope {
  return { unitIds, from: '2017-01-01', until: '2017-12-31', asOf: '2017-12-31', year: 2017, evaluationYear: 2017 };
}

/** Counts the statements prepared while `fn` runs. */
function countQueries<T>(db: Db, fn: () => T): { result: T; queries: number } {
  const original = db.prepare.bind(db);
  let queries = 0;
  (db as unknown as { prepare: typeof db.prepare }).prepare = ((sql: string) => {
    queries++;
    return original(sql);
  }) as typeof db.prepare;
  try {
    return { result: fn(), queries };
  } finally {
    (db as unknown as { prepare: typeof db.prepare }).prepare = original;
  }
}

describe('gatherFacts', () => {
  it('runs the same few queries for 3 units or 40: never one per unit or per person', () => {
    const { db, unitIds } = build(40, 12);
    const few = countQueries(db, () => gatherFacts(db, scope(unitIds.slice(0, 3))));
    const many = countQueries(db, () => gatherFacts(db, scope(unitIds)));
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(10);
    expect(many.result.facts.size).toBe(40);
  });

  it('gives each unit the same facts whether it is asked alone or with all the others', () => {
    const { db, unitIds } = build(12, 10);
    const all = gatherFacts(db, scope(unitIds)).facts;
    for (const id of unitIds) expect(all.get(id)).toEqual(gatherFacts(db, scope([id])).facts.get(id));
    const u1 = all.get(unitIds[1])!;
    expect(u1.plans).toEqual({ members: 10, submitted: 9, onTime: 8 });
    expect(all.get(unitIds[0])!.evaluation).toEqual({ members: 10, evaluated: 10, planUsed: 9 });
    expect(Object.keys(all.get(unitIds[3])!.propaganda.months)).toHaveLength(12);
    expect(Object.values(all.get(unitIds[3])!.propaganda.months).filter((n) => n === 0)).toHaveLength(3);
  });

  it('a plan submitted after the as-of date was not submitted on that day; before the deadline plans are not judged', () => {
    const { db, unitIds } = build(2, 4);
    const early = gatherFacts(db, { ...scope(unitIds), until: '2017-03-15', asOf: '2017-03-15', evaluationYear: null });
    expect(early.plansJudged).toBe(false);
    expect(early.facts.get(unitIds[0])!.plans).toBeNull();
    const april = gatherFacts(db, { ...scope(unitIds), until: '2017-04-05', asOf: '2017-04-05', evaluationYear: null });
    expect(april.facts.get(unitIds[1])!.plans).toEqual({ members: 4, submitted: 2, onTime: 2 });
  });
});
