/**
 * The benchmark data generator: a synthetic district, city or nation, written through the
 * project's own openDatabase/migrate (so the schema is exactly the app's), with bulk inserts in
 * transactions through prepared statements. The same --seed always gives the same data.
 *
 *   npm run bench:gen -- --scale city --out /tmp/city.db [--seed 1] [--year 2025]
 *   npm run bench:gen -- --people-xlsx /tmp/people.xlsx --db /tmp/city.db [--rows 100000]
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { logChange, type Audit } from '../src/store/changelog.js';
import { openDatabase, type Db } from '../src/store/db.js';
import { addDocument } from '../src/store/documents.js';
import { addUnit } from '../src/store/units.js';
import { fold } from '../src/domain/text.js';
import { Prng } from './prng.js';
import { SCALES, scaleNames, type ScaleSpec } from './scales.js';

export interface GenerateOptions {
  scale: ScaleSpec;
  out: string;
  seed?: number;
  /** The benchmark year: the last year of data; reports are run as of 31/12 of it. */
  year?: number;
  /** Called with a short progress line per phase. */
  log?: (line: string) => void;
}

export interface GenerateResult {
  scale: string;
  seed: number;
  year: number;
  firstYear: number;
  asOf: string;
  seconds: number;
  counts: Record<string, number>;
}

/** The row written to change_log (entity 'bench') that the runner reads back. */
export interface BenchMeta {
  scale: string;
  seed: number;
  year: number;
  firstYear: number;
  asOf: string;
  counts: Record<string, number>;
}

// ---- dates as day numbers (fast arithmetic), shown as ISO text ----
const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS);
const isoCache = new Map<number, string>();
function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}
const iso0 = (day: number | null): string | null => (day === null ? null : iso(day));
const weekday = (day: number): number => (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday

// ---- words ----
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Lâm', 'Mai'];
const MIDDLES = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Thành', 'Hoàng', 'Kim', 'Xuân', 'Thu', 'Anh', 'Bảo', 'Gia', 'Thảo', 'Công'];
const GIVENS = [
  'An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Minh',
  'Nam', 'Nga', 'Ngọc', 'Nhung', 'Phong', 'Phúc', 'Phương', 'Quang', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Thủy', 'Trang', 'Trung',
  'Tuấn', 'Tú', 'Uyên', 'Vân', 'Việt', 'Vinh', 'Xuân', 'Yến', 'Đạt', 'Đông', 'Khoa', 'Lộc', 'Nhân', 'Tài',
];
const PLACES = [
  'Sài Gòn', 'Tân Định', 'Bến Thành', 'Cầu Ông Lãnh', 'Bàn Cờ', 'Xuân Hòa', 'Nhiêu Lộc', 'Xóm Chiếu', 'Khánh Hội', 'Vĩnh Hội', 'Chợ Quán',
  'An Đông', 'Chợ Lớn', 'Bình Tây', 'Bình Tiên', 'Bình Phú', 'Phú Lâm', 'Tân Thuận', 'Phú Thuận', 'Tân Mỹ', 'Tân Hưng', 'Chánh Hưng',
  'Phú Định', 'Bình Đông', 'Diên Hồng', 'Vườn Lài', 'Hòa Hưng', 'Minh Phụng', 'Bình Thới', 'Hòa Bình', 'Phú Thọ', 'Đông Hưng Thuận',
  'Trung Mỹ Tây', 'Tân Thới Hiệp', 'Thới An', 'An Phú Đông', 'An Lạc', 'Tân Tạo', 'Bình Tân', 'Bình Trị Đông', 'Bình Hưng Hòa',
  'Gia Định', 'Bình Thạnh', 'Bình Lợi Trung', 'Thạnh Mỹ Tây', 'Bình Quới', 'Hạnh Thông', 'An Nhơn', 'Gò Vấp', 'An Hội Đông', 'Thông Tây Hội',
  'An Hội Tây', 'Đức Nhuận', 'Cầu Kiệu', 'Phú Nhuận', 'Tân Sơn Hòa', 'Tân Sơn Nhất', 'Tân Hòa', 'Bảy Hiền', 'Tân Bình', 'Tân Sơn',
  'Tây Thạnh', 'Tân Sơn Nhì', 'Phú Thọ Hòa', 'Tân Phú', 'Phú Thạnh', 'Hiệp Bình', 'Thủ Đức', 'Tam Bình', 'Linh Xuân', 'Tăng Nhơn Phú',
  'Long Bình', 'Long Phước', 'Long Trường', 'Cát Lái', 'Bình Trưng', 'Phước Long', 'An Khánh', 'Vĩnh Lộc', 'Tân Vĩnh Lộc', 'Bình Lợi',
  'Tân Nhựt', 'Bình Chánh', 'Hưng Long', 'Bình Hưng', 'Bình Khánh', 'An Thới Đông', 'Cần Giờ', 'Củ Chi', 'Tân An Hội', 'Thái Mỹ',
  'An Nhơn Tây', 'Nhuận Đức', 'Phú Hòa Đông', 'Bình Mỹ', 'Đông Thạnh', 'Hóc Môn', 'Xuân Thới Sơn', 'Bà Điểm', 'Nhà Bè', 'Hiệp Phước',
];
const COMMITTEE_PLACES = [
  'Hà Nội', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh',
  'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng', 'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Ninh Bình',
  'Quảng Trị', 'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk', 'Đồng Nai', 'Tây Ninh', 'Vĩnh Long', 'Đồng Tháp', 'Cà Mau', 'An Giang',
];
const TASK_VERBS = ['Triển khai', 'Tổ chức', 'Rà soát', 'Hoàn thành', 'Báo cáo kết quả', 'Kiểm tra', 'Xây dựng kế hoạch', 'Sơ kết', 'Tuyên truyền', 'Củng cố'];
const TASK_OBJECTS = [
  'thực hiện Chỉ thị 05-CT/TW gắn với nhiệm vụ chính trị của đơn vị',
  'việc đăng ký làm theo của cán bộ, đảng viên',
  'công tác cải cách hành chính, chống phiền hà, sách nhiễu',
  'chỉnh trang đô thị và trật tự lòng lề đường',
  'phát triển đảng viên mới trong khu dân cư',
  'học tập chuyên đề năm và các mô hình làm theo',
  'giải quyết đơn thư, khiếu nại tồn đọng',
  'công tác giảm nghèo, chăm lo gia đình chính sách',
  'hồ sơ đảng viên và sinh hoạt chi bộ định kỳ',
  'phong trào toàn dân bảo vệ an ninh tổ quốc',
  'chuyển đổi số trong tiếp nhận hồ sơ',
  'kết luận của hội nghị giao ban',
];
const BREAKTHROUGH_SPECIFIC: [string, string][] = [
  ['Giảm hồ sơ hành chính trễ hạn', 'dưới 1% hồ sơ trễ hạn'],
  ['Xóa điểm ô nhiễm rác thải', 'xóa 5 điểm'],
  ['Phát triển đảng viên mới', 'kết nạp 12 đảng viên'],
  ['Số hóa hồ sơ hộ tịch', '100% hồ sơ từ 2010'],
  ['Vận động hộ kinh doanh thanh toán không dùng tiền mặt', '300 hộ'],
  ['Chỉnh trang vỉa hè các tuyến trọng điểm', '4 tuyến đường'],
  ['Giải quyết dứt điểm đơn thư tồn đọng', '100% đơn tồn đọng'],
];
const BREAKTHROUGH_GENERIC = ['Tăng cường công tác dân vận', 'Đẩy mạnh cải cách hành chính', 'Nâng cao chất lượng sinh hoạt chi bộ'];
const MEETING_KINDS: [string, number][] = [['giao-ban', 60], ['giao-ban-chuyen-de', 15], ['so-ket', 10], ['tong-ket', 5], ['hoi-nghi', 8], ['khac', 2]];
const MEETING_LABEL: Record<string, string> = {
  'giao-ban': 'Hội nghị giao ban', 'giao-ban-chuyen-de': 'Hội nghị giao ban chuyên đề', 'so-ket': 'Hội nghị sơ kết',
  'tong-ket': 'Hội nghị tổng kết', 'hoi-nghi': 'Hội nghị', khac: 'Buổi làm việc',
};
const ACTIVITY_KINDS: [string, number][] = [['chao-co', 35], ['ke-chuyen', 20], ['hoc-tap', 20], ['guong-dien-hinh', 10], ['truyen-thong', 10], ['khac', 5]];
const ACTIVITY_LABEL: Record<string, string> = {
  'chao-co': 'Chào cờ đầu tuần', 'ke-chuyen': 'Kể chuyện về Bác', 'hoc-tap': 'Học tập chuyên đề', 'guong-dien-hinh': 'Giới thiệu gương điển hình',
  'truyen-thong': 'Tuyên truyền trên bản tin', khac: 'Hoạt động tuyên truyền',
};
const EVAL_RESULTS: [string, number][] = [['xuat-sac', 10], ['tot', 60], ['hoan-thanh', 27], ['khong-hoan-thanh', 3]];
const DOCUMENTS = [
  { code: '05-CT/TW', title: 'Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', issuedOn: '2016-05-15', issuingBody: 'Bộ Chính trị' },
  { code: '02-ĐA/TU', title: 'Đề án của Ban Thường vụ Thành ủy', issuedOn: '2016-06-01', issuingBody: 'Ban Thường vụ Thành ủy' },
  { code: '04-NQ/TW', title: 'Nghị quyết Trung ương 4 khóa XII', issuedOn: '2016-10-30', issuingBody: 'Ban Chấp hành Trung ương' },
  { code: '16-HD/VPTW', title: 'Hướng dẫn về biên bản', issuedOn: '2023-01-01', issuingBody: 'Văn phòng Trung ương Đảng' },
  { code: '366-QĐ/TW', title: 'Quy định về kiểm điểm, đánh giá, xếp loại chất lượng', issuedOn: '2025-08-30', issuingBody: 'Bộ Chính trị' },
];

interface UnitInfo {
  id: number;
  committee: number; // index into committees
  firstPerson: number; // people of the unit have ids [firstPerson, firstPerson + size)
  size: number;
  late: boolean; // leaves tasks overdue
  lowPlans: boolean;
  planNotUsed: boolean;
  storyOnly: boolean;
  absentee: boolean;
}

interface CommitteeInfo {
  id: number;
  units: number[]; // indexes into units
  firstPerson: number;
  size: number;
}

interface MeetingInfo {
  id: number;
  day: number;
  units: number[]; // indexes into units
  conclusionIds: number[];
}

/** Splits total into n parts that differ around the mean but add up exactly. */
function spread(rng: Prng, total: number, n: number, jitter = 0.5): number[] {
  const base = Math.floor(total / n);
  const parts = Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
  for (let i = 0; i + 1 < n; i += 2) {
    const d = rng.int(0, Math.floor(Math.min(parts[i], parts[i + 1]) * jitter));
    parts[i] += d;
    parts[i + 1] -= d;
  }
  return parts;
}

export function generate(opts: GenerateOptions): GenerateResult {
  const started = process.hrtime.bigint();
  const spec = opts.scale;
  const seed = opts.seed ?? 1;
  const year = opts.year ?? 2025;
  const firstYear = year - Math.max(spec.years, spec.planYears) + 1;
  const asOf = `${year}-12-31`;
  const asOfDay = dayOf(asOf);
  const rng = new Prng(seed);
  const log = opts.log ?? (() => {});
  const out = resolve(opts.out);
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(out + suffix)) rmSync(out + suffix);

  const db: Db = openDatabase(out, { create: true });
  // Bulk-load settings for this connection only; the file goes back to WAL at the end.
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF'); // the data is consistent by construction; the test runs foreign_key_check
  const audit: Audit = { at: `${firstYear}-01-01T01:00:00.000Z`, user: 'bench', command: `bench:gen --scale ${spec.name} --seed ${seed}` };
  const counts: Record<string, number> = {};
  const phase = (name: string, fn: () => number) => {
    const t = process.hrtime.bigint();
    counts[name] = db.transaction(fn).immediate();
    log(`${name}: ${counts[name].toLocaleString('en')} rows in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);
  };

  // ---- units: committees, then wards and communes (through the app's own addUnit) ----
  const validFrom = `${firstYear}-01-01`;
  const committees: CommitteeInfo[] = [];
  const units: UnitInfo[] = [];
  phase('units', () => {
    for (let c = 0; c < spec.committees; c++) {
      const name = spec.committees === 1 ? (spec.units <= 20 ? 'Quận ủy Quận Mẫu' : 'Thành ủy Thành phố Mẫu') : `Tỉnh ủy ${COMMITTEE_PLACES[c % COMMITTEE_PLACES.length]}`;
      const id = addUnit(db, audit, { name, code: `CU${String(c + 1).padStart(2, '0')}`, kind: 'committee', validFrom });
      committees.push({ id, units: [], firstPerson: 0, size: 0 });
    }
    const wards = Math.round(spec.units * spec.wardShare);
    for (let i = 0; i < spec.units; i++) {
      const isWard = i < wards;
      const n = isWard ? i : i - wards;
      const place = PLACES[n % PLACES.length] + (n >= PLACES.length ? ` ${Math.floor(n / PLACES.length) + 1}` : '');
      const committee = Math.floor((i * spec.committees) / spec.units);
      const id = addUnit(db, audit, {
        name: `${isWard ? 'Phường' : 'Xã'} ${place}`,
        code: `${isWard ? 'P' : 'X'}${String(n + 1).padStart(4, '0')}`,
        kind: isWard ? 'ward' : 'commune',
        parentId: committees[committee].id,
        validFrom,
      });
      committees[committee].units.push(units.length);
      units.push({
        id, committee, firstPerson: 0, size: 0,
        // Fixed shares of units with each shortcoming, so that every scale shows the mix (a quarter leave tasks overdue).
        late: i % 4 === 1, lowPlans: i % 17 === 3, planNotUsed: i % 23 === 5, storyOnly: i % 50 === 7, absentee: i % 16 === 9,
      });
    }
    return spec.committees + spec.units;
  });

  const documentIds: number[] = [];
  phase('documents', () => {
    for (const d of DOCUMENTS) documentIds.push(addDocument(db, audit, d));
    return DOCUMENTS.length;
  });

  // ---- people, with their plans and evaluations (people of a unit get consecutive ids) ----
  const staffPer = Math.max(5, Math.round((spec.people * 0.0005) / spec.committees));
  const unitPeople = spec.people - staffPer * spec.committees;
  const weights = units.map(() => 0.5 + rng.next());
  const wsum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  units.forEach((u, i) => {
    u.size = i === units.length - 1 ? unitPeople - assigned : Math.max(1, Math.floor((unitPeople * weights[i]) / wsum));
    assigned += u.size;
  });
  const foldedCache = new Map<string, string>();
  const folded = (s: string) => {
    let f = foldedCache.get(s);
    if (f === undefined) foldedCache.set(s, (f = fold(s)));
    return f;
  };
  const planYears = Array.from({ length: spec.planYears }, (_, i) => year - spec.planYears + 1 + i);
  {
    const insPerson = db.prepare(
      `INSERT INTO person (id, full_name, name_folded, unit_id, positions, is_member, active, note, illustrative, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)`,
    );
    const insPlan = db.prepare(`INSERT INTO plan (person_id, year, submitted_on, content, illustrative, created_at) VALUES (?, ?, ?, ?, 0, ?)`);
    const insEval = db.prepare(
      `INSERT INTO evaluation (person_id, year, result, score, plan_used, illustrative, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)`,
    );
    const insDeadline = db.prepare(`INSERT INTO plan_deadline (year, deadline_on) VALUES (?, ?)`);
    let nextId = 1;
    let members = 0;
    let plans = 0;
    let evaluations = 0;
    const t = process.hrtime.bigint();
    const addPerson = (unitId: number, u: UnitInfo | null, position: string | null) => {
      const s = rng.pick(SURNAMES);
      const m = rng.pick(MIDDLES);
      const g = rng.pick(GIVENS);
      const name = `${s} ${m} ${g}`;
      const isMember = position !== null || rng.chance(spec.memberShare) ? 1 : 0;
      const active = rng.chance(0.97) ? 1 : 0;
      const id = nextId++;
      insPerson.run(id, name, `${folded(s)} ${folded(m)} ${folded(g)}`, unitId, position ? JSON.stringify([position]) : '[]', isMember, active, audit.at);
      if (!isMember) return;
      members++;
      for (const y of planYears) {
        const r = rng.next();
        const onTime = u?.lowPlans ? 0.85 : 0.975;
        if (r < onTime) {
          insPlan.run(id, y, iso(dayOf(`${y}-01-02`) + rng.int(0, 88)), 'Đăng ký làm theo: nêu gương, giữ kỷ luật, hoàn thành nhiệm vụ được giao.', `${y}-01-02T02:00:00.000Z`);
          plans++;
        } else if (r < onTime + (1 - onTime) * 0.6) {
          insPlan.run(id, y, iso(dayOf(`${y}-04-01`) + rng.int(0, 80)), 'Đăng ký làm theo (nộp muộn).', `${y}-04-01T02:00:00.000Z`);
          plans++;
        } // else: no plan that year
        const result = rng.weighted(EVAL_RESULTS);
        const score = y >= 2025 ? rng.int(50, 100) : null;
        const planUsed = u?.planNotUsed && rng.chance(0.1) ? 0 : 1;
        insEval.run(id, y, result, score, planUsed, `${y}-12-20T02:00:00.000Z`);
        evaluations++;
      }
    };
    const CHUNK = 50_000;
    let inChunk = 0;
    const work: (() => void)[] = [];
    for (const c of committees) {
      c.firstPerson = nextId + work.length;
      c.size = staffPer;
      for (let k = 0; k < staffPer; k++) {
        const position = k === 0 ? 'Bí thư' : k <= 2 ? 'Phó Bí thư' : k <= 8 ? 'Ủy viên Ban Thường vụ' : 'Chuyên viên Văn phòng';
        work.push(() => addPerson(c.id, null, position));
      }
    }
    let planned = work.length;
    for (const u of units) {
      u.firstPerson = 1 + planned;
      planned += u.size;
    }
    // Insert in chunks of CHUNK people per transaction, without holding 5 million closures.
    db.exec('BEGIN IMMEDIATE');
    for (const w of work) w();
    for (const u of units) {
      for (let k = 0; k < u.size; k++) {
        addPerson(u.id, u, k === 0 ? 'Bí thư Đảng ủy' : k === 1 ? 'Phó Bí thư' : null);
        if (++inChunk >= CHUNK) {
          db.exec('COMMIT');
          db.exec('BEGIN IMMEDIATE');
          inChunk = 0;
        }
      }
    }
    for (const y of planYears) insDeadline.run(y, `${y}-03-31`);
    db.exec('COMMIT');
    counts.people = nextId - 1;
    counts.members = members;
    counts.plans = plans;
    counts.evaluations = evaluations;
    counts.planDeadlines = planYears.length;
    log(`people: ${counts.people.toLocaleString('en')} (${members.toLocaleString('en')} members), plans ${plans.toLocaleString('en')}, evaluations ${evaluations.toLocaleString('en')} in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);
  }
  const personOf = (u: UnitInfo) => u.firstPerson + rng.int(0, u.size - 1);
  const staffOf = (c: CommitteeInfo, k?: number) => c.firstPerson + (k ?? rng.int(0, c.size - 1));

  // ---- meetings with their units, people, documents, speeches and conclusions ----
  const dataYears = Array.from({ length: spec.years }, (_, i) => year - spec.years + 1 + i);
  const meetingsByYear = new Map<number, MeetingInfo[]>(dataYears.map((y) => [y, []]));
  phase('meetings', () => {
    const insMeeting = db.prepare(
      `INSERT INTO meeting (id, held_on, title, kind, period, location, start_time, end_time, organizer_id, recorder_id, closed_at, note, illustrative, created_at)
       VALUES (?, ?, ?, ?, ?, ?, '08:00', '11:30', ?, ?, ?, NULL, 0, ?)`,
    );
    const insMU = db.prepare(`INSERT INTO meeting_unit (meeting_id, unit_id, present, absent_reason) VALUES (?, ?, ?, ?)`);
    const insMP = db.prepare(`INSERT INTO meeting_person (meeting_id, person_id, role, ord) VALUES (?, ?, ?, ?)`);
    const insMD = db.prepare(`INSERT INTO meeting_document (meeting_id, document_id) VALUES (?, ?)`);
    const insSpeech = db.prepare(
      `INSERT INTO speech (meeting_id, ord, speaker_id, unit_id, kind, summary, illustrative, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
    );
    const insConclusion = db.prepare(`INSERT INTO conclusion (id, meeting_id, ord, text, created_at) VALUES (?, ?, ?, ?, ?)`);
    const perYear = spread(rng, spec.meetings, dataYears.length, 0);
    const speechesPer = spread(rng, spec.speeches, spec.meetings);
    let id = 0;
    let conclusionId = 0;
    let meetingUnits = 0;
    let speeches = 0;
    dataYears.forEach((y, yi) => {
      const first = dayOf(`${y}-01-02`);
      const last = dayOf(`${y}-12-30`);
      const days: number[] = [];
      for (let k = 0; k < perYear[yi]; k++) {
        let d = rng.int(first, last);
        while (weekday(d) === 0 || weekday(d) === 6) d++;
        days.push(d);
      }
      days.sort((a, b) => a - b);
      for (const day of days) {
        const mid = ++id;
        const c = committees[rng.int(0, committees.length - 1)];
        const kind = rng.weighted(MEETING_KINDS);
        const quarter = Math.floor((+iso(day).slice(5, 7) - 1) / 3) + 1;
        const heldOn = iso(day);
        const created = `${heldOn}T01:00:00.000Z`;
        insMeeting.run(mid, heldOn, `${MEETING_LABEL[kind]} quý ${['I', 'II', 'III', 'IV'][quarter - 1]} năm ${y}`, kind, `${y}-Q${quarter}`,
          'Hội trường Văn phòng', committees.length > 0 ? c.id : null, staffOf(c, Math.min(c.size - 1, 9)), `${heldOn}T05:00:00.000Z`, created);
        const invited = kind === 'so-ket' || kind === 'tong-ket' || c.units.length <= 12
          ? c.units.slice()
          : rng.sample(c.units.length, rng.int(8, Math.min(40, c.units.length))).map((k) => c.units[k]);
        for (const ui of invited) {
          const u = units[ui];
          const absent = rng.chance(u.absentee ? 0.05 : 0.001);
          insMU.run(mid, u.id, absent ? 0 : 1, absent ? 'Trùng lịch công tác (có báo cáo)' : null);
          meetingUnits++;
        }
        const chairs = rng.int(1, 3);
        for (let k = 0; k < chairs; k++) insMP.run(mid, staffOf(c, k), 'chair', k + 1);
        const guests = rng.int(0, 2);
        for (let k = 0; k < guests; k++) insMP.run(mid, staffOf(c, 3 + k), 'guest', k + 1);
        for (const k of rng.sample(documentIds.length, rng.int(0, 2))) insMD.run(mid, documentIds[k]);
        const n = speechesPer[mid - 1];
        for (let k = 1; k <= n; k++) {
          if (k === n) {
            insSpeech.run(mid, k, staffOf(c, 0), null, 'ket-luan', 'Kết luận: ghi nhận kết quả, chỉ ra hạn chế và giao nhiệm vụ cho các đơn vị.', created);
          } else {
            const u = units[rng.pick(invited)];
            insSpeech.run(mid, k, rng.chance(0.5) ? personOf(u) : null, u.id, rng.chance(0.5) ? 'tham-luan' : 'phat-bieu',
              'Báo cáo kết quả thực hiện tại đơn vị, khó khăn vướng mắc và đề xuất giải pháp trong thời gian tới.', created);
          }
          speeches++;
        }
        const conclusionIds: number[] = [];
        const nc = rng.int(1, 4);
        for (let k = 1; k <= nc; k++) {
          insConclusion.run(++conclusionId, mid, k, `Các đơn vị ${rng.pick(TASK_VERBS).toLowerCase()} ${rng.pick(TASK_OBJECTS)}.`, created);
          conclusionIds.push(conclusionId);
        }
        meetingsByYear.get(y)!.push({ id: mid, day, units: invited, conclusionIds });
      }
    });
    counts.meetingUnits = meetingUnits;
    counts.speeches = speeches;
    counts.conclusions = conclusionId;
    return id;
  });

  // ---- tasks and breakthroughs, with their events ----
  phase('tasks', () => {
    const insTask = db.prepare(
      `INSERT INTO task (id, kind, group_id, unit_id, title, target, year, start_on, due_on, original_due_on, done_on, cancelled_on, cancel_reason,
                         percent, extensions, meeting_id, conclusion_id, document_id, owner_id, note, illustrative, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?)`,
    );
    const insGroup = db.prepare(`INSERT INTO task_group (id, title, created_at) VALUES (?, ?, ?)`);
    const insEvent = db.prepare(
      `INSERT INTO task_event (task_id, kind, on_date, percent, old_due, new_due, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let id = 0;
    let groupId = 0;
    let events = 0;
    let breakthroughs = 0;
    const event = (taskId: number, kind: string, day: number, percent: number | null, oldDue: string | null, newDue: string | null, text: string | null) => {
      insEvent.run(taskId, kind, iso(day), percent, oldDue, newDue, text, `${iso(day)}T03:00:00.000Z`);
      events++;
    };
    /** Writes one task; its outcome (done on time, late, open, cancelled, extended) is drawn against the as-of date. */
    const task = (y: number, u: UnitInfo, kind: 'task' | 'breakthrough', title: string, target: string | null, start: number, due: number | null,
      meetingId: number | null, conclusionId: number | null, group: number | null) => {
      const tid = ++id;
      const age = year - y; // 0 for the benchmark year, older years are mostly closed
      let done: number | null = null;
      let cancelled: number | null = null;
      let originalDue: number | null = null;
      if (rng.chance(0.02) && start < asOfDay) {
        cancelled = rng.int(start, Math.min(asOfDay, start + 60));
      } else if (due === null) {
        if (rng.chance(0.5)) done = rng.int(start, asOfDay);
      } else if (due < asOfDay) {
        const openShare = u.late ? (age === 0 ? 0.35 : age === 1 ? 0.08 : 0.03) : 0;
        const r = rng.next();
        if (r < openShare) done = null;
        else if (r < openShare + (1 - openShare) * 0.72 || due + 1 > asOfDay) done = rng.int(Math.max(start, due - 30), due);
        else done = rng.int(due + 1, Math.min(asOfDay, due + 60));
      } else if (rng.chance(0.3) && start < asOfDay) {
        done = rng.int(start, asOfDay); // finished early
      }
      if (due !== null && rng.chance(0.04) && due - start > 20) originalDue = due - rng.int(10, Math.min(60, due - start));
      const percent = done !== null ? 100 : cancelled !== null ? 0 : rng.int(0, 9) * 10;
      // As the app does: original_due_on is the due date given at creation; an extension moves due_on and counts.
      insTask.run(tid, kind, group, u.id, title, target, y, iso(start), due === null ? null : iso(due), iso0(originalDue ?? due),
        done === null ? null : iso(done), cancelled === null ? null : iso(cancelled), cancelled === null ? null : 'Không còn phù hợp sau khi sắp xếp đơn vị',
        percent, originalDue === null ? 0 : 1, meetingId, conclusionId, meetingId === null && rng.chance(0.2) ? rng.pick(documentIds) : null, `${iso(start)}T02:00:00.000Z`);
      event(tid, 'created', start, null, null, iso0(originalDue ?? due), null);
      if (originalDue !== null) event(tid, 'extend', Math.min(originalDue, asOfDay), null, iso(originalDue), iso(due!), 'Gia hạn theo đề nghị của đơn vị');
      if (done !== null) event(tid, 'done', done, 100, null, null, null);
      else if (cancelled !== null) event(tid, 'cancel', cancelled, null, null, null, 'Không còn phù hợp sau khi sắp xếp đơn vị');
      else if (percent > 0) event(tid, 'progress', Math.min(asOfDay, start + 15), percent, null, null, null);
    };
    for (const y of dataYears) {
      const yStart = dayOf(`${y}-01-01`);
      const yEnd = dayOf(`${y}-12-31`);
      const nBreak = Math.round(spec.tasksPerYear * spec.breakthroughShare);
      const nTasks = spec.tasksPerYear - nBreak;
      // Breakthroughs: registered early in the year, most specific with a target, some generic or without a time limit.
      for (let k = 0; k < nBreak; k++) {
        const u = units[k % units.length];
        const start = yStart + rng.int(0, 80);
        const r = rng.next();
        let title: string;
        let target: string | null = null;
        let due: number | null = rng.chance(0.5) ? yEnd : start + rng.int(120, 300);
        if (r < 0.85) {
          const [t, tg] = rng.pick(BREAKTHROUGH_SPECIFIC);
          title = t;
          target = tg;
        } else if (r < 0.95) {
          title = rng.pick(BREAKTHROUGH_GENERIC);
        } else {
          const [t, tg] = rng.pick(BREAKTHROUGH_SPECIFIC);
          title = t;
          target = tg;
          due = rng.chance(0.5) ? null : yEnd + rng.int(30, 200);
        }
        task(y, u, 'breakthrough', `Khâu đột phá ${y}: ${title}`, target, start, due, null, null, null);
        breakthroughs++;
      }
      // Tasks from meeting conclusions (one per assigned unit, grouped), up to 40% of the year's tasks.
      let fromMeetings = 0;
      const budget = Math.floor(nTasks * 0.4);
      outer: for (const m of meetingsByYear.get(y) ?? []) {
        for (const cid of m.conclusionIds) {
          const k = rng.int(1, Math.min(m.units.length, 12));
          const chosen = rng.sample(m.units.length, k).map((i) => units[m.units[i]]);
          const title = `${rng.pick(TASK_VERBS)} ${rng.pick(TASK_OBJECTS)}`;
          const due = rng.chance(0.03) ? null : m.day + rng.int(14, 120);
          let group: number | null = null;
          if (chosen.length > 1) insGroup.run((group = ++groupId), title, `${iso(m.day)}T02:00:00.000Z`);
          for (const u of chosen) {
            if (fromMeetings >= budget) break outer;
            task(y, u, 'task', title, null, m.day, due, m.id, cid, group);
            fromMeetings++;
          }
        }
      }
      const dueSoon = y === year ? Math.max(1, Math.round(nTasks * 0.02)) : 0;
      for (let k = fromMeetings; k < nTasks; k++) {
        const u = units[rng.int(0, units.length - 1)];
        // 2% of the year's own tasks fall due in the week after the report date (due soon).
        const start = k - fromMeetings < dueSoon ? asOfDay - rng.int(10, 90) : rng.int(yStart, Math.min(yEnd, asOfDay));
        const due = k - fromMeetings < dueSoon ? asOfDay + rng.int(0, 6) : rng.chance(0.03) ? null : start + rng.int(7, 150);
        task(y, u, 'task', `${rng.pick(TASK_VERBS)} ${rng.pick(TASK_OBJECTS)}`, null, start, due, null, null, null);
      }
    }
    counts.breakthroughs = breakthroughs;
    counts.taskGroups = groupId;
    counts.taskEvents = events;
    return id;
  });

  // ---- propaganda activities ----
  phase('activities', () => {
    const ins = db.prepare(`INSERT INTO activity (unit_id, held_on, kind, title, participants, illustrative, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)`);
    const perYear = spread(rng, spec.activities, dataYears.length, 0);
    let n = 0;
    dataYears.forEach((y, yi) => {
      const first = dayOf(`${y}-01-01`);
      const last = dayOf(`${y}-12-31`);
      for (let k = 0; k < perYear[yi]; k++) {
        // Every unit gets its share spread over the months first, then the rest falls at random.
        const u = units[k % units.length];
        const round = Math.floor(k / units.length);
        const day = round < 12 ? dayOf(`${y}-${String(round + 1).padStart(2, '0')}-01`) + rng.int(0, 27) : rng.int(first, last);
        const kind = u.storyOnly ? 'ke-chuyen' : rng.weighted(ACTIVITY_KINDS);
        const heldOn = iso(day);
        ins.run(u.id, heldOn, kind, `${ACTIVITY_LABEL[kind]} tháng ${+heldOn.slice(5, 7)}/${y}`, rng.int(10, 300), `${heldOn}T09:00:00.000Z`);
        n++;
      }
    });
    return n;
  });

  counts.units = spec.units;
  counts.committees = spec.committees;
  const meta: BenchMeta = { scale: spec.name, seed, year, firstYear, asOf, counts };
  db.transaction(() => logChange(db, audit, 'bench', null, 'generate', meta)).immediate();
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { scale: spec.name, seed, year, firstYear, asOf, seconds, counts };
}

/**
 * An Excel sheet of `rows` people for `person import`, as an office fills the template: name, unit
 * (its code), position, member yes/no, date of birth (an Excel date), party card, note. Names have
 * two middle names, which the generator never gives, so every line adds a new person; each unit gets
 * distinct names. Written with exceljs's streaming writer and shared strings, as Excel writes them.
 */
export async function writePeopleXlsx(dbPath: string, file: string, rows: number): Promise<number> {
  const db = openDatabase(dbPath, { readonly: true });
  const units = (db.prepare(`SELECT code FROM unit WHERE kind IN ('ward','commune','special-zone') AND code IS NOT NULL ORDER BY id`).all() as { code: string }[]).map((u) => u.code);
  db.close();
  if (!units.length) throw new Error(`${dbPath}: no ward or commune with a code`);
  // Names the import tells apart: accent-insensitively ("Thanh" and "Thành" are one name to it).
  const distinct = (words: string[]) => words.filter((w, i) => words.findIndex((x) => fold(x) === fold(w)) === i);
  const [surnames, middles, givens] = [distinct(SURNAMES), distinct(MIDDLES), distinct(GIVENS)];
  const perUnit = surnames.length * middles.length * middles.length * givens.length;
  if (Math.ceil(rows / units.length) > perUnit) throw new Error(`too many rows for ${units.length} units`);
  const mod = (await import('exceljs')) as unknown as { default?: typeof import('exceljs') } & typeof import('exceljs');
  const ExcelJS = mod.default ?? mod;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Đảng viên');
  ws.addRow(['Họ và tên', 'Đơn vị', 'Chức vụ', 'Đảng viên (có/không)', 'Ngày sinh', 'Số thẻ đảng viên', 'Ghi chú']).commit();
  const rng = new Prng(7);
  for (let i = 0; i < rows; i++) {
    let k = Math.floor(i / units.length);
    const g = givens[k % givens.length];
    k = Math.floor(k / givens.length);
    const m2 = middles[k % middles.length];
    k = Math.floor(k / middles.length);
    const m1 = middles[k % middles.length];
    const s = surnames[Math.floor(k / middles.length) % surnames.length];
    const member = rng.next() < 0.8;
    const row = ws.addRow([
      `${s} ${m1} ${m2} ${g}`,
      units[i % units.length],
      i % 40 === 0 ? 'Bí thư chi bộ' : i % 40 === 1 ? 'Phó Bí thư chi bộ' : member ? 'Đảng viên' : '',
      member ? 'có' : 'không',
      new Date(Date.UTC(1950 + Math.floor(rng.next() * 55), Math.floor(rng.next() * 12), 1 + Math.floor(rng.next() * 28))),
      member ? `9${String(i).padStart(7, '0')}` : '',
      i % 10 === 0 ? 'Chuyển sinh hoạt từ đơn vị cũ' : '',
    ]);
    row.getCell(5).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return rows;
}

/** Reads the generator's note back from a database (undefined for a database it did not make). */
export function readMeta(db: Db): BenchMeta | undefined {
  const row = db.prepare(`SELECT changes FROM change_log WHERE entity = 'bench' AND action = 'generate' ORDER BY id DESC LIMIT 1`).get() as
    | { changes: string }
    | undefined;
  return row ? (JSON.parse(row.changes) as BenchMeta) : undefined;
}

export function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) args[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[a.slice(2)] = argv[++i];
    else args[a.slice(2)] = 'true';
  }
  return args;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const usage = `usage: npm run bench:gen -- --scale ${scaleNames().join('|')} --out FILE [--seed N] [--year YYYY]\n   or: npm run bench:gen -- --people-xlsx FILE --db FILE [--rows 100000]`;
  // The sheet the runner makes for person import, on its own (to profile the import by hand).
  if (args['people-xlsx'] && args.db) {
    const n = await writePeopleXlsx(resolve(args.db), resolve(args['people-xlsx']), Number(args.rows ?? 100_000));
    process.stderr.write(`wrote ${n.toLocaleString('en')} people to ${resolve(args['people-xlsx'])}\n`);
    return 0;
  }
  const scale = SCALES[args.scale ?? ''];
  if (!scale || !args.out) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const seed = args.seed ? Number(args.seed) : 1;
  const year = args.year ? Number(args.year) : 2025;
  if (!Number.isInteger(seed) || !Number.isInteger(year) || year < 2000 || year > 2100) {
    process.stderr.write(`--seed must be an integer and --year a year\n${usage}\n`);
    return 2;
  }
  process.stderr.write(`generating ${scale.name} (seed ${seed}, years to ${year}) into ${resolve(args.out)}\n`);
  const result = generate({ scale, out: args.out, seed, year, log: (line) => process.stderr.write(`  ${line}\n`) });
  process.stderr.write(`done in ${result.seconds.toFixed(1)} s; reports as of ${result.asOf}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
