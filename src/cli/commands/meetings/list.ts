/** thuky meeting list */
import type { Command } from 'commander';
import type { Column } from '../../../render/output.js';
import { resolveDocument } from '../../../store/documents.js';
import { checkMeetingKind, MEETING_KINDS } from '../../../store/meetings/kinds.js';
import { listMeetings, type MeetingListRow } from '../../../store/meetings/list.js';
import { resolveUnit } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';

export function registerList(meeting: Command, cli: Cli) {
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
