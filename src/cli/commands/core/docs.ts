/** doc add, list, show: the registry of documents. */
import { Option, type Command } from 'commander';
import { formatDateVi } from '../../../domain/dates.js';
import { DOC_TYPES, KNOWN_ISSUERS } from '../../../domain/documents.js';
import { addDocument, getDocument, listDocuments, resolveDocument } from '../../../store/documents.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import type { Cli } from '../../program.js';
import { registerDocEdit, registerRemove } from '../edit/index.js';
import { rowIdentity } from '../../../store/versions.js';

export function registerDocs(program: Command, cli: Cli) {
  const doc = cli.command(program, 'doc', 'cmd.doc', ['thuky doc show 05-CT/TW']);
  const types = Object.keys(DOC_TYPES).join(', ');

  const add = cli
    .command(doc, 'add <code>', 'cmd.doc.add', ['thuky doc add 05-CT/TW --title "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh" --date 15/05/2016 --body "Bộ Chính trị"'])
    .option('--title <text>', cli.t('cmd.doc.opt.title'))
    .option('--date <date>', cli.t('cmd.doc.opt.date'))
    .option('--body <text>', cli.t('cmd.doc.opt.body'))
    .option('--note <text>', cli.t('opt.note'));
  add.addHelpText('after', `\n${cli.t('doc.typesHelp', { types })}\n`);
  cli.action<{ title?: string; date?: string; body?: string; note?: string }>(add, (env, opts, code: string) => {
    const issuedOn = env.optionalDate('--date', opts.date);
    const db = env.db();
    const id = addDocument(db, env.audit(), { code, title: opts.title ?? null, issuedOn, issuingBody: opts.body ?? null, note: opts.note ?? null });
    const created = getDocument(db, id)!;
    env.info('doc.added', { id, code: created.code });
    if (env.format === 'json') env.json(withTypeNames(env, created));
  });

  const list = cli
    .command(doc, 'list', 'cmd.doc.list', ['thuky doc list --type CT', 'thuky doc list --search "ho chi minh" --json'])
    .addOption(new Option('--type <type>', cli.t('cmd.doc.opt.type')))
    .option('--search <text>', cli.t('opt.search'));
  withFileOptions(list, cli.t);
  cli.action<{ type?: string; search?: string }>(list, (env, opts) => {
    const rows = listDocuments(env.readDb(), { type: opts.type, search: opts.search }).map((d) => withTypeNames(env, d));
    return env.list(rows, [
      { key: 'id', label: 'col.id', type: 'number', priority: 1 },
      { key: 'code', label: 'col.code', priority: 1, wrap: false },
      { key: 'typeName', label: 'col.docType', priority: 3 },
      { key: 'issuer', label: 'col.issuer', priority: 4 },
      { key: 'issuedOn', label: 'col.date', type: 'date', priority: 2 },
      { key: 'title', label: 'col.title', priority: 1, minWidth: 20 },
    ]);
  });

  const show = cli.command(doc, 'show <doc>', 'cmd.doc.show', ['thuky doc show 05-CT/TW --json']);
  cli.action(show, (env, _opts, query: string) => {
    const db = env.readDb();
    const d = withTypeNames(env, resolveDocument(db, query, { idNotFoundExit1: true }));
    // The uid, and the version an edit can name (--if-version) to be refused if someone changed the document since.
    return env.record({ ...d, ...rowIdentity(db, 'document', d.id) }, () => {
      const line = (label: string, value: string | null | undefined) => `${env.t(label).padEnd(18)} ${value || env.t('common.notRecorded')}`;
      return [
        line('col.code', d.code),
        line('col.id', String(d.id)),
        line('col.docType', `${d.typeName} (${d.type})`),
        line('col.number', d.number),
        line('col.issuer', `${d.issuer}${d.issuerName ? ` — ${d.issuerName}` : ''}`),
        line('col.date', d.issuedOn ? formatDateVi(d.issuedOn) : ''),
        line('col.issuingBody', d.issuingBody),
        line('col.title', d.title),
        ...(d.note ? [line('col.note', d.note)] : []),
      ].join('\n');
    });
  });
  registerDocEdit(doc, cli);
  registerRemove(doc, cli, 'document');
}

function withTypeNames<D extends { type: string; issuer: string }>(env: Env, d: D) {
  const type = DOC_TYPES[d.type as keyof typeof DOC_TYPES];
  const issuer = KNOWN_ISSUERS[d.issuer];
  return { ...d, category: type ? type.en : null, typeName: type ? type[env.lang] : d.type, issuerName: issuer ? issuer[env.lang] : null };
}
