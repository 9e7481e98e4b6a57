/** thuky db copy --from A --to B: a whole database between a SQLite file and PostgreSQL. */
import type { Command } from 'commander';
import { copyDatabase } from '../../../store/copy.js';
import { openDatabase, resolveDbPath } from '../../../store/db.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';

export function registerCopy(db: Command, cli: Cli): void {
  const copy = cli
    .command(db, 'copy', 'cmd.db.copy', ['thuky db copy --from thuky.db --to postgresql://thuky@db.local/thuky', 'thuky db copy --from postgresql://thuky@db.local/thuky --to ./ban-sao.db'])
    .option('--from <db>', cli.t('cmd.db.copy.opt.from'))
    .option('--to <db>', cli.t('cmd.db.copy.opt.to'));
  cli.action<{ from?: string; to?: string }>(copy, (env, opts) => {
    if (!opts.from || !opts.to) throw new UsageError('db.copy.needsBoth');
    const from = resolveDbPath(opts.from, {}, env.ctx.cwd);
    const to = resolveDbPath(opts.to, {}, env.ctx.cwd);
    if (from === to) throw new UsageError('db.copy.same', { path: from });
    const source = openDatabase(from, { readonly: true });
    try {
      const target = openDatabase(to, { create: true });
      try {
        const result = copyDatabase(source, target, to);
        env.info('db.copy.done', { rows: result.rows, tables: result.tables, from, to });
        if (env.format === 'json') env.json({ from, to, ...result });
      } finally {
        target.close();
      }
    } finally {
      source.close();
    }
  });
}
