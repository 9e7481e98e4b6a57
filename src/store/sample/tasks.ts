/**
 * Sample tasks and breakthroughs. Each task goes to its units as one group, then what happened to
 * it in each unit (progress, extension, completion, cancellation) is replayed through the same
 * store functions the commands use, so the history is complete. Links to meetings and conclusions
 * are by key; a key the meetings section did not create leaves the link empty.
 */
import { addTasks, cancelTasks, extendTasks, markDone, recordProgress } from '../task-writes.js';
import { addDays } from '../../domain/dates.js';
import { meetingOrganizerId } from '../meetings/list.js';
import { grassrootsUnits, listUnits } from '../units.js';
import type { Audit } from '../changelog.js';
import type { Db } from '../db.js';
import type { SampleLoader, SampleRefs } from './index.js';

interface Outcome {
  progress?: { on: string; percent: number; note?: string }[];
  extend?: { on: string; due: string; reason: string }[];
  done?: string;
  doneNote?: string;
  cancel?: { on: string; reason: string };
}

interface SampleTask {
  key?: string;
  title: string;
  /**
   * Unit keys; "wards": every ward that exists on the start date; "all-units": every grassroots unit
   * (ward, commune, special zone) of the meeting's committee on the start date.
   */
  units: string[] | 'wards' | 'all-units';
  start: string;
  due?: string | null;
  meeting?: string;
  /** "meetingKey#ord" */
  conclusion?: string;
  document?: string;
  owner?: string;
  note?: string;
  illustrative?: boolean;
  outcomes?: Record<string, Outcome>;
  /**
   * For units without an outcome of their own, in a fixed shuffled order: the first
   * `onTime` share finish before the due date, the next `late` share after it, the rest stay open.
   */
  spread?: { onTime: number; late: number };
}

interface SampleBreakthrough extends Outcome {
  unit: string;
  year: number;
  title: string;
  target?: string | null;
  start: string;
  due?: string | null;
  meeting?: string;
  conclusion?: string;
  document?: string;
  note?: string;
  illustrative?: boolean;
}

function links(refs: SampleRefs, item: { meeting?: string; conclusion?: string; document?: string }) {
  return {
    meetingId: item.meeting ? (refs.meetings.get(item.meeting) ?? null) : null,
    conclusionId: item.conclusion ? (refs.conclusions.get(item.conclusion) ?? null) : null,
    documentId: item.document ? refs.document(item.document) : null,
  };
}

function replay(db: Db, audit: Audit, id: number, o: Outcome | undefined) {
  if (!o) return;
  // In date order, as it happened.
  const steps: { on: string; run: () => void }[] = [
    ...(o.progress ?? []).map((p) => ({ on: p.on, run: () => void recordProgress(db, audit, [id], { percent: p.percent, on: p.on, note: p.note ?? null }) })),
    ...(o.extend ?? []).map((e) => ({ on: e.on, run: () => void extendTasks(db, audit, [id], { due: e.due, reason: e.reason, on: e.on }) })),
    ...(o.done ? [{ on: o.done, run: () => void markDone(db, audit, [id], { on: o.done!, note: o.doneNote ?? null }) }] : []),
    ...(o.cancel ? [{ on: o.cancel.on, run: () => void cancelTasks(db, audit, [id], { on: o.cancel!.on, reason: o.cancel!.reason }) }] : []),
  ];
  steps.sort((a, b) => a.on.localeCompare(b.on));
  for (const s of steps) s.run();
}

/** The outcome of the i-th of n units under a spread (see SampleTask.spread): deterministic. */
function spreadOutcome(spread: { onTime: number; late: number }, index: number, n: number, start: string, due: string, salt: number): Outcome | undefined {
  // A fixed shuffle (37 shares no factor with the unit counts of the samples), different per task,
  // so that the late and open ones are not always the last names of the list.
  const i = (index * 37 + salt) % n;
  const onTime = Math.round(spread.onTime * n);
  const late = Math.round(spread.late * n);
  if (i < onTime) {
    const done = addDays(due, -(i % 12));
    return { done: done < start ? start : done };
  }
  if (i < onTime + late) return { done: addDays(due, 1 + ((i * 7) % 20)) };
  return i % 3 === 0 ? { progress: [{ on: addDays(start, 10 + (i % 15)), percent: 20 + ((i * 13) % 60) }] } : undefined;
}

export const loadTasks: SampleLoader = (db, audit, data, refs) => {
  for (const t of (data.tasks ?? []) as SampleTask[]) {
    const meetingId = t.meeting ? (refs.meetings.get(t.meeting) ?? null) : null;
    const unitIds =
      t.units === 'wards'
        ? listUnits(db, { kind: 'ward', at: t.start }).map((u) => u.id)
        : t.units === 'all-units'
          ? grassrootsUnits(db, { on: t.start, committeeId: meetingId === null ? null : meetingOrganizerId(db, meetingId) }).map((u) => u.id)
          : t.units.map((k) => refs.unit(k));
    const ids = addTasks(db, audit, {
      title: t.title,
      unitIds,
      startOn: t.start,
      dueOn: t.due ?? null,
      ...links(refs, t),
      ownerId: t.owner ? refs.person(t.owner) : null,
      note: t.note ?? null,
      illustrative: !!t.illustrative,
    });
    const keyOf = new Map<number, string>([...refs.units.entries()].map(([k, id]) => [id, k]));
    const spread = t.spread;
    ids.forEach((id, i) => {
      const own = t.outcomes?.[keyOf.get(unitIds[i]) ?? ''];
      replay(db, audit, id, own ?? (spread && t.due ? spreadOutcome(spread, i, ids.length, t.start, t.due, t.title.length) : undefined));
    });
  }
  for (const b of (data.breakthroughs ?? []) as SampleBreakthrough[]) {
    const [id] = addTasks(db, audit, {
      title: b.title,
      kind: 'breakthrough',
      target: b.target ?? null,
      year: b.year,
      unitIds: [refs.unit(b.unit)],
      startOn: b.start,
      dueOn: b.due ?? null,
      ...links(refs, b),
      note: b.note ?? null,
      illustrative: !!b.illustrative,
    });
    replay(db, audit, id, b);
  }
};
