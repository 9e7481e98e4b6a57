/** Message catalogues: Vietnamese by default, English on request. One part per feature. */
import { loadCatalogue } from './catalogue.js';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number | undefined | null>;
export type Messages = Record<string, string>;
export interface CataloguePart {
  vi: Messages;
  en: Messages;
}
export type Translate = (key: string, params?: Params) => string;

const cache: Partial<Record<Lang, Messages>> = {};

export function messages(lang: Lang): Messages {
  return (cache[lang] ??= loadCatalogue(lang));
}

/**
 * Fills `{name}` with a parameter. `{n#task|tasks}` is a count with its noun, singular for 1 and
 * plural otherwise ("1 task", "3 tasks"): English needs it, Vietnamese nouns do not change.
 */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)(?:#([^|{}]*)\|([^{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return one === undefined ? String(value) : `${value} ${Number(value) === 1 ? one : other}`;
  });
}

export function translator(lang: Lang): Translate {
  const table = messages(lang);
  return (key, params) => {
    const template = table[key] ?? (lang === 'vi' ? undefined : messages('vi')[key]);
    return template === undefined ? key : interpolate(template, params);
  };
}

export function parseLang(value: string | undefined): Lang | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if (v === 'vi' || v.startsWith('vi_') || v.startsWith('vi-')) return 'vi';
  if (v === 'en' || v.startsWith('en_') || v.startsWith('en-')) return 'en';
  return null;
}
