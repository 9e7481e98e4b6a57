/**
 * The members' criteria of the compliance table, per unit: the members of the period (@from–@until,
 * membership over time: memberships.ts), the plans of the year (@year) handed in by @asOf and by
 * @deadline, and the year-end evaluations of @year with or without the plan.
 *
 * Two forms give the same rows. JOINED walks every member and looks up their plan and evaluation:
 * PostgreSQL's form, and the reference the other is tested against. TALLIED (SQLite, migration 13)
 * reads today's members' plans and evaluations from the counts kept on write (plan_tally,
 * evaluation_tally: tallies.ts) and looks up only what those counts cannot know: the members who
 * came to the unit after the period, and the memberships that ended. At national scale (4 million
 * members) it is a walk of the members' index and a few thousand tally rows instead of 8 million
 * lookups.
 */
import { MEMBER_BRANCHES } from './memberships.js';

export type MemberFact = 'plans' | 'evaluation';

/**
 * What is counted of each member: a person has at most one plan and one evaluation a year (UNIQUE),
 * so the joins never repeat a member.
 */
const FACTS = {
  plans: {
    join: (personId: string) =>
      `LEFT JOIN plan pl ON pl.person_id = ${personId} AND pl.year = @year AND pl.submitted_on IS NOT NULL AND pl.submitted_on <= @asOf`,
    columns: ['count(pl.person_id) AS submitted', 'coalesce(sum(pl.submitted_on <= @deadline), 0) AS onTime'],
    names: ['submitted', 'onTime'],
    /** A member's own count of each column (scalar subqueries on person `p`), for the few looked up one by one. */
    own: [
      `(SELECT count(*) FROM plan pl WHERE pl.person_id = p.id AND pl.year = @year AND pl.submitted_on <= @asOf)`,
      `(SELECT count(*) FROM plan pl WHERE pl.person_id = p.id AND pl.year = @year AND pl.submitted_on <= @asOf AND pl.submitted_on <= @deadline)`,
    ],
    tally: `SELECT t.unit_id AS unitId, sum(t.n) AS submitted, sum(CASE WHEN t.submitted_on <= @deadline THEN t.n ELSE 0 END) AS onTime
              FROM plan_tally t WHERE t.unit_id IN (SELECT value FROM json_each(@units)) AND t.year = @year AND t.submitted_on <= @asOf
             GROUP BY t.unit_id`,
  },
  // `+e.year` lets the planner take the covering index (person_id, year, plan_used) over the UNIQUE one,
  // which would read every evaluation row.
  evaluation: {
    join: (personId: string) => `LEFT JOIN evaluation e ON e.person_id = ${personId} AND +e.year = @year`,
    columns: ['count(e.person_id) AS evaluated', 'coalesce(sum(e.plan_used = 1), 0) AS planUsed'],
    names: ['evaluated', 'planUsed'],
    own: [
      `(SELECT count(*) FROM evaluation e WHERE e.person_id = p.id AND +e.year = @year)`,
      `(SELECT count(*) FROM evaluation e WHERE e.person_id = p.id AND +e.year = @year AND e.plan_used = 1)`,
    ],
    tally: `SELECT t.unit_id AS unitId, sum(t.n) AS evaluated, sum(CASE WHEN t.plan_used = 1 THEN t.n ELSE 0 END) AS planUsed
              FROM evaluation_tally t WHERE t.unit_id IN (SELECT value FROM json_each(@units)) AND t.year = @year
             GROUP BY t.unit_id`,
  },
} as const;

/** The branches, each one row per unit (unitId, members, then every fact's columns), added up by unit. */
function addedUp(facts: readonly MemberFact[], branches: string[]): string {
  const sums = facts.flatMap((f) => FACTS[f].names.map((n) => `sum(${n}) AS ${n}`));
  return `
    SELECT unitId, sum(members) AS members, ${sums.join(', ')}
      FROM (${branches.join(`
      UNION ALL`)})
     GROUP BY unitId`;
}

/** A branch's fact columns: its own for `fact`, zeros for the others. */
function columnsFor(facts: readonly MemberFact[], fact: MemberFact): string {
  return facts.flatMap((f) => (f === fact ? FACTS[f].names : FACTS[f].names.map((n) => `0 AS ${n}`))).join(', ');
}

/**
 * Each branch of MEMBER_BRANCHES counted by unit as it is walked (today's members in the order of
 * the index person_unit, so without sorting millions of rows), then added up.
 */
export function joinedMemberFactsSql(facts: readonly MemberFact[]): string {
  return addedUp(
    facts,
    MEMBER_BRANCHES.map(
      (b) => `
      SELECT ${b.unitId} AS unitId, count(*) AS members, ${facts.flatMap((f) => FACTS[f].columns).join(', ')}
        FROM ${b.from} ${facts.map((f) => FACTS[f].join(b.personId)).join(' ')}
       WHERE ${b.where}
       GROUP BY ${b.unitId}`,
    ),
  );
}

/**
 * The same rows from the tallies. Today's members are counted by a walk of person_unit (count(*) only:
 * every other aggregate over four million entries costs as much again). Those among them who came
 * to the unit after the period (unit_since > @until, a range of the same index) are not its members
 * then, so their plan and evaluation, which the tally counts, are taken back off it, looked up for
 * them alone. The memberships that ended are joined as before (a small branch).
 */
export function talliedMemberFactsSql(facts: readonly MemberFact[]): string {
  const [current, ended] = MEMBER_BRANCHES;
  // Today's members whatever the day they came (current.where without its unit_since clause).
  const today = `p.unit_id IN (SELECT value FROM json_each(@units)) AND p.is_member = 1 AND p.active = 1`;
  return addedUp(facts, [
    `
      SELECT p.unit_id AS unitId, count(*) AS members, ${facts.flatMap((f) => FACTS[f].names.map((n) => `0 AS ${n}`)).join(', ')}
        FROM person p
       WHERE ${current.where}
       GROUP BY p.unit_id`,
    `
      SELECT p.unit_id AS unitId, 0 AS members, ${facts.flatMap((f) => FACTS[f].own.map((sub, i) => `-${sub} AS ${FACTS[f].names[i]}`)).join(', ')}
        FROM person p
       WHERE ${today} AND p.unit_since > @until`,
    ...facts.map(
      (f) => `
      SELECT unitId, 0 AS members, ${columnsFor(facts, f)} FROM (${FACTS[f].tally})`,
    ),
    `
      SELECT ${ended.unitId} AS unitId, count(*) AS members, ${facts.flatMap((f) => FACTS[f].columns).join(', ')}
        FROM ${ended.from} ${facts.map((f) => FACTS[f].join(ended.personId)).join(' ')}
       WHERE ${ended.where}
       GROUP BY ${ended.unitId}`,
  ]);
}
