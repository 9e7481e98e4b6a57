/**
 * Finding a record from what a user typed: an id, a code, or a name typed with or without accents.
 * One rule for every kind of record, so "ben nghe" works the same for units, people and documents.
 */
import { UsageError, NotFoundError } from '../cli/errors.js';
import { fold } from '../domain/text.js';

export interface Candidate {
  id: number;
  name: string;
  code?: string | null;
  /** Folded name, as stored. */
  folded: string;
  /** A candidate the context prefers (e.g. the unit that existed on the date in question). */
  preferred?: boolean;
  /** Shown in the list of candidates. */
  label?: string;
}

/**
 * Picks one candidate: an exact id, an exact code, an exact folded name, then names containing
 * the folded query. Among several, those marked preferred win; still several is an ambiguity
 * (exit 2, candidates listed); none is an error too.
 */
export function pickOne<C extends Candidate>(entity: string, query: string, candidates: C[], opts: { idNotFoundExit1?: boolean } = {}): C {
  const q = query.trim();
  if (/^\d+$/.test(q)) {
    const byId = candidates.find((c) => c.id === Number(q));
    if (byId) return byId;
    if (opts.idNotFoundExit1) throw new NotFoundError('lookup.idNotFound', { entity, id: q });
  }
  const byCode = candidates.filter((c) => c.code && fold(c.code) === fold(q));
  if (byCode.length === 1) return byCode[0];
  const f = fold(q);
  if (!f) throw new UsageError('lookup.empty', { entity });
  const exact = candidates.filter((c) => c.folded === f);
  const pool = exact.length ? exact : candidates.filter((c) => c.folded.includes(f) || wordsMatch(c.folded, f));
  if (pool.length === 1) return pool[0];
  const preferred = pool.filter((c) => c.preferred);
  if (preferred.length === 1) return preferred[0];
  if (pool.length === 0) throw new UsageError('lookup.notFound', { entity, query: q });
  const list = (preferred.length ? preferred : pool)
    .slice(0, 20)
    .map((c) => `  ${c.id}\t${c.label ?? c.name}`)
    .join('\n');
  throw new UsageError('lookup.ambiguous', { entity, query: q, count: (preferred.length || pool.length), candidates: list });
}

/** Every word of the query appears in the name ("hai huynh" finds "huynh thanh hai"). */
function wordsMatch(folded: string, query: string): boolean {
  const words = query.split(' ').filter(Boolean);
  return words.length > 1 && words.every((w) => folded.split(' ').includes(w));
}
