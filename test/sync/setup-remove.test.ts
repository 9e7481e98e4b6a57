/**
 * `thuky sync setup` and `sync remove` between a city server and a ward server: a second setup
 * changes nothing, remove leaves no publication, subscription or slot on either side, and the
 * refusals (a ward database that holds data, a unit that is not a ward) write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTERS_ENABLED } from '../pg-clusters.js';
import { freshPgDatabase, PG_ADMIN } from '../pg-helpers.js';
import { adminQuery, on, setup, startOffices, subscriptions, waitFor, waitReady, type Offices } from './fixture.js';

/** What replication objects a database's server holds for it: publications, subscriptions, slots. */
function objects(url: string) {
  return {
    publications: adminQuery(url, 'SELECT pubname FROM pg_publication ORDER BY 1').map((r) => r[0]),
    subscriptions: subscriptions(url).map((s) => s.name),
    slots: adminQuery(url, 'SELECT slot_name FROM pg_replication_slots ORDER BY 1').map((r) => r[0]),
  };
}

describe.skipIf(!CLUSTERS_ENABLED)('sync setup and remove', () => {
  let o: Offices;
  beforeAll(async () => {
    o = await startOffices(3);
  }, 180_000);
  afterAll(async () => {
    await o?.clusters.close();
  });

  it('refuses a unit that is not a ward and a ward database that holds data, writing nothing', async () => {
    const sqlite = await on(o.city.url, ['sync', 'setup', '--city', 'thanh-uy.db', '--ward', 'Phường Bến Thành', '--ward-db', o.wards[1].url], 2);
    expect(sqlite.stderr).toContain('--city: "thanh-uy.db" không phải địa chỉ PostgreSQL');
    const same = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'Phường Bến Thành', '--ward-db', o.city.url], 2);
    expect(same.stderr).toContain('cùng một cơ sở dữ liệu');
    const notWard = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'TU-79', '--ward-db', o.wards[1].url], 2);
    expect(notWard.stderr).toContain('không phải phường, xã hay đặc khu');
    await on(o.wards[1].url, ['unit', 'add', 'Chi bộ Khu phố 1', '--kind', 'cell']);
    const busy = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'Phường Bến Thành', '--ward-db', o.wards[1].url], 2);
    expect(busy.stderr).toContain('đã có dữ liệu (unit: 1 dòng)');
    expect(adminQuery(o.city.url, 'SELECT count(*) FROM thuky_office').concat(adminQuery(o.city.url, 'SELECT count(*) FROM thuky_ward'))).toEqual([[0], [0]]);
    expect(objects(o.city.url)).toEqual({ publications: [], subscriptions: [], slots: [] });
  });

  it.skipIf(!PG_ADMIN)('refuses a server without logical replication, naming the setting and the fix', async () => {
    // The run's shared server keeps PostgreSQL's default wal_level (replica).
    const plain = freshPgDatabase('ward');
    await on(plain, ['init']);
    const out = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'Phường Tân Định', '--ward-db', plain], 2);
    expect(out.stderr).toContain('wal_level đang là "replica"');
    expect(out.stderr).toContain('ALTER SYSTEM SET wal_level = logical');
    expect(adminQuery(o.city.url, 'SELECT count(*) FROM thuky_office')).toEqual([[0]]);
  });

  it('refuses a server without free replication slots before creating anything', async () => {
    // Ward 3's server: every slot but two taken (physical slots, which hold no WAL until used).
    const ward = o.wards[2].url;
    const [max, used] = adminQuery(ward, `SELECT current_setting('max_replication_slots')::int, count(*)::int FROM pg_replication_slots`)[0].map(Number);
    const fillers = Array.from({ length: max - used - 2 }, (_, i) => `filler_${i}`);
    for (const f of fillers) adminQuery(ward, 'SELECT pg_create_physical_replication_slot($1)', [f]);
    try {
      const out = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'Phường Tân Định', '--ward-db', ward], 1);
      expect(out.stderr).toContain(`chỉ còn 2 khe sao chép trống (max_replication_slots = ${max}`);
      expect(out.stderr).toContain('một phường mới cần 3');
      expect(adminQuery(o.city.url, 'SELECT count(*) FROM thuky_ward')).toEqual([[0]]);
      expect(adminQuery(ward, 'SELECT count(*) FROM thuky_office')).toEqual([[0]]);
      expect(objects(ward).publications).toEqual([]);
    } finally {
      for (const f of fillers) adminQuery(ward, 'SELECT pg_drop_replication_slot($1)', [f]);
    }
  });

  it('sets a ward up once: a second run changes nothing', async () => {
    const first = await setup(o, 0, 'phuong sai gon');
    expect(first.stderr).toContain('Phường Sài Gòn (văn phòng số 1) đồng bộ với');
    expect(first.stderr).toContain('subscription thuky_from_city, ở phường, xã');
    expect(first.stderr).not.toContain('test-only');
    // The first copy's own temporary slots are gone once every table is ready.
    await waitReady(o.wards[0].url);
    await waitReady(o.city.url);
    const city = objects(o.city.url);
    const ward = objects(o.wards[0].url);
    expect(city.publications).toEqual(['thuky_down_1']);
    expect(city.subscriptions).toEqual(['thuky_from_1']);
    expect(city.slots).toEqual([expect.stringMatching(/^thuky_down_\d+_1$/)]);
    expect(ward).toEqual({ publications: ['thuky_up'], subscriptions: ['thuky_from_city'], slots: [expect.stringMatching(/^thuky_up_\d+$/)] });
    expect(adminQuery(o.wards[0].url, 'SELECT office_no, role, unit_name, city_name FROM thuky_office')).toEqual([[1, 'ward', 'Phường Sài Gòn', 'Thành ủy Thành phố Hồ Chí Minh']]);

    const second = await setup(o, 0, 'Phường Sài Gòn');
    expect(second.stderr).toContain('không có gì thay đổi');
    const again = await on(o.city.url, ['sync', 'setup', '--city', o.city.url, '--ward', 'Phường Sài Gòn', '--ward-db', o.wards[0].url, '--json']);
    expect(again.stdout).not.toContain('test-only');
    const json = JSON.parse(again.stdout);
    expect(json).toMatchObject({ office: 1, unit: { name: 'Phường Sài Gòn' }, created: [] });
    expect(objects(o.city.url)).toEqual(city);
    expect(objects(o.wards[0].url)).toEqual(ward);
    expect(adminQuery(o.city.url, 'SELECT office_no, unit_name FROM thuky_ward')).toEqual([[1, 'Phường Sài Gòn']]);
  });

  it('the ward received the reference data, and allocates its ids in its own block', async () => {
    const units = Number(adminQuery(o.city.url, 'SELECT count(*) FROM unit')[0][0]);
    expect(units).toBeGreaterThan(100);
    expect(adminQuery(o.wards[0].url, 'SELECT count(*) FROM unit')).toEqual([[units]]);
    const added = JSON.parse((await on(o.wards[0].url, ['person', 'add', 'Trần Thị Mai', '--unit', 'Phường Sài Gòn', '--json'])).stdout);
    expect(added.id).toBe(10_000_001);
  });

  it('remove undoes it: no publication, subscription or slot left on either side', async () => {
    const out = await on(o.city.url, ['sync', 'remove', '--city', o.city.url, '--ward', 'Phường Sài Gòn', '--ward-db', o.wards[0].url]);
    expect(out.stderr).toContain('Đã bỏ đồng bộ Phường Sài Gòn');
    expect(objects(o.city.url)).toEqual({ publications: [], subscriptions: [], slots: [] });
    expect(objects(o.wards[0].url)).toEqual({ publications: [], subscriptions: [], slots: [] });
    expect(adminQuery(o.city.url, 'SELECT count(*) FROM thuky_ward')).toEqual([[0]]);
    expect(adminQuery(o.wards[0].url, 'SELECT count(*) FROM thuky_office')).toEqual([[0]]);
    const again = await on(o.city.url, ['sync', 'remove', '--city', o.city.url, '--ward', 'Phường Sài Gòn', '--ward-db', o.wards[0].url], 1);
    expect(again.stderr).toContain('chưa đồng bộ');
  });

  it("remove with the ward's server down: the city's side goes, --drop-rows takes the ward's rows; the ward's side later", async () => {
    const ward = o.wards[2];
    await setup(o, 2, 'Phường Bến Thành');
    await waitReady(ward.url);
    await waitReady(o.city.url);
    const person = JSON.parse((await on(ward.url, ['person', 'add', 'Nguyễn Văn An', '--unit', 'Phường Bến Thành', '--json'])).stdout);
    const office = Math.floor(person.id / 10_000_000);
    await waitFor('the ward’s person at the city', () => (adminQuery(o.city.url, 'SELECT count(*) FROM person WHERE id = $1', [person.id])[0][0] === 1 ? true : undefined));
    await ward.cluster.stop();
    try {
      const out = await on(o.city.url, ['sync', 'remove', '--city', o.city.url, '--ward', 'ben thanh', '--drop-rows']);
      expect(out.stderr).toContain('không kết nối được');
      expect(out.stderr).toContain('đã xóa 1 dòng dữ liệu của đơn vị');
      expect(objects(o.city.url)).toEqual({ publications: [], subscriptions: [], slots: [] });
      expect(adminQuery(o.city.url, 'SELECT count(*) FROM person WHERE id >= $1', [office * 10_000_000])).toEqual([[0]]);
    } finally {
      await ward.cluster.start();
    }
    const rest = await on(o.city.url, ['sync', 'remove', '--city', o.city.url, '--ward', 'ben thanh', '--ward-db', ward.url]);
    expect(rest.stderr).toContain('đã xóa publication thuky_up, ở phường, xã');
    expect(objects(ward.url)).toEqual({ publications: [], subscriptions: [], slots: [] });
    // The ward's database stands alone, its own rows kept.
    expect(adminQuery(ward.url, 'SELECT full_name FROM person')).toEqual([['Nguyễn Văn An']]);
  });
});
