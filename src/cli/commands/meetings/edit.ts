/** thuky meeting edit */
import type { Command } from 'commander';
import { sanitizeForTerminal } from '../../../domain/text.js';
import { requireMeeting } from '../../../store/meetings/detail.js';
import { MEETING_KINDS, type MeetingKind } from '../../../store/meetings/kinds.js';
import { editMeeting, type MeetingPatch } from '../../../store/meetings/write.js';
import { resolvePerson } from '../../../store/people.js';
import { resolveUnit } from '../../../store/units.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import type { AddOpts } from './add.js';
import { meetingDate, organizerOf, parseMeetingId, parseTimeOption, resolveDocs, resolvePeople, resolveUnits } from './shared.js';
import { meetingText } from './show.js';

interface EditOpts extends Partial<AddOpts> {
  uninvite?: string[];
  removeDoc?: string[];
  force?: boolean;
  ifVersion?: string;
}

export function registerEdit(meeting: Command, cli: Cli) {
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
    .option('--force', cli.t('cmd.meeting.opt.force'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<EditOpts>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const ifVersion = env.int('--if-version', opts.ifVersion, 1, Number.MAX_SAFE_INTEGER);
    const heldOnPatch = opts.date !== undefined ? env.date('--date', opts.date) : undefined;
    const startTime = opts.start !== undefined ? parseTimeOption('--start', opts.start) : undefined;
    const endTime = opts.end !== undefined ? parseTimeOption('--end', opts.end) : undefined;
    const db = env.db();
    const heldOn = heldOnPatch ?? meetingDate(db, id);
    const organizerId = opts.organizer !== undefined ? resolveUnit(db, opts.organizer, { at: heldOn }).id : undefined;
    const patch: MeetingPatch = {
      ...(heldOnPatch !== undefined && { heldOn: heldOnPatch }),
      ...(opts.title !== undefined && { title: opts.title }),
      ...(opts.kind !== undefined && { kind: opts.kind as MeetingKind }),
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
    editMeeting(db, env.audit(), id, patch, { force: opts.force, ifVersion });
    env.info(opts.force ? 'meeting.editedForced' : 'meeting.edited', { id });
    const m = requireMeeting(db, id, { asOf: env.today() });
    return env.record(m, () => sanitizeForTerminal(meetingText(env, m)));
  });
}
