/** What a minutes draft holds, in a line: for `meeting drafts` (no prompts loaded). */
import type { IsoDate } from '../../../domain/dates.js';

export const DRAFT_KIND = 'minutes';

/** The draft's data column: the answers by question key (see src/prompts/minutes-flow.ts). */
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
