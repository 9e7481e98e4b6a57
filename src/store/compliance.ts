/**
 * The facts behind the compliance table, gathered for all units at once: each criterion is one
 * grouped query over the units of the report (GROUP BY unit), never a query per unit or per
 * person, so that a city of 168 units and 300,000 members is a handful of index walks.
 * The judgement itself is pure (src/domain/compliance.ts).
 */
import { assessBreakthrough } from '../domain/breakthrough.js';
import { judgedMonths, type BreakthroughFact, type UnitFacts } from '../domain/compliance.js';
import type { IsoDate } from '../domain/dates.js';
import { sortVi } from '../domain/text.js';
import type { Db } from './db.js';
import { BY_NAME } from './people.js';
import { getPlanDeadline } from './plans.js';
import { MEMBERS_IN_PERIOD } from './memberships.js';
import { joinedMemberFactsSql, talliedMemberFactsSql } from './compliance-members.js';
import { isPostgres } from './pg/database.js';
import { OPEN_BRANCHES, STATUS_ON, STATUS_WHEN } from './task-status-sql.js';
import { existsOn } from './units.js';

export interface ComplianceScope {
  unitIds: number[];
  /** First day of the period. */
  from: IsoDate;
  /** Last day judged: the end of the period, or the as-of date when earlier. */
  until: IsoDate;
  asOf: IsoDate;
  /** The year whose breakthrough and personal plans are judged (the year of `until`). */
  year: number;
  /** The year-end evaluation judged, when the period holds a year end that has passed. */
  evaluationYear: number | null;
  /**
   * When each unit existed (units merge and split): a unit is judged only on the part of the period
   * it existed, so the wards dissolved on 30/06/2025 are not asked for activities in August.
   */
  lifetimes?: Map<number, { validFrom: IsoDate | null; validTo: IsoDate | null }>;
}

/** The part of [from, until] during which the unit existed, or null when it did not exist then. */
function lifetimeWindow(scope: ComplianceScope, unitId: number): { from: IsoDate; until: IsoDate } | null {
  const life = scope.lifetimes?.get(unitId);
  const from = life?.validFrom && life.validFrom > scope.from ? life.validFrom : scope.from;
  const until = life?.validTo && life.validTo < scope.until ? life.validTo : scope.until;
  return from <= until ? { from, until } : null;
}

function existedOn(scope: ComplianceScope, unitId: number, day: IsoDate): boolean {
  const life = scope.lifetimes?.get(unitId);
  return !life || existsOn(life, day);
}

/** The SQL of the hot queries, exported so that tests can assert their query plans. */
export const SQL = {
  attendance: `
    SELECT mu.unit_id AS unitId, count(*) AS invited, sum(mu.present) AS attended
      FROM meeting m JOIN meeting_unit mu ON mu.meeting_id = m.id
     WHERE m.held_on BETWEEN @from AND @until
       AND mu.unit_id IN (SELECT value FROM json_each(@units))
     GROUP BY mu.unit_id`,
  // Overdue on the as-of day (task-status-sql.ts): open now and past due (the partial index of open
  // tasks), plus tasks closed only after that day (the index of closing dates); breakthroughs are
  // judged on their own. The unary `+` keeps the planner off the kind, unit and start indexes, which
  // would walk every task ever assigned to the units instead of only the open and the recently closed ones.
  overdue: `
    SELECT unit_id AS unitId, count(*) AS overdue FROM (${OPEN_BRANCHES.map(
      (openThen) => `
      SELECT t.unit_id FROM task t
       WHERE ${openThen} AND ${STATUS_WHEN.overdue.where}
         AND +t.start_on <= @asOf AND +t.kind = 'task'`,
    ).join(`
      UNION ALL`)}
    )
     WHERE +unit_id IN (SELECT value FROM json_each(@units))
     GROUP BY unit_id`,
  breakthroughs: `
    SELECT id, unit_id AS unitId, title, target, start_on AS startOn, due_on AS dueOn, year
      FROM task
     WHERE kind = 'breakthrough' AND year = @year
       AND unit_id IN (SELECT value FROM json_each(@units))
       AND (cancelled_on IS NULL OR cancelled_on > @asOf)
     ORDER BY id`,
  // Members of the period (membership over time: see memberships.ts), with the plan of the year, from
  // the counts kept on write (SQLite: compliance-members.ts).
  plans: talliedMemberFactsSql(['plans']),
  evaluation: talliedMemberFactsSql(['evaluation']),
  // Both in one walk of the members, when both are judged over the same members (a whole year, after it).
  plansAndEvaluation: talliedMemberFactsSql(['plans', 'evaluation']),
  activities: `
    SELECT unit_id AS unitId, substr(held_on, 1, 7) AS month, kind, count(*) AS n
      FROM activity
     WHERE held_on BETWEEN @from AND @until
       AND unit_id IN (SELECT value FROM json_each(@units))
     GROUP BY unit_id, month, kind
     ORDER BY unit_id, month, kind`,
  speeches: `
    SELECT s.unit_id AS unitId, count(*) AS n
      FROM meeting m JOIN speech s ON s.meeting_id = m.id
     WHERE m.held_on BETWEEN @from AND @until
       AND s.unit_id IN (SELECT value FROM json_each(@units))
     GROUP BY s.unit_id`,
} as const;

/** The members' queries that join every member to their plan and evaluation (PostgreSQL's; the reference of the tallied ones). */
export const JOINED_SQL = {
  plans: joinedMemberFactsSql(['plans']),
  evaluation: joinedMemberFactsSql(['evaluation']),
  plansAndEvaluation: joinedMemberFactsSql(['plans', 'evaluation']),
} as const;

function emptyFacts(): UnitFacts {
  return {
    attendance: { invited: 0, attended: 0 },
    breakthroughs: [],
    tasks: { overdue: 0 },
    plans: null,
    evaluation: null,
    propaganda: { months: {}, kinds: {} },
    speeches: 0,
  };
}

export interface GatheredFacts {
  facts: Map<number, UnitFacts>;
  planDeadline: IsoDate;
  /** Whether the plan deadline had passed on the as-of date (else plans are not judged yet). */
  plansJudged: boolean;
  /** Months judged by the propaganda criterion, per unit. */
  months: Map<number, string[]>;
}

export function gatherFacts(db: Db, scope: ComplianceScope): GatheredFacts {
  const units = JSON.stringify(scope.unitIds);
  const facts = new Map<number, UnitFacts>(scope.unitIds.map((id) => [id, emptyFacts()]));
  const get = (id: number) => facts.get(id)!;

  for (const r of db.prepare(SQL.attendance).all({ from: scope.from, until: scope.until, units }) as { unitId: number; invited: number; attended: number }[])
    get(r.unitId).attendance = { invited: r.invited, attended: r.attended };

  for (const r of db.prepare(SQL.overdue).all({ asOf: scope.asOf, units }) as { unitId: number; overdue: number }[]) get(r.unitId).tasks = { overdue: r.overdue };

  for (const r of db.prepare(SQL.breakthroughs).all({ year: scope.year, asOf: scope.asOf, units }) as (BreakthroughRow & { unitId: number })[])
    get(r.unitId).breakthroughs.push(toBreakthroughFact(r));

  const deadline = getPlanDeadline(db, scope.year).deadlineOn;
  const plansJudged = scope.asOf >= deadline;
  const ey = scope.evaluationYear;
  type PlanRow = { unitId: number; members: number; submitted: number; onTime: number };
  type EvaluationRow = { unitId: number; members: number; evaluated: number; planUsed: number };
  const members = isPostgres(db) ? JOINED_SQL : SQL;
  let planRows: PlanRow[] = [];
  let evaluationRows: EvaluationRow[] = [];
  if (plansJudged && ey === scope.year && scope.from === `${ey}-01-01` && scope.until === `${ey}-12-31`) {
    // The same members for both (the whole year): one walk.
    planRows = evaluationRows = db.prepare(members.plansAndEvaluation).all({ year: scope.year, deadline, asOf: scope.asOf, from: scope.from, until: scope.until, units }) as (PlanRow & EvaluationRow)[];
  } else {
    if (plansJudged) planRows = db.prepare(members.plans).all({ year: scope.year, deadline, asOf: scope.asOf, from: scope.from, until: scope.until, units }) as PlanRow[];
    if (ey !== null) evaluationRows = db.prepare(members.evaluation).all({ year: ey, from: `${ey}-01-01`, until: `${ey}-12-31`, units }) as EvaluationRow[];
  }

  if (plansJudged) {
    for (const id of scope.unitIds) get(id).plans = { members: 0, submitted: 0, onTime: 0 };
    for (const r of planRows) get(r.unitId).plans = { members: r.members, submitted: r.submitted, onTime: r.onTime };
    // A unit that did not exist on the deadline had no plans to collect by it.
    for (const id of scope.unitIds)
      if (!existedOn(scope, id, deadline)) {
        get(id).plans = null;
        get(id).notJudged = { ...get(id).notJudged, plans: 'outside_lifetime' };
      }
  }

  if (ey !== null) {
    for (const id of scope.unitIds) get(id).evaluation = { members: 0, evaluated: 0, planUsed: 0 };
    for (const r of evaluationRows) get(r.unitId).evaluation = { members: r.members, evaluated: r.evaluated, planUsed: r.planUsed };
    // A unit dissolved before the year end is not evaluated as such.
    for (const id of scope.unitIds)
      if (!existedOn(scope, id, `${ey}-12-31`)) {
        get(id).evaluation = null;
        get(id).notJudged = { ...get(id).notJudged, evaluation: 'outside_lifetime' };
      }
  }

  const activityRows = db.prepare(SQL.activities).all({ from: scope.from, until: scope.until, units }) as { unitId: number; month: string; kind: string; n: number }[];
  const byUnit = new Map<number, typeof activityRows>();
  for (const r of activityRows) (byUnit.get(r.unitId) ?? byUnit.set(r.unitId, []).get(r.unitId)!).push(r);
  const months = new Map<number, string[]>();
  for (const id of scope.unitIds) {
    const rows = byUnit.get(id) ?? [];
    const perMonth = new Map<string, number>();
    for (const r of rows) perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.n);
    const window = lifetimeWindow(scope, id);
    const judged = window ? judgedMonths(window.from, window.until, scope.asOf, (m) => perMonth.has(m)) : [];
    months.set(id, judged);
    const f = get(id).propaganda;
    for (const m of judged) f.months[m] = perMonth.get(m) ?? 0;
    for (const r of rows) if (judged.includes(r.month)) f.kinds[r.kind] = (f.kinds[r.kind] ?? 0) + r.n;
  }

  for (const r of db.prepare(SQL.speeches).all({ from: scope.from, until: scope.until, units }) as { unitId: number; n: number }[]) get(r.unitId).speeches = r.n;

  return { facts, planDeadline: deadline, plansJudged, months };
}

interface BreakthroughRow {
  id: number;
  title: string;
  target: string | null;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  year: number;
}

function toBreakthroughFact(r: BreakthroughRow): BreakthroughFact {
  const a = assessBreakthrough({ title: r.title, target: r.target, startOn: r.startOn, dueOn: r.dueOn, year: r.year });
  return { id: r.id, title: r.title, target: r.target, dueOn: r.dueOn, generic: a.generic, reasons: [...a.reasons] };
}

// ---------------------------------------------------------------------------------------------
// One unit in detail (--detail): lists, for a single unit, so plain per-unit queries are fine.

export interface MeetingAttendance {
  meetingId: number;
  heldOn: IsoDate;
  title: string;
  present: boolean;
  absentReason: string | null;
}

export interface OverdueTask {
  id: number;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate;
  doneOn: IsoDate | null;
}

export interface MemberPlanState {
  personId: number;
  fullName: string;
  submittedOn: IsoDate | null;
}

export interface MemberEvaluationState {
  personId: number;
  fullName: string;
  result: string;
  planUsed: boolean | null;
}

export interface UnitDetailLists {
  meetings: MeetingAttendance[];
  overdueTasks: OverdueTask[];
  membersWithoutPlan: MemberPlanState[];
  latePlans: MemberPlanState[];
  evaluationsWithoutPlan: MemberEvaluationState[];
  membersNotEvaluated: { personId: number; fullName: string }[];
}

export function unitDetailLists(db: Db, unitId: number, scope: ComplianceScope, planDeadline: IsoDate): UnitDetailLists {
  const meetings = (
    db
      .prepare(
        `SELECT m.id AS meetingId, m.held_on AS heldOn, m.title, mu.present, mu.absent_reason AS absentReason
           FROM meeting_unit mu JOIN meeting m ON m.id = mu.meeting_id
          WHERE mu.unit_id = ? AND m.held_on BETWEEN ? AND ?
          ORDER BY m.held_on, m.id`,
      )
      .all(unitId, scope.from, scope.until) as (Omit<MeetingAttendance, 'present'> & { present: number })[]
  ).map((r) => ({ ...r, present: !!r.present }));

  const overdueTasks = db
    .prepare(
      `SELECT t.id, t.title, t.start_on AS startOn, t.due_on AS dueOn, t.done_on AS doneOn FROM task t
        WHERE t.unit_id = @unit AND t.kind = 'task' AND t.start_on <= @asOf AND ${STATUS_ON.overdue}
        ORDER BY t.due_on, t.id`,
    )
    .all({ unit: unitId, asOf: scope.asOf }) as OverdueTask[];

  const unitsParam = JSON.stringify([unitId]);
  const members = db
    .prepare(
      `SELECT p.id AS personId, p.full_name AS fullName, pl.submitted_on AS submittedOn, pl.person_id IS NOT NULL AS hasPlan
         FROM (${MEMBERS_IN_PERIOD}) mem JOIN person p ON p.id = mem.personId
         LEFT JOIN plan pl ON pl.person_id = p.id AND pl.year = @year`,
    )
    .all({ year: scope.year, units: unitsParam, from: scope.from, until: scope.until }) as (MemberPlanState & { hasPlan: number })[];
  const byName = <T extends { fullName: string }>(rows: T[]) => sortVi(rows, ...BY_NAME);
  const strip = ({ personId, fullName, submittedOn }: MemberPlanState) => ({ personId, fullName, submittedOn });
  const membersWithoutPlan = byName(members.filter((m) => !m.submittedOn || m.submittedOn > scope.asOf).map(strip));
  const latePlans = byName(members.filter((m) => m.submittedOn && m.submittedOn > planDeadline && m.submittedOn <= scope.asOf).map(strip));

  let evaluationsWithoutPlan: MemberEvaluationState[] = [];
  let membersNotEvaluated: { personId: number; fullName: string }[] = [];
  if (scope.evaluationYear !== null) {
    const rows = db
      .prepare(
        `SELECT p.id AS personId, p.full_name AS fullName, e.result, e.plan_used AS planUsed, e.person_id IS NOT NULL AS evaluated
           FROM (${MEMBERS_IN_PERIOD}) mem JOIN person p ON p.id = mem.personId
           LEFT JOIN evaluation e ON e.person_id = p.id AND e.year = @year`,
      )
      .all({ year: scope.evaluationYear, units: unitsParam, from: `${scope.evaluationYear}-01-01`, until: `${scope.evaluationYear}-12-31` }) as { personId: number; fullName: string; result: string | null; planUsed: number | null; evaluated: number }[];
    evaluationsWithoutPlan = byName(
      rows.filter((r) => r.evaluated && r.planUsed !== 1).map((r) => ({ personId: r.personId, fullName: r.fullName, result: r.result!, planUsed: r.planUsed === null ? null : !!r.planUsed })),
    );
    membersNotEvaluated = byName(rows.filter((r) => !r.evaluated).map((r) => ({ personId: r.personId, fullName: r.fullName })));
  }

  return { meetings, overdueTasks, membersWithoutPlan, latePlans, evaluationsWithoutPlan, membersNotEvaluated };
}
