/**
 * Every flag of every command that takes a date, a period or a time limit, driven with random
 * absolute dates and offsets inside and outside 01/01/1900–31/12/2999 (and empty and malformed
 * values), on a copy of the sample database. Each run either succeeds with the dates it stored
 * inside the range (never NULL where a date was given, and the very date typed), or exits 2 with
 * the database unchanged. Never exit 1 (a crash), never anything else.
 */
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryContext } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { addDuration, FIRST_DATE, isIsoDate, LAST_DATE, parseDateInput, parseDuration } from '../../src/domain/dates.js';
import { parsePeriod } from '../../src/domain/periods.js';
import type { PgDatabase } from '../../src/store/pg/database.js';
import { run, sampleDbPath, dbSnapshot, openTestDb, ON_POSTGRES, tableNamesOf } from '../helpers.js';

const TODAY = '2017-12-31';
const ENV = { THUKY_TODAY: '31/12/2017' };

type Kind = 'date' | 'period' | 'duration' | 'days';

interface Case {
  /** "task add --due": the command path and the flag. */
  name: string;
  kind: Kind;
  /** Runs before the command (a fresh task to change, say) and returns what argv needs. */
  setup?: (db: string, n: number) => Promise<number | void>;
  argv: (value: string, id: number, n: number) => string[];
  /** Whether a success writes (else the database must stay unchanged whatever the outcome). */
  writes: boolean;
  /** After a success: the dates this value was stored as (each must be a date within the range). */
  stored?: (h: Database.Database, id: number, n: number) => (string | null)[];
  /** The date the value must have been stored as, when the command stores exactly the value typed. */
  expected?: (value: string, h: Database.Database, id: number) => string;
  /** The day a duration counts from, when it is not 31/12/2017 (a task's start, a meeting's day). */
  base?: (h: Database.Database) => string;
}

/**
 * A date the test itself computes with the product's parser. Relative values count from 31/12/2017:
 * no case below passes another base (an --as-of) for them.
 */
const fromToday = (value: string) => parseDateInput(value, TODAY);
const withinFrom = (start: string) => (value: string) => {
  const d = parseDuration(value);
  if (!d) throw new Error('not a duration');
  return addDuration(start, d);
};

async function newTaskId(db: string, n: number, closed = false): Promise<number> {
  // Started on the first day of the range, so that any --on date in the range is after the start.
  const add = await run(['task', 'add', `Việc thử ${n}`, '--unit', 'BN', '--start', '01/01/1900', '--json'], { db, env: ENV });
  if (add.code !== 0) throw new Error(`setup: ${add.stderr}`);
  const id = (JSON.parse(add.stdout) as { id: number }[])[0].id;
  if (closed) {
    const done = await run(['task', 'done', String(id), '--on', '01/01/1900'], { db, env: ENV });
    if (done.code !== 0) throw new Error(`setup: ${done.stderr}`);
  }
  return id;
}

/** A conclusion of meeting 2 with one task for Bến Nghé; returns its number in the meeting. */
async function newConclusion(db: string, n: number): Promise<number> {
  const add = await run(['meeting', 'conclude', '2', '--text', `Kết luận sửa ${n}`, '--assign', 'BN', '--force'], { db, env: ENV });
  if (add.code !== 0) throw new Error(`setup: ${add.stderr}`);
  const h = openTestDb(db, { readonly: true });
  try {
    return h.prepare('SELECT max(ord) FROM conclusion WHERE meeting_id = 2').pluck().get() as number;
  } finally {
    h.close();
  }
}

/** The time limits of the tasks of conclusion `ord` of meeting 2. */
const conclusionDues = (h: Database.Database, ord: number) =>
  (h.prepare('SELECT t.due_on FROM task t JOIN conclusion c ON c.id = t.conclusion_id WHERE c.meeting_id = 2 AND c.ord = ?').pluck().all(ord) as (string | null)[]);

/** The day of meeting 2, which `meeting conclude 2 --within` counts from. */
const meeting2Day = (h: Database.Database) => (h.prepare('SELECT held_on AS d FROM meeting WHERE id = 2').get() as { d: string }).d;
const lastTask = (h: Database.Database) => h.prepare('SELECT * FROM task ORDER BY id DESC LIMIT 1').get() as Record<string, string | null>;
const taskRow = (h: Database.Database, id: number) => h.prepare('SELECT * FROM task WHERE id = ?').get(id) as Record<string, string | null>;
const lastEvent = (h: Database.Database, id: number) => (h.prepare('SELECT on_date AS d FROM task_event WHERE task_id = ? ORDER BY id DESC LIMIT 1').get(id) as { d: string | null }).d;

const readOnly = (name: string, kind: Kind, argv: Case['argv']): Case => ({ name, kind, argv, writes: false });

/** Every date-taking flag, by family; a test below checks that no flag of the program is missing. */
const FAMILIES: Record<string, Case[]> = {
  'as-of dates of reports and listings': [
    readOnly('report tasks --as-of', 'date', (v) => ['report', 'tasks', '--as-of', v]),
    readOnly('report compliance --as-of', 'date', (v) => ['report', 'compliance', '--year', '2017', '--as-of', v]),
    readOnly('task list --as-of', 'date', (v) => ['task', 'list', '--as-of', v]),
    readOnly('task show --as-of', 'date', (v) => ['task', 'show', '13', '--as-of', v]),
    readOnly('meeting show --as-of', 'date', (v) => ['meeting', 'show', '1', '--as-of', v]),
    readOnly('breakthrough list --as-of', 'date', (v) => ['breakthrough', 'list', '--as-of', v]),
    readOnly('overdue --as-of', 'date', (v) => ['overdue', '--as-of', v, '--due-within', '30']),
  ],
  'date filters of listings': [
    readOnly('log --since', 'date', (v) => ['log', '--since', v, '--limit', '5']),
    readOnly('unit list --at', 'date', (v) => ['unit', 'list', '--at', v]),
    readOnly('unit show --at', 'date', (v) => ['unit', 'show', 'ben thanh', '--at', v]),
    readOnly('unit import --from', 'date', (v) => ['unit', 'import', '--official', '--province', '79', '--from', v, '--dry-run']),
    readOnly('unit merge --on', 'date', (v) => ['unit', 'merge', 'BN', 'DK', '--into', 'SG', '--on', v, '--dry-run']),
    readOnly('unit split --on', 'date', (v) => ['unit', 'split', 'CK', '--into', 'SG', 'COL-2025', '--on', v, '--dry-run']),
    readOnly('task list --due-before', 'date', (v) => ['task', 'list', '--due-before', v]),
    readOnly('task list --due-after', 'date', (v) => ['task', 'list', '--due-after', v]),
    readOnly('meeting list --from', 'date', (v) => ['meeting', 'list', '--from', v]),
    readOnly('meeting list --to', 'date', (v) => ['meeting', 'list', '--to', v]),
    readOnly('report compliance --from', 'date', (v) => ['report', 'compliance', '--from', v, '--to', '31/12/2017']),
    readOnly('report compliance --to', 'date', (v) => ['report', 'compliance', '--from', '01/01/2017', '--to', v]),
  ],
  periods: [
    readOnly('report tasks --period', 'period', (v) => ['report', 'tasks', '--period', v]),
    readOnly('report compliance --period', 'period', (v) => ['report', 'compliance', '--period', v]),
    readOnly('meeting list --period', 'period', (v) => ['meeting', 'list', '--period', v]),
    readOnly('speech list --period', 'period', (v) => ['speech', 'list', '--period', v]),
    readOnly('activity list --period', 'period', (v) => ['activity', 'list', '--period', v]),
    {
      name: 'meeting add --period',
      kind: 'period',
      writes: true,
      argv: (v, _id, n) => ['meeting', 'add', '--date', '17/06/2017', '--title', `Giao ban thử ${n}`, '--period', v],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM meeting ORDER BY id DESC LIMIT 1').get() as { d: string }).d],
    },
    {
      name: 'meeting edit --period',
      kind: 'period',
      writes: true,
      argv: (v) => ['meeting', 'edit', '2', '--period', v, '--force'],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM meeting WHERE id = 2').get() as { d: string }).d],
    },
  ],
  'time limits': [
    {
      name: 'task add --within',
      kind: 'duration',
      writes: true,
      argv: (v, _id, n) => ['task', 'add', `Việc ${n}`, '--unit', 'BN', '--within', v],
      stored: (h) => [lastTask(h).due_on],
      expected: withinFrom(TODAY),
    },
    {
      name: 'breakthrough add --within',
      kind: 'duration',
      writes: true,
      argv: (v, _id, n) => ['breakthrough', 'add', '--unit', 'BN', '--title', `Chỉnh trang hẻm ${n}`, '--target', 'Chỉnh trang 5 tuyến hẻm', '--within', v],
      stored: (h) => [lastTask(h).due_on],
      expected: withinFrom(TODAY),
    },
    {
      name: 'meeting conclude --within',
      kind: 'duration',
      writes: true,
      argv: (v, _id, n) => ['meeting', 'conclude', '2', '--text', `Kết luận thử ${n}`, '--assign', 'BN', '--within', v, '--force'],
      stored: (h) => [lastTask(h).due_on],
      expected: (v, h) => withinFrom(meeting2Day(h))(v),
      base: meeting2Day,
    },
    readOnly('overdue --due-within', 'days', (v) => ['overdue', '--as-of', '31/12/2017', '--due-within', v]),
  ],
  deadlines: [
    {
      name: 'task add --due',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['task', 'add', `Việc ${n}`, '--unit', 'BN', '--due', v],
      stored: (h) => [lastTask(h).due_on],
      expected: fromToday,
    },
    {
      name: 'task extend --due',
      kind: 'date',
      writes: true,
      setup: (db, n) => newTaskId(db, n),
      argv: (v, id) => ['task', 'extend', String(id), '--due', v, '--reason', 'Chờ số liệu'],
      stored: (h, id) => [taskRow(h, id).due_on],
      expected: fromToday,
    },
    {
      name: 'breakthrough add --due',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['breakthrough', 'add', '--unit', 'BN', '--title', `Chỉnh trang hẻm ${n}`, '--target', 'Chỉnh trang 5 tuyến hẻm', '--due', v],
      stored: (h) => [lastTask(h).due_on],
      expected: fromToday,
    },
    {
      name: 'meeting conclude --due',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['meeting', 'conclude', '2', '--text', `Kết luận thử ${n}`, '--assign', 'BN', '--due', v, '--force'],
      stored: (h) => [lastTask(h).due_on],
      expected: fromToday,
    },
    {
      name: 'meeting conclusion edit --due',
      kind: 'date',
      writes: true,
      setup: (db, n) => newConclusion(db, n),
      argv: (v, ord) => ['meeting', 'conclusion', 'edit', '2', String(ord), '--due', v, '--force'],
      stored: (h, ord) => conclusionDues(h, ord),
      expected: fromToday,
    },
    {
      name: 'meeting conclusion edit --within',
      kind: 'duration',
      writes: true,
      setup: (db, n) => newConclusion(db, n),
      argv: (v, ord) => ['meeting', 'conclusion', 'edit', '2', String(ord), '--within', v, '--force'],
      stored: (h, ord) => conclusionDues(h, ord),
      expected: (v, h) => withinFrom(meeting2Day(h))(v),
      base: meeting2Day,
    },
  ],
  'dates of task changes': [
    {
      name: 'task add --start',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['task', 'add', `Việc ${n}`, '--unit', 'BN', '--start', v],
      stored: (h) => [lastTask(h).start_on],
      expected: fromToday,
    },
    {
      name: 'breakthrough add --start',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['breakthrough', 'add', '--unit', 'BN', '--title', `Chỉnh trang hẻm ${n}`, '--target', 'Chỉnh trang 5 tuyến hẻm', '--start', v],
      stored: (h) => [lastTask(h).start_on],
      expected: fromToday,
    },
    ...(['progress', 'done', 'reopen', 'extend', 'cancel'] as const).map(
      (change): Case => ({
        name: `task ${change} --on`,
        kind: 'date',
        writes: true,
        setup: (db, n) => newTaskId(db, n, change === 'reopen'),
        argv: (v, id) => [
          'task',
          change,
          String(id),
          '--on',
          v,
          ...(change === 'progress' ? ['--percent', '40'] : change === 'extend' ? ['--due', '31/12/2999', '--reason', 'Chờ số liệu'] : change === 'done' ? [] : ['--reason', 'Lý do']),
        ],
        stored: (h, id) => {
          const t = taskRow(h, id);
          return [lastEvent(h, id), ...(change === 'done' ? [t.done_on] : change === 'cancel' ? [t.cancelled_on] : [])];
        },
        expected: (v, h, id) => {
          expect(lastEvent(h, id)).toBe(fromToday(v));
          return fromToday(v);
        },
      }),
    ),
  ],
  'dates of records': [
    {
      name: 'meeting add --date',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['meeting', 'add', '--date', v, '--title', `Giao ban thử ${n}`],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM meeting ORDER BY id DESC LIMIT 1').get() as { d: string }).d],
      expected: fromToday,
    },
    {
      name: 'meeting edit --date',
      kind: 'date',
      writes: true,
      argv: (v) => ['meeting', 'edit', '3', '--date', v, '--force'],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM meeting WHERE id = 3').get() as { d: string }).d],
      expected: fromToday,
    },
    {
      name: 'activity add --date',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['activity', 'add', '--unit', 'BN', '--kind', 'khac', '--title', `Sinh hoạt ${n}`, '--date', v],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM activity ORDER BY id DESC LIMIT 1').get() as { d: string }).d],
      expected: fromToday,
    },
    {
      name: 'activity edit --date',
      kind: 'date',
      writes: true,
      argv: (v) => ['activity', 'edit', '1', '--date', v],
      stored: (h) => [(h.prepare('SELECT held_on AS d FROM activity WHERE id = 1').get() as { d: string }).d],
      expected: fromToday,
    },
    {
      name: 'doc edit --date',
      kind: 'date',
      writes: true,
      argv: (v) => ['doc', 'edit', '05-CT/TW', '--date', v],
      stored: (h) => [(h.prepare("SELECT issued_on AS d FROM document WHERE code = '05-CT/TW'").get() as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'task edit --due',
      kind: 'date',
      writes: true,
      setup: (db, n) => newTaskId(db, n),
      argv: (v, id) => ['task', 'edit', String(id), '--due', v],
      stored: (h, id) => [taskRow(h, id).due_on],
      expected: fromToday,
    },
    {
      name: 'task edit --start',
      kind: 'date',
      writes: true,
      setup: (db, n) => newTaskId(db, n),
      argv: (v, id) => ['task', 'edit', String(id), '--start', v],
      stored: (h, id) => [taskRow(h, id).start_on],
      expected: fromToday,
    },
    {
      name: 'task edit --within',
      kind: 'duration',
      writes: true,
      setup: (db, n) => newTaskId(db, n),
      argv: (v, id) => ['task', 'edit', String(id), '--within', v],
      stored: (h, id) => [taskRow(h, id).due_on],
      // Counted from the task's start (01/01/1900 for the tasks made here).
      expected: withinFrom('1900-01-01'),
      base: () => '1900-01-01',
    },
    {
      name: 'person edit --since',
      kind: 'date',
      writes: true,
      // A person of its own for every run, moved from Bến Nghé to Cầu Kho from the day typed.
      setup: async (db, n) => {
        const add = await run(['person', 'add', `Người Thử ${n}`, '--unit', 'BN', '--json'], { db, env: ENV });
        if (add.code !== 0) throw new Error(`setup: ${add.stderr}`);
        return (JSON.parse(add.stdout) as { id: number }).id;
      },
      argv: (v, id) => ['person', 'edit', `#${id}`, '--unit', 'CK', '--since', v],
      stored: (h, id) => [(h.prepare('SELECT unit_since AS d FROM person WHERE id = ?').get(id) as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'plan add --submitted',
      kind: 'date',
      writes: true,
      // A year of its own for every run: one plan per person and year.
      argv: (v, _id, n) => ['plan', 'add', '--person', 'Nguyễn Văn An', '--year', String(2100 + n), '--submitted', v],
      stored: (h, _id, n) => [(h.prepare('SELECT submitted_on AS d FROM plan WHERE year = ?').get(2100 + n) as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'plan edit --submitted',
      kind: 'date',
      writes: true,
      argv: (v) => ['plan', 'edit', '--person', 'Nguyễn Văn An', '--year', '2017', '--submitted', v],
      stored: (h) => [(h.prepare(`SELECT submitted_on AS d FROM plan WHERE year = 2017 AND person_id = (SELECT id FROM person WHERE full_name = 'Nguyễn Văn An')`).get() as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'plan deadline --date',
      kind: 'date',
      writes: true,
      argv: (v) => ['plan', 'deadline', '--year', '2017', '--date', v],
      stored: (h) => [(h.prepare('SELECT deadline_on AS d FROM plan_deadline WHERE year = 2017').get() as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'doc add --date',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['doc', 'add', `${n + 100}-KH/QU`, '--title', 'Kế hoạch thử', '--date', v],
      stored: (h) => [(h.prepare('SELECT issued_on AS d FROM document ORDER BY id DESC LIMIT 1').get() as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'unit add --from',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['unit', 'add', `Chi bộ thử ${n}`, '--kind', 'cell', '--from', v],
      stored: (h) => [(h.prepare('SELECT valid_from AS d FROM unit ORDER BY id DESC LIMIT 1').get() as { d: string | null }).d],
      expected: fromToday,
    },
    {
      name: 'unit add --to',
      kind: 'date',
      writes: true,
      argv: (v, _id, n) => ['unit', 'add', `Chi bộ thử ${n}`, '--kind', 'cell', '--to', v],
      stored: (h) => [(h.prepare('SELECT valid_to AS d FROM unit ORDER BY id DESC LIMIT 1').get() as { d: string | null }).d],
      expected: fromToday,
    },
    ...(['--from', '--to'] as const).map(
      (flag): Case => ({
        name: `unit edit ${flag}`,
        kind: 'date',
        writes: true,
        setup: async (db, n) => {
          const add = await run(['unit', 'add', `Chi bộ sửa ${n}`, '--kind', 'cell', '--json'], { db, env: ENV });
          if (add.code !== 0) throw new Error(`setup: ${add.stderr}`);
          return (JSON.parse(add.stdout) as { id: number }).id;
        },
        argv: (v, _id, n) => ['unit', 'edit', `Chi bộ sửa ${n}`, flag, v],
        stored: (h, id) => [(h.prepare(`SELECT ${flag === '--from' ? 'valid_from' : 'valid_to'} AS d FROM unit WHERE id = ?`).get(id) as { d: string | null }).d],
        expected: fromToday,
      }),
    ),
  ],
};

// ---------------------------------------------------------------------------------------------
// Values: absolute dates and offsets in and out of range, empty and malformed ones.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const year = fc.oneof(fc.integer({ min: 1890, max: 1910 }), fc.integer({ min: 2990, max: 3010 }), fc.integer({ min: 2010, max: 2030 }), fc.integer({ min: 0, max: 9999 }));
const absoluteDate = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.constantFrom('dmy', 'iso', 'short', 'dots'))
  .map(([y, m, d, style]) =>
    style === 'iso' ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : style === 'short' ? `${d}/${m}/${pad(y, 4)}` : style === 'dots' ? `${pad(d)}.${pad(m)}.${pad(y, 4)}` : `${pad(d)}/${pad(m)}/${pad(y, 4)}`,
  );
const amount = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 61, max: 9999 }), fc.constantFrom(9999, 982, 983, 117, 118));
const unitWord = fc.constantFrom('d', 'w', 'm', 'y', 'ngày', 'tuần', 'tháng', 'năm', 'days', 'months');
const offset = fc.tuple(fc.constantFrom('+', '-'), amount, unitWord).map(([s, a, u]) => `${s}${a}${u}`);
const oddDate = fc.constantFrom('', ' ', 'hôm nay', 'today', '+0d', 'banana', '31/02/2017', '29/02/2016', '17/06', '+30');
const dateValue = fc.oneof({ weight: 4, arbitrary: absoluteDate }, { weight: 4, arbitrary: offset }, { weight: 1, arbitrary: oddDate });

const periodValue = fc.oneof(
  year.map((y) => String(y)),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${pad(y, 4)}-Q${q}`),
  fc.tuple(year, fc.constantFrom('I', 'II', 'III', 'IV')).map(([y, q]) => `quý ${q}/${y}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${pad(m)}/${pad(y, 4)}`),
  fc.tuple(dateValue, dateValue).map(([a, b]) => `${a}..${b}`),
  fc.constantFrom('', ' ', 'banana', '2017-Q5', '13/2017'),
);

const durationValue = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('', '+'), fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 61, max: 9999 })), unitWord).map(([s, a, u]) => `${s}${a}${u}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'banana', '-5d', '30') },
);
const daysValue = fc.oneof(durationValue, fc.integer({ min: 0, max: 5000 }).map(String));

const VALUES: Record<Kind, fc.Arbitrary<string>> = { date: dateValue, period: periodValue, duration: durationValue, days: daysValue };

/** The day the case's durations count from. */
function baseOf(c: Case, db: string): string {
  if (!c.base) return TODAY;
  const h = openTestDb(db, { readonly: true });
  try {
    return c.base(h);
  } finally {
    h.close();
  }
}

/** Whether the product's own parser accepts the value on its own (a refusal for other reasons may still follow). */
function parses(kind: Kind, value: string, base: string = TODAY): boolean {
  try {
    if (kind === 'date') parseDateInput(value, TODAY);
    else if (kind === 'period') parsePeriod(value, TODAY);
    else if (kind === 'days' && /^\s*\d+\s*$/.test(value)) return Number(value) <= 3650;
    else if (!parseDuration(value)) return false;
    else addDuration(base, parseDuration(value)!);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether anything was committed since the last call: SQLite's data_version, read on a connection of
 * our own, changes whenever another connection commits (a row snapshot of the whole file at every run
 * would cost more than the run itself). PostgreSQL has no such counter for one database (transaction
 * ids are the whole server's): there, one query hashes every row of every table on the server.
 */
function commitWatcher(db: string) {
  const h = openTestDb(db, { readonly: true });
  const fingerprint = ON_POSTGRES
    ? `SELECT concat_ws('|', ${tableNamesOf(h)
        .map((t) => `(SELECT count(*) || ':' || coalesce(sum(hashtextextended(r::text, 0)), 0) FROM "${t}" r)`)
        .join(', ')})`
    : '';
  const version = () => (ON_POSTGRES ? ((h as unknown as PgDatabase).query(fingerprint).rows[0][0] as string) : (h.pragma('data_version', { simple: true }) as number));
  let last = version();
  return {
    /** True when something was committed since the previous call. */
    changed(): boolean {
      const now = version();
      const changed = now !== last;
      last = now;
      return changed;
    },
    close: () => h.close(),
  };
}

/** Every date-like column of every table: NULL or a date within the range. */
function outOfRangeDates(h: Database.Database): string[] {
  const bad: string[] = [];
  for (const t of tableNamesOf(h)) {
    const cols = (h.pragma(`table_info("${t}")`) as { name: string }[]).map((c) => c.name).filter((c) => /(_on|_date|^valid_from|^valid_to)$/.test(c));
    for (const c of cols)
      for (const { v } of h.prepare(`SELECT "${c}" AS v FROM "${t}" WHERE "${c}" IS NOT NULL`).all() as { v: string }[])
        if (!isIsoDate(v)) bad.push(`${t}.${c}=${v}`);
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------

describe('every date-taking flag', () => {
  it('is in the table of this test (a new date flag must be added here)', () => {
    const program = buildProgram(memoryContext({}), 'vi', { exitCode: 0 });
    const found: string[] = [];
    const walk = (c: Command, path: string[]) => {
      for (const o of c.options) if (/<(date|period|duration|days)>/.test(o.flags) && o.long) found.push([...path, o.long].join(' '));
      for (const s of c.commands) walk(s, [...path, s.name()]);
    };
    walk(program, []);
    const listed = Object.values(FAMILIES).flatMap((f) => f.map((c) => c.name));
    expect(found.length).toBeGreaterThan(40);
    expect(found.filter((f) => !listed.includes(f))).toEqual([]);
    expect(listed.filter((l) => !found.includes(l))).toEqual([]);
  });

  // 150 runs per family, ~1,200 command runs in all: about 15 s here (the machine is shared). On
  // PostgreSQL each run connects to the server and the watcher reads every row: a few times longer.
  const RUNS = 150;
  const TIMEOUT = ON_POSTGRES ? 120_000 : undefined;

  it.each(Object.keys(FAMILIES))('%s: success with dates in range, or exit 2 with nothing written', async (family) => {
    const cases = FAMILIES[family];
    const db = sampleDbPath();
    const commits = commitWatcher(db);
    let n = 0;
    let seenWrites = 0;
    const outcomes: Record<string, Record<number, number>> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: cases.length - 1 }).chain((i) => fc.tuple(fc.constant(cases[i]), VALUES[cases[i].kind])),
        async ([c, value]) => {
          n += 1;
          const id = (await c.setup?.(db, n)) ?? 0;
          commits.changed();
          const r = await run(c.argv(value, id, n), { db, env: ENV });
          const written = commits.changed();
          const tally = (outcomes[c.name] ??= {});
          tally[r.code] = (tally[r.code] ?? 0) + 1;
          const what = `${c.name} ${JSON.stringify(value)} → exit ${r.code}: ${r.stderr.slice(0, 400)}`;
          expect([0, 2], what).toContain(r.code);
          if (!parses(c.kind, value, baseOf(c, db))) expect(r.code, what).toBe(2);
          if (r.code === 2) {
            expect(r.stderr, what).toMatch(/^thuky: /);
            expect(r.stderr, what).not.toContain('{');
            expect(written, `${what}: written`).toBe(false);
            return;
          }
          if (!c.writes) {
            expect(written, `${what}: written`).toBe(false);
            return;
          }
          if (written) seenWrites += 1;
          const h = openTestDb(db, { readonly: true });
          try {
            expect(outOfRangeDates(h), what).toEqual([]);
            for (const d of c.stored?.(h, id, n) ?? []) {
              expect(d, what).not.toBeNull();
              expect(d! >= FIRST_DATE && d! <= LAST_DATE, what).toBe(true);
            }
            if (c.expected && c.stored) expect(c.stored(h, id, n)[0], what).toBe(c.expected(value, h, id));
          } finally {
            h.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
    commits.close();
    // Each family must have exercised both outcomes, or the values do not test what they should.
    const all = Object.values(outcomes).reduce<Record<number, number>>((acc, t) => {
      for (const [code, k] of Object.entries(t)) acc[+code] = (acc[+code] ?? 0) + k;
      return acc;
    }, {});
    expect(all[0] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(5);
    expect(all[2] ?? 0, JSON.stringify(outcomes)).toBeGreaterThan(5);
    // The watcher sees the writes that succeeded, or its "nothing written" would prove nothing.
    if (cases.some((c) => c.writes)) expect(seenWrites, JSON.stringify(outcomes)).toBeGreaterThan(0);
  }, TIMEOUT);

  it('THUKY_TODAY: any value is a today within the range, or exit 2 with nothing written', async () => {
    const db = sampleDbPath();
    const commits = commitWatcher(db);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(dateValue, async (value) => {
        n += 1;
        const id = await newTaskId(db, n);
        commits.changed();
        const r = await run(['task', 'done', String(id)], { db, env: { THUKY_TODAY: value } });
        const written = commits.changed();
        const what = `THUKY_TODAY=${JSON.stringify(value)} → exit ${r.code}: ${r.stderr.slice(0, 300)}`;
        expect([0, 2], what).toContain(r.code);
        let today: string | null = null;
        try {
          today = value.trim() ? parseDateInput(value, new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)) : null;
        } catch {
          today = null;
        }
        if (today === null) expect(r.code, what).toBe(2);
        if (r.code === 2) return void expect(written, `${what}: written`).toBe(false);
        const h = openTestDb(db, { readonly: true });
        try {
          // An absolute THUKY_TODAY is that day; a relative one moves with the clock, so only its range is checked.
          const doneOn = taskRow(h, id).done_on;
          expect(doneOn, what).not.toBeNull();
          expect(isIsoDate(doneOn!), what).toBe(true);
          if (/^\s*\d/.test(value)) expect(doneOn, what).toBe(today);
        } finally {
          h.close();
        }
      }),
      { numRuns: 80 },
    );
    commits.close();
  }, TIMEOUT);

  it('a refused run leaves every row as it was (row snapshot, a few runs per family)', async () => {
    const db = sampleDbPath();
    let n = 0;
    for (const cases of Object.values(FAMILIES))
      for (const c of cases) {
        n += 1;
        const id = (await c.setup?.(db, n)) ?? 0;
        const before = dbSnapshot(db);
        for (const value of c.kind === 'period' ? ['+9999y..+9999y', '', '3000'] : c.kind === 'date' ? ['+9999y', '-9999y', '', '01/01/3000'] : ['9999y', '']) {
          const r = await run(c.argv(value, id, n), { db, env: ENV });
          expect(r.code, `${c.name} ${JSON.stringify(value)}: ${r.stderr}`).toBe(2);
          expect(r.stderr).toContain(c.name.split(' ').pop()!);
        }
        expect(dbSnapshot(db), c.name).toBe(before);
      }
  }, TIMEOUT);
});
