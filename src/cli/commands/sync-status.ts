/**
 * thuky sync status: how replication stands. At the city, one row per ward (its subscription, the
 * last change received, the lag of the city's slot for it, what that slot still keeps, the errors of
 * a stopped subscription); at a ward, its own link with the city. Read-only; exit 3 when a ward is
 * stale beyond --stale.
 */
import type { Command } from 'commander';
import { formatLocalMinute } from '../../domain/datetime.js';
import { formatNumber, type Column, type Tone } from '../../render/output.js';
import type { Report } from '../../render/report.js';
import { isPostgres, type PgDatabase } from '../../store/pg/database.js';
import {
  databaseOid,
  downSlotName,
  linkStates,
  readOffice,
  readWards,
  slotWalKeepBytes,
  upSlotName,
  wardAsOf,
  WARD_SUBSCRIPTION,
  type LinkState,
  type OfficeRow,
  type WardRow,
} from '../../store/pg/sync/status.js';
import { ExitCode } from '../../errors.js';
import type { Env } from '../env.js';
import type { Cli } from '../program.js';

/** Default of --stale: a week without news from a ward. */
export const DEFAULT_STALE = '7d';

export type LinkStateName = 'streaming' | 'connecting' | 'stopped' | 'missing';

/** One link as status shows it: at the city, a ward; at a ward, its city. */
export interface LinkRow {
  officeNo: number;
  unitId: number | null;
  unit: string;
  /** The ward's database (URL without password), at the city. */
  wardDb: string | null;
  state: LinkStateName;
  /** When this database last heard from the other (see wardAsOf); null: unknown or nothing yet. */
  asOf: string | null;
  lastChangeAt: string | null;
  stale: boolean;
  subscription: LinkState['subscription'];
  slot: LinkState['slot'];
  /** slotLost, slotAtRisk, slotMissing, subscriptionMissing, stopped, failing, unknownAge */
  warnings: string[];
}

export interface SyncStatus {
  role: 'city' | 'ward';
  officeNo: number;
  name: string;
  checkedAt: string;
  stale: string;
  staleAfterSeconds: number;
  links: LinkRow[];
}

export function registerSyncStatus(group: Command, cli: Cli): void {
  const cmd = cli
    .command(group, 'status', 'cmd.sync.status', [
      'thuky sync status --db postgresql://thuky@may-chu/thanh-pho',
      'thuky sync status --stale 2d --json',
    ])
    .option('--stale <age>', cli.t('cmd.sync.status.opt.stale'));
  cli.action<{ stale?: string }>(cmd, (env, opts) => runSyncStatus(env, opts.stale ?? DEFAULT_STALE));
}

async function runSyncStatus(env: Env, staleText: string): Promise<number> {
  const staleMs = env.parse.elapsed('--stale', staleText);
  const db = env.readDb();
  const office = readOffice(db);
  const wards = readWards(db);
  if (!isPostgres(db) || (!office && !wards.length)) {
    if (env.format === 'json') env.json({ role: null, links: [] });
    env.info('sync.status.none');
    return ExitCode.ok;
  }
  const status = readStatus(db, office, wards, env.ctx.now(), staleText, staleMs, env.t('sync.cityDefault'));
  await env.report(statusReport(env, status));
  return status.links.some((l) => l.stale) ? ExitCode.staleFound : ExitCode.ok;
}

/** The links of this database and what each says, as of `now`. */
export function readStatus(db: PgDatabase, office: OfficeRow | null, wards: WardRow[], now: Date, staleText: string, staleMs: number, cityDefault: string): SyncStatus {
  const keep = slotWalKeepBytes(db);
  const oid = databaseOid(db);
  const base = { checkedAt: now.toISOString(), stale: staleText, staleAfterSeconds: Math.round(staleMs / 1000) };
  const tooOld = (at: string | null) => at !== null && now.getTime() - Date.parse(at) > staleMs;
  if (office?.role === 'ward') {
    const [link] = linkStates(db, [{ subscription: WARD_SUBSCRIPTION, slot: upSlotName(oid) }]);
    const asOf = link.subscription.streaming ? link.subscription.lastMessageAt : null;
    // Not connected now: the last time the city read this ward's changes tells when the link was last up.
    const basis = asOf ?? link.slot.inactiveSince;
    const row: LinkRow = {
      officeNo: 0,
      unitId: null,
      unit: office.cityName ?? cityDefault,
      wardDb: null,
      state: stateOf(link),
      asOf,
      lastChangeAt: null,
      stale: tooOld(basis),
      subscription: link.subscription,
      slot: link.slot,
      warnings: [...warningsOf(link, keep), ...(basis === null && !link.subscription.streaming ? ['unknownAge'] : [])],
    };
    return { role: 'ward', officeNo: office.officeNo, name: office.unitName ?? '', ...base, links: [row] };
  }
  const links = linkStates(db, wards.map((w) => ({ subscription: w.subscription, slot: downSlotName(oid, w.officeNo) })));
  const rows = wards.map((w, i): LinkRow => {
    const asOf = wardAsOf(w, links[i]);
    return {
      officeNo: w.officeNo,
      unitId: w.unitId,
      unit: w.unitName,
      wardDb: w.wardDb,
      state: stateOf(links[i]),
      asOf,
      lastChangeAt: w.lastChangeAt,
      // Nothing received since setup counts from setup.
      stale: tooOld(asOf ?? w.setAt),
      subscription: links[i].subscription,
      slot: links[i].slot,
      warnings: warningsOf(links[i], keep),
    };
  });
  return { role: 'city', officeNo: office?.officeNo ?? 0, name: office?.cityName ?? cityDefault, ...base, links: rows };
}

function stateOf(link: LinkState): LinkStateName {
  if (!link.subscription.exists) return 'missing';
  if (!link.subscription.enabled) return 'stopped';
  return link.subscription.streaming ? 'streaming' : 'connecting';
}

/** What needs someone's attention; a slot is at risk when it is unreserved or has less than a fifth of max_slot_wal_keep_size left. */
function warningsOf(link: LinkState, keepBytes: number | null): string[] {
  const out: string[] = [];
  if (!link.subscription.exists) out.push('subscriptionMissing');
  else if (!link.subscription.enabled) out.push('stopped');
  // Errors are retried, not stopped on (an outage of the other server counts as one): not connected
  // after errors is either a link down or a conflict, which only the server log tells apart.
  else if (!link.subscription.streaming && (link.subscription.errors?.apply ?? 0) + (link.subscription.errors?.sync ?? 0) > 0) out.push('failing');
  if (!link.slot.exists) out.push('slotMissing');
  else if (link.slot.walStatus === 'lost') out.push('slotLost');
  else if (link.slot.walStatus === 'unreserved' || (link.slot.safeWalSize !== null && keepBytes !== null && link.slot.safeWalSize < keepBytes / 5)) out.push('slotAtRisk');
  return out;
}

/** 1536 → "1,5 kB" (vi) / "1.5 kB" (en). */
export function formatBytes(bytes: number, lang: Env['lang']): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${formatNumber(i === 0 ? value : Math.round(value * 10) / 10, lang)} ${units[i]}`;
}

function statusReport(env: Env, s: SyncStatus): Report {
  const t = env.t;
  const when = (iso: string | null) => (iso ? formatLocalMinute(iso) : t('sync.status.never'));
  const errorsText = (r: LinkRow) => {
    const e = r.subscription.errors;
    if (!e) return '';
    const parts: string[] = [];
    if (e.apply) parts.push(t('sync.status.applyErrors', { n: e.apply }));
    if (e.sync) parts.push(t('sync.status.syncErrors', { n: e.sync }));
    for (const [kind, n] of Object.entries(e.conflicts)) if (n) parts.push(`${kind} ${n}`);
    return parts.join('; ');
  };
  const slotText = (r: LinkRow) => {
    if (!r.slot.exists) return t('sync.status.noSlot');
    const left = r.slot.safeWalSize !== null ? ` (${t('sync.status.safeLeft', { size: formatBytes(r.slot.safeWalSize, env.lang) })})` : '';
    return `${r.slot.walStatus ?? ''}${left}`;
  };
  const stateTone = (r: LinkRow): Tone => (r.state === 'streaming' ? 'green' : r.state === 'connecting' ? 'yellow' : 'red');
  const columns: Column<LinkRow>[] = [
    { key: 'unit', label: s.role === 'city' ? 'sync.col.ward' : 'sync.col.city', priority: 1, minWidth: 14 },
    { key: 'officeNo', label: 'sync.col.office', type: 'number', priority: 4 },
    { key: 'state', label: 'sync.col.state', display: (r) => t(`sync.state.${r.state}`), tone: stateTone, priority: 1 },
    { key: 'asOf', label: 'sync.col.asOf', display: (r) => when(r.asOf), tone: (r) => (r.stale ? 'red' : undefined), priority: 1 },
    { key: 'lagBytes', label: 'sync.col.lag', display: (r) => (r.slot.lagBytes === null ? '' : formatBytes(r.slot.lagBytes, env.lang)), align: 'right', priority: 2 },
    { key: 'slot', label: 'sync.col.slot', display: slotText, tone: (r) => (r.warnings.some((w) => w.startsWith('slot')) ? 'red' : undefined), priority: 2 },
    { key: 'errors', label: 'sync.col.errors', display: errorsText, tone: (r) => (errorsText(r) ? 'red' : undefined), priority: 3 },
  ];
  const notes: string[] = [];
  for (const r of s.links) {
    const names = { unit: r.unit, ward: s.role === 'city' ? r.unit : s.name, subscription: r.subscription.name, slot: r.slot.name, status: r.slot.walStatus ?? '', size: r.slot.safeWalSize === null ? '' : formatBytes(r.slot.safeWalSize, env.lang), errors: (r.subscription.errors?.apply ?? 0) + (r.subscription.errors?.sync ?? 0) };
    for (const w of r.warnings) notes.push(`${t('common.warning')}: ${t(`sync.warn.${s.role}.${w}`, names)}`);
    if (r.stale) notes.push(t('sync.warn.stale', { unit: r.unit, asOf: when(r.asOf), stale: s.stale }));
  }
  const count = (state: LinkStateName) => s.links.filter((l) => l.state === state).length;
  const summary = t(`sync.status.summary.${s.role}`, {
    n: s.links.length,
    streaming: count('streaming'),
    stopped: count('stopped') + count('missing'),
    stale: s.links.filter((l) => l.stale).length,
    limit: s.stale,
  });
  return {
    id: 'sync-status',
    title: t(`sync.status.title.${s.role}`, { name: s.name, office: s.officeNo, at: formatLocalMinute(s.checkedAt) }),
    lines: [],
    tables: [{ name: t('sync.status.sheet'), columns, rows: s.links }],
    notes,
    summary: [summary],
    json: s,
  };
}
