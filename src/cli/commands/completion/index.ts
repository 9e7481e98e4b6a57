/** thuky completion bash|zsh|fish */
import { realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Command } from 'commander';
import { completionScript } from '../../completion-scripts.js';
import { SHELLS, type Shell } from '../../completion.js';
import type { Ctx } from '../../context.js';
import type { Cli } from '../../program.js';

export function registerCompletion(program: Command, cli: Cli): void {
  const cmd = cli.command(program, 'completion <shell>', 'cmd.completion', [
    'thuky completion bash > ~/.local/share/bash-completion/completions/thuky',
    'thuky completion zsh > "${fpath[1]}/_thuky"',
    'thuky completion fish > ~/.config/fish/completions/thuky.fish',
  ]);
  cmd.addHelpText('after', `\n${cli.t('cmd.completion.now')}:\n  $ source <(thuky completion bash)\n  $ source <(thuky completion zsh)\n  $ thuky completion fish | source\n`);
  cmd.registeredArguments[0]?.choices(SHELLS);
  cli.action(cmd, (env, _opts, shell: Shell) => {
    env.print(completionScript(shell, callBack(env.ctx)));
  });
}

/**
 * How the script calls thuky back: `thuky` when that name on the PATH is this very program, else
 * node and this script's absolute path (run as `node bin/thuky.js`, or from a checkout).
 */
function callBack(ctx: Ctx): string[] {
  const self = ctx.self;
  if (!self) return ['thuky'];
  try {
    const script = realpathSync(self[1]);
    for (const dir of (ctx.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      try {
        if (realpathSync(join(dir, 'thuky')) === script) return ['thuky'];
      } catch {
        // not in this folder
      }
    }
  } catch {
    // the script's path cannot be resolved: call it as it was called
  }
  return self;
}
