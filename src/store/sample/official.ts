/**
 * A sample's units taken from the official list (data/don-vi-hanh-chinh-2025.csv): the province's
 * committee and every grassroots unit, through the same import as `unit import --official`.
 * Each unit's key in the sample is its official code; the committee's key is given by the sample.
 */
import { committeeCodeOf, committeeNameOf, provincesOf } from '../../domain/official-units.js';
import { RuntimeError } from '../../errors.js';
import { readOfficialList } from '../official-list.js';
import { importUnits, type UnitImportRow } from '../unit-import.js';
import type { SampleLoader } from './index.js';

interface OfficialSection {
  province: string;
  validFrom: string;
  committeeKey: string;
  committeeNote?: string;
}

export const loadOfficialUnits: SampleLoader = (db, audit, data, refs) => {
  const section = data.officialUnits as OfficialSection | undefined;
  if (!section) return;
  const list = readOfficialList();
  const province = provincesOf(list).find((p) => p.code === section.province);
  if (!province) throw new RuntimeError('sample.badRef', { kind: 'province', key: section.province });
  const units = list.filter((u) => u.provinceCode === province.code);
  const rows: UnitImportRow[] = [
    { line: 0, name: committeeNameOf(province), kind: 'committee', code: committeeCodeOf(province), parent: null, validFrom: section.validFrom, validTo: null, note: section.committeeNote ?? null },
    ...units.map((u, i) => ({ line: i + 1, name: u.name, kind: u.kind, code: u.code, parent: { row: 0 }, validFrom: section.validFrom, validTo: null, note: null })),
  ];
  const result = importUnits(db, audit, rows, { source: `sample ${String(data.name)}`, namesOnly: true });
  refs.units.set(section.committeeKey, result.ids[0]);
  units.forEach((u, i) => refs.units.set(u.code, result.ids[i + 1]));
};
