/** thuky meeting conclude */
import type { Command } from 'commander';
import { formatDateVi } from '../../../domain/dates.js';
import { addConclusion } from '../../../store/meetings/write.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { meetingDate, organizerOf, parseMeetingId, resolveUnits } from './shared.js';

export function registerConclude(meeting: Command, cli: Cli) {
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
