/** Year-end quality evaluations (đánh giá, xếp loại chất lượng cuối năm). */
import { EVALUATION_RESULTS, type EvaluationResult, type LevelCounts } from '../domain/compliance.js';
import { sortVi } from '../domain/text.js';
import { logChange, yearsOf, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { cachedStatement } from './statements.js';
import { newUid } from './uid.js';
import { PEOPLE_IN_PERIOD, unitOnSql } from './memberships.js';
import { BY_NAME } from './people.js';
import { writeTransaction } from './transaction.js';

export interface Evaluation {
  id: number;
  personId: number;
  fullName: string;
  unitId: number | null;
  unitName: string | null;
  year: number;
  result: EvaluationResult;
  score: number | null;
  planUsed: boolean | null;
  hasPlan: boolean;
  illustrative: boolean;
}

interface EvaluationRow extends Omit<Evaluation, 'planUsed' | 'hasPlan' | 'illustrative'> {
  planUsed: number | null;
  hasPlan: number;
  illustrative: number;
}

/** An evaluation is listed under the unit the person was in at the end of the year evaluated. */
const SELECT_EVALUATION = `
  SELECT e.id, e.person_id AS personId, p.full_name AS fullName, u.id AS unitId, u.name AS unitName,
         e.year, e.result, e.score, e.plan_used AS planUsed, e.illustrative,
         EXISTS (SELECT 1 FROM plan pl WHERE pl.person_id = e.person_id AND pl.year = e.year) AS hasPlan
    FROM evaluation e JOIN person p ON p.id = e.person_id LEFT JOIN unit u ON u.id = ${unitOnSql('p', "(e.year || '-12-31')")}`;

function toEvaluation(r: EvaluationRow): Evaluation {
  return { ...r, planUsed: r.planUsed === null ? null : !!r.planUsed, hasPlan: !!r.hasPlan, illustrative: !!r.illustrative };
}

export function findEvaluation(db: Db, personId: number, year: number): Evaluation | undefined {
  const row = db.prepare(`${SELECT_EVALUATION} WHERE e.person_id = ? AND e.year = ?`).get(personId, year) as EvaluationRow | undefined;
  return row ? toEvaluation(row) : undefined;
}

export interface EvaluationInput {
  personId: number;
  year: number;
  result: EvaluationResult;
  score?: number | null;
  planUsed?: boolean | null;
  illustrative?: boolean;
}

function insertEvaluation(db: Db, audit: Audit, input: EvaluationInput, logged = true): number {
  const id = Number(
    cachedStatement(db, 'INSERT INTO evaluation (person_id, year, result, score, plan_used, illustrative, created_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(input.personId, input.year, input.result, input.score ?? null, boolOrNull(input.planUsed), input.illustrative ? 1 : 0, audit.at, newUid()).lastInsertRowid,
  );
  if (logged) logChange(db, audit, 'evaluation', id, 'create', { personId: input.personId, year: input.year, result: input.result, score: input.score ?? null, planUsed: input.planUsed ?? null });
  return id;
}

function boolOrNull(v: boolean | null | undefined): number | null {
  return v === undefined || v === null ? null : v ? 1 : 0;
}

/**
 * Records a person's evaluation for a year; recording it again corrects it (the change log keeps
 * what it was). Options not given keep their recorded value.
 */
export function setEvaluation(db: Db, audit: Audit, input: EvaluationInput): { evaluation: Evaluation; created: boolean } {
  return writeTransaction(db, () => {
    const before = findEvaluation(db, input.personId, input.year);
    if (!before) {
      insertEvaluation(db, audit, input);
      return { evaluation: findEvaluation(db, input.personId, input.year)!, created: true };
    }
    const score = input.score !== undefined ? input.score : before.score;
    const planUsed = input.planUsed !== undefined ? input.planUsed : before.planUsed;
    db.prepare('UPDATE evaluation SET result = ?, score = ?, plan_used = ? WHERE id = ?').run(input.result, score, boolOrNull(planUsed), before.id);
    logChange(db, audit, 'evaluation', before.id, 'update', {
      before: { result: before.result, score: before.score, planUsed: before.planUsed },
      after: { result: input.result, score, planUsed },
    });
    return { evaluation: findEvaluation(db, input.personId, input.year)!, created: false };
  });
}

/** Many evaluations in one transaction (import, sample): all or nothing, logged as one line like addPlans. */
export function addEvaluations(db: Db, audit: Audit, inputs: EvaluationInput[], source: string): number[] {
  return writeTransaction(db, () => {
    const ids = inputs.map((input) => insertEvaluation(db, audit, input, false));
    if (ids.length) logChange(db, audit, 'evaluation', null, 'import', { source, added: ids.length, years: yearsOf(inputs) });
    return ids;
  });
}

export function listEvaluations(db: Db, filter: { year: number; unitId?: number }): Evaluation[] {
  const rows = db
    .prepare(`${SELECT_EVALUATION} WHERE e.year = @year AND (@unit IS NULL OR u.id = @unit)`)
    .all({ year: filter.year, unit: filter.unitId ?? null }) as EvaluationRow[];
  return sortVi(rows.map(toEvaluation), (e) => e.unitName ?? '', ...BY_NAME);
}

export interface EvaluationSummary extends LevelCounts {
  unitId: number;
  unitName: string;
  members: number;
  evaluated: number;
  planUsed: number;
}

/**
 * Per unit: active members of the year, how many were evaluated, the count at each level, and in
 * how many evaluations the personal plan was used. One grouped query over the people of the units
 * (grouped by u.id too, the same groups: PostgreSQL reads only columns its groups determine).
 */
export function summarizeEvaluations(db: Db, year: number, unitIds: number[]): EvaluationSummary[] {
  if (!unitIds.length) return [];
  const rows = db
    .prepare(
      `SELECT mem.unitId, u.name AS unitName,
              sum(mem.isMember) AS members,
              count(e.id) AS evaluated,
              ${EVALUATION_RESULTS.map((r) => `coalesce(sum(e.result = '${r}'), 0) AS "${r}"`).join(',\n              ')},
              coalesce(sum(e.plan_used = 1), 0) AS planUsed
         FROM (${PEOPLE_IN_PERIOD}) mem
         JOIN unit u ON u.id = mem.unitId
         LEFT JOIN evaluation e ON e.person_id = mem.personId AND e.year = @year
        WHERE mem.isMember = 1 OR e.id IS NOT NULL
        GROUP BY mem.unitId, u.id`,
    )
    .all({ year, units: JSON.stringify(unitIds), from: `${year}-01-01`, until: `${year}-12-31` }) as EvaluationSummary[];
  return sortVi(rows, (r) => r.unitName);
}

/** Person ids (of the given ones) already evaluated for the year. */
export function personIdsEvaluated(db: Db, year: number, personIds: number[]): Set<number> {
  if (!personIds.length) return new Set();
  const rows = db
    .prepare('SELECT person_id AS id FROM evaluation WHERE year = ? AND person_id IN (SELECT value FROM json_each(?))')
    .all(year, JSON.stringify(personIds)) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
