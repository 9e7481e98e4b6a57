import { processContext } from './cli/context.js';
import { runCli } from './cli/program.js';

/** Entry point of the built bundle; bin/thuky.js sets the exit code it returns. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  return runCli(argv, processContext());
}
