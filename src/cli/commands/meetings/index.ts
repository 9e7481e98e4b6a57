/** meeting add/attendance/list/show/edit/close/conclude/minutes, speech add/list. */
import { defaultOrganizer, meetingHeldOn, meetingOrganizerId } from '../../../store/meetings.js';
import { withFileOptions } from '../../output-file.js';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { findControlChar, sanitizeForTerminal } from '../../../domain/text.js';
import type { Column } from '../../../render/output.js';
import { resolveDocument } from '../../../store/documents.js';
import type { Db } from '../../../store/db.js';
import { parseIdText } from '../../../store/lookup.js';
import {
  addConclusion,
  addSpeech,
  checkMeetingKind,
  checkSpeechKind,
  checkTime,
  closeMeeting,
  createMeeting,
  editMeeting,
  listMeetings,
  listSpeeches,
  MEETING_KINDS,
  requireMeeting,
  setAttendance,
  SPEECH_KINDS,
  type MeetingListRow,
  type MeetingPatch,
  type SpeechListRow,
} from '../../../store/meetings.js';
import { resolvePerson } from '../../../store/people.js';
import { grassrootsUnits, resolveUnit } from '../../../store/units.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import type { Parents } from '../index.js';
import { registerCorrections } from './corrections.js';
import { meetingText } from './show.js';

/** Words meaning every grassroots unit (wards, communes, special zones) of the organising committee. */
const ALL_UNITS = new Set(['all-units', 'all-wards']);

export function registerMeetings(program: Command, cli: Cli, parents: Parents): void {
  const meeting = parents.meeting;
  registerAdd(meeting, cli);
  registerAttendance(meeting, cli);
  registerList(meeting, cli);
  registerShow(meeting, cli);
  registerEdit(meeting, cli);
  registerClose(meeting, cli);
  registerConclude(meeting, cli);
  registerMinutes(meeting, cli);
  registerSpeech(program, cli);
  registerCorrections(program, meeting, cli);
}

// ---------------------------------------------------------------------------------------------
// Shared parsing

/** A meeting id typed by the user: a whole number or `#N`, or a usage error. */
export function parseMeetingId(value: string): number {
  const id = parseIdText(value);
  if (id === undefined || id < 1) throw new UsageError('meeting.badId', { value });
  return id;
}

/** The meeting must exist (exit 1 otherwise); returns its date, used to pick units. */
function meetingDate(db: Db, id: number): IsoDate {
  const heldOn = meetingHeldOn(db, id);
  if (heldOn === undefined) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
  return heldOn;
}

/**
 * Units named on the command line, at the meeting date. `all-units` (or `all-wards`) means the
 * grassroots units that existed that day under the organizing committee (or all of them when it has none).
 */
function resolveUnits(db: Db, values: string[], at: IsoDate, organizerId: number | null): number[] {
  const out: number[] = [];
  for (const v of values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    if (ALL_UNITS.has(v.toLowerCase())) out.push(...grassrootsUnits(db, { on: at, committeeId: organizerId }).map((u) => u.id));
    else out.push(resolveUnit(db, v, { at }).id);
  }
  return [...new Set(out)];
}

function resolvePeople(db: Db, values: string[] | undefined): number[] {
  return [...new Set((values ?? []).map((v) => resolvePerson(db, v).id))];
}

function resolveDocs(db: Db, values: string[] | undefined): number[] {
  return [...new Set((values ?? []).map((v) => resolveDocument(db, v).id))];
}

function organizerOf(db: Db, meetingId: number): number | null {
  return meetingOrganizerId(db, meetingId);
}

// ---------------------------------------------------------------------------------------------
// meeting add

interface AddOpts {
  date: string;
  title: string;
  kind?: string;
  period?: string;
  location?: string;
  start?: string;
  end?: string;
  chair?: string[];
  guest?: string[];
  recorder?: string;
  organizer?: string;
  invite?: string[];
  doc?: string[];
  note?: string;
}

function registerAdd(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'add', 'cmd.meeting.add', [
      'thuky meeting add --date 17/06/2017 --kind giao-ban-chuyen-de --title "Giải pháp tăng cường thực hiện Chỉ thị 05-CT/TW" --chair "huynh thanh hai" "hoang thi to nga" --guest "pham ngoc hoi" --invite all-units --doc 05-CT/TW 02-ĐA/TU',
      'thuky meeting add --date 15/09/2017 --title "Giao ban quý III" --start 08:00 --end 11:00 --location "Hội trường Quận ủy" --invite BN CK --json',
    ])
    .requiredOption('--date <date>', cli.t('cmd.meeting.opt.date'))
    .requiredOption('--title <text>', cli.t('cmd.meeting.opt.title'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.meeting.opt.kind'), MEETING_KINDS).default('giao-ban'))
    .option('--period <period>', cli.t('cmd.meeting.opt.period'))
    .option('--location <text>', cli.t('cmd.meeting.opt.location'))
    .option('--start <HH:mm>', cli.t('cmd.meeting.opt.start'))
    .option('--end <HH:mm>', cli.t('cmd.meeting.opt.end'))
    .option('--chair <person...>', cli.t('cmd.meeting.opt.chair'))
    .option('--guest <person...>', cli.t('cmd.meeting.opt.guest'))
    .option('--recorder <person>', cli.t('cmd.meeting.opt.recorder'))
    .option('--organizer <unit>', cli.t('cmd.meeting.opt.organizer'))
    .option('--invite <unit...>', cli.t('cmd.meeting.opt.invite'))
    .option('--doc <code...>', cli.t('cmd.meeting.opt.doc'))
    .option('--note <text>', cli.t('opt.note'));
  cli.action<AddOpts>(cmd, (env, opts) => {
    const heldOn = env.date('--date', opts.date);
    const kind = checkMeetingKind(opts.kind ?? 'giao-ban');
    const period = opts.period !== undefined ? env.period('--period', opts.period, heldOn).code : undefined;
    const startTime = checkTime('--start', opts.start);
    const endTime = checkTime('--end', opts.end);
    if (startTime && endTime && endTime < startTime) throw new UsageError('meeting.endBeforeStart', { start: startTime, end: endTime });
    const db = env.db();
    const chairIds = resolvePeople(db, opts.chair);
    const guestIds = resolvePeople(db, opts.guest);
    const recorderId = opts.recorder ? resolvePerson(db, opts.recorder).id : null;
    const organizerId = opts.organizer ? resolveUnit(db, opts.organizer, { at: heldOn }).id : defaultOrganizer(db, chairIds);
    const unitIds = resolveUnits(db, opts.invite ?? [], heldOn, organizerId);
    const documentIds = resolveDocs(db, opts.doc);
    const created = createMeeting(db, env.audit(), {
      heldOn,
      title: opts.title,
      kind,
      period,
      location: opts.location ?? null,
      startTime,
      endTime,
      organizerId,
      recorderId,
      chairIds,
      guestIds,
      units: unitIds.map((unitId) => ({ unitId, present: true })),
      documentIds,
      speeches: [],
      conclusions: [],
      note: opts.note ?? null,
    });
    env.info('meeting.added', { id: created.meetingId, date: formatDateVi(heldOn), invited: unitIds.length });
    if (env.format === 'json') env.json(requireMeeting(db, created.meetingId, { asOf: env.today() }));
  });
}

// ---------------------------------------------------------------------------------------------
// meeting attendance

function registerAttendance(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'attendance <meeting>', 'cmd.meeting.attendance', [
      'thuky meeting attendance 2 --unit "co giang" --absent --reason "Thường trực Đảng ủy dự tập huấn của Thành ủy"',
      'thuky meeting attendance 2 --unit CG --present',
    ])
    .requiredOption('--unit <unit>', cli.t('cmd.meeting.opt.unit'))
    .option('--present', cli.t('cmd.meeting.opt.present'))
    .option('--absent', cli.t('cmd.meeting.opt.absent'))
    .option('--reason <text>', cli.t('cmd.meeting.opt.reason'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ unit: string; present?: boolean; absent?: boolean; reason?: string; force?: boolean }>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    if (opts.present && opts.absent) throw new UsageError('input.conflict', { a: '--present', b: '--absent' });
    if (!opts.present && !opts.absent) throw new UsageError('meeting.presentOrAbsent');
    if (opts.present && opts.reason) throw new UsageError('input.conflict', { a: '--present', b: '--reason' });
    const db = env.db();
    const heldOn = meetingDate(db, id);
    const unit = resolveUnit(db, opts.unit, { at: heldOn });
    setAttendance(db, env.audit(), id, unit.id, !!opts.present, opts.reason ?? null, { force: opts.force });
    env.info(opts.present ? 'meeting.markedPresent' : 'meeting.markedAbsent', { unit: unit.name, id });
  });
}

// ---------------------------------------------------------------------------------------------
// meeting list

function registerList(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'list', 'cmd.meeting.list', ['thuky meeting list --period 2017-Q2', 'thuky meeting list --from 01/01/2017 --to 31/12/2017 --unit "co giang" --json'])
    .option('--from <date>', cli.t('cmd.meeting.opt.from'))
    .option('--to <date>', cli.t('cmd.meeting.opt.to'))
    .option('--period <period>', cli.t('cmd.meeting.opt.listPeriod'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.meeting.opt.kind'), MEETING_KINDS))
    .option('--doc <code>', cli.t('cmd.meeting.opt.listDoc'))
    .option('--unit <unit>', cli.t('cmd.meeting.opt.listUnit'));
  withFileOptions(cmd, cli.t);
  cli.action<{ from?: string; to?: string; period?: string; kind?: string; doc?: string; unit?: string }>(cmd, (env, opts) => {
    let from = env.optionalDate('--from', opts.from);
    let to = env.optionalDate('--to', opts.to);
    if (opts.period !== undefined) {
      const p = env.period('--period', opts.period);
      from = from && from > p.from ? from : p.from;
      to = to && to < p.to ? to : p.to;
    }
    const kind = opts.kind ? checkMeetingKind(opts.kind) : undefined;
    const format = env.format;
    const db = env.readDb();
    const documentId = opts.doc ? resolveDocument(db, opts.doc).id : undefined;
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: to ?? env.today() }).id : undefined;
    const rows = listMeetings(db, { from, to, kind, documentId, unitId });
    const columns: Column<MeetingListRow>[] = [
      { key: 'id', label: 'col.id', type: 'number', priority: 1 },
      { key: 'heldOn', label: 'col.date', type: 'date', priority: 1 },
      { key: 'kind', label: 'col.kind', display: (r) => (format === 'tsv' || format === 'csv' ? r.kind : env.t(`meeting.kind.${r.kind}`)), priority: 3 },
      { key: 'period', label: 'meeting.col.period', priority: 4, wrap: false },
      { key: 'title', label: 'meeting.col.meetingTitle', priority: 1, minWidth: 20, maxWidth: 60 },
      { key: 'invited', label: 'meeting.col.invited', type: 'number', priority: 3 },
      { key: 'present', label: 'meeting.col.present', type: 'number', priority: 3 },
      { key: 'absent', label: 'meeting.col.absent', type: 'number', tone: (r) => (r.absent ? 'yellow' : undefined), priority: 2 },
      { key: 'speeches', label: 'meeting.col.speeches', type: 'number', priority: 4 },
      { key: 'conclusions', label: 'meeting.col.conclusions', type: 'number', priority: 4 },
      { key: 'closed', label: 'meeting.col.closed', type: 'bool', priority: 5 },
      ...(unitId !== undefined ? [{ key: 'unitPresent', label: 'meeting.col.unitPresent', type: 'bool' } as Column<MeetingListRow>] : []),
    ];
    return env.list(rows, columns, format);
  });
}

// ---------------------------------------------------------------------------------------------
// meeting show

function registerShow(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'show <meeting>', 'cmd.meeting.show', ['thuky meeting show 1', 'thuky meeting show 1 --as-of 31/12/2017 --json'])
    .option('--as-of <date>', cli.t('opt.asOf'));
  cli.action<{ asOf?: string }>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const asOf = env.today(opts.asOf);
    const m = requireMeeting(env.readDb(), id, { asOf });
    return env.record(m, () => sanitizeForTerminal(meetingText(env, m)));
  });
}

// ---------------------------------------------------------------------------------------------
// meeting edit

interface EditOpts extends Partial<AddOpts> {
  uninvite?: string[];
  removeDoc?: string[];
  force?: boolean;
}

function registerEdit(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'edit <meeting>', 'cmd.meeting.edit', [
      'thuky meeting edit 1 --location "Hội trường Quận ủy Quận 1" --start 08:00 --end 11:30',
      'thuky meeting edit 1 --recorder "nguyen van an" --force',
    ])
    .option('--date <date>', cli.t('cmd.meeting.opt.date'))
    .option('--title <text>', cli.t('cmd.meeting.opt.title'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.meeting.opt.kind'), MEETING_KINDS))
    .option('--period <period>', cli.t('cmd.meeting.opt.period'))
    .option('--location <text>', cli.t('cmd.meeting.opt.location'))
    .option('--start <HH:mm>', cli.t('cmd.meeting.opt.start'))
    .option('--end <HH:mm>', cli.t('cmd.meeting.opt.end'))
    .option('--chair <person...>', cli.t('cmd.meeting.opt.chairReplace'))
    .option('--guest <person...>', cli.t('cmd.meeting.opt.guestReplace'))
    .option('--recorder <person>', cli.t('cmd.meeting.opt.recorder'))
    .option('--organizer <unit>', cli.t('cmd.meeting.opt.organizer'))
    .option('--invite <unit...>', cli.t('cmd.meeting.opt.inviteMore'))
    .option('--uninvite <unit...>', cli.t('cmd.meeting.opt.uninvite'))
    .option('--doc <code...>', cli.t('cmd.meeting.opt.docAdd'))
    .option('--remove-doc <code...>', cli.t('cmd.meeting.opt.docRemove'))
    .option('--note <text>', cli.t('opt.note'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<EditOpts>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const heldOnPatch = opts.date !== undefined ? env.date('--date', opts.date) : undefined;
    if (opts.kind !== undefined) checkMeetingKind(opts.kind);
    const startTime = opts.start !== undefined ? checkTime('--start', opts.start) : undefined;
    const endTime = opts.end !== undefined ? checkTime('--end', opts.end) : undefined;
    const db = env.db();
    const heldOn = heldOnPatch ?? meetingDate(db, id);
    const organizerId = opts.organizer !== undefined ? resolveUnit(db, opts.organizer, { at: heldOn }).id : undefined;
    const patch: MeetingPatch = {
      ...(heldOnPatch !== undefined && { heldOn: heldOnPatch }),
      ...(opts.title !== undefined && { title: opts.title }),
      ...(opts.kind !== undefined && { kind: checkMeetingKind(opts.kind) }),
      ...(opts.period !== undefined && { period: env.period('--period', opts.period, heldOn).code }),
      ...(opts.location !== undefined && { location: opts.location }),
      ...(startTime !== undefined && { startTime }),
      ...(endTime !== undefined && { endTime }),
      ...(opts.chair && { chairIds: resolvePeople(db, opts.chair) }),
      ...(opts.guest && { guestIds: resolvePeople(db, opts.guest) }),
      ...(opts.recorder !== undefined && { recorderId: resolvePerson(db, opts.recorder).id }),
      ...(organizerId !== undefined && { organizerId }),
      ...(opts.invite && { inviteUnitIds: resolveUnits(db, opts.invite, heldOn, organizerId ?? organizerOf(db, id)) }),
      ...(opts.uninvite && { uninviteUnitIds: resolveUnits(db, opts.uninvite, heldOn, organizerId ?? organizerOf(db, id)) }),
      ...(opts.doc && { addDocumentIds: resolveDocs(db, opts.doc) }),
      ...(opts.removeDoc && { removeDocumentIds: resolveDocs(db, opts.removeDoc) }),
      ...(opts.note !== undefined && { note: opts.note }),
    };
    if (!Object.keys(patch).length) throw new UsageError('input.nothingToChange');
    editMeeting(db, env.audit(), id, patch, { force: opts.force });
    env.info(opts.force ? 'meeting.editedForced' : 'meeting.edited', { id });
    const m = requireMeeting(db, id, { asOf: env.today() });
    return env.record(m, () => sanitizeForTerminal(meetingText(env, m)));
  });
}

// ---------------------------------------------------------------------------------------------
// meeting close

function registerClose(meeting: Command, cli: Cli) {
  const cmd = cli.command(meeting, 'close <meeting>', 'cmd.meeting.close', ['thuky meeting close 1']);
  cli.action(cmd, (env, _opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const closedNow = closeMeeting(env.db(), env.audit(), id);
    env.info(closedNow ? 'meeting.closed' : 'meeting.alreadyClosed', { id });
  });
}

// ---------------------------------------------------------------------------------------------
// meeting conclude

function registerConclude(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'conclude <meeting>', 'cmd.meeting.conclude', [
      'thuky meeting conclude 1 --text "Mỗi phường đăng ký khâu đột phá cụ thể, có thời hạn" --assign all-units --within 30d',
      'thuky meeting conclude 2 --text "Báo cáo kết quả kế hoạch cá nhân" --assign "cau kho" NCT --due 31/10/2017',
    ])
    .requiredOption('--text <text>', cli.t('cmd.meeting.opt.text'))
    .option('--assign <unit...>', cli.t('cmd.meeting.opt.assign'))
    .option('--due <date>', cli.t('cmd.meeting.opt.due'))
    .option('--within <duration>', cli.t('cmd.meeting.opt.within'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ text: string; assign?: string[]; due?: string; within?: string; force?: boolean }>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    if (opts.due !== undefined && opts.within !== undefined) throw new UsageError('input.conflict', { a: '--due', b: '--within' });
    if ((opts.due !== undefined || opts.within !== undefined) && !opts.assign?.length) throw new UsageError('conclusion.dueNeedsAssign');
    const dueInput = opts.due !== undefined ? env.date('--due', opts.due) : undefined;
    if (opts.within !== undefined) env.duration('--within', opts.within);
    const db = env.db();
    const heldOn = meetingDate(db, id);
    const unitIds = resolveUnits(db, opts.assign ?? [], heldOn, organizerOf(db, id));
    // A time limit counts from the meeting day, which only the database knows.
    const dueOn = dueInput ?? (opts.within !== undefined ? env.dateAfter('--within', opts.within, heldOn) : null);
    const created = addConclusion(db, env.audit(), id, { text: opts.text, assignUnitIds: unitIds, dueOn }, { force: opts.force });
    env.info(created.taskIds.length ? 'conclusion.addedWithTasks' : 'conclusion.added', {
      ord: created.ord,
      id,
      tasks: created.taskIds.length,
      due: dueOn ? formatDateVi(dueOn) : env.t('meeting.noTimeLimit'),
    });
    if (env.format === 'json') env.json({ meetingId: id, conclusionId: created.conclusionId, ord: created.ord, dueOn, unitIds, taskIds: created.taskIds });
  });
}

// ---------------------------------------------------------------------------------------------
// meeting minutes

function registerMinutes(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'minutes <meeting>', 'cmd.meeting.minutes', [
      'thuky meeting minutes 1',
      'thuky meeting minutes 1 --format docx --out bien-ban-17-06-2017.docx',
      'thuky meeting minutes 1 --format txt > bien-ban.txt',
    ])
    .option('--out <file>', cli.t('cmd.meeting.opt.out'))
    .option('--force', cli.t('opt.force'));
  cmd.addHelpText('after', `\n${cli.t('cmd.meeting.minutes.formats')}\n`);
  cli.action<{ out?: string }>(cmd, async (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const raw = env.globals.json ? 'json' : (env.globals.format ?? 'md');
    const format = raw === 'text' ? 'txt' : raw;
    if (!['md', 'txt', 'docx', 'json'].includes(format)) throw new UsageError('input.badChoice', { field: '--format', value: raw, accepted: 'md, txt, docx' });
    if (format === 'docx' && !opts.out && env.ctx.stdout.isTTY) throw new UsageError('minutes.docxNeedsOut');
    // The minutes record what was decided; task statuses (which change) are not part of them.
    const m = requireMeeting(env.readDb(), id);
    const { writeMinutes } = await import('./minutes.js');
    await writeMinutes(env, m, format as 'md' | 'txt' | 'docx' | 'json', opts.out);
  });
}

// ---------------------------------------------------------------------------------------------
// speech add / list

function registerSpeech(program: Command, cli: Cli) {
  const speech = cli.command(program, 'speech', 'cmd.speech', ['thuky speech list 1', 'thuky speech list --unit "ben nghe" --period 2017']);
  const add = cli
    .command(speech, 'add <meeting>', 'cmd.speech.add', [
      'thuky speech add 1 --unit "ben nghe" --kind tham-luan --summary "Gắn Chỉ thị 05 với xây dựng tiêu chí công sở"',
      'thuky speech add 1 --speaker "huynh thanh hai" --kind ket-luan --summary-file ket-luan.txt',
    ])
    .option('--speaker <person>', cli.t('cmd.speech.opt.speaker'))
    .option('--unit <unit>', cli.t('cmd.speech.opt.unit'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.speech.opt.kind'), SPEECH_KINDS).makeOptionMandatory())
    .option('--order <n>', cli.t('cmd.speech.opt.order'))
    .option('--summary <text>', cli.t('cmd.speech.opt.summary'))
    .option('--summary-file <file>', cli.t('cmd.speech.opt.summaryFile'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ speaker?: string; unit?: string; kind: string; order?: string; summary?: string; summaryFile?: string; force?: boolean }>(add, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const kind = checkSpeechKind(opts.kind);
    const order = env.int('--order', opts.order, 1, 100_000);
    if (opts.summary !== undefined && opts.summaryFile !== undefined) throw new UsageError('input.conflict', { a: '--summary', b: '--summary-file' });
    if (opts.summary === undefined && opts.summaryFile === undefined) throw new UsageError('speech.summaryEmpty');
    if (!opts.speaker && !opts.unit) throw new UsageError('speech.needSpeakerOrUnit');
    const summary = opts.summaryFile !== undefined ? readTextFile('--summary-file', opts.summaryFile) : checkPlainText('--summary', opts.summary!);
    const db = env.db();
    const heldOn = meetingDate(db, id);
    const speaker = opts.speaker ? resolvePerson(db, opts.speaker) : undefined;
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: heldOn }).id : (speaker?.unitId ?? null);
    const created = addSpeech(db, env.audit(), id, { speakerId: speaker?.id ?? null, unitId, kind, summary, ord: order }, { force: opts.force });
    env.info('speech.added', { ord: created.ord, id });
    if (env.format === 'json') env.json(listSpeeches(db, { meetingId: id }).find((s) => s.id === created.speechId));
  });

  const list = cli
    .command(speech, 'list [meeting]', 'cmd.speech.list', ['thuky speech list 1', 'thuky speech list --unit "ben nghe" --period 2017 --json'])
    .option('--unit <unit>', cli.t('cmd.speech.opt.listUnit'))
    .option('--period <period>', cli.t('cmd.meeting.opt.listPeriod'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.speech.opt.kind'), SPEECH_KINDS));
  withFileOptions(list, cli.t);
  cli.action<{ unit?: string; period?: string; kind?: string }>(list, (env, opts, idArg?: string) => {
    const meetingId = idArg !== undefined ? parseMeetingId(idArg) : undefined;
    const period = opts.period !== undefined ? env.period('--period', opts.period) : undefined;
    const kind = opts.kind ? checkSpeechKind(opts.kind) : undefined;
    const format = env.format;
    const db = env.readDb();
    if (meetingId !== undefined) meetingDate(db, meetingId);
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: period?.to ?? env.today() }).id : undefined;
    const rows = listSpeeches(db, { meetingId, unitId, from: period?.from, to: period?.to }).filter((s) => !kind || s.kind === kind);
    const columns: Column<SpeechListRow>[] = [
      { key: 'meetingId', label: 'meeting.col.meeting', type: 'number', priority: 1 },
      { key: 'heldOn', label: 'col.date', type: 'date', priority: 2 },
      { key: 'ord', label: 'meeting.col.ord', type: 'number', priority: 1 },
      { key: 'kind', label: 'col.kind', display: (r) => (format === 'tsv' || format === 'csv' ? r.kind : env.t(`speech.kind.${r.kind}`)), priority: 3 },
      { key: 'speakerName', label: 'meeting.col.speaker', priority: 2, minWidth: 14 },
      { key: 'unitName', label: 'col.unit', priority: 2, minWidth: 14 },
      { key: 'summary', label: 'meeting.col.summary', display: (r) => (format === 'table' ? r.summary.replace(/\s*\n\s*/g, ' ') : r.summary), priority: 1, minWidth: 20, maxWidth: 70 },
      { key: 'illustrative', label: 'meeting.col.illustrative', type: 'bool', priority: 5 },
    ];
    return env.list(rows, columns, format);
  });
}

/** A text file given on the command line: must be readable UTF-8 text (a BOM is dropped). */
export function readTextFile(field: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError('input.fileUnreadable', { field, path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError('input.notUtf8', { field, path });
  }
  text = text.replace(/^\uFEFF/, '');
  const control = findControlChar(text);
  if (control) throw new UsageError('text.controlCharsFile', { field, path, ...control });
  return text;
}

/** A summary typed on the command line follows the rule a summary file does: plain text only. */
export function checkPlainText(field: string, text: string): string {
  const control = findControlChar(text);
  if (control) throw new UsageError('text.controlChars', { field, ...control });
  return text;
}
