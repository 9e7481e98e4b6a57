/**
 * Finding a record from what a user typed: an id, a code, or a name typed with or without accents.
 * One rule for every kind of record, so "ben nghe" works the same for units, people and documents.
 *
 * Ids: `#5` is the record with id 5 and nothing else. A bare `5` is also taken as an id, but only
 * when it cannot mean something else: a unit whose code is "5" (wards are often named by number)
 * and another unit with id 5 make "5" ambiguous, and both are listed (exit 2).
 */
import { UsageError, NotFoundError } from '../cli/errors.js';
import { fold } from '../domain/text.js';

const ID_REF = /^#\s*(\d{1,15})$/;
const BARE_NUMBER = /^\d{1,15}$/;

/**
 * A value that can only be an id (tasks, meetings, groups): `#12` or `12`. Returns undefined when
 * it is neither, for the caller to name its field in the error.
 */
export function parseIdText(value: string): number | undefined {
  const v = value.trim();
  const m = ID_REF.exec(v) ?? (BARE_NUMBER.test(v) ? [v, v] : null);
  if (!m) return undefined;
  return Number(m[1]);
}

export interface RefLookup<T extends { id: number }> {
  entity: string;
  byId(id: number): T | undefined;
  /** Records whose code is exactly this text (kinds that have codes). */
  byCode?(code: string): T[];
  /** How a record is shown in a list of candidates. */
  label(record: T): string;
  /** Everything else: codes and names, through pickOne. */
  byName(query: string): T;
}

/**
 * The one rule for what a typed value refers to: `#N` is an id; a bare number is an id or a code,
 * and both at once (different records) is an ambiguity listing both; the rest goes by code and name.
 * `idNotFoundExit1`: a number that matches nothing is "not found" (exit 1), for show commands.
 */
export function resolveRef<T extends { id: number }>(query: string, lookup: RefLookup<T>, opts: { idNotFoundExit1?: boolean } = {}): T {
  const q = query.trim();
  const hash = ID_REF.exec(q);
  if (hash) {
    const found = lookup.byId(Number(hash[1]));
    if (found) return found;
    const params = { entity: lookup.entity, id: hash[1] };
    throw opts.idNotFoundExit1 ? new NotFoundError('lookup.idNotFound', params) : new UsageError('lookup.idNotFound', params);
  }
  if (BARE_NUMBER.test(q)) {
    // A leading zero is never an id typed by a person: official codes ("00004") are codes.
    const byId = q.startsWith('0') ? undefined : lookup.byId(Number(q));
    const byCode = (lookup.byCode?.(q) ?? []).filter((r) => r.id !== byId?.id);
    if (byId && byCode.length) {
      const candidates = [
        `  #${byId.id}\t${lookup.label(byId)}`,
        ...byCode.map((r) => `  #${r.id}\t${lookup.label(r)}`),
      ].join('\n');
      throw new UsageError('lookup.idOrCode', { entity: lookup.entity, query: q, id: byId.id, candidates });
    }
    if (byId) return byId;
    if (byCode.length === 1) return byCode[0];
    if (!byCode.length && opts.idNotFoundExit1) throw new NotFoundError('lookup.idNotFound', { entity: lookup.entity, id: q });
  }
  return lookup.byName(q);
}

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
 * Picks one candidate by name (ids are resolveRef's): an exact code, an exact folded name, then
 * names containing the folded query. Among several, those marked preferred win; still several is
 * an ambiguity (exit 2, candidates listed with their ids as `#N`); none is an error too.
 */
export function pickOne<C extends Candidate>(entity: string, query: string, candidates: C[]): C {
  const q = query.trim();
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
    .map((c) => `  #${c.id}\t${c.label ?? c.name}`)
    .join('\n');
  throw new UsageError('lookup.ambiguous', { entity, query: q, count: (preferred.length || pool.length), candidates: list });
}

/** Every word of the query appears in the name ("hai huynh" finds "huynh thanh hai"). */
function wordsMatch(folded: string, query: string): boolean {
  const words = query.split(' ').filter(Boolean);
  return words.length > 1 && words.every((w) => folded.split(' ').includes(w));
}
