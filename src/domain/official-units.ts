/**
 * The official list of commune-level units after 01/07/2025 (data/don-vi-hanh-chinh-2025.csv):
 * parsing, the normalisation of names, and finding a province by name or code. Pure: no I/O.
 */
import { cleanText, fold } from './text.js';

export interface OfficialUnit {
  provinceCode: string;
  provinceName: string;
  /** The unit's official 5-digit code, leading zeros kept. */
  code: string;
  /** The name as stored: NFC, with a capitalised kind prefix. */
  name: string;
  /** The name as published, when normalising changed it. */
  publishedName: string | null;
  kind: 'ward' | 'commune' | 'special-zone';
}

export interface Province {
  code: string;
  name: string;
}

/** Kind prefixes of grassroots names, folded → as written at the start of a name. */
const PREFIXES: { folded: string; written: string; kind: OfficialUnit['kind'] }[] = [
  { folded: 'phuong', written: 'Phường', kind: 'ward' },
  { folded: 'xa', written: 'Xã', kind: 'commune' },
  { folded: 'dac khu', written: 'Đặc khu', kind: 'special-zone' },
];

/**
 * A grassroots unit's name normalised: NFC, single spaces, and the kind prefix written the one way
 * ("xã Bắc Sơn" → "Xã Bắc Sơn"). Returns the kind the prefix says, when it says one.
 */
export function normaliseUnitName(raw: string): { name: string; kind: OfficialUnit['kind'] | null } {
  const name = cleanText(raw);
  const words = name.split(' ');
  for (const p of PREFIXES) {
    const n = p.folded.split(' ').length;
    if (words.length > n && fold(words.slice(0, n).join(' ')) === p.folded) {
      return { name: [p.written, ...words.slice(n)].join(' ').normalize('NFC'), kind: p.kind };
    }
  }
  return { name, kind: null };
}

const KIND_WORDS: Record<string, OfficialUnit['kind']> = { phuong: 'ward', xa: 'commune', 'dac khu': 'special-zone' };

export class OfficialListError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** Parses the list (header `ma_tinh,ten_tinh,ma_xa,ten_xa,loai`; names hold no commas). */
export function parseOfficialList(text: string): OfficialUnit[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim());
  const expected = ['ma_tinh', 'ten_tinh', 'ma_xa', 'ten_xa', 'loai'];
  if (!header || expected.some((h, i) => header[i] !== h)) throw new OfficialListError(1, `header is not ${expected.join(',')}`);
  const out: OfficialUnit[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const cells = lines[i].split(',');
    if (cells.length !== 5) throw new OfficialListError(i + 1, `${cells.length} fields instead of 5`);
    const [provinceCode, provinceName, code, rawName, kindWord] = cells.map((c) => c.trim());
    const kind = KIND_WORDS[fold(kindWord)];
    if (!kind) throw new OfficialListError(i + 1, `unknown kind "${kindWord}"`);
    if (!/^\d{2}$/.test(provinceCode) || !/^\d{5}$/.test(code)) throw new OfficialListError(i + 1, `bad code ${provinceCode}/${code}`);
    const published = rawName.normalize('NFC');
    const { name } = normaliseUnitName(published);
    out.push({ provinceCode, provinceName: cleanText(provinceName), code, name, publishedName: name === published ? null : published, kind });
  }
  return out;
}

/** The provinces of the list, in the list's order. */
export function provincesOf(units: readonly OfficialUnit[]): Province[] {
  const seen = new Map<string, Province>();
  for (const u of units) if (!seen.has(u.provinceCode)) seen.set(u.provinceCode, { code: u.provinceCode, name: u.provinceName });
  return [...seen.values()];
}

/** The province name without its "Tỉnh"/"Thành phố" prefix, folded: "Thành phố Hồ Chí Minh" → "ho chi minh". */
function coreName(name: string): string {
  return fold(name).replace(/^(tinh|thanh pho|tp\.?) /, '');
}

/**
 * Provinces matching what the user typed: a code ("79", "1" = "01"), or a name with or without
 * accents and prefix ("ho chi minh", "TP Hồ Chí Minh", "Tỉnh Lào Cai"). An exact name wins over
 * names that merely contain every word typed.
 */
export function matchProvince(provinces: readonly Province[], query: string): Province[] {
  const q = query.trim();
  if (/^\d{1,2}$/.test(q)) return provinces.filter((p) => p.code === q.padStart(2, '0'));
  const folded = coreName(q);
  if (!folded) return [];
  const exact = provinces.filter((p) => coreName(p.name) === folded);
  if (exact.length) return exact;
  const words = folded.split(' ');
  return provinces.filter((p) => {
    const have = coreName(p.name).split(' ');
    return words.every((w) => have.includes(w));
  });
}

/** The committee of a province: "Thành ủy Thành phố Hồ Chí Minh", "Tỉnh ủy Lào Cai". */
export function committeeNameOf(province: Province): string {
  const f = fold(province.name);
  if (f.startsWith('tinh ')) return `T\u1EC9nh \u1EE7y ${province.name.split(' ').slice(1).join(' ')}`;
  return `Th\u00E0nh \u1EE7y ${province.name}`;
}

/** The code given to a province committee created by the import, so that a second run finds it. */
export function committeeCodeOf(province: Province): string {
  return `TU-${province.code}`;
}
