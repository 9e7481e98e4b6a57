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
  local -a reply values shown
  local line
  reply=("\${(@f)$(${cmd} __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case "\${reply[1]}" in
    files) _files; return ;;
    values*) ;;
    *) return 1 ;;
  esac
  for line in "\${(@)reply[2,-1]}"; do
    [[ -z "$line" ]] && continue
    values+=("\${line%%$'\\t'*}")
    if [[ "$line" == *$'\\t'* ]]; then shown+=("\${line%%$'\\t'*}  -- \${line#*$'\\t'}"); else shown+=("$line"); fi
  done
  (( \${#values} )) || return 1
  compadd -U -V thuky -l -d shown -a values
}
if (( $+functions[compdef] )); then compdef _thuky thuky; fi
`;
}

function fish(cmd: string): string {
  return `# thuky: shell completion for fish. Install: thuky completion fish | source
function __thuky_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l reply (${cmd} __complete fish -- $tokens[2..-1] $current 2>/dev/null)
    or return
    set -l head (string split -m 1 \\t -- "$reply[1]")
    switch "$head[1]"
        case files
            __fish_complete_path $current
        case values
            # fish keeps only candidates that begin with the word as typed: "ben" becomes "Phường Bến " first.
            if set -q head[2]; and test -n "$head[2]"
                commandline -rt -- (string escape -- "$head[2]")
            end
            printf '%s\\n' $reply[2..-1]
    end
end
complete -c thuky -f -a '(__thuky_complete)'
`;
}
