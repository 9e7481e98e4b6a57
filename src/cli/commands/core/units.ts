/** unit add, edit, list, show: the registry of units. */
import { type Command } from 'commander';
import { formatDateVi } from '../../../domain/dates.js';
import type { Column } from '../../../render/output.js';
import { addUnit, editUnit, getUnit, listUnits, resolveUnit, UNIT_KINDS, type Unit, type UnitKind } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { assertVersion, rowIdentity } from '../../../store/versions.js';
import { writeTransaction } from '../../../store/transaction.js';
import { listedOption } from '../../program.js';
import { registerUnitImport } from './unit-import.js';
import { registerUnitMerge } from './unit-merge.js';
import { registerRemove } from '../edit/index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseKind(value: string | undefined, field: string): UnitKind | undefined {
  if (value === undefined) return undefined;
  if (!(UNIT_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: UNIT_KINDS.join(', ') });
  return value as UnitKind;
}

export function unitColumns(t: Env['t']): Column<Unit>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'code', label: 'col.code', priority: 3, wrap: false },
    { key: 'name', label: 'col.name', priority: 1, minWidth: 16 },
    { key: 'kind', label: 'col.kind', display: (u) => t(`unit.kind.${u.kind}`), priority: 3, minWidth: 8 },
    { key: 'parentName', label: 'col.parent', priority: 4, minWidth: 14 },
    { key: 'validFrom', label: 'col.validFrom', type: 'date', priority: 2 },
    { key: 'validTo', label: 'col.validTo', type: 'date', priority: 2 },
    { key: 'successors', label: 'col.successors', type: 'list', priority: 4, minWidth: 14 },
  ];
}

function unitText(env: Env, u: Unit): string {
  const line = (label: string, value: string | null | undefined) => `${env.t(label).padEnd(18)} ${value ?? ''}`;
  return [
    line('col.name', u.name),
    line('col.id', String(u.id)),
    line('col.code', u.code),
    line('col.kind', env.t(`unit.kind.${u.kind}`)),
    line('col.parent', u.parentName),
    line('col.validFrom', u.validFrom ? formatDateVi(u.validFrom) : env.t('unit.sinceEver')),
    line('col.validTo', u.validTo ? formatDateVi(u.validTo) : env.t('unit.stillExists')),
    line('col.successors', u.successors.join(', ')),
    line('col.predecessors', u.predecessors.join(', ')),
    ...(u.note ? [line('col.note', u.note)] : []),
    ...(u.illustrative ? [env.t('common.illustrative')] : []),
  ].join('\n');
}

export function registerUnits(program: Command, cli: Cli) {
  const unit = cli.command(program, 'unit', 'cmd.unit', ['thuky unit list --kind ward --at 17/06/2017']);

  const add = cli
    .command(unit, 'add <name>', 'cmd.unit.add', ['thuky unit add "Phường Bến Nghé" --code BN --kind ward --parent Q1 --to 30/06/2025'])
    .option('--code <code>', cli.t('cmd.unit.opt.code'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS).default('ward'))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--from <date>', cli.t('cmd.unit.opt.from'))
    .option('--to <date>', cli.t('cmd.unit.opt.to'))
    .option('--successor <unit>', cli.t('cmd.unit.opt.successor'), collect)
    .option('--note <text>', cli.t('opt.note'));
  cli.action<{ code?: string; kind: string; parent?: string; from?: string; to?: string; successor?: string[]; note?: string }>(add, (env, opts, name: string) => {
    const kind = parseKind(opts.kind, '--kind')!;
    const validFrom = env.optionalDate('--from', opts.from);
    const validTo = env.optionalDate('--to', opts.to);
    const db = env.db();
    const parentId = opts.parent ? resolveUnit(db, opts.parent, { at: validFrom ?? env.today() }).id : null;
    const successorIds = (opts.successor ?? []).map((s) => resolveUnit(db, s).id);
    const id = addUnit(db, env.audit(), { name, code: opts.code ?? null, kind, parentId, validFrom, validTo, successorIds, note: opts.note ?? null });
    const created = getUnit(db, id)!;
    env.info('unit.added', { id, name: created.name });
    if (env.format === 'json') env.json(created);
  });

  const list = cli
    .command(unit, 'list', 'cmd.unit.list', ['thuky unit list --kind ward --at 17/06/2017', 'thuky unit list --kind ward --at 2025-12-31 --json'])
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS))
    .option('--at <date>', cli.t('cmd.unit.opt.at'))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--search <text>', cli.t('opt.search'));
  withFileOptions(list, cli.t);
  cli.action<{ kind?: string; at?: string; parent?: string; search?: string }>(list, (env, opts) => {
    const kind = parseKind(opts.kind, '--kind');
    const at = env.optionalDate('--at', opts.at);
    const db = env.readDb();
    const parentId = opts.parent ? resolveUnit(db, opts.parent, { at: at ?? env.today() }).id : undefined;
    return env.list(listUnits(db, { kind, at, parentId, search: opts.search }), unitColumns(env.t));
  });

  const show = cli
    .command(unit, 'show <unit>', 'cmd.unit.show', ['thuky unit show "ben nghe"', 'thuky unit show BN --json'])
    .option('--at <date>', cli.t('cmd.unit.opt.atPick'));
  cli.action<{ at?: string }>(show, (env, opts, query: string) => {
    const db = env.readDb();
    const u = resolveUnit(db, query, { at: env.optionalDate('--at', opts.at) ?? env.today(), idNotFoundExit1: true });
    // The uid, and the version an edit can name (--if-version) to be refused if someone changed the unit since.
    return env.record({ ...u, ...rowIdentity(db, 'unit', u.id) }, () => unitText(env, u));
  });

  const edit = cli
    .command(unit, 'edit <unit>', 'cmd.unit.edit', ['thuky unit edit BN --to 30/06/2025 --successor "Phường Sài Gòn"'])
    .option('--name <name>', cli.t('cmd.unit.opt.name'))
    .option('--code <code>', cli.t('cmd.unit.opt.code'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--from <date>', cli.t('cmd.unit.opt.from'))
    .option('--to <date>', cli.t('cmd.unit.opt.to'))
    .option('--successor <unit>', cli.t('cmd.unit.opt.successor'), collect)
    .option('--note <text>', cli.t('opt.note'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ name?: string; code?: string; kind?: string; parent?: string; from?: string; to?: string; successor?: string[]; note?: string; ifVersion?: string }>(edit, (env, opts, query: string) => {
    const ifVersion = env.int('--if-version', opts.ifVersion, 1, Number.MAX_SAFE_INTEGER);
    const db = env.db();
    const u = resolveUnit(db, query, { at: env.today(), idNotFoundExit1: true });
    const patch = {
      ...(opts.name !== undefined && { name: opts.name }),
      ...(opts.code !== undefined && { code: opts.code }),
      ...(opts.kind !== undefined && { kind: parseKind(opts.kind, '--kind') }),
      ...(opts.parent !== undefined && { parentId: resolveUnit(db, opts.parent).id }),
      ...(opts.from !== undefined && { validFrom: env.date('--from', opts.from) }),
      ...(opts.to !== undefined && { validTo: env.date('--to', opts.to) }),
      ...(opts.note !== undefined && { note: opts.note }),
      ...(opts.successor && { addSuccessorIds: opts.successor.map((s) => resolveUnit(db, s).id) }),
    };
    if (!Object.keys(patch).length) throw new UsageError('input.nothingToChange');
    const after = writeTransaction(db, () => {
      assertVersion(db, 'unit', u.id, ifVersion, env.audit().at);
      return editUnit(db, env.audit(), u.id, patch);
    });
    env.info('unit.edited', { id: after.id, name: after.name });
    return env.record(after, () => unitText(env, after));
  });
  registerUnitImport(unit, cli);
  registerUnitMerge(unit, cli);
  registerRemove(unit, cli, 'unit');
}
