/** One meeting with everything the minutes need: people as they were that day, units, documents, speeches, conclusions and their tasks. */
import { NotFoundError } from '../../errors.js';
import type { IsoDate } from '../../domain/dates.js';
import { classifyTask, type TaskStatus } from '../../domain/tasks.js';
import { compareVi } from '../../domain/text.js';
import type { Db } from '../db.js';
import { membershipOn } from '../memberships.js';
import { TRANSFERRED } from '../task-status-sql.js';
import type { MeetingKind, SpeechKind } from './kinds.js';

export interface PersonRef {
  id: number;
  fullName: string;
  positions: string[];
  unitId: number | null;
  unitName: string | null;
}

export interface MeetingUnit {
  unitId: number;
  name: string;
  code: string | null;
  kind: string;
  present: boolean;
  absentReason: string | null;
}

export interface MeetingDocument {
  id: number;
  code: string;
  title: string | null;
  issuedOn: IsoDate | null;
  issuingBody: string | null;
}

export interface Speech {
  id: number;
  meetingId: number;
  ord: number;
  kind: SpeechKind;
  speakerId: number | null;
  speakerName: string | null;
  speakerPositions: string[];
  unitId: number | null;
  unitName: string | null;
  summary: string;
  illustrative: boolean;
}

export interface ConclusionTask {
  id: number;
  /** 'task', or 'breakthrough' for a breakthrough a unit registered later under the conclusion. */
  kind: 'task' | 'breakthrough';
  unitId: number;
  unitName: string;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  doneOn: IsoDate | null;
  cancelledOn: IsoDate | null;
  /** Derived as of the date given to getMeeting; null when none was given. */
  status: TaskStatus | null;
}

export interface Conclusion {
  id: number;
  ord: number;
  text: string;
  tasks: ConclusionTask[];
}

export interface MeetingDetail {
  id: number;
  heldOn: IsoDate;
  title: string;
  kind: MeetingKind;
  period: string;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  organizer: { id: number; name: string; parentName: string | null } | null;
  recorder: PersonRef | null;
  chairs: PersonRef[];
  guests: PersonRef[];
  units: MeetingUnit[];
  counts: { invited: number; present: number; absent: number; speeches: number; speakingUnits: number; chairRemarks: number; conclusions: number; tasks: number };
  documents: MeetingDocument[];
  /** The proceedings: remarks and contributions (tham-luan, phat-bieu, chi-dao), in order. */
  speeches: Speech[];
  /** The chair's concluding remarks (kind ket-luan), which the minutes put with the conclusions. */
  chairRemarks: Speech[];
  conclusions: Conclusion[];
  /** Tasks linked to the meeting but to no conclusion. */
  otherTasks: ConclusionTask[];
  closed: boolean;
  closedAt: string | null;
  note: string | null;
  illustrative: boolean;
  asOf: IsoDate | null;
}

interface PersonRefRow {
  id: number;
  fullName: string;
  positions: string;
  unitId: number | null;
  unitName: string | null;
}
const toPersonRef = (r: PersonRefRow): PersonRef => ({ ...r, positions: JSON.parse(r.positions) as string[] });

export const SELECT_SPEECH = `
  SELECT s.id, s.meeting_id AS meetingId, s.ord, s.kind, s.speaker_id AS speakerId, p.full_name AS speakerName,
         p.positions AS speakerPositions, s.unit_id AS unitId, u.name AS unitName, s.summary, s.illustrative
    FROM speech s
    LEFT JOIN person p ON p.id = s.speaker_id
    LEFT JOIN unit u ON u.id = s.unit_id`;

export type SpeechRow = Omit<Speech, 'speakerPositions' | 'illustrative'> & { speakerPositions: string | null; illustrative: number };
export const toSpeech = (r: SpeechRow): Speech => ({ ...r, speakerPositions: r.speakerPositions ? (JSON.parse(r.speakerPositions) as string[]) : [], illustrative: !!r.illustrative });

/**
 * Everything about one meeting, in the order the minutes need it. With `asOf`, the tasks made from
 * its conclusions carry their status on that day. Undefined when there is no such meeting.
 */
export function getMeeting(db: Db, id: number, opts: { asOf?: IsoDate } = {}): MeetingDetail | undefined {
  const m = db
    .prepare(
      `SELECT m.id, m.held_on AS heldOn, m.title, m.kind, m.period, m.location, m.start_time AS startTime, m.end_time AS endTime,
              m.organizer_id AS organizerId, o.name AS organizerName, op.name AS organizerParentName,
              m.recorder_id AS recorderId, m.closed_at AS closedAt, m.note, m.illustrative
         FROM meeting m
         LEFT JOIN unit o ON o.id = m.organizer_id
         LEFT JOIN unit op ON op.id = o.parent_id
        WHERE m.id = ?`,
    )
    .get(id) as
    | (Omit<MeetingDetail, 'organizer' | 'recorder' | 'chairs' | 'guests' | 'units' | 'counts' | 'documents' | 'speeches' | 'chairRemarks' | 'conclusions' | 'otherTasks' | 'closed' | 'illustrative' | 'asOf'> & {
        organizerId: number | null;
        organizerName: string | null;
        organizerParentName: string | null;
        recorderId: number | null;
        illustrative: number;
      })
    | undefined;
  if (!m) return undefined;
  const personSql = `SELECT p.id, p.full_name AS fullName, p.positions, p.unit_id AS unitId, u.name AS unitName FROM person p LEFT JOIN unit u ON u.id = p.unit_id`;
  // People as they were on the day of the meeting (unit and positions), not as they are now.
  const asThen = <R extends PersonRefRow>(r: R): R => {
    const then = membershipOn(db, r.id, m.heldOn);
    return then ? { ...r, ...then } : r;
  };
  const recorderNow = m.recorderId ? (db.prepare(`${personSql} WHERE p.id = ?`).get(m.recorderId) as PersonRefRow | undefined) : undefined;
  const recorder = recorderNow ? asThen(recorderNow) : undefined;
  const people = (
    db
      .prepare(
        `SELECT mp.role, p.id, p.full_name AS fullName, p.positions, p.unit_id AS unitId, u.name AS unitName
           FROM meeting_person mp JOIN person p ON p.id = mp.person_id LEFT JOIN unit u ON u.id = p.unit_id
          WHERE mp.meeting_id = ? ORDER BY mp.role, mp.ord`,
      )
      .all(id) as (PersonRefRow & { role: string })[]
  ).map(asThen);
  const units = (
    db
      .prepare(
        `SELECT mu.unit_id AS unitId, u.name, u.code, u.kind, mu.present, mu.absent_reason AS absentReason
           FROM meeting_unit mu JOIN unit u ON u.id = mu.unit_id WHERE mu.meeting_id = ?`,
      )
      .all(id) as (Omit<MeetingUnit, 'present'> & { present: number })[]
  ).map((u) => ({ ...u, present: !!u.present }));
  units.sort((a, b) => compareVi(a.name, b.name));
  const documents = db
    .prepare(
      `SELECT d.id, d.code, d.title, d.issued_on AS issuedOn, d.issuing_body AS issuingBody
         FROM meeting_document md JOIN document d ON d.id = md.document_id WHERE md.meeting_id = ? ORDER BY md.ord, d.code`,
    )
    .all(id) as MeetingDocument[];
  const allSpeeches = (db.prepare(`${SELECT_SPEECH} WHERE s.meeting_id = ? ORDER BY s.ord`).all(id) as SpeechRow[]).map((r) => {
    const then = r.speakerId ? membershipOn(db, r.speakerId, m.heldOn) : null;
    return toSpeech(then ? { ...r, speakerPositions: then.positions } : r);
  });
  const speeches = allSpeeches.filter((s) => s.kind !== 'ket-luan');
  const chairRemarks = allSpeeches.filter((s) => s.kind === 'ket-luan');
  const taskRows = (
    db
      .prepare(
        `SELECT t.id, t.kind, t.conclusion_id AS conclusionId, t.unit_id AS unitId, u.name AS unitName, t.title, t.start_on AS startOn,
                t.due_on AS dueOn, t.done_on AS doneOn, t.cancelled_on AS cancelledOn, ${TRANSFERRED} AS transferred
           FROM task t JOIN unit u ON u.id = t.unit_id
          WHERE t.meeting_id = ? ORDER BY t.id`,
      )
      .all(id) as (Omit<ConclusionTask, 'status'> & { conclusionId: number | null; transferred: number })[]
  ).map(({ conclusionId, transferred, ...t }) => ({
    conclusionId,
    task: { ...t, status: opts.asOf ? classifyTask({ ...t, transferred: !!transferred }, opts.asOf) : null } as ConclusionTask,
  }));
  const conclusions = (db.prepare('SELECT id, ord, text FROM conclusion WHERE meeting_id = ? ORDER BY ord').all(id) as Omit<Conclusion, 'tasks'>[]).map((c) => ({
    ...c,
    tasks: taskRows.filter((t) => t.conclusionId === c.id).map((t) => t.task),
  }));
  const conclusionIds = new Set(conclusions.map((c) => c.id));
  const otherTasks = taskRows.filter((t) => t.conclusionId === null || !conclusionIds.has(t.conclusionId)).map((t) => t.task);
  const present = units.filter((u) => u.present).length;
  return {
    id: m.id,
    heldOn: m.heldOn,
    title: m.title,
    kind: m.kind,
    period: m.period,
    location: m.location,
    startTime: m.startTime,
    endTime: m.endTime,
    organizer: m.organizerId ? { id: m.organizerId, name: m.organizerName!, parentName: m.organizerParentName } : null,
    recorder: recorder ? toPersonRef(recorder) : null,
    chairs: people.filter((p) => p.role === 'chair').map(({ role, ...p }) => (void role, toPersonRef(p))),
    guests: people.filter((p) => p.role === 'guest').map(({ role, ...p }) => (void role, toPersonRef(p))),
    units,
    counts: {
      invited: units.length,
      present,
      absent: units.length - present,
      speeches: speeches.length,
      speakingUnits: new Set(speeches.filter((s) => s.unitId !== null).map((s) => s.unitId)).size,
      chairRemarks: chairRemarks.length,
      conclusions: conclusions.length,
      tasks: taskRows.length,
    },
    documents,
    speeches,
    chairRemarks,
    conclusions,
    otherTasks,
    closed: !!m.closedAt,
    closedAt: m.closedAt,
    note: m.note,
    illustrative: !!m.illustrative,
    asOf: opts.asOf ?? null,
  };
}

/** getMeeting, or "no meeting with id N" (exit 1). */
export function requireMeeting(db: Db, id: number, opts: { asOf?: IsoDate } = {}): MeetingDetail {
  const m = getMeeting(db, id, opts);
  if (!m) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
  return m;
}
