/**
 * The interactive minutes session (`meeting record`, also `minutes`) and its drafts
 * (`meeting drafts`). The prompts are loaded only inside these actions.
 */
import type { Command } from 'commander';
import type { Column } from '../../../render/output.js';
import { nextQuestion } from '../../../prompts/minutes/script.js';
import { minutesLookups } from './lookups.js';
import { deleteDraft, getDraft, getDraftLock, listDraftLocks, listDrafts } from '../../../store/drafts.js';
import type { Env } from '../../env.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import type { Parents } from '../index.js';
import { DRAFT_KIND, draftSummary, localStamp, lockIsStale, type MinutesDraftData } from './draft-summary.js';

interface RecordOptions {
  resume?: string | true;
}

export function registerRecord(program: Command, cli: Cli, parents: Parents): void {
  const declare = (cmd: Command) => {
    cmd.option('--resume [draft]', cli.t('cmd.meeting.record.opt.resume'));
    cli.action<RecordOptions>(cmd, async (env, opts) => {
      const { recordMinutes } = await import('./record.js');
      return recordMinutes(env, opts.resume);
    });
  };
  declare(
    cli.command(parents.meeting, 'record', 'cmd.meeting.record', [
      'thuky meeting record',
      'thuky meeting record --resume',
      'thuky meeting record --resume 3 --db ./quan1.db',
    ]),
  );
  declare(cli.command(program, 'minutes', 'cmd.minutes', ['thuky minutes', 'thuky minutes --resume']));

  const drafts = cli
    .command(parents.meeting, 'drafts', 'cmd.meeting.drafts', ['thuky meeting drafts', 'thuky meeting drafts --json', 'thuky meeting drafts --discard 3 --yes'])
    .option('--discard <draft>', cli.t('cmd.meeting.drafts.opt.discard'));
  cli.action<{ discard?: string }>(drafts, (env, opts) => (opts.discard !== undefined ? discardDraft(env, opts.discard) : listMinutesDrafts(env)));
}

type DraftListRow = ReturnType<typeof draftSummary> & {
  id: number;
  createdAt: string;
  updatedAt: string;
  nextQuestion: string | null;
  /** The session answering it now, if any. */
  inUse: { pid: number; host: string; since: string; heartbeatAt: string } | null;
};

async function listMinutesDrafts(env: Env): Promise<void> {
  const db = env.readDb();
  const today = env.today();
  const rows: DraftListRow[] = [];
  const locks = new Map(listDraftLocks(db).filter((l) => !lockIsStale(l, env.ctx.now())).map((l) => [l.draftId, l]));
  for (const d of listDrafts<MinutesDraftData>(db, DRAFT_KIND)) {
    const next = await nextQuestion(minutesLookups(db), env.t, env.lang, today, d.data.answers ?? {});
    const lock = locks.get(d.id);
    const inUse = lock ? { pid: lock.pid, host: lock.host, since: lock.startedAt, heartbeatAt: lock.heartbeatAt } : null;
    rows.push({ id: d.id, createdAt: d.createdAt, updatedAt: d.updatedAt, ...draftSummary(d.data), nextQuestion: next, inUse });
  }
  // On a narrow terminal the title and the next question wrap; counts and timestamps are left out first (named, --wide shows them).
  const columns: Column<DraftListRow>[] = [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'updatedAt', label: 'record.col.updatedAt', type: 'datetime', priority: 3 },
    { key: 'heldOn', label: 'record.col.heldOn', type: 'date', priority: 1 },
    { key: 'title', label: 'record.col.title', priority: 1, minWidth: 14, maxWidth: 50 },
    { key: 'answers', label: 'record.col.answers', type: 'number', priority: 4 },
    { key: 'speeches', label: 'record.col.speeches', type: 'number', priority: 2 },
    { key: 'conclusions', label: 'record.col.conclusions', type: 'number', priority: 3 },
    { key: 'nextQuestion', label: 'record.col.nextQuestion', priority: 1, minWidth: 12, maxWidth: 40 },
    {
      key: 'inUse',
      label: 'record.col.inUse',
      display: (r) => (r.inUse ? env.t('record.inUseBy', { pid: r.inUse.pid, host: r.inUse.host, since: localStamp(r.inUse.since, env.lang) }) : ''),
      priority: 2,
      minWidth: 12,
    },
    { key: 'createdAt', label: 'record.col.createdAt', type: 'datetime', priority: 5 },
  ];
  if (!rows.length && env.format !== 'json') env.info('record.noDrafts');
  await env.list(rows, columns);
}

async function discardDraft(env: Env, value: string): Promise<number> {
  const id = env.int('--discard', value, 1, Number.MAX_SAFE_INTEGER)!;
  const db = env.db();
  const draft = getDraft<MinutesDraftData>(db, id);
  if (!draft || draft.kind !== DRAFT_KIND) throw new NotFoundError('record.draftNotFound', { id });
  // A draft being answered in another terminal is not pulled from under it.
  const lock = getDraftLock(db, id);
  if (lock && !lockIsStale(lock, env.ctx.now())) throw new UsageError('record.draftInUse', { id, pid: lock.pid, host: lock.host, since: localStamp(lock.startedAt, env.lang) });
  if (!env.globals.yes) {
    if (!env.ctx.stdinIsTTY || !env.ctx.stdout.isTTY) throw new UsageError('record.discardNeedsYes', { id });
    const prompter = env.ctx.prompter ?? (await (await import('../../../prompts/inquirer.js')).inquirerPrompter({ t: env.t }));
    const s = draftSummary(draft.data);
    let ok: boolean;
    try {
      ok = await prompter.confirm({ message: env.t('record.q.discardDraft', { id, title: s.title || '—', answers: s.answers }), default: false });
    } finally {
      prompter.close?.();
    }
    if (!ok) {
      env.info('record.discardCancelled', { id });
      return 0;
    }
  }
  deleteDraft(db, env.audit(), id, 'discard');
  env.info('record.discarded', { id });
  return 0;
}
