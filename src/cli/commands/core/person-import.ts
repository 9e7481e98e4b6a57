/** thuky person import: cadres and party members from a CSV or Excel file, all or nothing. */
import type { Command } from 'commander';
import { cleanText, fold } from '../../../domain/text.js';
import { importPeople, peopleByCard, peopleByUnitName, unitNameKey, type PersonImportResult, type PersonImportRow } from '../../../store/people-import.js';
import { resolveUnit, type Unit } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { describeErrorWithChoices, failWithProblems, progressBar, readTable, type CsvField, type CsvProblem } from '../compliance/csv.js';
import { lineDate, writeImportTemplate } from '../compliance/plans.js';

export const PERSON_IMPORT_FIELDS: CsvField[] = [
  { key: 'name', aliases: ['Họ và tên', 'họ tên', 'full name', 'fullname', 'name', 'tên', 'đảng viên'], required: true },
  { key: 'unit', aliases: ['Đơn vị', 'unit', 'phường', 'ward', 'chi bộ', 'cell'], required: false },
  { key: 'positions', aliases: ['Chức vụ', 'chức danh', 'position', 'positions'], required: false },
  { key: 'member', aliases: ['Đảng viên (có/không)', 'là đảng viên', 'đảng viên?', 'member', 'party member', 'is member'], required: false },
  { key: 'birth', aliases: ['Ngày sinh', 'sinh ngày', 'date of birth', 'birth date', 'dob', 'born'], required: false },
  { key: 'card', aliases: ['Số thẻ đảng viên', 'số thẻ đảng', 'số thẻ', 'party card', 'party card number', 'card'], required: false },
  { key: 'note', aliases: ['Ghi chú', 'note'], required: false },
];

const YES = new Set(['co', 'x', 'yes', 'y', '1', 'true', 'dang vien', 'la dang vien']);
const NO = new Set(['khong', 'no', 'n', '0', 'false', 'quan chung']);

export function parseYesNo(value: string): boolean | null | undefined {
  const f = fold(value);
  if (!f) return null;
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return undefined;
}

interface PersonImportOpts {
  unit?: string;
  dryRun?: boolean;
  sheet?: string;
  template?: string;
}

export function registerPersonImport(person: Command, cli: Cli): void {
  const cmd = cli
    .command(person, 'import [file]', 'cmd.person.import', [
      'thuky person import dang-vien.xlsx --dry-run',
      'thuky person import dang-vien-ben-thanh.csv --unit "Phường Bến Thành"',
      'thuky person import --template mau-dang-vien.xlsx',
    ])
    .option('--unit <unit>', cli.t('cmd.person.import.opt.unit'))
    .option('--dry-run', cli.t('cmd.plan.opt.dryRun'))
    .option('--sheet <name>', cli.t('cmd.import.opt.sheet'))
    .option('--template <file.xlsx>', cli.t('cmd.import.opt.template'));
  cmd.addHelpText('after', `\n${cli.t('personImport.help')}\n`);
  cli.action<PersonImportOpts>(cmd, async (env, opts, file?: string) => {
    if (await writeImportTemplate(env, opts.template, file, PERSON_IMPORT_FIELDS, ['birth'])) return;
    return importPersonFile(env, file!, opts);
  });
}

/** The lines of the file as drafts; the problems of each line are added to `problems`. */
async function draftsOf(env: Env, file: string, opts: PersonImportOpts, problems: CsvProblem[]): Promise<Draft[]> {
  const { records, columns } = await readTable(file, PERSON_IMPORT_FIELDS, { sheet: opts.sheet });
  if (!opts.unit && !columns.includes('unit')) throw new UsageError('compliance.import.needUnit', { file });
  const db = env.db();
  const today = env.today();
  const defaultUnit = opts.unit ? resolveUnit(db, opts.unit, { at: today }) : undefined;
  const unitCache = new Map<string, Unit | Error>();
  const unitOf = (text: string): Unit | Error => {
    const key = fold(text);
    if (!unitCache.has(key)) {
      try {
        unitCache.set(key, resolveUnit(db, text, { at: today }));
      } catch (err) {
        unitCache.set(key, new Error(describeErrorWithChoices(env, err)));
      }
    }
    return unitCache.get(key)!;
  };
  const drafts: Draft[] = [];
  for (const rec of records) {
    const v = rec.values;
    const fullName = cleanText(v.name ?? '');
    if (!fullName) problems.push({ line: rec.line, message: env.t('compliance.import.nameMissing') });
    const unitText = cleanText(v.unit ?? '');
    let unit: Unit | undefined;
    if (unitText) {
      const u = unitOf(unitText);
      if (u instanceof Error) problems.push({ line: rec.line, message: u.message });
      else unit = u;
    } else if (defaultUnit) unit = defaultUnit;
    else problems.push({ line: rec.line, message: env.t('personImport.unitMissing') });
    const memberText = cleanText(v.member ?? '');
    const member = parseYesNo(memberText);
    if (member === undefined) problems.push({ line: rec.line, message: env.t('personImport.badMember', { value: memberText }) });
    const birthOn = lineDate(env, rec, 'birth', env.t('col.birthOn'), problems);
    const positions = (v.positions ?? '').split(/[;\n]/).map(cleanText).filter(Boolean);
    if (fullName && unit)
      drafts.push({
        line: rec.line,
        personId: null,
        fullName,
        folded: fold(fullName),
        unitId: unit.id,
        unitName: unit.name,
        positions: positions.length ? positions : undefined,
        isMember: member ?? undefined,
        birthOn: birthOn ?? undefined,
        partyCard: cleanText(v.card ?? '') || undefined,
        note: cleanText(v.note ?? '') || undefined,
      });
  }
  return drafts;
}

/** A line of the file, checked: what it writes once it is known whom it is about. */
type Draft = PersonImportRow & { unitName: string; folded: string };

async function importPersonFile(env: Env, file: string, opts: PersonImportOpts): Promise<void> {
  const problems: CsvProblem[] = [];
  // The file's records are let go once they are drafts: a large sheet is held once, not twice.
  const drafts = await draftsOf(env, file, opts, problems);
  const db = env.db();
  const today = env.today();
  // Who each line is: by party card, else by name within the unit; duplicates inside the file refused.
  const byCard = peopleByCard(db, [...new Set(drafts.flatMap((d) => (d.partyCard ? [d.partyCard] : [])))]);
  const byName = peopleByUnitName(db, [...new Set(drafts.map((d) => d.unitId))], [...new Set(drafts.map((d) => d.folded))]);
  const seenName = new Map<string, number>();
  const seenCard = new Map<string, number>();
  const rows: PersonImportRow[] = [];
  const progress = await progressBar(env, drafts.length, env.t('personImport.progress'));
  try {
    drafts.forEach((d, i) => {
      if (i % 500 === 0) progress.tick(i);
      const nameKey = unitNameKey(d.unitId, d.folded);
      const firstName = seenName.get(nameKey);
      if (firstName !== undefined) {
        problems.push({ line: d.line, message: env.t('personImport.duplicateLine', { name: d.fullName, unit: d.unitName, first: firstName }) });
        return;
      }
      seenName.set(nameKey, d.line);
      if (d.partyCard) {
        const firstCard = seenCard.get(d.partyCard);
        if (firstCard !== undefined) {
          problems.push({ line: d.line, message: env.t('personImport.duplicateCard', { card: d.partyCard, first: firstCard }) });
          return;
        }
        seenCard.set(d.partyCard, d.line);
        const found = byCard.get(d.partyCard) ?? [];
        if (found.length === 1) {
          d.personId = found[0];
          rows.push(d);
          return;
        }
      }
      const found = byName.get(nameKey) ?? [];
      if (found.length > 1) problems.push({ line: d.line, message: env.t('personImport.ambiguous', { name: d.fullName, unit: d.unitName, ids: found.join(', ') }) });
      // "nguyen van an" typed for the stored "Nguyễn Văn An" finds him and keeps his accents.
      else {
        d.personId = found[0] ?? null;
        d.keepStoredName = found.length === 1 && d.folded === d.fullName.toLowerCase();
        rows.push(d);
      }
    });
  } finally {
    progress.stop();
  }
  if (problems.length) failWithProblems(file, problems, env);

  let result: PersonImportResult;
  const writing = await progressBar(env, rows.length, env.t('personImport.progress'));
  try {
    result = importPeople(db, env.audit(), rows, { source: file, movedOn: today, dryRun: opts.dryRun, tick: writing.tick });
  } finally {
    writing.stop();
  }
  env.info(result.dryRun ? 'personImport.dryRun' : 'personImport.done', { file, added: result.added, updated: result.updated, unchanged: result.unchanged });
  if (env.format === 'json') env.json({ file, added: result.added, updated: result.updated, unchanged: result.unchanged, dryRun: result.dryRun });
}
