/** What the meeting and speech commands share: ids, units, people and documents named on the command line, times, text files. */
import { readFileSync } from 'node:fs';
import { parseTimeOfDay, type IsoDate } from '../../../domain/dates.js';
import { findControlChar } from '../../../domain/text.js';
import type { Db } from '../../../store/db.js';
import { resolveDocument } from '../../../store/documents.js';
import { parseIdText } from '../../../store/lookup.js';
import { meetingHeldOn, meetingOrganizerId } from '../../../store/meetings/list.js';
import { resolvePerson } from '../../../store/people.js';
import { grassrootsUnits, resolveUnit } from '../../../store/units.js';
import { NotFoundError, UsageError } from '../../../errors.js';

/** Words meaning every grassroots unit (wards, communes, special zones) of the organising committee. */
const ALL_UNITS = new Set(['all-units', 'all-wards']);

/** A meeting id typed by the user: a whole number or `#N`, or a usage error. */
export function parseMeetingId(value: string): number {
  const id = parseIdText(value);
  if (id === undefined || id < 1) throw new UsageError('meeting.badId', { value });
  return id;
}

/** The meeting must exist (exit 1 otherwise); returns its date, used to pick units. */
export function meetingDate(db: Db, id: number): IsoDate {
  const heldOn = meetingHeldOn(db, id);
  if (heldOn === undefined) throw new NotFoundError('lookup.idNotFound', { entity: 'meeting', id });
  return heldOn;
}

/**
 * Units named on the command line, at the meeting date. `all-units` (or `all-wards`) means the
 * grassroots units that existed that day under the organizing committee (or all of them when it has none).
 */
export function resolveUnits(db: Db, values: string[], at: IsoDate, organizerId: number | null): number[] {
  const out: number[] = [];
  for (const v of values.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) {
    if (ALL_UNITS.has(v.toLowerCase())) out.push(...grassrootsUnits(db, { on: at, committeeId: organizerId }).map((u) => u.id));
    else out.push(resolveUnit(db, v, { at }).id);
  }
  return [...new Set(out)];
}

export function resolvePeople(db: Db, values: string[] | undefined): number[] {
  return [...new Set((values ?? []).map((v) => resolvePerson(db, v).id))];
}

export function resolveDocs(db: Db, values: string[] | undefined): number[] {
  return [...new Set((values ?? []).map((v) => resolveDocument(db, v).id))];
}

export function organizerOf(db: Db, meetingId: number): number | null {
  return meetingOrganizerId(db, meetingId);
}

/** A time typed on the command line ("8h30", "08:30") as HH:mm; empty means none. */
export function parseTimeOption(flag: string, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const time = parseTimeOfDay(value);
  if (!time) throw new UsageError('meeting.badTime', { field: flag, value });
  return time;
}

/** A text file given on the command line: must be readable UTF-8 text (a BOM is dropped). */
export function readTextFile(field: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError('input.fileUnreadable', { field, path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError('input.notUtf8', { field, path });
  }
  text = text.replace(/^\uFEFF/, '');
  const control = findControlChar(text);
  if (control) throw new UsageError('text.controlCharsFile', { field, path, ...control });
  return text;
}

/** A summary typed on the command line follows the rule a summary file does: plain text only. */
export function checkPlainText(field: string, text: string): string {
  const control = findControlChar(text);
  if (control) throw new UsageError('text.controlChars', { field, ...control });
  return text;
}
