/**
 * Minutes (biên bản) of a meeting, laid out as Guidance 16-HD/VPTW describes: heading of the
 * committee and "ĐẢNG CỘNG SẢN VIỆT NAM", place and date, title, then opening, attendance,
 * proceedings, conclusions, closing and the signatures of the recorder and the chair.
 * One model is built here; Markdown, plain text and Word render the same model.
 */
import { formatDateVi, splitIso } from '../domain/dates.js';
import { parsePeriod } from '../domain/periods.js';
import { periodLabel } from '../domain/periods.js';
import { fold } from '../domain/text.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { MeetingDetail, PersonRef, Speech } from '../store/meetings/detail.js';

export interface MinutesBlock {
  /** A numbered or lettered line keeps its marker apart, so that Word can hang the indent. */
  marker?: string;
  text: string;
  /** Parts of the text to set in bold (e.g. a speaker's name), given as a leading run. */
  lead?: string;
  italic?: boolean;
  /** Indentation level: 0 = body, 1 = items under a line. */
  level?: 0 | 1;
}

export interface MinutesSection {
  heading: string;
  blocks: MinutesBlock[];
}

export interface MinutesModel {
  /** Left heading: the higher party organisation and the committee, both upper case; empty when unknown. */
  committeeParent: string | null;
  committee: string | null;
  /** Right heading. */
  partyHeading: string;
  placeDate: string;
  title: string;
  subtitle: string;
  sections: MinutesSection[];
  signatures: { role: string; name: string | null }[];
  notes: string[];
}

const COMMITTEE_PREFIX = /^(thanh uy|tinh uy|quan uy|huyen uy|thi uy|dang uy|ban thuong vu)\s+/;

/** "Quận ủy Quận 1" → "Quận 1"; "Thành ủy Thành phố Hồ Chí Minh" → "Thành phố Hồ Chí Minh". */
export function placeOf(committeeName: string): string {
  const m = COMMITTEE_PREFIX.exec(fold(committeeName));
  if (!m) return committeeName;
  return committeeName.split(' ').slice(m[0].trim().split(' ').length).join(' ');
}

/** "Thành ủy Thành phố Hồ Chí Minh" → "Đảng bộ Thành phố Hồ Chí Minh" (the party organisation it leads). */
export function partyOrganisationOf(committeeName: string, t: Translate): string {
  const place = placeOf(committeeName);
  return place === committeeName ? committeeName : t('minutes.partyOrganisation', { place });
}

function upper(value: string, lang: Lang): string {
  return value.toLocaleUpperCase(lang === 'vi' ? 'vi-VN' : 'en-US');
}

function dateLong(date: string, lang: Lang, t: Translate): string {
  const [y, m, d] = splitIso(date);
  return lang === 'vi' ? `ngày ${d} tháng ${m} năm ${y}` : t('minutes.dateLong', { d, m, y, date: formatDateVi(date) });
}

function timeText(time: string | null, t: Translate): string {
  if (!time) return t('minutes.timeBlank');
  const [h, min] = time.split(':');
  return t('minutes.time', { h: Number(h), min });
}

function personLine(p: PersonRef): string {
  const parts = [p.fullName, ...p.positions];
  return parts.join(', ');
}

function speakerLead(s: Speech, t: Translate): string {
  if (s.speakerName) return t('minutes.speaker', { name: s.speakerName });
  return t('minutes.speakerUnit', { unit: s.unitName ?? '' });
}

function speakerRest(s: Speech): string {
  const bits: string[] = [];
  if (s.speakerName) {
    bits.push(...s.speakerPositions);
    if (s.unitName && !s.speakerPositions.some((p) => fold(p).includes(fold(s.unitName!)))) bits.push(s.unitName);
  }
  return bits.length ? `, ${bits.join(', ')}` : '';
}

export function buildMinutes(m: MeetingDetail, lang: Lang, t: Translate): MinutesModel {
  const kindName = t(`meeting.kind.${m.kind}`);
  let period = m.period;
  try {
    period = periodLabel(parsePeriod(m.period, m.heldOn), lang);
  } catch {
    // A period code that no longer parses is shown as stored.
  }
  const place = m.organizer ? placeOf(m.organizer.name) : t('minutes.placeBlank');
  const chairs = m.chairs;
  const ill = (x: { illustrative: boolean }) => (x.illustrative ? ` ${t('minutes.illustrativeMark')}` : '');

  const opening: MinutesBlock[] = [
    { text: t('minutes.opening.time', { time: timeText(m.startTime, t), date: dateLong(m.heldOn, lang, t), place: m.location ?? t('minutes.placeBlank') }) },
    { lead: t('minutes.opening.content'), text: ` ${m.title}.` },
    { lead: t('minutes.opening.chair'), text: chairs.length ? '' : ` ${t('minutes.blank')}` },
    ...chairs.map((c) => ({ marker: '-', text: t('minutes.comrade', { who: personLine(c) }), level: 1 as const })),
    { lead: t('minutes.opening.recorder'), text: ` ${m.recorder ? personLine(m.recorder) : t('minutes.blank')}.` },
    { lead: t('minutes.opening.documents'), text: m.documents.length ? '' : ` ${t('minutes.none')}` },
    ...m.documents.map((d) => ({
      marker: '-',
      level: 1 as const,
      text: [d.code, d.issuedOn ? t('minutes.docDate', { date: formatDateVi(d.issuedOn) }) : null, d.issuingBody, d.title].filter(Boolean).join(', '),
    })),
  ];

  const present = m.units.filter((u) => u.present);
  const absent = m.units.filter((u) => !u.present);
  const attendance: MinutesBlock[] = [
    { lead: t('minutes.attendance.units', { present: present.length, invited: m.units.length }), text: present.length ? ` ${present.map((u) => u.name).join(', ')}.` : '' },
    { lead: t('minutes.attendance.absent', { n: absent.length }), text: absent.length ? '' : ` ${t('minutes.none')}` },
    ...absent.map((u) => ({ marker: '-', level: 1 as const, text: t('minutes.attendance.absentOne', { unit: u.name, reason: u.absentReason ?? '' }) })),
    { lead: t('minutes.attendance.guests'), text: m.guests.length ? '' : ` ${t('minutes.none')}` },
    ...m.guests.map((g) => ({ marker: '-', level: 1 as const, text: t('minutes.comrade', { who: personLine(g) }) })),
  ];

  const proceedings: MinutesBlock[] = [
    { text: t('minutes.proceedings.count', { n: m.speeches.length, units: m.counts.speakingUnits }) },
    ...m.speeches.map((s, i) => ({
      marker: `${i + 1}.`,
      lead: `${speakerLead(s, t)}${speakerRest(s)} (${t(`speech.kind.${s.kind}`)})${ill(s)}:`,
      text: ` ${s.summary}`,
    })),
  ];

  const conclusions: MinutesBlock[] = [
    ...m.chairRemarks.map((s) => ({ lead: `${speakerLead(s, t)}${speakerRest(s)}${ill(s)}:`, text: ` ${s.summary}` })),
    ...(m.conclusions.length ? [{ text: t('minutes.conclusions.intro', { n: m.conclusions.length }) }] : [{ text: t('minutes.conclusions.none') }]),
  ];
  for (const c of m.conclusions) {
    conclusions.push({ marker: `${c.ord}.`, text: c.text });
    // The minutes record what the meeting assigned; breakthroughs registered later under a
    // conclusion are the units' own acts and are not part of them.
    const assigned = c.tasks.filter((task) => task.kind === 'task').sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id - b.id);
    if (assigned.length) {
      const byDue = new Map<string, string[]>();
      for (const task of assigned) {
        const key = task.dueOn ?? '';
        byDue.set(key, [...(byDue.get(key) ?? []), task.unitName]);
      }
      for (const [due, units] of byDue)
        conclusions.push({
          marker: '-',
          level: 1,
          italic: true,
          text: t('minutes.conclusions.assigned', { units: units.join(', '), due: due ? formatDateVi(due) : t('meeting.noTimeLimit'), n: units.length }),
        });
    }
  }

  const closing: MinutesBlock[] = [
    { text: t('minutes.closing.time', { time: timeText(m.endTime, t) }) },
    { text: t('minutes.closing.read') },
  ];

  const notes: string[] = [];
  if (m.illustrative) notes.push(t('minutes.note.illustrativeMeeting'));
  else if ([...m.speeches, ...m.chairRemarks].some((s) => s.illustrative)) notes.push(t('minutes.note.illustrativeParts'));

  return {
    committeeParent: m.organizer?.parentName ? upper(partyOrganisationOf(m.organizer.parentName, t), lang) : null,
    committee: m.organizer ? upper(m.organizer.name, lang) : null,
    partyHeading: t('minutes.partyHeading'),
    placeDate: lang === 'vi' ? `${place}, ${dateLong(m.heldOn, lang, t)}` : t('minutes.placeDate', { place, date: dateLong(m.heldOn, lang, t) }),
    title: t('minutes.title'),
    subtitle: t('minutes.subtitle', { kind: kindName, period, title: m.title }),
    sections: [
      { heading: t('minutes.section.opening'), blocks: opening },
      { heading: t('minutes.section.attendance'), blocks: attendance },
      { heading: t('minutes.section.proceedings'), blocks: proceedings },
      { heading: t('minutes.section.conclusions'), blocks: conclusions },
      { heading: t('minutes.section.closing'), blocks: closing },
    ],
    signatures: [
      { role: t('minutes.sign.recorder'), name: m.recorder?.fullName ?? null },
      { role: t('minutes.sign.chair'), name: chairs[0]?.fullName ?? null },
    ],
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown

function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/^(\s*)([#+-]|\d+\.)(\s)/gm, '$1\\$2$3');
}

export function renderMinutesMarkdown(model: MinutesModel): string {
  const out: string[] = [];
  const headLeft = [model.committeeParent, model.committee].filter(Boolean) as string[];
  // Two headings side by side do not exist in Markdown: the committee comes first, then the party heading.
  if (headLeft.length) out.push(`${headLeft.map((h) => `**${mdEscape(h)}**`).join('  \n')}  \n\\*`, '');
  out.push(`**${mdEscape(model.partyHeading)}**`, '', `*${mdEscape(model.placeDate)}*`, '');
  out.push(`# ${mdEscape(model.title)}`, '', `**${mdEscape(model.subtitle)}**`, '');
  for (const section of model.sections) {
    out.push(`## ${mdEscape(section.heading)}`, '');
    for (const b of section.blocks) {
      const body = `${b.lead ? `**${mdEscape(b.lead)}**` : ''}${mdEscape(b.text).replace(/\n/g, '  \n')}`;
      const styled = b.italic ? `*${body}*` : body;
      out.push(`${b.level ? '  ' : ''}${b.marker ? `${b.marker} ` : ''}${styled}`, '');
    }
    out.push('');
  }
  out.push('| ' + model.signatures.map((s) => `**${mdEscape(s.role)}**`).join(' | ') + ' |');
  out.push('|' + model.signatures.map(() => ':---:').join('|') + '|');
  out.push('| ' + model.signatures.map(() => ' ').join(' | ') + ' |');
  out.push('| ' + model.signatures.map((s) => (s.name ? `**${mdEscape(s.name)}**` : '…………………')).join(' | ') + ' |');
  for (const n of model.notes) out.push('', `*${mdEscape(n)}*`);
  return collapseBlankLines(out.join('\n')) + '\n';
}

function collapseBlankLines(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

// ---------------------------------------------------------------------------------------------
// Plain text

const WIDTH = 78;

function centre(text: string, width = WIDTH): string {
  const pad = Math.max(0, Math.floor((width - [...text].length) / 2));
  return `${' '.repeat(pad)}${text}`;
}

/** Wraps on spaces to the width, with a hanging indent for the lines after the first. */
function wrap(text: string, width: number, firstPrefix: string, restPrefix: string): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = lines.length ? restPrefix : firstPrefix;
    let empty = true;
    for (const word of para.split(' ').filter(Boolean)) {
      if (!empty && [...line].length + 1 + [...word].length > width) {
        lines.push(line);
        line = restPrefix + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}

export function renderMinutesText(model: MinutesModel): string {
  const out: string[] = [];
  const half = Math.floor(WIDTH / 2);
  const left = [model.committeeParent, model.committee, model.committee ? '*' : null].filter((x): x is string => !!x);
  const right = [model.partyHeading, '', model.placeDate];
  const rows = Math.max(left.length, right.length);
  for (let i = 0; i < rows; i++) {
    const l = centre(left[i] ?? '', half).padEnd(half);
    const r = right[i] ? centre(right[i], WIDTH - half) : '';
    out.push(`${l}${r}`.trimEnd());
  }
  out.push('', centre(model.title), ...wrap(model.subtitle, WIDTH - 8, '', '').map((l) => centre(l)), '');
  for (const section of model.sections) {
    out.push(section.heading, '');
    for (const b of section.blocks) {
      const indent = b.level ? '    ' : '';
      const marker = b.marker ? `${b.marker} ` : '';
      const text = `${b.lead ?? ''}${b.text}`;
      out.push(...wrap(text, WIDTH, indent + marker, indent + ' '.repeat([...marker].length)));
    }
    out.push('');
  }
  const sig = model.signatures;
  out.push(sig.map((s) => centre(s.role, half).padEnd(half)).join('').trimEnd());
  out.push('', '', '');
  out.push(sig.map((s) => centre(s.name ?? '…………………', half).padEnd(half)).join('').trimEnd());
  for (const n of model.notes) out.push('', ...wrap(n, WIDTH, '', ''));
  return out.join('\n') + '\n';
}
