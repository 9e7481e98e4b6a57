/**
 * What the minutes session reads and adds while it asks, passed in by the command: the questions
 * themselves never reach the database. Each method is the store's function of the same meaning,
 * bound to the session's database (and, for the two additions, to who writes them).
 */
import type { Person, PersonFilter } from '../../store/people.js';
import type { Unit, UnitFilter, UnitInput } from '../../store/units.js';
import type { DocumentInput, DocumentRecord } from '../../store/documents.js';
import type { MeetingFilter, MeetingListRow } from '../../store/meetings/list.js';

export interface MinutesLookups {
  people(filter: PersonFilter): Person[];
  person(id: number): Person | undefined;
  units(filter: UnitFilter): Unit[];
  unit(id: number): Unit | undefined;
  documents(): DocumentRecord[];
  document(id: number): DocumentRecord | undefined;
  meetings(filter: MeetingFilter): MeetingListRow[];
  /** How many meetings each person took part in, by person id (people of earlier meetings come first). */
  participation(): Map<number, number>;
  /** The committee holding a meeting with these chairs when none is named (the store's one rule). */
  defaultOrganizer(chairIds: number[]): number | null;
  /** A unit typed during the session, saved at once so that every later search finds it. */
  addUnit(input: UnitInput): number;
  /** A document typed during the session, saved at once. */
  addDocument(input: DocumentInput): number;
}
