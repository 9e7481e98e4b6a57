/** Tasks and breakthroughs: `task …`, `breakthrough …`, `overdue`, and `report tasks`. */
import type { Command } from 'commander';
import type { Cli } from '../../program.js';
import type { Parents } from '../index.js';
import { registerBreakthroughCommands } from './breakthrough.js';
import { registerOverdue } from './overdue.js';
import { registerTaskReport } from './report.js';
import { registerTaskCommands } from './task.js';

export function registerTasks(program: Command, cli: Cli, parents: Parents): void {
  registerTaskCommands(program, cli);
  registerBreakthroughCommands(program, cli);
  registerOverdue(program, cli);
  registerTaskReport(cli, parents);
}
