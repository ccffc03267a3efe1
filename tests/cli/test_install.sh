#!/usr/bin/env bash
# `cmake --install` into a scratch prefix gives a working simrun: the binary runs an installed
# scenario (its extends: chain intact), `simrun discover` and `simrun export` find the installed
# Python package (not the source tree's), /usr/bin/python3 imports the package from the prefix, the
# docs and notebooks are there, and the bash completion loads and completes subcommands and options.
#
# Env (set by ctest): SIMRUN, SIMRUN_SOURCE_DIR, SIMRUN_BUILD_DIR, PYTHON, TEST_TMP.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
: "${SIMRUN_BUILD_DIR:?set SIMRUN_BUILD_DIR to the build directory}"
fresh_tmp

P=$TEST_TMP/prefix
if cmake --install "$SIMRUN_BUILD_DIR" --prefix "$P" >install.log 2>&1; then ok "cmake --install --prefix $P"; else fail install "$(tail -5 install.log)"; fi
BIN=$P/bin/simrun
PYDIR=$(ls -d "$P"/lib/python3*/dist-packages 2>/dev/null | head -1)

for f in "$BIN" "$P/share/simrun/scenarios/baseline.yaml" "$P/share/simrun/scenarios/sweeps/discovery_lhs.yaml" \
         "$P/share/doc/simrun/README.md" "$P/share/doc/simrun/output-format.md" "$P/share/simrun/analysis/discovery.ipynb" \
         "$PYDIR/simrun/__init__.py" "$PYDIR/simrun/discovery/prim.py" "$P/share/bash-completion/completions/simrun"; do
  [ -f "$f" ] || fail files "missing $f"
done
ok "installed files present"

# The installed binary on an installed scenario that extends another one, away from the source tree.
if (cd "$TEST_TMP" && "$BIN" "$P/share/simrun/scenarios/trade_push.yaml" -n 200 -t 6 -o run.h5 -q) 2>run.err; then
  ok "installed simrun runs an installed scenario"
else
  fail run "$(cat run.err)"
fi

# Python: the prefix's package, importable by Debian's Python; discover and export through the binary.
where=$(cd / && PYTHONPATH="$PYDIR" "$PYTHON" -c 'import simrun; print(simrun.__file__)')
case $where in "$PYDIR"/*) ok "python imports the installed package ($where)" ;; *) fail import "imported $where" ;; esac
cat >sweep.yaml <<YAML
scenario: $P/share/simrun/scenarios/baseline.yaml
runs: 60
focal: [RUS-PAK]
set: [calendar.ticks=8]
design: {kind: latin_hypercube, points: 40, seed: 2}
parameters:
  - {path: parameters.lambda, range: [1, 8]}
  - {path: parameters.w_entrapment, range: [0.1, 1.0]}
YAML
"$BIN" sweep sweep.yaml -o sweep.h5 -q 2>sweep.err || fail sweep "$(cat sweep.err)"
if env -u PYTHONPATH "$BIN" discover sweep.h5 --outcome PAK-RUS --above 0.02 --method prim -o disc.h5 >disc.out 2>disc.err; then
  grep -q "PRIM" disc.out && grep -q "(coverage)" disc.out && ok "installed simrun discover prints a box" \
    || fail discover "$(cat disc.out)"
else
  fail discover "$(cat disc.err)"
fi
"$PYTHON" -c "import h5py, sys; f = h5py.File('disc.h5', 'r'); sys.exit(0 if 'prim/box/input' in f else 1)" \
  && ok "discover wrote its HDF5 result" || fail discover-h5 "disc.h5 lacks prim/box"
if env -u PYTHONPATH "$BIN" export run.h5 --csv csv >export.out 2>export.err && [ -f csv/root__run-dyad.csv ]; then
  ok "installed simrun export writes CSV tables"
else
  fail export "$(cat export.err)"
fi

# Bash completion: loads, completes subcommands after `simrun ` and options of a subcommand.
complete_words() {  # complete_words WORDS...: the completions bash offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; _simrun; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$P/share/bash-completion/completions/simrun" "$@"
}
complete_words simrun di | grep -qx discover && ok "completion: simrun di<TAB> -> discover" || fail completion "subcommands: $(complete_words simrun di)"
complete_words simrun compare --se | grep -qx -- --seed && ok "completion: compare --se<TAB> -> --seed" \
  || fail completion "compare options: $(complete_words simrun compare --se)"
complete_words simrun discover --ty | grep -qx -- --type && ok "completion: discover --ty<TAB> -> --type" \
  || fail completion "discover options: $(complete_words simrun discover --ty)"
# Every long option a command's --help lists is offered by the completion of that command.
for cmd in run compare sweep merge discover export; do
  args=(); [ "$cmd" = run ] || args=("$cmd")
  # the option lines of the help (Boost: "  -o [ --output ] arg", argparse: "  --outcome OUTCOME"), not its prose
  for opt in $("$BIN" "${args[@]}" --help 2>/dev/null | grep -E '^ +-' | cut -c1-40 | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    words=(simrun); [ "$cmd" = run ] || words+=("$cmd")
    complete_words "${words[@]}" "$opt" | grep -qx -- "$opt" || fail completion "$cmd: $opt is in --help but not completed"
  done
done
ok "completion offers every option of every command's --help"
finish test_install
