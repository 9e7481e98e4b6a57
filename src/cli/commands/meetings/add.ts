/** thuky meeting add */
import type { Command } from 'commander';
import { formatDateVi } from '../../../domain/dates.js';
import { createMeeting, defaultOrganizer } from '../../../store/meetings/write.js';
import { requireMeeting } from '../../../store/meetings/detail.js';
import { MEETING_KINDS, type MeetingKind } from '../../../store/meetings/kinds.js';
import { resolvePerson } from '../../../store/people.js';
import { resolveUnit } from '../../../store/units.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { parseTimeOption, resolveDocs, resolvePeople, resolveUnits } from './shared.js';

export interface AddOpts {
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

export function registerAdd(meeting: Command, cli: Cli) {
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
    const period = opts.period !== undefined ? env.period('--period', opts.period, heldOn).code : undefined;
    const startTime = parseTimeOption('--start', opts.start);
    const endTime = parseTimeOption('--end', opts.end);
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
      kind: (opts.kind ?? 'giao-ban') as MeetingKind,
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
