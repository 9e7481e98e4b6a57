import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../src/domain/compliance.js';
import { GRASSROOTS_KINDS } from '../../src/domain/grassroots.js';
import { quarterOf, yearPeriod } from '../../src/domain/periods.js';
import { translator } from '../../src/i18n/index.js';
import { buildComplianceReport, complianceScope } from '../../src/reports/compliance.js';
import { listUnits, resolveUnit, type UnitKind } from '../../src/store/units.js';
import { openSample } from '../helpers.js';

describe('buildComplianceReport', () => {
  const db = openSample();
  const kinds: UnitKind[] = [...GRASSROOTS_KINDS];
  const wards = listUnits(db, { from: '2017-01-01', to: '2017-12-31' }).filter((u) => kinds.includes(u.kind));
  const t = translator('vi');

  it('judges the ten wards of the sample over 2017 as the report command does', () => {
    const report = buildComplianceReport({ db, t, lang: 'vi', period: yearPeriod(2017), asOf: '2017-12-31', units: wards, rules: structuredClone(DEFAULT_RULES), rulesFile: null, kinds });
    expect(report.period).toEqual({ code: '2017', kind: 'year', label: 'năm 2017', from: '2017-01-01', to: '2017-12-31' });
    expect([report.until, report.year, report.planDeadline, report.evaluationYear]).toEqual(['2017-12-31', 2017, '2017-03-31', 2017]);
    expect(report.summary).toEqual({ units: 10, passed: 3, failed: 7, failingBy: { attendance: 1, breakthrough: 2, tasks: 2, plans: 1, evaluation: 1, propaganda: 1 } });
    const byName = new Map(report.units.map((u) => [u.name, u]));
    expect(byName.get('Phường Bến Nghé')!.verdict).toBe('dat');
    expect(byName.get('Phường Cô Giang')!.failing).toEqual(['attendance']);
    expect(byName.get('Phường Cô Giang')!.criteria.attendance).toMatchObject({ attended: 2, invited: 3 });
    expect(byName.get('Phường Nguyễn Cư Trinh')!.failing).toEqual(['breakthrough', 'tasks']);
  });

  it('judges until the as-of day inside the period, and names the period in the language asked', () => {
    const unit = resolveUnit(db, 'co giang', { at: '2017-06-30' });
    const period = quarterOf('2017-06-30');
    const report = buildComplianceReport({ db, t: translator('en'), lang: 'en', period, asOf: '2017-05-15', units: [unit], rules: structuredClone(DEFAULT_RULES), rulesFile: 'rules.json', kinds: ['ward'] });
    expect(report.until).toBe('2017-05-15');
    expect(report.period.label).toBe('Q2 2017');
    expect(report.rulesFile).toBe('rules.json');
    expect(report.units.map((u) => u.unitId)).toEqual([unit.id]);
    expect(complianceScope(period, '2017-05-15', [unit])).toMatchObject({ unitIds: [unit.id], from: '2017-04-01', until: '2017-05-15', year: 2017, evaluationYear: null });
  });
});
