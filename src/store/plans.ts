/** Personal plans (kế hoạch cá nhân): one per member per year, with the year's submission deadline. */
import { NotFoundError, UsageError } from '../errors.js';
import { defaultPlanDeadline } from '../domain/compliance.js';
import type { IsoDate } from '../domain/dates.js';
import { optionalText, sortVi } from '../domain/text.js';
import { logChange, yearsOf, type Audit } from './changelog.js';
import { listsInSql, type Db } from './db.js';
import { cachedStatement } from './statements.js';
import { newUid } from './uid.js';
import { BY_NAME } from './people.js';
import { unitOnSql } from './memberships.js';
import { asJson, defineNameRank, defineUnitRank, namesHaveKeys, unitGroupsVi } from './name-order.js';
import { writeTransaction } from './transaction.js';
import { assertVersion } from './versions.js';

export interface PlanDeadline {
  year: number;
  deadlineOn: IsoDate;
  /** True when no deadline was set and the default (31/03) applies. */
  isDefault: boolean;
}

export function getPlanDeadline(db: Db, year: number): PlanDeadline {
  const row = db.prepare('SELECT deadline_on AS d FROM plan_deadline WHERE year = ?').get(year) as { d: string } | undefined;
  return row ? { year, deadlineOn: row.d, isDefault: false } : { year, deadlineOn: defaultPlanDeadline(year), isDefault: true };
}

export function setPlanDeadline(db: Db, audit: Audit, year: number, deadlineOn: IsoDate): PlanDeadline {
  return writeTransaction(db, () => {
    const before = getPlanDeadline(db, year);
    db.prepare('INSERT INTO plan_deadline (year, deadline_on) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET deadline_on = excluded.deadline_on').run(year, deadlineOn);
    logChange(db, audit, 'plan_deadline', year, before.isDefault ? 'create' : 'update', { year, before: before.deadlineOn, after: deadlineOn });
    return getPlanDeadline(db, year);
  });
}

export interface Plan {
  id: number;
  personId: number;
  fullName: string;
  unitId: number | null;
  unitName: string | null;
  year: number;
  submittedOn: IsoDate | null;
  deadlineOn: IsoDate;
  /** 'on_time' | 'late' | 'not_submitted'. */
  status: PlanStatus;
  content: string | null;
  illustrative: boolean;
}

export type PlanStatus = 'on_time' | 'late' | 'not_submitted';

export function planStatus(submittedOn: IsoDate | null, deadlineOn: IsoDate): PlanStatus {
  if (!submittedOn) return 'not_submitted';
  return submittedOn <= deadlineOn ? 'on_time' : 'late';
}

interface PlanRow {
  id: number;
  personId: number;
  fullName: string;
  unitId: number | null;
  unitName: string | null;
  year: number;
  submittedOn: string | null;
  content: string | null;
  illustrative: number;
}

/** A plan is listed under the unit its author was in at the end of the plan's year (units merge, people move). */
const PLAN_UNIT = unitOnSql('p', "(pl.year || '-12-31')");

const PLAN_FROM = `FROM plan pl JOIN person p ON p.id = pl.person_id LEFT JOIN unit u ON u.id = ${PLAN_UNIT}`;
const PLAN_COLUMNS = `
  SELECT pl.id, pl.person_id AS personId, p.full_name AS fullName, u.id AS unitId, u.name AS unitName,
         pl.year, pl.submitted_on AS submittedOn, pl.content, pl.illustrative`;
const SELECT_PLAN = `${PLAN_COLUMNS} ${PLAN_FROM}`;

/** Converts the row in place (a city lists 240,000 plans a year: no second copy of each). */
function toPlan(r: PlanRow, deadlineOn: IsoDate): Plan {
  const p = r as unknown as Plan;
  p.illustrative = !!r.illustrative;
  p.deadlineOn = deadlineOn;
  p.status = planStatus(r.submittedOn, deadlineOn);
  return p;
}

export function findPlan(db: Db, personId: number, year: number): Plan | undefined {
  const row = db.prepare(`${SELECT_PLAN} WHERE pl.person_id = ? AND pl.year = ?`).get(personId, year) as PlanRow | undefined;
  return row ? toPlan(row, getPlanDeadline(db, year).deadlineOn) : undefined;
}

export interface PlanInput {
  personId: number;
  year: number;
  submittedOn: IsoDate | null;
  content?: string | null;
  illustrative?: boolean;
}

function insertPlan(db: Db, audit: Audit, input: PlanInput, logged = true): number {
  const content = optionalText(input.content);
  const id = Number(
    cachedStatement(db, 'INSERT INTO plan (person_id, year, submitted_on, content, illustrative, created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(input.personId, input.year, input.submittedOn, content, input.illustrative ? 1 : 0, audit.at, newUid()).lastInsertRowid,
  );
  if (logged) logChange(db, audit, 'plan', id, 'create', { personId: input.personId, year: input.year, submittedOn: input.submittedOn, content });
  return id;
}

/** One plan per person and year: a second one is refused (the message says how to edit instead). */
export function addPlan(db: Db, audit: Audit, input: PlanInput & { personName: string }): number {
  return writeTransaction(db, () => {
    const existing = findPlan(db, input.personId, input.year);
    if (existing) throw new UsageError('plan.exists', { name: input.personName, year: input.year, id: existing.id, person: input.personId });
    return insertPlan(db, audit, input);
  });
}

/**
 * Many plans in one transaction (import, sample): all or nothing. The change log keeps one line for
 * them all, as the people and unit imports do (where from, how many, which years); each row is still
 * recorded for `thuky undo` like any other.
 */
export function addPlans(db: Db, audit: Audit, inputs: PlanInput[], source: string): number[] {
  return writeTransaction(db, () => {
    const ids = inputs.map((input) => insertPlan(db, audit, input, false));
    if (ids.length) logChange(db, audit, 'plan', null, 'import', { source, added: ids.length, years: yearsOf(inputs) });
    return ids;
  });
}

export interface PlanPatch {
  submittedOn?: IsoDate | null;
  content?: string | null;
}

/** Changes a plan; with `ifVersion`, refused (exit 1, nothing written) when the plan is no longer at that version. */
export function editPlan(db: Db, audit: Audit, personId: number, year: number, patch: PlanPatch, ifVersion?: number): Plan {
  return writeTransaction(db, () => {
    const before = findPlan(db, personId, year);
    if (!before) throw new NotFoundError('plan.notFound', { person: personId, year });
    assertVersion(db, 'plan', before.id, ifVersion, audit.at);
    const submittedOn = patch.submittedOn !== undefined ? patch.submittedOn : before.submittedOn;
    const content = patch.content !== undefined ? optionalText(patch.content) : before.content;
    db.prepare('UPDATE plan SET submitted_on = ?, content = ? WHERE id = ?').run(submittedOn, content, before.id);
    logChange(db, audit, 'plan', before.id, 'update', { before: { submittedOn: before.submittedOn, content: before.content }, after: patch });
    return findPlan(db, personId, year)!;
  });
}

export function listPlans(db: Db, filter: { year: number; unitId?: number }): Plan[] {
  return [...iteratePlans(db, filter)];
}

/**
 * The year's plans one at a time, by unit then name in Vietnamese order, unit by unit (each unit's
 * plans sorted by SQLite) and written as they are read (a city has 240,000 plans a year).
 */
export function* iteratePlans(db: Db, filter: { year: number; unitId?: number }): Generator<Plan> {
  const { deadlineOn } = getPlanDeadline(db, filter.year);
  const params = { year: filter.year, unit: filter.unitId ?? null };
  if (!listsInSql(db)) {
    const rows = db.prepare(`${SELECT_PLAN} WHERE ${PLAN_FILTERS} ORDER BY pl.person_id`).all(params) as PlanRow[];
    for (const row of sortVi(rows, (r) => r.unitName ?? '', ...BY_NAME)) yield toPlan(row, deadlineOn);
    return;
  }
  for (const row of plansInOrder<PlanRow>(db, PLAN_COLUMNS, params, false)) yield toPlan(row, deadlineOn);
}

const PLAN_FILTERS = `pl.year = @year AND (@unit IS NULL OR u.id = @unit)`;
// sortVi's order by unit, given name, whole name (see name-order.ts); among equals, by person, as
// the index plan_year (year, person_id) gives them.
const PLAN_ORDER = `ORDER BY vi_unit_rank(u.name), vi_name_rank(p.full_name), pl.person_id`;

/** The people who may have a plan listed under a group of units: in one of them now, or at some time (the history). */
const PEOPLE_OF_UNITS = `SELECT id FROM person WHERE unit_id IN (SELECT value FROM json_each(@units))
     UNION SELECT id FROM person WHERE @none AND unit_id IS NULL
     UNION SELECT person_id FROM membership_history WHERE unit_id IN (SELECT value FROM json_each(@units))`;

/**
 * The rows of `columns` for the year's plans in the listing's order. When every name has a key
 * (person_name_order), unit by unit in Vietnamese order (units named alike together, plans without a
 * unit where the name '' sorts): each unit's plans are found from its people and sorted by name
 * key alone, so the first unit's rows are written at once. Else sorted whole by SQLite. Same order.
 */
function* plansInOrder<T>(db: Db, columns: string, params: { year: number; unit: number | null; deadline?: IsoDate }, pluck: boolean): Generator<T> {
  if (!namesHaveKeys(db)) {
    defineUnitRank(db);
    defineNameRank(db);
    const all = db.prepare(`${columns} ${PLAN_FROM} WHERE ${PLAN_FILTERS} ${PLAN_ORDER}`);
    yield* (pluck ? all.pluck() : all).iterate(params) as IterableIterator<T>;
    return;
  }
  const unit = db.prepare(
    `${columns} ${PLAN_FROM}
      WHERE pl.year = @year AND pl.person_id IN (${PEOPLE_OF_UNITS})
        AND (u.id IN (SELECT value FROM json_each(@units)) OR (@none AND u.id IS NULL))
      ORDER BY thuky_name_key(p.full_name), pl.person_id`,
  );
  if (pluck) unit.pluck();
  const groups = params.unit === null ? unitGroupsVi(db) : [{ ids: [params.unit], none: false }];
  for (const g of groups) yield* unit.iterate({ ...params, units: JSON.stringify(g.ids), none: g.none ? 1 : 0 }) as IterableIterator<T>;
}

/**
 * The same plans as iteratePlans, each as the JSON of a Plan built by SQLite (UTF-8 bytes): the
 * year's 240,000 plans of a city never become JavaScript objects. Status as planStatus gives it.
 */
export function iteratePlansJson(db: Db, filter: { year: number; unitId?: number }): IterableIterator<Buffer> {
  if (!listsInSql(db)) return asJson(iteratePlans(db, filter));
  const { deadlineOn } = getPlanDeadline(db, filter.year);
  return plansInOrder<Buffer>(
    db,
    `SELECT CAST(json_object('id', pl.id, 'personId', pl.person_id, 'fullName', p.full_name, 'unitId', u.id, 'unitName', u.name,
              'year', pl.year, 'submittedOn', pl.submitted_on, 'content', pl.content,
              'illustrative', json(CASE WHEN pl.illustrative THEN 'true' ELSE 'false' END), 'deadlineOn', @deadline,
              'status', CASE WHEN pl.submitted_on IS NULL OR pl.submitted_on = '' THEN 'not_submitted'
                             WHEN pl.submitted_on <= @deadline THEN 'on_time' ELSE 'late' END) AS BLOB)`,
    { year: filter.year, unit: filter.unitId ?? null, deadline: deadlineOn },
    true,
  );
}

export interface MemberWithoutPlan {
  personId: number;
  fullName: string;
  unitId: number | null;
  unitName: string | null;
  year: number;
  deadlineOn: IsoDate;
}

/** The party members (active) of the year, in the unit they were in then, with no plan for the year: one anti-join. */
export function listMembersWithoutPlan(db: Db, filter: { year: number; unitId?: number }): MemberWithoutPlan[] {
  const { deadlineOn } = getPlanDeadline(db, filter.year);
  const rows = db
    .prepare(
      `SELECT p.id AS personId, p.full_name AS fullName, p.unit_id AS unitId, u.name AS unitName
         FROM person p LEFT JOIN unit u ON u.id = p.unit_id
        WHERE p.is_member = 1 AND p.active = 1
          AND (@unit IS NULL OR p.unit_id = @unit)
          AND (p.unit_since IS NULL OR p.unit_since <= @until)
          AND NOT EXISTS (SELECT 1 FROM plan pl WHERE pl.person_id = p.id AND pl.year = @year)
       UNION ALL
       -- Members of the year who have since moved on: listed under the unit they were in.
       SELECT p.id, p.full_name, h.unit_id, u.name
         FROM membership_history h JOIN person p ON p.id = h.person_id LEFT JOIN unit u ON u.id = h.unit_id
        WHERE h.is_member = 1 AND p.active = 1
          AND (@unit IS NULL OR h.unit_id = @unit)
          AND h.valid_to >= @from AND (h.valid_from IS NULL OR h.valid_from <= @until)
          AND NOT (p.unit_id IS h.unit_id AND (p.unit_since IS NULL OR p.unit_since <= @until))
          AND NOT EXISTS (SELECT 1 FROM plan pl WHERE pl.person_id = p.id AND pl.year = @year)`,
    )
    .all({ year: filter.year, unit: filter.unitId ?? null, from: `${filter.year}-01-01`, until: `${filter.year}-12-31` }) as Omit<MemberWithoutPlan, 'year' | 'deadlineOn'>[];
  return sortVi(
    rows.map((r) => ({ ...r, year: filter.year, deadlineOn })),
    (p) => p.unitName ?? '',
    ...BY_NAME,
  );
}

// ---------------------------------------------------------------------------------------------
// Matching the people of an import file

export interface PersonMatch {
  id: number;
  fullName: string;
}

/**
 * Everyone attached to the given units, keyed by unit and folded name, read in one query, so that
 * an import of thousands of lines matches names in memory (accent-insensitively) instead of one
 * query per line.
 */
export function peopleByUnitAndName(db: Db, unitIds: number[]): Map<number, Map<string, PersonMatch[]>> {
  const out = new Map<number, Map<string, PersonMatch[]>>();
  for (const id of unitIds) out.set(id, new Map());
  if (!unitIds.length) return out;
  // Rows as arrays: a city's 300,000 people are read here for a whole-city import.
  const rows = db
    .prepare(`SELECT id, full_name, name_folded, unit_id FROM person WHERE unit_id IN (SELECT value FROM json_each(?)) AND active = 1`)
    .raw()
    .all(JSON.stringify(unitIds)) as [number, string, string, number][];
  for (const [id, fullName, folded, unitId] of rows) {
    const byName = out.get(unitId)!;
    const list = byName.get(folded);
    if (list) list.push({ id, fullName });
    else byName.set(folded, [{ id, fullName }]);
  }
  return out;
}

/** Person ids (of the given ones) that already have a plan for the year. */
export function personIdsWithPlan(db: Db, year: number, personIds: number[]): Set<number> {
  if (!personIds.length) return new Set();
  const rows = db
    .prepare('SELECT person_id AS id FROM plan WHERE year = ? AND person_id IN (SELECT value FROM json_each(?))')
    .all(year, JSON.stringify(personIds)) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
