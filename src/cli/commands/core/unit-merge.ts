/** thuky unit merge OLD… --into NEW --on DATE, and unit split OLD --into A B… --on DATE */
import type { Command } from 'commander';
import { addDays, formatDateVi, type IsoDate } from '../../../domain/dates.js';
import type { Column } from '../../../render/output.js';
import { mergeUnits, type CarriedTask, type MergeResult, type MergeTexts } from '../../../store/unit-merge.js';
import { existsOn, resolveUnit, type Unit } from '../../../store/units.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';

export function registerUnitMerge(unit: Command, cli: Cli): void {
  const merge = cli
    .command(unit, 'merge <old...>', 'cmd.unit.merge', [
      'thuky unit merge "ben nghe" "da kao" "nguyen thai binh" --into "Phường Sài Gòn" --on 01/07/2025 --dry-run',
      'thuky unit merge BN DK NTB --into SG --on 01/07/2025',
    ])
    .requiredOption('--into <unit>', cli.t('cmd.unit.merge.opt.into'))
    .requiredOption('--on <date>', cli.t('cmd.unit.merge.opt.on'))
    .option('--dry-run', cli.t('cmd.unit.merge.opt.dryRun'));
  merge.addHelpText('after', `\n${cli.t('unitMerge.help')}\n`);
  cli.action<{ into: string; on: string; dryRun?: boolean }>(merge, (env, opts, olds: string[]) => {
    const on = env.date('--on', opts.on);
    const db = env.db();
    const into = successorOn(env, opts.into, on);
    const oldUnits = oldUnitsBefore(env, olds, on, [into]);
    const result = mergeUnits(db, env.audit(), { oldIds: oldUnits.map((u) => u.id), intoIds: [into.id], on, dryRun: opts.dryRun, texts: texts(env) });
    return report(env, result);
  });

  const split = cli
    .command(unit, 'split <old>', 'cmd.unit.split', [
      'thuky unit split "da kao" --into "Phường Sài Gòn" "Phường Tân Định" --members-to "Phường Tân Định" --on 01/07/2025 --dry-run',
    ])
    .requiredOption('--into <unit...>', cli.t('cmd.unit.split.opt.into'))
    .requiredOption('--on <date>', cli.t('cmd.unit.merge.opt.on'))
    .option('--members-to <unit>', cli.t('cmd.unit.split.opt.membersTo'))
    .option('--dry-run', cli.t('cmd.unit.merge.opt.dryRun'));
  split.addHelpText('after', `\n${cli.t('unitSplit.help')}\n`);
  cli.action<{ into: string[]; on: string; membersTo?: string; dryRun?: boolean }>(split, (env, opts, old: string) => {
    const on = env.date('--on', opts.on);
    const db = env.db();
    const successors = opts.into.map((q) => successorOn(env, q, on));
    if (new Set(successors.map((u) => u.id)).size !== successors.length) throw new UsageError('unitMerge.twice', { unit: '--into' });
    const membersTo = opts.membersTo !== undefined ? resolveUnit(db, opts.membersTo, { at: on }) : successors[0];
    if (!successors.some((u) => u.id === membersTo.id)) throw new UsageError('unitSplit.membersToNotSuccessor', { unit: membersTo.name });
    const [oldUnit] = oldUnitsBefore(env, [old], on, successors);
    const result = mergeUnits(db, env.audit(), { oldIds: [oldUnit.id], intoIds: successors.map((u) => u.id), membersToId: membersTo.id, on, dryRun: opts.dryRun, texts: texts(env) });
    return report(env, result);
  });
}

function successorOn(env: Env, query: string, on: IsoDate): Unit {
  const u = resolveUnit(env.db(), query, { at: on });
  if (!existsOn(u, on)) throw new UsageError('unitMerge.intoNotOn', { unit: u.name, date: formatDateVi(on) });
  return u;
}

function oldUnitsBefore(env: Env, queries: string[], on: IsoDate, successors: Unit[]): Unit[] {
  const dayBefore = addDays(on, -1);
  const units = queries.map((q) => resolveUnit(env.db(), q, { at: dayBefore }));
  const seen = new Set<number>();
  for (const u of units) {
    if (successors.some((s) => s.id === u.id)) throw new UsageError('unitMerge.intoIsOld', { unit: u.name });
    if (seen.has(u.id)) throw new UsageError('unitMerge.twice', { unit: u.name });
    seen.add(u.id);
    if (u.validFrom !== null && u.validFrom > dayBefore) throw new UsageError('unitMerge.oldNotBefore', { unit: u.name, date: formatDateVi(dayBefore) });
  }
  return units;
}

function texts(env: Env): MergeTexts {
  return {
    carriedTo: (targets, day) =>
      env.t('unitMerge.carriedTo', { targets: targets.map((t) => env.t('unitMerge.target', { unit: t.unitName, id: t.taskId })).join(', '), date: formatDateVi(day) }),
    carriedFrom: (name, id, day) => env.t('unitMerge.carriedFrom', { unit: name, id, date: formatDateVi(day) }),
  };
}

function report(env: Env, result: MergeResult) {
  const split = result.successors.length > 1;
  env.info(result.dryRun ? (split ? 'unitSplit.dryRun' : 'unitMerge.dryRun') : split ? 'unitSplit.done' : 'unitMerge.done', {
    olds: result.olds.map((o) => o.name).join(', '),
    into: result.successors.map((u) => u.name).join(', '),
    membersTo: result.into.name,
    date: formatDateVi(result.on),
    members: result.membersMoved,
    tasks: new Set(result.tasks.map((t) => t.fromId)).size,
  });
  if (env.format === 'json') return env.json(result);
  const columns: Column<CarriedTask>[] = [
    { key: 'fromId', label: 'unitMerge.col.fromId', type: 'number' },
    { key: 'fromUnitName', label: 'unitMerge.col.fromUnit' },
    { key: 'toId', label: 'unitMerge.col.toId', type: 'number' },
    ...(split ? [{ key: 'toUnitName', label: 'unitMerge.col.toUnit' } as Column<CarriedTask>] : []),
    { key: 'kind', label: 'col.kind', display: (t) => env.t(`unitMerge.kind.${t.kind}`) },
    { key: 'title', label: 'unitMerge.col.title' },
    { key: 'dueOn', label: 'unitMerge.col.due', type: 'date' },
  ];
  if (result.tasks.length) return env.list(result.tasks, columns);
}
