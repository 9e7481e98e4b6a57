import { describe, expect, it } from 'vitest';
import { assessBreakthrough, hasMeasurableElement, isSloganOnly } from '../../src/domain/breakthrough.js';

const b = (p: Partial<Parameters<typeof assessBreakthrough>[0]>) => ({
  title: 'Chỉnh trang hẻm',
  target: 'Chỉnh trang 5 tuyến hẻm, 100% hộ dân đồng thuận',
  startOn: '2017-07-01',
  dueOn: '2017-12-15',
  year: 2017,
  ...p,
});

describe('assessBreakthrough', () => {
  it('accepts a specific, time-limited breakthrough', () => {
    expect(assessBreakthrough(b({}))).toEqual({ generic: false, reasons: [] });
  });
  it('flags a target with nothing measurable', () => {
    expect(assessBreakthrough(b({ target: 'Làm tốt công tác dân vận' })).reasons).toEqual(['no_measurable_target']);
    expect(assessBreakthrough(b({ target: null })).reasons).toContain('no_measurable_target');
    expect(assessBreakthrough(b({ target: '   ' })).reasons).toContain('no_measurable_target');
  });
  it('flags slogan-only wording', () => {
    const r = assessBreakthrough(b({ title: 'Tăng cường công tác xây dựng Đảng', target: 'Nâng cao chất lượng sinh hoạt chi bộ' }));
    expect(r.generic).toBe(true);
    expect(r.reasons).toEqual(['no_measurable_target', 'slogan_only']);
  });
  it('a slogan verb with a number is not slogan-only', () => {
    expect(assessBreakthrough(b({ title: 'Đẩy mạnh cải cách hành chính', target: 'Giải quyết 100% hồ sơ đúng hạn' })).generic).toBe(false);
  });
  it('flags a missing time limit or one after the end of the year', () => {
    expect(assessBreakthrough(b({ dueOn: null })).reasons).toEqual(['no_time_limit']);
    expect(assessBreakthrough(b({ dueOn: '2018-06-30' })).reasons).toEqual(['ends_after_year']);
    expect(assessBreakthrough(b({ dueOn: '2017-12-31' })).reasons).toEqual([]);
  });
  it('recognises numbers, percentages and Vietnamese number words', () => {
    expect(hasMeasurableElement('đạt 95%')).toBe(true);
    expect(hasMeasurableElement('xây dựng ba mô hình')).toBe(true);
    expect(hasMeasurableElement('thăm bà mẹ Việt Nam anh hùng')).toBe(false);
    expect(hasMeasurableElement('')).toBe(false);
    expect(isSloganOnly('Đẩy mạnh học tập và làm theo')).toBe(true);
    expect(isSloganOnly('Đẩy mạnh, 3 mô hình')).toBe(false);
  });
});
