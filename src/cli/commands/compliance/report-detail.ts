/** `report compliance --detail UNIT` as text: each criterion of one unit, with the lists behind it. */
import type { CriterionId } from '../../../domain/compliance.js';
import { daysBetween, formatDateVi } from '../../../domain/dates.js';
import type { ComplianceReport, UnitReport } from '../../../reports/compliance.js';
import type { UnitDetailLists } from '../../../store/compliance.js';
import type { Env } from '../../env.js';
import { criterionCell } from './report.js';

export function monthsWithout(r: UnitReport): string[] {
  const months = r.criteria.propaganda.months as Record<string, number>;
  return Object.keys(months).filter((m) => months[m] === 0);
}

function monthLabel(env: Env, month: string): string {
  const [y, m] = month.split('-');
  return env.lang === 'vi' ? `${m}/${y}` : month;
}

/** Long titles (a meeting's full topic) cut for the terminal; JSON keeps them whole. */
function short(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function detailText(env: Env, report: ComplianceReport, r: UnitReport, lists: UnitDetailLists): string {
  const d = formatDateVi;
  const t = env.t;
  const none = t('compliance.detail.none');
  const out: string[] = [];
  const head = (id: CriterionId, qualifier: string, base = '') =>
    out.push('', `${t(`compliance.name.${id}`).toUpperCase()}${qualifier ? ` ${qualifier}` : ''} — ${criterionCell(env, r, id)}${base ? ` ${base}` : ''}`);
  const c = r.criteria;

  out.push(t('compliance.detail.title', { unit: r.label, period: report.period.label, asOf: d(report.asOf) }));
  out.push(
    r.passed
      ? t('compliance.detail.verdictPass')
      : t('compliance.detail.verdictFail', { failing: r.failing.map((id) => t(`compliance.name.${id}`)).join(', ') }),
  );

  head('attendance', '', c.attendance.status === 'na' ? '' : t('compliance.detail.attendanceBase'));
  if (!lists.meetings.length) out.push(`  ${none}`);
  for (const m of lists.meetings)
    out.push(`  ${d(m.heldOn)}  ${short(m.title)} — ${m.present ? t('compliance.detail.present') : t('compliance.detail.absent', { reason: m.absentReason ?? '' })}`);

  head('breakthrough', t('compliance.detail.year', { year: report.year }));
  const registered = c.breakthrough.registered as { id: number; title: string; target: string | null; dueOn: string | null; generic: boolean; reasons: string[] }[];
  if (!registered.length) out.push(`  ${t('compliance.detail.noBreakthrough', { year: report.year })}`);
  for (const b of registered) {
    out.push(`  #${b.id} ${b.title}`);
    out.push(`      ${t('compliance.detail.target')}: ${b.target ?? none}; ${t('compliance.detail.due')}: ${b.dueOn ? d(b.dueOn) : none}`);
    out.push(`      ${b.generic ? t('compliance.detail.genericBecause', { reasons: b.reasons.map((x) => t(`compliance.bt.${x}`)).join('; ') }) : t('compliance.detail.specific')}`);
  }

  head('tasks', t('compliance.detail.asOf', { asOf: d(report.asOf) }));
  if (!lists.overdueTasks.length) out.push(`  ${none}`);
  for (const task of lists.overdueTasks)
    out.push(`  #${task.id} ${short(task.title)} — ${t('compliance.detail.overdueBy', { due: d(task.dueOn), days: daysBetween(task.dueOn, report.asOf) })}`);

  head('plans', t('compliance.detail.plansQualifier', { year: report.year, deadline: d(report.planDeadline) }), t('compliance.detail.plansBase'));
  out.push(`  ${t('compliance.detail.withoutPlan', { n: lists.membersWithoutPlan.length })}: ${lists.membersWithoutPlan.map((m) => m.fullName).join(', ') || none}`);
  out.push(`  ${t('compliance.detail.latePlans', { n: lists.latePlans.length })}: ${lists.latePlans.map((m) => `${m.fullName} (${d(m.submittedOn)})`).join(', ') || none}`);

  if (report.evaluationYear !== null) {
    head('evaluation', String(report.evaluationYear), t('compliance.detail.evaluationBase'));
    out.push(`  ${t('compliance.detail.planNotUsed', { n: lists.evaluationsWithoutPlan.length })}: ${lists.evaluationsWithoutPlan.map((e) => `${e.fullName} (${e.planUsed === null ? t('evaluation.unknown') : t('common.no')})`).join(', ') || none}`);
    out.push(`  ${t('compliance.detail.notEvaluated', { n: lists.membersNotEvaluated.length })}: ${lists.membersNotEvaluated.map((m) => m.fullName).join(', ') || none}`);
  }

  head('propaganda', '');
  const kinds = c.propaganda.kinds as Record<string, number>;
  out.push(`  ${t('compliance.detail.byKind')}: ${Object.entries(kinds).map(([k, n]) => `${t(`activity.kind.${k}`)} ${n}`).join(', ') || none}`);
  const missing = monthsWithout(r);
  out.push(`  ${t('compliance.detail.monthsWithout')}: ${missing.map((m) => monthLabel(env, m)).join(', ') || none}`);
  if (c.propaganda.reasons.includes('storytelling_only')) out.push(`  ${t('compliance.detail.storytellingOnly')}`);

  out.push('', t('compliance.detail.speeches', { n: r.speeches }));
  return out.join('\n');
}