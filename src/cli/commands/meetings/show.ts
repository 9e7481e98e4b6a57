/** The human form of `meeting show`: every part of a meeting, in the order of the minutes. */
import { formatDateVi } from '../../../domain/dates.js';
import { parsePeriod, periodLabel } from '../../../domain/periods.js';
import { localTimestamp } from '../../../store/meetings/write.js';
import type { MeetingDetail, PersonRef, Speech } from '../../../store/meetings/detail.js';
import type { Env } from '../../env.js';

export function meetingText(env: Env, m: MeetingDetail): string {
  const t = env.t;
  const date = (d: string | null) => (d ? formatDateVi(d) : '');
  // An empty field reads "(chưa ghi)", the one spelling of "not recorded".
  const line = (label: string, value: string | null | undefined) => `${t(label).padEnd(20)} ${value || t('common.notRecorded')}`;
  const person = (p: PersonRef) => [p.fullName, ...p.positions].join(', ');
  const speech = (s: Speech) =>
    `  ${String(s.ord).padStart(2)}. [${t(`speech.kind.${s.kind}`)}] ${s.speakerName ? `${s.speakerName}${s.unitName ? ` (${s.unitName})` : ''}` : (s.unitName ?? '')}${s.illustrative ? ` ${t('common.illustrative')}` : ''}\n      ${s.summary.replace(/\n/g, '\n      ')}`;
  let period = m.period;
  try {
    period = `${m.period} (${periodLabel(parsePeriod(m.period, m.heldOn), env.lang)})`;
  } catch {
    // shown as stored
  }
  const time = m.startTime || m.endTime ? `${m.startTime ?? '…'} – ${m.endTime ?? '…'}` : '';
  const out: string[] = [
    line('meeting.col.meetingTitle', m.title),
    line('col.id', String(m.id)),
    line('col.date', date(m.heldOn)),
    line('col.kind', t(`meeting.kind.${m.kind}`)),
    line('meeting.col.period', period),
    line('meeting.col.time', time),
    line('meeting.col.location', m.location),
    line('meeting.col.organizer', m.organizer?.name),
    line('meeting.col.recorder', m.recorder ? person(m.recorder) : ''),
    line('meeting.col.status', m.closed ? t('meeting.status.closed', { at: m.closedAt ? localTimestamp(m.closedAt) : '' }) : t('meeting.status.open')),
    ...(m.note ? [line('col.note', m.note)] : []),
    ...(m.illustrative ? [t('common.illustrative')] : []),
    '',
    `${t('meeting.show.chairs')} (${m.chairs.length})`,
    ...m.chairs.map((c) => `  - ${person(c)}`),
    `${t('meeting.show.guests')} (${m.guests.length})`,
    ...m.guests.map((g) => `  - ${person(g)}`),
    `${t('meeting.show.units', { invited: m.counts.invited, present: m.counts.present, absent: m.counts.absent })}`,
    ...m.units.map((u) => `  - ${u.name}: ${u.present ? t('meeting.present') : `${t('meeting.absent')} — ${u.absentReason ?? ''}`}`),
    `${t('meeting.show.documents')} (${m.documents.length})`,
    ...m.documents.map((d) => `  - ${d.code}${d.title ? ` — ${d.title}` : ''}`),
    '',
    `${t('meeting.show.speeches', { n: m.counts.speeches, units: m.counts.speakingUnits })}`,
    ...m.speeches.map(speech),
    ...(m.chairRemarks.length ? [`${t('meeting.show.chairRemarks')} (${m.chairRemarks.length})`, ...m.chairRemarks.map(speech)] : []),
    '',
    `${t('meeting.show.conclusions')} (${m.conclusions.length})`,
  ];
  for (const c of m.conclusions) {
    out.push(`  ${c.ord}. ${c.text.replace(/\n/g, '\n     ')}`);
    for (const task of c.tasks)
      out.push(
        `     → #${task.id} ${task.kind === 'breakthrough' ? `[${t('meeting.show.breakthrough')}] ` : ''}${task.unitName}: ${task.dueOn ? `${t('meeting.show.due')} ${date(task.dueOn)}` : t('meeting.noTimeLimit')}${task.status ? ` — ${t(`meeting.taskStatus.${task.status}`)}` : ''}`,
      );
  }
  if (m.otherTasks.length) {
    out.push(`${t('meeting.show.otherTasks')} (${m.otherTasks.length})`);
    for (const task of m.otherTasks) out.push(`  #${task.id} ${task.unitName}: ${task.title}${task.status ? ` — ${t(`meeting.taskStatus.${task.status}`)}` : ''}`);
  }
  if (m.asOf) out.push('', t('meeting.show.asOf', { date: date(m.asOf) }));
  return out.join('\n');
}
