/** The parts of a Word report that come from the database and the calendar: heading, place, date, number. */
import { fold } from '../domain/text.js';
import { partyOrganisationOf, placeOf } from '../render/minutes.js';
import type { DocumentParts } from '../render/report.js';
import { committeeOf } from '../store/committee.js';
import type { Db } from '../store/db.js';
import type { Env } from './env.js';

/** "Quận ủy" → QU, "Thành ủy" → TU…: the issuer's letters in a document number ("Số …-BC/QU"). */
const ISSUER: [RegExp, string][] = [
  [/^quan uy\b/, 'QU'],
  [/^thanh uy\b/, 'TU'],
  [/^tinh uy\b/, 'TU'],
  [/^huyen uy\b/, 'HU'],
  [/^thi uy\b/, 'TU'],
  [/^dang uy\b/, 'ĐU'],
];

/** "ngày 05 tháng 02 năm 2018": days under 10 and January and February with a leading zero. */
export function longDateVi(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `ngày ${pad(d)} tháng ${m <= 2 ? pad(m) : m} năm ${y}`;
}

export function documentParts(env: Env, db: Db, unitIds: number[], p: { subject: string; intro: string[]; tableHeading?: string }): DocumentParts {
  const committee = committeeOf(db, unitIds);
  const upper = (s: string) => s.toLocaleUpperCase(env.lang === 'vi' ? 'vi-VN' : 'en-US');
  const issuer = committee ? ISSUER.find(([re]) => re.test(fold(committee.name)))?.[1] : undefined;
  const place = committee ? placeOf(committee.name) : env.t('minutes.placeBlank');
  return {
    committeeParent: committee?.parentName ? upper(partyOrganisationOf(committee.parentName, env.t)) : null,
    committee: committee ? upper(committee.name) : null,
    number: env.t('doc.number', { issuer: issuer ?? '…' }),
    // Today is read only when a document is written: the other formats of a report dated by --as-of
    // need no today (nor a valid THUKY_TODAY).
    get placeDate() {
      const today = env.today();
      return `${place}, ${env.lang === 'vi' ? longDateVi(today) : env.t('doc.dateLong', { date: today.split('-').reverse().join('/') })}`;
    },
    kind: env.t('doc.kind.report'),
    subject: p.subject,
    intro: p.intro,
    tableHeading: p.tableHeading,
    recipients: [env.t('doc.recipients.above'), env.t('doc.recipients.archive')],
    signature: { on: env.t('doc.signature.on'), role: env.t('doc.signature.role'), name: env.t('minutes.blank') },
  };
}
