/**
 * Compliance of a unit over a reporting period: the default criteria of shared/domain.md, the
 * rules file that changes them, and the pure judgement of one unit's facts. No I/O here: the
 * store gathers the facts (a few set-based queries), this module decides pass or fail.
 */
import { isoDate, daysInMonth, type IsoDate } from './dates.js';
import { fold } from './text.js';

export const CRITERIA = ['attendance', 'breakthrough', 'tasks', 'plans', 'evaluation', 'propaganda'] as const;
export type CriterionId = (typeof CRITERIA)[number];

export const EVALUATION_RESULTS = ['xuat-sac', 'tot', 'hoan-thanh', 'khong-hoan-thanh'] as const;
export type EvaluationResult = (typeof EVALUATION_RESULTS)[number];

export const ACTIVITY_KINDS = ['chao-co', 'ke-chuyen', 'hoc-tap', 'guong-dien-hinh', 'truyen-thong', 'khac'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Storytelling about Uncle Ho: the kind the source case says work too often stops at. */
export const STORYTELLING: ActivityKind = 'ke-chuyen';

// ---------------------------------------------------------------------------------------------
// Rules

export interface Rules {
  attendance: { enabled: boolean; minPercent: number };
  breakthrough: { enabled: boolean };
  tasks: { enabled: boolean; maxOverdue: number };
  plans: { enabled: boolean; minPercent: number };
  evaluation: { enabled: boolean; minPercent: number };
  propaganda: { enabled: boolean; minPerMonth: number; minKinds: number };
}

/** The defaults of shared/domain.md (written out in the README). */
export const DEFAULT_RULES: Rules = {
  attendance: { enabled: true, minPercent: 100 },
  breakthrough: { enabled: true },
  tasks: { enabled: true, maxOverdue: 0 },
  plans: { enabled: true, minPercent: 95 },
  evaluation: { enabled: true, minPercent: 100 },
  propaganda: { enabled: true, minPerMonth: 1, minKinds: 2 },
};

export type RulesProblem = 'not_object' | 'unknown_key' | 'not_boolean' | 'not_number' | 'out_of_range' | 'not_integer';

/** A rules file that cannot be used; `key` is the dotted path of the offending entry. */
export class RulesError extends Error {
  constructor(
    readonly problem: RulesProblem,
    readonly key: string,
    readonly value: string,
    readonly min?: number,
    readonly max?: number,
  ) {
    super(`${problem} at ${key}`);
  }
}

type NumberSpec = { kind: 'percent' } | { kind: 'int'; min: number; max: number };

const SPEC: Record<CriterionId, Record<string, NumberSpec>> = {
  attendance: { minPercent: { kind: 'percent' } },
  breakthrough: {},
  tasks: { maxOverdue: { kind: 'int', min: 0, max: 1_000_000 } },
  plans: { minPercent: { kind: 'percent' } },
  evaluation: { minPercent: { kind: 'percent' } },
  propaganda: { minPerMonth: { kind: 'int', min: 0, max: 31 }, minKinds: { kind: 'int', min: 1, max: ACTIVITY_KINDS.length } },
};

/** Keys a rules file may carry besides the criteria (free text for the people who keep it). */
const FREE_TEXT_KEYS = new Set(['description', '$comment']);

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Percentages may be written 95 or "95%"; anything above 100 or below 0 is refused. */
function readNumber(key: string, raw: unknown, spec: NumberSpec): number {
  let n: number | undefined;
  if (typeof raw === 'number') n = raw;
  else if (spec.kind === 'percent' && typeof raw === 'string' && /^\s*\d+(?:[.,]\d+)?\s*%\s*$/.test(raw)) n = Number(raw.replace('%', '').replace(',', '.').trim());
  if (n === undefined || !Number.isFinite(n)) throw new RulesError('not_number', key, show(raw));
  if (spec.kind === 'percent') {
    if (n < 0 || n > 100) throw new RulesError('out_of_range', key, show(raw), 0, 100);
    return n;
  }
  if (!Number.isInteger(n)) throw new RulesError('not_integer', key, show(raw), spec.min, spec.max);
  if (n < spec.min || n > spec.max) throw new RulesError('out_of_range', key, show(raw), spec.min, spec.max);
  return n;
}

/**
 * Reads a parsed rules file over the defaults. Each criterion may be `false` (off), `true` (on with
 * the defaults) or an object of the keys it knows, e.g. `{"plans": {"minPercent": 90}}`. Throws
 * RulesError naming the first wrong key.
 */
export function parseRules(input: unknown): Rules {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RulesError('not_object', '(root)', show(input));
  const rules: Rules = structuredClone(DEFAULT_RULES);
  for (const [name, raw] of Object.entries(input as Record<string, unknown>)) {
    if (FREE_TEXT_KEYS.has(name)) continue;
    if (!(CRITERIA as readonly string[]).includes(name)) throw new RulesError('unknown_key', name, show(raw));
    const id = name as CriterionId;
    const target = rules[id] as unknown as Record<string, number | boolean>;
    if (typeof raw === 'boolean') {
      target.enabled = raw;
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RulesError('not_object', name, show(raw));
    for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
      const key = `${name}.${field}`;
      if (field === 'enabled') {
        if (typeof value !== 'boolean') throw new RulesError('not_boolean', key, show(value));
        target.enabled = value;
      } else if (SPEC[id][field]) {
        target[field] = readNumber(key, value, SPEC[id][field]);
      } else if (!FREE_TEXT_KEYS.has(field)) {
        throw new RulesError('unknown_key', key, show(value));
      }
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// Facts and judgement

export interface BreakthroughFact {
  id: number;
  title: string;
  target: string | null;
  dueOn: IsoDate | null;
  generic: boolean;
  reasons: string[];
}

/** What the store gathered about one unit for one report. Null = the criterion has no base yet. */
export interface UnitFacts {
  attendance: { invited: number; attended: number };
  /** Breakthroughs of the year (not cancelled). */
  breakthroughs: BreakthroughFact[];
  tasks: { overdue: number };
  /** Null until the submission deadline of the year has passed. */
  plans: { members: number; submitted: number; onTime: number } | null;
  /** Null when the period holds no year end (or the year has not ended on the as-of date). */
  evaluation: { members: number; evaluated: number; planUsed: number } | null;
  propaganda: {
    /** Activities per judged month ("yyyy-MM" → count), every judged month present. */
    months: Record<string, number>;
    /** Activities per kind within the judged window. */
    kinds: Record<string, number>;
  };
  speeches: number;
  /** Why a criterion with no base (null above) is not judged, when it is not the usual reason. */
  notJudged?: Partial<Record<CriterionId, string>>;
}

export type CriterionStatus = 'pass' | 'fail' | 'na' | 'off';

export interface CriterionResult {
  status: CriterionStatus;
  /** The figure as a fraction where there is one (attended of invited, on time of members…). */
  value: number | null;
  base: number | null;
  percent: number | null;
  /** Stable codes of what went wrong (or why it does not apply). */
  reasons: string[];
}

export interface UnitJudgement {
  criteria: Record<CriterionId, CriterionResult>;
  passed: boolean;
  failing: CriterionId[];
}

function percentOf(value: number, base: number): number | null {
  return base > 0 ? Math.round((value * 1000) / base) / 10 : null;
}

/** value/base ≥ min% without floating-point surprises at the boundary (19/20 is exactly 95%). */
function meets(value: number, base: number, minPercent: number): boolean {
  return value * 100 >= minPercent * base - 1e-9;
}

function result(status: CriterionStatus, value: number | null, base: number | null, reasons: string[] = []): CriterionResult {
  return { status, value, base, percent: value !== null && base !== null ? percentOf(value, base) : null, reasons };
}

export function judgeUnit(facts: UnitFacts, rules: Rules): UnitJudgement {
  const off = (id: CriterionId) => !rules[id].enabled;
  const criteria = {} as Record<CriterionId, CriterionResult>;

  {
    const { invited, attended } = facts.attendance;
    criteria.attendance = off('attendance')
      ? result('off', attended, invited)
      : invited === 0
        ? result('na', 0, 0, ['no_meeting'])
        : meets(attended, invited, rules.attendance.minPercent)
          ? result('pass', attended, invited)
          : result('fail', attended, invited, ['meetings_missed']);
  }

  {
    const specific = facts.breakthroughs.filter((b) => !b.generic);
    const status: CriterionStatus = off('breakthrough') ? 'off' : specific.length ? 'pass' : 'fail';
    const reasons = specific.length ? [] : facts.breakthroughs.length ? [...new Set(facts.breakthroughs.flatMap((b) => b.reasons))] : ['none_registered'];
    criteria.breakthrough = result(status, specific.length, facts.breakthroughs.length, status === 'pass' || status === 'off' ? [] : reasons);
  }

  {
    const n = facts.tasks.overdue;
    criteria.tasks = off('tasks') ? result('off', n, null) : n <= rules.tasks.maxOverdue ? result('pass', n, null) : result('fail', n, null, ['overdue']);
  }

  {
    const p = facts.plans;
    criteria.plans = off('plans')
      ? result('off', p?.onTime ?? null, p?.members ?? null)
      : !p
        ? result('na', null, null, [facts.notJudged?.plans ?? 'before_deadline'])
        : p.members === 0
          ? result('na', 0, 0, ['no_members'])
          : meets(p.onTime, p.members, rules.plans.minPercent)
            ? result('pass', p.onTime, p.members)
            : result('fail', p.onTime, p.members, p.submitted < p.members ? ['missing', ...(p.onTime < p.submitted ? ['late'] : [])] : ['late']);
  }

  {
    const e = facts.evaluation;
    criteria.evaluation = off('evaluation')
      ? result('off', e?.planUsed ?? null, e?.evaluated ?? null)
      : !e
        ? result('na', null, null, [facts.notJudged?.evaluation ?? 'no_year_end'])
        : e.evaluated === 0
          ? result('fail', 0, 0, ['not_evaluated'])
          : meets(e.planUsed, e.evaluated, rules.evaluation.minPercent)
            ? result('pass', e.planUsed, e.evaluated)
            : result('fail', e.planUsed, e.evaluated, ['plan_not_used']);
  }

  {
    const months = Object.values(facts.propaganda.months);
    const covered = months.filter((n) => n >= rules.propaganda.minPerMonth).length;
    const kinds = Object.keys(facts.propaganda.kinds).filter((k) => facts.propaganda.kinds[k] > 0);
    const reasons: string[] = [];
    if (covered < months.length) reasons.push('months_missing');
    if (kinds.length < rules.propaganda.minKinds) reasons.push('too_few_kinds');
    if (kinds.length === 1 && kinds[0] === STORYTELLING) reasons.push('storytelling_only');
    criteria.propaganda = off('propaganda')
      ? result('off', covered, months.length)
      : months.length === 0
        ? result('na', 0, 0, ['no_month'])
        : result(reasons.length ? 'fail' : 'pass', covered, months.length, reasons);
  }

  const failing = CRITERIA.filter((id) => criteria[id].status === 'fail');
  return { criteria, passed: failing.length === 0, failing };
}

// ---------------------------------------------------------------------------------------------
// Periods as the criteria see them

/** The plan submission deadline when none is set for the year: 31 March. */
export function defaultPlanDeadline(year: number): IsoDate {
  return `${year}-03-31`;
}

/**
 * The months the propaganda criterion judges: every month of [from, until] that has ended by the
 * as-of date; the as-of month is judged only when it has already an activity (a month still
 * running cannot fail a unit). Returns "yyyy-MM" codes.
 */
export function judgedMonths(from: IsoDate, until: IsoDate, asOf: IsoDate, withActivity: (month: string) => boolean): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const ty = Number(until.slice(0, 4));
  const tm = Number(until.slice(5, 7));
  while (y < ty || (y === ty && m <= tm)) {
    const code = `${y}-${String(m).padStart(2, '0')}`;
    const end = isoDate(y, m, daysInMonth(y, m));
    if (end <= asOf || withActivity(code)) out.push(code);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation levels

const RESULT_WORDS: Record<string, EvaluationResult> = {
  'xuat-sac': 'xuat-sac',
  'xuat sac': 'xuat-sac',
  'hoan thanh xuat sac': 'xuat-sac',
  'hoan thanh xuat sac nhiem vu': 'xuat-sac',
  htxsnv: 'xuat-sac',
  excellent: 'xuat-sac',
  tot: 'tot',
  'hoan thanh tot': 'tot',
  'hoan thanh tot nhiem vu': 'tot',
  httnv: 'tot',
  good: 'tot',
  'hoan-thanh': 'hoan-thanh',
  'hoan thanh': 'hoan-thanh',
  'hoan thanh nhiem vu': 'hoan-thanh',
  htnv: 'hoan-thanh',
  completed: 'hoan-thanh',
  'khong-hoan-thanh': 'khong-hoan-thanh',
  'khong hoan thanh': 'khong-hoan-thanh',
  'khong hoan thanh nhiem vu': 'khong-hoan-thanh',
  khtnv: 'khong-hoan-thanh',
  'not completed': 'khong-hoan-thanh',
};

/** Reads an evaluation level as offices write it: the code, the Vietnamese words, or the initials. */
export function parseEvaluationResult(text: string): EvaluationResult | null {
  return RESULT_WORDS[fold(text).replace(/[_]/g, ' ')] ?? null;
}

const YES = new Set(['1', 'x', 'co', 'yes', 'y', 'true', 'dung', 'da su dung', 'su dung']);
const NO = new Set(['0', 'khong', 'no', 'n', 'false', 'chua', 'khong su dung', '-']);

/** "có"/"không", "x", 1/0, yes/no; '' is unknown (null); anything else is undefined (an error). */
export function parseYesNo(text: string): boolean | null | undefined {
  const f = fold(text);
  if (f === '') return null;
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return undefined;
}

export interface LevelCounts {
  'xuat-sac': number;
  tot: number;
  'hoan-thanh': number;
  'khong-hoan-thanh': number;
}

/** QĐ 132/2018: members rated "excellent" should not exceed 20% of those rated "good". */
export const EXCELLENT_SHARE_OF_GOOD = 20;

export function excellentExceedsShare(counts: Pick<LevelCounts, 'xuat-sac' | 'tot'>, maxPercent = EXCELLENT_SHARE_OF_GOOD): boolean {
  return counts['xuat-sac'] * 100 > counts.tot * maxPercent;
}
