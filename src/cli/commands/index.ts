/** Every command, declared in one place. Each feature module adds its own sub-commands. */
import type { Command } from 'commander';
import type { Cli } from '../program.js';
import { registerCore } from './core/index.js';
import { registerTasks } from './tasks/index.js';
import { registerMeetings } from './meetings/index.js';
import { registerCompliance } from './compliance/index.js';
import { registerRecord } from './record/index.js';
import { registerCompletion } from './completion/index.js';
import { registerUndo } from './undo/index.js';
import { registerSync } from './sync.js';
import { registerSyncStatus } from './sync-status.js';

export interface Parents {
  /** `thuky report …`, shared by the task statistics and the compliance table. */
  report: Command;
  /** `thuky meeting …`, shared by the flag commands and the interactive minutes session. */
  meeting: Command;
}

export function registerCommands(program: Command, cli: Cli): void {
  registerCore(program, cli);
  const report = cli.command(program, 'report', 'cmd.report', ['thuky report tasks --period 2017 --as-of 31/12/2017']);
  const meeting = cli.command(program, 'meeting', 'cmd.meeting', ['thuky meeting show 1', 'thuky meeting record']);
  const parents: Parents = { report, meeting };
  registerTasks(program, cli, parents);
  registerMeetings(program, cli, parents);
  registerRecord(program, cli, parents);
  registerCompliance(program, cli, parents);
  registerCompletion(program, cli);
  registerUndo(program, cli);
  registerSyncStatus(registerSync(program, cli), cli);
}
