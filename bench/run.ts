/**
 * The benchmark runner: times each command as a whole process (what a user or a cron job pays),
 * side by side with the floors (`node -e 0`, the sqlite3 shell running the same overdue query) and
 * the peer (Taskwarrior's `task overdue` on the same tasks), in interleaved rounds after a warm-up,
 * and writes bench/results.md.
 *
 *   npm run bench -- --scale city --db /tmp/city.db [--runs 7] [--warmup 1] [--out bench/results.md]
 *                    [--only overdue-json,help] [--no-taskwarrior] [--profile[=id,id]] [--no-write] [--no-snapshot]
 *                    [--slow 20] (seconds: slower commands are timed once) [--timeout 300] (seconds: killed)
 *                    [--engine postgresql --pg URL [--pg-copy]]
 *
 * --engine postgresql also times the reports on a PostgreSQL copy of the same database (URL: a
 * database `thuky db copy` filled from --db, or an empty one with --pg-copy, which copies it first,
 * timed once; `node bench/pg-server.mjs` starts a local server and prints its URL), beside SQLite
 * in the same rounds, and writes the section `<scale>-postgresql`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryDatabase, openDatabase } from '../src/store/db.js';
import { withoutPassword } from '../src/store/pg/url.js';
import { parseArgs, readMeta, writePeopleXlsx, type BenchMeta } from './gen.js';

/** The project folder: the one bench/tsrun.mjs ran from, else the nearest parent holding the package.json of thuky (the bundle runs from node_modules/.cache). */
function findRoot(): string {
  if (process.env.THUKY_BENCH_ROOT) return process.env.THUKY_BENCH_ROOT;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'thuky') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the thuky project folder');
}
const ROOT = findRoot();
/** The binary measured: by default a snapshot of bin/ and dist/ taken at start, so that a rebuild by someone else mid-run cannot break or change it. */
let BIN = join(ROOT, 'bin', 'thuky.js');
const NODE = process.execPath;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

interface Sample {
  ms: number;
  rssKb: number | null;
  code: number;
}

interface Cmd {
  id: string;
  /** As shown in the table. */
  label: string;
  group: 'thuky' | 'floor' | 'peer';
  file: string;
  args: string[];
  env?: Record<string, string>;
  /** Untimed preparation before every run (a fresh copy of the database for imports). */
  beforeEach?: () => void;
  /** Expected exit codes (default 0). */
  okCodes?: number[];
  /** A report: its peak memory is held to the memory budget. */
  report?: boolean;
  /** For a thuky command: the command path checked with --help before measuring. */
  path?: string[];
  status: 'ok' | 'missing' | 'error' | 'skipped' | 'once';
  note?: string;
  samples: Sample[];
  /** Rows of output, where the runner can count them (to show both sides did the same work). */
  rows?: number;
  countRows?: (stdout: string) => number | undefined;
}

interface Stats {
  median: number;
  min: number;
  max: number;
  rssMb: number | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function stats(c: Cmd): Stats | undefined {
  if ((c.status !== 'ok' && c.status !== 'once') || !c.samples.length) return undefined;
  const ms = c.samples.map((s) => s.ms);
  const rss = c.samples.map((s) => s.rssKb).filter((x): x is number => x !== null);
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), rssMb: rss.length ? Math.max(...rss) / 1024 : null };
}

/** The largest array in a JSON document (the rows of a report, whatever the envelope). */
function jsonRows(stdout: string): number | undefined {
  try {
    const doc = JSON.parse(stdout) as unknown;
    if (Array.isArray(doc)) return doc.length;
    if (doc && typeof doc === 'object') {
      const arrays = Object.values(doc).filter(Array.isArray) as unknown[][];
      if (arrays.length) return Math.max(...arrays.map((a) => a.length));
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}

const lines = (stdout: string) => stdout.split('\n').filter((l) => l.trim()).length;

/** Waits for dirty pages to reach the disk (sync(1)), where that command exists. */
function settle(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}

class Runner {
  readonly work: string;
  private readonly outFile: string;
  private readonly errFile: string;
  private readonly rssFile: string;

  constructor() {
    this.work = mkdtempSync(join(tmpdir(), 'thuky-bench-'));
    this.outFile = join(this.work, 'stdout');
    this.errFile = join(this.work, 'stderr');
    this.rssFile = join(this.work, 'rss');
  }

  /** One timed run: the wall time of the whole process, and its peak RSS from /usr/bin/time. */
  timeoutMs = 300_000;

  once(c: Cmd): Sample & { stdout: string; stderr: string } {
    const out = openSync(this.outFile, 'w');
    const err = openSync(this.errFile, 'w');
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.work, LANG: 'C.UTF-8', NO_COLOR: '1', ...c.env };
    const [file, args] = TIME ? [TIME, ['-f', '%M', '-o', this.rssFile, c.file, ...c.args]] : [c.file, c.args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(file, args, { stdio: ['ignore', out, err], env, cwd: this.work, timeout: this.timeoutMs, killSignal: 'SIGKILL' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    closeSync(out);
    closeSync(err);
    let rssKb: number | null = null;
    if (TIME && existsSync(this.rssFile)) {
      const last = readFileSync(this.rssFile, 'utf8').trim().split('\n').pop() ?? '';
      rssKb = /^\d+$/.test(last) ? Number(last) : null;
    }
    return { ms, rssKb, code: r.status ?? (r.signal ? -9 : -1), stdout: readFileSync(this.outFile, 'utf8'), stderr: readFileSync(this.errFile, 'utf8') };
  }

  cleanup() {
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** Whether `thuky <path…>` exists in the built binary: its --help names it on the first (usage) line. */
function commandExists(path: string[]): boolean {
  const r = spawnSync(NODE, [BIN, ...path, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  // The heading is translated ("Usage:", "Cách dùng:"); the command path after it is not.
  const first = r.stdout.split('\n').find((l) => l.trim()) ?? '';
  return r.status === 0 && new RegExp(`:\\s+thuky ${path.join(' ')}( |$)`).test(first);
}

/** The server's version line, as `thuky db info` shows it (the password never reaches the results). */
function pgServerVersion(bin: string, url: string): string {
  const r = spawnSync(NODE, [bin, 'db', 'info', '--json', '--db', url], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  try {
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    return `PostgreSQL ${String(info.serverVersion ?? info.version ?? '?')} (${withoutPassword(url)})`;
  } catch {
    return `unknown (${withoutPassword(url)})`;
  }
}

/** Copies bin/, dist/ and package.json (node_modules and data/ linked) and checks that the copy runs. */
async function snapshot(dir: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      if (existsSync(join(ROOT, 'data'))) symlinkSync(join(ROOT, 'data'), join(dir, 'data'));
      if (spawnSync(NODE, [join(dir, 'bin', 'thuky.js'), '--version']).status === 0) return dir;
    } catch {
      /* dist/ was being rebuilt: try again */
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return undefined;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The overdue query the sqlite3 shell runs: the same rows `thuky overdue` lists. */
function overdueSql(asOf: string): string {
  return `SELECT t.id, t.kind, u.name AS unit, t.title, t.start_on AS start, t.due_on AS due,
  CAST(julianday('${asOf}') - julianday(t.due_on) AS INTEGER) AS days_overdue
FROM task t JOIN unit u ON u.id = t.unit_id
WHERE t.done_on IS NULL AND t.cancelled_on IS NULL AND t.due_on < '${asOf}'
ORDER BY t.due_on, u.name, t.id;`;
}

/** Every task in the order `task list` gives, written as it writes it (through task_due_order): the floor for a whole listing read from this file. */
function allTasksSql(): string {
  return `SELECT t.id, t.kind, u.name AS unit, t.title, t.start_on, t.due_on, t.done_on, t.cancelled_on, t.percent
FROM task t JOIN unit u ON u.id = t.unit_id ORDER BY coalesce(t.due_on, '9999-99-99'), t.id;`;
}

/**
 * Exports the tasks to Taskwarrior's JSON import format, with dates shifted so that the as-of day
 * falls on today (Taskwarrior has no --as-of: its "overdue" is relative to now), and imports them
 * into a Taskwarrior data folder kept between runs of the same database.
 */
function prepareTaskwarrior(dbPath: string, asOf: string, log: (s: string) => void): { env: Record<string, string>; tasks: number; overdue: number; seconds: number } | string {
  const which = spawnSync('task', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) return 'not installed';
  const today = new Date().toISOString().slice(0, 10);
  const DAY = 86_400_000;
  const offset = Math.round((Date.parse(today) - Date.parse(asOf)) / DAY);
  const st = statSync(dbPath);
  const key = createHash('sha1').update(`${dbPath}|${st.size}|${st.mtimeMs}|${offset}`).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `thuky-bench-task-${key}`);
  const env = { TASKRC: join(dir, 'taskrc'), TASKDATA: join(dir, 'data'), TZ: 'UTC' };
  const count = () => Number(execFileSync('task', ['+OVERDUE', 'count'], { env: { ...process.env, ...env }, encoding: 'utf8' }).trim());
  if (existsSync(join(dir, 'ready'))) {
    return { env, tasks: Number(readFileSync(join(dir, 'ready'), 'utf8')), overdue: count(), seconds: 0 };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(env.TASKRC, `data.location=${env.TASKDATA}\nconfirmation=off\nhooks=off\nnews.version=${which.stdout.trim()}\n`);
  // A task due on day D is on time through the whole of D: Taskwarrior counts `due < now`, so dues are kept at 23:59:59.
  const shift = (d: string, time = '000000') => {
    const s = new Date(Date.parse(d) + offset * DAY).toISOString();
    return `${s.slice(0, 4)}${s.slice(5, 7)}${s.slice(8, 10)}T${time}Z`;
  };
  const db = openDatabase(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT t.id, t.kind, t.title, t.start_on, t.due_on, t.done_on, t.cancelled_on, u.code
         FROM task t JOIN unit u ON u.id = t.unit_id ORDER BY t.id`,
    )
    .iterate() as IterableIterator<{ id: number; kind: string; title: string; start_on: string; due_on: string | null; done_on: string | null; cancelled_on: string | null; code: string | null }>;
  const file = join(dir, 'tasks.json');
  const fd = openSync(file, 'w');
  let n = 0;
  let buf: string[] = [];
  for (const t of rows) {
    const end = t.done_on ?? t.cancelled_on;
    const o: Record<string, unknown> = {
      uuid: `00000000-0000-4000-8000-${t.id.toString(16).padStart(12, '0')}`,
      description: t.title,
      entry: shift(t.start_on),
      status: t.cancelled_on ? 'deleted' : t.done_on ? 'completed' : 'pending',
      project: t.code ?? `U${t.id}`,
      modified: shift(end ?? t.start_on),
    };
    if (t.due_on) o.due = shift(t.due_on, '235959');
    if (end) o.end = shift(end);
    if (t.kind === 'breakthrough') o.tags = ['breakthrough'];
    buf.push(JSON.stringify(o));
    n++;
    if (buf.length >= 10_000) {
      writeFileSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length) writeFileSync(fd, `${buf.join('\n')}\n`);
  closeSync(fd);
  db.close();
  log(`  importing ${n.toLocaleString('en')} tasks into Taskwarrior (once per database; dates shifted by ${offset} days so that ${asOf} is today)…`);
  const t0 = Date.now();
  const imp = spawnSync('task', ['import', file], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (imp.status !== 0) return `import failed: ${(imp.stderr || imp.stdout).split('\n')[0]}`;
  // The first command after an import moves completed and deleted tasks out of pending.data (gc).
  spawnSync('task', ['gc'], { env: { ...process.env, ...env } });
  const seconds = (Date.now() - t0) / 1000;
  writeFileSync(join(dir, 'ready'), String(n));
  return { env, tasks: n, overdue: count(), seconds };
}

/** A CSV of plans for the year after the data: members whose name is unique in their unit (the import matches by unit + name). */
function writePlanCsv(dbPath: string, file: string, year: number, lines: number): number {
  const db = openDatabase(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT u.code AS unit, min(p.full_name) AS name
         FROM person p JOIN unit u ON u.id = p.unit_id
        WHERE u.kind IN ('ward','commune') AND p.active = 1
        GROUP BY p.unit_id, p.name_folded HAVING count(*) = 1 AND max(p.is_member) = 1
        ORDER BY min(p.id) LIMIT ?`,
    )
    .all(lines) as { unit: string; name: string }[];
  db.close();
  const out = ['Họ và tên,Đơn vị,Ngày nộp,Nội dung'];
  rows.forEach((r, i) => {
    const day = 2 + (i % 27);
    const month = 1 + (i % 3);
    out.push(`${r.name},${r.unit},${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year},"Đăng ký làm theo: nêu gương, hoàn thành nhiệm vụ"`);
  });
  writeFileSync(file, `\uFEFF${out.join('\r\n')}\r\n`);
  return rows.length;
}

/** A decoded source map: maps a (line, column) of the bundle to its source file and line. */
class SourceMap {
  private readonly lines: number[][][] = [];
  private readonly sources: string[];
  private readonly names: string[];

  constructor(file: string) {
    const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; names: string[]; mappings: string };
    this.sources = map.sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
    this.names = map.names;
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let src = 0;
    let srcLine = 0;
    let srcCol = 0;
    let name = 0;
    for (const line of map.mappings.split(';')) {
      const segs: number[][] = [];
      let col = 0;
      for (const seg of line.split(',')) {
        if (!seg) continue;
        const vals: number[] = [];
        let v = 0;
        let shift = 0;
        for (const ch of seg) {
          const d = B64.indexOf(ch);
          v += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            vals.push(v & 1 ? -(v >>> 1) : v >>> 1);
            v = 0;
            shift = 0;
          }
        }
        col += vals[0];
        if (vals.length >= 4) {
          src += vals[1];
          srcLine += vals[2];
          srcCol += vals[3];
          if (vals.length >= 5) name += vals[4];
          segs.push([col, src, srcLine, vals.length >= 5 ? name : -1]);
        }
      }
      this.lines.push(segs);
    }
  }

  /** "name src/file.ts:line" for a 0-based position in the bundle. */
  lookup(line: number, column: number): { file: string; line: number; name?: string } | undefined {
    const segs = this.lines[line];
    if (!segs?.length) return undefined;
    let lo = 0;
    let hi = segs.length - 1;
    if (segs[0][0] > column) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid][0] <= column) lo = mid;
      else hi = mid - 1;
    }
    const [, src, srcLine, name] = segs[lo];
    return { file: this.sources[src], line: srcLine + 1, name: name >= 0 ? this.names[name] : undefined };
  }
}

/** Summarises a V8 CPU profile: self time by function and by file, bundle positions mapped back to src/ through the source map. */
export function summariseProfile(file: string, top = 12): string[] {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (path: string) => {
    if (!maps.has(path)) maps.set(path, existsSync(`${path}.map`) ? new SourceMap(`${path}.map`) : undefined);
    return maps.get(path);
  };
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const n = byId.get(id)!;
    let url = n.callFrame.url.replace(/^file:\/\//, '');
    let fn = `${n.callFrame.functionName || '(anonymous)'}${url ? ` ${url.replace(`${ROOT}/`, '').replace(`${dirname(dirname(BIN))}/`, '')}:${n.callFrame.lineNumber + 1}` : ''}`;
    const map = url.endsWith('.cjs') || url.endsWith('.js') ? mapOf(url) : undefined;
    const pos = map?.lookup(n.callFrame.lineNumber, n.callFrame.columnNumber);
    if (pos) {
      url = pos.file;
      fn = `${pos.name ?? n.callFrame.functionName ?? '(anonymous)'} ${pos.file}:${pos.line}`;
    } else url = url.replace(`${ROOT}/`, '').replace(`${dirname(dirname(BIN))}/`, '');
    self.set(fn, (self.get(fn) ?? 0) + dt);
    const f = url || n.callFrame.functionName;
    byFile.set(f, (byFile.get(f) ?? 0) + dt);
  });
  const fmt = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
  return [`  profiled ${total.toFixed(0)} ms; self time by function:`, ...fmt(self), '  by file:', ...fmt(byFile).slice(0, 8)];
}

interface Budget {
  what: string;
  limit: string;
  /** measured value as text, and whether it is met; undefined when a side is missing. */
  eval: () => { value: string; met: boolean } | undefined;
  /** The command whose profile explains a miss. */
  cmd?: string;
}

function versions(dbPath: string): Record<string, string> {
  const tryRun = (file: string, args: string[]) => {
    const r = spawnSync(file, args, { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim().split('\n')[0] : 'not installed';
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'bin', 'scripts'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes in src/';
  } catch {
    /* not a git checkout */
  }
  const db = openDatabase(dbPath, { readonly: true });
  const sqliteLib = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  const cpu = cpus();
  let os = 'unknown';
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    /* not Linux */
  }
  return {
    machine: `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    os: `${os}, kernel ${release()}`,
    node: process.version,
    thuky: `${pkg.version} (commit ${commit})`,
    'better-sqlite3': `${pkg.dependencies['better-sqlite3']} (SQLite ${sqliteLib})`,
    sqlite3: tryRun('sqlite3', ['--version']).split(' ').slice(0, 2).join(' '),
    taskwarrior: tryRun('task', ['--version']),
    timer: TIME ? 'wall time around spawnSync of `/usr/bin/time -f %M` (peak RSS of the child)' : 'wall time around spawnSync (no /usr/bin/time: no RSS)',
  };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.db) {
    process.stderr.write('usage: npm run bench -- --db FILE [--scale city] [--runs 7] [--warmup 1] [--out bench/results.md] [--only id,id] [--no-taskwarrior] [--profile] [--no-write]\n');
    return 2;
  }
  const dbPath = resolve(args.db);
  if (!existsSync(dbPath)) {
    process.stderr.write(`no database at ${dbPath}: make one with npm run bench:gen -- --scale ${args.scale ?? 'city'} --out ${args.db}\n`);
    return 2;
  }
  if (spawnSync(NODE, [BIN, '--version']).status !== 0) {
    process.stderr.write(`${BIN} --version fails: run npm run build first\n`);
    return 2;
  }
  const meta: BenchMeta | undefined = (() => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      return readMeta(db);
    } finally {
      db.close();
    }
  })();
  if (!meta) {
    process.stderr.write(`${dbPath} was not made by bench:gen (no change_log entry 'bench')\n`);
    return 2;
  }
  if (args.scale && args.scale !== meta.scale) {
    process.stderr.write(`${dbPath} holds the ${meta.scale} scale, not ${args.scale}\n`);
    return 2;
  }
  // A database generated before a schema change would measure yesterday's indexes: say so.
  const schemaDrift = (() => {
    const shape = (db: ReturnType<typeof memoryDatabase>) =>
      new Map((db.prepare(`SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL`).all() as { name: string; sql: string }[]).map((r) => [r.name, r.sql]));
    const fresh = memoryDatabase();
    const file = openDatabase(dbPath, { readonly: true });
    const a = shape(fresh);
    const b = shape(file);
    fresh.close();
    file.close();
    return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
  })();
  if (schemaDrift.length && !args['allow-drift']) {
    process.stderr.write(`${dbPath} differs from the current schema in: ${schemaDrift.join(', ')}\nregenerate it with npm run bench:gen (or pass --allow-drift)\n`);
    return 2;
  }
  const engine = args.engine ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgresql') {
    process.stderr.write(`--engine takes sqlite or postgresql, not ${engine}\n`);
    return 2;
  }
  const pgUrl = engine === 'postgresql' ? args.pg : undefined;
  if (engine === 'postgresql' && !pgUrl?.startsWith('postgres')) {
    process.stderr.write('--engine postgresql needs --pg postgresql://… (node bench/pg-server.mjs starts a server and prints one)\n');
    return 2;
  }
  const runs = Number(args.runs ?? 7);
  const slowMs = Number(args.slow ?? 20) * 1000;
  const warmup = Number(args.warmup ?? 1);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const runner = new Runner();
  runner.timeoutMs = Number(args.timeout ?? 300) * 1000;
  if (!args['no-snapshot']) {
    const app = await snapshot(join(runner.work, 'app'));
    if (!app) {
      process.stderr.write('could not take a working snapshot of bin/ and dist/: run npm run build\n');
      return 2;
    }
    BIN = join(app, 'bin', 'thuky.js');
  }
  const year = meta.year;
  const asOf = ddmmyyyy(meta.asOf);
  const only = args.only ? new Set(args.only.split(',')) : null;

  // Inputs for the commands that need them.
  const ro = openDatabase(dbPath, { readonly: true });
  const meeting = ro.prepare(`SELECT meeting_id AS id, count(*) AS n FROM speech GROUP BY meeting_id ORDER BY n DESC, meeting_id LIMIT 1`).get() as { id: number; n: number };
  const unitCode = (ro.prepare(`SELECT code FROM unit WHERE kind IN ('ward','commune') ORDER BY id LIMIT 1`).get() as { code: string }).code;
  const sqlOverdue = (ro.prepare(`SELECT count(*) AS n FROM task WHERE done_on IS NULL AND cancelled_on IS NULL AND due_on < ?`).get(meta.asOf) as { n: number }).n;
  ro.close();
  const addCopy = join(runner.work, 'task-add.db');
  const importCopy = join(runner.work, 'plan-import.db');
  const csv = join(runner.work, 'plans.csv');
  const csvLines = writePlanCsv(dbPath, csv, year + 1, 100_000);
  // The imports of issue 14: the whole official list into an empty database, and 100,000 people from an .xlsx.
  const wants = (id: string) => !only || only.has(id);
  const officialTemplate = join(runner.work, 'empty.db');
  const officialCopy = join(runner.work, 'official.db');
  if (wants('unit-import-official')) spawnSync(NODE, [BIN, 'init', '--db', officialTemplate], { stdio: 'ignore', env: { ...process.env, HOME: runner.work } });
  const personCopy = join(runner.work, 'person-import.db');
  const peopleXlsx = join(runner.work, 'people.xlsx');
  const peopleRows = wants('person-import') ? await writePeopleXlsx(dbPath, peopleXlsx, 100_000) : 0;
  const freshCopy = (from: string, to: string) => () => {
    for (const s of ['-wal', '-shm']) rmSync(to + s, { force: true });
    copyFileSync(from, to);
  };
  log(`bench ${meta.scale}: ${dbPath} (${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB), as of ${asOf}, ${runs} runs after ${warmup} warm-up, work dir ${runner.work}`);

  const thuky = (id: string, label: string, path: string[], rest: string[], extra: Partial<Cmd> = {}): Cmd => ({
    id, label, group: 'thuky', file: NODE, args: [BIN, ...path, ...rest], path, status: 'ok', samples: [], ...extra,
  });
  // Time to the first row: the listing in a pipe to `head`, which exits once it has the first row (thuky then ends
  // quietly at its next write). Compact JSON is one line: its first row is in its first 1,000 bytes; TSV's first
  // line is the header, its first row the second line.
  const firstRow = (id: string, label: string, args: string[]): Cmd => {
    const head = args.includes('--json') ? 'head -c 1000' : 'head -n 2';
    return {
      id, label: `thuky ${label} | ${head}`, group: 'thuky', file: 'sh', args: ['-c', `"$0" "$@" | ${head}`, NODE, BIN, ...args, '--db', dbPath],
      path: args.filter((a) => !a.startsWith('-')).slice(0, 2), status: 'ok', samples: [],
    };
  };
  const all: Cmd[] = [
    { id: 'node', label: 'node -e 0', group: 'floor', file: NODE, args: ['-e', '0'], status: 'ok', samples: [] },
    thuky('help', 'thuky --help', [], ['--help']),
    thuky('overdue-json', 'thuky overdue --json', ['overdue'], ['--json', '--as-of', asOf, '--db', dbPath], { report: true, countRows: jsonRows }),
    thuky('overdue-text', 'thuky overdue --format text', ['overdue'], ['--format', 'text', '--as-of', asOf, '--db', dbPath], { report: true }),
    thuky('task-list', 'thuky task list --status overdue --json', ['task', 'list'], ['--status', 'overdue', '--json', '--as-of', asOf, '--db', dbPath], { report: true, countRows: jsonRows }),
    thuky('report-tasks', `thuky report tasks --period ${year}`, ['report', 'tasks'], ['--period', String(year), '--as-of', asOf, '--db', dbPath], { report: true }),
    thuky('report-compliance', `thuky report compliance --year ${year}`, ['report', 'compliance'], ['--year', String(year), '--as-of', asOf, '--db', dbPath], { report: true }),
    thuky('meeting-show', `thuky meeting show ${meeting.id} (${meeting.n} speeches)`, ['meeting', 'show'], [String(meeting.id), '--db', dbPath], { report: true }),
    thuky('task-add', 'thuky task add (copy of the db)', ['task', 'add'], ['Nộp báo cáo kết quả thực hiện', '--unit', unitCode, '--due', `31/01/${year + 1}`, '--start', asOf, '--db', addCopy], {
      beforeEach: () => existsSync(addCopy) || copyFileSync(dbPath, addCopy),
    }),
    thuky('plan-import', `thuky plan import (${csvLines.toLocaleString('en')} lines, fresh copy each run)`, ['plan', 'import'], [csv, '--year', String(year + 1), '--db', importCopy], {
      beforeEach: () => {
        for (const s of ['-wal', '-shm']) rmSync(importCopy + s, { force: true });
        copyFileSync(dbPath, importCopy);
      },
    }),
    thuky('unit-import-official', 'thuky unit import --official (whole country, empty database each run)', ['unit', 'import'], ['--official', '--db', officialCopy], {
      beforeEach: freshCopy(officialTemplate, officialCopy),
    }),
    thuky('person-import', `thuky person import (${peopleRows.toLocaleString('en')} rows from .xlsx, fresh copy each run)`, ['person', 'import'], [peopleXlsx, '--db', personCopy], {
      beforeEach: freshCopy(dbPath, personCopy),
    }),
    // A TAB in the shell: units by an accent-free word, people by the start of their name (300,000 at city scale).
    thuky('complete-unit', 'thuky __complete (--unit phuong)', [], ['__complete', 'bash', '--', '--db', dbPath, 'task', 'add', 'x', '--unit', 'phuong']),
    thuky('complete-person', 'thuky __complete (--chair nguyen)', [], ['__complete', 'bash', '--', '--db', dbPath, 'meeting', 'add', '--chair', 'nguyen']),
    // Whole listings at city scale (second round): every task, every person, a year's plans.
    thuky('task-list-json', 'thuky task list --json (all tasks)', ['task', 'list'], ['--json', '--as-of', asOf, '--db', dbPath], { report: true, countRows: jsonRows }),
    thuky('task-list-tsv', 'thuky task list --format tsv (all tasks)', ['task', 'list'], ['--format', 'tsv', '--as-of', asOf, '--db', dbPath], { report: true, countRows: (s) => lines(s) - 1 }),
    thuky('person-list-json', 'thuky person list --json', ['person', 'list'], ['--json', '--db', dbPath], { report: true, countRows: jsonRows }),
    thuky('plan-list-json', `thuky plan list --year ${year} --json`, ['plan', 'list'], ['--year', String(year), '--json', '--db', dbPath], { report: true, countRows: jsonRows }),
    firstRow('first-row-task', 'task list --json', ['task', 'list', '--json', '--as-of', asOf]),
    firstRow('first-row-task-tsv', 'task list --format tsv', ['task', 'list', '--format', 'tsv', '--as-of', asOf]),
    firstRow('first-row-person', 'person list --json', ['person', 'list', '--json']),
    firstRow('first-row-plan', `plan list --year ${year} --json`, ['plan', 'list', '--year', String(year), '--json']),
    thuky('task-list-xlsx', 'thuky task list --format xlsx (all tasks, to a file)', ['task', 'list'], ['--format', 'xlsx', '--out', join(runner.work, 'tasks.xlsx'), '--force', '--as-of', asOf, '--db', dbPath]),
    thuky('report-compliance-docx', `thuky report compliance --year ${year} --format docx`, ['report', 'compliance'], ['--year', String(year), '--format', 'docx', '--out', join(runner.work, 'compliance.docx'), '--force', '--as-of', asOf, '--db', dbPath], { report: true }),
    { id: 'sqlite3-tasks', label: 'sqlite3 shell, every task (-json, same order)', group: 'floor', file: 'sqlite3', args: ['-readonly', '-json', dbPath, allTasksSql()], status: 'ok', samples: [] },
    { id: 'sqlite3', label: 'sqlite3 shell, same overdue query (-json)', group: 'floor', file: 'sqlite3', args: ['-readonly', '-json', dbPath, overdueSql(meta.asOf)], status: 'ok', samples: [], countRows: jsonRows },
    { id: 'taskwarrior', label: 'Taskwarrior task overdue', group: 'peer', file: 'task', args: ['overdue'], status: 'ok', samples: [] },
  ];
  // The same reports on PostgreSQL (a copy of the same data), in the same rounds as SQLite's.
  const onPg = (id: string, label: string, path: string[], rest: string[], extra: Partial<Cmd> = {}): Cmd =>
    thuky(`pg-${id}`, `PostgreSQL: ${label}`, path, [...rest, '--db', pgUrl!], extra);
  if (pgUrl)
    all.push(
      onPg('overdue-json', 'thuky overdue --json', ['overdue'], ['--json', '--as-of', asOf], { report: true, countRows: jsonRows }),
      onPg('overdue-text', 'thuky overdue --format text', ['overdue'], ['--format', 'text', '--as-of', asOf], { report: true }),
      onPg('report-tasks', `thuky report tasks --period ${year}`, ['report', 'tasks'], ['--period', String(year), '--as-of', asOf], { report: true }),
      onPg('report-compliance', `thuky report compliance --year ${year}`, ['report', 'compliance'], ['--year', String(year), '--as-of', asOf], { report: true }),
      onPg('meeting-show', `thuky meeting show ${meeting.id} (${meeting.n} speeches)`, ['meeting', 'show'], [String(meeting.id)], { report: true }),
    );
  const cmds = all.filter((c) => !only || only.has(c.id) || c.id === 'node' || (pgUrl && c.id.startsWith('pg-') && (only.has(c.id.slice(3)) || only.has(c.id))));
  // --pg-copy: the SQLite database copied into the (empty) PostgreSQL one first, timed once.
  if (pgUrl && args['pg-copy']) {
    const copy = thuky('pg-copy', 'thuky db copy SQLite → PostgreSQL (once)', ['db', 'copy'], ['--from', dbPath, '--to', pgUrl]);
    log('copying the database into PostgreSQL…');
    const s = runner.once(copy);
    if (s.code !== 0) {
      process.stderr.write(`db copy failed: ${(s.stderr || s.stdout).trim().slice(0, 500)}\n`);
      return 2;
    }
    copy.samples.push(s);
    copy.status = 'once';
    copy.note = 'into an empty database; one transaction';
    cmds.splice(1, 0, copy);
    log(`  copied in ${fmtMs(s.ms)}`);
  }

  // Which commands exist, and the floors and the peer.
  for (const c of cmds) {
    if (c.path && c.path.length && !commandExists(c.path)) {
      c.status = 'missing';
      c.note = `\`thuky ${c.path.join(' ')}\` does not exist in this build`;
    }
  }
  const sqlite = cmds.find((c) => c.id === 'sqlite3');
  if (sqlite && spawnSync('sqlite3', ['--version']).status !== 0) {
    sqlite.status = 'skipped';
    sqlite.note = 'sqlite3 is not installed';
  }
  const tw = cmds.find((c) => c.id === 'taskwarrior');
  let twInfo: Exclude<ReturnType<typeof prepareTaskwarrior>, string> | undefined;
  if (tw) {
    if (args['no-taskwarrior']) {
      tw.status = 'skipped';
      tw.note = 'skipped (--no-taskwarrior)';
    } else {
      const r = prepareTaskwarrior(dbPath, meta.asOf, log);
      if (typeof r === 'string') {
        tw.status = 'skipped';
        tw.note = `Taskwarrior ${r}`;
      } else {
        twInfo = r;
        tw.env = r.env;
        tw.rows = r.overdue;
        tw.note = `${r.tasks.toLocaleString('en')} tasks imported${r.seconds ? ` in ${r.seconds.toFixed(0)} s` : ''}; \`task +OVERDUE count\` = ${r.overdue.toLocaleString('en')}`;
      }
    }
  }

  // Interleaved rounds: every command once per round, the start rotating, so that the machine's
  // noise falls on all of them alike and ratios compare like with like.
  const active = () => cmds.filter((c) => c.status === 'ok');
  for (let round = 0; round < warmup + runs; round++) {
    const list = active();
    const start = round % Math.max(1, list.length);
    const order = [...list.slice(start), ...list.slice(0, start)];
    for (const c of order) {
      c.beforeEach?.();
      // Untimed: the copies of the database and the writes of the previous command are flushed to
      // disk first, so that the kernel's write-back does not slow whichever command comes next.
      settle();
      const s = runner.once(c);
      const ok = (c.okCodes ?? [0]).includes(s.code);
      if (!ok) {
        c.status = 'error';
        c.note =
          s.code === -9
            ? `killed after ${(runner.timeoutMs / 1000).toFixed(0)} s (--timeout)`
            : `exit ${s.code}: ${(s.stderr || s.stdout).trim().split('\n').slice(0, 2).join(' / ').slice(0, 300)}`;
        log(`  ${c.id}: ${c.note}`);
        continue;
      }
      if (c.countRows && c.rows === undefined) c.rows = c.countRows(s.stdout);
      if (c.id === 'overdue-text' && c.rows === undefined) c.rows = lines(s.stdout);
      // A command far over any budget is timed once (its warm-up run), not repeated for minutes.
      // Only the figures are kept: a listing's output can be hundreds of MB.
      if (round >= warmup || s.ms > slowMs) c.samples.push({ ms: s.ms, rssKb: s.rssKb, code: s.code });
      if (s.ms > slowMs && c.group === 'thuky') {
        c.status = 'once';
        c.note = `${c.note ? `${c.note}; ` : ''}timed once: over ${(slowMs / 1000).toFixed(0)} s, not repeated`;
      }
    }
    log(`  round ${round + 1}/${warmup + runs}${round < warmup ? ' (warm-up)' : ''} done`);
  }

  const st = new Map(cmds.map((c) => [c.id, stats(c)]));
  const med = (id: string) => st.get(id)?.median;
  const ratio = (a: string, b: string) => {
    const x = med(a);
    const y = med(b);
    return x !== undefined && y !== undefined ? x / y : undefined;
  };
  const national = meta.scale === 'national';
  const msBudget = (id: string, limit: number): Budget['eval'] => () => {
    const m = med(id);
    return m === undefined ? undefined : { value: fmtMs(m), met: m <= limit };
  };
  const rssBudget = (id: string, limitMb: number): Budget['eval'] => () => {
    const r = st.get(id)?.rssMb;
    return r === undefined || r === null ? undefined : { value: `${r.toFixed(0)} MB`, met: r <= limitMb };
  };
  const ratioBudget = (a: string, b: string, limit: number, atLeast = false): Budget['eval'] => () => {
    const r = atLeast ? ratio(b, a) : ratio(a, b);
    return r === undefined ? undefined : { value: `${r.toFixed(2)} ×`, met: atLeast ? r >= limit : r <= limit };
  };
  // The issue sets budgets for the city scale (and two for the national one); smaller scales are shown without verdicts.
  const judged = meta.scale === 'city' || national;
  const budgets: Budget[] = !judged ? [] : [
    ...(pgUrl
      ? [
          { what: 'PostgreSQL `overdue --json` vs SQLite', limit: '≤ 2 ×', eval: ratioBudget('pg-overdue-json', 'overdue-json', 2), cmd: 'pg-overdue-json' },
          { what: `PostgreSQL \`report compliance --year ${year}\``, limit: '≤ 2 s', eval: msBudget('pg-report-compliance', 2000), cmd: 'pg-report-compliance' },
        ]
      : []),
    { what: '`--help`', limit: '≤ 1.2 × `node -e 0`', eval: ratioBudget('help', 'node', 1.2), cmd: 'help' },
    { what: '`overdue --json`', limit: national ? '≤ 600 ms' : '≤ 400 ms', eval: msBudget('overdue-json', national ? 600 : 400), cmd: 'overdue-json' },
    { what: '`overdue --json` vs the sqlite3 shell, same query', limit: '≤ 2 ×', eval: ratioBudget('overdue-json', 'sqlite3', 2), cmd: 'overdue-json' },
    { what: '`overdue --json` vs Taskwarrior `task overdue`', limit: '≥ 25 × faster', eval: ratioBudget('overdue-json', 'taskwarrior', 25, true), cmd: 'overdue-json' },
    ...(!national ? [{ what: `\`report tasks --period ${year}\``, limit: '≤ 600 ms', eval: msBudget('report-tasks', 600), cmd: 'report-tasks' }] : []),
    { what: `\`report compliance --year ${year}\``, limit: national ? '≤ 2 s' : '≤ 1 s', eval: msBudget('report-compliance', national ? 2000 : 1000), cmd: 'report-compliance' },
    { what: '`task add`', limit: '≤ 1.5 × `--help`', eval: ratioBudget('task-add', 'help', 1.5), cmd: 'task-add' },
    ...(!national ? [{ what: '`plan import`, 100,000 lines', limit: '≤ 5 s', eval: msBudget('plan-import', 5000), cmd: 'plan-import' }] : []),
    { what: '`unit import --official`, whole country', limit: '≤ 2 s', eval: msBudget('unit-import-official', 2000), cmd: 'unit-import-official' },
    ...(!national
      ? [
          { what: '`person import`, 100,000 rows from .xlsx', limit: '≤ 10 s', eval: msBudget('person-import', 10_000), cmd: 'person-import' },
          {
            what: 'peak memory, `person import`, 100,000 rows from .xlsx',
            limit: '≤ 400 MB',
            eval: () => {
              const r = st.get('person-import')?.rssMb;
              return r === undefined || r === null ? undefined : { value: `${r.toFixed(0)} MB`, met: r <= 400 };
            },
            cmd: 'person-import',
          },
        ]
      : []),
    ...(!national
      ? [
          // Second round: whole listings, their first rows, and the two files.
          { what: '`task list --json`, every task', limit: '≤ 3 s', eval: msBudget('task-list-json', 3000), cmd: 'task-list-json' },
          { what: 'peak memory, `task list --json`, every task', limit: '≤ 150 MB', eval: rssBudget('task-list-json', 150), cmd: 'task-list-json' },
          { what: '`task list` as TSV in a pipe, every task', limit: '≤ 2 s', eval: msBudget('task-list-tsv', 2000), cmd: 'task-list-tsv' },
          { what: '`person list --json`', limit: '≤ 1.2 s', eval: msBudget('person-list-json', 1200), cmd: 'person-list-json' },
          { what: `\`plan list --year ${year} --json\``, limit: '≤ 1.5 s', eval: msBudget('plan-list-json', 1500), cmd: 'plan-list-json' },
          ...['first-row-task', 'first-row-task-tsv', 'first-row-person', 'first-row-plan'].map((id) => ({
            what: `first row, \`${cmds.find((c) => c.id === id)?.label.replace(/^thuky /, '') ?? id}\``, limit: '≤ 150 ms', eval: msBudget(id, 150), cmd: id,
          })),
          { what: '`task list --format xlsx`, every task', limit: '≤ 15 s', eval: msBudget('task-list-xlsx', 15_000), cmd: 'task-list-xlsx' },
          { what: 'peak memory, `task list --format xlsx`', limit: '≤ 300 MB', eval: rssBudget('task-list-xlsx', 300), cmd: 'task-list-xlsx' },
          { what: `\`report compliance --year ${year} --format docx\``, limit: '≤ 1.5 s', eval: msBudget('report-compliance-docx', 1500), cmd: 'report-compliance-docx' },
        ]
      : []),
    { what: 'completion of `--unit`', limit: '≤ 150 ms', eval: msBudget('complete-unit', 150), cmd: 'complete-unit' },
    { what: 'completion of `--chair`', limit: '≤ 150 ms', eval: msBudget('complete-person', 150), cmd: 'complete-person' },
    ...cmds
      .filter((c) => c.report)
      .map((c) => ({
        what: `peak memory, \`${c.label.replace(/^thuky /, '')}\``,
        limit: '≤ 250 MB',
        eval: () => {
          const r = st.get(c.id)?.rssMb;
          return r === undefined || r === null ? undefined : { value: `${r.toFixed(0)} MB`, met: r <= 250 };
        },
        cmd: c.id,
      })),
  ];

  // ---- the tables ----
  const nodeMed = med('node');
  const cmdRows = cmds.map((c) => {
    const s = st.get(c.id);
    if (!s) return `| ${c.label} | ${c.status === 'missing' ? '**missing**' : c.status === 'error' ? '**error**' : c.status} | | | | | ${c.note ?? ''} |`;
    const vsNode = nodeMed ? `${(s.median / nodeMed).toFixed(2)} ×` : '';
    const rows = c.rows !== undefined ? c.rows.toLocaleString('en') : '';
    return `| ${c.label} | ${fmtMs(s.median)} | ${fmtMs(s.min)} – ${fmtMs(s.max)} | ${vsNode} | ${s.rssMb === null ? '–' : `${s.rssMb.toFixed(0)} MB`} | ${rows} | ${c.note ?? ''} |`;
  });
  const budgetRows = budgets.map((b) => {
    const e = b.eval();
    const missingCmd = b.cmd ? cmds.find((c) => c.id === b.cmd && c.status !== 'ok') : undefined;
    const verdict = e ? (e.met ? 'met' : '**missed**') : missingCmd ? `not measured (${missingCmd.status})` : 'not measured';
    return `| ${b.what} | ${b.limit} | ${e?.value ?? '–'} | ${verdict} |`;
  });
  const ratios: string[] = [];
  const r1 = ratio('taskwarrior', 'overdue-json');
  if (r1 !== undefined) ratios.push(`- Taskwarrior \`task overdue\` / \`thuky overdue --json\`: **${r1.toFixed(1)} ×** (${fmtMs(med('taskwarrior')!)} vs ${fmtMs(med('overdue-json')!)})`);
  const r2 = ratio('overdue-json', 'sqlite3');
  if (r2 !== undefined) ratios.push(`- \`thuky overdue --json\` / sqlite3 shell running the same query: ${r2.toFixed(2)} × (the floor for reading these rows from this file)`);
  const r5 = ratio('task-list-json', 'sqlite3-tasks');
  if (r5 !== undefined) ratios.push(`- \`thuky task list --json\` (every task) / sqlite3 shell reading every task in the same order: ${r5.toFixed(2)} × (${fmtMs(med('task-list-json')!)} vs ${fmtMs(med('sqlite3-tasks')!)})`);
  const r3 = ratio('help', 'node');
  if (r3 !== undefined) ratios.push(`- \`thuky --help\` / \`node -e 0\`: ${r3.toFixed(2)} ×; start-up over bare Node: ${fmtMs(med('help')! - nodeMed!)}`);
  const r4 = ratio('task-add', 'help');
  if (r4 !== undefined) ratios.push(`- \`thuky task add\` / \`thuky --help\`: ${r4.toFixed(2)} ×`);
  const od = cmds.find((c) => c.id === 'overdue-json');
  ratios.push(
    `- Overdue rows as of ${asOf}: SQL count ${sqlOverdue.toLocaleString('en')}` +
      (od?.rows !== undefined ? `, \`thuky overdue --json\` ${od.rows.toLocaleString('en')}` : '') +
      (twInfo ? `, Taskwarrior ${twInfo.overdue.toLocaleString('en')}` : ''),
  );

  // ---- profiles of the commands behind missed budgets ----
  const profiles: string[] = [];
  if (args.profile) {
    const missed = new Set(budgets.filter((b) => b.eval()?.met === false && b.cmd).map((b) => b.cmd!));
    if (args.profile !== 'true') for (const id of args.profile.split(',')) missed.add(id);
    for (const id of missed) {
      const c = cmds.find((x) => x.id === id && x.group === 'thuky' && (x.status === 'ok' || x.status === 'once'));
      if (!c) continue;
      const dir = join(runner.work, `prof-${id}`);
      c.beforeEach?.();
      runner.once({ ...c, args: ['--cpu-prof', '--cpu-prof-dir', dir, ...c.args] });
      const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
      if (!file) continue;
      profiles.push(`### ${c.label}`, '```', ...summariseProfile(join(dir, file)), '```');
    }
  }

  const v = versions(dbPath);
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const counts = meta.counts;
  const key = pgUrl ? `${meta.scale}-postgresql` : meta.scale;
  const shownArgv = argv.map((a) => (a.startsWith('postgres') ? withoutPassword(a) : a));
  if (pgUrl) v.postgresql = pgServerVersion(BIN, pgUrl);
  const section = [
    `<!-- bench:${key} -->`,
    `## ${meta.scale} scale${pgUrl ? ', PostgreSQL beside SQLite' : ''} — ${when}`,
    '',
    `Command: \`npm run bench:gen -- --scale ${meta.scale} --out ${args.db} --seed ${meta.seed}\` then ${pgUrl ? '`node bench/pg-server.mjs` (a local PostgreSQL) and ' : ''}\`npm run bench -- ${shownArgv.join(' ')}\`.`,
    '',
    ...Object.entries(v).map(([k, val]) => `- ${k}: ${val}`),
    `- data: seed ${meta.seed}, years ${meta.firstYear}–${meta.year}, reports as of ${asOf}; ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB; ` +
      `${counts.units?.toLocaleString('en')} wards/communes, ${counts.people?.toLocaleString('en')} people (${counts.members?.toLocaleString('en')} members), ` +
      `${counts.tasks?.toLocaleString('en')} tasks (${counts.breakthroughs?.toLocaleString('en')} breakthroughs), ${counts.meetings?.toLocaleString('en')} meetings, ` +
      `${counts.speeches?.toLocaleString('en')} speeches, ${counts.activities?.toLocaleString('en')} activities, ${counts.plans?.toLocaleString('en')} plans, ${counts.evaluations?.toLocaleString('en')} evaluations`,
    `- method: ${warmup} warm-up round then ${runs} measured rounds; each round runs every command once as a whole process, in rotating order, after sync(1) (untimed) so that earlier writes are not flushed during it; stdout to a file; medians, min – max; peak RSS is the largest of the runs`,
    '',
    '| command | median | min – max | × `node -e 0` | peak RSS | rows | note |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...cmdRows,
    '',
    ...(budgetRows.length
      ? ['| budget | limit | measured | verdict |', '|---|---|---:|---|', ...budgetRows]
      : [`Budgets are set for the city and national scales; the ${meta.scale} scale is shown for reference.`]),
    '',
    ...ratios,
    ...(profiles.length ? ['', 'CPU profiles (`node --cpu-prof`, one run) of the commands behind missed budgets:', '', ...profiles] : []),
    `<!-- /bench:${key} -->`,
  ].join('\n');
  process.stdout.write(`${section}\n`);

  if (!args['no-write']) {
    const out = resolve(args.out ?? join(ROOT, 'bench', 'results.md'));
    let doc = existsSync(out)
      ? readFileSync(out, 'utf8')
      : '# Benchmark results\n\nWritten by `npm run bench`; each scale keeps its own section, replaced by its latest run.\nBudgets are those of issue 6. Figures are medians on the machine named in each section.\n';
    const re = new RegExp(`<!-- bench:${key} -->[\\s\\S]*?<!-- /bench:${key} -->`);
    // A new scale goes after the other scales' sections, before the hand-written analysis.
    const analysis = doc.indexOf('\n## What is slow');
    doc = re.test(doc)
      ? doc.replace(re, () => section)
      : analysis >= 0
        ? `${doc.slice(0, analysis).trimEnd()}\n\n${section}\n${doc.slice(analysis)}`
        : `${doc.trimEnd()}\n\n${section}\n`;
    writeFileSync(out, doc);
    log(`wrote ${out}`);
  }
  runner.cleanup();
  return 0;
}
