/** thuky meeting attendance */
import type { Command } from 'commander';
import { setAttendance } from '../../../store/meetings/write.js';
import { resolveUnit } from '../../../store/units.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { meetingDate, parseMeetingId } from './shared.js';

export function registerAttendance(meeting: Command, cli: Cli) {
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
