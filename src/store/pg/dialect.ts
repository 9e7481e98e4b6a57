/**
 * SQLite's dialect, as the store writes it, rewritten for PostgreSQL. The store's statements are
 * written once where the dialects agree; what differs is rewritten here, token by token (strings,
 * quoted names and comments are never touched):
 * - parameters `?`, `@name`, `:name`, `$name` become `$1`, `$2`… (a named one keeps its number);
 * - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`, and an INSERT into a table with
 *   an `id` gets `RETURNING id` (SQLite's last insert rowid);
 * - `a IS b` / `a IS NOT b` with a value on the right become IS [NOT] DISTINCT FROM;
 * - ifnull → coalesce, instr → strpos, char → chr, group_concat → string_agg, json_group_array →
 *   json_agg, json_object → json_build_object, scalar max/min → greatest/least, sum(condition) →
 *   sum((condition)::int), and SQLite's
 *   json_each, json_extract, julianday, strftime, date → thuky_* functions of the schema (pg/compat);
 * - ORDER BY terms get SQLite's place for NULLs (first when ascending, last when descending);
 * - LIKE becomes ILIKE (SQLite's LIKE ignores the case of ASCII letters);
 * - CAST(… AS REAL) / AS INTEGER name PostgreSQL's types; `main.` before a table goes.
 */

export type ParamRef = { kind: 'positional'; index: number } | { kind: 'named'; name: string };

export interface Translated {
  text: string;
  /** What fills $1, $2, …: the n-th positional argument or a named one. */
  params: ParamRef[];
  /** Numbers ($n) of parameters that are a LIMIT (SQLite takes -1 for "no limit"). */
  limitParams: number[];
  /** The statement inserts into a table with an id and returns it. */
  returnsId: boolean;
  /** Numbers ($n) of parameters tested with IS [NOT] NULL: they get a type from their value. */
  nullTested: number[];
}

/** Tables whose key is not a single `id` column (no RETURNING id for them). */
const NO_ID = new Set(['unit_successor', 'meeting_person', 'meeting_unit', 'meeting_document', 'plan_deadline', 'draft_lock', 'thuky_meta', 'thuky_office', 'thuky_ward']);

const RENAMED: Record<string, string> = {
  ifnull: 'coalesce',
  instr: 'strpos',
  char: 'chr',
  json_group_array: 'json_agg',
  json_each: 'thuky_json_each',
  json_extract: 'thuky_json_extract',
  julianday: 'thuky_julianday',
  strftime: 'thuky_strftime',
  date: 'thuky_date',
  typeof: 'thuky_typeof',
};

interface Token {
  t: 'ws' | 'str' | 'qid' | 'word' | 'num' | 'param' | 'punct' | 'comment';
  s: string;
  /** Text written after the token (NULLS FIRST). */
  after?: string;
}

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const start = i;
    if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i])) i++;
      out.push({ t: 'ws', s: sql.slice(start, i) });
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      out.push({ t: 'comment', s: sql.slice(start, i) });
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out.push({ t: 'comment', s: sql.slice(start, i) });
    } else if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < n) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
      const s = sql.slice(start, i);
      out.push(c === "'" ? { t: 'str', s } : { t: 'qid', s: c === '`' ? `"${s.slice(1, -1)}"` : s });
    } else if (c === '?') {
      i++;
      while (i < n && /[0-9]/.test(sql[i])) i++;
      out.push({ t: 'param', s: sql.slice(start, i) });
    } else if (c === ':' && sql[i + 1] === ':') {
      // PostgreSQL's cast, in a statement written for it: not a parameter.
      i += 2;
      out.push({ t: 'punct', s: '::' });
    } else if ((c === '@' || c === ':' || c === '$') && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      i++;
      while (i < n && /[A-Za-z0-9_]/.test(sql[i])) i++;
      out.push({ t: 'param', s: sql.slice(start, i) });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$]/.test(sql[i])) i++;
      out.push({ t: 'word', s: sql.slice(start, i) });
    } else if (/[0-9]/.test(c)) {
      while (i < n && /[0-9.eE]/.test(sql[i])) i++;
      out.push({ t: 'num', s: sql.slice(start, i) });
    } else {
      i++;
      out.push({ t: 'punct', s: c });
    }
  }
  return out;
}

const cache = new Map<string, Translated>();

export function translate(sql: string): Translated {
  let done = cache.get(sql);
  if (!done) {
    done = translateUncached(sql);
    if (cache.size > 2000) cache.clear();
    cache.set(sql, done);
  }
  return done;
}

function translateUncached(sql: string): Translated {
  const tokens = tokenize(sql);
  const params: ParamRef[] = [];
  const named = new Map<string, number>();
  const limitParams: number[] = [];
  const nullTested: number[] = [];
  let positional = 0;
  const significant = (from: number, step: 1 | -1): number => {
    let j = from;
    while (j >= 0 && j < tokens.length && (tokens[j].t === 'ws' || tokens[j].t === 'comment')) j += step;
    return j;
  };
  const word = (j: number) => (j >= 0 && j < tokens.length && tokens[j].t === 'word' ? tokens[j].s.toLowerCase() : '');
  let orIgnore = false;

  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.t === 'param') {
      let number: number;
      if (tok.s[0] === '?') {
        params.push({ kind: 'positional', index: tok.s.length > 1 ? Number(tok.s.slice(1)) - 1 : positional++ });
        number = params.length;
      } else {
        const name = tok.s.slice(1);
        const known = named.get(name);
        if (known) number = known;
        else {
          params.push({ kind: 'named', name });
          number = params.length;
          named.set(name, number);
        }
      }
      if (word(significant(i - 1, -1)) === 'limit') limitParams.push(number);
      const after = significant(i + 1, 1);
      if (word(after) === 'is' && (word(significant(after + 1, 1)) === 'null' || (word(significant(after + 1, 1)) === 'not' && word(significant(significant(after + 1, 1) + 1, 1)) === 'null')))
        nullTested.push(number);
      tok.s = `$${number}`;
      continue;
    }
    if (tok.t === 'punct' && tok.s === '+' && isUnaryPlus(tokens, i, significant, word)) {
      // SQLite's `+column` (keeps an index out of the plan): PostgreSQL has no unary + on text.
      tok.s = '';
      continue;
    }
    if (tok.t === 'num' && (tok.s === '1' || tok.s === '0') && isCondition(tokens, i, significant, word)) {
      // SQLite's `WHERE 1`: a number where a condition goes.
      tok.s = tok.s === '1' ? 'true' : 'false';
      continue;
    }
    if (tok.t !== 'word') continue;
    const w = tok.s.toLowerCase();
    if (/[a-z]/.test(tok.s) && /[A-Z]/.test(tok.s)) {
      // A camelCase alias (`AS dueOn`): PostgreSQL would fold it to lower case.
      tok.s = `"${tok.s}"`;
      continue;
    }
    const next = significant(i + 1, 1);
    const isCall = tokens[next]?.s === '(';
    if (w === 'insert' && word(next) === 'or' && word(significant(next + 1, 1)) === 'ignore') {
      orIgnore = true;
      for (let j = i + 1; j <= significant(next + 1, 1); j++) tokens[j].s = '';
      tokens[i].s = 'INSERT ';
    } else if (w === 'main' && tokens[i + 1]?.s === '.') {
      tok.s = '';
      tokens[i + 1].s = '';
    } else if (w === 'is' && tokens[next]) {
      const after = word(next);
      if (after === 'not') {
        const then = significant(next + 1, 1);
        if (word(then) !== 'null' && word(then) !== 'distinct') tokens[next].s = 'DISTINCT FROM';
      } else if (after !== 'null' && after !== 'distinct' && after !== 'true' && after !== 'false') {
        tok.s = 'IS NOT DISTINCT FROM';
      }
    } else if (w === 'like') {
      tok.s = 'ILIKE';
    } else if (w === 'as' && (word(next) === 'real' || word(next) === 'integer') && tokens[significant(next + 1, 1)]?.s === ')') {
      tokens[next].s = word(next) === 'real' ? 'double precision' : 'bigint';
    } else if (w === 'as' && word(next) === 'blob' && tokens[significant(next + 1, 1)]?.s === ')') {
      // CAST(x AS BLOB): the text's UTF-8 bytes.
      const close = significant(next + 1, 1);
      const open = matchingOpen(tokens, close);
      const cast = significant(open - 1, -1);
      if (word(cast) === 'cast') {
        tokens[cast].s = 'convert_to';
        tok.s = ',';
        tokens[next].s = "'UTF8'";
      }
    } else if (isCall && w === 'json_object') {
      // SQLite's compact JSON text, {"k":v,…}: written inline as text built by to_json (C, per value)
      // where each value's type is known; else the pairs as an array, written by thuky_json_object.
      if (!inlineJsonObject(tokens, i, next)) {
        tokens[matching(tokens, next)].s = '))';
        tok.s = 'thuky_json_object';
        tokens[next].s = '(json_build_array(';
      }
    } else if (isCall && w === 'sum' && isConditionArg(tokens, next)) {
      // sum(a <= b): SQLite counts true conditions as 1. The built-in sum of integers, rather than the
      // schema's sum(boolean) (an aggregate in SQL, several times slower over many rows).
      tokens[matching(tokens, next)].s = ')::int)';
      tokens[next].s = '((';
    } else if (isCall && w === 'coalesce') {
      conditionDefault(tokens, next);
    } else if (isCall && RENAMED[w]) {
      tok.s = RENAMED[w];
    } else if (isCall && (w === 'max' || w === 'min') && topLevelCommas(tokens, next) > 0) {
      tok.s = w === 'max' ? 'greatest' : 'least';
    } else if (isCall && w === 'group_concat') {
      tok.s = 'string_agg';
      const close = matching(tokens, next);
      if (topLevelCommas(tokens, next) === 0) tokens[close].s = `::text, ',')`;
      else {
        // string_agg(x::text, sep)
        const comma = firstTopLevelComma(tokens, next);
        tokens[comma].s = '::text,';
      }
    } else if (w === 'order' && word(next) === 'by') {
      placeNulls(tokens, significant(next + 1, 1));
    }
  }
  let text = tokens.map((t) => t.s + (t.after ?? '')).join('');
  const trimmed = text.replace(/[\s;]+$/, '');
  const head = /^\s*insert\s+into\s+(?:"?([A-Za-z_][A-Za-z0-9_]*)"?)/i.exec(trimmed);
  const hasReturning = /\breturning\b/i.test(trimmed);
  let returnsId = false;
  if (orIgnore) text = `${trimmed} ON CONFLICT DO NOTHING`;
  if (head && !hasReturning && !NO_ID.has(head[1].toLowerCase()) && !/;\s*\S/.test(trimmed)) {
    text = `${orIgnore ? text : trimmed} RETURNING id`;
    returnsId = true;
  }
  return { text, params, limitParams, returnsId, nullTested };
}

const CONDITION_BEFORE = new Set(['where', 'and', 'or', 'not', 'when', 'on', 'having']);
const CONDITION_AFTER = new Set(['and', 'or', 'order', 'group', 'limit', 'union', 'then', 'having', 'window']);

/** Whether the number at i stands alone where a condition goes (`WHERE 1 AND`, `OR (1))`). */
function isCondition(tokens: Token[], i: number, significant: (from: number, step: 1 | -1) => number, word: (j: number) => string): boolean {
  let before = significant(i - 1, -1);
  let opened = 0;
  while (tokens[before]?.s === '(') {
    opened++;
    before = significant(before - 1, -1);
  }
  if (!CONDITION_BEFORE.has(word(before))) return false;
  let after = significant(i + 1, 1);
  while (opened > 0 && tokens[after]?.s === ')') {
    opened--;
    after = significant(after + 1, 1);
  }
  return after >= tokens.length || tokens[after].s === ')' || tokens[after].s === ';' || CONDITION_AFTER.has(word(after));
}

const VALUE_BEFORE_PLUS = new Set(['where', 'and', 'or', 'on', 'not', 'when', 'then', 'else', 'select', 'by', 'in']);

function isUnaryPlus(tokens: Token[], i: number, significant: (from: number, step: 1 | -1) => number, word: (j: number) => string): boolean {
  const before = significant(i - 1, -1);
  const after = tokens[significant(i + 1, 1)];
  if (!after || (after.t !== 'word' && after.t !== 'qid')) return false;
  if (before < 0) return true;
  const b = tokens[before];
  return VALUE_BEFORE_PLUS.has(word(before)) || (b.t === 'punct' && /^[(,=<>]$/.test(b.s));
}

const COMPARISON_WORDS = new Set(['is', 'like', 'in', 'between', 'exists', 'not']);

/**
 * `coalesce(a > b, 1)`: SQLite's conditions are numbers; PostgreSQL's are booleans, so the
 * default of a condition is written true/false.
 */
function conditionDefault(tokens: Token[], open: number): void {
  const close = matching(tokens, open);
  let depth = 0;
  let condition = false;
  let lastArg = -1;
  for (let j = open; j <= close; j++) {
    const tok = tokens[j];
    depth += depthChange(tok);
    if (depth !== 1) continue;
    if (tok.t === 'punct' && /^[<>=!]$/.test(tok.s)) condition = true;
    else if (tok.t === 'word' && COMPARISON_WORDS.has(tok.s.toLowerCase())) condition = true;
    else if (tok.t === 'punct' && tok.s === ',') {
      if (!condition) return;
      lastArg = j;
    }
  }
  if (!condition || lastArg < 0) return;
  for (let j = lastArg + 1; j < close; j++) {
    const tok = tokens[j];
    if (tok.t === 'ws' || tok.t === 'comment') continue;
    if (tok.t === 'num' && (tok.s === '1' || tok.s === '0')) tok.s = tok.s === '1' ? 'true' : 'false';
    return;
  }
}

/** The top-level arguments of the call opened at `open`: [first, last] significant token of each. */
function callArguments(tokens: Token[], open: number): [number, number][] {
  const close = matching(tokens, open);
  const args: [number, number][] = [];
  let depth = 0;
  let first = -1;
  let last = -1;
  for (let j = open; j <= close; j++) {
    const tok = tokens[j];
    const d = depthChange(tok);
    if (j === open || (j === close && depth + d === 0) || (depth === 1 && tok.t === 'punct' && tok.s === ',')) {
      if (j !== open) args.push([first, last]);
      first = last = -1;
      depth += d;
      continue;
    }
    depth += d;
    if (tok.t === 'ws' || tok.t === 'comment') continue;
    if (first < 0) first = j;
    last = j;
  }
  return args;
}

/**
 * json_object(k1, v1, …) rewritten in place, as the compact text thuky_json_object writes (each value
 * formatted as to_json does): with literal keys, `(SELECT row_to_json(r)::text FROM (SELECT v1 AS
 * "k1", …) r)`; else `('{' || to_json(k1) || ':' || coalesce(to_json(v1)::text, 'null') || … || '}')`.
 * A value given as a bare parameter (no type to format it by) leaves the call as it is.
 */
function inlineJsonObject(tokens: Token[], name: number, open: number): boolean {
  const args = callArguments(tokens, open);
  if (args.length === 0 || args.length % 2 || args.some(([a]) => a < 0)) return false;
  if (args.some(([a, b], n) => n % 2 === 1 && a === b && tokens[a].t === 'param')) return false;
  const close = matching(tokens, open);
  const literal = (j: number) => tokens[j].t === 'str' && tokens[j].s[0] === "'";
  if (args.every(([a, b], n) => n % 2 === 1 || (a === b && literal(a)))) {
    // Every key written as a literal: one row_to_json of the values named by their keys (a single
    // call per row in C), over a one-row subquery that sees the outer query's columns.
    tokens[name].s = '';
    tokens[open].s = '(SELECT row_to_json(thuky_r)::text FROM (SELECT ';
    for (let n = 0; n < args.length; n += 2) {
      const key = tokens[args[n][0]].s.slice(1, -1).replace(/''/g, "'");
      tokens[args[n][0]].s = '';
      tokens[significant(tokens, args[n + 1][0] - 1, -1)].s = '';
      const as = ` AS "${key.replace(/"/g, '""')}"`;
      if (n + 2 < args.length) tokens[significant(tokens, args[n + 2][0] - 1, -1)].s = `${as},`;
      else tokens[close].s = `${as}) AS thuky_r)`;
    }
    return true;
  }
  const pieces = args.map(([a, b], n): [string, string] => {
    if (n % 2 === 0) {
      if (a === b && literal(a)) {
        tokens[a].s = `'${JSON.stringify(tokens[a].s.slice(1, -1).replace(/''/g, "'")).replace(/'/g, "''")}'`;
        return ['', ''];
      }
      return ['to_json((', ')::text)::text'];
    }
    if (a === b && tokens[a].t === 'word' && tokens[a].s.toLowerCase() === 'null') {
      tokens[a].s = "'null'";
      return ['', ''];
    }
    if (a === b && literal(a)) {
      tokens[a].s = `to_json(${tokens[a].s}::text)::text`;
      return ['', ''];
    }
    return ['coalesce(to_json(', ")::text, 'null')"];
  });
  tokens[name].s = '';
  tokens[open].s = `('{' || ${pieces[0][0]}`;
  for (let n = 1; n < args.length; n++) {
    const comma = significant(tokens, args[n][0] - 1, -1);
    tokens[comma].s = `${pieces[n - 1][1]} || ${n % 2 ? "':'" : "','"} || ${pieces[n][0]}`;
  }
  tokens[close].s = `${pieces[args.length - 1][1]} || '}')`;
  return true;
}

function significant(tokens: Token[], from: number, step: 1 | -1): number {
  let j = from;
  while (j >= 0 && j < tokens.length && (tokens[j].t === 'ws' || tokens[j].t === 'comment')) j += step;
  return j;
}

/** Whether the one argument of the call opened at `open` is a condition (`sum(a <= b)`). */
function isConditionArg(tokens: Token[], open: number): boolean {
  const close = matching(tokens, open);
  let depth = 0;
  let condition = false;
  for (let j = open; j <= close; j++) {
    const tok = tokens[j];
    depth += depthChange(tok);
    if (depth !== 1) continue;
    if (tok.t === 'punct' && tok.s === ',') return false;
    if (tok.t === 'punct' && /^[<>=!]$/.test(tok.s)) condition = true;
    else if (tok.t === 'word' && COMPARISON_WORDS.has(tok.s.toLowerCase())) condition = true;
    else if (tok.t === 'word' && (tok.s.toLowerCase() === 'distinct' || tok.s.toLowerCase() === 'case')) return false;
  }
  return condition;
}

/** How a punctuation token changes the depth of parentheses (rewritten tokens may hold several). */
function depthChange(tok: Token): number {
  if (tok.t !== 'punct') return 0;
  let d = 0;
  for (const ch of tok.s) d += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  return d;
}

function matchingOpen(tokens: Token[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    const d = depthChange(tokens[j]);
    if (!d) continue;
    depth -= d;
    if (depth <= 0 && d > 0) return j;
  }
  return 0;
}

function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const d = depthChange(tokens[j]);
    if (!d) continue;
    depth += d;
    if (depth <= 0) return j;
  }
  return tokens.length - 1;
}

function firstTopLevelComma(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].t !== 'punct') continue;
    if (tokens[j].s === '(') depth++;
    else if (tokens[j].s === ')' && --depth === 0) return -1;
    else if (tokens[j].s === ',' && depth === 1) return j;
  }
  return -1;
}

function topLevelCommas(tokens: Token[], open: number): number {
  let depth = 0;
  let commas = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].t !== 'punct') continue;
    if (tokens[j].s === '(') depth++;
    else if (tokens[j].s === ')' && --depth === 0) break;
    else if (tokens[j].s === ',' && depth === 1) commas++;
  }
  return commas;
}

const ORDER_END = new Set(['limit', 'offset', 'union', 'except', 'intersect', 'window', 'for']);

/** Appends NULLS FIRST / NULLS LAST to each term of an ORDER BY starting at token `from`. */
function placeNulls(tokens: Token[], from: number): void {
  let depth = 0;
  let lastSignificant = -1;
  const close = (j: number) => {
    if (lastSignificant < 0) return;
    const last = tokens[lastSignificant];
    const lw = last.t === 'word' ? last.s.toLowerCase() : '';
    if (lw === 'first' || lw === 'last') return;
    last.after = lw === 'desc' ? ' NULLS LAST' : ' NULLS FIRST';
    lastSignificant = -1;
    void j;
  };
  for (let j = from; j < tokens.length; j++) {
    const tok = tokens[j];
    if (tok.t === 'ws' || tok.t === 'comment') continue;
    if (tok.t === 'punct' && tok.s === '(') depth++;
    else if (tok.t === 'punct' && tok.s === ')') {
      if (depth === 0) return close(j);
      depth--;
    } else if (depth === 0 && tok.t === 'punct' && (tok.s === ',' || tok.s === ';')) {
      close(j);
      if (tok.s === ';') return;
      continue;
    } else if (depth === 0 && tok.t === 'word' && ORDER_END.has(tok.s.toLowerCase())) return close(j);
    lastSignificant = j;
  }
  close(tokens.length);
}
