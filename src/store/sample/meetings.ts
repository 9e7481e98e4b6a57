/** Sample meetings: keys of units, people and documents resolve through refs; no tasks are made here. */
import { createMeeting } from '../meetings/write.js';
import { grassrootsUnits } from '../units.js';
import type { SampleLoader } from './index.js';

interface SampleSpeech {
  speaker?: string;
  unit?: string;
  kind: 'tham-luan' | 'phat-bieu' | 'ket-luan' | 'chi-dao';
  summary: string;
  illustrative?: boolean;
}

interface SampleMeeting {
  key: string;
  heldOn: string;
  title: string;
  kind: 'giao-ban-chuyen-de' | 'giao-ban' | 'so-ket' | 'tong-ket' | 'hoi-nghi' | 'khac';
  period?: string;
  location?: string;
  startTime?: string;
  endTime?: string;
  organizer?: string;
  recorder?: string;
  chairs?: string[];
  guests?: string[];
  /** Unit keys, or "all-units": every grassroots unit of the organiser on the day. */
  invite?: string[] | 'all-units';
  absent?: { unit: string; reason: string }[];
  documents?: string[];
  speeches?: SampleSpeech[];
  /** The sample's conclusions carry no units: the tasks section links its tasks to them by key#ord. */
  conclusions?: { text: string }[];
  note?: string;
  illustrative?: boolean;
}

export const loadMeetings: SampleLoader = (db, audit, data, refs) => {
  for (const m of (data.meetings ?? []) as SampleMeeting[]) {
    const absent = new Map((m.absent ?? []).map((a) => [refs.unit(a.unit), a.reason]));
    const organizerId = m.organizer ? refs.unit(m.organizer) : null;
    const invited =
      m.invite === 'all-units' ? grassrootsUnits(db, { on: m.heldOn, committeeId: organizerId }).map((u) => u.id) : (m.invite ?? []).map((k) => refs.unit(k));
    const created = createMeeting(db, audit, {
      heldOn: m.heldOn,
      title: m.title,
      kind: m.kind,
      period: m.period,
      location: m.location ?? null,
      startTime: m.startTime ?? null,
      endTime: m.endTime ?? null,
      organizerId,
      recorderId: m.recorder ? refs.person(m.recorder) : null,
      chairIds: (m.chairs ?? []).map((k) => refs.person(k)),
      guestIds: (m.guests ?? []).map((k) => refs.person(k)),
      units: invited.map((unitId) => ({ unitId, present: !absent.has(unitId), absentReason: absent.get(unitId) ?? null })),
      documentIds: (m.documents ?? []).map((c) => refs.document(c)),
      speeches: (m.speeches ?? []).map((s) => ({
        speakerId: s.speaker ? refs.person(s.speaker) : null,
        unitId: s.unit ? refs.unit(s.unit) : null,
        kind: s.kind,
        summary: s.summary,
        illustrative: !!s.illustrative,
      })),
      conclusions: (m.conclusions ?? []).map((c) => ({ text: c.text, assignUnitIds: [] })),
      note: m.note ?? null,
      illustrative: !!m.illustrative,
    });
    refs.meetings.set(m.key, created.meetingId);
    created.conclusionIds.forEach((id, i) => refs.conclusions.set(`${m.key}#${i + 1}`, id));
  }
};
