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
