/** thuky meeting close */
import type { Command } from 'commander';
import { closeMeeting } from '../../../store/meetings/write.js';
import type { Cli } from '../../program.js';
import { parseMeetingId } from './shared.js';

export function registerClose(meeting: Command, cli: Cli) {
  const cmd = cli.command(meeting, 'close <meeting>', 'cmd.meeting.close', ['thuky meeting close 1']);
  cli.action(cmd, (env, _opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const closedNow = closeMeeting(env.db(), env.audit(), id);
    env.info(closedNow ? 'meeting.closed' : 'meeting.alreadyClosed', { id });
  });
}
