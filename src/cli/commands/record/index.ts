import type { Command } from 'commander';
import type { Cli } from '../../program.js';
import type { Parents } from '../index.js';

export function registerRecord(program: Command, cli: Cli, parents: Parents): void {
  void program;
  void cli;
  void parents;
}
