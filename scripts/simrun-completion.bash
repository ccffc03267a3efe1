# Bash completion for simrun: subcommands, their options, and the files each one takes.
#
#   source scripts/simrun-completion.bash            # this shell
#   cmake --install build                            # installs it as share/bash-completion/completions/simrun
#
# Keep the option lists in step with `simrun <command> --help` (tests/cli/test_install.sh checks).
shopt -s extglob   # the @(yaml|yml) patterns below (bash-completion sets it too)

_simrun_files() {  # complete file names with extension $1 (a pattern such as '@(yaml|yml)'), and directories
  local IFS=$'\n'
  COMPREPLY+=($(compgen -f -X "!*.$1" -- "$cur") $(compgen -d -- "$cur"))
}

_simrun() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
  }
  local commands="compare sweep merge discover export"
  local command=run i
  for ((i = 1; i < cword; i++)); do
    case " $commands " in *" ${words[i]} "*) command=${words[i]}; break ;; esac
  done

  local opts
  case $command in
    run) opts="-n --runs --draws --fixed --posterior -t --ticks -s --seed -j --threads -o --output --set --trajectories --top --force -q --quiet --schema --version -h --help" ;;
    compare) opts="-n --runs --draws --fixed --posterior -t --ticks -s --seed -j --threads -o --output --set --set-a --set-b --force -q --quiet -h --help" ;;
    sweep) opts="-n --runs -s --seed --set --posterior -o --output -j --threads --shard --force --dry-run -q --quiet -h --help" ;;
    merge) opts="-o --output --sweep --force -q --quiet -h --help" ;;
    discover) opts="--outcome --type --quarter --above --below --inputs --method --threshold --peel-alpha --paste-alpha --mass-min -o --output --force -q --quiet -h --help" ;;
    export) opts="--csv --force -h --help" ;;
  esac

  case $prev in
    -o|--output)
      case $command in export|discover|run|compare|sweep|merge) COMPREPLY=(); _simrun_files h5; return ;; esac ;;
    --posterior) COMPREPLY=(); _simrun_files h5; return ;;
    --csv) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --sweep) COMPREPLY=(); _simrun_files '@(yaml|yml)'; return ;;
    --type) COMPREPLY=($(compgen -W "alliance defence consultation nonaggression crisis arms_deal visit project_start" -- "$cur")); return ;;
    --method) COMPREPLY=($(compgen -W "prim cart both" -- "$cur")); return ;;
    -n|--runs|--draws|-t|--ticks|-s|--seed|-j|--threads|--set|--set-a|--set-b|--trajectories|--top|--shard|--outcome|--quarter|--above|--below|--inputs|--threshold|--peel-alpha|--paste-alpha|--mass-min)
      return ;;  # a value: nothing to offer
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  COMPREPLY=()
  case $command in
    run)
      [[ $cword -eq 1 ]] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
      _simrun_files '@(yaml|yml)' ;;
    compare|sweep) _simrun_files '@(yaml|yml)' ;;
    merge|export) _simrun_files h5 ;;
    discover) _simrun_files '@(h5|csv)' ;;
  esac
}
complete -F _simrun simrun
