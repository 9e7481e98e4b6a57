/** person add, edit, list, show: the registry of people. */
import { type Command } from 'commander';
import { formatDateVi, type IsoDate } from '../../../domain/dates.js';
import { cleanText } from '../../../domain/text.js';
import { type Db } from '../../../store/db.js';
import { changeMembership } from '../../../store/memberships.js';
import { personalData } from '../../../store/people-import.js';
import { addPerson, editPerson, getPerson, iteratePeople, iteratePeopleJson, resolvePerson, type Person } from '../../../store/people.js';
import { jsonArrayChunks, type Column } from '../../../render/output.js';
import { resolveUnit } from '../../../store/units.js';
import { withFileOptions } from '../../output-file.js';
import type { Env } from '../../env.js';
import { UsageError } from '../../../errors.js';
import type { Cli } from '../../program.js';
import { assertVersion, rowIdentity } from '../../../store/versions.js';
import { writeTransaction } from '../../../store/transaction.js';
import { registerPersonImport } from './person-import.js';
import { registerRemove } from '../edit/index.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

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

export function registerPeople(program: Command, cli: Cli) {
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
    // The uid, and the version an edit can name (--if-version) to be refused if someone changed the person since.
    return env.record({ ...p, ...rowIdentity(db, 'person', p.id) }, () => personText(env, p));
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
    .option('--note <text>', cli.t('opt.note'))
    .option('--if-version <n>', cli.t('cmd.edit.opt.ifVersion'));
  cli.action<{ name?: string; unit?: string; since?: string; position?: string[]; member?: boolean; notMember?: boolean; inactive?: boolean; active?: boolean; note?: string; ifVersion?: string }>(edit, (env, opts, query: string) => {
    if (opts.since !== undefined && opts.unit === undefined && opts.position === undefined) throw new UsageError('person.sinceNeedsUnit');
    const since = opts.since !== undefined ? env.date('--since', opts.since) : env.today();
    const ifVersion = env.int('--if-version', opts.ifVersion, 1, Number.MAX_SAFE_INTEGER);
    const db = env.db();
    const p = resolvePerson(db, query, { idNotFoundExit1: true });
    // One transaction: the version checked, the membership moved and the person changed, or nothing.
    const after = writeTransaction(db, () => editPersonCommand(env, db, p, opts, since, ifVersion));
    env.info('person.edited', { id: after.id, name: after.fullName });
    return env.record(after, () => personText(env, after));
  });
  registerRemove(person, cli, 'person');
}

type PersonEditOpts = { name?: string; unit?: string; position?: string[]; member?: boolean; notMember?: boolean; inactive?: boolean; active?: boolean; note?: string };

/** person edit's writes: the version checked first, then the membership and the person's fields. */
function editPersonCommand(env: Env, db: Db, p: Person, opts: PersonEditOpts, since: IsoDate, ifVersion: number | undefined): Person {
    assertVersion(db, 'person', p.id, ifVersion, env.audit().at);
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
    return editPerson(db, env.audit(), p.id, patch);
}
