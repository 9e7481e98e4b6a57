import { addDocument } from '../documents.js';
import { addPerson } from '../people.js';
import { addUnit, editUnit } from '../units.js';
import type { SampleLoader } from './index.js';

/** Units (parents before children, successors linked after all exist), people, documents. */
export const loadCore: SampleLoader = (db, audit, data, refs) => {
  for (const u of data.units ?? []) {
    const id = addUnit(db, audit, {
      name: u.name,
      code: u.code ?? null,
      kind: u.kind,
      parentId: u.parent ? refs.unit(u.parent) : null,
      validFrom: u.validFrom ?? null,
      validTo: u.validTo ?? null,
      note: u.note ?? null,
      illustrative: !!u.illustrative,
    });
    refs.units.set(u.key, id);
  }
  for (const u of data.units ?? []) {
    if (u.successors?.length) editUnit(db, audit, refs.unit(u.key), { addSuccessorIds: u.successors.map((k: string) => refs.unit(k)) });
  }
  for (const p of data.people ?? []) {
    const id = addPerson(db, audit, {
      fullName: p.fullName,
      unitId: p.unit ? refs.unit(p.unit) : null,
      positions: p.positions ?? [],
      isMember: p.isMember !== false,
      active: p.active !== false,
      note: p.note ?? null,
      illustrative: !!p.illustrative,
    });
    refs.people.set(p.key, id);
  }
  for (const d of data.documents ?? []) {
    const id = addDocument(db, audit, {
      code: d.code,
      title: d.title ?? null,
      issuedOn: d.issuedOn ?? null,
      issuingBody: d.issuingBody ?? null,
      note: d.note ?? null,
      illustrative: !!d.illustrative,
    });
    refs.documents.set(d.code, id);
  }
};
