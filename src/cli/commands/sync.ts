/**
 * `thuky sync …`: replication between a city database and its wards' (PostgreSQL's logical
 * replication). `setup` makes a ward replicate with the city, `remove` undoes it. The store's setup
 * and remove (src/store/pg/sync/setup.ts, remove.ts) are loaded only when one of them runs.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { PgDatabase } from '../../store/pg/database.js';
import { isPostgresUrl, withoutPassword } from '../../store/pg/url.js';
import type { Cli } from '../program.js';

interface SetupOptions {
  city?: string;
  ward?: string;
  wardDb?: string;
}

interface RemoveOptions extends SetupOptions {
  dropRows?: boolean;
}

/** The `sync` group with its commands; returned so that other sync commands can join it. */
export function registerSync(program: Command, cli: Cli): Command {
  const sync = cli.command(program, 'sync', 'cmd.sync', [
    'thuky sync setup --city postgresql://thuky@thanhuy.local/thuky --ward "Phường Sài Gòn" --ward-db postgresql://thuky@saigon.local/thuky',
  ]);
  const setup = cli
    .command(sync, 'setup', 'cmd.sync.setup', [
      'thuky sync setup --city postgresql://thuky@thanhuy.local/thuky --ward "Phường Sài Gòn" --ward-db postgresql://thuky@saigon.local/thuky',
    ])
    .option('--city <url>', cli.t('cmd.sync.opt.city'))
    .option('--ward <unit>', cli.t('cmd.sync.opt.ward'))
    .option('--ward-db <url>', cli.t('cmd.sync.opt.wardDb'));
  cli.action<SetupOptions>(setup, async (env, opts) => {
    const cityUrl = urlOption('--city', opts.city ?? (isPostgresUrl(env.dbPath) ? env.dbPath : undefined));
    const wardUrl = urlOption('--ward-db', opts.wardDb);
    if (!opts.ward?.trim()) throw new UsageError('sync.needsWard', { field: '--ward' });
    const { setupSync } = await import('../../store/pg/sync/setup.js');
    await withSides(cityUrl, wardUrl, (city, ward) => {
      const result = setupSync(city, ward!, { ward: opts.ward!, at: env.ctx.now().toISOString() });
      if (!result.created.length) env.info('sync.setup.unchanged', { name: result.unit.name, office: result.office, city: result.city });
      else {
        env.info('sync.setup.done', { name: result.unit.name, office: result.office, city: result.city, ward: result.ward });
        for (const c of result.created) env.info(`sync.created.${c.what}`, { name: c.name, where: env.t(`sync.side.${c.side}`) });
      }
      if (env.format === 'json') env.json(result);
    });
  });
  const remove = cli
    .command(sync, 'remove', 'cmd.sync.remove', [
      'thuky sync remove --city postgresql://thuky@thanhuy.local/thuky --ward "Phường Sài Gòn"',
      'thuky sync remove --city postgresql://thuky@thanhuy.local/thuky --ward "Phường Sài Gòn" --drop-rows',
    ])
    .option('--city <url>', cli.t('cmd.sync.opt.city'))
    .option('--ward <unit>', cli.t('cmd.sync.opt.ward'))
    .option('--ward-db <url>', cli.t('cmd.sync.opt.wardDbRemove'))
    .option('--drop-rows', cli.t('cmd.sync.opt.dropRows'));
  cli.action<RemoveOptions>(remove, async (env, opts) => {
    const cityUrl = urlOption('--city', opts.city ?? (isPostgresUrl(env.dbPath) ? env.dbPath : undefined));
    if (opts.wardDb !== undefined) urlOption('--ward-db', opts.wardDb);
    if (!opts.ward?.trim()) throw new UsageError('sync.needsWard', { field: '--ward' });
    const { removeSync, recordedWardDb } = await import('../../store/pg/sync/remove.js');
    const { openPostgres } = await import('../../store/pg/open.js');
    const city = openPostgres(withoutPassword(cityUrl));
    try {
      const wardUrl = opts.wardDb ?? recordedWardDb(city, opts.ward);
      let ward: PgDatabase | undefined;
      if (wardUrl) {
        try {
          ward = openPostgres(withoutPassword(wardUrl));
        } catch {
          // The ward cannot be reached: what is on its side stays (said below).
          env.warn('sync.wardUnreachable', { path: withoutPassword(wardUrl) });
        }
      }
      try {
        const result = removeSync(
          { db: city, url: cityUrl, shown: withoutPassword(cityUrl) },
          ward && wardUrl ? { db: ward, url: wardUrl, shown: withoutPassword(wardUrl) } : undefined,
          { ward: opts.ward, dropRows: !!opts.dropRows },
        );
        if (!result.removed.length) env.info('sync.remove.unchanged', { name: result.unit.name });
        else {
          env.info('sync.remove.done', { name: result.unit.name, office: result.office });
          for (const r of result.removed) env.info(`sync.removed.${r.what}`, { name: r.name, where: env.t(`sync.side.${r.side}`) });
        }
        if (env.format === 'json') env.json(result);
      } finally {
        ward?.close();
      }
    } finally {
      city.close();
    }
  });
  return sync;
}

/** A PostgreSQL URL given for `field` (the city, the ward's database). */
function urlOption(field: string, value: string | undefined): string {
  if (!value?.trim()) throw new UsageError('sync.needsUrl', { field });
  if (!isPostgresUrl(value)) throw new UsageError('sync.notPostgres', { field, value: withoutPassword(value) });
  return value.trim();
}

/** Opens the city and the ward for writing (migrated to this version), runs `fn`, closes both. */
async function withSides(
  cityUrl: string,
  wardUrl: string,
  fn: (city: { db: PgDatabase; url: string; shown: string }, ward: { db: PgDatabase; url: string; shown: string } | undefined) => void,
): Promise<void> {
  const { openPostgres } = await import('../../store/pg/open.js');
  const city = openPostgres(withoutPassword(cityUrl));
  try {
    const ward = openPostgres(withoutPassword(wardUrl));
    try {
      fn({ db: city, url: cityUrl, shown: withoutPassword(cityUrl) }, { db: ward, url: wardUrl, shown: withoutPassword(wardUrl) });
    } finally {
      ward.close();
    }
  } finally {
    city.close();
  }
}
