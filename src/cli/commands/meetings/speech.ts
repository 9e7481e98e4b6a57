/** thuky speech add | list */
import type { Command } from 'commander';
import type { Column } from '../../../render/output.js';
import { checkSpeechKind, SPEECH_KINDS, type SpeechKind } from '../../../store/meetings/kinds.js';
import { listSpeeches, type SpeechListRow } from '../../../store/meetings/list.js';
import { addSpeech } from '../../../store/meetings/write.js';
import { resolvePerson } from '../../../store/people.js';
import { resolveUnit } from '../../../store/units.js';
import { UsageError } from '../../../errors.js';
import { withFileOptions } from '../../output-file.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { checkPlainText, meetingDate, parseMeetingId, readTextFile } from './shared.js';

export function registerSpeech(program: Command, cli: Cli) {
  const speech = cli.command(program, 'speech', 'cmd.speech', ['thuky speech list 1', 'thuky speech list --unit "ben nghe" --period 2017']);
  const add = cli
    .command(speech, 'add <meeting>', 'cmd.speech.add', [
      'thuky speech add 1 --unit "ben nghe" --kind tham-luan --summary "Gắn Chỉ thị 05 với xây dựng tiêu chí công sở"',
      'thuky speech add 1 --speaker "huynh thanh hai" --kind ket-luan --summary-file ket-luan.txt',
    ])
    .option('--speaker <person>', cli.t('cmd.speech.opt.speaker'))
    .option('--unit <unit>', cli.t('cmd.speech.opt.unit'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.speech.opt.kind'), SPEECH_KINDS).makeOptionMandatory())
    .option('--order <n>', cli.t('cmd.speech.opt.order'))
    .option('--summary <text>', cli.t('cmd.speech.opt.summary'))
    .option('--summary-file <file>', cli.t('cmd.speech.opt.summaryFile'))
    .option('--force', cli.t('cmd.meeting.opt.force'));
  cli.action<{ speaker?: string; unit?: string; kind: string; order?: string; summary?: string; summaryFile?: string; force?: boolean }>(add, (env, opts, idArg: string) => {
    const id = parseMeetingId(idArg);
    const order = env.int('--order', opts.order, 1, 100_000);
    if (opts.summary !== undefined && opts.summaryFile !== undefined) throw new UsageError('input.conflict', { a: '--summary', b: '--summary-file' });
    // An empty summary, or a speech by nobody, is refused by the store with the same words.
    const summary = opts.summaryFile !== undefined ? readTextFile('--summary-file', opts.summaryFile) : checkPlainText('--summary', opts.summary ?? '');
    const db = env.db();
    const heldOn = meetingDate(db, id);
    const speaker = opts.speaker ? resolvePerson(db, opts.speaker) : undefined;
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: heldOn }).id : (speaker?.unitId ?? null);
    const created = addSpeech(db, env.audit(), id, { speakerId: speaker?.id ?? null, unitId, kind: opts.kind as SpeechKind, summary, ord: order }, { force: opts.force });
    env.info('speech.added', { ord: created.ord, id });
    if (env.format === 'json') env.json(listSpeeches(db, { meetingId: id }).find((s) => s.id === created.speechId));
  });

  const list = cli
    .command(speech, 'list [meeting]', 'cmd.speech.list', ['thuky speech list 1', 'thuky speech list --unit "ben nghe" --period 2017 --json'])
    .option('--unit <unit>', cli.t('cmd.speech.opt.listUnit'))
    .option('--period <period>', cli.t('cmd.meeting.opt.listPeriod'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.speech.opt.kind'), SPEECH_KINDS));
  withFileOptions(list, cli.t);
  cli.action<{ unit?: string; period?: string; kind?: string }>(list, (env, opts, idArg?: string) => {
    const meetingId = idArg !== undefined ? parseMeetingId(idArg) : undefined;
    const period = opts.period !== undefined ? env.period('--period', opts.period) : undefined;
    const kind = opts.kind ? checkSpeechKind(opts.kind) : undefined;
    const format = env.format;
    const db = env.readDb();
    if (meetingId !== undefined) meetingDate(db, meetingId);
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: period?.to ?? env.today() }).id : undefined;
    const rows = listSpeeches(db, { meetingId, unitId, from: period?.from, to: period?.to }).filter((s) => !kind || s.kind === kind);
    const columns: Column<SpeechListRow>[] = [
      { key: 'meetingId', label: 'meeting.col.meeting', type: 'number', priority: 1 },
      { key: 'heldOn', label: 'col.date', type: 'date', priority: 2 },
      { key: 'ord', label: 'meeting.col.ord', type: 'number', priority: 1 },
      { key: 'kind', label: 'col.kind', display: (r) => (format === 'tsv' || format === 'csv' ? r.kind : env.t(`speech.kind.${r.kind}`)), priority: 3 },
      { key: 'speakerName', label: 'meeting.col.speaker', priority: 2, minWidth: 14 },
      { key: 'unitName', label: 'col.unit', priority: 2, minWidth: 14 },
      { key: 'summary', label: 'meeting.col.summary', display: (r) => (format === 'table' ? r.summary.replace(/\s*\n\s*/g, ' ') : r.summary), priority: 1, minWidth: 20, maxWidth: 70 },
      { key: 'illustrative', label: 'meeting.col.illustrative', type: 'bool', priority: 5 },
    ];
    return env.list(rows, columns, format);
  });
}
