/** thuky report compliance: per unit, which criteria pass over a period, and why not. */
import { readFileSync } from 'node:fs';
import { CRITERIA, parseRules, RulesError, DEFAULT_RULES, type CriterionId, type CriterionResult, type Rules } from '../../../domain/compliance.js';
import { formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { yearPeriod, type Period } from '../../../domain/periods.js';
import { formatNumber, type Column, type Tone } from '../../../render/output.js';
import type { Report } from '../../../render/report.js';
import { compareVi } from '../../../domain/text.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import { buildComplianceReport, complianceScope, type ComplianceReport, type UnitReport } from '../../../reports/compliance.js';
import { unitDetailLists } from '../../../store/compliance.js';
import type { Db } from '../../../store/db.js';
import { GRASSROOTS_KINDS } from '../../../domain/grassroots.js';
import { listUnits, resolveUnit, UNIT_KINDS, type Unit, type UnitKind } from '../../../store/units.js';
import type { Env } from '../../env.js';
import type { Parser } from '../../parse.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import type { Parents } from '../index.js';
import { detailText, monthsWithout } from './report-detail.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Units the office coordinates, when --kind is not given. */
/** Every grassroots kind (wards, communes, special zones): the one meaning of "all units". */
export const DEFAULT_KINDS: UnitKind[] = [...GRASSROOTS_KINDS];

export interface ReportOptions {
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

function reportPeriod(p: Parser, opts: ReportOptions, asOf: IsoDate): Period {
  const given = [opts.period !== undefined && '--period', opts.year !== undefined && '--year', (opts.from !== undefined || opts.to !== undefined) && '--from/--to'].filter(Boolean) as string[];
  if (given.length === 0) throw new UsageError('compliance.needPeriod');
  if (given.length > 1) throw new UsageError('input.conflict', { a: given[0], b: given[1] });
  if (opts.period !== undefined) return p.period('--period', opts.period, asOf);
  if (opts.year !== undefined) return yearPeriod(p.year('--year', opts.year)!);
  if (opts.from === undefined || opts.to === undefined) throw new UsageError('compliance.fromTo', { missing: opts.from === undefined ? '--from' : '--to' });
  const from = p.date('--from', opts.from, asOf);
  const to = p.date('--to', opts.to, asOf);
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

/** What `report compliance` was asked, read from its options alone (no database; a rules file is read). */
export function parseComplianceOptions(opts: ReportOptions, p: Parser): { asOf: IsoDate; period: Period; kinds: UnitKind[]; rules: Rules } {
  const asOf = p.asOf(opts.asOf);
  const period = reportPeriod(p, opts, asOf);
  if (asOf < period.from) throw new UsageError('compliance.asOfBeforePeriod', { asOf: formatDateVi(asOf), from: formatDateVi(period.from) });
  return { asOf, period, kinds: parseKinds(opts.kind), rules: opts.rules ? readRulesFile(opts.rules) : structuredClone(DEFAULT_RULES) };
}

async function runComplianceReport(env: Env, opts: ReportOptions): Promise<void> {
  const { asOf, period, kinds, rules } = parseComplianceOptions(opts, env.parse);
  const db = env.readDb();
  const until = asOf < period.to ? asOf : period.to;

  if (opts.detail) {
    const unit = resolveUnit(db, opts.detail, { at: until });
    const report = buildComplianceReport({ db, t: env.t, lang: env.lang, period, asOf, units: [unit], rules, rulesFile: opts.rules ?? null, kinds });
    const lists = unitDetailLists(db, unit.id, complianceScope(period, asOf, [unit]), report.planDeadline);
    const r = report.units[0];
    const detail = { ...report, units: undefined, unit: r, lists: { ...lists, monthsWithoutActivity: monthsWithout(r) } };
    delete detail.units;
    if (env.format === 'docx') {
      const model = complianceReportModel(env, db, report);
      const text = detailText(env, report, r, lists).split('\n');
      model.document!.subject = env.t('doc.compliance.detailSubject', { unit: r.label, period: report.period.label });
      model.document!.intro = model.document!.intro.slice(0, 1);
      model.chart = undefined;
      return env.report({ ...model, summary: [], notes: [] }, { docxBody: text.slice(1) });
    }
    return env.record(detail, () => detailText(env, report, r, lists));
  }

  let units: Unit[];
  if (opts.unit?.length) {
    const seen = new Set<number>();
    units = opts.unit.map((q) => resolveUnit(db, q, { at: until })).filter((u) => !seen.has(u.id) && seen.add(u.id));
  } else {
    units = listUnits(db, { from: period.from, to: period.to }).filter((u) => kinds.includes(u.kind));
  }
  const report = buildComplianceReport({ db, t: env.t, lang: env.lang, period, asOf, units, rules, rulesFile: opts.rules ?? null, kinds });

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
