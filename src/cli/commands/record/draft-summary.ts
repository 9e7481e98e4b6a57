/** What a minutes draft holds, in a line: for `meeting drafts` (no prompts loaded). */
import { hostname } from 'node:os';
import type { IsoDate } from '../../../domain/dates.js';
import type { DraftLock } from '../../../store/drafts.js';

export const DRAFT_KIND = 'minutes';

/** The draft's data column: the answers by question key (see src/prompts/minutes/answers.ts). */
export interface MinutesDraftData {
  version: 1;
  answers: Record<string, unknown>;
}

export interface DraftSummary {
  heldOn: IsoDate | null;
  title: string | null;
  /** Questions answered so far. */
  answers: number;
  speeches: number;
  conclusions: number;
}

export function draftSummary(data: MinutesDraftData): DraftSummary {
  const a = data?.answers ?? {};
  let speeches = 0;
  while (`speech.${speeches}.mode` in a && a[`speech.${speeches}.mode`] !== 'done') speeches++;
  let conclusions = 0;
  while (typeof a[`conclusion.${conclusions}.text`] === 'string' && a[`conclusion.${conclusions}.text`] !== '') conclusions++;
  return {
    heldOn: typeof a.heldOn === 'string' ? a.heldOn : null,
    title: typeof a.title === 'string' ? a.title : null,
    // Keys starting with "_" are the session's bookkeeping (the order of answers), not answers.
    answers: Object.keys(a).filter((k) => !k.startsWith('_')).length,
    speeches,
    conclusions,
  };
}

/** A lock not renewed for this long belongs to a session that is gone. */
export const LOCK_STALE_MS = 60_000;

/** Whether the session holding a lock is gone: no heartbeat for a minute, or its process has ended on this host. */
export function lockIsStale(lock: DraftLock, now: Date, host = hostname()): boolean {
  if (now.getTime() - Date.parse(lock.heartbeatAt) > LOCK_STALE_MS) return true;
  if (lock.host !== host) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A stored UTC time as the office's clock reads it: "17/06/2017 08:05" (vi) or "2017-06-17 08:05". */
export function localStamp(iso: string, lang: 'vi' | 'en'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return lang === 'vi' ? `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}` : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
