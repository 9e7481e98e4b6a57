/** The kinds of meetings and speeches, and what a caller gives to record a meeting. */
import { UsageError } from '../../errors.js';
import type { IsoDate } from '../../domain/dates.js';

export const MEETING_KINDS = ['giao-ban-chuyen-de', 'giao-ban', 'so-ket', 'tong-ket', 'hoi-nghi', 'khac'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const SPEECH_KINDS = ['tham-luan', 'phat-bieu', 'ket-luan', 'chi-dao'] as const;
export type SpeechKind = (typeof SPEECH_KINDS)[number];

export interface SpeechInput {
  speakerId?: number | null;
  unitId?: number | null;
  kind: SpeechKind;
  summary: string;
  illustrative?: boolean;
}

export interface ConclusionInput {
  text: string;
  assignUnitIds: number[];
  dueOn?: IsoDate | null;
}

export interface MeetingInput {
  heldOn: IsoDate;
  title: string;
  kind: MeetingKind;
  /** Period code; default: the quarter of heldOn. */
  period?: string;
  location?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  organizerId?: number | null;
  recorderId?: number | null;
  chairIds: number[];
  guestIds: number[];
  units: { unitId: number; present: boolean; absentReason?: string | null }[];
  documentIds: number[];
  speeches: SpeechInput[];
  conclusions: ConclusionInput[];
  note?: string | null;
  illustrative?: boolean;
}

export interface CreatedMeeting {
  meetingId: number;
  conclusionIds: number[];
  taskIds: number[];
}

/** A meeting kind, or a usage error naming the field. */
export function checkMeetingKind(value: string, field = 'kind'): MeetingKind {
  if (!(MEETING_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: MEETING_KINDS.join(', ') });
  return value as MeetingKind;
}

/** A speech kind, or a usage error naming the field. */
export function checkSpeechKind(value: string, field = 'kind'): SpeechKind {
  if (!(SPEECH_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: SPEECH_KINDS.join(', ') });
  return value as SpeechKind;
}
