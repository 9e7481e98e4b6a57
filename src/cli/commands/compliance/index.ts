/** Personal plans, year-end evaluations, propaganda activities, and the compliance table. */
import type { Command } from 'commander';
import type { Cli } from '../../program.js';
import type { Parents } from '../index.js';
import { registerActivities } from './activities.js';
import { registerEvaluations } from './evaluations.js';
import { registerPlans } from './plans.js';
import { registerComplianceReport } from './report.js';

export function registerCompliance(program: Command, cli: Cli, parents: Parents): void {
  registerPlans(program, cli);
  registerEvaluations(program, cli);
  registerActivities(program, cli);
  registerComplianceReport(cli, parents);
}
