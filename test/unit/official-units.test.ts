// The shipped official list: its size, names normalised, provinces found by name or code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { committeeNameOf, matchProvince, normaliseUnitName, OfficialListError, parseOfficialList, provincesOf } from '../../src/domain/official-units.js';
import { ROOT } from '../helpers.js';

const LIST = parseOfficialList(readFileSync(join(ROOT, 'data', 'don-vi-hanh-chinh-2025.csv'), 'utf8'));
const PROVINCES = provincesOf(LIST);
const count = (pred: (u: (typeof LIST)[number]) => boolean) => LIST.filter(pred).length;

describe('the official list', () => {
  it('holds 34 provinces and 3,321 units with 5-digit codes, each code once', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(LIST).toHaveLength(3321);
    expect(new Set(LIST.map((u) => u.code)).size).toBe(3321);
    expect(LIST.every((u) => /^\d{5}$/.test(u.code))).toBe(true);
    expect(count((u) => u.kind === 'special-zone')).toBe(13);
  });

  it('gives Ho Chi Minh City 113 wards, 54 communes and 1 special zone (Côn Đảo)', () => {
    const hcm = LIST.filter((u) => u.provinceCode === '79');
    expect(hcm).toHaveLength(168);
    expect(hcm.filter((u) => u.kind === 'ward')).toHaveLength(113);
    expect(hcm.filter((u) => u.kind === 'commune')).toHaveLength(54);
    expect(hcm.filter((u) => u.kind === 'special-zone').map((u) => u.name)).toEqual(['Đặc khu Côn Đảo']);
  });

  it('normalises names: NFC and a capitalised kind prefix, remembering the published name', () => {
    const bacSon = LIST.find((u) => u.code === '06325')!;
    expect(bacSon.name).toBe('Xã Bắc Sơn');
    expect(bacSon.publishedName).toBe('xã Bắc Sơn');
    expect(count((u) => u.publishedName !== null)).toBe(1);
    expect(LIST.every((u) => u.name === u.name.normalize('NFC') && /^(Phường|Xã|Đặc khu) /.test(u.name))).toBe(true);
    expect(normaliseUnitName('  phường   Bến  Thành ').name).toBe('Phường Bến Thành');
    expect(normaliseUnitName('ĐẶC KHU Côn Đảo')).toEqual({ name: 'Đặc khu Côn Đảo', kind: 'special-zone' });
    expect(normaliseUnitName('Xa\u0303 Tân Tiến'.normalize('NFD')).name).toBe('Xã Tân Tiến');
    expect(normaliseUnitName('Chi bộ khu phố 1')).toEqual({ name: 'Chi bộ khu phố 1', kind: null });
  });

  it('refuses a malformed list, naming the line', () => {
    expect(() => parseOfficialList('ma_tinh,ten_tinh,ma_xa,ten_xa,loai\n79,TP,123,Phường A,phường\n')).toThrow(OfficialListError);
    expect(() => parseOfficialList('a,b\n')).toThrow(/line 1/);
  });
});

describe('matchProvince', () => {
  const names = (q: string) => matchProvince(PROVINCES, q).map((p) => p.name);
  it('finds a province by name with or without accents or prefix, or by code', () => {
    expect(names('ho chi minh')).toEqual(['Thành phố Hồ Chí Minh']);
    expect(names('Hồ Chí Minh')).toEqual(['Thành phố Hồ Chí Minh']);
    expect(names('TP Hồ Chí Minh')).toEqual(['Thành phố Hồ Chí Minh']);
    expect(names('79')).toEqual(['Thành phố Hồ Chí Minh']);
    expect(names('1')).toEqual(['Thành phố Hà Nội']);
    expect(names('Tỉnh Lạng Sơn')).toEqual(['Tỉnh Lạng Sơn']);
    expect(names('thanh hoa')).toEqual(['Tỉnh Thanh Hoá']);
  });
  it('returns several or none when the name does not decide', () => {
    expect(names('ninh')).toEqual(['Tỉnh Quảng Ninh', 'Tỉnh Bắc Ninh', 'Tỉnh Ninh Bình', 'Tỉnh Tây Ninh']);
    expect(names('atlantis')).toEqual([]);
    expect(names('99')).toEqual([]);
  });
  it('names the committee: Thành ủy for a city, Tỉnh ủy for a province', () => {
    expect(committeeNameOf({ code: '79', name: 'Thành phố Hồ Chí Minh' })).toBe('Thành ủy Thành phố Hồ Chí Minh');
    expect(committeeNameOf({ code: '20', name: 'Tỉnh Lạng Sơn' })).toBe('Tỉnh ủy Lạng Sơn');
  });
});
