/** The recap of a minutes session before it is saved: what will be written, one line per part. */
import { formatDateVi } from '../domain/dates.js';
import { parsePeriod, periodLabel } from '../domain/periods.js';
import { sortVi } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { CollectedMinutes, PersonRef } from '../prompts/minutes/answers.js';

/** The names the recap shows for the ids it holds. */
export interface SummaryNames {
  person(id: number): { fullName: string; unitId: number | null } | undefined;
  unit(id: number): { name: string } | undefined;
  document(id: number): { code: string } | undefined;
}

/** A long text as one short line: its first line, cut, with the number of lines left out. */
function oneLine(text: string, max = 90): string {
  const lines = text.split('\n');
  const first = lines[0].length > max ? `${lines[0].slice(0, max - 1)}…` : lines[0];
  return lines.length > 1 ? `${first} (+${lines.length - 1})` : first;
}

/** The review shown before saving: what will be written, in the user's language (long parts on one line each). */
export function renderMinutesSummary(names: SummaryNames, t: Translate, lang: Lang, m: CollectedMinutes, heading = 'record.summary.heading'): string {
  const personName = (ref: PersonRef | null): string => {
    if (ref === null) return '—';
    if (typeof ref === 'number') return names.person(ref)?.fullName ?? `#${ref}`;
    const np = m.newPeople.find((p) => p.ref === ref);
    return np ? `${np.fullName} ${t('record.newMark')}` : ref;
  };
  const unitName = (id: number | null) => (id === null ? '' : (names.unit(id)?.name ?? `#${id}`));
  const list = (items: string[]) => (items.length ? items.join('; ') : '—');
  const absent = new Map(m.absent.map((a) => [a.unitId, a.reason]));
  let periodText = m.period;
  try {
    periodText = periodLabel(parsePeriod(m.period, m.heldOn), lang);
  } catch {
    // shown as stored
  }
  const lines = [
    `— ${t(heading)} —`,
    `${t('record.summary.date')}: ${formatDateVi(m.heldOn)}    ${t('record.summary.kind')}: ${t(`record.kind.${m.kind}`)}`,
    `${t('record.summary.title')}: ${m.title}`,
    `${t('record.summary.period')}: ${periodText}    ${t('record.summary.location')}: ${m.location ?? '—'}    ${t('record.summary.time')}: ${m.startTime ?? '?'}–${m.endTime ?? '?'}`,
    `${t('record.summary.chairs')}: ${list(m.chairs.map(personName))}`,
    `${t('record.summary.guests')}: ${list(m.guests.map(personName))}`,
    `${t('record.summary.recorder')}: ${personName(m.recorder)}`,
    `${t('record.summary.units', { n: m.units.length, present: m.units.length - m.absent.length })}: ${list(sortVi(m.units.map((id) => unitName(id)), (s) => s))}`,
    `${t('record.summary.absent')}: ${list(m.units.filter((id) => absent.has(id)).map((id) => `${unitName(id)} (${absent.get(id)})`))}`,
    `${t('record.summary.documents')}: ${list(m.documents.map((id) => names.document(id)?.code ?? `#${id}`))}`,
    `${t('record.summary.speeches', { n: m.speeches.length })}:`,
    ...m.speeches.map(
      (s, i) =>
        `  ${i + 1}. ${[s.speaker !== null ? personName(s.speaker) : '', unitName(s.unitId ?? (typeof s.speaker === 'number' ? (names.person(s.speaker)?.unitId ?? null) : null))].filter(Boolean).join(', ')} — ${t(`record.speechKind.${s.kind}`)}: ${oneLine(s.summary)}`,
    ),
    `${t('record.summary.conclusions', { n: m.conclusions.length })}:`,
    ...m.conclusions.map((c, i) => {
      const tasks = c.unitIds.length
        ? ` → ${t('record.summary.tasks', { n: c.unitIds.length, units: c.unitIds.map(unitName).join(', '), due: c.dueOn ? formatDateVi(c.dueOn) : t('record.summary.noDue') })}`
        : '';
      return `  ${i + 1}. ${oneLine(c.text)}${tasks}`;
    }),
  ];
  return lines.join('\n');
}
