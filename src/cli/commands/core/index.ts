/** init, db, log, and the registries of units, people and documents. */
import { schemaVersionOf, tableCounts } from '../../../store/db.js';
import { Option, type Command } from 'commander';
import { chmodSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDateVi } from '../../../domain/dates.js';
import { DOC_TYPES, KNOWN_ISSUERS } from '../../../domain/documents.js';
import { cleanText } from '../../../domain/text.js';
import type { Column } from '../../../render/output.js';
import { listChanges } from '../../../store/changelog.js';
import { backupDatabase, migrate, type Db } from '../../../store/db.js';
import { changeMembership } from '../../../store/memberships.js';
import { personalData } from '../../../store/people-import.js';
import { addDocument, getDocument, listDocuments, resolveDocument } from '../../../store/documents.js';
import { SCHEMA_VERSION } from '../../../store/migrations.js';
import { addPerson, editPerson, getPerson, iteratePeople, iteratePeopleJson, resolvePerson, type Person } from '../../../store/people.js';
import { jsonArrayChunks } from '../../../render/output.js';
import { loadSample } from '../../../store/sample/index.js';
import { addUnit, editUnit, getUnit, listUnits, resolveUnit, UNIT_KINDS, type Unit, type UnitKind } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { listedOption } from '../../program.js';
import { registerPersonImport } from './person-import.js';
import { registerUnitImport } from './unit-import.js';
import { registerUnitMerge } from './unit-merge.js';
import { registerMaintenance } from './maintenance.js';
import { registerCopy } from './copy.js';
import { engineInfo } from '../../../store/pg/info.js';
import { registerDocEdit, registerRemove } from '../edit/index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerCore(program: Command, cli: Cli): void {
  registerInit(program, cli);
  registerDb(program, cli);
  registerLog(program, cli);
  registerUnits(program, cli);
  registerPeople(program, cli);
  registerDocs(program, cli);
}

function registerInit(program: Command, cli: Cli) {
  const cmd = cli
    .command(program, 'init', 'cmd.init', ['thuky init', 'thuky init --sample quan1-2017 --db ./quan1.db'])
    .option('--sample <name>', cli.t('cmd.init.opt.sample'));
  cli.action<{ sample?: string }>(cmd, (env, opts) => {
    const db = env.db();
    secureFile(env.dbPath);
    if (opts.sample) {
      const loaded = loadSample(db, env.audit(), opts.sample);
      env.info(loaded ? 'init.sampleLoaded' : 'init.sampleAlready', { name: opts.sample, path: env.dbPath });
    } else {
      env.info('init.ready', { path: env.dbPath, version: SCHEMA_VERSION });
    }
  });
}

/** The file holds personal data: owner-only, whatever the umask was. */
function secureFile(path: string) {
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch {
    // A file we cannot chmod (not ours) is left as its owner set it.
  }
}

const TABLES = ['unit', 'person', 'membership_history', 'document', 'meeting', 'speech', 'conclusion', 'task', 'task_event', 'plan', 'evaluation', 'activity', 'draft', 'change_log'];

function registerDb(program: Command, cli: Cli) {
  const db = cli.command(program, 'db', 'cmd.db', ['thuky db info', 'thuky db migrate']);
  const info = cli.command(db, 'info', 'cmd.db.info', ['thuky db info --json']);
  cli.action(info, (env) => {
    const handle = env.readDb();
    const counts = tableCounts(handle, TABLES);
    const engine = engineInfo(handle);
    if (engine) {
      // PostgreSQL: the engine, the server and the connection (never a password) instead of a file.
      const result = { engine: engine.engine, serverVersion: engine.serverVersion, connection: engine.connection, schemaVersion: schemaVersionOf(handle), supportedVersion: SCHEMA_VERSION, counts };
      return env.record(result, () =>
        [
          `${env.t('db.info.engine')}: PostgreSQL`,
          `${env.t('db.info.server')}: ${result.serverVersion}`,
          `${env.t('db.info.connection')}: ${result.connection}`,
          `${env.t('db.info.version')}: ${result.schemaVersion}`,
          ...Object.entries(counts).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
        ].join('\n'),
      );
    }
    const mode = (statSync(env.dbPath).mode & 0o777).toString(8);
    const result = { path: env.dbPath, schemaVersion: schemaVersionOf(handle), supportedVersion: SCHEMA_VERSION, fileMode: mode, counts };
    return env.record(result, () =>
      [
        `${env.t('db.info.path')}: ${result.path}`,
        `${env.t('db.info.version')}: ${result.schemaVersion}`,
        `${env.t('db.info.mode')}: ${mode}`,
        ...Object.entries(counts).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
      ].join('\n'),
    );
  });
  const backup = cli.command(db, 'backup [file]', 'cmd.db.backup', ['thuky db backup', 'thuky db backup /media/usb/thuky-2026-11-27.db']);
  cli.action(backup, (env, _opts, file?: string) => {
    const handle = env.readDb();
    const stamp = env.ctx.now().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const target = file ? resolve(env.ctx.cwd, file) : env.dbPath.replace(/(\.db)?$/, `-${stamp}.db`);
    backupDatabase(handle, target);
    env.info('db.backedUp', { path: target });
    if (env.format === 'json') env.print(JSON.stringify({ path: target }));
  });
  const mig = cli.command(db, 'migrate', 'cmd.db.migrate', ['thuky db migrate --db ./quan1.db']);
  cli.action(mig, (env) => {
    const handle = env.db();
    const result = migrate(handle);
    env.info('db.migrated', { path: env.dbPath, version: result.to });
  });
  registerMaintenance(db, cli);
  registerCopy(db, cli);
}

function registerLog(program: Command, cli: Cli) {
  const cmd = cli
    .command(program, 'log', 'cmd.log', ['thuky log --since 01/11/2026', 'thuky log --entity task --json'])
    .option('--entity <kind>', cli.t('cmd.log.opt.entity'))
    .option('--since <date>', cli.t('cmd.log.opt.since'))
    .option('--limit <n>', cli.t('cmd.log.opt.limit'));
  withFileOptions(cmd, cli.t);
  cli.action<{ entity?: string; since?: string; limit?: string }>(cmd, (env, opts) => {
    const since = env.optionalDate('--since', opts.since);
    const rows = listChanges(env.readDb(), { entity: opts.entity, since, limit: env.int('--limit', opts.limit, 1, 1_000_000) });
    // For people (a table, Markdown), one `field=value` per field, so that a long change wraps between fields; for programs the JSON as stored.
    const table = env.format === 'table' || env.format === 'md';
    const summary = (r: (typeof rows)[number]) => {
      if (!r.changes) return '';
      if (!table || typeof r.changes !== 'object' || Array.isArray(r.changes)) return JSON.stringify(r.changes);
      return Object.entries(r.changes as Record<string, unknown>)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');
    };
    return env.list(rows, [
      { key: 'id', label: 'col.id', type: 'number', priority: 1 },
      { key: 'runId', label: 'col.run', type: 'number', priority: 3 },
      { key: 'at', label: 'col.at', type: 'datetime', priority: 1 },
      { key: 'user', label: 'col.user', priority: 4 },
      { key: 'command', label: 'col.command', priority: 2, minWidth: 12 },
      { key: 'entity', label: 'col.entity', priority: 3 },
      { key: 'entityId', label: 'col.entityId', priority: 3 },
      { key: 'action', label: 'col.action', priority: 3 },
      { key: 'changes', label: 'col.changes', display: summary, priority: 2, minWidth: 20, maxWidth: 80 },
    ]);
  });
}

function parseKind(value: string | undefined, field: string): UnitKind | undefined {
  if (value === undefined) return undefined;
  if (!(UNIT_KINDS as readonly string[]).includes(value)) throw new UsageError('input.badChoice', { field, value, accepted: UNIT_KINDS.join(', ') });
  return value as UnitKind;
}

export function unitColumns(t: Env['t']): Column<Unit>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'code', label: 'col.code', priority: 3, wrap: false },
    { key: 'name', label: 'col.name', priority: 1, minWidth: 16 },
    { key: 'kind', label: 'col.kind', display: (u) => t(`unit.kind.${u.kind}`), priority: 3, minWidth: 8 },
    { key: 'parentName', label: 'col.parent', priority: 4, minWidth: 14 },
    { key: 'validFrom', label: 'col.validFrom', type: 'date', priority: 2 },
    { key: 'validTo', label: 'col.validTo', type: 'date', priority: 2 },
    { key: 'successors', label: 'col.successors', type: 'list', priority: 4, minWidth: 14 },
  ];
}

function unitText(env: Env, u: Unit): string {
  const line = (label: string, value: string | null | undefined) => `${env.t(label).padEnd(18)} ${value ?? ''}`;
  return [
    line('col.name', u.name),
    line('col.id', String(u.id)),
    line('col.code', u.code),
    line('col.kind', env.t(`unit.kind.${u.kind}`)),
    line('col.parent', u.parentName),
    line('col.validFrom', u.validFrom ? formatDateVi(u.validFrom) : env.t('unit.sinceEver')),
    line('col.validTo', u.validTo ? formatDateVi(u.validTo) : env.t('unit.stillExists')),
    line('col.successors', u.successors.join(', ')),
    line('col.predecessors', u.predecessors.join(', ')),
    ...(u.note ? [line('col.note', u.note)] : []),
    ...(u.illustrative ? [env.t('common.illustrative')] : []),
  ].join('\n');
}

function registerUnits(program: Command, cli: Cli) {
  const unit = cli.command(program, 'unit', 'cmd.unit', ['thuky unit list --kind ward --at 17/06/2017']);

  const add = cli
    .command(unit, 'add <name>', 'cmd.unit.add', ['thuky unit add "Phường Bến Nghé" --code BN --kind ward --parent Q1 --to 30/06/2025'])
    .option('--code <code>', cli.t('cmd.unit.opt.code'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS).default('ward'))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--from <date>', cli.t('cmd.unit.opt.from'))
    .option('--to <date>', cli.t('cmd.unit.opt.to'))
    .option('--successor <unit>', cli.t('cmd.unit.opt.successor'), collect)
    .option('--note <text>', cli.t('opt.note'));
  cli.action<{ code?: string; kind: string; parent?: string; from?: string; to?: string; successor?: string[]; note?: string }>(add, (env, opts, name: string) => {
    const kind = parseKind(opts.kind, '--kind')!;
    const validFrom = env.optionalDate('--from', opts.from);
    const validTo = env.optionalDate('--to', opts.to);
    const db = env.db();
    const parentId = opts.parent ? resolveUnit(db, opts.parent, { at: validFrom ?? env.today() }).id : null;
    const successorIds = (opts.successor ?? []).map((s) => resolveUnit(db, s).id);
    const id = addUnit(db, env.audit(), { name, code: opts.code ?? null, kind, parentId, validFrom, validTo, successorIds, note: opts.note ?? null });
    const created = getUnit(db, id)!;
    env.info('unit.added', { id, name: created.name });
    if (env.format === 'json') env.json(created);
  });

  const list = cli
    .command(unit, 'list', 'cmd.unit.list', ['thuky unit list --kind ward --at 17/06/2017', 'thuky unit list --kind ward --at 2025-12-31 --json'])
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS))
    .option('--at <date>', cli.t('cmd.unit.opt.at'))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--search <text>', cli.t('opt.search'));
  withFileOptions(list, cli.t);
  cli.action<{ kind?: string; at?: string; parent?: string; search?: string }>(list, (env, opts) => {
    const kind = parseKind(opts.kind, '--kind');
    const at = env.optionalDate('--at', opts.at);
    const db = env.readDb();
    const parentId = opts.parent ? resolveUnit(db, opts.parent, { at: at ?? env.today() }).id : undefined;
    return env.list(listUnits(db, { kind, at, parentId, search: opts.search }), unitColumns(env.t));
  });

  const show = cli
    .command(unit, 'show <unit>', 'cmd.unit.show', ['thuky unit show "ben nghe"', 'thuky unit show BN --json'])
    .option('--at <date>', cli.t('cmd.unit.opt.atPick'));
  cli.action<{ at?: string }>(show, (env, opts, query: string) => {
    const db = env.readDb();
    const u = resolveUnit(db, query, { at: env.optionalDate('--at', opts.at) ?? env.today(), idNotFoundExit1: true });
    return env.record(u, () => unitText(env, u));
  });

  const edit = cli
    .command(unit, 'edit <unit>', 'cmd.unit.edit', ['thuky unit edit BN --to 30/06/2025 --successor "Phường Sài Gòn"'])
    .option('--name <name>', cli.t('cmd.unit.opt.name'))
    .option('--code <code>', cli.t('cmd.unit.opt.code'))
    .addOption(listedOption('--kind <kind>', cli.t('cmd.unit.opt.kind'), UNIT_KINDS))
    .option('--parent <unit>', cli.t('cmd.unit.opt.parent'))
    .option('--from <date>', cli.t('cmd.unit.opt.from'))
    .option('--to <date>', cli.t('cmd.unit.opt.to'))
    .option('--successor <unit>', cli.t('cmd.unit.opt.successor'), collect)
    .option('--note <text>', cli.t('opt.note'));
  cli.action<{ name?: string; code?: string; kind?: string; parent?: string; from?: string; to?: string; successor?: string[]; note?: string }>(edit, (env, opts, query: string) => {
    const db = env.db();
    const u = resolveUnit(db, query, { at: env.today(), idNotFoundExit1: true });
    const patch = {
      ...(opts.name !== undefined && { name: opts.name }),
      ...(opts.code !== undefined && { code: opts.code }),
      ...(opts.kind !== undefined && { kind: parseKind(opts.kind, '--kind') }),
      ...(opts.parent !== undefined && { parentId: resolveUnit(db, opts.parent).id }),
      ...(opts.from !== undefined && { validFrom: env.date('--from', opts.from) }),
      ...(opts.to !== undefined && { validTo: env.date('--to', opts.to) }),
      ...(opts.note !== undefined && { note: opts.note }),
      ...(opts.successor && { addSuccessorIds: opts.successor.map((s) => resolveUnit(db, s).id) }),
    };
    if (!Object.keys(patch).length) throw new UsageError('input.nothingToChange');
    const after = editUnit(db, env.audit(), u.id, patch);
    env.info('unit.edited', { id: after.id, name: after.name });
    return env.record(after, () => unitText(env, after));
  });
  registerUnitImport(unit, cli);
  registerUnitMerge(unit, cli);
  registerRemove(unit, cli, 'unit');
}

/** A person with the personal data asked for by --show-personal. */
type PersonShown = Person & { birthOn?: string | null; partyCard?: string | null };

function personColumns(showPersonal = false): Column<PersonShown>[] {
  return [
    { key: 'id', label: 'col.id', type: 'number', priority: 1 },
    { key: 'fullName', label: 'col.fullName', priority: 1, minWidth: 14 },
    { key: 'unitName', label: 'col.unit', priority: 2, minWidth: 14 },
    { key: 'positions', label: 'col.positions', type: 'list', priority: 3, minWidth: 14 },
    { key: 'isMember', label: 'col.isMember', type: 'bool', priority: 4 },
    { key: 'active', label: 'col.active', type: 'bool', priority: 5 },
    ...(showPersonal
      ? ([
          { key: 'birthOn', label: 'col.birthOn', type: 'date', priority: 3 },
          { key: 'partyCard', label: 'col.partyCard', priority: 3 },
        ] as Column<PersonShown>[])
      : []),
  ];
}

/** Adds the date of birth and card number, only when --show-personal asked for them. */
function* withPersonal(db: Db, people: Iterable<Person>): Generator<PersonShown> {
  for (const p of people) yield { ...p, ...personalData(db, p.id) };
}

function personText(env: Env, p: PersonShown): string {
  const line = (label: string, value: string | null | undefined) => `${env.t(label).padEnd(18)} ${value ?? ''}`;
  return [
    line('col.fullName', p.fullName),
    line('col.id', String(p.id)),
    line('col.unit', p.unitName),
    line('col.positions', p.positions.join('; ')),
    line('col.isMember', p.isMember ? env.t('common.yes') : env.t('common.no')),
    line('col.active', p.active ? env.t('common.yes') : env.t('common.no')),
    ...(p.birthOn !== undefined ? [line('col.birthOn', p.birthOn ? formatDateVi(p.birthOn) : '')] : []),
    ...(p.partyCard !== undefined ? [line('col.partyCard', p.partyCard)] : []),
    ...(p.note ? [line('col.note', p.note)] : []),
    ...(p.illustrative ? [env.t('common.illustrative')] : []),
  ].join('\n');
}

function registerPeople(program: Command, cli: Cli) {
  const person = cli.command(program, 'person', 'cmd.person', ['thuky person list --search "huynh thanh hai"']);

  const add = cli
    .command(person, 'add <fullName>', 'cmd.person.add', ['thuky person add "Nguyễn Văn An" --unit "ben nghe" --position "Bí thư chi bộ khu phố 1"'])
    .option('--unit <unit>', cli.t('cmd.person.opt.unit'))
    .option('--position <text>', cli.t('cmd.person.opt.position'), collect)
    .option('--not-member', cli.t('cmd.person.opt.notMember'))
    .option('--note <text>', cli.t('opt.note'));
  cli.action<{ unit?: string; position?: string[]; notMember?: boolean; note?: string }>(add, (env, opts, fullName: string) => {
    if (!cleanText(fullName)) throw new UsageError('person.nameEmpty');
    const db = env.db();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: env.today() }).id : null;
    const id = addPerson(db, env.audit(), { fullName, unitId, positions: opts.position ?? [], isMember: !opts.notMember, note: opts.note ?? null });
    env.info('person.added', { id, name: cleanText(fullName) });
    if (env.format === 'json') env.json(getPerson(db, id));
  });

  const list = cli
    .command(person, 'list', 'cmd.person.list', ['thuky person list --unit "ben nghe"', 'thuky person list --search "huynh thanh hai" --json'])
    .option('--unit <unit>', cli.t('cmd.person.opt.unit'))
    .option('--search <text>', cli.t('opt.search'))
    .option('--members', cli.t('cmd.person.opt.members'))
    .option('--inactive', cli.t('cmd.person.opt.inactive'))
    .option('--show-personal', cli.t('cmd.person.opt.showPersonal'));
  withFileOptions(list, cli.t);
  cli.action<{ unit?: string; search?: string; members?: boolean; inactive?: boolean; showPersonal?: boolean }>(list, (env, opts) => {
    const db = env.readDb();
    const unitId = opts.unit ? resolveUnit(db, opts.unit, { at: env.today() }).id : undefined;
    const filter = { unitId, search: opts.search, members: opts.members ? true : undefined, active: opts.inactive ? undefined : true };
    const people = iteratePeople(db, filter);
    if (opts.showPersonal) return env.list(withPersonal(db, people), personColumns(true));
    // JSON in a pipe or a file: built by SQLite.
    return env.list(people, personColumns(false), env.format, (format) => (format === 'json' ? jsonArrayChunks(iteratePeopleJson(db, filter)) : undefined));
  });

  const show = cli
    .command(person, 'show <person>', 'cmd.person.show', ['thuky person show "hoang thi to nga"', 'thuky person show "nguyen van an" --show-personal'])
    .option('--show-personal', cli.t('cmd.person.opt.showPersonal'));
  cli.action<{ showPersonal?: boolean }>(show, (env, opts, query: string) => {
    const db = env.readDb();
    const found = resolvePerson(db, query, { idNotFoundExit1: true });
    const p: PersonShown = opts.showPersonal ? { ...found, ...personalData(db, found.id) } : found;
    return env.record(p, () => personText(env, p));
  });

  registerPersonImport(person, cli);

  const edit = cli
    .command(person, 'edit <person>', 'cmd.person.edit', ['thuky person edit "nguyen van an" --position "Phó Bí thư Đảng ủy phường" --unit "ben nghe"'])
    .option('--name <fullName>', cli.t('cmd.person.opt.name'))
    .option('--unit <unit>', cli.t('cmd.person.opt.unit'))
    .option('--since <date>', cli.t('cmd.person.opt.since'))
    .option('--position <text>', cli.t('cmd.person.opt.positionReplace'), collect)
    .option('--member', cli.t('cmd.person.opt.member'))
    .option('--not-member', cli.t('cmd.person.opt.notMember'))
    .option('--inactive', cli.t('cmd.person.opt.setInactive'))
    .option('--active', cli.t('cmd.person.opt.setActive'))
    .option('--note <text>', cli.t('opt.note'));
  cli.action<{ name?: string; unit?: string; since?: string; position?: string[]; member?: boolean; notMember?: boolean; inactive?: boolean; active?: boolean; note?: string }>(edit, (env, opts, query: string) => {
    if (opts.since !== undefined && opts.unit === undefined && opts.position === undefined) throw new UsageError('person.sinceNeedsUnit');
    const since = opts.since !== undefined ? env.date('--since', opts.since) : env.today();
    const db = env.db();
    const p = resolvePerson(db, query, { idNotFoundExit1: true });
    // A move to another unit keeps the former membership (and its positions) for the reports about it.
    if (opts.unit !== undefined || opts.position !== undefined) {
      const unitId = opts.unit !== undefined ? resolveUnit(db, opts.unit, { at: since }).id : undefined;
      const positions = opts.position?.map(cleanText).filter(Boolean);
      changeMembership(db, env.audit(), p.id, { unitId, positions }, since);
    }
    if (opts.member && opts.notMember) throw new UsageError('input.conflict', { a: '--member', b: '--not-member' });
    if (opts.active && opts.inactive) throw new UsageError('input.conflict', { a: '--active', b: '--inactive' });
    const patch = {
      ...(opts.name !== undefined && { fullName: opts.name }),
      ...(opts.unit !== undefined && { unitId: resolveUnit(db, opts.unit, { at: env.today() }).id }),
      ...(opts.position && { positions: opts.position }),
      ...(opts.member && { isMember: true }),
      ...(opts.notMember && { isMember: false }),
      ...(opts.active && { active: true }),
      ...(opts.inactive && { active: false }),
      ...(opts.note !== undefined && { note: opts.note }),
    };
    if (!Object.keys(patch).length) throw new UsageError('input.nothingToChange');
    const after = editPerson(db, env.audit(), p.id, patch);
    env.info('person.edited', { id: after.id, name: after.fullName });
    return env.record(after, () => personText(env, after));
  });
  registerRemove(person, cli, 'person');
}

function registerDocs(program: Command, cli: Cli) {
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
    const d = withTypeNames(env, resolveDocument(env.readDb(), query, { idNotFoundExit1: true }));
    return env.record(d, () => {
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
