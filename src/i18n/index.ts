/** Message catalogues: Vietnamese by default, English on request. One part per feature. */
import core from './core.js';
import tasks from './tasks.js';
import meetings from './meetings.js';
import compliance from './compliance.js';
import record from './record.js';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number | undefined | null>;
export type Messages = Record<string, string>;
export interface CataloguePart {
  vi: Messages;
  en: Messages;
}
export type Translate = (key: string, params?: Params) => string;

export const catalogueParts: Record<string, CataloguePart> = { core, tasks, meetings, record, compliance };

function merge(lang: Lang): Messages {
  const out: Messages = {};
  for (const part of Object.values(catalogueParts)) Object.assign(out, part[lang]);
  return out;
}

const cache: Partial<Record<Lang, Messages>> = {};

export function messages(lang: Lang): Messages {
  return (cache[lang] ??= merge(lang));
}

export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function translator(lang: Lang): Translate {
  const table = messages(lang);
  const fallback = lang === 'vi' ? null : messages('vi');
  return (key, params) => {
    const template = table[key] ?? fallback?.[key];
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
