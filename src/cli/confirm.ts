/** Asking before a change that removes or reverts records. */
import type { Params } from '../i18n/index.js';
import type { Env } from './env.js';
import { UsageError } from '../errors.js';

/**
 * Whether to go ahead: yes with -y/--yes; on a terminal, the user's answer; without a terminal and
 * without -y, a usage error (exit 2) saying -y is needed — a script never hangs on a question.
 */
export async function confirmChange(env: Env, questionKey: string, params: Params, needsYesKey = 'confirm.needsYes'): Promise<boolean> {
  if (env.globals.yes) return true;
  if (!env.ctx.stdinIsTTY || !env.ctx.stdout.isTTY) throw new UsageError(needsYesKey, params);
  const prompter = env.ctx.prompter ?? (await (await import('../prompts/inquirer.js')).inquirerPrompter({ t: env.t }));
  return prompter.confirm({ message: env.t(questionKey, params), default: false });
}
