/**
 * The scripts `thuky completion bash|zsh|fish` prints. Each asks `thuky __complete <shell> -- <words>`
 * at every TAB (see completion.ts for what comes back) and stays silent when nothing comes back.
 */
import type { Shell } from './completion.js';

/** A word for bash and zsh, in single quotes. */
function shQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A word for fish, in single quotes (fish escapes \ and ' inside them). */
function fishQuote(word: string): string {
  return `'${word.replace(/[\\']/g, '\\$&')}'`;
}

/** `command` is how the script calls thuky back: `thuky`, or node and the script's absolute path. */
export function completionScript(shell: Shell, command: string[]): string {
  if (shell === 'bash') return bash(command.map(shQuote).join(' '));
  if (shell === 'zsh') return zsh(command.map(shQuote).join(' '));
  return fish(command.map(fishQuote).join(' '));
}

function bash(cmd: string): string {
  return `# thuky: shell completion for bash. Install: source <(thuky completion bash)
_thuky_complete() {
  local -a reply
  COMPREPLY=()
  mapfile -t reply < <(${cmd} __complete bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  case "\${reply[0]}" in
    files)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}")
      ;;
    values)
      COMPREPLY=("\${reply[@]:1}")
      ;;
  esac
  return 0
}
complete -o nosort -F _thuky_complete thuky 2>/dev/null || complete -F _thuky_complete thuky
`;
}

function zsh(cmd: string): string {
  return `#compdef thuky
# thuky: shell completion for zsh. Install (after compinit): source <(thuky completion zsh)
_thuky() {
  local -a reply values descriptions shown
  local line
  local -i i width=0
  reply=("\${(@f)$(${cmd} __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case "\${reply[1]}" in
    files) _files; return ;;
    values*) ;;
    *) return 1 ;;
  esac
  for line in "\${(@)reply[2,-1]}"; do
    [[ -z "$line" ]] && continue
    values+=("\${line%%$'\\t'*}")
    if [[ "$line" == *$'\\t'* ]]; then descriptions+=("\${line#*$'\\t'}"); else descriptions+=(""); fi
    (( \${#values[-1]} > width )) && width=\${#values[-1]}
  done
  (( \${#values} )) || return 1
  for (( i = 1; i <= \${#values}; i++ )); do
    if [[ -n "\${descriptions[i]}" ]]; then shown+=("\${(r:width:)values[i]}  -- \${descriptions[i]}"); else shown+=("\${values[i]}"); fi
  done
  compadd -U -V thuky -l -d shown -a values
}
# Loaded from a file on $fpath (autoload): complete now; sourced: register.
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  _thuky "$@"
elif (( $+functions[compdef] )); then
  compdef _thuky thuky
fi
`;
}

function fish(cmd: string): string {
  return `# thuky: shell completion for fish. Install: thuky completion fish > ~/.config/fish/completions/thuky.fish
function __thuky_complete
    set -l tokens (commandline -opc)
    set -l reply (${cmd} __complete fish -- $tokens[2..-1] (commandline -ct) 2>/dev/null)
    or return
    switch (string split -m 1 \\t -- "$reply[1]")[1]
        case files
            __fish_complete_path (commandline -ct)
        case values
            printf '%s\\n' $reply[2..-1]
    end
end
complete -c thuky -f -a '(__thuky_complete)'

# fish keeps only candidates that begin with the word as typed, so a name typed without accents
# ("ben") is first put in its accented form ("Phường Bến "), then completed as usual. This takes
# the TAB key only while it does plain completion: a binding of your own is left alone.
function __thuky_tab
    set -l tokens (commandline -opc)
    if test "$tokens[1]" = thuky
        set -l reply (${cmd} __complete fish -- $tokens[2..-1] (commandline -ct) 2>/dev/null)
        set -l head (string split -m 1 \\t -- "$reply[1]")
        if test "$head[1]" = values; and set -q head[2]; and test -n "$head[2]"
            commandline -rt -- (string escape -- "$head[2]")
        end
    end
    commandline -f complete
end
for mode in default insert
    if string match -qr '\\scomplete$' -- (bind -M $mode \\t 2>/dev/null)
        bind -M $mode \\t __thuky_tab
    end
end
`;
}
