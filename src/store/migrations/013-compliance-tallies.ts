/**
 * Migration 13: counts kept on write for the compliance report, so that a national report does not
 * join four million members to their plans and evaluations each time it runs.
 *
 * plan_tally counts the personal plans handed in (submitted_on set) of the people who are today
 * party members of a unit (person.unit_id set, is_member = 1, active = 1), by that unit, the plan's
 * year and the day it was handed in; evaluation_tally counts their year-end evaluations by unit,
 * year and whether the plan was used (plan_used = 1). The report adds up a unit's rows up to its
 * as-of day and deadline, and corrects for the few members the tally cannot know about (those who
 * joined the unit after the period, and the memberships that ended: store/compliance-members.ts).
 *
 * The triggers below keep both on every write of a plan, an evaluation or a person's unit or
 * membership, whoever writes (thuky's commands, import, undo, unit merges, the sqlite3 shell): the
 * tables are derived and neither recorded for undo nor copied (store/tallies.ts). Rows that count
 * nothing are removed, so that a tally is always equal to its recount (`thuky db check` compares).
 * Frozen once released.
 */

/** A person row (`p`) that counts: a party member, active, in a unit. */
const COUNTS = (p: string) => `${p}.unit_id IS NOT NULL AND ${p}.is_member = 1 AND ${p}.active = 1`;

/** +1 for a plan of person `person`, year `year`, handed in on `on` (trigger row expressions). */
const addPlan = (person: string, year: string, on: string) => `
  INSERT INTO plan_tally (unit_id, year, submitted_on, n)
    SELECT p.unit_id, ${year}, ${on}, 1 FROM person p WHERE p.id = ${person} AND ${on} IS NOT NULL AND ${COUNTS('p')}
    ON CONFLICT (unit_id, year, submitted_on) DO UPDATE SET n = n + 1;`;

const removePlan = (person: string, year: string, on: string) => `
  UPDATE plan_tally SET n = n - 1
   WHERE (unit_id, year, submitted_on) = (SELECT p.unit_id, ${year}, ${on} FROM person p WHERE p.id = ${person} AND ${COUNTS('p')});
  DELETE FROM plan_tally WHERE n = 0 AND unit_id = (SELECT p.unit_id FROM person p WHERE p.id = ${person});`;

const addEvaluation = (person: string, year: string, used: string) => `
  INSERT INTO evaluation_tally (unit_id, year, plan_used, n)
    SELECT p.unit_id, ${year}, coalesce(${used} = 1, 0), 1 FROM person p WHERE p.id = ${person} AND ${COUNTS('p')}
    ON CONFLICT (unit_id, year, plan_used) DO UPDATE SET n = n + 1;`;

const removeEvaluation = (person: string, year: string, used: string) => `
  UPDATE evaluation_tally SET n = n - 1
   WHERE (unit_id, year, plan_used) = (SELECT p.unit_id, ${year}, coalesce(${used} = 1, 0) FROM person p WHERE p.id = ${person} AND ${COUNTS('p')});
  DELETE FROM evaluation_tally WHERE n = 0 AND unit_id = (SELECT p.unit_id FROM person p WHERE p.id = ${person});`;

/** Every plan and evaluation of a person (row `old`) taken off the unit it counted in. */
const removePerson = (old: string) => `
  UPDATE plan_tally SET n = n - 1
   WHERE unit_id = ${old}.unit_id AND ${COUNTS(old)}
     AND (year, submitted_on) IN (SELECT year, submitted_on FROM plan WHERE person_id = ${old}.id AND submitted_on IS NOT NULL);
  UPDATE evaluation_tally SET n = n - 1
   WHERE unit_id = ${old}.unit_id AND ${COUNTS(old)}
     AND (year, plan_used) IN (SELECT year, coalesce(plan_used = 1, 0) FROM evaluation WHERE person_id = ${old}.id);
  DELETE FROM plan_tally WHERE n = 0 AND unit_id = ${old}.unit_id;
  DELETE FROM evaluation_tally WHERE n = 0 AND unit_id = ${old}.unit_id;`;

/** Every plan and evaluation of a person (row `new`) counted in the unit they are in. */
const addPerson = (row: string) => `
  INSERT INTO plan_tally (unit_id, year, submitted_on, n)
    SELECT ${row}.unit_id, year, submitted_on, 1 FROM plan WHERE person_id = ${row}.id AND submitted_on IS NOT NULL AND ${COUNTS(row)}
    ON CONFLICT (unit_id, year, submitted_on) DO UPDATE SET n = n + 1;
  INSERT INTO evaluation_tally (unit_id, year, plan_used, n)
    SELECT ${row}.unit_id, year, coalesce(plan_used = 1, 0), 1 FROM evaluation WHERE person_id = ${row}.id AND ${COUNTS(row)}
    ON CONFLICT (unit_id, year, plan_used) DO UPDATE SET n = n + 1;`;

/** What plan_tally holds, counted from the rows (its first fill here; `db check` compares with it: store/tallies.ts). */
export const PLAN_TALLY_RECOUNT = `SELECT p.unit_id AS unit_id, pl.year AS year, pl.submitted_on AS submitted_on, count(*) AS n
    FROM plan pl JOIN person p ON p.id = pl.person_id
   WHERE pl.submitted_on IS NOT NULL AND ${COUNTS('p')}
   GROUP BY p.unit_id, pl.year, pl.submitted_on`;

/** What evaluation_tally holds, counted from the rows. */
export const EVALUATION_TALLY_RECOUNT = `SELECT p.unit_id AS unit_id, e.year AS year, coalesce(e.plan_used = 1, 0) AS plan_used, count(*) AS n
    FROM evaluation e JOIN person p ON p.id = e.person_id
   WHERE ${COUNTS('p')}
   GROUP BY p.unit_id, e.year, coalesce(e.plan_used = 1, 0)`;

export default `CREATE TABLE plan_tally (
  unit_id      INTEGER NOT NULL,
  year         INTEGER NOT NULL,
  submitted_on TEXT NOT NULL,
  n            INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, submitted_on)
) WITHOUT ROWID;
CREATE TABLE evaluation_tally (
  unit_id   INTEGER NOT NULL,
  year      INTEGER NOT NULL,
  plan_used INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (unit_id, year, plan_used)
) WITHOUT ROWID;

INSERT INTO plan_tally (unit_id, year, submitted_on, n) ${PLAN_TALLY_RECOUNT};
INSERT INTO evaluation_tally (unit_id, year, plan_used, n) ${EVALUATION_TALLY_RECOUNT};

CREATE TRIGGER plan_tally_insert AFTER INSERT ON plan BEGIN${addPlan('new.person_id', 'new.year', 'new.submitted_on')}
END;
CREATE TRIGGER plan_tally_update AFTER UPDATE OF person_id, year, submitted_on ON plan
  WHEN old.person_id IS NOT new.person_id OR old.year IS NOT new.year OR old.submitted_on IS NOT new.submitted_on
BEGIN${removePlan('old.person_id', 'old.year', 'old.submitted_on')}${addPlan('new.person_id', 'new.year', 'new.submitted_on')}
END;
CREATE TRIGGER plan_tally_delete AFTER DELETE ON plan BEGIN${removePlan('old.person_id', 'old.year', 'old.submitted_on')}
END;

CREATE TRIGGER evaluation_tally_insert AFTER INSERT ON evaluation BEGIN${addEvaluation('new.person_id', 'new.year', 'new.plan_used')}
END;
CREATE TRIGGER evaluation_tally_update AFTER UPDATE OF person_id, year, plan_used ON evaluation
  WHEN old.person_id IS NOT new.person_id OR old.year IS NOT new.year OR old.plan_used IS NOT new.plan_used
BEGIN${removeEvaluation('old.person_id', 'old.year', 'old.plan_used')}${addEvaluation('new.person_id', 'new.year', 'new.plan_used')}
END;
CREATE TRIGGER evaluation_tally_delete AFTER DELETE ON evaluation BEGIN${removeEvaluation('old.person_id', 'old.year', 'old.plan_used')}
END;

CREATE TRIGGER person_tally_insert AFTER INSERT ON person BEGIN${addPerson('new')}
END;
CREATE TRIGGER person_tally_update AFTER UPDATE OF id, unit_id, is_member, active ON person
  WHEN old.id IS NOT new.id OR old.unit_id IS NOT new.unit_id OR old.is_member IS NOT new.is_member OR old.active IS NOT new.active
BEGIN${removePerson('old')}${addPerson('new')}
END;
CREATE TRIGGER person_tally_delete AFTER DELETE ON person BEGIN${removePerson('old')}
END;
`;
