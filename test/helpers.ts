/** Shared test helpers: run the CLI in-process or as the built binary, on temporary databases. */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryContext } from '../src/cli/context.js';
import { runCli } from '../src/cli/program.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { loadSample } from '../src/store/sample/index.js';
import { engineDb } from './pg-helpers.js';

export const ROOT = resolve(import.meta.dirname, '..');

/** The 10 wards of District 1 in 2017, in Vietnamese order, as the sample names them. */
export const WARDS_2017 = [
  'Phường Bến Nghé',
  'Phường Bến Thành',
  'Phường Cầu Kho',
  'Phường Cầu Ông Lãnh',
  'Phường Cô Giang',
  'Phường Đa Kao',
  'Phường Nguyễn Cư Trinh',
  'Phường Nguyễn Thái Bình',
  'Phường Phạm Ngũ Lão',
  'Phường Tân Định',
];
export const BIN = join(ROOT, 'bin', 'thuky.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'thuky-'));
}

export function tempDbPath(): string {
  return join(tempDir(), 'thuky.db');
}

const AUDIT = { at: '2026-11-27T00:00:00.000Z', user: 'tester', command: 'test' };

let template: string | undefined;
/** A fresh copy of a database with the quan1-2017 sample loaded (built once per test file). */
export function sampleDbPath(): string {
  if (!template || !existsSync(template)) {
    template = tempDbPath();
    const db = openDatabase(template, { create: true });
    loadSample(db, AUDIT, 'quan1-2017');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  const path = tempDbPath();
  copyFileSync(template, path);
  return path;
}

export function openSample(): Db {
  return openDatabase(sampleDbPath(), { create: false });
}

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command line in-process. `tty` makes stdout and stdin look like a terminal. */
export async function run(argv: string[], opts: { db?: string; tty?: boolean; env?: Record<string, string | undefined>; now?: Date } = {}): Promise<RunOutput> {
  const ctx = memoryContext({ tty: opts.tty, env: { ...opts.env }, now: opts.now });
  const args = opts.db ? [...argv, '--db', engineDb(opts.db)] : argv;
  const code = await runCli(args, ctx);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** Runs a command line in-process and parses its JSON output. */
export async function runJson<T = unknown>(argv: string[], opts: Parameters<typeof run>[1] = {}): Promise<T> {
  const out = await run([...argv, '--json'], opts);
  if (out.code !== 0) throw new Error(`exit ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

/** Spawns the built binary (run `npm run build` first; `npm test` does). */
export function runBin(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): RunOutput {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    input: opts.input ?? '',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const HISTORY = new Set(['change_log', 'row_change', 'command_run']);

/** Every data table's rows in primary-key order: the database "minus the change log". */
export function dumpData(path: string): Record<string, unknown[]> {
  const db = openDatabase(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      if (HISTORY.has(t)) continue;
      const pk = (db.pragma(`table_info("${t}")`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`);
      out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY ${pk.join(', ')}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** Every row of every table of a database file, hashed: equal snapshots mean nothing was written. */
export function dbSnapshot(path: string): string {
  const h = new Database(path, { readonly: true });
  try {
    const tables = (h.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const hash = createHash('sha256');
    for (const t of tables) {
      hash.update(`\n#${t}\n`);
      for (const row of h.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    h.close();
  }
}

/** The number of rows of each named table of a database file. */
export function countRows(path: string, tables: readonly string[]): Record<string, number> {
  const h = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, (h.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    h.close();
  }
}
