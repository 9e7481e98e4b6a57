/** thuky meeting show */
import type { Command } from 'commander';
import { sanitizeForTerminal } from '../../../domain/text.js';
import { requireMeeting } from '../../../store/meetings/detail.js';
import { rowIdentity } from '../../../store/versions.js';
import type { Cli } from '../../program.js';
import { parseMeetingId } from './shared.js';
import { meetingText } from './show.js';

export function registerShow(meeting: Command, cli: Cli) {
  const cmd = cli
    .command(meeting, 'show <meeting>', 'cmd.meeting.show', ['thuky meeting show 1', 'thuky meeting show 1 --as-of 31/12/2017 --json'])
    .option('--as-of <date>', cli.t('opt.asOf'));
  cli.action<{ asOf?: string }>(cmd, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const asOf = env.today(opts.asOf);
    const db = env.readDb();
    const m = requireMeeting(db, id, { asOf });
    // The uid, and the version an edit can name (--if-version) to be refused if someone changed the meeting since.
    return env.record({ ...m, ...rowIdentity(db, 'meeting', id) }, () => sanitizeForTerminal(meetingText(env, m)));
  });
}
