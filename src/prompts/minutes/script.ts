/**
 * The interactive minutes session: the questions a secretary answers while a meeting happens.
 *
 * Every question has a key ("heldOn", "chair.0", "speech.2.summary"…) and every answer is kept in
 * one flat map that is written to the draft as soon as it is given. The flow is re-run from the top
 * on resume: answered questions return their stored answer without asking, so the session goes on
 * at the first unanswered question, loops (speeches, conclusions) included.
 */
import { selectGrassroots } from '../../domain/grassroots.js';
import { formatDateVi, parseDateInput, parseTimeOfDay, type IsoDate } from '../../domain/dates.js';
import { parsePeriod, periodLabel, quarterOf } from '../../domain/periods.js';
import { cleanText } from '../../domain/text.js';
import type { Lang, Translate } from '../../i18n/index.js';
import { renderMinutesSummary } from '../../render/minutes-summary.js';
import { MEETING_KINDS, SPEECH_KINDS, type MeetingKind, type SpeechKind } from '../../store/meetings/kinds.js';
import type { Unit } from '../../store/units.js';
import { cutToWidth } from '../fit-line.js';
import { isGoBack, isPromptInterrupt, type Choice, type Prompter } from '../prompter.js';
import { answerCount, collectMinutes, parseDue, wardsToInvite, type Answers, type FlowOutcome, type Pick, type PersonRef } from './answers.js';
import { matchesWords, SHOWN, similarMeetings, unitChoices } from './choices.js';
import type { MinutesLookups } from './lookup.js';
import { reviewPages } from './review.js';
import { Restart, sessionQuestions, type Drawn, type FlowDeps } from './session.js';

export type { FlowDeps } from './session.js';

/** The committee holding the meeting: the unit of the first chair (the store's rule, also for a person added in the session). */
function organizerOf(lookups: MinutesLookups, answers: Answers, chair: PersonRef | null): number | null {
  if (chair === null) return null;
  if (typeof chair === 'number') return lookups.defaultOrganizer([chair]);
  return (answers[`${chair}.unit`] as number | null | undefined) ?? null;
}

/** Runs the session on the answers given so far (empty for a new session). */
export async function runMinutesFlow(deps: FlowDeps, answers: Answers): Promise<FlowOutcome> {
  // Earlier answers of the questions gone back to: offered again when they are asked.
  const prefill: Answers = {};
  // Where the lines of the questions answered on this screen lie, to take them off when going back.
  const drawn: Drawn = new Map();
  // Back from an interruption: what is already recorded, before the next question.
  if (deps.resumed && answerCount(answers)) {
    const recap = renderMinutesSummary(deps.lookups, deps.t, deps.lang, collectMinutes(answers, deps.today), 'record.summary.resumedHeading')
      .split('\n')
      .map((line) => (deps.columns ? cutToWidth(line, deps.columns - 1) : line));
    // Taller than the terminal: its heading and its last lines (the latest answers), the rest counted.
    const room = deps.rows ? Math.max(4, deps.rows - 12) : recap.length;
    deps.prompter.say((recap.length > room ? [recap[0], deps.t('record.recapLinesAbove', { n: recap.length - room + 1 }), ...recap.slice(-(room - 2))] : recap).join('\n'));
  }
  for (;;) {
    try {
      return await flowOnce(deps, answers, prefill, drawn);
    } catch (err) {
      if (!(err instanceof Restart)) throw err;
    }
  }
}

async function flowOnce(deps: FlowDeps, answers: Answers, prefill: Answers, drawn: Drawn): Promise<FlowOutcome> {
  const { lookups, t, today } = deps;
  const { p, ask, back, earlier, check, askPerson, askPeople, addUnitInline, askUnit, addDocumentInline, askLines, speechContext, editPart } = sessionQuestions(deps, answers, prefill, drawn);

  for (;;) {
    // 1. The header.
    const heldOn = await ask<IsoDate>('heldOn', async () => {
      const before = earlier<IsoDate>('heldOn');
      const v = await p.input({ message: t('record.q.date'), default: formatDateVi(today), prefill: before ? formatDateVi(before) : undefined, validate: check((x) => parseDateInput(x, today), 'record.err.date') });
      return parseDateInput(v, today);
    });
    await ask('kind', () =>
      p.select<MeetingKind>({ message: t('record.q.kind'), choices: MEETING_KINDS.map((k) => ({ value: k, name: t(`record.kind.${k}`) })), default: earlier<MeetingKind>('kind') ?? 'giao-ban' }),
    );
    await ask('title', async () => cleanText(await p.input({ message: t('record.q.title'), prefill: earlier<string>('title'), validate: (v) => (cleanText(v) ? true : t('record.err.required')) })));
    await ask('period', async () => {
      const q = quarterOf(heldOn);
      const v = await p.input({ message: t('record.q.period'), default: periodLabel(q, deps.lang), prefill: earlier<string>('period'), validate: check((x) => parsePeriod(x, heldOn), 'record.err.period') });
      return parsePeriod(v, heldOn).code;
    });
    await ask('location', async () => cleanText(await p.input({ message: t('record.q.location'), prefill: earlier<string | null>('location') ?? undefined })) || null);
    const startTime = await ask<string | null>('startTime', async () => {
      const v = await p.input({ message: t('record.q.start'), prefill: earlier<string | null>('startTime') ?? undefined, validate: (x) => (!x.trim() || parseTimeOfDay(x) ? true : t('record.err.time', { value: x })) });
      return v.trim() ? parseTimeOfDay(v) : null;
    });

    // 2. People.
    const chairs = await askPeople('chair', (n) => t('record.q.chair', { n }), 1, heldOn);
    // The chairs are not offered again as guests.
    await askPeople('guest', (n) => t('record.q.guest', { n }), 0, heldOn, chairs);
    await askPerson('recorder', t('record.q.recorder'), { none: true }, heldOn);

    // 3. The organizing committee: the first chair's; on a database without any committee, asked and created.
    const organizer = await ask<number | null>('organizer', async () => {
      if (lookups.units({ at: heldOn }).some((u) => u.kind === 'committee')) return organizerOf(lookups, answers, chairs[0] ?? null);
      const name = cleanText(await p.input({ message: t('record.q.organizer'), prefill: undefined, validate: (v) => (cleanText(v) ? true : t('record.err.required')) }));
      const id = lookups.addUnit({ name, kind: 'committee' });
      p.say(t('record.unitAdded', { name }));
      return id;
    });

    // 4. Units and documents.
    const unitsOnDate = lookups.units({ at: heldOn });
    const invited = await ask<number[]>('units', async () => {
      const preselected = new Set(wardsToInvite(unitsOnDate, organizer));
      const ordered = [...unitsOnDate.filter((u) => preselected.has(u.id)), ...unitsOnDate.filter((u) => !preselected.has(u.id) && u.id !== organizer)];
      if (!ordered.length) {
        // Nothing to choose from yet: the units are named one by one, and added on the spot.
        p.say(t('record.noUnitsYet'));
        const ids: number[] = [];
        for (let n = 1; ; n++) {
          const done: Choice<Pick>[] = [{ value: { done: true }, name: t('record.choice.done') }];
          const pick = await p.search<Pick>({
            message: t('record.q.inviteUnit', { n }),
            source: (term) => {
              const found = unitChoices(lookups.units({ at: heldOn }).filter((u) => !ids.includes(u.id) && u.id !== organizer), term, [], [], t);
              return term.trim() ? [...found, ...done] : [...done, ...found];
            },
          });
          if ('done' in pick) return ids;
          ids.push('new' in pick ? await addUnitInline(pick.new, heldOn) : (pick as { id: number }).id);
        }
      }
      const before = earlier<number[]>('units');
      return p.checkbox<number>({ message: t('record.q.units'), choices: ordered.map((u) => ({ value: u.id, name: u.name, checked: before ? before.includes(u.id) : preselected.has(u.id) })) });
    });
    const invitedUnits = invited.map((id) => lookups.unit(id)).filter((u): u is Unit => !!u);
    if (invited.length) {
      const absent = await ask<number[]>('absent', () =>
        p.checkbox<number>({ message: t('record.q.absent'), choices: invitedUnits.map((u) => ({ value: u.id, name: u.name, checked: earlier<number[]>('absent')?.includes(u.id) })) }),
      );
      for (const id of absent) {
        const name = invitedUnits.find((u) => u.id === id)?.name ?? String(id);
        await ask(`absent.${id}`, async () => cleanText(await p.input({ message: t('record.q.absentReason', { unit: name }), prefill: earlier<string>(`absent.${id}`), validate: (v) => (cleanText(v) ? true : t('record.err.reasonRequired')) })));
      }
    }
    const pickedDocs: number[] = [];
    for (let i = 0; ; i++) {
      const pick = await ask<Pick>(`doc.${i}`, async () => {
        const picked = await p.search<Pick>({
          message: t('record.q.document', { n: i + 1 }),
          default: earlier<Pick>(`doc.${i}`),
          source: (term) => {
            const done: Choice<Pick>[] = [{ value: { done: true }, name: t('record.choice.done') }];
            const hits = lookups.documents()
              .filter((d) => !pickedDocs.includes(d.id) && matchesWords(`${d.code} ${d.title ?? ''}`, term))
              .slice(0, SHOWN)
              .map<Choice<Pick>>((d) => ({ value: { id: d.id }, name: `${d.code}${d.title ? ` — ${d.title}` : ''}` }));
            const typed = cleanText(term);
            const add: Choice<Pick>[] = [{ value: { new: typed }, name: typed ? t('record.choice.addDocNamed', { name: typed }) : t('record.choice.addDoc') }];
            return typed ? [...hits, ...add, ...done] : [...done, ...hits, ...add];
          },
        });
        return 'new' in picked ? { id: await addDocumentInline(picked.new) } : picked;
      });
      if (!('id' in pick)) break;
      pickedDocs.push(pick.id);
    }

    // 5. Speeches.
    for (let i = 0; ; i++) {
      const k = `speech.${i}`;
      const mode = await ask<'person' | 'unit' | 'done'>(`${k}.mode`, () =>
        p.select<'person' | 'unit' | 'done'>({
          message: t('record.q.speech', { n: i + 1 }),
          choices: [
            { value: 'person', name: t('record.choice.speaker') },
            { value: 'unit', name: t('record.choice.unitOnly') },
            { value: 'done', name: t('record.choice.speechesDone') },
          ],
          // Speeches usually come alike ("11 speeches from 11 units"): offer the previous way first.
          default: earlier<'person' | 'unit' | 'done'>(`${k}.mode`) ?? (i > 0 && answers[`speech.${i - 1}.mode`] === 'unit' ? 'unit' : 'person'),
        }),
      );
      if (mode === 'done') break;
      if (mode === 'person') await askPerson(`${k}.speaker`, t('record.q.speaker'), {}, heldOn);
      else await askUnit(`${k}.unit`, t('record.q.speechUnit'), heldOn, invited, [], (answers.absent as number[] | undefined) ?? []);
      await ask(`${k}.kind`, () =>
        p.select<SpeechKind>({ message: t('record.q.speechKind'), choices: SPEECH_KINDS.map((s) => ({ value: s, name: t(`record.speechKind.${s}`) })), default: earlier<SpeechKind>(`${k}.kind`) ?? 'tham-luan' }),
      );
      const line = await ask<string>(`${k}.summary`, () => askLines(`${k}.summary`, speechContext(i)));
      if (!line)
        await ask(`${k}.summaryEditor`, async () => {
          try {
            const text = (await p.editor({ message: t('record.q.summaryEditor'), validate: (v) => (v.trim() ? true : t('record.err.required')) })).normalize('NFC').trim();
            // What was written in the editor, shown back (its first lines).
            const written = text.split('\n');
            p.say(`${written.slice(0, 3).map((l) => `  ${l}`).join('\n')}${written.length > 3 ? `\n  ${t('record.moreLines', { n: written.length - 3 })}` : ''}`);
            return text;
          } catch (err) {
            if (isPromptInterrupt(err) || isGoBack(err)) throw err;
            // The editor could not be started ($VISUAL/$EDITOR broken): the summary is typed in place instead.
            p.say(t('record.editorFailed', { detail: (err as Error).message }));
            return askLines(`${k}.summaryEditor`, speechContext(i), true);
          }
        });
    }

    // 6. Conclusions.
    const assignable = invitedUnits.length ? invitedUnits : selectGrassroots(unitsOnDate, {});
    for (let i = 0; ; i++) {
      const k = `conclusion.${i}`;
      const text = await ask<string>(`${k}.text`, async () => cleanText(await p.input({ message: t('record.q.conclusion', { n: i + 1 }), prefill: earlier<string>(`${k}.text`) || undefined })));
      if (!text) break;
      const unitIds = await ask<number[]>(`${k}.units`, () =>
        assignable.length ? p.checkbox<number>({ message: t('record.q.assign'), choices: assignable.map((u) => ({ value: u.id, name: u.name, checked: earlier<number[]>(`${k}.units`)?.includes(u.id) })) }) : Promise.resolve([]),
      );
      if (unitIds.length)
        await ask<IsoDate | null>(`${k}.due`, async () => {
          const before = earlier<IsoDate | null>(`${k}.due`);
          const v = await p.input({ message: t('record.q.due'), prefill: before ? formatDateVi(before) : undefined, validate: check((x) => parseDue(x, heldOn), 'record.err.due') });
          return parseDue(v, heldOn);
        });
    }

    // 7. Closing, review, save.
    await ask<string | null>('endTime', async () => {
      const v = await p.input({
        message: t('record.q.end'),
        prefill: earlier<string | null>('endTime') ?? undefined,
        validate: (x) => {
          if (!x.trim()) return true;
          const end = parseTimeOfDay(x);
          if (!end) return t('record.err.time', { value: x });
          if (startTime && end < startTime) return t('record.err.endBeforeStart', { end, start: startTime });
          return true;
        },
      });
      return v.trim() ? parseTimeOfDay(v) : null;
    });

    const minutes = collectMinutes(answers, today);
    // A meeting that looks like this one already exists: said before saving (the secretary may have recorded it already).
    const similar = similarMeetings(lookups, minutes).slice(0, 3);
    const recap = [
      ...renderMinutesSummary(lookups, t, deps.lang, minutes).split('\n'),
      ...similar.map((same) => t('record.similarMeeting', { id: same.id, title: same.title })),
    ].map((line) => (deps.columns ? cutToWidth(line, deps.columns - 1) : line));
    type ReviewChoice = 'save' | 'moreSpeeches' | 'moreConclusions' | 'edit' | 'later' | 'discard' | 'pageNext' | 'pagePrev' | `open:${number}`;
    const reviewChoices: Choice<ReviewChoice>[] = [
      { value: 'save', name: similar.length ? t('record.choice.saveAnyway') : t('record.choice.save') },
      ...similar.map<Choice<ReviewChoice>>((same) => ({ value: `open:${same.id}`, name: t('record.choice.openExisting', { id: same.id }) })),
      { value: 'edit', name: t('record.choice.edit') },
      { value: 'moreSpeeches', name: t('record.choice.moreSpeeches') },
      { value: 'moreConclusions', name: t('record.choice.moreConclusions') },
      { value: 'later', name: t('record.choice.later') },
      { value: 'discard', name: t('record.choice.discard') },
    ];
    // Taller than the terminal: the recap is shown a window at a time, with choices to move the window.
    const choice = await reviewPages(p, t, recap, reviewChoices, deps.rows, back);
    if (choice.startsWith('open:')) {
      const meetingId = Number(choice.slice('open:'.length));
      const keepDraft = await p.confirm({ message: t('record.q.keepDraftForExisting', { id: meetingId }), default: true }).catch((err: unknown) => (isGoBack(err) ? null : Promise.reject(err)));
      if (keepDraft === null) continue;
      return { action: 'openExisting', meetingId, keepDraft };
    }
    if (choice === 'save') return { action: 'save', minutes };
    if (choice === 'later') return { action: 'later' };
    if (choice === 'discard') {
      if (await p.confirm({ message: t('record.q.confirmDiscard'), default: false })) return { action: 'discard' };
      continue;
    }
    if (choice === 'edit') {
      await editPart();
      continue;
    }
    // Reopen a loop: forget its "done" answer; everything after it is still answered.
    const prefix = choice === 'moreSpeeches' ? 'speech' : 'conclusion';
    const doneKey = (i: number) => (prefix === 'speech' ? `speech.${i}.mode` : `conclusion.${i}.text`);
    for (let i = 0; doneKey(i) in answers; i++) {
      const v = answers[doneKey(i)];
      if (v === 'done' || v === '') {
        delete answers[doneKey(i)];
        deps.persist(answers);
        break;
      }
    }
  }
}

/** Stops a dry run of the flow at its first question. */
class NextQuestion extends Error {
  constructor(readonly question: string) {
    super(question);
  }
}

/**
 * The question a draft would ask next, found by running the flow on a copy of its answers with a
 * prompter that stops at the first question. Short form: the message up to its first hint.
 */
export function nextQuestion(lookups: MinutesLookups, t: Translate, lang: Lang, today: IsoDate, answers: Answers): Promise<string | null> {
  const stop = (q: { message: string }): never => {
    throw new NextQuestion(q.message.split(/ \u2014 | \(/)[0]);
  };
  const probe: Prompter = { input: stop, select: stop, checkbox: stop, search: stop, confirm: stop, editor: stop, say: () => {} };
  return runMinutesFlow({ lookups, prompter: probe, t, lang, today, persist: () => {} }, structuredClone(answers)).then(
    () => null,
    (err: unknown) => {
      if (err instanceof NextQuestion) return err.question;
      throw err;
    },
  );
}
