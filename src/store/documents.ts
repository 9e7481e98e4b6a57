/** Party documents: directives, resolutions, projects, plans… */
import { UsageError } from '../errors.js';
import type { IsoDate } from '../domain/dates.js';
import { parseDocCode } from '../domain/documents.js';
import { fold, optionalText, sortVi } from '../domain/text.js';
import { logChange, type Audit } from './changelog.js';
import type { Db } from './db.js';
import { pickOne, resolveRef } from './lookup.js';
import { writeTransaction } from './transaction.js';

export interface DocumentRecord {
  id: number;
  code: string;
  number: string;
  type: string;
  issuer: string;
  title: string | null;
  issuedOn: IsoDate | null;
  issuingBody: string | null;
  note: string | null;
  illustrative: boolean;
}

const SELECT_DOC = `SELECT id, code, number, type, issuer, title, issued_on AS issuedOn, issuing_body AS issuingBody, note, illustrative FROM document`;

type DocRow = Omit<DocumentRecord, 'illustrative'> & { illustrative: number };
const toDoc = (r: DocRow): DocumentRecord => ({ ...r, illustrative: !!r.illustrative });

export function listDocuments(db: Db, filter: { type?: string; search?: string } = {}): DocumentRecord[] {
  const rows = db
    .prepare(
      `${SELECT_DOC} WHERE (@type IS NULL OR type = @type)
         AND (@search IS NULL OR code_folded LIKE '%' || @search || '%' OR title_folded LIKE '%' || @search || '%')
       ORDER BY issued_on, code`,
    )
    .all({ type: filter.type ?? null, search: filter.search ? fold(filter.search) : null }) as DocRow[];
  return rows.map(toDoc);
}

export function getDocument(db: Db, id: number): DocumentRecord | undefined {
  const row = db.prepare(`${SELECT_DOC} WHERE id = ?`).get(id) as DocRow | undefined;
  return row ? toDoc(row) : undefined;
}

/** By id (`#3` or `3`, see lookup.ts), by code ("05-CT/TW", also typed "05-ct/tw"), or by words of the title. */
export function resolveDocument(db: Db, query: string, opts: { idNotFoundExit1?: boolean } = {}): DocumentRecord {
  return resolveRef(
    query,
    {
      entity: 'document',
      byId: (id) => getDocument(db, id),
      label: (d) => `${d.code} — ${d.title ?? ''}`,
      byName: (q) => {
        const parsed = parseDocCode(q);
        if (parsed) {
          const row = db.prepare(`${SELECT_DOC} WHERE code = ?`).get(parsed.code) as DocRow | undefined;
          if (row) return toDoc(row);
        }
        const docs = db.prepare(`${SELECT_DOC}`).all() as DocRow[];
        const picked = pickOne(
          'document',
          q,
          sortVi(docs, (d) => d.code).map((d) => ({ id: d.id, name: d.title ?? d.code, code: d.code, folded: fold(`${d.code} ${d.title ?? ''}`), label: `${d.code} — ${d.title ?? ''}` })),
        );
        return toDoc(docs.find((d) => d.id === picked.id)!);
      },
    },
    opts,
  );
}

export interface DocumentInput {
  code: string;
  title?: string | null;
  issuedOn?: IsoDate | null;
  issuingBody?: string | null;
  note?: string | null;
  illustrative?: boolean;
}

export function addDocument(db: Db, audit: Audit, input: DocumentInput): number {
  return writeTransaction(db, () => {
    const parsed = parseDocCode(input.code ?? '');
    if (!parsed) throw new UsageError('doc.badCode', { value: input.code });
    if (db.prepare('SELECT 1 FROM document WHERE code = ?').get(parsed.code)) throw new UsageError('doc.codeTaken', { code: parsed.code });
    const title = optionalText(input.title);
    const id = Number(
      db
        .prepare(
          `INSERT INTO document (code, code_folded, number, type, issuer, title, title_folded, issued_on, issuing_body, note, illustrative, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(parsed.code, fold(parsed.code), parsed.number, parsed.type, parsed.issuer, title, title ? fold(title) : null, input.issuedOn ?? null, optionalText(input.issuingBody), input.note ?? null, input.illustrative ? 1 : 0, audit.at).lastInsertRowid,
    );
    logChange(db, audit, 'document', id, 'create', { ...input, ...parsed, title });
    return id;
  });
}
