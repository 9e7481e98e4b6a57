/** The minutes session's lookups, answered by the store on the session's database. */
import type { MinutesLookups } from '../../../prompts/minutes/lookup.js';
import type { Audit } from '../../../store/changelog.js';
import type { Db } from '../../../store/db.js';
import { addDocument, getDocument, listDocuments } from '../../../store/documents.js';
import { meetingParticipation } from '../../../store/drafts.js';
import { listMeetings } from '../../../store/meetings/list.js';
import { defaultOrganizer } from '../../../store/meetings/write.js';
import { getPerson, listPeople } from '../../../store/people.js';
import { addUnit, getUnit, listUnits } from '../../../store/units.js';

// Counted once per database handle: a session asks many person questions.
const participationCache = new WeakMap<Db, Map<number, number>>();

/** `audit` says who adds the units and documents typed during the session (they are saved at once). */
export function minutesLookups(db: Db, audit?: () => Audit): MinutesLookups {
  const writer = (): Audit => audit?.() ?? { at: new Date().toISOString(), user: 'thuky', command: 'meeting record' };
  return {
    people: (filter) => listPeople(db, filter),
    person: (id) => getPerson(db, id),
    units: (filter) => listUnits(db, filter),
    unit: (id) => getUnit(db, id),
    documents: () => listDocuments(db),
    document: (id) => getDocument(db, id),
    meetings: (filter) => listMeetings(db, filter),
    participation: () => {
      let counts = participationCache.get(db);
      if (!counts) participationCache.set(db, (counts = meetingParticipation(db)));
      return counts;
    },
    defaultOrganizer: (chairIds) => defaultOrganizer(db, chairIds),
    addUnit: (input) => addUnit(db, writer(), input),
    addDocument: (input) => addDocument(db, writer(), input),
  };
}
