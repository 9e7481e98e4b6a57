/**
 * `report tasks` as data: follow-up counts per unit for a period (every ward that existed in it,
 * plus any other unit with tasks), with rates and the bases they are computed on. No flags, no output.
 */
import { formatDateVi, type IsoDate } from '../domain/dates.js';
import { periodLabel, type Period } from '../domain/periods.js';
import type { TaskKind } from '../domain/tasks.js';
import { sortVi } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { taskCountsByUnit, type UnitTaskCounts } from '../store/task-reports.js';
import { listUnits, unitNames } from '../store/units.js';

export interface UnitTaskReportRow extends UnitTaskCounts {
  unitName: string | null;
  /** Done on time among tasks due in the period, in percent; null when none was due. */
  onTimeRate: number | null;
  /** Done (any way) among all tasks judged (assigned + carried over), cancelled left out; null when none. */
  completionRate: number | null;
}

export interface TaskReport {
  period: { code: string; from: IsoDate; to: IsoDate; label: string };
  asOf: IsoDate;
  kind: TaskKind | null;
  units: UnitTaskReportRow[];
  total: UnitTaskReportRow;
  bases: { onTimeRate: string; completionRate: string; inProgress: string };
}

const COUNT_KEYS = [
  'assigned',
  'carriedOver',
  'total',
  'doneOnTime',
  'doneLate',
  'doneNoDeadline',
  'inProgress',
  'dueSoon',
  'overdue',
  'noDeadline',
  'cancelled',
  'extended',
  'dueInPeriod',
  'dueInPeriodDoneOnTime',
] as const;

const pct = (n: number, base: number) => (base > 0 ? Math.round((n / base) * 1000) / 10 : null);

function withRates(c: UnitTaskCounts, unitName: string | null): UnitTaskReportRow {
  const done = c.doneOnTime + c.doneLate + c.doneNoDeadline;
  return { ...c, unitName, onTimeRate: pct(c.dueInPeriodDoneOnTime, c.dueInPeriod), completionRate: pct(done, c.total - c.cancelled) };
}

function zero(unitId: number): UnitTaskCounts {
  const z = { unitId } as UnitTaskCounts;
  for (const k of COUNT_KEYS) z[k] = 0;
  return z;
}

/** Every ward that existed in the period, plus any other unit with tasks in it; a total row. */
export function buildTaskReport(db: Db, lang: Lang, t: Translate, q: { period: Period; asOf: IsoDate; kind?: TaskKind; warnDays: number }): TaskReport {
  const counts = taskCountsByUnit(db, { from: q.period.from, to: q.period.to, asOf: q.asOf, kind: q.kind, warnDays: q.warnDays });
  const byUnit = new Map(counts.map((c) => [c.unitId, c]));
  const names = new Map(unitNames(db).map((r) => [r.id, r.name]));
  const wards = listUnits(db, { kind: 'ward', from: q.period.from, to: q.period.to < q.asOf ? q.period.to : q.asOf });
  const ids = new Set<number>([...wards.map((w) => w.id), ...byUnit.keys()]);
  const units = sortVi(
    [...ids].map((id) => withRates(byUnit.get(id) ?? zero(id), names.get(id) ?? null)),
    (r) => r.unitName ?? '',
  );
  const sum = zero(0);
  for (const c of counts) for (const k of COUNT_KEYS) sum[k] += c[k];
  const total = { ...withRates(sum, null), unitId: 0 };
  const until = q.period.to < q.asOf ? q.period.to : q.asOf;
  const range = { from: formatDateVi(q.period.from), to: formatDateVi(until) };
  return {
    period: { code: q.period.code, from: q.period.from, to: q.period.to, label: periodLabel(q.period, lang) },
    asOf: q.asOf,
    kind: q.kind ?? null,
    units,
    total,
    bases: {
      onTimeRate: t('report.tasks.base.onTime', range),
      completionRate: t('report.tasks.base.completion', { ...range, date: formatDateVi(q.asOf) }),
      inProgress: t('report.tasks.base.inProgress', { days: q.warnDays }),
    },
  };
}
