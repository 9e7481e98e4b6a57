/** thuky plan add | edit | list | deadline | import */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatDateVi, parseDateInput, DateInputError, type IsoDate } from '../../../domain/dates.js';
import { excelSerialDate } from '../../../domain/excel-dates.js';
import { cleanText, fold } from '../../../domain/text.js';
import { jsonArrayChunks, type Column } from '../../../render/output.js';
import { addPerson } from '../../../store/people.js';
import { resolvePerson } from '../../../store/people.js';
import {
  addPlan,
  addPlans,
  editPlan,
  findPlan,
  getPlanDeadline,
  listMembersWithoutPlan,
  iteratePlans,
  iteratePlansJson,
  peopleByUnitAndName,
  personIdsWithPlan,
  setPlanDeadline,
  type MemberWithoutPlan,
  type Plan,
  type PlanInput,
} from '../../../store/plans.js';
import { resolveUnit, type Unit } from '../../../store/units.js';
import { dateInputUsageError, type Env } from '../../env.js';
import { documentParts } from '../../report-document.js';
import { withFileOptions } from '../../output-file.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { registerRemove } from '../edit/index.js';
import { describeError, failWithProblems, progressBar, readTable, type CsvField, type CsvProblem, type CsvRecord } from './csv.js';
import { writeTransaction } from '../../../store/transaction.js';
import { rowIdentity } from '../../../store/versions.js';

export function registerPlans(program: Command, cli: Cli): void {
  const plan = cli.command(program, 'plan', 'cmd.plan', ['thuky plan list --year 2017 --missing --unit "ben thanh"']);

  const add = cli
    .command(plan, 'add', 'cmd.plan.add', ['thuky plan add --person "Nguyễn Văn An" --unit "ben nghe" --year 2017 --submitted 15/03/2017'])
    .requiredOption('--person <person>', cli.t('cmd.plan.opt.person'))
    .requiredOption('--year <year>', cli.t('cmd.plan.opt.year'))
    .option('--unit <unit>', cli.t('cmd.plan.opt.unitOfPerson'))
    .option('--submitted <date>', cli.t('cmd.plan.opt.submitted'))
    .option('--content <text>', cli.t('cmd.plan.opt.content'));
  cli.action<{ person: string; year: string; unit?: string; submitted?: string; content?: string }>(add, (env, opts) => {
    const year = env.year('--year', opts.year)!;
    const submittedOn = opts.submitted !== undefined ? env.date('--submitted', opts.submitted) : env.today();
    const db = env.db();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }).id : undefined;
    const person = resolvePerson(db, opts.person, { unitId });
    addPlan(db, env.audit(), { personId: person.id, personName: person.fullName, year, submittedOn, content: opts.content ?? null });
    const created = findPlan(db, person.id, year)!;
    env.info('plan.added', { name: person.fullName, year, date: formatDateVi(submittedOn), status: env.t(`plan.status.${created.status}`) });
    if (env.format === 'json') env.json({ ...created, ...rowIdentity(db, 'plan', created.id) });
  });

  const edit = cli
    .command(plan, 'edit', 'cmd.plan.edit', ['thuky plan edit --person "Nguyễn Văn An" --unit "ben nghe" --year 2017 --submitted 20/03/2017'])
    .requiredOption('--person <person>', cli.t('cmd.plan.opt.person'))
    .requiredOption('--year <year>', cli.t('cmd.plan.opt.year'))
    .option('--unit <unit>', cli.t('cmd.plan.opt.unitOfPerson'))
    .option('--submitted <date>', cli.t('cmd.plan.opt.submitted'))
    .option('--content <text>', cli.t('cmd.plan.opt.content'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ person: string; year: string; unit?: string; submitted?: string; content?: string; ifVersion?: string }>(edit, (env, opts) => {
    const year = env.year('--year', opts.year)!;
    const ifVersion = env.int('--if-version', opts.ifVersion, 1, Number.MAX_SAFE_INTEGER);
    const patch = {
      ...(opts.submitted !== undefined && { submittedOn: env.date('--submitted', opts.submitted) }),
      ...(opts.content !== undefined && { content: opts.content }),
    };
    if (!Object.keys(patch).length) throw new UsageError('input.nothingToChange');
    const db = env.db();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }).id : undefined;
    const person = resolvePerson(db, opts.person, { unitId });
    const after = editPlan(db, env.audit(), person.id, year, patch, ifVersion);
    env.info('plan.edited', { name: person.fullName, year, status: env.t(`plan.status.${after.status}`) });
    // The uid, and the version a later edit can name (--if-version).
    return env.record({ ...after, ...rowIdentity(db, 'plan', after.id) }, () => planText(env, after));
  });

  const list = cli
    .command(plan, 'list', 'cmd.plan.list', ['thuky plan list --year 2017 --unit "ben thanh"', 'thuky plan list --year 2017 --missing --unit "ben thanh"', 'thuky plan list --year 2017 --missing --format docx --out chua-co-ke-hoach.docx'])
    .requiredOption('--year <year>', cli.t('cmd.plan.opt.year'))
    .option('--unit <unit>', cli.t('cmd.plan.opt.unit'))
    .option('--missing', cli.t('cmd.plan.opt.missing'));
  withFileOptions(list, cli.t);
  cli.action<{ year: string; unit?: string; missing?: boolean }>(list, async (env, opts) => {
    const year = env.year('--year', opts.year)!;
    const db = env.readDb();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }).id : undefined;
    if (opts.missing) {
      const rows = listMembersWithoutPlan(db, { year, unitId });
      const deadline = formatDateVi(getPlanDeadline(db, year).deadlineOn);
      const unitIds = unitId ? [unitId] : [...new Set(rows.map((r) => r.unitId).filter((id): id is number => id !== null))];
      return env.report({
        id: 'plans-missing',
        title: env.t('plan.missing.title', { year }),
        lines: [],
        tables: [{ name: String(year), columns: missingColumns(), rows }],
        notes: [],
        summary: [env.t('plan.missingSummary', { count: rows.length, year, deadline })],
        json: rows,
        document: documentParts(env, db, unitIds, {
          subject: env.t('doc.plans.subject', { year }),
          intro: [env.t('doc.plans.intro', { year, deadline, n: rows.length })],
          tableHeading: env.t('doc.tableHeading'),
        }),
      });
    }
    // JSON in a pipe or a file: built by SQLite.
    await env.list(iteratePlans(db, { year, unitId }), planColumns(env), env.format, (format) =>
      format === 'json' ? jsonArrayChunks(iteratePlansJson(db, { year, unitId })) : undefined,
    );
  });

  const deadline = cli
    .command(plan, 'deadline', 'cmd.plan.deadline', ['thuky plan deadline --year 2018 --date 31/03/2018', 'thuky plan deadline --year 2017'])
    .requiredOption('--year <year>', cli.t('cmd.plan.opt.year'))
    .option('--date <date>', cli.t('cmd.plan.opt.deadlineDate'));
  cli.action<{ year: string; date?: string }>(deadline, (env, opts) => {
    const year = env.year('--year', opts.year)!;
    if (opts.date === undefined) {
      const d = getPlanDeadline(env.readDb(), year);
      return env.record(d, () => env.t(d.isDefault ? 'plan.deadlineDefault' : 'plan.deadlineSet', { year, date: formatDateVi(d.deadlineOn) }));
    }
    const date = env.date('--date', opts.date);
    if (Number(date.slice(0, 4)) < year) throw new UsageError('plan.deadlineBeforeYear', { date: formatDateVi(date), year });
    const d = setPlanDeadline(env.db(), env.audit(), year, date);
    env.info('plan.deadlineChanged', { year, date: formatDateVi(d.deadlineOn) });
    if (env.format === 'json') env.json(d);
  });

  const imp = cli
    .command(plan, 'import [file]', 'cmd.plan.import', [
      'thuky plan import ke-hoach-2017.csv --year 2017 --unit "ben nghe" --dry-run',
      'thuky plan import ke-hoach-2026.xlsx --year 2026 --sheet "Kế hoạch"',
      'thuky plan import --template mau-ke-hoach.xlsx',
    ])
    .option('--year <year>', cli.t('cmd.plan.opt.year'));
  withImportOptions(imp, cli, 'plan.importHelp');
  cli.action<ImportOptions & { template?: string }>(imp, async (env, opts, file?: string) => {
    if (await writeImportTemplate(env, opts.template, file, PLAN_FIELDS, ['submitted'])) return;
    if (opts.year === undefined) throw new UsageError('evaluation.missingOption', { option: '--year' });
    return importPlans(env, file!, opts);
  });
  registerRemove(plan, cli, 'plan');
}

function planText(env: Env, p: Plan): string {
  const line = (label: string, value: string | null | undefined) => `${env.t(label).padEnd(18)} ${value ?? ''}`;
  return [
    line('col.fullName', p.fullName),
    line('col.unit', p.unitName),
    line('compliance.col.year', String(p.year)),
    line('compliance.col.submittedOn', formatDateVi(p.submittedOn)),
    line('compliance.col.deadline', formatDateVi(p.deadlineOn)),
    line('compliance.col.planStatus', env.t(`plan.status.${p.status}`)),
    line('compliance.col.content', p.content),
    ...(p.illustrative ? [env.t('common.illustrative')] : []),
  ].join('\n');
}

function planColumns(env: Env): Column<Plan>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'fullName', label: 'col.fullName', priority: 1, minWidth: 14 },
    { key: 'unitName', label: 'col.unit', priority: 2, minWidth: 14 },
    { key: 'year', label: 'compliance.col.year', type: 'number', priority: 5 },
    { key: 'submittedOn', label: 'compliance.col.submittedOn', type: 'date', priority: 2 },
    { key: 'deadlineOn', label: 'compliance.col.deadline', type: 'date', priority: 4 },
    { key: 'status', label: 'compliance.col.planStatus', display: (p) => env.t(`plan.status.${p.status}`), tone: (p) => (p.status === 'on_time' ? 'green' : p.status === 'late' ? 'yellow' : 'red'), priority: 1, minWidth: 8 },
    { key: 'content', label: 'compliance.col.content', display: (p) => p.content ?? '', priority: 3, minWidth: 16, maxWidth: 60 },
  ];
}

function missingColumns(): Column<MemberWithoutPlan>[] {
  return [
    { key: 'personId', label: 'col.id', type: 'number', priority: 1 },
    { key: 'fullName', label: 'col.fullName', priority: 1, minWidth: 14 },
    { key: 'unitName', label: 'col.unit', priority: 2, minWidth: 14 },
    { key: 'year', label: 'compliance.col.year', type: 'number', priority: 4 },
    { key: 'deadlineOn', label: 'compliance.col.deadline', type: 'date', priority: 3 },
  ];
}

// ---------------------------------------------------------------------------------------------
// Import

export const PERSON_FIELDS: CsvField[] = [
  { key: 'name', aliases: ['Họ và tên', 'họ tên', 'full name', 'fullname', 'name', 'tên', 'đảng viên'], required: true },
  { key: 'unit', aliases: ['Đơn vị', 'unit', 'phường', 'ward', 'chi bộ', 'cell'], required: false },
];

const PLAN_FIELDS: CsvField[] = [
  ...PERSON_FIELDS,
  { key: 'submitted', aliases: ['Ngày nộp', 'ngày', 'submitted', 'submitted on', 'date', 'ngày đăng ký'], required: true },
  { key: 'content', aliases: ['Nội dung', 'content', 'kế hoạch', 'plan', 'nội dung đăng ký'], required: false },
];

/** A person found (or to be created) for one line of an import file. */
export interface MatchedLine {
  record: CsvRecord;
  unit: Unit;
  personId: number | null;
  fullName: string;
}

/**
 * Resolves the unit and the person of every line, in memory after one query for the people of the
 * units involved. Problems are collected, never thrown, so that every bad line is reported.
 */
export function matchPeople(
  env: Env,
  records: CsvRecord[],
  opts: { year: number; unit?: Unit; createPeople?: boolean; hasUnitColumn: boolean },
  problems: CsvProblem[],
  tick: (done: number) => void,
): MatchedLine[] {
  const db = env.db();
  const unitCache = new Map<string, Unit | Error>();
  // By the cell's text as written (a file names its few units on every line), then by the folded name.
  const byCell = new Map<string, Unit | Error>();
  const unitOf = (rec: CsvRecord): Unit | null => {
    const cell = rec.values.unit ?? '';
    let u = byCell.get(cell);
    if (u === undefined) {
      const text = cleanText(cell);
      if (!text) {
        if (opts.unit) return opts.unit;
        problems.push({ line: rec.line, message: env.t('compliance.import.unitMissing') });
        return null;
      }
      const key = fold(text);
      if (!unitCache.has(key)) {
        try {
          unitCache.set(key, resolveUnit(db, text, { at: `${opts.year}-12-31` }));
        } catch (err) {
          unitCache.set(key, new Error(describeError(env, err)));
        }
      }
      u = unitCache.get(key)!;
      byCell.set(cell, u);
    }
    if (u instanceof Error) {
      problems.push({ line: rec.line, message: u.message });
      return null;
    }
    if (opts.unit && u.id !== opts.unit.id) {
      problems.push({ line: rec.line, message: env.t('compliance.import.unitMismatch', { unit: u.name, expected: opts.unit.name }) });
      return null;
    }
    return u;
  };
  const withUnits = records.map((rec) => ({ rec, unit: unitOf(rec) }));
  const unitIds = [...new Set(withUnits.filter((w) => w.unit).map((w) => w.unit!.id))];
  const people = peopleByUnitAndName(db, unitIds);
  const out: MatchedLine[] = [];
  const seen = new Map<string, number>();
  withUnits.forEach(({ rec, unit }, i) => {
    if (i % 100 === 0) tick(i);
    const fullName = cleanText(rec.values.name ?? '');
    if (!fullName) {
      problems.push({ line: rec.line, message: env.t('compliance.import.nameMissing') });
      return;
    }
    if (!unit) return;
    const folded = fold(fullName);
    const key = `${unit.id}\u0001${folded}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line: rec.line, message: env.t('compliance.import.duplicateLine', { name: fullName, first }) });
      return;
    }
    seen.set(key, rec.line);
    const found = people.get(unit.id)?.get(folded) ?? [];
    if (found.length === 1) out.push({ record: rec, unit, personId: found[0].id, fullName: found[0].fullName });
    else if (found.length > 1)
      problems.push({ line: rec.line, message: env.t('compliance.import.personAmbiguous', { name: fullName, unit: unit.name, ids: found.map((p) => p.id).join(', ') }) });
    else if (opts.createPeople) out.push({ record: rec, unit, personId: null, fullName });
    else problems.push({ line: rec.line, message: env.t('compliance.import.personUnknown', { name: fullName, unit: unit.name }) });
  });
  return out;
}

/** A date of an import line: dd/MM/yyyy or yyyy-MM-dd; a problem otherwise. */
export function lineDate(env: Env, rec: CsvRecord, field: string, label: string, problems: CsvProblem[]): IsoDate | null | undefined {
  // Excel writes a date-time cell as "15/03/2018 00:00" or "2018-03-15 00:00:00": the time is dropped.
  const raw = (rec.values[field] ?? '').trim().replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, '');
  if (!raw) return null;
  const serial = excelSerialDate(raw);
  if (serial) return serial;
  try {
    return parseDateInput(raw, env.today());
  } catch (err) {
    if (!(err instanceof DateInputError)) throw err;
    const refused = dateInputUsageError(label, raw, err);
    problems.push({ line: rec.line, message: env.t(refused.key, refused.params) });
    return undefined;
  }
}

/** The options every per-person CSV import takes (plans, evaluations), and its help on the file. */
export function withImportOptions(cmd: Command, cli: Cli, helpKey: string): Command {
  cmd
    .option('--unit <unit>', cli.t('cmd.plan.opt.importUnit'))
    .option('--create-people', cli.t('cmd.plan.opt.createPeople'))
    .option('--dry-run', cli.t('cmd.plan.opt.dryRun'))
    .option('--sheet <name>', cli.t('cmd.import.opt.sheet'))
    .option('--template <file.xlsx>', cli.t('cmd.import.opt.template'))
    .addHelpText('after', `\n${cli.t(helpKey)}\n`);
  return cmd;
}

/**
 * `--template FILE.xlsx`: writes the empty sheet and returns true. Without it, a file to import is
 * required (usage error otherwise) and the import goes on.
 */
export async function writeImportTemplate(env: Env, template: string | undefined, file: string | undefined, fields: CsvField[], dateKeys: string[]): Promise<boolean> {
  if (template !== undefined) {
    if (file !== undefined) throw new UsageError('input.conflict', { a: '--template', b: file });
    const { templateColumns, writeTemplate } = await import('../core/spreadsheet.js');
    const path = resolve(env.ctx.cwd, template);
    await writeTemplate(path, env.t('spreadsheet.sheetName'), templateColumns(fields, dateKeys));
    env.info('spreadsheet.templateWritten', { file: path, columns: fields.map((f) => f.aliases[0]).join(', ') });
    return true;
  }
  if (file === undefined) throw new UsageError('spreadsheet.fileMissing');
  return false;
}

export interface ImportOptions {
  sheet?: string;
  year: string;
  unit?: string;
  createPeople?: boolean;
  dryRun?: boolean;
}

/**
 * The first half of every per-person CSV import (plans, evaluations): read the file, resolve the
 * unit, match each line to a person with a progress bar. Problems are collected, not thrown, so
 * that the caller can add its own and report them all at once.
 */
export async function readImportLines(env: Env, file: string, fields: CsvField[], opts: ImportOptions) {
  const year = env.year('--year', opts.year)!;
  const { records, columns } = await readTable(file, fields, { sheet: opts.sheet });
  const db = env.db();
  const unit = opts.unit ? resolveUnit(db, opts.unit, { at: `${year}-12-31` }) : undefined;
  if (!unit && !columns.includes('unit')) throw new UsageError('compliance.import.needUnit', { file });
  const progress = await progressBar(env, records.length, env.t('compliance.import.progress'));
  const problems: CsvProblem[] = [];
  let matched: MatchedLine[];
  try {
    matched = matchPeople(env, records, { year, unit, createPeople: opts.createPeople, hasUnitColumn: columns.includes('unit') }, problems, progress.tick);
  } finally {
    progress.stop();
  }
  return { year, records, db, unit, problems, matched };
}

async function importPlans(env: Env, file: string, opts: ImportOptions): Promise<void> {
  const { year, records, db, problems, matched } = await readImportLines(env, file, PLAN_FIELDS, opts);
  const existing = personIdsWithPlan(db, year, matched.filter((m) => m.personId !== null).map((m) => m.personId!));
  const rows: (MatchedLine & { submittedOn: IsoDate; content: string | null })[] = [];
  const submittedLabel = env.t('compliance.col.submittedOn');
  for (const m of matched) {
    const submittedOn = lineDate(env, m.record, 'submitted', submittedLabel, problems);
    if (submittedOn === null) problems.push({ line: m.record.line, message: env.t('compliance.import.dateMissing', { field: submittedLabel }) });
    if (m.personId !== null && existing.has(m.personId)) problems.push({ line: m.record.line, message: env.t('compliance.import.planExists', { name: m.fullName, year }) });
    if (submittedOn) rows.push({ ...m, submittedOn, content: cleanText(m.record.values.content ?? '') || null });
  }
  // Lines with a bad name or unit may also carry a bad date: report those too.
  const matchedLines = new Set(matched.map((m) => m.record.line));
  for (const rec of records) if (!matchedLines.has(rec.line)) lineDate(env, rec, 'submitted', submittedLabel, problems);
  if (problems.length) failWithProblems(file, problems, env);

  const toCreate = rows.filter((r) => r.personId === null).length;
  const { deadlineOn } = getPlanDeadline(db, year);
  const onTime = rows.filter((r) => r.submittedOn <= deadlineOn).length;
  const summary = { file, year, plans: rows.length, onTime, late: rows.length - onTime, peopleCreated: toCreate, dryRun: !!opts.dryRun };
  if (opts.dryRun) {
    env.info('compliance.import.dryRun', { file, count: rows.length, people: toCreate });
    if (env.format === 'json') env.json(summary);
    return;
  }
  const audit = env.audit();
  writeTransaction(db, () => {
    const inputs: PlanInput[] = rows.map((r) => {
      const personId = r.personId ?? addPerson(db, audit, { fullName: r.fullName, unitId: r.unit.id, isMember: true });
      return { personId, year, submittedOn: r.submittedOn, content: r.content };
    });
    addPlans(db, audit, inputs, file);
  });
  env.info('plan.imported', { file, count: rows.length, year, onTime, people: toCreate });
  if (env.format === 'json') env.json(summary);
}
