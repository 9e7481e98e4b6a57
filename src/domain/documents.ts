/** Party document codes: "05-CT/TW" is number 05, type CT (directive), issuer TW (Central Committee). */
import { nfc } from './text.js';

export const DOC_TYPES = {
  CT: { vi: 'Chỉ thị', en: 'directive' },
  NQ: { vi: 'Nghị quyết', en: 'resolution' },
  'ĐA': { vi: 'Đề án', en: 'project' },
  KH: { vi: 'Kế hoạch', en: 'plan' },
  KL: { vi: 'Kết luận', en: 'conclusion' },
  HD: { vi: 'Hướng dẫn', en: 'guidance' },
  'QĐ': { vi: 'Quyết định', en: 'decision' },
  TB: { vi: 'Thông báo', en: 'notice' },
  BC: { vi: 'Báo cáo', en: 'report' },
  CTr: { vi: 'Chương trình', en: 'programme' },
  QC: { vi: 'Quy chế', en: 'regulation' },
  QĐi: { vi: 'Quy định', en: 'rule' },
} as const;
export type DocType = keyof typeof DOC_TYPES;

export interface ParsedCode {
  code: string;
  number: string;
  type: DocType;
  issuer: string;
}

/**
 * Parses "05-CT/TW", "02-ĐA/TU", "16-HD/VPTW", "132-QĐ/TW". People type "DA" or "QD" for ĐA/QĐ
 * when their keyboard has no Vietnamese input: both are accepted and stored in the proper form.
 */
export function parseDocCode(input: string): ParsedCode | null {
  const raw = nfc(input).trim().replace(/\s+/g, '');
  const m = /^(\d{1,4}[a-z]?)-([\p{L}]{1,4})\/([\p{L}0-9]{1,10}(?:-[\p{L}0-9]{1,10})?)$/iu.exec(raw);
  if (!m) return null;
  const type = normaliseType(m[2]);
  if (!type) return null;
  const issuer = m[3].toUpperCase().replace(/^D(?=U$|T$)/, 'Đ');
  return { code: `${m[1]}-${type}/${issuer}`, number: m[1], type, issuer };
}

function normaliseType(raw: string): DocType | null {
  const upper = raw.toUpperCase();
  const map: Record<string, DocType> = {
    CT: 'CT', NQ: 'NQ', 'ĐA': 'ĐA', DA: 'ĐA', KH: 'KH', KL: 'KL', HD: 'HD', 'QĐ': 'QĐ', QD: 'QĐ', TB: 'TB', BC: 'BC',
    CTR: 'CTr', QC: 'QC', 'QĐI': 'QĐi', QDI: 'QĐi',
  };
  return map[upper] ?? null;
}

export const KNOWN_ISSUERS: Record<string, { vi: string; en: string }> = {
  TW: { vi: 'Trung ương', en: 'Central Committee' },
  TU: { vi: 'Thành ủy / Tỉnh ủy', en: 'City/Provincial Committee' },
  QU: { vi: 'Quận ủy', en: 'District Committee' },
  HU: { vi: 'Huyện ủy', en: 'County Committee' },
  'ĐU': { vi: 'Đảng ủy', en: 'Party Committee' },
  VPTW: { vi: 'Văn phòng Trung ương Đảng', en: 'Central Party Office' },
  BTGTW: { vi: 'Ban Tuyên giáo Trung ương', en: 'Central Propaganda Commission' },
};
