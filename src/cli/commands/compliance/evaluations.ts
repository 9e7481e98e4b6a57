/** thuky evaluate [import] and thuky evaluation list */
import type { Command } from 'commander';
import {
  EVALUATION_RESULTS,
  EXCELLENT_SHARE_OF_GOOD,
  excellentExceedsShare,
  parseEvaluationResult,
  parseYesNo,
  type EvaluationResult,
} from '../../../domain/compliance.js';
import type { Column } from '../../../render/output.js';
import { addEvaluations, listEvaluations, personIdsEvaluated, setEvaluation, summarizeEvaluations, type Evaluation, type EvaluationInput, type EvaluationSummary } from '../../../store/evaluations.js';
import { addPerson, resolvePerson } from '../../../store/people.js';
import { listUnits, resolveUnit } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { registerEvaluationEdit, registerRemove } from '../edit/index.js';
import { failWithProblems, type CsvField } from './csv.js';
import { PERSON_FIELDS, readImportLines, withImportOptions, writeImportTemplate, type ImportOptions, type MatchedLine } from './plans.js';
import { writeTransaction } from '../../../store/transaction.js';
import { parseResultOption, parseScore } from './evaluation-options.js';
import { rowIdentity } from '../../../store/versions.js';

export { parseResultOption, parseScore };


export function registerEvaluations(program: Command, cli: Cli): void {
  const evaluate = cli
    .command(program, 'evaluate', 'cmd.evaluate', [
      'thuky evaluate --person "Nguyễn Văn An" --unit "ben nghe" --year 2017 --result tot --plan-used',
      'thuky evaluate import danh-gia-2017.csv --year 2017',
    ])
    .option('--person <person>', cli.t('cmd.plan.opt.person'))
    .option('--year <year>', cli.t('cmd.evaluate.opt.year'))
    .option('--unit <unit>', cli.t('cmd.plan.opt.unitOfPerson'))
    .addOption(listedOption('--result <level>', cli.t('cmd.evaluate.opt.result'), EVALUATION_RESULTS))
    .option('--score <n>', cli.t('cmd.evaluate.opt.score'))
    .option('--plan-used', cli.t('cmd.evaluate.opt.planUsed'))
    .option('--no-plan-used', cli.t('cmd.evaluate.opt.noPlanUsed'));
  cli.action<{ person?: string; year?: string; unit?: string; result?: string; score?: string; planUsed?: boolean }>(evaluate, (env, opts) => {
    for (const [flag, value] of [['--person', opts.person], ['--year', opts.year], ['--result', opts.result]] as const)
      if (value === undefined) throw new UsageError('evaluation.missingOption', { option: flag });
    const year = env.year('--year', opts.year)!;
    const result = parseResultOption(opts.result!);
    let score: number | undefined;
    if (opts.score !== undefined) {
      score = parseScore(opts.score);
      if (score === undefined) throw new UsageError('evaluation.badScore', { field: '--score', value: opts.score });
    }
    const db = env.db();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }).id : undefined;
    const person = resolvePerson(db, opts.person!, { unitId });
    const { evaluation, created } = setEvaluation(db, env.audit(), { personId: person.id, year, result, score, planUsed: opts.planUsed });
    env.info(created ? 'evaluation.added' : 'evaluation.updated', { name: person.fullName, year, result: env.t(`evaluation.result.${result}`) });
    if (evaluation.planUsed === null) env.warn('evaluation.planUsedUnknown');
    else if (evaluation.planUsed && !evaluation.hasPlan) env.warn('evaluation.usedWithoutPlan', { name: person.fullName, year });
    // The uid, and the version an edit can name (--if-version).
    if (env.format === 'json') env.json({ ...evaluation, ...rowIdentity(db, 'evaluation', evaluation.id) });
  });

  const imp = cli
    .command(evaluate, 'import [file]', 'cmd.evaluate.import', [
      'thuky evaluate import danh-gia-2017.csv --year 2017 --unit "tan dinh" --dry-run',
      'thuky evaluate import danh-gia-2026.xlsx --year 2026',
      'thuky evaluate import --template mau-danh-gia.xlsx',
    ])
    .option('--year <year>', cli.t('cmd.evaluate.opt.year'));
  withImportOptions(imp, cli, 'evaluation.importHelp');
  cli.action<{ year?: string; unit?: string; createPeople?: boolean; dryRun?: boolean; sheet?: string; template?: string }>(imp, async (env, opts, file?: string) => {
    if (await writeImportTemplate(env, opts.template, file, EVALUATION_FIELDS, [])) return;
    // Commander hands --year and --unit written after "import" to `evaluate`, which knows them too.
    const parent = evaluate.opts<{ year?: string; unit?: string }>();
    const year = opts.year ?? parent.year;
    if (year === undefined) throw new UsageError('evaluation.missingOption', { option: '--year' });
    return importEvaluations(env, file!, { ...opts, year, unit: opts.unit ?? parent.unit });
  });

  const evaluation = cli.command(program, 'evaluation', 'cmd.evaluation', ['thuky evaluation list --year 2017']);
  const list = cli
    .command(evaluation, 'list', 'cmd.evaluation.list', ['thuky evaluation list --year 2017', 'thuky evaluation list --year 2017 --unit "tan dinh" --people'])
    .requiredOption('--year <year>', cli.t('cmd.evaluate.opt.year'))
    .option('--unit <unit>', cli.t('cmd.plan.opt.unit'))
    .option('--people', cli.t('cmd.evaluation.opt.people'));
  withFileOptions(list, cli.t);
  cli.action<{ year: string; unit?: string; people?: boolean }>(list, async (env, opts) => {
    const year = env.year('--year', opts.year)!;
    const db = env.readDb();
    const unit = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }) : undefined;
    if (opts.people) return env.list(listEvaluations(db, { year, unitId: unit?.id }), peopleColumns(env));
    const unitIds = unit ? [unit.id] : listUnits(db, { from: `${year}-01-01`, to: `${year}-12-31` }).map((u) => u.id);
    const rows = summarizeEvaluations(db, year, unitIds)
      .filter((r) => unit || r.evaluated > 0)
      .map((r) => ({ ...r, warning: excellentExceedsShare(r) }));
    await env.list(rows, summaryColumns(env));
    for (const r of rows)
      if (r.warning) env.warn('evaluation.excellentShare', { unit: r.unitName, excellent: r['xuat-sac'], good: r.tot, max: EXCELLENT_SHARE_OF_GOOD, allowed: Math.floor((r.tot * EXCELLENT_SHARE_OF_GOOD) / 100) });
  });
  registerEvaluationEdit(evaluation, cli);
  registerRemove(evaluation, cli, 'evaluation');
}

type SummaryRow = EvaluationSummary & { warning: boolean };

function summaryColumns(env: Env): Column<SummaryRow>[] {
  return [
    { key: 'unitName', label: 'col.unit', priority: 1, minWidth: 14 },
    { key: 'members', label: 'compliance.col.members', type: 'number', priority: 2 },
    { key: 'evaluated', label: 'compliance.col.evaluated', type: 'number', priority: 2 },
    ...EVALUATION_RESULTS.map((r): Column<SummaryRow> => ({ key: r, label: `evaluation.short.${r}`, type: 'number', priority: 3 })),
    { key: 'planUsed', label: 'compliance.col.planUsed', type: 'number', priority: 2 },
    {
      key: 'warning',
      label: 'compliance.col.qd132',
      display: (r) => (r.warning ? env.t('evaluation.overShare', { excellent: r['xuat-sac'], good: r.tot }) : ''),
      tone: (r) => (r.warning ? 'yellow' : undefined),
      priority: 2,
      minWidth: 14,
    },
  ];
}

function peopleColumns(env: Env): Column<Evaluation>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'fullName', label: 'col.fullName', priority: 1, minWidth: 14 },
    { key: 'unitName', label: 'col.unit', priority: 3, minWidth: 14 },
    { key: 'result', label: 'compliance.col.result', display: (e) => env.t(`evaluation.result.${e.result}`), priority: 1, minWidth: 12 },
    { key: 'score', label: 'compliance.col.score', type: 'number', priority: 4 },
    { key: 'hasPlan', label: 'compliance.col.hasPlan', type: 'bool', priority: 3 },
    {
      key: 'planUsed',
      label: 'compliance.col.planUsed',
      display: (e) => (e.planUsed === null ? env.t('evaluation.unknown') : e.planUsed ? env.t('common.yes') : env.t('common.no')),
      tone: (e) => (e.planUsed ? undefined : 'red'),
      priority: 2,
    },
  ];
}

const EVALUATION_FIELDS: CsvField[] = [
  ...PERSON_FIELDS,
  { key: 'result', aliases: ['Xếp loại', 'kết quả', 'result', 'mức', 'mức xếp loại', 'rating'], required: true },
  { key: 'score', aliases: ['Điểm', 'score', 'điểm số'], required: false },
  { key: 'planUsed', aliases: ['Sử dụng kế hoạch', 'có sử dụng kế hoạch', 'plan used', 'kế hoạch cá nhân', 'sử dụng kế hoạch cá nhân'], required: false },
];

async function importEvaluations(env: Env, file: string, opts: ImportOptions): Promise<void> {
  const { year, records, db, problems, matched } = await readImportLines(env, file, EVALUATION_FIELDS, opts);
  const existing = personIdsEvaluated(db, year, matched.filter((m) => m.personId !== null).map((m) => m.personId!));
  const rows: (MatchedLine & { result: EvaluationResult; score: number | null; planUsed: boolean | null })[] = [];
  const matchedLines = new Set(matched.map((m) => m.record.line));
  const check = (rec: (typeof records)[number]) => {
    const rawResult = rec.values.result ?? '';
    const result = parseEvaluationResult(rawResult);
    if (!result) problems.push({ line: rec.line, message: env.t('input.badChoice', { field: env.t('compliance.col.result'), value: rawResult, accepted: EVALUATION_RESULTS.join(', ') }) });
    const rawScore = (rec.values.score ?? '').trim();
    const score = rawScore ? parseScore(rawScore) : null;
    if (score === undefined) problems.push({ line: rec.line, message: env.t('evaluation.badScore', { field: env.t('compliance.col.score'), value: rawScore }) });
    const rawUsed = rec.values.planUsed ?? '';
    const planUsed = parseYesNo(rawUsed);
    if (planUsed === undefined) problems.push({ line: rec.line, message: env.t('evaluation.badYesNo', { field: env.t('compliance.col.planUsed'), value: rawUsed }) });
    return result && score !== undefined && planUsed !== undefined ? { result, score, planUsed } : null;
  };
  for (const m of matched) {
    const values = check(m.record);
    if (m.personId !== null && existing.has(m.personId)) problems.push({ line: m.record.line, message: env.t('compliance.import.evaluationExists', { name: m.fullName, year }) });
    if (values) rows.push({ ...m, ...values });
  }
  for (const rec of records) if (!matchedLines.has(rec.line)) check(rec);
  if (problems.length) failWithProblems(file, problems, env);

  const toCreate = rows.filter((r) => r.personId === null).length;
  const counts = Object.fromEntries(EVALUATION_RESULTS.map((r) => [r, rows.filter((x) => x.result === r).length]));
  const summary = { file, year, evaluations: rows.length, ...counts, peopleCreated: toCreate, dryRun: !!opts.dryRun };
  if (opts.dryRun) {
    env.info('compliance.import.dryRun', { file, count: rows.length, people: toCreate });
    if (env.format === 'json') env.json(summary);
    return;
  }
  const audit = env.audit();
  writeTransaction(db, () => {
    const inputs: EvaluationInput[] = rows.map((r) => ({
      personId: r.personId ?? addPerson(db, audit, { fullName: r.fullName, unitId: r.unit.id, isMember: true }),
      year,
      result: r.result,
      score: r.score,
      planUsed: r.planUsed,
    }));
    addEvaluations(db, audit, inputs, file);
  });
  env.info('evaluation.imported', { file, count: rows.length, year, people: toCreate });
  if (env.format === 'json') env.json(summary);
}
