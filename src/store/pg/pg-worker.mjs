// The PostgreSQL side of the synchronous bridge (see database.ts): a worker thread holding the
// connections. Each request comes on the port of workerData; its answer is posted back, then the
// shared flag raised, which the waiting main thread watches. Plain JavaScript, so that it runs as it is from the sources and
// from dist/ alike. Integers (int8, numeric) come back as numbers and booleans as 1/0, as SQLite
// gives them; json as its text.
import postgres from 'postgres';
import { workerData } from 'node:worker_threads';

const connections = new Map();

const asNumber = (x) => Number(x);

function options(config) {
  return {
    max: 1,
    idle_timeout: 0,
    connect_timeout: 10,
    onnotice: () => {},
    prepare: true,
    fetch_types: false,
    connection: { application_name: 'thuky', ...(config.readonly ? { default_transaction_read_only: 'on' } : {}) },
    ...(config.password !== undefined ? { password: config.password } : {}),
    types: {
      int8: { to: 20, from: [20, 1700], serialize: (x) => String(x), parse: asNumber },
      bool: { to: 16, from: [16], serialize: (x) => (x ? 't' : 'f'), parse: (x) => (x === 't' ? 1 : 0) },
      json: { to: 114, from: [114, 3802], serialize: (x) => (typeof x === 'string' ? x : JSON.stringify(x)), parse: (x) => x },
    },
  };
}

/**
 * The rows as they cross to the main thread (a structured clone). The driver's bytea values are
 * views into shared 8 KiB slabs, and a view is cloned with its whole buffer: each is copied into
 * one buffer for all of them first, so that 10,000 JSON items cost their own bytes, not 80 MB.
 */
function compact(result) {
  const rows = Array.from(result);
  let bytes = 0;
  for (const row of rows) for (const v of row) if (v instanceof Uint8Array) bytes += v.byteLength;
  if (!bytes) return rows;
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const row of rows)
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (!(v instanceof Uint8Array)) continue;
      all.set(v, at);
      row[i] = all.subarray(at, at + v.byteLength);
      at += v.byteLength;
    }
  return rows;
}

function failure(err) {
  // The driver's own message; never the connection string (it may hold a password).
  return { error: { message: err?.message ?? String(err), code: err?.code ?? null, detail: err?.detail ?? null } };
}

async function handle(msg) {
  try {
    switch (msg.op) {
      case 'open': {
        const sql = postgres(msg.url, options(msg));
        try {
          const [row] = await sql.unsafe('SELECT current_setting($1) AS v', ['server_version']);
          connections.set(msg.id, sql);
          return { serverVersion: row.v };
        } catch (err) {
          await sql.end({ timeout: 0 }).catch(() => {});
          throw err;
        }
      }
      case 'query': {
        const sql = connections.get(msg.id);
        const params = msg.types ? msg.params.map((v, i) => (msg.types[i] && v !== null ? sql.typed(v, msg.types[i]) : msg.types[i] ? sql.typed(null, msg.types[i]) : v)) : msg.params;
        const result = await sql.unsafe(msg.text, params).values();
        return { columns: (result.columns ?? []).map((c) => c.name), rows: compact(result), count: result.count ?? 0 };
      }
      case 'exec': {
        const sql = connections.get(msg.id);
        await sql.unsafe(msg.text).simple();
        return {};
      }
      case 'close': {
        const sql = connections.get(msg.id);
        connections.delete(msg.id);
        if (sql) await sql.end({ timeout: 2 });
        return {};
      }
      case 'ping':
        return {};
      default:
        return failure(new Error(`unknown operation ${msg.op}`));
    }
  } catch (err) {
    return failure(err);
  }
}

const { port, flag } = workerData;
// Requests come one at a time (the main thread waits for each answer).
port.on('message', async (msg) => {
  let reply;
  try {
    reply = await handle(msg);
  } catch (err) {
    reply = failure(err);
  }
  port.postMessage({ ...reply, seq: msg.seq });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});

