/**
 * Dates that Excel stores as serial numbers (days since 30/12/1899, the 1900 system): a date cell
 * without a date format reaches an import as "45823". Five-digit serials cover 1927–2173.
 */
import type { IsoDate } from './dates.js';

export function excelSerialDate(text: string): IsoDate | null {
  const t = text.trim();
  if (!/^\d{5}(?:\.\d+)?$/.test(t)) return null;
  const days = Math.floor(Number(t));
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10) as IsoDate;
}
