/** init, db, log; the registries of units, people and documents are in units.ts, people.ts, docs.ts. */
import { type Command } from 'commander';
import { chmodSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { listChanges } from '../../../store/changelog.js';
import { backupDatabase, migrate, schemaVersionOf, tableCounts } from '../../../store/db.js';
import { SCHEMA_VERSION } from '../../../store/migrations.js';
import { loadSample } from '../../../store/sample/index.js';
import { withFileOptions } from '../../output-file.js';
import type { Cli } from '../../program.js';
import { registerMaintenance } from './maintenance.js';
import { registerCopy } from './copy.js';
import { engineInfo } from '../../../store/pg/info.js';
import { registerUnits } from './units.js';
import { registerPeople } from './people.js';
import { registerDocs } from './docs.js';

export function registerCore(program: Command, cli: Cli): void {
  registerInit(program, cli);
  registerDb(program, cli);
  registerLog(program, cli);
  registerUnits(program, cli);
  registerPeople(program, cli);
  registerDocs(program, cli);
}

function registerInit(program: Command, cli: Cli) {
  const cmd = cli
    .command(program, 'init', 'cmd.init', ['thuky init', 'thuky init --sample quan1-2017 --db ./quan1.db'])
    .option('--sample <name>', cli.t('cmd.init.opt.sample'));
  cli.action<{ sample?: string }>(cmd, (env, opts) => {
    const db = env.db();
    secureFile(env.dbPath);
    if (opts.sample) {
      const loaded = loadSample(db, env.audit(), opts.sample);
      env.info(loaded ? 'init.sampleLoaded' : 'init.sampleAlready', { name: opts.sample, path: env.dbPath });
    } else {
      env.info('init.ready', { path: env.dbPath, version: SCHEMA_VERSION });
    }
  });
}

/** The file holds personal data: owner-only, whatever the umask was. */
function secureFile(path: string) {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch {
    // A file we cannot chmod (not ours) is left as its owner set it.
  }
}

const TABLES = ['unit', 'person', 'membership_history', 'document', 'meeting', 'speech', 'conclusion', 'task', 'task_event', 'plan', 'evaluation', 'activity', 'draft', 'change_log'];

function registerDb(program: Command, cli: Cli) {
  const db = cli.command(program, 'db', 'cmd.db', ['thuky db info', 'thuky db migrate']);
  const info = cli.command(db, 'info', 'cmd.db.info', ['thuky db info --json']);
  cli.action(info, (env) => {
    const handle = env.readDb();
    const counts = tableCounts(handle, TABLES);
    const engine = engineInfo(handle);
    if (engine) {
      // PostgreSQL: the engine, the server and the connection (never a password) instead of a file.
      const result = { engine: engine.engine, serverVersion: engine.serverVersion, connection: engine.connection, schemaVersion: schemaVersionOf(handle), supportedVersion: SCHEMA_VERSION, counts };
      return env.record(result, () =>
        [
          `${env.t('db.info.engine')}: PostgreSQL`,
          `${env.t('db.info.server')}: ${result.serverVersion}`,
          `${env.t('db.info.connection')}: ${result.connection}`,
          `${env.t('db.info.version')}: ${result.schemaVersion}`,
          ...Object.entries(counts).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
        ].join('\n'),
      );
    }
    const mode = (statSync(env.dbPath).mode & 0o777).toString(8);
    const result = { path: env.dbPath, schemaVersion: schemaVersionOf(handle), supportedVersion: SCHEMA_VERSION, fileMode: mode, counts };
    return env.record(result, () =>
      [
        `${env.t('db.info.path')}: ${result.path}`,
        `${env.t('db.info.version')}: ${result.schemaVersion}`,
        `${env.t('db.info.mode')}: ${mode}`,
        ...Object.entries(counts).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
      ].join('\n'),
    );
  });
  const backup = cli.command(db, 'backup [file]', 'cmd.db.backup', ['thuky db backup', 'thuky db backup /media/usb/thuky-2026-11-27.db']);
  cli.action(backup, (env, _opts, file?: string) => {
    const handle = env.readDb();
    const stamp = env.ctx.now().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const target = file ? resolve(env.ctx.cwd, file) : env.dbPath.replace(/(\.db)?$/, `-${stamp}.db`);
    backupDatabase(handle, target);
    env.info('db.backedUp', { path: target });
    if (env.format === 'json') env.print(JSON.stringify({ path: target }));
  });
  const mig = cli.command(db, 'migrate', 'cmd.db.migrate', ['thuky db migrate --db ./quan1.db']);
  cli.action(mig, (env) => {
    const handle = env.db();
    const result = migrate(handle);
    env.info('db.migrated', { path: env.dbPath, version: result.to });
  });
  registerMaintenance(db, cli);
  registerCopy(db, cli);
}

function registerLog(program: Command, cli: Cli) {
  const cmd = cli
    .command(program, 'log', 'cmd.log', ['thuky log --since 01/11/2026', 'thuky log --entity task --json'])
    .option('--entity <kind>', cli.t('cmd.log.opt.entity'))
    .option('--since <date>', cli.t('cmd.log.opt.since'))
    .option('--limit <n>', cli.t('cmd.log.opt.limit'));
  withFileOptions(cmd, cli.t);
  cli.action<{ entity?: string; since?: string; limit?: string }>(cmd, (env, opts) => {
    const since = env.optionalDate('--since', opts.since);
    const rows = listChanges(env.readDb(), { entity: opts.entity, since, limit: env.int('--limit', opts.limit, 1, 1_000_000) });
    // For people (a table, Markdown), one `field=value` per field, so that a long change wraps between fields; for programs the JSON as stored.
    const table = env.format === 'table' || env.format === 'md';
    const summary = (r: (typeof rows)[number]) => {
      if (!r.changes) return '';
      if (!table || typeof r.changes !== 'object' || Array.isArray(r.changes)) return JSON.stringify(r.changes);
      return Object.entries(r.changes as Record<string, unknown>)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');
    };
    return env.list(rows, [
      { key: 'id', label: 'col.id', type: 'number', priority: 1 },
      { key: 'runId', label: 'col.run', type: 'number', priority: 3 },
      { key: 'at', label: 'col.at', type: 'datetime', priority: 1 },
      { key: 'user', label: 'col.user', priority: 4 },
      { key: 'command', label: 'col.command', priority: 2, minWidth: 12 },
      { key: 'entity', label: 'col.entity', priority: 3 },
      { key: 'entityId', label: 'col.entityId', priority: 3 },
      { key: 'action', label: 'col.action', priority: 3 },
      { key: 'changes', label: 'col.changes', display: summary, priority: 2, minWidth: 20, maxWidth: 80 },
    ]);
  });
}
