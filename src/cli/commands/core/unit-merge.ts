/** thuky unit merge OLD… --into NEW --on DATE [--dry-run] */
import type { Command } from 'commander';
import { addDays, formatDateVi } from '../../../domain/dates.js';
import type { Column } from '../../../render/output.js';
import { mergeUnits, type CarriedTask } from '../../../store/unit-merge.js';
import { existsOn, resolveUnit } from '../../../store/units.js';
import { UsageError } from '../../errors.js';
import type { Cli } from '../../program.js';

export function registerUnitMerge(unit: Command, cli: Cli): void {
  const cmd = cli
    .command(unit, 'merge <old...>', 'cmd.unit.merge', [
      'thuky unit merge "ben nghe" "da kao" "nguyen thai binh" --into "Phường Sài Gòn" --on 01/07/2025 --dry-run',
      'thuky unit merge BN DK NTB --into SG --on 01/07/2025',
    ])
    .requiredOption('--into <unit>', cli.t('cmd.unit.merge.opt.into'))
    .requiredOption('--on <date>', cli.t('cmd.unit.merge.opt.on'))
    .option('--dry-run', cli.t('cmd.unit.merge.opt.dryRun'));
  cmd.addHelpText('after', `\n${cli.t('unitMerge.help')}\n`);
  cli.action<{ into: string; on: string; dryRun?: boolean }>(cmd, (env, opts, olds: string[]) => {
    const on = env.date('--on', opts.on);
    const dayBefore = addDays(on, -1);
    const db = env.db();
    const into = resolveUnit(db, opts.into, { at: on });
    if (!existsOn(into, on)) throw new UsageError('unitMerge.intoNotOn', { unit: into.name, date: formatDateVi(on) });
    const oldUnits = olds.map((q) => resolveUnit(db, q, { at: dayBefore }));
    const seen = new Set<number>();
    for (const u of oldUnits) {
      if (u.id === into.id) throw new UsageError('unitMerge.intoIsOld', { unit: u.name });
      if (seen.has(u.id)) throw new UsageError('unitMerge.twice', { unit: u.name });
      seen.add(u.id);
      if (u.validFrom !== null && u.validFrom > dayBefore) throw new UsageError('unitMerge.oldNotBefore', { unit: u.name, date: formatDateVi(dayBefore) });
    }
    const result = mergeUnits(db, env.audit(), {
      oldIds: oldUnits.map((u) => u.id),
      intoId: into.id,
      on,
      dryRun: opts.dryRun,
      texts: {
        carriedTo: (name, id, day) => env.t('unitMerge.carriedTo', { unit: name, id, date: formatDateVi(day) }),
        carriedFrom: (name, id, day) => env.t('unitMerge.carriedFrom', { unit: name, id, date: formatDateVi(day) }),
      },
    });
    env.info(result.dryRun ? 'unitMerge.dryRun' : 'unitMerge.done', {
      olds: result.olds.map((o) => o.name).join(', '),
      into: result.into.name,
      date: formatDateVi(on),
      members: result.membersMoved,
      tasks: result.tasks.length,
    });
    if (env.format === 'json') return env.json(result);
    const columns: Column<CarriedTask>[] = [
      { key: 'fromId', label: 'unitMerge.col.fromId', type: 'number' },
      { key: 'fromUnitName', label: 'unitMerge.col.fromUnit' },
      { key: 'toId', label: 'unitMerge.col.toId', type: 'number' },
      { key: 'kind', label: 'col.kind', display: (t) => env.t(`unitMerge.kind.${t.kind}`) },
      { key: 'title', label: 'unitMerge.col.title' },
      { key: 'dueOn', label: 'unitMerge.col.due', type: 'date' },
    ];
    if (result.tasks.length) return env.list(result.tasks, columns);
  });
}
