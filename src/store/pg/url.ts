/**
 * PostgreSQL connection strings (`postgresql://user@host:port/db?sslmode=require`), with libpq's
 * conventions: what the URL leaves out comes from PGHOST, PGPORT, PGUSER, PGDATABASE, and the
 * password from the URL, else PGPASSWORD, else ~/.pgpass (PGPASSFILE). A password is kept in
 * memory only: the name a command shows, logs or stores is the URL without it.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

export function isPostgresUrl(value: string | undefined): value is string {
  return !!value && /^postgres(ql)?:\/\//i.test(value.trim());
}

/** Passwords given in URLs, by the URL without them. */
const passwords = new Map<string, string>();

/** The URL without its password (kept in memory for the connection, see passwordFor). */
export function withoutPassword(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@');
  }
  if (!parsed.password) return trimmed;
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const shown = parsed.toString();
  passwords.set(shown, password);
  return shown;
}

/**
 * A word of a command line with the password of any PostgreSQL URL in it taken out (`--db URL`,
 * `--db=URL`, `--to URL`, …): what a command stores of the line it was given.
 */
export function argWithoutPassword(arg: string): string {
  return arg.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*):[^@/\s]*@/gi, '$1@');
}

export interface Target {
  /** The URL as shown: no password. */
  shown: string;
  user: string;
  host: string;
  port: number;
  database: string;
  sslmode: string | null;
  /** For the driver only; never shown. */
  password: string | undefined;
  /** The URL handed to the driver (no password in it either). */
  driverUrl: string;
}

export function targetOf(shown: string, env: Record<string, string | undefined> = process.env): Target {
  const parsed = new URL(shown);
  const user = decodeURIComponent(parsed.username) || env.PGUSER || safeUser();
  const host = decodeURIComponent(parsed.hostname) || env.PGHOST || 'localhost';
  const port = Number(parsed.port || env.PGPORT || 5432);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || env.PGDATABASE || user;
  const sslmode = parsed.searchParams.get('sslmode') ?? env.PGSSLMODE ?? null;
  const password = passwords.get(shown) ?? env.PGPASSWORD ?? fromPgpass(env, host, port, database, user);
  const driver = new URL(shown);
  driver.username = encodeURIComponent(user);
  driver.hostname = host;
  driver.port = String(port);
  driver.pathname = `/${encodeURIComponent(database)}`;
  if (sslmode && !driver.searchParams.has('sslmode')) driver.searchParams.set('sslmode', sslmode);
  return { shown, user, host, port, database, sslmode, password, driverUrl: driver.toString() };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

/**
 * A password from ~/.pgpass (or PGPASSFILE): lines `host:port:database:user:password`, `*` for
 * any, `\:` and `\\` escaped; like libpq, a file others can read is ignored.
 */
export function fromPgpass(env: Record<string, string | undefined>, host: string, port: number, database: string, user: string): string | undefined {
  const file = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
  let text: string;
  try {
    if ((statSync(file).mode & 0o077) !== 0) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const fields: string[] = [];
    let current = '';
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && i + 1 < line.length) current += line[++i];
      else if (line[i] === ':' && fields.length < 4) {
        fields.push(current);
        current = '';
      } else current += line[i];
    }
    fields.push(current);
    if (fields.length !== 5) continue;
    const [h, p, d, u, pw] = fields;
    const match = (pattern: string, value: string) => pattern === '*' || pattern === value;
    if (match(h, host) && match(p, String(port)) && match(d, database) && match(u, user)) return pw;
  }
  return undefined;
}
