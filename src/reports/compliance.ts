/**
 * The compliance report as data: per unit, the facts of the period gathered by the store, judged
 * by the rules in force. No flags, no output: the command reads its options and renders this.
 */
import { CRITERIA, judgeUnit, type CriterionId, type CriterionResult, type Rules } from '../domain/compliance.js';
import { formatDateVi, type IsoDate } from '../domain/dates.js';
import { periodLabel, yearEndsIn, type Period } from '../domain/periods.js';
import type { Lang, Translate } from '../i18n/index.js';
import { gatherFacts, type ComplianceScope } from '../store/compliance.js';
import type { Db } from '../store/db.js';
import type { Unit, UnitKind } from '../store/units.js';

export interface UnitReport {
  unitId: number;
  code: string | null;
  name: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  /** The name, with the unit's dates when it began or ended within the period (two Phường Bến Thành in 2025). */
  label: string;
  kind: UnitKind;
  passed: boolean;
  verdict: 'dat' | 'chua-dat';
  failing: CriterionId[];
  speeches: number;
  criteria: Record<CriterionId, CriterionResult & Record<string, unknown>>;
}

export interface ComplianceReport {
  period: { code: string; kind: string; label: string; from: IsoDate; to: IsoDate };
  asOf: IsoDate;
  /** Last day judged: the end of the period or the as-of date, whichever is earlier. */
  until: IsoDate;
  year: number;
  planDeadline: IsoDate;
  evaluationYear: number | null;
  kinds: UnitKind[];
  rules: Rules;
  rulesFile: string | null;
  units: UnitReport[];
  summary: { units: number; passed: number; failed: number; failingBy: Record<CriterionId, number> };
}

/** What the report is built from: the units to judge, over a period, on a day, by these rules. */
export interface ComplianceReportInput {
  db: Db;
  t: Translate;
  lang: Lang;
  period: Period;
  asOf: IsoDate;
  units: Unit[];
  rules: Rules;
  /** The rules file the rules came from, named in the footer (null: the default rules). */
  rulesFile: string | null;
  /** The kinds of unit reported on, named in the heading. */
  kinds: UnitKind[];
}

function unitLabel(t: Translate, u: Unit, period: Period): string {
  if (u.validTo && u.validTo < period.to) return t('compliance.unit.until', { name: u.name, date: formatDateVi(u.validTo) });
  if (u.validFrom && u.validFrom > period.from) return t('compliance.unit.from', { name: u.name, date: formatDateVi(u.validFrom) });
  return u.name;
}

/** The days and units the facts are gathered for: judged until the end of the period or the as-of date, whichever is earlier. */
export function complianceScope(period: Period, asOf: IsoDate, units: Unit[]): ComplianceScope {
  const until = asOf < period.to ? asOf : period.to;
  const ends = yearEndsIn({ ...period, to: until });
  return {
    unitIds: units.map((u) => u.id),
    from: period.from,
    until,
    asOf,
    year: Number(until.slice(0, 4)),
    evaluationYear: ends.length ? ends[ends.length - 1] : null,
    lifetimes: new Map(units.map((u) => [u.id, { validFrom: u.validFrom, validTo: u.validTo }])),
  };
}

export function buildComplianceReport(input: ComplianceReportInput): ComplianceReport {
  const { db, t, lang, period, asOf, units, rules, rulesFile, kinds } = input;
  const scope = complianceScope(period, asOf, units);
  const { facts, planDeadline } = gatherFacts(db, scope);
  const reports: UnitReport[] = units.map((u) => {
    const f = facts.get(u.id)!;
    const j = judgeUnit(f, rules);
    const c = j.criteria;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      validFrom: u.validFrom,
      validTo: u.validTo,
      label: unitLabel(t, u, period),
      kind: u.kind,
      passed: j.passed,
      verdict: j.passed ? 'dat' : 'chua-dat',
      failing: j.failing,
      speeches: f.speeches,
      criteria: {
        attendance: { ...c.attendance, invited: f.attendance.invited, attended: f.attendance.attended },
        breakthrough: { ...c.breakthrough, year: scope.year, registered: f.breakthroughs },
        tasks: { ...c.tasks, overdue: f.tasks.overdue },
        plans: { ...c.plans, year: scope.year, deadline: planDeadline, members: f.plans?.members ?? null, submitted: f.plans?.submitted ?? null, onTime: f.plans?.onTime ?? null },
        evaluation: { ...c.evaluation, year: scope.evaluationYear, members: f.evaluation?.members ?? null, evaluated: f.evaluation?.evaluated ?? null, planUsed: f.evaluation?.planUsed ?? null },
        propaganda: { ...c.propaganda, months: f.propaganda.months, kinds: f.propaganda.kinds },
      },
    };
  });
  const failingBy = Object.fromEntries(CRITERIA.map((id) => [id, reports.filter((r) => r.failing.includes(id)).length])) as Record<CriterionId, number>;
  const report: ComplianceReport = {
    period: { code: period.code, kind: period.kind, label: periodLabel(period, lang), from: period.from, to: period.to },
    asOf,
    until: scope.until,
    year: scope.year,
    planDeadline,
    evaluationYear: scope.evaluationYear,
    kinds,
    rules,
    rulesFile,
    units: reports,
    summary: { units: reports.length, passed: reports.filter((r) => r.passed).length, failed: reports.filter((r) => !r.passed).length, failingBy },
  };
  return report;
}
