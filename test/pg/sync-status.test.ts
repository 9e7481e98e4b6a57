/**
 * `sync status` and the freshness lines of the city's reports, on a city/ward pair replicating
 * through a cluster of its own with wal_level = logical (test/sync-status-harness.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, sampleDbPath } from '../helpers.js';
import { PG_ADMIN } from '../pg-helpers.js';
import { cityStreaming, linkPair, query, sql, startLogicalCluster, until, wardActivity, type LogicalCluster, type Pair } from '../sync-status-harness.js';
import type { SyncStatus } from '../../src/cli/commands/sync-status.js';

const env = { THUKY_TODAY: '2017-12-31' };
/** A ward with overdue tasks in the sample on 31/12/2017. */
const WARD = 'Phường Cầu Kho';

interface Freshness {
  freshness?: { unit: string; asOf: string | null }[];
  leftOut?: string[];
  overdue: { unitName: string }[];
}

describe.skipIf(!PG_ADMIN)('sync status and report freshness', () => {
  let cluster: LogicalCluster;
  let pair: Pair;
  let sqlite: string;

  beforeAll(async () => {
    sqlite = sampleDbPath();
    cluster = await startLogicalCluster();
    pair = await linkPair(cluster, 'a', WARD);
    wardActivity(pair, 10_000_001);
    await until(() => Number(query(pair.city, 'SELECT count(*) FROM activity WHERE id = 10000001')[0][0]) === 1, 'the ward activity at the city');
    await until(() => cityStreaming(pair), 'the city subscription to stream');
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const status = async (db: string, extra: string[] = [], now?: Date) => {
    const out = await run(['sync', 'status', '--db', db, '--json', ...extra], { env, now: now ?? new Date() });
    return { ...out, json: out.stdout ? (JSON.parse(out.stdout) as SyncStatus) : undefined };
  };

  it('at the city, a live ward is receiving, with its last message time and the lag of its slot', async () => {
    const before = Date.now();
    const out = await status(pair.city);
    expect(out.code, out.stderr).toBe(0);
    const s = out.json!;
    expect(s.role).toBe('city');
    expect(s.links).toHaveLength(1);
    const w = s.links[0];
    expect(w).toMatchObject({ officeNo: 1, unitId: pair.wardUnitId, unit: pair.wardName, state: 'streaming', stale: false, warnings: [] });
    expect(w.wardDb).not.toContain('test-only');
    expect(w.subscription).toMatchObject({ name: 'thuky_from_1', exists: true, enabled: true, streaming: true });
    // Received within the last minute (keep-alives included).
    expect(before - Date.parse(w.asOf!)).toBeLessThan(60_000);
    expect(w.slot).toMatchObject({ name: pair.downSlot, exists: true, active: true });
    expect(['reserved', 'extended']).toContain(w.slot.walStatus);
    expect(w.slot.lagBytes).toBeGreaterThanOrEqual(0);
    expect(w.subscription.errors).toMatchObject({ apply: 0, sync: 0 });

    const table = await run(['sync', 'status', '--db', pair.city], { env, tty: true });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(WARD);
    expect(table.stdout).toContain('đang nhận');
    expect(table.stdout).toContain('1 phường: 1 đang nhận, 0 đã dừng hoặc thiếu đăng ký, 0 quá 7d không có số liệu mới.');
    const english = await run(['sync', 'status', '--db', pair.city, '--lang', 'en', '--format', 'tsv'], { env });
    expect(english.stdout.split('\n')[0]).toBe('unit\tofficeNo\tstate\tasOf\tlagBytes\tslot\terrors');
    expect(english.stdout).toContain('receiving');
  });

  it('at the ward, its own link: the subscription from the city and the slot the city reads', async () => {
    const out = await status(pair.ward);
    expect(out.code, out.stderr).toBe(0);
    expect(out.json!.role).toBe('ward');
    expect(out.json!.name).toBe(pair.wardName);
    expect(out.json!.links[0]).toMatchObject({ unit: 'Quận 1', state: 'streaming', subscription: { name: 'thuky_from_city', streaming: true }, slot: { name: pair.upSlot, exists: true, active: true } });
  });

  it('a ward that stops reading leaves the city lag in bytes, and shows itself stopped', async () => {
    sql(pair.ward, 'ALTER SUBSCRIPTION thuky_from_city DISABLE');
    await until(() => Number(query(pair.city, `SELECT count(*) FROM pg_replication_slots WHERE slot_name = $1 AND active`, [pair.downSlot])[0][0]) === 0, 'the down slot to go idle');
    sql(pair.city, `UPDATE unit SET note = 'đổi ở thành phố' WHERE id = ${pair.wardUnitId}`);
    let city = await status(pair.city);
    for (let i = 0; i < 50 && !(city.json!.links[0].slot.lagBytes! > 0); i++) {
      await new Promise((r) => setTimeout(r, 200));
      city = await status(pair.city);
    }
    expect(city.json!.links[0].slot.active).toBe(false);
    expect(city.json!.links[0].slot.lagBytes).toBeGreaterThan(0);
    const ward = await status(pair.ward);
    expect(ward.json!.links[0]).toMatchObject({ state: 'stopped', subscription: { enabled: false, streaming: false } });
    expect(ward.json!.links[0].warnings).toContain('stopped');
    sql(pair.ward, 'ALTER SUBSCRIPTION thuky_from_city ENABLE');
    await until(() => Number(query(pair.ward, `SELECT count(*) FROM unit WHERE id = $1 AND note = 'đổi ở thành phố'`, [pair.wardUnitId])[0][0]) === 1, 'the change to reach the ward');
  });

  it('the reports of a city with wards add one line per ward after the table, and a freshness array in JSON', async () => {
    const plain = await run(['overdue', '--db', sqlite, '--as-of', '31/12/2017', '--format', 'text'], { env });
    const city = await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--format', 'text'], { env });
    expect(city.code, city.stderr).toBe(0);
    const line = new RegExp(`^Số liệu của ${WARD} đến \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`);
    expect(city.stdout.startsWith(plain.stdout)).toBe(true);
    expect(city.stdout.slice(plain.stdout.length).trim()).toMatch(line);
    // The JSON keeps every byte and adds its freshness at the end (streamed in a pipe, as a report on a terminal).
    const plainJson = (await run(['overdue', '--db', sqlite, '--as-of', '31/12/2017', '--json'], { env })).stdout;
    const cityJson = (await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--json'], { env })).stdout;
    expect(cityJson.startsWith(plainJson.trimEnd().slice(0, -1) + `,"freshness":[{"unit":"${WARD}","asOf":"`)).toBe(true);
    const parsed = JSON.parse(cityJson) as Freshness;
    expect(parsed.freshness).toHaveLength(1);
    // The same on a terminal, but for the time of the last message received, which moves with every keep-alive.
    const fresh = (f: Freshness) => ({ ...f, freshness: f.freshness?.map((x) => ({ ...x, asOf: typeof x.asOf === 'string' && !Number.isNaN(Date.parse(x.asOf)) })) });
    const onTerminal = JSON.parse((await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--json'], { env, tty: true })).stdout) as Freshness;
    expect(fresh(onTerminal)).toEqual(fresh(parsed));
    expect(fresh(parsed).freshness).toEqual([{ unit: WARD, asOf: true }]);

    const english = await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--format', 'text', '--lang', 'en'], { env });
    expect(english.stdout).toMatch(new RegExp(`\\nData from ${WARD} as of \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\n$`));

    const compliance = await run(['report', 'compliance', '--db', pair.city, '--year', '2017', '--as-of', '31/12/2017', '--format', 'tsv'], { env });
    const compliancePlain = await run(['report', 'compliance', '--db', sqlite, '--year', '2017', '--as-of', '31/12/2017', '--format', 'tsv'], { env });
    expect(compliance.stdout.startsWith(compliancePlain.stdout)).toBe(true);
    expect(compliance.stdout.slice(compliancePlain.stdout.length).trim()).toMatch(line);
    const complianceJson = JSON.parse((await run(['report', 'compliance', '--db', pair.city, '--year', '2017', '--as-of', '31/12/2017', '--json'], { env })).stdout) as Freshness;
    expect(complianceJson.freshness?.map((f) => f.unit)).toEqual([WARD]);
  });

  it('a database replicating with no one: no freshness line, the same bytes as before', async () => {
    const text = await run(['overdue', '--db', sqlite, '--as-of', '31/12/2017', '--format', 'text'], { env });
    expect(text.stdout).not.toContain('Số liệu của');
    const json = JSON.parse((await run(['overdue', '--db', sqlite, '--as-of', '31/12/2017', '--json'], { env })).stdout) as Freshness;
    expect('freshness' in json).toBe(false);
    // PostgreSQL with the replication tables (migration 10) but no ward: as SQLite, byte for byte.
    cluster.createDatabase('plain_a');
    const plain = cluster.url('plain_a');
    expect((await run(['db', 'copy', '--from', sqlite, '--to', plain], { env })).code).toBe(0);
    const outputs = async (db: string) =>
      Promise.all([
        run(['overdue', '--db', db, '--as-of', '31/12/2017', '--json'], { env }),
        run(['overdue', '--db', db, '--as-of', '31/12/2017', '--format', 'text'], { env }),
        run(['report', 'compliance', '--db', db, '--year', '2017', '--as-of', '31/12/2017', '--json'], { env }),
        run(['report', 'compliance', '--db', db, '--year', '2017', '--as-of', '31/12/2017', '--format', 'tsv', '--fresh-within', '1d'], { env }),
      ]).then((all) => all.map((o) => o.stdout));
    const expected = await outputs(sqlite);
    expect(await outputs(plain)).toEqual(expected);
    const none = await run(['sync', 'status', '--db', plain], { env });
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', 'cơ sở dữ liệu này không đồng bộ với đơn vị nào\n']);
  });

  it('a conflict stops the city subscription: status shows it stopped with its error counts, exit 3 once stale', async () => {
    // The same id written at the city first (past the ownership guard, as replication itself would):
    // applying the ward's row then violates the primary key.
    sql(pair.city, 'SET session_replication_role = replica', `INSERT INTO activity (id, unit_id, held_on, kind, title, created_at) VALUES (10000002, ${pair.wardUnitId}, '2017-11-21', 'khac', 'Ghi ở thành phố', '2017-11-21T00:00:00.000Z')`);
    wardActivity(pair, 10_000_002, 'Ghi ở phường');
    await until(() => query(pair.city, `SELECT subenabled FROM pg_subscription WHERE subname = 'thuky_from_1'`)[0][0] === 0, 'the city subscription to stop');
    await until(() => Number(query(pair.city, `SELECT apply_error_count FROM pg_stat_subscription_stats WHERE subname = 'thuky_from_1'`)[0][0]) > 0, 'the error to be counted');
    const out = await status(pair.city);
    expect(out.code, out.stderr).toBe(0);
    const w = out.json!.links[0];
    expect(w).toMatchObject({ state: 'stopped', stale: false, subscription: { enabled: false, streaming: false } });
    expect(w.subscription.errors!.apply).toBeGreaterThan(0);
    expect(w.subscription.errors!.conflicts.insert_exists).toBeGreaterThan(0);
    expect(w.warnings).toContain('stopped');
    const text = await run(['sync', 'status', '--db', pair.city], { env, tty: true });
    expect(text.stdout).toContain('ĐÃ DỪNG');
    expect(text.stdout).toContain('ALTER SUBSCRIPTION thuky_from_1 SKIP (lsn = …)');
    // Nothing applied since setup: stale once --stale has passed since then.
    const later = new Date(Date.now() + 10 * 60_000);
    const stale = await status(pair.city, ['--stale', '5m'], later);
    expect(stale.code).toBe(3);
    expect(stale.json!.links[0].stale).toBe(true);
    expect((await status(pair.city, ['--stale', '1h'], later)).code).toBe(0);
  });

  it('--fresh-within leaves out the rows of a ward whose data is older, and names it', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    sql(pair.city, `UPDATE thuky_ward SET last_change_at = '${old}'`);
    const all = JSON.parse((await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--json'], { env, now: new Date() })).stdout) as Freshness;
    expect(all.overdue.some((i) => i.unitName === WARD)).toBe(true);
    expect(all.freshness).toEqual([{ unit: WARD, asOf: old }]);
    const freshOut = await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--json', '--fresh-within', '7d'], { env, now: new Date() });
    const fresh = JSON.parse(freshOut.stdout) as Freshness;
    expect(fresh.overdue.some((i) => i.unitName === WARD)).toBe(false);
    expect(fresh.overdue.length).toBe(all.overdue.filter((i) => i.unitName !== WARD).length);
    expect(fresh.leftOut).toEqual([WARD]);
    const text = await run(['overdue', '--db', pair.city, '--as-of', '31/12/2017', '--format', 'text', '--fresh-within', '7d'], { env, now: new Date() });
    expect(text.stdout).toContain(`Đã bỏ ra số liệu của ${WARD}: cũ hơn 7d (--fresh-within)`);
    const compliance = await run(['report', 'compliance', '--db', pair.city, '--year', '2017', '--as-of', '31/12/2017', '--format', 'tsv', '--fresh-within', '7d'], { env, now: new Date() });
    expect(compliance.stdout).not.toMatch(new RegExp(`^${WARD}\t`, 'm'));
    expect(compliance.stdout).toMatch(/^Phường Bến Thành\t/m);
    // Within 30 days it stays.
    const wide = await run(['report', 'compliance', '--db', pair.city, '--year', '2017', '--as-of', '31/12/2017', '--format', 'tsv', '--fresh-within', '30d'], { env, now: new Date() });
    expect(wide.stdout).toMatch(new RegExp(`^${WARD}\t`, 'm'));
  });
});

describe.skipIf(!PG_ADMIN)('sync status when a ward is gone too long', () => {
  let cluster: LogicalCluster;
  let pair: Pair;
  beforeAll(async () => {
    cluster = await startLogicalCluster();
    pair = await linkPair(cluster, 'b');
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('a slot past max_slot_wal_keep_size is lost, and a ward without subscription or slot is named', async () => {
    sql(pair.ward, 'ALTER SUBSCRIPTION thuky_from_city DISABLE');
    await until(() => Number(query(pair.city, 'SELECT count(*) FROM pg_replication_slots WHERE slot_name = $1 AND active', [pair.downSlot])[0][0]) === 0, 'the down slot to go idle');
    sql(pair.city, `ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'`, 'SELECT pg_reload_conf()', 'CREATE TABLE filler (x text)');
    const walStatus = () => query<string>(pair.city, 'SELECT wal_status FROM pg_replication_slots WHERE slot_name = $1', [pair.downSlot])[0][0];
    for (let i = 0; i < 10 && walStatus() !== 'lost'; i++)
      sql(pair.city, `INSERT INTO filler SELECT repeat('x', 1000) FROM generate_series(1, 5000)`, 'SELECT pg_switch_wal()', 'CHECKPOINT');
    expect(walStatus()).toBe('lost');
    // A ward registered without its subscription and slot (a setup cut short).
    const other = Number(query(pair.city, `SELECT id FROM unit WHERE name = 'Phường Tân Định'`)[0][0]);
    sql(pair.city, `INSERT INTO thuky_ward VALUES (2, ${other}, 'Phường Tân Định', 'postgresql://x@host/tandinh', 'thuky_from_2', 'thuky_up', '${new Date().toISOString()}', NULL)`);
    const out = await run(['sync', 'status', '--db', pair.city, '--json'], { env, now: new Date() });
    const s = JSON.parse(out.stdout) as SyncStatus;
    expect(s.links.map((l) => [l.unit, l.state, l.slot.walStatus, l.warnings])).toEqual([
      ['Phường Bến Nghé', 'streaming', 'lost', ['slotLost']],
      ['Phường Tân Định', 'missing', null, ['subscriptionMissing', 'slotMissing']],
    ]);
    const text = await run(['sync', 'status', '--db', pair.city, '--format', 'text'], { env, now: new Date() });
    expect(text.stdout).toContain('Chạy thuky sync remove --ward "Phường Bến Nghé" --drop-rows rồi thuky sync setup --ward "Phường Bến Nghé" với một cơ sở dữ liệu phường mới để chép lại');
    expect(text.stdout).toContain('không thấy đăng ký thuky_from_2 của Phường Tân Định');
    expect(text.stdout).toContain('2 phường: 1 đang nhận, 1 đã dừng hoặc thiếu đăng ký, 0 quá 7d không có số liệu mới.');
  });
});

describe('sync status without replication', () => {
  it('on SQLite: says so and exits 0', async () => {
    const out = await run(['sync', 'status', '--db', sampleDbPath()], { env });
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('cơ sở dữ liệu này không đồng bộ với đơn vị nào\n');
    const json = await run(['sync', 'status', '--db', sampleDbPath(), '--json'], { env });
    expect(JSON.parse(json.stdout)).toEqual({ role: null, links: [] });
  });

  it('a bad --stale exits 2 naming the flag, before opening anything', async () => {
    for (const value of ['abc', '7x', '0d', '']) {
      const out = await run(['sync', 'status', '--db', '/nonexistent/x.db', '--stale', value], { env });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('--stale');
    }
    const out = await run(['sync', 'status', '--stale', 'abc'], { env });
    expect(out.stderr).toContain('--stale: "abc" không phải là khoảng thời gian');
    const fresh = await run(['overdue', '--db', sampleDbPath(), '--fresh-within', '3 tháng'], { env });
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain('--fresh-within');
  });
});
