/**
 * Corrections after saving: `speech edit/remove`, `meeting conclusion edit/remove`. Bad input is a
 * usage error (exit 2) before anything is written; closed minutes need --force.
 */
import { speechMeetingId } from '../../../store/meetings/list.js';
import type { Command } from 'commander';
import { formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { editConclusion, editSpeech, removeConclusion, removeSpeech, type SpeechPatch } from '../../../store/meeting-edits.js';
import { meetingRow } from '../../../store/meetings/write.js';
import { resolvePerson } from '../../../store/people.js';
import { resolveUnit } from '../../../store/units.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { parseMeetingId, readTextFile } from './shared.js';

function parsePositive(field: string, value: string): number {
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) throw new UsageError('input.badNumber', { field, value, min: 1, max: 999_999_999 });
  return Number(value);
}

export function registerCorrections(program: Command, meeting: Command, cli: Cli): void {
  const speech = program.commands.find((c) => c.name() === 'speech');
  if (speech) registerSpeechCorrections(speech, cli);
  const conclusion = cli.command(meeting, 'conclusion', 'cmd.meeting.conclusion', ['thuky meeting conclusion edit 1 2 --text "…"', 'thuky meeting conclusion remove 1 4 --cancel-tasks --reason "gộp vào kết luận 3"']);
  registerConclusionCorrections(conclusion, cli);
}

export function registerSpeechCorrections(speech: Command, cli: Cli): void {
  const edit = cli
    .command(speech, 'edit <speech>', 'cmd.speech.edit', ['thuky speech edit 5 --summary "Ý kiến đã sửa"', 'thuky speech edit 5 --unit "ben nghe" --kind phat-bieu --order 2'])
    .option('--speaker <person>', cli.t('cmd.speech.opt.speaker'))
    .option('--unit <unit>', cli.t('cmd.speech.opt.unit'))
    .option('--kind <kind>', cli.t('cmd.speech.opt.kind'))
    .option('--order <n>', cli.t('cmd.speech.opt.order'))
    .option('--summary <text>', cli.t('cmd.speech.opt.summary'))
    .option('--summary-file <file>', cli.t('cmd.speech.opt.summaryFile'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ speaker?: string; unit?: string; kind?: string; order?: string; summary?: string; summaryFile?: string; force?: boolean }>(edit, (env, opts, idArg: string) => {
    const id = parsePositive('speech', idArg);
    if (opts.summary !== undefined && opts.summaryFile !== undefined) throw new UsageError('input.conflict', { a: '--summary', b: '--summary-file' });
    const patch: SpeechPatch = {};
    if (opts.order !== undefined) patch.ord = parsePositive('--order', opts.order);
    if (opts.kind !== undefined) patch.kind = opts.kind;
    if (opts.summary !== undefined) patch.summary = opts.summary;
    if (opts.summaryFile !== undefined) patch.summary = readTextFile('--summary-file', opts.summaryFile);
    if (!Object.keys(patch).length && opts.speaker === undefined && opts.unit === undefined) throw new UsageError('edit.nothingGiven', { flags: '--speaker, --unit, --kind, --summary, --summary-file, --order' });
    const db = env.db();
    const meetingId = speechMeetingId(db, id);
    if (meetingId === undefined) throw new UsageError('lookup.idNotFound', { entity: 'speech', id });
    const heldOn = meetingRow(db, meetingId).heldOn;
    if (opts.speaker !== undefined) patch.speakerId = resolvePerson(db, opts.speaker).id;
    if (opts.unit !== undefined) patch.unitId = resolveUnit(db, opts.unit, { at: heldOn }).id;
    const after = editSpeech(db, env.audit(), id, patch, { force: opts.force });
    env.info('speech.edited', { id, ord: after.ord, meeting: after.meetingId });
    if (env.format === 'json') env.json(after);
  });

  const remove = cli
    .command(speech, 'remove <speech>', 'cmd.speech.remove', ['thuky speech remove 6'])
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ force?: boolean }>(remove, (env, opts, idArg: string) => {
    const id = parsePositive('speech', idArg);
    const removed = removeSpeech(env.db(), env.audit(), id, { force: opts.force });
    env.info('speech.removed', { id, ord: removed.ord, meeting: removed.meetingId });
    if (env.format === 'json') env.json(removed);
  });
}

export function registerConclusionCorrections(conclusion: Command, cli: Cli): void {
  const edit = cli
    .command(conclusion, 'edit <meeting> <n>', 'cmd.meeting.conclusion.edit', ['thuky meeting conclusion edit 1 2 --text "Mỗi phường đăng ký một khâu đột phá"', 'thuky meeting conclusion edit 1 2 --due 31/10/2017'])
    .option('--text <text>', cli.t('cmd.meeting.opt.text'))
    .option('--due <date>', cli.t('cmd.meeting.conclusion.opt.due'))
    .option('--within <duration>', cli.t('cmd.meeting.opt.within'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ text?: string; due?: string; within?: string; force?: boolean }>(edit, (env, opts, meetingArg: string, nArg: string) => {
    const meetingId = parseMeetingId(meetingArg);
    const n = parsePositive('<n>', nArg);
    if (opts.due !== undefined && opts.within !== undefined) throw new UsageError('input.conflict', { a: '--due', b: '--within' });
    if (opts.text === undefined && opts.due === undefined && opts.within === undefined) throw new UsageError('edit.nothingGiven', { flags: '--text, --due, --within' });
    const due = opts.due !== undefined ? env.date('--due', opts.due) : undefined;
    if (opts.within !== undefined) env.duration('--within', opts.within);
    const db = env.db();
    const heldOn = meetingRow(db, meetingId).heldOn;
    // Counted from the meeting day; a time limit outside the calendar is refused (exit 2).
    const dueOn: IsoDate | undefined = due ?? (opts.within !== undefined ? env.dateAfter('--within', opts.within, heldOn) : undefined);
    const r = editConclusion(db, env.audit(), meetingId, n, { ...(opts.text !== undefined && { text: opts.text }), ...(dueOn !== undefined && { dueOn }) }, { force: opts.force });
    env.info(r.taskIds.length ? 'conclusion.editedWithTasks' : 'conclusion.edited', { n, meeting: meetingId, tasks: r.taskIds.length, due: dueOn ? formatDateVi(dueOn) : '' });
    if (env.format === 'json') env.json({ meetingId, ord: n, ...r, dueOn: dueOn ?? null });
  });

  const remove = cli
    .command(conclusion, 'remove <meeting> <n>', 'cmd.meeting.conclusion.remove', ['thuky meeting conclusion remove 1 4', 'thuky meeting conclusion remove 1 4 --cancel-tasks --reason "gộp vào kết luận 3"'])
    .option('--cancel-tasks', cli.t('cmd.meeting.conclusion.opt.cancelTasks'))
    .option('--reason <text>', cli.t('cmd.meeting.conclusion.opt.reason'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ cancelTasks?: boolean; reason?: string; force?: boolean }>(remove, (env, opts, meetingArg: string, nArg: string) => {
    const meetingId = parseMeetingId(meetingArg);
    const n = parsePositive('<n>', nArg);
    if (opts.cancelTasks && !opts.reason?.trim()) throw new UsageError('conclusion.cancelNeedsReason');
    if (opts.reason !== undefined && !opts.cancelTasks) throw new UsageError('conclusion.reasonNeedsCancel');
    const r = removeConclusion(env.db(), env.audit(), meetingId, n, {
      force: opts.force,
      ...(opts.cancelTasks && { cancelTasks: { on: env.today(), reason: opts.reason! } }),
    });
    env.info(r.cancelledTaskIds.length ? 'conclusion.removedWithTasks' : 'conclusion.removed', { n, meeting: meetingId, tasks: r.cancelledTaskIds.length });
    if (env.format === 'json') env.json({ meetingId, ord: n, ...r });
  });
}
