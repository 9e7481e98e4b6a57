/** thuky db restore FILE and thuky db check. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatDateVi } from '../../../domain/dates.js';
import type { Column } from '../../../render/output.js';
import { logChange } from '../../../store/changelog.js';
import { restoreIntoEmpty } from '../../../store/copy.js';
import { isPostgresUrl } from '../../../store/pg/url.js';
import { rebuildTallies } from '../../../store/tallies.js';
import { checkHealth, inspectBackup, restoreBackup, type BackupSummary, type Problem } from '../../../store/maintenance.js';
import { confirmChange } from '../../confirm.js';
import type { Env } from '../../env.js';
import { ExitCode } from '../../../errors.js';
import type { Cli } from '../../program.js';

export function registerMaintenance(db: Command, cli: Cli): void {
  const restore = cli
    .command(db, 'restore <file>', 'cmd.db.restore', ['thuky db restore thuky-20261127.db --dry-run', 'thuky db restore /media/usb/thuky-2026-11-27.db -y'])
    .option('--dry-run', cli.t('cmd.db.restore.opt.dryRun'));
  cli.action<{ dryRun?: boolean }>(restore, async (env, opts, file: string) => {
    const path = resolve(env.ctx.cwd, file);
    const summary = inspectBackup(path);
    if (opts.dryRun || env.format !== 'json') await env.record(summary, () => summaryText(env, summary));
    if (opts.dryRun) return;
    if (path === env.dbPath) {
      env.info('restore.same', { path });
      return ExitCode.usage;
    }
    const go = await confirmChange(env, 'restore.q.confirm', { path, target: env.dbPath }, 'restore.needsYes');
    if (!go) {
      env.info('undo.cancelled');
      return;
    }
    if (isPostgresUrl(env.dbPath)) {
      // On a server: into an empty database only, through db copy's rows (nothing to set aside).
      const result = restoreIntoEmpty(path, env.db(), env.dbPath);
      logChange(env.db(), env.audit(), 'database', null, 'restore', { from: path, rows: result.rows });
      if (env.format === 'json') env.json({ restoredFrom: path, path: env.dbPath, keptAs: null, rows: result.rows });
      env.info('restore.donePg', { path: env.dbPath, from: path, rows: result.rows });
      return;
    }
    const stamp = env.ctx.now().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const keptAs = restoreBackup(path, env.dbPath, stamp);
    // The restored database records that it was restored, and from where.
    logChange(env.db(), env.audit(), 'database', null, 'restore', { from: path, keptAs });
    if (env.format === 'json') env.json({ restoredFrom: path, path: env.dbPath, keptAs });
    env.info(keptAs ? 'restore.done' : 'restore.doneFresh', { path: env.dbPath, from: path, kept: keptAs });
  });

  const check = cli
    .command(db, 'check', 'cmd.db.check', ['thuky db check', 'thuky db check --json || echo "cần xem lại"', 'thuky db check --repair'])
    .option('--repair', cli.t('cmd.db.check.opt.repair'));
  cli.action<{ repair?: boolean }>(check, async (env, opts) => {
    // --repair may write: the database is opened for writing from the start (one connection a command).
    let report = checkHealth(opts.repair ? env.db() : env.readDb(), env.dbPath);
    const drifted = report.problems.filter((p) => p.kind === 'derived').length;
    if (opts.repair && drifted) {
      // Counts are derived from the rows: recounted in one transaction, then everything checked again.
      rebuildTallies(env.db());
      env.info('check.repaired', { n: drifted });
      report = checkHealth(env.db(), env.dbPath);
    }
    const rows = report.problems.map((p) => ({ ...p, message: problemText(env, p) }));
    if (env.format === 'json') {
      env.json({ ...report, ok: !report.problems.length, problems: rows.map(({ params: _p, ...r }) => r) });
    } else {
      env.ctx.stderr.write(
        `${[
          `${env.t('db.info.path')}: ${report.path}`,
          `${env.t('db.info.version')}: ${report.schemaVersion} (${env.t('check.supported', { n: report.supportedVersion })})`,
          `${env.t('check.integrity')}: ${report.integrity}`,
          `${env.t('check.size')}: ${mb(report.fileBytes)}; WAL ${mb(report.walBytes)}`,
        ].join('\n')}\n`,
      );
      if (rows.length) {
        const columns: Column<(typeof rows)[number]>[] = [
          { key: 'kind', label: 'check.col.kind', display: (r) => env.t(`check.kind.${r.kind}`) },
          { key: 'table', label: 'check.col.table' },
          { key: 'id', label: 'col.id' },
          { key: 'message', label: 'check.col.problem' },
        ];
        await env.list(rows, columns);
      }
      env.info(rows.length ? 'check.bad' : 'check.ok', { n: rows.length });
    }
    return rows.length ? ExitCode.runtime : ExitCode.ok;
  });
}

function mb(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function problemText(env: Env, p: Problem): string {
  const params = { ...p.params };
  for (const k of ['start', 'closed', 'due', 'day'] as const) {
    const v = params[k];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) params[k] = formatDateVi(v);
  }
  return env.t(p.key, params);
}

function summaryText(env: Env, s: BackupSummary): string {
  const last = s.lastChange ? `${s.lastChange.at} ${s.lastChange.user} ${s.lastChange.command}` : env.t('restore.noChange');
  return [
    env.t('restore.summary', { path: s.path, version: s.schemaVersion }),
    ...Object.entries(s.counts).map(([table, n]) => `  ${table.padEnd(12)} ${n}`),
    `${env.t('restore.lastChange')}: ${last}`,
  ].join('\n');
}
