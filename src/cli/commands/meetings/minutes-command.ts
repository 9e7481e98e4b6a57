/** thuky meeting minutes */
import type { Command } from 'commander';
import { requireMeeting } from '../../../store/meetings/detail.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { parseMeetingId } from './shared.js';

export function registerMinutes(meeting: Command, cli: Cli) {
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
