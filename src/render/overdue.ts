/**
 * The overdue report in its plain-text form, meant for mail from cron: no colour, no box drawing,
 * no line cut short, the same whatever the terminal width.
 */
import { formatDateVi, type IsoDate } from '../domain/dates.js';
import { sanitizeForTerminal } from '../domain/text.js';
import type { Translate } from '../i18n/index.js';

export interface OverdueItem {
  section: 'overdue' | 'due_soon';
  id: number;
  kind: string;
  unitId: number;
  unitName: string;
  title: string;
  startOn: IsoDate;
  dueOn: IsoDate;
  originalDueOn: IsoDate | null;
  /** Days past the due date (overdue), or days left (due soon). */
  days: number;
  daysOverdue: number | null;
  daysLeft: number | null;
  extensions: number;
  percent: number;
  meetingId: number | null;
  meetingTitle: string | null;
  meetingHeldOn: IsoDate | null;
  conclusionOrd: number | null;
  documentCode: string | null;
  /** "hội nghị #1 ngày 17/06/2017, kết luận 2; 05-CT/TW": where the task came from. */
  source: string;
}

export interface OverdueReport {
  asOf: IsoDate;
  dueWithin: number | null;
  overdue: OverdueItem[];
  dueSoon: OverdueItem[];
  counts: { overdue: number; overdueUnits: number; dueSoon: number; dueSoonUnits: number };
}

export function sourceText(item: Pick<OverdueItem, 'meetingId' | 'meetingHeldOn' | 'conclusionOrd' | 'documentCode'>, t: Translate): string {
  const parts: string[] = [];
  if (item.meetingId) {
    const meeting = t('overdue.source.meeting', { id: item.meetingId, date: formatDateVi(item.meetingHeldOn) });
    parts.push(item.conclusionOrd ? `${meeting}, ${t('task.conclusionNo', { n: item.conclusionOrd })}` : meeting);
  }
  if (item.documentCode) parts.push(item.documentCode);
  return parts.join('; ');
}

/** Items are already sorted (units in Vietnamese order, most overdue first). */
function groups(items: OverdueItem[]): [string, OverdueItem[]][] {
  const out: [string, OverdueItem[]][] = [];
  for (const it of items) {
    const last = out[out.length - 1];
    if (last && last[1][0].unitId === it.unitId) last[1].push(it);
    else out.push([it.unitName, [it]]);
  }
  return out;
}

export function renderOverdueText(r: OverdueReport, t: Translate): string {
  const clean = (s: string) => sanitizeForTerminal(s).replace(/[\r\n\t]+/g, ' ');
  const lines: string[] = [];
  lines.push(t('overdue.text.heading', { date: formatDateVi(r.asOf) }));
  const section = (items: OverdueItem[], emptyKey: string) => {
    if (!items.length) {
      lines.push('', t(emptyKey));
      return;
    }
    for (const [unit, list] of groups(items)) {
      lines.push('', `${clean(unit)} (${list.length})`);
      for (const it of list) {
        const facts = [
          t('overdue.text.due', { date: formatDateVi(it.dueOn) }),
          it.section === 'overdue' ? t('overdue.text.daysOverdue', { n: it.days }) : it.days === 0 ? t('task.days.today') : t('task.days.left', { n: it.days }),
          ...(it.extensions ? [t('overdue.text.extensions', { n: it.extensions, date: formatDateVi(it.originalDueOn) })] : []),
          ...(it.percent ? [`${it.percent}%`] : []),
          ...(it.source ? [t('overdue.text.source', { source: clean(it.source) })] : []),
        ];
        lines.push(`  #${it.id} ${clean(it.title)}`, `      ${facts.join('; ')}`);
      }
    }
  };
  section(r.overdue, 'overdue.text.none');
  if (r.dueWithin !== null) {
    lines.push('', t('overdue.text.dueSoonHeading', { n: r.dueWithin }));
    section(r.dueSoon, 'overdue.text.noneDueSoon');
  }
  lines.push('', summaryLine(r, t));
  return lines.join('\n') + '\n';
}

export function summaryLine(r: OverdueReport, t: Translate): string {
  const main = t('overdue.summary', { n: r.counts.overdue, units: r.counts.overdueUnits, date: formatDateVi(r.asOf) });
  return r.dueWithin === null ? main : `${main} ${t('overdue.summaryDueSoon', { n: r.counts.dueSoon, units: r.counts.dueSoonUnits, days: r.dueWithin })}`;
}
