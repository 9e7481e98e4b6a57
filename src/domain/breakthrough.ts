/**
 * Is a breakthrough task (khâu đột phá) specific? The source case asks that each unit's
 * breakthrough be "cụ thể, không chung chung" and say how long it takes. A breakthrough is flagged
 * generic when its target has nothing measurable, when its words are only slogans, or when it has
 * no time limit or one that runs past the end of its year.
 */
import type { IsoDate } from './dates.js';
import { nfc } from './text.js';

export const BREAKTHROUGH_REASONS = ['no_measurable_target', 'slogan_only', 'no_time_limit', 'ends_after_year'] as const;
export type BreakthroughReason = (typeof BREAKTHROUGH_REASONS)[number];

export interface BreakthroughInput {
  title: string;
  target: string | null;
  startOn: IsoDate;
  dueOn: IsoDate | null;
  year: number;
}

export interface BreakthroughAssessment {
  generic: boolean;
  reasons: BreakthroughReason[];
}

// Vietnamese number words, matched as whole words with their tones ("ba" three, not "bà").
// "năm" is left out: it means "year" far more often than "five".
const NUMBER_WORDS = ['một', 'hai', 'ba', 'bốn', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'trăm', 'nghìn', 'ngàn', 'triệu', 'tỷ', 'tỉ'];

/** Phrases that say "do more, do better" without saying what or how much. */
export const SLOGAN_PHRASES = [
  'tăng cường',
  'đẩy mạnh',
  'nâng cao',
  'chất lượng',
  'hiệu quả',
  'tiếp tục',
  'quyết liệt',
  'đổi mới',
  'phát huy',
  'thực hiện tốt',
  'hơn nữa',
  'toàn diện',
  'mạnh mẽ',
  'góp phần',
  'chuyển biến',
  'tích cực',
  'sâu rộng',
  'rõ nét',
];

/** A number, a percentage, or a counted deliverable ("01 mô hình", "ba tuyến hẻm"). */
export function hasMeasurableElement(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = nfc(text).toLowerCase();
  if (/\d/.test(t) || t.includes('%')) return true;
  const words = t.split(/[^\p{L}]+/u).filter(Boolean);
  return words.some((w) => NUMBER_WORDS.includes(w));
}

/** The text uses slogan phrases and nothing in it can be counted. */
export function isSloganOnly(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = nfc(text).toLowerCase();
  return SLOGAN_PHRASES.some((p) => t.includes(p)) && !hasMeasurableElement(t);
}

export function assessBreakthrough(b: BreakthroughInput): BreakthroughAssessment {
  const reasons: BreakthroughReason[] = [];
  const target = b.target?.trim() ? b.target : null;
  if (!hasMeasurableElement(target)) reasons.push('no_measurable_target');
  if (isSloganOnly(`${b.title} ${target ?? ''}`)) reasons.push('slogan_only');
  if (!b.dueOn) reasons.push('no_time_limit');
  else if (b.dueOn > `${b.year}-12-31`) reasons.push('ends_after_year');
  return { generic: reasons.length > 0, reasons };
}
