/** Lists of meetings and speeches, and the small lookups commands make about one meeting or speech. */
import type { IsoDate } from '../../domain/dates.js';
import type { Db } from '../db.js';
import { toSpeech, type Speech, type SpeechRow } from './detail.js';
import type { MeetingKind } from './kinds.js';

export interface MeetingListRow {
  id: number;
  heldOn: IsoDate;
  kind: MeetingKind;
  period: string;
  title: string;
  location: string | null;
  invited: number;
  present: number;
  absent: number;
  speeches: number;
  conclusions: number;
  closed: boolean;
  illustrative: boolean;
  /** With a unit filter: whether that unit was present. */
  unitPresent?: boolean;
  unitAbsentReason?: string | null;
}

export interface MeetingFilter {
  from?: IsoDate;
  to?: IsoDate;
  kind?: MeetingKind;
  documentId?: number;
  /** Meetings this unit was invited to. */
  unitId?: number;
}

export function listMeetings(db: Db, filter: MeetingFilter = {}): MeetingListRow[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.held_on AS heldOn, m.kind, m.period, m.title, m.location,
              (SELECT count(*) FROM meeting_unit mu WHERE mu.meeting_id = m.id) AS invited,
              (SELECT count(*) FROM meeting_unit mu WHERE mu.meeting_id = m.id AND mu.present = 1) AS present,
              (SELECT count(*) FROM speech s WHERE s.meeting_id = m.id AND s.kind <> 'ket-luan') AS speeches,
              (SELECT count(*) FROM conclusion c WHERE c.meeting_id = m.id) AS conclusions,
              m.closed_at IS NOT NULL AS closed, m.illustrative,
              fu.present AS unitPresent, fu.absent_reason AS unitAbsentReason
         FROM meeting m
         LEFT JOIN meeting_unit fu ON fu.meeting_id = m.id AND fu.unit_id = @unit
        WHERE (@from IS NULL OR m.held_on >= @from)
          AND (@to IS NULL OR m.held_on <= @to)
          AND (@kind IS NULL OR m.kind = @kind)
          AND (@doc IS NULL OR EXISTS (SELECT 1 FROM meeting_document md WHERE md.meeting_id = m.id AND md.document_id = @doc))
          AND (@unit IS NULL OR fu.unit_id IS NOT NULL)
        ORDER BY m.held_on, m.id`,
    )
    .all({ from: filter.from ?? null, to: filter.to ?? null, kind: filter.kind ?? null, doc: filter.documentId ?? null, unit: filter.unitId ?? null }) as (Omit<
    MeetingListRow,
    'closed' | 'illustrative' | 'absent' | 'unitPresent'
  > & { closed: number; illustrative: number; unitPresent: number | null })[];
  return rows.map((r) => {
    const { unitPresent, unitAbsentReason, ...rest } = r;
    return {
      ...rest,
      absent: r.invited - r.present,
      closed: !!r.closed,
      illustrative: !!r.illustrative,
      ...(filter.unitId !== undefined ? { unitPresent: !!unitPresent, unitAbsentReason: unitAbsentReason ?? null } : {}),
    };
  });
}

export interface SpeechFilter {
  meetingId?: number;
  unitId?: number;
  from?: IsoDate;
  to?: IsoDate;
}

export type SpeechListRow = Speech & { heldOn: IsoDate; meetingTitle: string };

/**
 * Speeches of one meeting in order, or of one unit across meetings in a period. The WHERE clause
 * is assembled from fixed conditions (values stay bound) so that SQLite can use speech_unit or
 * speech_meeting instead of scanning every speech.
 */
export function speechListQuery(filter: SpeechFilter): { sql: string; params: Record<string, string | number> } {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.meetingId !== undefined) {
    where.push('s.meeting_id = @meeting');
    params.meeting = filter.meetingId;
  }
  if (filter.unitId !== undefined) {
    where.push('s.unit_id = @unit');
    params.unit = filter.unitId;
  }
  if (filter.from !== undefined) {
    where.push('m.held_on >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('m.held_on <= @to');
    params.to = filter.to;
  }
  const sql = `SELECT s.id, s.meeting_id AS meetingId, m.held_on AS heldOn, m.title AS meetingTitle, s.ord, s.kind,
              s.speaker_id AS speakerId, p.full_name AS speakerName, p.positions AS speakerPositions,
              s.unit_id AS unitId, u.name AS unitName, s.summary, s.illustrative
         FROM speech s
         JOIN meeting m ON m.id = s.meeting_id
         LEFT JOIN person p ON p.id = s.speaker_id
         LEFT JOIN unit u ON u.id = s.unit_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY m.held_on, m.id, s.ord`;
  return { sql, params };
}

export function listSpeeches(db: Db, filter: SpeechFilter): SpeechListRow[] {
  const { sql, params } = speechListQuery(filter);
  const rows = db.prepare(sql).all(params) as (SpeechRow & { heldOn: IsoDate; meetingTitle: string })[];
  return rows.map((r) => ({ ...toSpeech(r), heldOn: r.heldOn, meetingTitle: r.meetingTitle }));
}

/** The committee that organised a meeting (null when none was recorded or the meeting is unknown). */
export function meetingOrganizerId(db: Db, meetingId: number): number | null {
  const row = db.prepare('SELECT organizer_id AS o FROM meeting WHERE id = ?').get(meetingId) as { o: number | null } | undefined;
  return row?.o ?? null;
}

/** A meeting's date, or undefined when there is no such meeting. */
export function meetingHeldOn(db: Db, id: number): IsoDate | undefined {
  return (db.prepare('SELECT held_on AS heldOn FROM meeting WHERE id = ?').get(id) as { heldOn: IsoDate } | undefined)?.heldOn;
}

/** The meeting a speech belongs to, or undefined when there is no such speech. */
export function speechMeetingId(db: Db, speechId: number): number | undefined {
  return (db.prepare('SELECT meeting_id AS m FROM speech WHERE id = ?').get(speechId) as { m: number } | undefined)?.m;
}
