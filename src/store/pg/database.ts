/**
 * A PostgreSQL connection that presents the part of better-sqlite3's API the store uses
 * (prepare/run/get/all/iterate/pluck/raw, exec, transaction, the pragmas thuky reads), so that the
 * store's functions run unchanged on either engine. The store is synchronous: each call crosses to
 * a worker thread (pg-worker.mjs) that holds the connection, and this thread waits for the answer
 * (Atomics.wait on a shared flag), about half a millisecond a round trip on one machine.
 *
 * The worker and the driver (`postgres`) start on the first connection only: a SQLite run never
 * loads them.
 */
import { createRequire } from 'node:module';
import type { MessagePort } from 'node:worker_threads';
import { RuntimeError, UsageError } from '../../errors.js';
import { translate, type Translated } from './dialect.js';
import type { Target } from './url.js';

interface Reply {
  /** The number of the request answered. */
  seq?: number;
  error?: { message: string; code: string | null; detail: string | null };
  columns?: string[];
  rows?: unknown[][];
  count?: number;
  serverVersion?: string;
}

interface Bridge {
  port: MessagePort;
  flag: Int32Array;
  receive: (port: MessagePort) => { message: Reply } | undefined;
}
let bridge: Bridge | undefined;
let nextId = 1;

/** THUKY_PG_TRACE=1: each query's time, rows and text on stderr (for measurements). */
const trace = process.env.THUKY_PG_TRACE
  ? (text: string, ms: number, rows: number) =>
      process.stderr.write(`[pg] ${ms.toFixed(1)} ms ${rows} rows (at ${performance.now().toFixed(0)} ms): ${process.env.THUKY_PG_TRACE === 'full' ? text : text.replace(/\s+/g, ' ').slice(0, 160)}\n`)
  : undefined;

/** Round trips so far in this process (for measurements). */
export let roundTrips = 0;

/**
 * The worker thread, started on the first call: a message port for the requests and answers, and a
 * shared flag it raises once an answer is posted, which this thread waits on (Atomics.wait). Neither
 * keeps the process alive.
 */
function startBridge(): Bridge {
  const require = createRequire(import.meta.url);
  const { Worker, MessageChannel, receiveMessageOnPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./pg-worker.mjs', import.meta.url), { workerData: { port: port2, flag }, transferList: [port2] });
  worker.unref();
  port1.unref();
  return { port: port1, flag, receive: receiveMessageOnPort as Bridge['receive'] };
}

/** How long an answer already signalled may take to reach the port, at most. */
const ANSWER_WAIT_MS = 10_000;
let lastSeq = 0;

function send(msg: Record<string, unknown>): Reply {
  bridge ??= startBridge();
  roundTrips++;
  const seq = ++lastSeq;
  Atomics.store(bridge.flag, 0, 0);
  bridge.port.postMessage({ ...msg, seq });
  // Until the worker raises the flag. A wake-up alone does not mean it did: the notify that follows
  // the previous answer's raise can arrive after this request lowered the flag again, and ended this
  // wait at once with the flag still down (the wait below then ran through its budget in no time).
  while (Atomics.load(bridge.flag, 0) === 0) Atomics.wait(bridge.flag, 0, 0);
  // The flag can be seen raised before the answer posted just ahead of it can be taken from the port
  // (seen under load): wait for it a millisecond at a time. Failing instead would leave that answer
  // on the port, to be taken as the answer to the next request, and every one after; an answer to an
  // earlier request (numbered) is never taken for this one.
  let reply: Reply | undefined;
  for (let waited = 0; waited <= ANSWER_WAIT_MS; ) {
    const got = bridge.receive(bridge.port)?.message;
    if (got?.seq === seq) {
      reply = got;
      break;
    }
    if (got) continue;
    Atomics.wait(bridge.flag, 0, 1, 1);
    waited++;
  }
  if (!reply) throw new PgError('the PostgreSQL worker gave no answer', null, null);
  if (reply.error) throw reply.error.code === OWNED_ELSEWHERE ? ownedElsewhere(reply.error.message) : new PgError(reply.error.message, reply.error.code, reply.error.detail);
  return reply;
}

/** The SQLSTATE of a change refused because the row belongs to another office (pg/migrations/010). */
const OWNED_ELSEWHERE = 'THK01';

/**
 * A change to a row another office owns, refused by the server (its message is JSON: table, id,
 * owner, the owner's name): exit 2, nothing written (the transaction rolls back).
 */
function ownedElsewhere(message: string): UsageError {
  let info: { table?: string; id?: number; owner?: number; name?: string | null } = {};
  try {
    info = JSON.parse(message) as typeof info;
  } catch {
    // A message of another shape: the owner stays unnamed.
  }
  const params = { entity: info.table ?? '', id: info.id ?? '' };
  if (info.name) return new UsageError('sync.ownedBy', { ...params, owner: info.name });
  return info.owner === 0 ? new UsageError('sync.ownedByCity', params) : new UsageError('sync.ownedByOffice', { ...params, office: info.owner ?? '' });
}

/** An error from the server, with its SQLSTATE; the codes the store acts on are named as SQLite's. */
export class PgError extends Error {
  readonly code: string;
  constructor(
    message: string,
    readonly sqlState: string | null,
    readonly detail: string | null,
  ) {
    super(message);
    this.code = sqlState === '23503' ? 'SQLITE_CONSTRAINT_FOREIGNKEY' : sqlState === '23505' ? 'SQLITE_CONSTRAINT_UNIQUE' : sqlState?.startsWith('23') ? 'SQLITE_CONSTRAINT' : `PG_${sqlState ?? 'ERROR'}`;
  }
}

/** Every writer takes this lock first, so that writers queue as SQLite's BEGIN IMMEDIATE makes them. */
const WRITE_LOCK = 0x54484b59;

type Args = unknown[];

export class PgDatabase {
  readonly engine = 'postgresql';
  readonly id = nextId++;
  readonly name: string;
  readonly readonly: boolean;
  readonly serverVersion: string;
  open = true;
  /** Rows changed through this connection (SQLite's total_changes()). */
  totalChanges = 0;
  private depth = 0;

  constructor(target: Target, opts: { readonly?: boolean } = {}) {
    this.name = target.shown;
    this.readonly = !!opts.readonly;
    this.serverVersion = send({ op: 'open', id: this.id, url: target.driverUrl, password: target.password, readonly: this.readonly }).serverVersion ?? '';
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs PostgreSQL text as it is (no translation): the PostgreSQL side of a query written twice. */
  query(text: string, values: unknown[] = [], types?: number[]): { columns: string[]; rows: unknown[][]; count: number } {
    this.assertOpen();
    let reply: Reply;
    const started = trace ? performance.now() : 0;
    try {
      reply = send({ op: 'query', id: this.id, text, params: values, types });
      if (trace) trace(text, performance.now() - started, reply.rows?.length ?? 0);
    } catch (err) {
      if (process.env.THUKY_PG_DEBUG && err instanceof Error) err.message += `\n-- in: ${text}`;
      throw err;
    }
    return { columns: reply.columns ?? [], rows: reply.rows ?? [], count: reply.count ?? 0 };
  }

  /** The tables of the schema searched first (SQLite's sqlite_schema), but thuky_meta. */
  tableNames(): string[] {
    return this.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname <> 'thuky_meta' ORDER BY c.relname`,
    ).rows.map((r) => r[0] as string);
  }

  prepare(sql: string): PgStatement {
    this.assertOpen();
    return new PgStatement(this, sql);
  }

  /** Several statements, no parameters (SQLite's text, translated). */
  exec(sql: string): this {
    this.assertOpen();
    send({ op: 'exec', id: this.id, text: translate(sql).text });
    return this;
  }

  /** PostgreSQL text as it is, several statements allowed. */
  execNative(text: string): void {
    this.assertOpen();
    send({ op: 'exec', id: this.id, text });
  }

  transaction<T>(fn: () => T): { (): T; immediate(): T; deferred(): T; exclusive(): T } {
    const run = (write: boolean) => (): T => {
      const outer = this.depth === 0;
      const savepoint = `thuky_sp_${this.depth}`;
      if (outer) {
        this.execNative('BEGIN');
        if (write && !this.readonly) this.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      } else this.execNative(`SAVEPOINT ${savepoint}`);
      this.depth++;
      try {
        const result = fn();
        this.depth--;
        this.execNative(outer ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (err) {
        this.depth--;
        try {
          this.execNative(outer ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}`);
        } catch {
          // The connection is gone: the server rolled back.
        }
        throw err;
      }
    };
    const deferred = run(false);
    return Object.assign(deferred, { deferred, immediate: run(true), exclusive: run(true) });
  }

  /** The pragmas thuky uses, answered as SQLite would for a thuky database (see pg/pragmas.ts). */
  pragma(source: string, opts: { simple?: boolean } = {}): unknown {
    this.assertOpen();
    // Loaded here so that the module graph stays one-way.
    return pragmaHandler!(this, source, opts);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      send({ op: 'close', id: this.id });
    } catch {
      // Already closed by the server.
    }
  }

  private assertOpen() {
    if (!this.open) throw new TypeError('The database connection is not open');
  }
}

type PragmaHandler = (db: PgDatabase, source: string, opts: { simple?: boolean }) => unknown;
let pragmaHandler: PragmaHandler | undefined;
export function setPragmaHandler(handler: PragmaHandler): void {
  pragmaHandler = handler;
}

/** Statements answered without the server. */
const LOCAL: Record<string, (db: PgDatabase) => Record<string, unknown>> = {
  'SELECT total_changes() AS n': (db) => ({ n: db.totalChanges }),
};

export class PgStatement {
  private readonly translated: Translated;
  private plucking = false;
  private rawRows = false;
  readonly reader: boolean;

  constructor(
    readonly database: PgDatabase,
    readonly source: string,
  ) {
    this.translated = translate(source);
    this.reader = /^\s*(select|with|values)\b/i.test(source) || /\breturning\b/i.test(source);
  }

  pluck(toggle = true): this {
    this.plucking = toggle;
    return this;
  }

  raw(toggle = true): this {
    this.rawRows = toggle;
    return this;
  }

  run(...args: Args): { changes: number; lastInsertRowid: number } {
    const r = this.execute(args);
    if (!this.reader) this.database.totalChanges += r.count;
    const lastRow = r.rows[r.rows.length - 1];
    return { changes: r.count, lastInsertRowid: this.translated.returnsId && lastRow ? Number(lastRow[0]) : 0 };
  }

  get(...args: Args): unknown {
    const local = LOCAL[this.source];
    if (local) return local(this.database);
    const r = this.execute(args);
    return r.rows.length ? this.shape(r.columns, r.rows[0]) : undefined;
  }

  all(...args: Args): unknown[] {
    const r = this.execute(args);
    return r.rows.map((row) => this.shape(r.columns, row));
  }

  *iterate(...args: Args): Generator<unknown> {
    yield* this.all(...args);
  }

  private shape(columns: string[], row: unknown[]): unknown {
    if (this.plucking) return row[0];
    if (this.rawRows) return row;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) o[columns[i]] = row[i];
    return o;
  }

  private execute(args: Args) {
    const { values, types } = bindValues(this.translated, args);
    return this.database.query(this.translated.text, values, types);
  }
}

/** better-sqlite3's binding: positional values in order, named ones from an object. */
function bindValues(t: Translated, args: Args): { values: unknown[]; types: number[] } {
  const positional: unknown[] = [];
  let named: Record<string, unknown> | undefined;
  for (const a of args) {
    if (a !== null && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Uint8Array)) named = { ...named, ...(a as Record<string, unknown>) };
    else positional.push(a);
  }
  const types = t.params.map(() => 0);
  const values = t.params.map((p, i) => {
    let v = p.kind === 'positional' ? positional[p.index] : named?.[p.name];
    if (v === undefined) {
      if (p.kind === 'named' && (!named || !(p.name in named))) throw new RangeError(`Missing named parameter "${p.name}"`);
      v = null;
    }
    // Text is sent as text; numbers leave their type to the server, except where the statement alone
    // cannot tell it (`@x IS NULL OR …`).
    if (typeof v === 'string') types[i] = 25;
    else if (t.nullTested.includes(i + 1)) types[i] = v === null ? 25 : typeof v === 'number' ? (Number.isInteger(v) ? 20 : 701) : 0;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'boolean') return v ? 1 : 0;
    return v;
  });
  for (const n of t.limitParams) if (typeof values[n - 1] === 'number' && (values[n - 1] as number) < 0) values[n - 1] = null;
  return { values, types };
}

/** Whether a connection is PostgreSQL's (the store's functions otherwise see a better-sqlite3 handle). */
export function isPostgres(db: unknown): db is PgDatabase {
  return db instanceof PgDatabase;
}

/** A command that does not work on PostgreSQL yet says so (exit 1) rather than half-working. */
export function refuseOnPostgres(db: unknown, command: string): void {
  if (db instanceof PgDatabase) throw new RuntimeError('pg.unsupported', { command, path: db.name });
}
