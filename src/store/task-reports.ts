/**
 * The set-based task reports: the overdue report (tasks open on a day, overdue or due soon) and
 * the per-unit counts of `report tasks`. Each is a few index searches over all units at once, and
 * each picks tasks by status with the predicates of task-status-sql.ts, the SQL form of
 * classifyTask.
 */
import type { IsoDate } from '../domain/dates.js';
import type { TaskKind } from '../domain/tasks.js';
import type { Db } from './db.js';
import { CANCELLED_BY, DAYS_LEFT, DAYS_OVERDUE, NOT_CANCELLED_BY, OPEN_BRANCHES, STATUS_ON, STATUS_WHEN, statusParams } from './task-status-sql.js';

export interface OpenDueRow {
  id: number;
  kind: TaskKind;
  unitId: number;
  unitName: string;
  unitCode: string | null;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate;
  originalDueOn: IsoDate | null;
  extensions: number;
  percent: number;
  meetingId: number | null;
  meetingTitle: string | null;
  meetingHeldOn: IsoDate | null;
  conclusionOrd: number | null;
  documentId: number | null;
  documentCode: string | null;
}

/** The two parts of the overdue report: the tasks overdue on the day, and those due soon. */
export type OpenDueStatus = 'overdue' | 'due_soon';

export interface OpenDueQuery {
  asOf: IsoDate;
  status: OpenDueStatus;
  /** The due-soon window in days (0: due that day only); only for 'due_soon'. */
  dueWithin?: number;
  unitIds?: number[];
  kind?: TaskKind;
}

/**
 * A task's progress on @asOf, from its events (progress, done, reopen carry a percent): the last
 * one recorded on or before that day, else 0. A report of a past day never shows later progress.
 */
const percentAsOf = (taskId: string) => `coalesce((SELECT e.percent FROM task_event e
   WHERE e.task_id = ${taskId} AND e.percent IS NOT NULL AND e.on_date <= @asOf
   ORDER BY e.on_date DESC, e.id DESC LIMIT 1), 0)`;

/**
 * The progress on @asOf of each task of the report (due_percent: id, percent), looked up in id
 * order: consecutive lookups then read neighbouring entries of task_event_percent instead of
 * jumping about it (tens of thousands of tasks at a country's scale). The ids come from the index
 * alone, without the report's joins (a task's unit always exists; its meeting, conclusion and
 * document are left joins): 20 ms less of a country's 0.45 s. The rows of the report then
 * read it by id (`(SELECT dp.percent FROM due_percent dp WHERE dp.id = t.id)`).
 */
const withPercents = (status: OpenDueStatus, body: string) => `
WITH due_ids AS MATERIALIZED (${openDueUnion('t.id AS id', status, '', '')}),
due_percent AS MATERIALIZED (SELECT d.id, ${percentAsOf('d.id')} AS percent FROM (SELECT id FROM due_ids ORDER BY id) d)
${body}`;
// Read back by a join, not a subquery per row: SQLite serves both from an automatic index on the
// materialised table, but PostgreSQL would scan it once per row (seconds for thousands of tasks).
const PERCENT_AS_OF = `dp.percent`;
const PERCENT_JOIN = `LEFT JOIN due_percent dp ON dp.id = t.id`;

const OPEN_DUE_COLUMNS = `t.id, t.kind, t.unit_id AS unitId, u.name AS unitName, u.code AS unitCode, t.title,
       t.start_on AS startOn, t.due_on AS dueOn, t.original_due_on AS originalDueOn, t.extensions, ${PERCENT_AS_OF} AS percent,
       t.meeting_id AS meetingId, m.title AS meetingTitle, m.held_on AS meetingHeldOn, c.ord AS conclusionOrd,
       t.document_id AS documentId, d.code AS documentCode`;
const OPEN_DUE_JOINS = `JOIN unit u ON u.id = t.unit_id
  LEFT JOIN meeting m ON m.id = t.meeting_id
  LEFT JOIN conclusion c ON c.id = t.conclusion_id
  LEFT JOIN document d ON d.id = t.document_id`;
const OPEN_DUE_FILTERS = `AND t.start_on <= @asOf
     AND (@units IS NULL OR t.unit_id IN (SELECT value FROM json_each(@units)))
     AND (@kind IS NULL OR t.kind = @kind)`;

/**
 * Tasks assigned by @asOf and in `status` on that day, with the given columns. Two index searches:
 * tasks open now (partial index task_open_due, by due date), and tasks closed after @asOf
 * (task_closed), which were still open on that day. Never a scan of task.
 */
function openDueUnion(columns: string, status: OpenDueStatus, percentJoin = PERCENT_JOIN, joins = OPEN_DUE_JOINS): string {
  return OPEN_BRANCHES.map(
    (openThen) => `
SELECT ${columns}
  FROM task t ${joins} ${percentJoin}
 WHERE ${openThen} AND ${STATUS_WHEN[status].where}
   ${OPEN_DUE_FILTERS}`,
  ).join('\nUNION ALL');
}

/** The SQL of the overdue report, for each of its parts. */
export const OPEN_DUE_SQL: Record<OpenDueStatus, string> = {
  overdue: withPercents('overdue', openDueUnion(OPEN_DUE_COLUMNS, 'overdue')),
  due_soon: withPercents('due_soon', openDueUnion(OPEN_DUE_COLUMNS, 'due_soon')),
};

export function openDueParams(q: OpenDueQuery) {
  return {
    ...statusParams(q.asOf, q.dueWithin ?? 0),
    units: q.unitIds?.length ? JSON.stringify(q.unitIds) : null,
    kind: q.kind ?? null,
  };
}

/**
 * The overdue report's items as JSON text built by SQLite, returned in report order (units in the
 * order of `unitRanks`, then due date, then id): for the compact JSON a script or cron reads, so that tens of
 * thousands of rows never become JavaScript objects. Must stay field for field the same as the
 * items buildOverdueReport makes (a test compares both on the sample). The source text comes from
 * the two message templates, with \u0001 and \u0002 standing for the values. The JSON leaves SQLite
 * as bytes (a BLOB): it goes to stdout as it is, never decoded into a JavaScript string and back;
 * the due date for the sort as a number (yyyymmdd), so that no row brings a string along either.
 */
const openDueJsonSql = (status: OpenDueStatus) =>
  withPercents(status, openDueUnion(
    `t.unit_id AS unitId, CAST(replace(t.due_on, '-', '') AS INTEGER) AS due, t.id AS tid,
  CAST(json_object('id', t.id, 'kind', t.kind, 'unitId', t.unit_id, 'unitName', u.name, 'unitCode', u.code, 'title', t.title,
    'startOn', t.start_on, 'dueOn', t.due_on, 'originalDueOn', t.original_due_on, 'extensions', t.extensions, 'percent', ${PERCENT_AS_OF},
    'meetingId', t.meeting_id, 'meetingTitle', m.title, 'meetingHeldOn', m.held_on, 'conclusionOrd', c.ord,
    'documentId', t.document_id, 'documentCode', d.code,
    'section', '${status}',
    'days', ${status === 'overdue' ? DAYS_OVERDUE : DAYS_LEFT},
    'daysOverdue', ${status === 'overdue' ? DAYS_OVERDUE : 'NULL'},
    'daysLeft', ${status === 'overdue' ? 'NULL' : DAYS_LEFT},
    'source', CASE WHEN t.meeting_id IS NOT NULL
                   THEN replace(replace(@tMeeting, char(1), t.meeting_id), char(2), coalesce(strftime('%d/%m/%Y', m.held_on), ''))
                        || CASE WHEN c.ord IS NOT NULL THEN ', ' || replace(@tConclusion, char(1), c.ord) ELSE '' END
                   ELSE '' END
              || CASE WHEN t.meeting_id IS NOT NULL AND d.code IS NOT NULL THEN '; ' ELSE '' END
              || coalesce(d.code, '')) AS BLOB) AS j`,
    status,
  ));
const OPEN_DUE_JSON_SQL: Record<OpenDueStatus, string> = { overdue: openDueJsonSql('overdue'), due_soon: openDueJsonSql('due_soon') };

export interface OpenDueJson {
  /** One JSON object per item (UTF-8 bytes), in report order. */
  items: Buffer[];
  unitIds: number[];
}

export function openTasksDueJson(
  db: Db,
  q: OpenDueQuery & { unitRanks: (number | null)[]; templates: { meeting: string; conclusion: string } },
): OpenDueJson {
  // Each row's values are kept in arrays of their own (the row arrays die young instead of being
  // copied by every collection while tens of thousands of them are held).
  const units: number[] = [];
  const dues: number[] = [];
  const ids: number[] = [];
  const json: Buffer[] = [];
  const rows = db
    .prepare(OPEN_DUE_JSON_SQL[q.status])
    .raw()
    .iterate({ ...openDueParams(q), tMeeting: q.templates.meeting, tConclusion: q.templates.conclusion }) as IterableIterator<[number, number, number, Buffer]>;
  for (const r of rows) {
    units.push(r[0]);
    dues.push(r[1]);
    ids.push(r[2]);
    json.push(r[3]);
  }
  // Report order: units by rank (Vietnamese order of names), then due date, then id. Sorted here:
  // looking the rank up in SQL cost more than the whole query. Rows are put in one list per rank,
  // then each list (tens of rows) sorted: a third of the time of one sort of every row.
  const rank = q.unitRanks;
  const byRank = new Map<number, number[]>();
  for (let i = 0; i < units.length; i++) {
    const k = rank[units[i]] ?? 0;
    const list = byRank.get(k);
    if (list) list.push(i);
    else byRank.set(k, [i]);
  }
  const items: Buffer[] = [];
  const unitIds: number[] = [];
  for (const k of [...byRank.keys()].sort((a, b) => a - b)) {
    for (const i of byRank.get(k)!.sort((a, b) => dues[a] - dues[b] || ids[a] - ids[b])) {
      items.push(json[i]);
      unitIds.push(units[i]);
    }
  }
  return { items, unitIds };
}

/** Tasks overdue, or due soon, on `asOf` (unsorted; the report sorts in Vietnamese order). */
export function openTasksDue(db: Db, q: OpenDueQuery): OpenDueRow[] {
  return db.prepare(OPEN_DUE_SQL[q.status]).all(openDueParams(q)) as OpenDueRow[];
}

export interface UnitTaskCounts {
  unitId: number;
  /** Assigned in the period (start date inside it, up to the as-of date). */
  assigned: number;
  /** Assigned earlier and still open when the period began. */
  carriedOver: number;
  /** assigned + carriedOver: the tasks the period is judged on. */
  total: number;
  doneOnTime: number;
  doneLate: number;
  doneNoDeadline: number;
  /** Open, due date not passed (due soon included). */
  inProgress: number;
  dueSoon: number;
  overdue: number;
  /** Open, no due date. */
  noDeadline: number;
  cancelled: number;
  /** Tasks whose due date was extended at least once. */
  extended: number;
  /** Not cancelled, due inside the period up to the as-of date: the base of the on-time rate. */
  dueInPeriod: number;
  /** Of those, done on or before the due date by the as-of date. */
  dueInPeriodDoneOnTime: number;
}

export interface CountsQuery {
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  kind?: TaskKind;
  /** The due-soon window (DEFAULT_WARN_DAYS when absent). */
  warnDays?: number;
}

// The statuses of classifyTask as integer flags summed per unit (task-status-sql.ts): in progress
// counts every open task whose due date has not passed, due soon included; cancelled counts the
// transferred tasks too (neither counts towards a rate).
const DUE_IN_PERIOD = `t.due_on >= @from AND t.due_on <= @until`;

const COUNT_COLUMNS = `
       count(*) AS n,
       sum(CASE WHEN ${STATUS_ON.done_on_time} THEN 1 ELSE 0 END) AS doneOnTime,
       sum(CASE WHEN ${STATUS_ON.done_late} THEN 1 ELSE 0 END) AS doneLate,
       sum(CASE WHEN ${STATUS_ON.done_no_deadline} THEN 1 ELSE 0 END) AS doneNoDeadline,
       sum(CASE WHEN (${STATUS_ON.in_progress}) OR (${STATUS_ON.due_soon}) THEN 1 ELSE 0 END) AS inProgress,
       sum(CASE WHEN ${STATUS_ON.due_soon} THEN 1 ELSE 0 END) AS dueSoon,
       sum(CASE WHEN ${STATUS_ON.overdue} THEN 1 ELSE 0 END) AS overdue,
       sum(CASE WHEN ${STATUS_ON.no_deadline} THEN 1 ELSE 0 END) AS noDeadline,
       sum(CASE WHEN ${CANCELLED_BY} THEN 1 ELSE 0 END) AS cancelled,
       sum(CASE WHEN t.extensions > 0 THEN 1 ELSE 0 END) AS extended,
       sum(CASE WHEN ${NOT_CANCELLED_BY} AND ${DUE_IN_PERIOD} THEN 1 ELSE 0 END) AS dueInPeriod,
       sum(CASE WHEN ${STATUS_ON.done_on_time} AND ${DUE_IN_PERIOD} THEN 1 ELSE 0 END) AS dueInPeriodDoneOnTime`;

/**
 * Per-unit counts for a period, set-based, in two index searches that each cover what they read:
 * tasks assigned in [from, min(to, asOf)] (task_start), and tasks assigned before `from` and still
 * open then, i.e. carried over (task_closed). One row per unit and branch; taskCountsByUnit adds
 * them up.
 */
export const COUNTS_SQL = `
SELECT t.unit_id AS unitId, 0 AS carried, ${COUNT_COLUMNS}
  FROM task t
 WHERE t.start_on >= @from AND t.start_on <= @until
   AND (@kind IS NULL OR t.kind = @kind)
 GROUP BY +t.unit_id
UNION ALL
SELECT t.unit_id AS unitId, 1 AS carried, ${COUNT_COLUMNS}
  FROM task t
 WHERE coalesce(t.done_on, t.cancelled_on, '9999-12-31') >= @from
   -- unary + keeps the planner off task_start here: "started before" spans all history,
   -- "closed since (or still open)" is small.
   AND +t.start_on < @from
   AND (@kind IS NULL OR t.kind = @kind)
 -- + here too: grouping must not tempt the planner into walking task_unit_start end to end.
 GROUP BY +t.unit_id`;

export function countsParams(q: CountsQuery) {
  return { ...statusParams(q.asOf, q.warnDays), from: q.from, until: q.to < q.asOf ? q.to : q.asOf, kind: q.kind ?? null };
}

type CountRow = Omit<UnitTaskCounts, 'assigned' | 'carriedOver' | 'total'> & { carried: 0 | 1; n: number };
const SUMMED = ['doneOnTime', 'doneLate', 'doneNoDeadline', 'inProgress', 'dueSoon', 'overdue', 'noDeadline', 'cancelled', 'extended', 'dueInPeriod', 'dueInPeriodDoneOnTime'] as const;

export function taskCountsByUnit(db: Db, q: CountsQuery): UnitTaskCounts[] {
  const rows = db.prepare(COUNTS_SQL).all(countsParams(q)) as CountRow[];
  const byUnit = new Map<number, UnitTaskCounts>();
  for (const r of rows) {
    let c = byUnit.get(r.unitId);
    if (!c) {
      c = { unitId: r.unitId, assigned: 0, carriedOver: 0, total: 0 } as UnitTaskCounts;
      for (const k of SUMMED) c[k] = 0;
      byUnit.set(r.unitId, c);
    }
    if (r.carried) c.carriedOver += r.n;
    else c.assigned += r.n;
    c.total += r.n;
    for (const k of SUMMED) c[k] += r[k];
  }
  return [...byUnit.values()];
}
