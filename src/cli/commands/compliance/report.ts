/** thuky report compliance: per unit, which criteria pass over a period, and why not. */
import { readFileSync } from 'node:fs';
import {
  CRITERIA,
  judgeUnit,
  parseRules,
  RulesError,
  DEFAULT_RULES,
  type CriterionId,
  type CriterionResult,
  type Rules,
  type UnitFacts,
  type UnitJudgement,
} from '../../../domain/compliance.js';
import { daysBetween, formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { periodLabel, yearEndsIn, yearPeriod, type Period } from '../../../domain/periods.js';
import { formatNumber, type Column, type Tone } from '../../../render/output.js';
import type { Report } from '../../../render/report.js';
import { compareVi } from '../../../domain/text.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import { gatherFacts, unitDetailLists, type ComplianceScope, type UnitDetailLists } from '../../../store/compliance.js';
import type { Db } from '../../../store/db.js';
import { GRASSROOTS_KINDS } from '../../../domain/grassroots.js';
import { listUnits, resolveUnit, UNIT_KINDS, type Unit, type UnitKind } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import type { Parents } from '../index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Units the office coordinates, when --kind is not given. */
/** Every grassroots kind (wards, communes, special zones): the one meaning of "all units". */
export const DEFAULT_KINDS: UnitKind[] = [...GRASSROOTS_KINDS];

interface ReportOptions {
  period?: string;
  year?: string;
  from?: string;
  to?: string;
  asOf?: string;
  kind?: string[];
  unit?: string[];
  rules?: string;
  detail?: string;
  chart?: boolean;
}

export function registerComplianceReport(cli: Cli, parents: Parents): void {
  const cmd = cli
    .command(parents.report, 'compliance', 'cmd.report.compliance', [
      'thuky report compliance --year 2017 --as-of 31/12/2017',
      'thuky report compliance --period 2017-Q2 --as-of 30/06/2017 --format md',
      'thuky report compliance --year 2017 --as-of 31/12/2017 --detail "da kao"',
      'thuky report compliance --year 2017 --rules quy-tac.json --format csv > bao-cao.csv',
      'thuky report compliance --year 2017 --as-of 31/12/2017 --format docx --out bao-cao.docx',
      'thuky report compliance --year 2017 --as-of 31/12/2017 --format xlsx --out bao-cao.xlsx',
      'thuky report compliance --year 2017 --as-of 31/12/2017 --chart',
    ])
    .option('--period <period>', cli.t('cmd.report.compliance.opt.period'))
    .option('--year <year>', cli.t('cmd.report.compliance.opt.year'))
    .option('--from <date>', cli.t('cmd.report.compliance.opt.from'))
    .option('--to <date>', cli.t('cmd.report.compliance.opt.to'))
    .option('--as-of <date>', cli.t('opt.asOf'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.report.compliance.opt.kind', { kinds: UNIT_KINDS.join(', ') }), UNIT_KINDS).argParser(collect))
    .option('--unit <unit>', cli.t('cmd.report.compliance.opt.unit'), collect)
    .option('--rules <file>', cli.t('cmd.report.compliance.opt.rules'))
    .option('--detail <unit>', cli.t('cmd.report.compliance.opt.detail'))
    .option('--chart', cli.t('opt.chart'));
  withFileOptions(cmd, cli.t);
  cmd.addHelpText('after', `\n${cli.t('compliance.help')}\n`);
  cli.action<ReportOptions>(cmd, (env, opts) => runComplianceReport(env, opts));
}

// ---------------------------------------------------------------------------------------------
// Inputs

function reportPeriod(env: Env, opts: ReportOptions, asOf: IsoDate): Period {
  const given = [opts.period !== undefined && '--period', opts.year !== undefined && '--year', (opts.from !== undefined || opts.to !== undefined) && '--from/--to'].filter(Boolean) as string[];
  if (given.length === 0) throw new UsageError('compliance.needPeriod');
  if (given.length > 1) throw new UsageError('input.conflict', { a: given[0], b: given[1] });
  if (opts.period !== undefined) return env.period('--period', opts.period, asOf);
  if (opts.year !== undefined) return yearPeriod(env.year('--year', opts.year)!);
  if (opts.from === undefined || opts.to === undefined) throw new UsageError('compliance.fromTo', { missing: opts.from === undefined ? '--from' : '--to' });
  const from = env.date('--from', opts.from, asOf);
  const to = env.date('--to', opts.to, asOf);
  if (to < from) throw new UsageError('compliance.toBeforeFrom', { from: formatDateVi(from), to: formatDateVi(to) });
  return { kind: 'range', code: `${from}..${to}`, from, to };
}

function parseKinds(values: string[] | undefined): UnitKind[] {
  if (!values?.length) return DEFAULT_KINDS;
  const kinds = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const k of kinds) if (!(UNIT_KINDS as readonly string[]).includes(k)) throw new UsageError('input.badChoice', { field: '--kind', value: k, accepted: UNIT_KINDS.join(', ') });
  return kinds as UnitKind[];
}

/** Reads and checks a rules file; every fault is a usage error naming the key. */
export function readRulesFile(file: string): Rules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError('compliance.rulesUnreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError('compliance.rulesJson', { file, reason: (err as Error).message });
  }
  try {
    return parseRules(json);
  } catch (err) {
    if (err instanceof RulesError) throw new UsageError(`compliance.rules.${err.problem}`, { file, key: err.key, value: err.value, min: err.min, max: err.max });
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The report as data

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

interface Prepared {
  db: Db;
  report: ComplianceReport;
  scope: ComplianceScope;
  facts: Map<number, UnitFacts>;
  judgements: Map<number, UnitJudgement>;
}

function unitLabel(env: Env, u: Unit, period: Period): string {
  if (u.validTo && u.validTo < period.to) return env.t('compliance.unit.until', { name: u.name, date: formatDateVi(u.validTo) });
  if (u.validFrom && u.validFrom > period.from) return env.t('compliance.unit.from', { name: u.name, date: formatDateVi(u.validFrom) });
  return u.name;
}

function scopeOf(period: Period, asOf: IsoDate, units: Unit[]): ComplianceScope {
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

export function buildComplianceReport(env: Env, db: Db, period: Period, asOf: IsoDate, units: Unit[], rules: Rules, rulesFile: string | null, kinds: UnitKind[]): Prepared {
  const scope = scopeOf(period, asOf, units);
  const { facts, planDeadline } = gatherFacts(db, scope);
  const judgements = new Map<number, UnitJudgement>();
  const reports: UnitReport[] = units.map((u) => {
    const f = facts.get(u.id)!;
    const j = judgeUnit(f, rules);
    judgements.set(u.id, j);
    const c = j.criteria;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      validFrom: u.validFrom,
      validTo: u.validTo,
      label: unitLabel(env, u, period),
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
    period: { code: period.code, kind: period.kind, label: periodLabel(period, env.lang), from: period.from, to: period.to },
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
  return { db, report, scope, facts, judgements };
}

async function runComplianceReport(env: Env, opts: ReportOptions): Promise<void> {
  const asOf = env.today(opts.asOf);
  const period = reportPeriod(env, opts, asOf);
  if (asOf < period.from) throw new UsageError('compliance.asOfBeforePeriod', { asOf: formatDateVi(asOf), from: formatDateVi(period.from) });
  const kinds = parseKinds(opts.kind);
  const rules = opts.rules ? readRulesFile(opts.rules) : structuredClone(DEFAULT_RULES);
  const db = env.readDb();
  const until = asOf < period.to ? asOf : period.to;

  if (opts.detail) {
    const unit = resolveUnit(db, opts.detail, { at: until });
    const prepared = buildComplianceReport(env, db, period, asOf, [unit], rules, opts.rules ?? null, kinds);
    const lists = unitDetailLists(db, unit.id, prepared.scope, prepared.report.planDeadline);
    const r = prepared.report.units[0];
    const detail = { ...prepared.report, units: undefined, unit: r, lists: { ...lists, monthsWithoutActivity: monthsWithout(r) } };
    delete detail.units;
    if (env.format === 'docx') {
      const model = complianceReportModel(env, db, prepared.report);
      const text = detailText(env, prepared.report, r, lists).split('\n');
      model.document!.subject = env.t('doc.compliance.detailSubject', { unit: r.label, period: prepared.report.period.label });
      model.document!.intro = model.document!.intro.slice(0, 1);
      model.chart = undefined;
      return env.report({ ...model, summary: [], notes: [] }, { docxBody: text.slice(1) });
    }
    return env.record(detail, () => detailText(env, prepared.report, r, lists));
  }

  let units: Unit[];
  if (opts.unit?.length) {
    const seen = new Set<number>();
    units = opts.unit.map((q) => resolveUnit(db, q, { at: until })).filter((u) => !seen.has(u.id) && seen.add(u.id));
  } else {
    units = listUnits(db, { from: period.from, to: period.to }).filter((u) => kinds.includes(u.kind));
  }
  const { report } = buildComplianceReport(env, db, period, asOf, units, rules, opts.rules ?? null, kinds);

  return env.report(complianceReportModel(env, db, report), { chart: opts.chart });
}

/** The compliance report in the one report model: every format, Word and Excel included. */
export function complianceReportModel(env: Env, db: Db, report: ComplianceReport): Report {
  const footer = footerLines(env, report);
  const summary = footer.pop()!;
  const title = env.t('compliance.title', { period: report.period.label, asOf: formatDateVi(report.asOf) });
  const judged = CRITERIA.filter((id) => report.rules[id].enabled && (id !== 'evaluation' || report.evaluationYear !== null));
  const bars = report.units.map((u) => {
    const statuses = judged.map((id) => u.criteria[id].status);
    return { label: u.label, values: { met: statuses.filter((s) => s === 'pass').length, unmet: statuses.filter((s) => s === 'fail').length } };
  });
  const share = (b: { values: Record<string, number> }) => b.values.met / (b.values.met + b.values.unmet || 1);
  bars.sort((a, b) => share(b) - share(a) || b.values.met - a.values.met || compareVi(a.label, b.label));
  return {
    id: 'compliance',
    title,
    lines: [],
    tables: [{ name: env.t('compliance.col.verdict'), columns: tableColumns(env, report), rows: report.units }],
    notes: footer,
    summary: [summary],
    json: report,
    document: documentParts(env, db, report.units.map((u) => u.unitId), {
      subject: env.t('doc.compliance.subject', { period: report.period.label }),
      intro: [
        env.t('doc.intro.period', { period: report.period.label, from: formatDateVi(report.period.from), to: formatDateVi(report.period.to), asOf: formatDateVi(report.asOf) }),
        env.t('doc.intro.units', { n: report.units.length, names: report.kinds.map((k) => env.t(`unit.kind.${k}`)).join(', ') }),
        env.t('doc.compliance.intro', {
          n: judged.length,
          criteria: judged.map((id) => env.t(`compliance.name.${id}`)).join(', '),
          units: report.summary.units,
          passed: report.summary.passed,
          failed: report.summary.failed,
        }),
      ],
      tableHeading: env.t('doc.tableHeading'),
    }),
    chart: {
      title: env.t('chart.compliance.title'),
      axis: env.t('chart.compliance.axis'),
      segments: [
        { key: 'met', label: env.t('chart.compliance.met'), tone: 'green' },
        { key: 'unmet', label: env.t('chart.compliance.unmet'), tone: 'red' },
      ],
      bars,
      empty: env.t('chart.none'),
      caption: (b) => `${b.values.met}/${b.values.met + b.values.unmet}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cells

const MARK = { pass: '✓', fail: '✗', na: '—', off: '·' } as const;

function tone(status: CriterionResult['status']): Tone {
  return status === 'pass' ? 'green' : status === 'fail' ? 'red' : 'gray';
}

function pct(env: Env, value: number | null): string {
  return value === null ? '' : `${formatNumber(value, env.lang)}%`;
}

export function criterionCell(env: Env, r: UnitReport, id: CriterionId): string {
  const c = r.criteria[id];
  const mark = MARK[c.status];
  if (c.status === 'na') {
    const why = c.reasons[0];
    return `${mark} ${why ? env.t(`compliance.na.${why}`) : ''}`.trim();
  }
  switch (id) {
    case 'attendance':
      return `${mark} ${c.attended}/${c.invited}`;
    case 'breakthrough': {
      const registered = c.registered as unknown[];
      if (c.status === 'pass' || (c.status === 'off' && c.value)) return `${mark} ${env.t('compliance.cell.specific')}`;
      return `${mark} ${registered.length ? env.t('compliance.cell.generic') : env.t('compliance.cell.noBreakthrough')}`;
    }
    case 'tasks':
      return `${mark} ${c.overdue}`;
    case 'plans':
      return `${mark} ${c.onTime}/${c.members} (${pct(env, c.percent)})`;
    case 'evaluation':
      return `${mark} ${c.planUsed}/${c.evaluated}`;
    case 'propaganda': {
      const kinds = Object.keys(c.kinds as Record<string, number>).length;
      const storytelling = c.reasons.includes('storytelling_only') ? ` ${env.t('compliance.cell.storytellingOnly')}` : '';
      return `${mark} ${env.t('compliance.cell.propaganda', { covered: c.value ?? 0, months: c.base ?? 0, kinds })}${storytelling}`;
    }
  }
}

/** Which criteria stay on a narrow terminal (1 = never left out; higher numbers are left out first). */
const CRITERION_PRIORITY: Record<CriterionId, number> = { tasks: 3, breakthrough: 3, plans: 4, attendance: 4, evaluation: 5, propaganda: 5 };

function tableColumns(env: Env, report: ComplianceReport): Column<UnitReport>[] {
  const criterionColumn = (id: CriterionId): Column<UnitReport> => ({
    key: id,
    priority: CRITERION_PRIORITY[id],
    label: `compliance.col.${id}`,
    display: (r) => criterionCell(env, r, id),
    tone: (r) => tone(r.criteria[id].status),
  });
  const shown = CRITERIA.filter((id) => id !== 'evaluation' || report.evaluationYear !== null);
  return [
    { key: 'name', label: 'col.unit', display: (r) => r.label, priority: 1, minWidth: 16 },
    ...shown.map(criterionColumn),
    { key: 'speeches', label: 'compliance.col.speeches', type: 'number', priority: 6 },
    { key: 'verdict', label: 'compliance.col.verdict', display: (r) => env.t(`compliance.verdict.${r.verdict}`), tone: (r) => (r.passed ? 'green' : 'red'), priority: 1, minWidth: 8 },
    { key: 'failing', label: 'compliance.col.failing', display: (r) => r.failing.map((id) => env.t(`compliance.name.${id}`)).join('; '), priority: 2, minWidth: 14 },
  ];
}

/** Each threshold and the base of every percentage, as the rules in force say. */
export function footerLines(env: Env, report: ComplianceReport): string[] {
  const { rules } = report;
  const d = formatDateVi;
  const lines: string[] = [];
  const off = (id: CriterionId) => (rules[id].enabled ? '' : ` ${env.t('compliance.footer.off')}`);
  lines.push(
    env.t('compliance.footer.scope', {
      period: report.period.label,
      from: d(report.period.from),
      to: d(report.period.to),
      asOf: d(report.asOf),
      until: d(report.until),
      units: report.summary.units,
      kinds: report.kinds.map((k) => env.t(`unit.kind.${k}`)).join(', '),
    }),
  );
  lines.push(env.t('compliance.footer.attendance', { min: rules.attendance.minPercent, until: d(report.until) }) + off('attendance'));
  lines.push(env.t('compliance.footer.breakthrough', { year: report.year }) + off('breakthrough'));
  lines.push(env.t('compliance.footer.tasks', { max: rules.tasks.maxOverdue, asOf: d(report.asOf) }) + off('tasks'));
  lines.push(env.t('compliance.footer.plans', { min: rules.plans.minPercent, year: report.year, deadline: d(report.planDeadline) }) + off('plans'));
  if (report.evaluationYear !== null) lines.push(env.t('compliance.footer.evaluation', { min: rules.evaluation.minPercent, year: report.evaluationYear }) + off('evaluation'));
  else lines.push(env.t('compliance.footer.noEvaluation'));
  lines.push(env.t('compliance.footer.propaganda', { perMonth: rules.propaganda.minPerMonth, kinds: rules.propaganda.minKinds }) + off('propaganda'));
  lines.push(env.t('compliance.footer.speeches'));
  lines.push(env.t('compliance.footer.marks'));
  if (report.rulesFile) lines.push(env.t('compliance.footer.rulesFile', { file: report.rulesFile }));
  lines.push(env.t('compliance.footer.summary', { passed: report.summary.passed, units: report.summary.units, failed: report.summary.failed }));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// --detail

function monthsWithout(r: UnitReport): string[] {
  const months = r.criteria.propaganda.months as Record<string, number>;
  return Object.keys(months).filter((m) => months[m] === 0);
}

function monthLabel(env: Env, month: string): string {
  const [y, m] = month.split('-');
  return env.lang === 'vi' ? `${m}/${y}` : month;
}

/** Long titles (a meeting's full topic) cut for the terminal; JSON keeps them whole. */
function short(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function detailText(env: Env, report: ComplianceReport, r: UnitReport, lists: UnitDetailLists): string {
  const d = formatDateVi;
  const t = env.t;
  const none = t('compliance.detail.none');
  const out: string[] = [];
  const head = (id: CriterionId, qualifier: string, base = '') =>
    out.push('', `${t(`compliance.name.${id}`).toUpperCase()}${qualifier ? ` ${qualifier}` : ''} — ${criterionCell(env, r, id)}${base ? ` ${base}` : ''}`);
  const c = r.criteria;

  out.push(t('compliance.detail.title', { unit: r.label, period: report.period.label, asOf: d(report.asOf) }));
  out.push(
    r.passed
      ? t('compliance.detail.verdictPass')
      : t('compliance.detail.verdictFail', { failing: r.failing.map((id) => t(`compliance.name.${id}`)).join(', ') }),
  );

  head('attendance', '', c.attendance.status === 'na' ? '' : t('compliance.detail.attendanceBase'));
  if (!lists.meetings.length) out.push(`  ${none}`);
  for (const m of lists.meetings)
    out.push(`  ${d(m.heldOn)}  ${short(m.title)} — ${m.present ? t('compliance.detail.present') : t('compliance.detail.absent', { reason: m.absentReason ?? '' })}`);

  head('breakthrough', t('compliance.detail.year', { year: report.year }));
  const registered = c.breakthrough.registered as { id: number; title: string; target: string | null; dueOn: string | null; generic: boolean; reasons: string[] }[];
  if (!registered.length) out.push(`  ${t('compliance.detail.noBreakthrough', { year: report.year })}`);
  for (const b of registered) {
    out.push(`  #${b.id} ${b.title}`);
    out.push(`      ${t('compliance.detail.target')}: ${b.target ?? none}; ${t('compliance.detail.due')}: ${b.dueOn ? d(b.dueOn) : none}`);
    out.push(`      ${b.generic ? t('compliance.detail.genericBecause', { reasons: b.reasons.map((x) => t(`compliance.bt.${x}`)).join('; ') }) : t('compliance.detail.specific')}`);
  }

  head('tasks', t('compliance.detail.asOf', { asOf: d(report.asOf) }));
  if (!lists.overdueTasks.length) out.push(`  ${none}`);
  for (const task of lists.overdueTasks)
    out.push(`  #${task.id} ${short(task.title)} — ${t('compliance.detail.overdueBy', { due: d(task.dueOn), days: daysBetween(task.dueOn, report.asOf) })}`);

  head('plans', t('compliance.detail.plansQualifier', { year: report.year, deadline: d(report.planDeadline) }), t('compliance.detail.plansBase'));
  out.push(`  ${t('compliance.detail.withoutPlan', { n: lists.membersWithoutPlan.length })}: ${lists.membersWithoutPlan.map((m) => m.fullName).join(', ') || none}`);
  out.push(`  ${t('compliance.detail.latePlans', { n: lists.latePlans.length })}: ${lists.latePlans.map((m) => `${m.fullName} (${d(m.submittedOn)})`).join(', ') || none}`);

  if (report.evaluationYear !== null) {
    head('evaluation', String(report.evaluationYear), t('compliance.detail.evaluationBase'));
    out.push(`  ${t('compliance.detail.planNotUsed', { n: lists.evaluationsWithoutPlan.length })}: ${lists.evaluationsWithoutPlan.map((e) => `${e.fullName} (${e.planUsed === null ? t('evaluation.unknown') : t('common.no')})`).join(', ') || none}`);
    out.push(`  ${t('compliance.detail.notEvaluated', { n: lists.membersNotEvaluated.length })}: ${lists.membersNotEvaluated.map((m) => m.fullName).join(', ') || none}`);
  }

  head('propaganda', '');
  const kinds = c.propaganda.kinds as Record<string, number>;
  out.push(`  ${t('compliance.detail.byKind')}: ${Object.entries(kinds).map(([k, n]) => `${t(`activity.kind.${k}`)} ${n}`).join(', ') || none}`);
  const missing = monthsWithout(r);
  out.push(`  ${t('compliance.detail.monthsWithout')}: ${missing.map((m) => monthLabel(env, m)).join(', ') || none}`);
  if (c.propaganda.reasons.includes('storytelling_only')) out.push(`  ${t('compliance.detail.storytellingOnly')}`);

  out.push('', t('compliance.detail.speeches', { n: r.speeches }));
  return out.join('\n');
}
