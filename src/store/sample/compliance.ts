/**
 * Sample members, personal plans, evaluations and propaganda activities. The JSON holds compact,
 * readable generator entries (every one marked illustrative); this loader expands them
 * deterministically and writes through the same store functions the commands use.
 */
import { EVALUATION_RESULTS, type ActivityKind, type EvaluationResult } from '../../domain/compliance.js';
import { addDays, isoDate, type IsoDate } from '../../domain/dates.js';
import { addActivities, type ActivityInput } from '../activities.js';
import { addEvaluations, type EvaluationInput } from '../evaluations.js';
import { addPerson } from '../people.js';
import { addPlans, setPlanDeadline, type PlanInput } from '../plans.js';
import type { SampleLoader, SampleRefs } from './index.js';

interface MemberGenerator {
  units: string[];
  perUnit: number;
  familyNames: string[];
  middleNames: { male: string[]; female: string[] };
  givenNames: { male: string[]; female: string[] };
  illustrative?: boolean;
}

interface PlanGenerator {
  unit?: string;
  year: number;
  late?: Record<string, IsoDate>;
  missing?: string[];
  contents?: string[];
  illustrative?: boolean;
}

interface EvaluationGenerator {
  unit?: string;
  year?: number;
  levels?: Record<EvaluationResult, number>;
  planNotUsed?: string[];
  notEvaluated?: string[];
  illustrative?: boolean;
}

interface ActivityGenerator {
  unit?: string;
  year?: number;
  kinds?: ActivityKind[];
  titles?: Record<ActivityKind, string>;
  stories?: string[];
  illustrative?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Key of the i-th (1-based) illustrative member of a unit: "BT-19". */
export function memberKey(unit: string, i: number): string {
  return `${unit}-${pad(i)}`;
}

/** A realistic, clearly composed name; unique within the unit and never that of a real person of the sample. */
function memberNames(g: MemberGenerator, unitIndex: number, reserved: Set<string>): string[] {
  const used = new Set<string>(reserved);
  const out: string[] = [];
  for (let i = 0; i < g.perUnit; i++) {
    const sex = i % 2 === 0 ? 'male' : 'female';
    const family = g.familyNames[(i * 5 + unitIndex * 3) % g.familyNames.length];
    const middle = g.middleNames[sex][(i + unitIndex) % g.middleNames[sex].length];
    const givens = g.givenNames[sex];
    let k = (Math.floor(i / 2) * 7 + unitIndex * 5) % givens.length;
    let name = `${family} ${middle} ${givens[k]}`;
    while (used.has(name)) name = `${family} ${middle} ${givens[(k = (k + 1) % givens.length)]}`;
    used.add(name);
    out.push(name);
  }
  return out;
}

function membersOf(refs: SampleRefs, unit: string): string[] {
  const keys: string[] = [];
  for (let i = 1; refs.people.has(memberKey(unit, i)); i++) keys.push(memberKey(unit, i));
  return keys;
}

/** The first working day (Mon–Fri) on or after a date. */
function workingDayFrom(date: IsoDate): IsoDate {
  let d = date;
  for (;;) {
    const [y, m, day] = d.split('-').map(Number);
    const weekday = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return d;
    d = addDays(d, 1);
  }
}

function firstMonday(year: number, month: number): IsoDate {
  let d = isoDate(year, month, 1);
  for (;;) {
    const [y, m, day] = d.split('-').map(Number);
    if (new Date(Date.UTC(y, m - 1, day)).getUTCDay() === 1) return d;
    d = addDays(d, 1);
  }
}

export const loadCompliance: SampleLoader = (db, audit, data, refs) => {
  for (const d of data.planDeadlines ?? []) setPlanDeadline(db, audit, d.year, d.deadlineOn);

  for (const g of (data.members ?? []) as MemberGenerator[]) {
    const reserved = new Set<string>(((data.people ?? []) as { fullName: string }[]).map((p) => p.fullName));
    g.units.forEach((unit, u) => {
      memberNames(g, u, reserved).forEach((fullName, i) => {
        const id = addPerson(db, audit, { fullName, unitId: refs.unit(unit), isMember: true, note: 'Đảng viên minh họa', illustrative: g.illustrative !== false });
        refs.people.set(memberKey(unit, i + 1), id);
      });
    });
  }

  const plansDefaults = ((data.plans ?? []) as PlanGenerator[]).find((p) => !p.unit);
  const contents = plansDefaults?.contents ?? [''];
  const plans: PlanInput[] = [];
  for (const p of (data.plans ?? []) as PlanGenerator[]) {
    if (!p.unit) continue;
    const keys = membersOf(refs, p.unit);
    keys.forEach((key, i) => {
      if (p.missing?.includes(key)) return;
      // On-time submissions spread over 05/01–31/03, different from ward to ward.
      const onTime = addDays(`${p.year}-01-05`, (i * 4 + p.unit!.length * 3) % 86);
      plans.push({ personId: refs.person(key), year: p.year, submittedOn: p.late?.[key] ?? onTime, content: contents[i % contents.length] || null, illustrative: p.illustrative !== false });
    });
  }
  addPlans(db, audit, plans, `sample ${String(data.name)}`);

  const evaluations: EvaluationInput[] = [];
  for (const e of (data.evaluations ?? []) as EvaluationGenerator[]) {
    if (!e.unit || !e.levels || !e.year) continue;
    const keys = membersOf(refs, e.unit).filter((k) => !e.notEvaluated?.includes(k));
    const levels: EvaluationResult[] = EVALUATION_RESULTS.flatMap((r) => Array<EvaluationResult>(e.levels![r] ?? 0).fill(r));
    if (levels.length !== keys.length) throw new Error(`sample evaluations of ${e.unit}: ${levels.length} levels for ${keys.length} members`);
    keys.forEach((key, i) =>
      evaluations.push({ personId: refs.person(key), year: e.year!, result: levels[i], planUsed: !e.planNotUsed?.includes(key), illustrative: e.illustrative !== false }),
    );
  }
  addEvaluations(db, audit, evaluations, `sample ${String(data.name)}`);

  const actDefaults = ((data.activities ?? []) as ActivityGenerator[]).find((a) => !a.unit);
  const titles = actDefaults?.titles ?? ({} as Record<ActivityKind, string>);
  const stories = actDefaults?.stories ?? [''];
  const activities: ActivityInput[] = [];
  for (const a of (data.activities ?? []) as ActivityGenerator[]) {
    if (!a.unit || !a.year || !a.kinds?.length) continue;
    const unitId = refs.unit(a.unit);
    const others = a.kinds.filter((k) => k !== 'chao-co');
    for (let month = 1; month <= 12; month++) {
      const label = `${month}/${a.year}`;
      const title = (kind: ActivityKind) => (titles[kind] ?? kind).replace('{month}', label).replace('{story}', stories[(month - 1) % stories.length]);
      const participants = 30 + ((month * 7 + a.unit.length * 11) % 40);
      if (a.kinds.includes('chao-co')) activities.push({ unitId, heldOn: firstMonday(a.year, month), kind: 'chao-co', title: title('chao-co'), participants, illustrative: a.illustrative !== false });
      if (others.length) {
        const kind = others[(month - 1) % others.length];
        activities.push({ unitId, heldOn: workingDayFrom(isoDate(a.year, month, 15)), kind, title: title(kind), participants: participants - 10, illustrative: a.illustrative !== false });
      }
    }
  }
  addActivities(db, audit, activities);
};
