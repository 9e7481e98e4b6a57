import { describe, expect, it } from 'vitest';
import { classifyTask, daysLeft, isCarriedOver, isOpenOn, type TaskDates } from '../../src/domain/tasks.js';

const base: TaskDates = { startOn: '2017-06-17', dueOn: '2017-09-30', doneOn: null, cancelledOn: null };
const t = (p: Partial<TaskDates>): TaskDates => ({ ...base, ...p });

describe('classifyTask', () => {
  it('due today is not overdue; due yesterday is', () => {
    expect(classifyTask(t({}), '2017-09-30')).toBe('due_soon');
    expect(classifyTask(t({}), '2017-10-01')).toBe('overdue');
  });
  it('is in progress outside the warning window and due soon inside it', () => {
    expect(classifyTask(t({}), '2017-09-22')).toBe('in_progress');
    expect(classifyTask(t({}), '2017-09-23')).toBe('due_soon');
    expect(classifyTask(t({}), '2017-09-23', 3)).toBe('in_progress');
    expect(classifyTask(t({}), '2017-09-27', 3)).toBe('due_soon');
    expect(classifyTask(t({}), '2017-09-29', 0)).toBe('in_progress');
    expect(classifyTask(t({}), '2017-09-30', 0)).toBe('due_soon');
  });
  it('done on the due date is on time; the day after is late', () => {
    expect(classifyTask(t({ doneOn: '2017-09-30' }), '2017-12-31')).toBe('done_on_time');
    expect(classifyTask(t({ doneOn: '2017-10-01' }), '2017-12-31')).toBe('done_late');
    expect(classifyTask(t({ doneOn: '2017-07-01' }), '2017-12-31')).toBe('done_on_time');
  });
  it('a completion after the as-of date has not happened yet on that day', () => {
    expect(classifyTask(t({ doneOn: '2017-10-05' }), '2017-10-02')).toBe('overdue');
    expect(classifyTask(t({ doneOn: '2017-10-05' }), '2017-10-05')).toBe('done_late');
    expect(classifyTask(t({ cancelledOn: '2017-08-01' }), '2017-07-31')).toBe('in_progress');
  });
  it('an extension moves the judgement to the new date', () => {
    const extended = t({ dueOn: '2017-10-31' });
    expect(classifyTask(extended, '2017-10-15')).toBe('in_progress');
    expect(classifyTask(t({ dueOn: '2017-10-31', doneOn: '2017-10-20' }), '2017-12-31')).toBe('done_on_time');
    expect(classifyTask(extended, '2017-11-01')).toBe('overdue');
  });
  it('no deadline, done without deadline, cancelled', () => {
    expect(classifyTask(t({ dueOn: null }), '2030-01-01')).toBe('no_deadline');
    expect(classifyTask(t({ dueOn: null, doneOn: '2017-07-01' }), '2017-12-31')).toBe('done_no_deadline');
    expect(classifyTask(t({ cancelledOn: '2017-08-01' }), '2017-12-31')).toBe('cancelled');
    expect(classifyTask(t({ cancelledOn: '2017-08-01', dueOn: null }), '2017-12-31')).toBe('cancelled');
  });
  it('knows open, carried-over tasks and days left', () => {
    const old = t({ startOn: '2016-10-01', dueOn: '2016-12-31' });
    expect(isCarriedOver(old, '2017-01-01')).toBe(true);
    expect(isCarriedOver({ ...old, doneOn: '2016-12-30' }, '2017-01-01')).toBe(false);
    expect(isCarriedOver({ ...old, doneOn: '2017-01-10' }, '2017-01-01')).toBe(true);
    expect(isCarriedOver(t({}), '2017-01-01')).toBe(false);
    expect(isOpenOn(t({ doneOn: '2017-09-01' }), '2017-08-31')).toBe(true);
    expect(isOpenOn(t({ doneOn: '2017-09-01' }), '2017-09-01')).toBe(false);
    expect(daysLeft(t({}), '2017-09-28')).toBe(2);
    expect(daysLeft(t({}), '2017-10-03')).toBe(-3);
    expect(daysLeft(t({ dueOn: null }), '2017-10-03')).toBeNull();
  });
});
