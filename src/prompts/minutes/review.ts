/** The review before saving, a window at a time when it is taller than the terminal. */
import type { Translate } from '../../i18n/index.js';
import { isGoBack, type Choice, type Prompter } from '../prompter.js';

/**
 * The review question under its recap. When recap and question together are taller than the
 * terminal, the recap is cut into windows that fit above the question, with "next/previous part"
 * choices (the list's own rows are counted: message, choices, "← back", key hints).
 */
export async function reviewPages<V extends string>(p: Prompter, t: Translate, recap: string[], choices: Choice<V>[], rows: number | undefined, back: () => never): Promise<V> {
  const questionRows = (n: number) => n + 4;
  const fits = (n: number) => !rows || recap.length + questionRows(n) <= rows;
  const window = rows ? Math.max(3, rows - questionRows(choices.length + 2) - 1) : recap.length;
  const paged = !fits(choices.length);
  let start = 0;
  for (;;) {
    const end = paged ? Math.min(recap.length, start + window) : recap.length;
    const nav: Choice<V>[] = [];
    if (paged && end < recap.length) nav.push({ value: 'pageNext' as V, name: t('record.choice.pageNext', { from: end + 1, total: recap.length }) });
    if (paged && start > 0) nav.push({ value: 'pagePrev' as V, name: t('record.choice.pagePrev') });
    p.say([...recap.slice(start, end), ...(paged ? [t('record.reviewPage', { from: start + 1, to: end, total: recap.length })] : [])].join('\n'));
    const choice = await p
      .select<V>({ message: t('record.q.review'), choices: [...choices, ...nav], default: choices[0].value })
      .catch((err: unknown) => (isGoBack(err) ? back() : Promise.reject(err)));
    if (choice === ('pageNext' as V)) start = end;
    else if (choice === ('pagePrev' as V)) start = Math.max(0, start - window);
    else return choice;
  }
}
