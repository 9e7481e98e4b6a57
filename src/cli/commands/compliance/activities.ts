/** thuky activity add | list */
import type { Command } from 'commander';
import { ACTIVITY_KINDS, type ActivityKind } from '../../../domain/compliance.js';
import { formatDateVi } from '../../../domain/dates.js';
import type { Column } from '../../../render/output.js';
import { addActivity, getActivity, listActivities, type Activity } from '../../../store/activities.js';
import { resolveUnit } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { registerActivityEdit, registerRemove } from '../edit/index.js';
import { rowIdentity } from '../../../store/versions.js';


function parseKind(value: string | undefined): ActivityKind | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (!(ACTIVITY_KINDS as readonly string[]).includes(v)) throw new UsageError('input.badChoice', { field: '--kind', value, accepted: ACTIVITY_KINDS.join(', ') });
  return v as ActivityKind;
}

export function registerActivities(program: Command, cli: Cli): void {
  const activity = cli.command(program, 'activity', 'cmd.activity', ['thuky activity list --unit "pham ngu lao" --period 2017']);

  const add = cli
    .command(activity, 'add', 'cmd.activity.add', ['thuky activity add --unit "ben nghe" --date 02/10/2017 --kind chao-co --title "Chào cờ đầu tuần" --participants 45'])
    .requiredOption('--unit <unit>', cli.t('cmd.activity.opt.unit'))
    .requiredOption('--date <date>', cli.t('cmd.activity.opt.date'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.activity.opt.kind'), ACTIVITY_KINDS).makeOptionMandatory())
    .requiredOption('--title <text>', cli.t('cmd.activity.opt.title'))
    .option('--participants <n>', cli.t('cmd.activity.opt.participants'));
  add.addHelpText('after', `\n${cli.t('activity.kindsHelp')}\n`);
  cli.action<{ unit: string; date: string; kind: string; title: string; participants?: string }>(add, (env, opts) => {
    const kind = parseKind(opts.kind)!;
    const heldOn = env.date('--date', opts.date);
    const participants = env.int('--participants', opts.participants, 0, 1_000_000) ?? null;
    const db = env.db();
    const unit = resolveUnit(db, opts.unit, { at: heldOn });
    const id = addActivity(db, env.audit(), { unitId: unit.id, heldOn, kind, title: opts.title, participants });
    env.info('activity.added', { id, unit: unit.name, date: formatDateVi(heldOn), kind: env.t(`activity.kind.${kind}`) });
    // The uid, and the version an edit can name (--if-version).
    if (env.format === 'json') env.json({ ...getActivity(db, id), ...rowIdentity(db, 'activity', id) });
  });

  const list = cli
    .command(activity, 'list', 'cmd.activity.list', ['thuky activity list --unit "pham ngu lao" --period 2017', 'thuky activity list --period 2017-Q2 --kind ke-chuyen --json'])
    .option('--unit <unit>', cli.t('cmd.activity.opt.unit'))
    .option('--period <period>', cli.t('cmd.activity.opt.period'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.activity.opt.kind'), ACTIVITY_KINDS));
  withFileOptions(list, cli.t);
  cli.action<{ unit?: string; period?: string; kind?: string }>(list, (env, opts) => {
    const kind = parseKind(opts.kind);
    const period = opts.period !== undefined ? env.period('--period', opts.period) : undefined;
    const db = env.readDb();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: period?.to ?? env.today() }).id : undefined;
    return env.list(listActivities(db, { unitId, from: period?.from, to: period?.to, kind }), activityColumns(env));
  });
  registerActivityEdit(activity, cli);
  registerRemove(activity, cli, 'activity');
}

function activityColumns(env: Env): Column<Activity>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'heldOn', label: 'col.date', type: 'date', priority: 1 },
    { key: 'unitName', label: 'col.unit', priority: 1, minWidth: 14 },
    { key: 'kind', label: 'compliance.col.activityKind', display: (a) => env.t(`activity.kind.${a.kind}`), priority: 2 },
    { key: 'title', label: 'compliance.col.activityTitle', priority: 1, minWidth: 18 },
    { key: 'participants', label: 'compliance.col.participants', type: 'number', priority: 4 },
  ];
}
