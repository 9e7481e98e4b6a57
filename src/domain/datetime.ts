/** Moments (UTC timestamps, as stored) shown as the office's clock reads them, in Asia/Ho_Chi_Minh. */
import { formatDateVi } from './dates.js';

/** Asia/Ho_Chi_Minh is UTC+7 all year round (no daylight saving since 1975). */
const HCM_OFFSET_MS = 7 * 3_600_000;

/** "2026-12-01T14:41:09.895Z" → "01/12/2026 21:41:09"; text that is not a timestamp as it is. */
export function formatLocalDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + HCM_OFFSET_MS).toISOString();
  return `${formatDateVi(local.slice(0, 10))} ${local.slice(11, 19)}`;
}

/** "2026-12-01T14:41:09.895Z" → "01/12/2026 21:41": a moment to the minute, as reports name "data as of". */
export function formatLocalMinute(iso: string): string {
  const full = formatLocalDateTime(iso);
  return full === iso ? iso : full.slice(0, 16);
}

const MINUTE_MS = 60_000;
const ELAPSED_UNITS: Record<string, number> = {
  m: MINUTE_MS, min: MINUTE_MS, phut: MINUTE_MS, 'phút': MINUTE_MS,
  h: 60 * MINUTE_MS, gio: 60 * MINUTE_MS, 'giờ': 60 * MINUTE_MS,
  d: 1440 * MINUTE_MS, ngay: 1440 * MINUTE_MS, 'ngày': 1440 * MINUTE_MS,
  w: 10_080 * MINUTE_MS, tuan: 10_080 * MINUTE_MS, 'tuần': 10_080 * MINUTE_MS,
};

/**
 * An elapsed time, in milliseconds: "7d", "12h", "30m" (minutes, not months: this measures how long
 * ago data arrived), "2w", "45 phút", "3 ngày". Null when it is not one.
 */
export function parseElapsed(input: string): number | null {
  const m = /^(\d{1,6})\s*([\p{L}]+)$/u.exec(input.normalize('NFC').trim().toLowerCase());
  if (!m) return null;
  const unit = ELAPSED_UNITS[m[2]];
  const amount = Number(m[1]);
  if (!unit || amount <= 0) return null;
  return amount * unit;
}
