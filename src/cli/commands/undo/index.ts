/** thuky undo [ID] [--list]: revert a command's changes from the change log. */
import type { Command } from 'commander';
import type { Column } from '../../../render/output.js';
import { applyUndo, latestUndoable, listRuns, planUndo, type CommandRun, type UndoPlan, type UndoStep } from '../../../store/undo.js';
import { confirmChange } from '../../confirm.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';

export function registerUndo(program: Command, cli: Cli): void {
  const cmd = cli
    .command(program, 'undo [run]', 'cmd.undo', ['thuky undo', 'thuky undo --list', 'thuky undo 12 -y'])
    .option('--list', cli.t('cmd.undo.opt.list'))
    .option('--limit <n>', cli.t('cmd.undo.opt.limit'));
  cli.action<{ list?: boolean; limit?: string }>(cmd, async (env, opts, id?: string) => {
    if (opts.list) {
      if (id !== undefined) throw new UsageError('input.conflict', { a: '--list', b: id });
      return listUndoable(env, env.int('--limit', opts.limit, 1, 1_000_000) ?? 20);
    }
    const runId = id === undefined ? undefined : env.int('ID', id, 1, Number.MAX_SAFE_INTEGER)!;
    const db = env.db();
    const target = runId ?? latestUndoable(db)?.id;
    if (target === undefined) throw new UsageError('undo.nothing');
    const plan = planUndo(db, target);
    const json = env.format === 'json';
    if (!json) env.print(planText(env, plan));
    let go: boolean;
    try {
      go = await confirmChange(env, 'undo.q.confirm', runParams(env, plan.run), 'undo.needsYes');
    } catch (err) {
      if (json) env.json({ run: runJson(plan.run), steps: plan.steps, done: false });
      throw err;
    }
    if (!go) {
      if (json) env.json({ run: runJson(plan.run), steps: plan.steps, done: false });
      env.info('undo.cancelled');
      return 0;
    }
    const done = applyUndo(db, env.audit(), target);
    if (json) env.json({ run: runJson(done.run), steps: done.steps, done: true });
    env.info('undo.done', { ...runParams(env, done.run), rows: done.steps.length });
  });
}

function runParams(env: Env, run: CommandRun) {
  return { id: run.id, command: commandLine(run), at: stamp(run.at), user: run.user };
}

function runJson(run: CommandRun) {
  return { id: run.id, at: run.at, user: run.user, command: run.command, args: run.args, undoes: run.undoes, undoneBy: run.undoneBy };
}

/** The command line as typed, without the database path (the same for every line). */
function commandLine(run: CommandRun): string {
  if (!run.args) return run.command;
  const args: string[] = [];
  for (let i = 0; i < run.args.length; i++) {
    if (run.args[i] === '--db') {
      i++;
      continue;
    }
    if (run.args[i].startsWith('--db=')) continue;
    args.push(/[\s"'$`\\]/.test(run.args[i]) || run.args[i] === '' ? JSON.stringify(run.args[i]) : run.args[i]);
  }
  return args.join(' ');
}

/** 2026-12-01T14:25:35.750Z → 01/12/2026 21:25 (Vietnam time). */
function stamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The table a reference column points to, where its name does not say. */
const REFERENCED: Record<string, string> = { group_id: 'task_group', parent_id: 'unit', successor_id: 'unit', speaker_id: 'person', owner_id: 'person', organizer_id: 'unit', recorder_id: 'person' };

/** Reference columns that repeat what another reference says (a task event's unit is its task's). */
const DERIVED: Record<string, string[]> = { task_event: ['unit_id'] };

/** The words a row is known by: its title, name, code or text, cut short. */
function rowLabel(env: Env, tbl: string, row: Record<string, unknown>): string {
  for (const key of ['title', 'full_name', 'name', 'code', 'summary', 'text', 'reason']) {
    const v = row[key];
    if (typeof v === 'string' && v.trim()) return v.length > 70 ? `${v.slice(0, 69)}…` : v;
  }
  // Rows of a link or history table: what they belong to.
  const refs = Object.entries(row).filter(([k, v]) => k.endsWith('_id') && v !== null && !DERIVED[tbl]?.includes(k));
  return refs.map(([k, v]) => `${env.t(`table.${REFERENCED[k] ?? k.slice(0, -3)}`)} #${v}`).join(', ') + (typeof row.kind === 'string' ? ` (${row.kind})` : '');
}

const SHOWN_PER_GROUP = 20;

export function planText(env: Env, plan: UndoPlan): string {
  const lines = [env.t('undo.plan.header', runParams(env, plan.run))];
  const groups = new Map<string, UndoStep[]>();
  for (const s of plan.steps) {
    const key = `${s.action}\u0000${s.tbl}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const steps of groups.values()) {
    const { action, tbl } = steps[0];
    lines.push(`  ${env.t(`undo.action.${action}`, { n: steps.length, table: env.t(`table.${tbl}`) })}`);
    for (const s of steps.slice(0, SHOWN_PER_GROUP)) {
      const key = Object.values(s.pk).join('/');
      const label = rowLabel(env, tbl, s.row);
      lines.push(`    #${key}${label ? ` ${label}` : ''}`);
    }
    if (steps.length > SHOWN_PER_GROUP) lines.push(`    ${env.t('undo.plan.more', { n: steps.length - SHOWN_PER_GROUP })}`);
  }
  return lines.join('\n');
}

function listUndoable(env: Env, limit: number) {
  const runs = listRuns(env.readDb(), limit);
  const rows = runs.map((r) => ({
    ...runJson(r),
    commandLine: commandLine(r),
    when: stamp(r.at),
    rows: r.inserted + r.updated + r.deleted,
    state: r.undoneBy !== null ? env.t('undo.state.undone', { by: r.undoneBy }) : r.undoes !== null ? env.t('undo.state.undoOf', { id: r.undoes }) : '',
  }));
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'id', label: 'col.id', type: 'number' },
    { key: 'at', label: 'col.at', display: (r) => (env.format === 'table' ? r.when : r.at) },
    { key: 'user', label: 'col.user' },
    { key: 'command', label: 'col.command', display: (r) => r.commandLine },
    { key: 'rows', label: 'undo.col.rows', type: 'number' },
    { key: 'state', label: 'undo.col.state' },
  ];
  if (env.format === 'json') return env.json(rows.map(({ commandLine: _c, when: _w, state: _s, ...r }) => r));
  if (!rows.length) env.info('undo.noRuns');
  return env.list(rows, columns);
}
