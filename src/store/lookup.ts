/**
 * Finding a record from what a user typed: an id, a code, or a name typed with or without accents.
 * One rule for every kind of record, so "ben nghe" works the same for units, people and documents.
 *
 * Ids: `#5` is the record with id 5 and nothing else. A bare `5` is also taken as an id, but only
 * when it cannot mean something else: a unit whose code is "5" (wards are often named by number)
 * and another unit with id 5 make "5" ambiguous, and both are listed (exit 2).
 */
import { UsageError, NotFoundError } from '../errors.js';
import { cleanText, fold } from '../domain/text.js';

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
  /** It had ended before the date in question (an older unit of the same name, the old Phường Bến Thành). */
  past?: boolean;
}

/**
 * Picks one candidate by name (ids are resolveRef's): an exact code, an exact folded name, then
 * names containing the folded query. Among several, those marked preferred win; still several is
 * an ambiguity (exit 2, candidates listed with their ids as `#N`); none is an error too.
 */
export function pickOne<C extends Candidate>(entity: string, query: string, candidates: C[], opts: { abbreviations?: boolean; date?: string } = {}): C {
  const q = query.trim();
  const accented = exactAccentedName(q, candidates);
  if (accented) return accented;
  const byCode = candidates.filter((c) => c.code && fold(c.code) === fold(q));
  if (byCode.length === 1) return byCode[0];
  const f = fold(opts.abbreviations ? expandAbbreviations(q) : q);
  if (!f) throw new UsageError('lookup.empty', { entity });
  const exact = candidates.filter((c) => c.folded === f);
  const pool = exact.length ? exact : candidates.filter((c) => c.folded.includes(f) || wordsMatch(c.folded, f));
  if (pool.length === 1) return pool[0];
  const preferred = pool.filter((c) => c.preferred);
  if (preferred.length === 1) {
    // Chosen by date over an older unit of the same name (what a report about the past may mean): say which, and how to pick the other.
    const sameName = pool.filter((c) => c !== preferred[0] && c.folded === preferred[0].folded && c.past);
    if (sameName.length) lookupNotice?.('lookup.choseByDate', { query: q, date: opts.date ?? '', chosen: preferred[0].label ?? preferred[0].name, others: sameName.map((c) => `${c.label ?? c.name} (${c.id})`).join('; ') });
    return preferred[0];
  }
  if (pool.length === 0) {
    const near = nearNames(f, candidates);
    if (near.length) throw new UsageError('lookup.didYouMean', { entity, query: q, candidates: near.map((c) => `  ${c.id}\t${c.label ?? c.name}`).join('\n') });
    throw new UsageError('lookup.notFound', { entity, query: q });
  }
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

/**
 * A name typed exactly, accents included (case and spacing aside), is that record even when
 * another differs only by accents: "Xã Thạnh An" is not "Xã Thanh An".
 */
function exactAccentedName<C extends Candidate>(query: string, candidates: C[]): C | undefined {
  const q = cleanText(query).toLowerCase();
  if (!q || fold(q) === q) return undefined;
  const hits = candidates.filter((c) => c.name.toLowerCase() === q);
  return hits.length === 1 ? hits[0] : undefined;
}

/** How administrative names are shortened in writing: "P. Bến Nghé", "P.Bến Nghé", "X. Bình Chánh", "TT. Cần Thạnh", "Q.1". */
// Expanded to folded words (the lookup folds anyway), which keeps the bundle ASCII.
const ABBREVIATIONS: Record<string, string> = { p: 'phuong', x: 'xa', tt: 'thi tran', q: 'quan', h: 'huyen', tp: 'thanh pho', dk: 'dac khu', '\u0111k': 'dac khu' };

export function expandAbbreviations(text: string): string {
  return text.replace(/(^|[\s,;(])(tp|tt|\u0111k|dk|p|x|q|h)\s*\.\s*/giu, (_, before: string, abbr: string) => `${before}${ABBREVIATIONS[abbr.toLowerCase()]} `);
}

/**
 * Names close to what was typed, for "có phải ý bạn là …?": the query without its spaces against
 * every run of whole words of each name without spaces ("benghe" ~ "bennghe"), within one edit
 * (two for longer words).
 */
function nearNames<C extends Candidate>(folded: string, candidates: C[]): C[] {
  const q = folded.replace(/[^a-z0-9]/g, '');
  if (q.length < 3) return [];
  const allowed = q.length >= 8 ? 2 : 1;
  const scored: { c: C; d: number }[] = [];
  for (const c of candidates) {
    const words = c.folded.split(' ').map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean);
    let best = Infinity;
    for (let i = 0; i < words.length && best > 0; i++) {
      let run = '';
      for (let j = i; j < words.length; j++) {
        run += words[j];
        if (run.length > q.length + allowed) break;
        if (run.length >= q.length - allowed) best = Math.min(best, editDistance(q, run, allowed));
      }
    }
    if (best <= allowed) scored.push({ c, d: best });
  }
  return scored.sort((a, b) => a.d - b.d).slice(0, 8).map((s) => s.c);
}

/** Edits (insert, delete, replace, swap of neighbours) from a to b, or limit + 1 once it is over the limit. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[a.length][b.length];
}

/** Where a lookup tells what it decided (a unit chosen by date among several of the same name); set per run. */
let lookupNotice: ((key: string, params: Record<string, string>) => void) | undefined;

export function onLookupNotice(fn: ((key: string, params: Record<string, string>) => void) | undefined): void {
  lookupNotice = fn;
}
