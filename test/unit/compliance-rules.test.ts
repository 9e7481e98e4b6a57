import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  excellentExceedsShare,
  judgeUnit,
  judgedMonths,
  parseEvaluationResult,
  parseRules,
  parseYesNo,
  RulesError,
  type UnitFacts,
} from '../../src/domain/compliance.js';

function facts(over: Partial<UnitFacts> = {}): UnitFacts {
  const months = Object.fromEntries(['2017-01', '2017-02', '2017-03'].map((m) => [m, 2]));
  return {
    attendance: { invited: 2, attended: 2 },
    breakthroughs: [{ id: 1, title: 'Giảm 20 hộ nghèo', target: '20 hộ', dueOn: '2017-12-20', generic: false, reasons: [] }],
    tasks: { overdue: 0 },
    plans: { members: 20, submitted: 20, onTime: 20 },
    evaluation: null,
    propaganda: { months, kinds: { 'chao-co': 3, 'hoc-tap': 3 } },
    speeches: 1,
    ...over,
  };
}

function rulesError(input: unknown): RulesError {
  try {
    parseRules(input);
  } catch (err) {
    if (err instanceof RulesError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('rules file', () => {
  it('is the defaults when empty, and overrides only what it names', () => {
    expect(parseRules({})).toEqual(DEFAULT_RULES);
    const r = parseRules({ plans: { minPercent: 90 }, evaluation: false, propaganda: { minKinds: 3 }, description: 'Quận 1, 2017' });
    expect(r.plans).toEqual({ enabled: true, minPercent: 90 });
    expect(r.evaluation.enabled).toBe(false);
    expect(r.propaganda).toEqual({ enabled: true, minPerMonth: 1, minKinds: 3 });
    expect(r.attendance).toEqual(DEFAULT_RULES.attendance);
  });

  it('accepts a percentage written "90%"', () => {
    expect(parseRules({ plans: { minPercent: '90%' } }).plans.minPercent).toBe(90);
  });

  it('names an unknown criterion or an unknown key', () => {
    expect(rulesError({ plan: {} })).toMatchObject({ problem: 'unknown_key', key: 'plan' });
    expect(rulesError({ plans: { minPercnt: 90 } })).toMatchObject({ problem: 'unknown_key', key: 'plans.minPercnt' });
  });

  it('refuses a threshold above 100% or below 0, naming the key', () => {
    expect(rulesError({ plans: { minPercent: 140 } })).toMatchObject({ problem: 'out_of_range', key: 'plans.minPercent', value: '140' });
    expect(rulesError({ attendance: { minPercent: '140%' } })).toMatchObject({ problem: 'out_of_range', key: 'attendance.minPercent' });
    expect(rulesError({ evaluation: { minPercent: -5 } })).toMatchObject({ problem: 'out_of_range', key: 'evaluation.minPercent' });
  });

  it('refuses wrong types', () => {
    expect(rulesError([])).toMatchObject({ problem: 'not_object' });
    expect(rulesError({ tasks: 3 })).toMatchObject({ problem: 'not_object', key: 'tasks' });
    expect(rulesError({ tasks: { enabled: 'yes' } })).toMatchObject({ problem: 'not_boolean', key: 'tasks.enabled' });
    expect(rulesError({ tasks: { maxOverdue: 'none' } })).toMatchObject({ problem: 'not_number', key: 'tasks.maxOverdue' });
    expect(rulesError({ tasks: { maxOverdue: 1.5 } })).toMatchObject({ problem: 'not_integer', key: 'tasks.maxOverdue' });
    expect(rulesError({ propaganda: { minKinds: 7 } })).toMatchObject({ problem: 'out_of_range', key: 'propaganda.minKinds' });
  });
});

describe('judging one unit', () => {
  it('passes when every applicable criterion passes', () => {
    const j = judgeUnit(facts(), DEFAULT_RULES);
    expect(j.passed).toBe(true);
    expect(j.failing).toEqual([]);
    expect(j.criteria.evaluation.status).toBe('na');
  });

  it('19 of 20 plans on time is exactly 95% and passes; 18 fails', () => {
    expect(judgeUnit(facts({ plans: { members: 20, submitted: 20, onTime: 19 } }), DEFAULT_RULES).criteria.plans).toMatchObject({ status: 'pass', percent: 95 });
    const j = judgeUnit(facts({ plans: { members: 20, submitted: 19, onTime: 18 } }), DEFAULT_RULES);
    expect(j.criteria.plans).toMatchObject({ status: 'fail', value: 18, base: 20, percent: 90, reasons: ['missing', 'late'] });
    expect(j.failing).toEqual(['plans']);
  });

  it('plans are not judged before the deadline, nor without members', () => {
    expect(judgeUnit(facts({ plans: null }), DEFAULT_RULES).criteria.plans.status).toBe('na');
    expect(judgeUnit(facts({ plans: { members: 0, submitted: 0, onTime: 0 } }), DEFAULT_RULES).criteria.plans.status).toBe('na');
  });

  it('one missed meeting fails attendance; no meeting is not judged', () => {
    expect(judgeUnit(facts({ attendance: { invited: 3, attended: 2 } }), DEFAULT_RULES).failing).toEqual(['attendance']);
    expect(judgeUnit(facts({ attendance: { invited: 0, attended: 0 } }), DEFAULT_RULES).criteria.attendance.status).toBe('na');
  });

  it('a generic breakthrough, or none, fails', () => {
    const generic = facts({ breakthroughs: [{ id: 2, title: 'Nâng cao chất lượng', target: null, dueOn: '2017-12-31', generic: true, reasons: ['no_measurable_target', 'slogan_only'] }] });
    expect(judgeUnit(generic, DEFAULT_RULES).criteria.breakthrough).toMatchObject({ status: 'fail', reasons: ['no_measurable_target', 'slogan_only'] });
    expect(judgeUnit(facts({ breakthroughs: [] }), DEFAULT_RULES).criteria.breakthrough).toMatchObject({ status: 'fail', reasons: ['none_registered'] });
  });

  it('an overdue task fails unless the rules allow it', () => {
    expect(judgeUnit(facts({ tasks: { overdue: 2 } }), DEFAULT_RULES).failing).toEqual(['tasks']);
    expect(judgeUnit(facts({ tasks: { overdue: 2 } }), parseRules({ tasks: { maxOverdue: 2 } })).passed).toBe(true);
  });

  it('after year end, an evaluation without the plan fails; no evaluation at all fails too', () => {
    expect(judgeUnit(facts({ evaluation: { members: 20, evaluated: 20, planUsed: 16 } }), DEFAULT_RULES).criteria.evaluation).toMatchObject({ status: 'fail', value: 16, base: 20 });
    expect(judgeUnit(facts({ evaluation: { members: 20, evaluated: 18, planUsed: 18 } }), DEFAULT_RULES).criteria.evaluation.status).toBe('pass');
    expect(judgeUnit(facts({ evaluation: { members: 20, evaluated: 0, planUsed: 0 } }), DEFAULT_RULES).criteria.evaluation).toMatchObject({ status: 'fail', reasons: ['not_evaluated'] });
  });

  it('storytelling alone fails propaganda and says so; a month without activity fails', () => {
    const story = facts({ propaganda: { months: { '2017-01': 1, '2017-02': 1 }, kinds: { 'ke-chuyen': 2 } } });
    expect(judgeUnit(story, DEFAULT_RULES).criteria.propaganda).toMatchObject({ status: 'fail', reasons: ['too_few_kinds', 'storytelling_only'] });
    const gap = facts({ propaganda: { months: { '2017-01': 2, '2017-02': 0 }, kinds: { 'chao-co': 1, 'hoc-tap': 1 } } });
    expect(judgeUnit(gap, DEFAULT_RULES).criteria.propaganda).toMatchObject({ status: 'fail', value: 1, base: 2, reasons: ['months_missing'] });
  });

  it('a criterion turned off never fails', () => {
    const j = judgeUnit(facts({ tasks: { overdue: 5 } }), parseRules({ tasks: false }));
    expect(j.criteria.tasks.status).toBe('off');
    expect(j.passed).toBe(true);
  });
});

describe('judged months', () => {
  it('takes every month over by the as-of date, and the running month only when it has an activity', () => {
    expect(judgedMonths('2017-01-01', '2017-12-31', '2017-12-31', () => false)).toHaveLength(12);
    expect(judgedMonths('2017-04-01', '2017-06-30', '2017-06-30', () => false)).toEqual(['2017-04', '2017-05', '2017-06']);
    expect(judgedMonths('2017-01-01', '2017-06-15', '2017-06-15', () => false)).toEqual(['2017-01', '2017-02', '2017-03', '2017-04', '2017-05']);
    expect(judgedMonths('2017-01-01', '2017-06-15', '2017-06-15', (m) => m === '2017-06')).toHaveLength(6);
  });
});

describe('evaluation words', () => {
  it('reads the four levels as offices write them', () => {
    expect(parseEvaluationResult('xuat-sac')).toBe('xuat-sac');
    expect(parseEvaluationResult('Hoàn thành tốt nhiệm vụ')).toBe('tot');
    expect(parseEvaluationResult('HTNV')).toBe('hoan-thanh');
    expect(parseEvaluationResult('không hoàn thành')).toBe('khong-hoan-thanh');
    expect(parseEvaluationResult('giỏi')).toBeNull();
  });

  it('reads yes and no', () => {
    expect(parseYesNo('có')).toBe(true);
    expect(parseYesNo('x')).toBe(true);
    expect(parseYesNo('Không')).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseYesNo('maybe')).toBeUndefined();
  });

  it('QĐ 132: excellent above 20% of good is flagged', () => {
    expect(excellentExceedsShare({ 'xuat-sac': 2, tot: 10 })).toBe(false);
    expect(excellentExceedsShare({ 'xuat-sac': 3, tot: 10 })).toBe(true);
    expect(excellentExceedsShare({ 'xuat-sac': 4, tot: 12 })).toBe(true);
    expect(excellentExceedsShare({ 'xuat-sac': 0, tot: 0 })).toBe(false);
  });
});
