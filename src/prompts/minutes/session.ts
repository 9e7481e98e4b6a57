/**
 * The questions of the minutes session and their bookkeeping: asking once per key, going back,
 * offering earlier answers again, people, units and documents searched or added on the spot, and
 * the review's "edit or delete a part".
 */
import { DateInputError, formatDateVi, type IsoDate } from '../../domain/dates.js';
import { parseDocCode } from '../../domain/documents.js';
import { cleanText } from '../../domain/text.js';
import type { Lang, Translate } from '../../i18n/index.js';
import type { SpeechKind } from '../../store/meetings/kinds.js';
import { UNIT_KINDS, type UnitKind } from '../../store/units.js';
import { isGoBack, type Choice, type Prompter } from '../prompter.js';
import { DueBeforeMeeting, isPick, ORDER_KEY, refOf, type Answers, type Pick, type PersonRef } from './answers.js';
import { personChoices, unitChoices } from './choices.js';
import type { MinutesLookups } from './lookup.js';

export interface FlowDeps {
  /** What the questions look up and add (people, units, documents, meetings). */
  lookups: MinutesLookups;
  prompter: Prompter;
  t: Translate;
  lang: Lang;
  today: IsoDate;
  /** Called after every answer with the whole map (the draft is written here). */
  persist: (answers: Answers) => void;
  /** The answers come from a draft: show what they hold first. */
  resumed?: boolean;
  /** The terminal's size: the review before saving never takes more rows, nor a line more columns. */
  rows?: number;
  columns?: number;
}

/** Thrown to run the flow again from the top after going back (answered questions are skipped). */
export class Restart extends Error {}

/** Where the finished lines of a question answered on this screen lie: the prompter's marks before and after them. */
export type Drawn = Map<string, [from: number, to: number]>;

/**
 * The questions of one run of the flow over `answers`; `prefill` holds the earlier answers of
 * questions gone back to, `drawn` the lines of the answered ones (kept across runs).
 */
export function sessionQuestions(deps: FlowDeps, answers: Answers, prefill: Answers, drawn: Drawn = new Map()) {
  const { lookups, t } = deps;
  // Counts the questions answered, so that "back" inside a question made of several knows where it is.
  let shown = 0;
  const raw = deps.prompter;
  const counted = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const r = await fn(...args);
    shown++;
    return r;
  };
  const p: Prompter = {
    input: counted((q) => raw.input(q)),
    select: counted((q) => raw.select(q)) as Prompter['select'],
    checkbox: counted((q) => raw.checkbox(q)) as Prompter['checkbox'],
    search: counted((q) => raw.search(q)) as Prompter['search'],
    confirm: counted((q) => raw.confirm(q)),
    editor: counted((q) => raw.editor(q)),
    say: (text) => raw.say(text),
    hasEditor: raw.hasEditor ? () => raw.hasEditor!() : undefined,
  };
  const order = (): string[] => ((answers[ORDER_KEY] ??= []) as string[]);

  async function ask<T>(key: string, question: () => Promise<T>): Promise<T> {
    if (key in answers) return answers[key] as T;
    const before = shown;
    const from = raw.mark?.() ?? 0;
    let value: T;
    try {
      value = await question();
    } catch (err) {
      if ((err as Error)?.name !== 'GoBack') throw err;
      // Back inside a question of several parts (a new person's name…): that question again, its lines taken off.
      if (shown > before) {
        raw.erase?.(from, raw.mark?.() ?? 0);
        throw new Restart();
      }
      return back();
    }
    answers[key] = value;
    if (shown > before) {
      order().push(key);
      drawn.set(key, [from, raw.mark?.() ?? 0]);
    }
    delete prefill[key];
    deps.persist(answers);
    return value;
  }

  /** Goes back to the question answered last, with its answer offered again (and its lines taken off the screen). */
  function back(): never {
    const last = order().pop();
    if (last !== undefined) {
      const lines = drawn.get(last);
      if (lines) raw.erase?.(...lines);
      drawn.delete(last);
      prefill[last] = answers[last];
      delete answers[last];
      deps.persist(answers);
    }
    throw new Restart();
  }

  /** The earlier answer of a question gone back to, if any. */
  const earlier = <T>(key: string): T | undefined => prefill[key] as T | undefined;

  // The same words as the flags: a date that is not on the calendar, a time limit before the meeting.
  const check = (fn: (v: string) => unknown, key: string) => (v: string) => {
    try {
      fn(v);
      return true as const;
    } catch (err) {
      if (err instanceof DateInputError && err.reason === 'impossible') return t('record.err.dateImpossible', { value: v.trim() });
      if (err instanceof DueBeforeMeeting) return t('record.err.dueBeforeMeeting', { due: formatDateVi(err.due), heldOn: formatDateVi(err.heldOn) });
      return t(key, { value: v });
    }
  };

  /** A person search; a new person's name, unit and position are asked right after. */
  async function askPerson(key: string, message: string, opts: { exclude?: PersonRef[]; done?: boolean; none?: boolean }, heldOn: IsoDate): Promise<Pick> {
    const pick = await ask<Pick>(key, () => p.search<Pick>({ message, default: earlier<Pick>(key), source: (term) => personChoices(lookups, t, answers, term, opts) }));
    if ('new' in pick) {
      await ask(`${key}.name`, async () =>
        cleanText(await p.input({ message: t('record.q.newName'), default: pick.new || undefined, prefill: earlier<string>(`${key}.name`), validate: (v) => (cleanText(v) ? true : t('record.err.required')) })),
      );
      await ask<number | null>(`${key}.unit`, async () => {
        const before = earlier<number | null>(`${key}.unit`);
        const u = await p.search<Pick>({
          message: t('record.q.newUnit'),
          default: before === undefined ? undefined : before === null ? { none: true } : { id: before },
          source: (term) => unitChoices(lookups.units({ at: heldOn }), term, [], [{ value: { none: true }, name: t('record.choice.noUnit') }], t),
        });
        if ('new' in u) return addUnitInline(u.new, heldOn);
        return 'id' in u ? u.id : null;
      });
      await ask(`${key}.position`, async () => cleanText(await p.input({ message: t('record.q.newPosition'), prefill: earlier<string>(`${key}.position`) || undefined })));
    }
    return pick;
  }

  async function askPeople(prefix: string, message: (n: number) => string, minimum: number, heldOn: IsoDate, already: PersonRef[] = []): Promise<PersonRef[]> {
    const chosen: PersonRef[] = [];
    for (let i = 0; ; i++) {
      const key = `${prefix}.${i}`;
      const pick = await askPerson(key, message(i + 1), { exclude: [...already, ...chosen], done: i >= minimum }, heldOn);
      if ('done' in pick || 'none' in pick) return chosen;
      const ref = refOf(key, pick);
      if (ref !== null) chosen.push(ref);
    }
  }

  /** A unit not yet in the database, added on the spot (saved at once, so every later search finds it). */
  async function addUnitInline(typed: string, heldOn: IsoDate): Promise<number> {
    const name = cleanText(await p.input({ message: t('record.q.newUnitName'), default: typed || undefined, validate: (v) => (cleanText(v) ? true : t('record.err.required')) }));
    const kind = await p.select<UnitKind>({ message: t('record.q.newUnitKind'), choices: UNIT_KINDS.map((k) => ({ value: k, name: t(`unit.kind.${k}`) })), default: 'ward' });
    const parent = kind === 'committee' ? null : typeof answers.organizer === 'number' ? answers.organizer : (lookups.units({ at: heldOn }).find((u) => u.kind === 'committee')?.id ?? null);
    const id = lookups.addUnit({ name, kind, parentId: parent });
    p.say(t('record.unitAdded', { name }));
    return id;
  }

  /** A unit search over the units of the meeting day, read afresh each time; "+ add" creates one. */
  async function askUnit(key: string, message: string, heldOn: IsoDate, first: number[] = [], extra: Choice<Pick>[] = [], absent: number[] = []): Promise<Pick> {
    return ask<Pick>(key, async () => {
      const pick = await p.search<Pick>({
        message,
        default: earlier<Pick>(key),
        source: (term) =>
          unitChoices(lookups.units({ at: heldOn }), term, first, extra, t).map((c) =>
            'id' in c.value && absent.includes(c.value.id) ? { ...c, name: `${c.name} ${t('record.absentMark')}` } : c,
          ),
      });
      return 'new' in pick ? { id: await addUnitInline(pick.new, heldOn) } : pick;
    });
  }

  /** A document not yet in the database, added on the spot from its code and title. */
  async function addDocumentInline(typed: string): Promise<number> {
    const code = cleanText(
      await p.input({
        message: t('record.q.newDocCode'),
        default: parseDocCode(typed) ? typed : undefined,
        validate: (v) => (!parseDocCode(v) ? t('record.err.docCode', { value: v }) : getDocByCode(v) ? t('record.err.docTaken', { value: v }) : true),
      }),
    );
    const title = cleanText(await p.input({ message: t('record.q.newDocTitle') })) || null;
    const id = lookups.addDocument({ code, title });
    p.say(t('record.docAdded', { code: lookups.document(id)?.code ?? code }));
    return id;
  }
  const getDocByCode = (v: string) => {
    const parsed = parseDocCode(v);
    return parsed ? lookups.documents().find((d) => d.code === parsed.code) : undefined;
  };

  /**
   * A text of one or more lines typed in place: each Enter starts a new line, an empty line ends it.
   * With an editor set ($VISUAL/$EDITOR), an empty first line opens it instead.
   */
  async function askLines(key: string, context: string, required = false): Promise<string> {
    const editor = p.hasEditor ? p.hasEditor() : true;
    const lines: string[] = [];
    const before = typeof prefill[key] === 'string' ? (prefill[key] as string).split('\n') : [];
    for (;;) {
      const first = !lines.length;
      const message = first
        ? `${context}${t(required || !editor ? 'record.q.summaryLines' : 'record.q.summary')}`
        : t('record.q.summaryMore', { n: lines.length + 1 });
      const v = cleanText(
        await p.input({
          message,
          prefill: before[lines.length] || undefined,
          validate: first && (required || !editor) ? (x) => (cleanText(x) ? true : t('record.err.required')) : undefined,
        }),
      );
      if (!v) return lines.join('\n');
      lines.push(v);
      // Kept while typing: going back from the next line offers these lines again.
      prefill[key] = [...lines, ...before.slice(lines.length)].join('\n');
    }
  }

  /** "Speech 2 — Phường Bến Thành, prepared contribution — " before the summary question. */
  function speechContext(i: number): string {
    const k = `speech.${i}`;
    const parts: string[] = [];
    const speaker = answers[`${k}.speaker`] as Pick | undefined;
    const unit = answers[`${k}.unit`] as Pick | undefined;
    if (answers[`${k}.mode`] === 'person' && speaker) {
      if ('id' in speaker) parts.push(lookups.person(speaker.id)?.fullName ?? '');
      else if ('ref' in speaker) parts.push(String(answers[`${speaker.ref}.name`] ?? ''));
      else if ('new' in speaker) parts.push(String(answers[`${k}.speaker.name`] ?? ''));
    } else if (unit && 'id' in unit) parts.push(lookups.unit(unit.id)?.name ?? '');
    const kind = answers[`${k}.kind`] as SpeechKind | undefined;
    const who = [parts.filter(Boolean).join(''), kind ? t(`record.speechKind.${kind}`) : ''].filter(Boolean).join(', ');
    return `${t('record.q.speech', { n: i + 1 })}${who ? ` — ${who}` : ''} — `;
  }

  /** Items of a loop in the answers (speech or conclusion), by index, up to its end. */
  function loopItems(prefix: 'speech' | 'conclusion'): number[] {
    const out: number[] = [];
    const first = (i: number) => (prefix === 'speech' ? `speech.${i}.mode` : `conclusion.${i}.text`);
    for (let i = 0; first(i) in answers && answers[first(i)] !== 'done' && answers[first(i)] !== ''; i++) out.push(i);
    return out;
  }

  /** Forgets answers (offered again when asked) and runs the flow again: they are asked anew. */
  function reask(keys: string[]): never {
    for (const k of keys) {
      if (!(k in answers)) continue;
      prefill[k] = answers[k];
      delete answers[k];
    }
    answers[ORDER_KEY] = order().filter((k) => !keys.includes(k));
    deps.persist(answers);
    throw new Restart();
  }

  /** Removes item `i` of a loop; the items after it move up one place (and so do references to people they added). */
  function removeItem(prefix: 'speech' | 'conclusion', i: number): void {
    const re = new RegExp(`^${prefix}\\.(\\d+)(\\..*)?$`);
    const renamed = new Map<string, string>();
    const moved: Answers = {};
    for (const key of Object.keys(answers)) {
      const m = re.exec(key);
      if (!m) continue;
      const n = Number(m[1]);
      if (n < i) continue;
      const value = answers[key];
      delete answers[key];
      if (n === i) continue;
      const to = `${prefix}.${n - 1}${m[2] ?? ''}`;
      renamed.set(key, to);
      moved[to] = value;
    }
    Object.assign(answers, moved);
    for (const [key, value] of Object.entries(answers)) {
      if (isPick(value, 'ref') && renamed.has((value as { ref: string }).ref)) answers[key] = { ref: renamed.get((value as { ref: string }).ref) };
    }
    answers[ORDER_KEY] = order()
      .filter((k) => !(re.exec(k) && Number(re.exec(k)![1]) === i))
      .map((k) => renamed.get(k) ?? k);
    deps.persist(answers);
  }

  /** The review's "edit or delete a part": the header, the attendance, one speech, one conclusion. */
  async function editPart(): Promise<void> {
    type Part = 'header' | 'attendance' | `speech.${number}` | `conclusion.${number}`;
    const firstLine = (v: unknown) => String(v ?? '').split('\n')[0];
    const clip = (text: string) => (text.length > 70 ? `${text.slice(0, 69)}…` : text);
    const parts: Choice<Part>[] = [
      { value: 'header', name: t('record.part.header') },
      { value: 'attendance', name: t('record.part.attendance') },
      ...loopItems('speech').map<Choice<Part>>((i) => ({
        value: `speech.${i}`,
        name: clip(`${speechContext(i)}${firstLine(answers[`speech.${i}.summary`] || answers[`speech.${i}.summaryEditor`])}`),
      })),
      ...loopItems('conclusion').map<Choice<Part>>((i) => ({ value: `conclusion.${i}`, name: clip(t('record.part.conclusion', { n: i + 1, text: firstLine(answers[`conclusion.${i}.text`]) })) })),
    ];
    let part: Part;
    try {
      part = await p.select<Part>({ message: t('record.q.whichPart'), choices: parts });
    } catch (err) {
      if (isGoBack(err)) return;
      throw err;
    }
    if (part === 'header') reask(['heldOn', 'kind', 'title', 'period', 'location', 'startTime']);
    if (part === 'attendance') reask(['units', 'absent', ...Object.keys(answers).filter((k) => k.startsWith('absent.'))]);
    const [prefix, n] = part.split('.') as ['speech' | 'conclusion', string];
    let action: 'edit' | 'delete';
    try {
      action = await p.select<'edit' | 'delete'>({
        message: t('record.q.partAction'),
        choices: [
          { value: 'edit', name: t('record.choice.editPart') },
          { value: 'delete', name: t('record.choice.deletePart') },
        ],
      });
    } catch (err) {
      if (isGoBack(err)) return;
      throw err;
    }
    if (action === 'delete') {
      removeItem(prefix, Number(n));
      return;
    }
    reask(Object.keys(answers).filter((k) => k.startsWith(`${prefix}.${n}.`)));
  }

  return { p, ask, back, earlier, check, askPerson, askPeople, addUnitInline, askUnit, addDocumentInline, askLines, speechContext, editPart };
}
