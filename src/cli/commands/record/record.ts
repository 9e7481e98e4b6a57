/**
 * `meeting record` / `minutes`: runs the question flow on a draft and saves the meeting in one
 * transaction. Loaded with `await import()` so that other commands never pay for the prompts.
 */
import { preloadTerminalText } from '../../../render/fit.js';
import { isPromptInterrupt, type Prompter } from '../../../prompts/prompter.js';
import { answerCount, type Answers, type CollectedMinutes, type PersonRef } from '../../../prompts/minutes/answers.js';
import { runMinutesFlow } from '../../../prompts/minutes/script.js';
import { minutesLookups } from './lookups.js';
import type { Audit } from '../../../store/changelog.js';
import type { Db } from '../../../store/db.js';
import { hostname } from 'node:os';
import { createDraft, deleteDraft, getDraft, listDrafts, lockDraft, saveDraft, touchDraftLock, unlockDraft } from '../../../store/drafts.js';
import { createMeeting } from '../../../store/meetings/write.js';
import type { CreatedMeeting } from '../../../store/meetings/kinds.js';
import { addPerson, getPerson } from '../../../store/people.js';
import type { Env } from '../../env.js';
import { NotFoundError, UsageError } from '../../../errors.js';
import { DRAFT_KIND, localStamp, lockIsStale, type MinutesDraftData } from './draft-summary.js';
import { writeTransaction } from '../../../store/transaction.js';

const HEARTBEAT_MS = 15_000;

export async function recordMinutes(env: Env, resume: string | true | undefined): Promise<number> {
  const { ctx } = env;
  // Refuse before anything is opened or written: a pipe cannot answer questions.
  if (!ctx.stdinIsTTY || !ctx.stdout.isTTY) throw new UsageError('record.notTty');
  const db = env.db();
  const today = env.today();

  let draftId: number | undefined;
  let answers: Answers = {};
  // One session per draft: the draft is locked while it is answered, the lock renewed while the session lives.
  const me = () => ({ pid: process.pid, host: hostname(), at: ctx.now().toISOString() });
  let heartbeat: NodeJS.Timeout | undefined;
  const takeLock = (id: number) => {
    const got = lockDraft(db, me(), id, (lock) => lockIsStale(lock, ctx.now()));
    if (!got.ok) throw new UsageError('record.draftInUse', { id, pid: got.holder.pid, host: got.holder.host, since: localStamp(got.holder.startedAt, env.lang) });
    if (got.takenOver) env.info('record.lockTakenOver', { id, pid: got.takenOver.pid, host: got.takenOver.host, seen: localStamp(got.takenOver.heartbeatAt, env.lang) });
    heartbeat = setInterval(() => touchDraftLock(db, me(), id), HEARTBEAT_MS);
    heartbeat.unref();
  };
  const releaseLock = () => {
    if (heartbeat) clearInterval(heartbeat);
    if (draftId !== undefined) unlockDraft(db, me(), draftId);
  };
  if (resume !== undefined) {
    const draft =
      resume === true
        ? listDrafts<MinutesDraftData>(db, DRAFT_KIND)[0]
        : getDraft<MinutesDraftData>(db, env.int('--resume', resume, 1, Number.MAX_SAFE_INTEGER)!);
    if (!draft || draft.kind !== DRAFT_KIND) {
      if (resume === true) throw new NotFoundError('record.nothingToResume');
      throw new NotFoundError('record.draftNotFound', { id: resume });
    }
    draftId = draft.id;
    answers = draft.data.answers ?? {};
    takeLock(draft.id);
    env.info('record.resuming', { id: draft.id, answers: answerCount(answers) });
  } else {
    const waiting = listDrafts(db, DRAFT_KIND);
    if (waiting.length) env.info('record.draftsWaiting', { n: waiting.length, id: waiting[0].id });
  }

  const persist = (a: Answers) => {
    const data: MinutesDraftData = { version: 1, answers: a };
    if (draftId === undefined) {
      draftId = createDraft(db, env.audit(), DRAFT_KIND, data);
      takeLock(draftId);
    } else saveDraft(db, draftId, data, env.audit().at);
  };

  // The session fits its lines to the terminal with the one display-width tool (also under --wide).
  await preloadTerminalText();
  const prompter: Prompter = ctx.prompter ?? (await (await import('../../../prompts/inquirer.js')).inquirerPrompter({ t: env.t }));
  let outcome;
  try {
    outcome = await runMinutesFlow({ lookups: minutesLookups(db, () => env.audit()), prompter, t: env.t, lang: env.lang, today, persist, resumed: resume !== undefined, rows: ctx.stdout.rows, columns: ctx.stdout.columns }, answers);
  } catch (err) {
    if (isPromptInterrupt(err) && draftId !== undefined) {
      ctx.stderr.write('\n');
      env.info('record.draftKept', { id: draftId });
    }
    throw err;
  } finally {
    prompter.close?.();
    releaseLock();
  }

  if (outcome.action === 'later') {
    if (draftId !== undefined) env.info('record.draftKept', { id: draftId });
    return 0;
  }
  if (outcome.action === 'openExisting') {
    // The meeting already saved is the one to go on with; this draft is kept or discarded as chosen.
    if (draftId !== undefined) {
      if (outcome.keepDraft) env.info('record.draftKept', { id: draftId });
      else {
        deleteDraft(db, env.audit(), draftId, 'discard');
        env.info('record.discarded', { id: draftId });
      }
    }
    env.info('record.openExisting', { id: outcome.meetingId });
    return 0;
  }
  if (outcome.action === 'discard') {
    if (draftId !== undefined) deleteDraft(db, env.audit(), draftId, 'discard');
    env.info('record.discarded', { id: draftId ?? '—' });
    return 0;
  }

  let created: CreatedMeeting;
  try {
    created = saveMinutes(db, env.audit(), outcome.minutes, draftId);
  } catch (err) {
    // Nothing was written; what was typed is still in the draft.
    if (draftId !== undefined) env.info('record.draftKept', { id: draftId });
    throw err;
  }
  const result = { ...created, draftId: draftId ?? null };
  await env.record(result, () =>
    [
      env.t('record.saved', { id: created.meetingId, speeches: outcome.minutes.speeches.length, conclusions: created.conclusionIds.length, tasks: created.taskIds.length }),
      env.t('record.howToPrint', { id: created.meetingId }),
    ].join('\n'),
  );
  return 0;
}

/**
 * One transaction: the people added during the session, then the meeting (createMeeting's own
 * transaction becomes a savepoint), then the draft is closed.
 */
export function saveMinutes(db: Db, audit: Audit, m: CollectedMinutes, draftId: number | undefined): CreatedMeeting {
  return writeTransaction(db, (): CreatedMeeting => {
    const ids = new Map<string, number>();
    for (const p of m.newPeople) ids.set(p.ref, addPerson(db, audit, { fullName: p.fullName, unitId: p.unitId, positions: p.positions }));
    const id = (ref: PersonRef): number => (typeof ref === 'number' ? ref : ids.get(ref)!);
    const absent = new Map(m.absent.map((a) => [a.unitId, a.reason]));
    const created = createMeeting(db, audit, {
      heldOn: m.heldOn,
      ...(m.organizerId !== undefined && { organizerId: m.organizerId }),
      title: m.title,
      kind: m.kind,
      period: m.period,
      location: m.location,
      startTime: m.startTime,
      endTime: m.endTime,
      recorderId: m.recorder === null ? null : id(m.recorder),
      chairIds: m.chairs.map(id),
      guestIds: m.guests.map(id),
      units: m.units.map((unitId) => ({ unitId, present: !absent.has(unitId), absentReason: absent.get(unitId) ?? null })),
      documentIds: m.documents,
      speeches: m.speeches.map((s) => {
        const speakerId = s.speaker === null ? null : id(s.speaker);
        const unitId = s.unitId ?? (speakerId !== null ? (getPerson(db, speakerId)?.unitId ?? null) : null);
        return { speakerId, unitId, kind: s.kind, summary: s.summary };
      }),
      conclusions: m.conclusions.map((c) => ({ text: c.text, assignUnitIds: c.unitIds, dueOn: c.dueOn })),
    });
    if (draftId !== undefined) deleteDraft(db, audit, draftId, 'complete', { meetingId: created.meetingId });
    return created;
  });
}
