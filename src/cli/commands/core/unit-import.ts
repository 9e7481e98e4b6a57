/**
 * thuky unit import: the official list of grassroots units (--official), or a CSV/Excel file of
 * units; --template writes an empty sheet to fill in.
 */
import type { Command } from 'commander';
import type { IsoDate } from '../../../domain/dates.js';
import { formatDateVi } from '../../../domain/dates.js';
import { committeeCodeOf, committeeNameOf, matchProvince, normaliseUnitName, provincesOf, type Province } from '../../../domain/official-units.js';
import { cleanText, fold } from '../../../domain/text.js';
import { readOfficialList } from '../../../store/official-list.js';
import { importUnits, type UnitImportResult, type UnitImportRow, type UnitRef } from '../../../store/unit-import.js';
import { resolveUnit, UNIT_KINDS, type UnitKind } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { describeErrorWithChoices, failWithProblems, progressBar, readTable, type CsvField, type CsvProblem, type CsvRecord } from '../compliance/csv.js';
import { lineDate, writeImportTemplate } from '../compliance/plans.js';

/** The day the two-level local government began: the default validity of the official units. */
export const REORGANISATION_DAY = '2025-07-01';

export const UNIT_FIELDS: CsvField[] = [
  { key: 'name', aliases: ['Tên đơn vị', 'tên', 'name', 'unit name', 'đơn vị', 'unit'], required: true },
  { key: 'kind', aliases: ['Loại', 'loại đơn vị', 'kind', 'type'], required: false },
  { key: 'code', aliases: ['Mã', 'mã đơn vị', 'mã số', 'code', 'official code'], required: false },
  { key: 'parent', aliases: ['Cấp trên', 'đơn vị cấp trên', 'trực thuộc', 'parent'], required: false },
  { key: 'from', aliases: ['Hiệu lực từ', 'từ ngày', 'valid from', 'from'], required: false },
  { key: 'to', aliases: ['Hiệu lực đến', 'đến ngày', 'valid to', 'to'], required: false },
  { key: 'successor', aliases: ['Đơn vị kế thừa', 'kế thừa', 'successor', 'successors'], required: false },
  { key: 'note', aliases: ['Ghi chú', 'note'], required: false },
];

/** Kind words an office writes, folded → kind. */
const KIND_WORDS: Record<string, UnitKind> = {
  phuong: 'ward',
  ward: 'ward',
  xa: 'commune',
  commune: 'commune',
  'dac khu': 'special-zone',
  'special-zone': 'special-zone',
  'special zone': 'special-zone',
  'co quan': 'agency',
  agency: 'agency',
  'cap uy': 'committee',
  'dang uy': 'committee',
  committee: 'committee',
  'chi bo': 'cell',
  cell: 'cell',
};

export function parseKindWord(value: string): UnitKind | undefined {
  return KIND_WORDS[fold(value)];
}

interface UnitImportOpts {
  official?: boolean;
  province?: string;
  parent?: string;
  from?: string;
  list?: string;
  dryRun?: boolean;
  sheet?: string;
  template?: string;
}

export function registerUnitImport(unit: Command, cli: Cli): void {
  const cmd = cli
    .command(unit, 'import [file]', 'cmd.unit.import', [
      'thuky unit import --official --province "ho chi minh"',
      'thuky unit import --official --province 79 --parent TU-HCM --from 01/07/2025 --dry-run',
      'thuky unit import don-vi.xlsx --dry-run',
      'thuky unit import --template mau-don-vi.xlsx',
    ])
    .option('--official', cli.t('cmd.unit.import.opt.official'))
    .option('--province <name|code>', cli.t('cmd.unit.import.opt.province'))
    .option('--parent <unit>', cli.t('cmd.unit.import.opt.parent'))
    .option('--from <date>', cli.t('cmd.unit.import.opt.from'))
    .option('--list <file>', cli.t('cmd.unit.import.opt.list'))
    .option('--dry-run', cli.t('cmd.plan.opt.dryRun'))
    .option('--sheet <name>', cli.t('cmd.import.opt.sheet'))
    .option('--template <file.xlsx>', cli.t('cmd.import.opt.template'));
  cmd.addHelpText('after', `\n${cli.t('unitImport.help')}\n`);
  cli.action<UnitImportOpts>(cmd, async (env, opts, file?: string) => {
    if (opts.official) {
      if (file !== undefined) throw new UsageError('input.conflict', { a: '--official', b: file });
      if (opts.template !== undefined) throw new UsageError('input.conflict', { a: '--official', b: '--template' });
      return importOfficial(env, opts);
    }
    for (const [flag, value] of [['--province', opts.province], ['--from', opts.from], ['--list', opts.list], ['--parent', opts.parent]] as const)
      if (value !== undefined) throw new UsageError('unitImport.needsOfficial', { option: flag });
    if (await writeImportTemplate(env, opts.template, file, UNIT_FIELDS, ['from', 'to'])) return;
    return importUnitFile(env, file!, opts);
  });
}

// ---------------------------------------------------------------------------------------------
// The official list

async function importOfficial(env: Env, opts: UnitImportOpts): Promise<void> {
  const validFrom = env.date('--from', opts.from ?? REORGANISATION_DAY);
  if (opts.parent !== undefined && opts.province === undefined) throw new UsageError('unitImport.parentNeedsProvince');
  const list = readOfficialList(opts.list);
  const all = provincesOf(list);
  let provinces: Province[] = all;
  if (opts.province !== undefined) {
    provinces = matchProvince(all, opts.province);
    if (!provinces.length)
      throw new UsageError('unitImport.provinceNone', { value: opts.province, accepted: all.map((p) => `${p.code} ${p.name}`).join(', ') });
    if (provinces.length > 1)
      throw new UsageError('unitImport.provinceMany', { value: opts.province, found: provinces.map((p) => `${p.code} ${p.name}`).join(', ') });
  }
  const db = env.db();
  const parentId = opts.parent !== undefined ? resolveUnit(db, opts.parent, { at: validFrom }).id : null;
  const rows: UnitImportRow[] = [];
  const committees: number[] = [];
  for (const p of provinces) {
    let parent: UnitRef;
    if (parentId !== null) parent = { id: parentId };
    else {
      committees.push(rows.length);
      parent = { row: rows.length };
      rows.push({ line: 0, name: committeeNameOf(p), kind: 'committee', code: committeeCodeOf(p), parent: null, validFrom, validTo: null, note: env.t('unitImport.committeeNote', { province: p.name }) });
    }
    for (const u of list) {
      if (u.provinceCode !== p.code) continue;
      rows.push({
        line: rows.length,
        name: u.name,
        kind: u.kind,
        code: u.code,
        parent,
        validFrom,
        validTo: null,
        note: u.publishedName ? env.t('unitImport.nameNormalised', { published: u.publishedName }) : null,
      });
    }
  }
  const progress = await progressBar(env, rows.length, env.t('unitImport.progress'));
  let result: UnitImportResult;
  try {
    result = importUnits(db, env.audit(), rows, { source: 'official-list-2025', namesOnly: true, dryRun: opts.dryRun, tick: progress.tick });
  } finally {
    progress.stop();
  }
  const scope = provinces.length === 1 ? provinces[0].name : env.t('unitImport.wholeCountry', { count: provinces.length });
  reportResult(env, result, rows, scope);
  const committeeUnits = committees.map((i) => ({ id: result.ids[i], name: rows[i].name, code: rows[i].code }));
  if (env.format === 'json')
    env.json({
      provinces: provinces.map((p) => ({ code: p.code, name: p.name })),
      validFrom,
      parentId,
      committees: result.dryRun ? committeeUnits.map((c) => ({ ...c, id: null })) : committeeUnits,
      ...summaryOf(result, rows),
    });
}

function summaryOf(result: UnitImportResult, rows: UnitImportRow[]) {
  return {
    added: result.added,
    addedByKind: result.addedByKind,
    updated: result.updated.map((u) => ({ id: u.id, code: u.code, name: rows[result.ids.indexOf(u.id)]?.name ?? null, changes: u.changes })),
    unchanged: result.unchanged,
    dryRun: result.dryRun,
  };
}

function reportResult(env: Env, result: UnitImportResult, rows: UnitImportRow[], scope: string): void {
  const kinds = Object.entries(result.addedByKind)
    .sort(([a], [b]) => UNIT_KINDS.indexOf(a as UnitKind) - UNIT_KINDS.indexOf(b as UnitKind))
    .map(([k, n]) => `${n} ${env.t(`unit.kind.${k}`)}`)
    .join(', ');
  env.info(result.dryRun ? 'unitImport.dryRun' : 'unitImport.done', {
    scope,
    added: result.added,
    kinds: kinds ? ` (${kinds})` : '',
    updated: result.updated.length,
    unchanged: result.unchanged,
  });
  for (const u of result.updated) {
    const label = u.code ?? rows.find((r) => r.line === u.line)?.name ?? String(u.id);
    for (const [field, { before, after }] of Object.entries(u.changes))
      env.info('unitImport.changed', { unit: label, field: env.t(`unitImport.field.${field}`), before: show(env, field, before), after: show(env, field, after) });
  }
}

function show(env: Env, field: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field === 'kind') return env.t(`unit.kind.${String(value)}`);
  if (field === 'validFrom' || field === 'validTo') return formatDateVi(String(value));
  return `"${String(value)}"`;
}

// ---------------------------------------------------------------------------------------------
// A file of units

interface ParsedUnit {
  rec: CsvRecord;
  name: string;
  kind: UnitKind;
  code: string | null;
  parentText: string;
  successorTexts: string[];
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  note: string | null;
}

async function importUnitFile(env: Env, file: string, opts: UnitImportOpts): Promise<void> {
  const { records } = await readTable(file, UNIT_FIELDS, { sheet: opts.sheet });
  const problems: CsvProblem[] = [];
  const parsed: ParsedUnit[] = [];
  const codes = new Map<string, number>();
  for (const rec of records) {
    const v = rec.values;
    const { name, kind: kindFromName } = normaliseUnitName(v.name ?? '');
    if (!name) problems.push({ line: rec.line, message: env.t('unitImport.nameMissing') });
    const kindText = cleanText(v.kind ?? '');
    const kind = kindText ? parseKindWord(kindText) : (kindFromName ?? undefined);
    if (!kind)
      problems.push({
        line: rec.line,
        message: kindText ? env.t('unitImport.badKind', { value: kindText, accepted: UNIT_KINDS.join(', ') }) : env.t('unitImport.kindMissing', { name }),
      });
    const code = cleanText(v.code ?? '') || null;
    if (code) {
      const first = codes.get(code);
      if (first !== undefined) problems.push({ line: rec.line, message: env.t('unitImport.duplicateCode', { code, first }) });
      else codes.set(code, rec.line);
    }
    const validFrom = lineDate(env, rec, 'from', env.t('col.validFrom'), problems) ?? null;
    const validTo = lineDate(env, rec, 'to', env.t('col.validTo'), problems) ?? null;
    if (validFrom && validTo && validTo < validFrom) problems.push({ line: rec.line, message: env.t('unit.validRange', { from: formatDateVi(validFrom), to: formatDateVi(validTo) }) });
    if (name && kind)
      parsed.push({
        rec,
        name,
        kind,
        code,
        parentText: cleanText(v.parent ?? ''),
        successorTexts: (v.successor ?? '').split(/[;\n]/).map(cleanText).filter(Boolean),
        validFrom,
        validTo,
        note: cleanText(v.note ?? '') || null,
      });
  }

  const db = env.db();
  // References inside the file, by code or by name; else to a unit already registered.
  const inFileByCode = new Map<string, number>();
  const inFileByName = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    if (p.code) inFileByCode.set(p.code, i);
    const key = fold(p.name);
    inFileByName.set(key, [...(inFileByName.get(key) ?? []), i]);
  });
  type Ref = { id: number } | { index: number };
  const resolveRef = (p: ParsedUnit, text: string, column: string): Ref | null => {
    const byCode = inFileByCode.get(text);
    if (byCode !== undefined) return { index: byCode };
    const byName = inFileByName.get(fold(text)) ?? [];
    if (byName.length === 1) return { index: byName[0] };
    if (byName.length > 1) {
      problems.push({ line: p.rec.line, message: env.t('unitImport.refAmbiguousInFile', { column, value: text, lines: byName.map((i) => parsed[i].rec.line).join(', ') }) });
      return null;
    }
    try {
      return { id: resolveUnit(db, text, { at: p.validFrom ?? env.today() }).id };
    } catch (err) {
      const message = describeErrorWithChoices(env, err);
      problems.push({ line: p.rec.line, message: env.t('unitImport.refMissing', { column, value: text, reason: message }) });
      return null;
    }
  };
  const parents = parsed.map((p) => (p.parentText ? resolveRef(p, p.parentText, env.t('unitImport.field.parentId')) : null));
  const successors = parsed.map((p) => p.successorTexts.map((s) => resolveRef(p, s, env.t('col.successors'))).filter((r): r is Ref => r !== null));

  // Parents before their children: a unit's depth inside the file decides its place.
  const depth = new Array<number>(parsed.length).fill(-1);
  const depthOf = (i: number, seen: Set<number>): number => {
    if (depth[i] >= 0) return depth[i];
    const ref = parents[i];
    if (!ref || 'id' in ref) return (depth[i] = 0);
    if (ref.index === i || seen.has(ref.index)) {
      problems.push({ line: parsed[i].rec.line, message: env.t('unitImport.parentCycle', { name: parsed[i].name }) });
      return (depth[i] = 0);
    }
    seen.add(i);
    return (depth[i] = depthOf(ref.index, seen) + 1);
  };
  parsed.forEach((_, i) => depthOf(i, new Set()));
  if (problems.length) failWithProblems(file, problems, env);

  const order = parsed.map((_, i) => i).sort((a, b) => depth[a] - depth[b] || a - b);
  const position = new Map(order.map((orig, pos) => [orig, pos]));
  const toRef = (r: Ref): UnitRef => ('id' in r ? { id: r.id } : { row: position.get(r.index)! });
  const rows: UnitImportRow[] = order.map((i) => {
    const p = parsed[i];
    return {
      line: p.rec.line,
      name: p.name,
      kind: p.kind,
      code: p.code,
      parent: parents[i] ? toRef(parents[i]!) : null,
      validFrom: p.validFrom,
      validTo: p.validTo,
      successors: successors[i].map(toRef),
      note: p.note,
    };
  });
  const progress = await progressBar(env, rows.length, env.t('unitImport.progress'));
  let result: UnitImportResult;
  try {
    result = importUnits(db, env.audit(), rows, { source: file, dryRun: opts.dryRun, tick: progress.tick });
  } finally {
    progress.stop();
  }
  reportResult(env, result, rows, file);
  if (env.format === 'json') env.json({ file, ...summaryOf(result, rows) });
}
