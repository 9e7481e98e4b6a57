/**
 * A yes/no question in the user's language, on @inquirer/core: "(c/K)" in Vietnamese, answered with
 * c, có, y, yes or k, không, n, no (accents optional); the answer is echoed as "Có"/"Không".
 */
import type { Translate } from '../i18n/index.js';
import { fold } from '../domain/text.js';

type Core = typeof import('@inquirer/core');

const YES = new Set(['c', 'co', 'y', 'yes', 'u', 'uh', 'vang', 'dong y']);
const NO = new Set(['k', 'khong', 'n', 'no', 'ko']);

/** true, false, or null when the text is neither. */
export function parseYesNo(text: string): boolean | null {
  const v = fold(text.trim());
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

export function makeConfirm(core: Core, t: Translate) {
  const { createPrompt, useState, useKeypress, isEnterKey, usePrefix, makeTheme } = core;
  // `theme.style.message` styles the question (the session watches it to know the question finished).
  return createPrompt<boolean, { message: string; default?: boolean; theme?: { style: { message: (text: string, status: string) => string } } }>((config, done) => {
    const theme = makeTheme(config.theme ?? {});
    const [status, setStatus] = useState<'idle' | 'done'>('idle');
    const [value, setValue] = useState('');
    const [error, setError] = useState<string | undefined>();
    const prefix = usePrefix({ status, theme });
    useKeypress((key, rl) => {
      if (status !== 'idle') return;
      if (isEnterKey(key)) {
        const answer = value.trim() === '' ? (config.default ?? false) : parseYesNo(value);
        if (answer === null) {
          setError(t('prompt.yesNo'));
          rl.write(value);
          return;
        }
        setValue(answer ? t('prompt.yes') : t('prompt.no'));
        setStatus('done');
        done(answer);
      } else {
        setValue(rl.line);
        setError(undefined);
      }
    });
    const hint = config.default ? t('prompt.hintYes') : t('prompt.hintNo');
    const message = theme.style.message(config.message, status);
    const line = [prefix, message, status === 'done' ? theme.style.answer(value) : `${theme.style.defaultAnswer(hint)} ${value}`].join(' ');
    return [line, error ? theme.style.error(error) : ''];
  });
}
