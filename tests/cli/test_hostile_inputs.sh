#!/usr/bin/env bash
# Hostile and careless inputs through the user's path (issue 13, docs/robustness.md), one
# section per class; each check failed before its fix:
#  (2) output path safety: a symbolic link planted at the temporary name, a file created at -o
#      during the run, two runs with the same -o, --force over an input (scenario, extends:
#      parent, compare input, merge shard), a FIFO, a symbolic link, -o '', -o named like a
#      temporary file;
#  (3) runaway inputs: a long extends: chain loads in linear time, a longer one is refused, a
#      FIFO, /dev/zero and an oversized file are refused without reading, a huge Saltelli design
#      is refused before allocation;
#  (4) signals: SIGHUP during a run, a file-size limit without ignoring SIGXFSZ, SIGTERM during
#      a merge: exit 130 (2 for the size limit), no temporary file left;
#  (5) exit 2 (not 1) and no silent acceptance: over-long and looping extends: names, duplicate
#      keys anywhere, extends: twice, a second YAML document, a stray ',' (which hung yaml-cpp),
#      an event without a name;
#  (6) one-line messages: NUL bytes, newlines in --set, 1,000-character ids, calendar in events.
# Every refusal must be exit 2 with exactly one line on stderr, within a time limit (timeout).
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
require_env
fresh_tmp
T=$TEST_TMP


# refused NAME WANT LIMIT ARGS...: simrun must exit 2 with one stderr line containing WANT.
refused() {
  local name=$1 want=$2 limit=$3
  shift 3
  rm -f x.h5
  run "$name" "$limit" "$@"
  local lines
  lines=$(grep -c '' "$T/$name.err")
  if [ "$RC" -ne 2 ]; then
    fail "$name" "exit $RC, expected 2; stderr: $(head -c 400 "$T/$name.err" | tr '\n\0' '|@')"
  elif [ "$lines" -ne 1 ] || [ "$(tr -d '\000' <"$T/$name.err" | wc -c)" -ne "$(wc -c <"$T/$name.err")" ]; then
    fail "$name" "stderr is not one line ($lines lines): $(head -c 400 "$T/$name.err" | tr '\n\0' '|@')"
  elif ! grep -qF -- "$want" "$T/$name.err"; then
    fail "$name" "stderr lacks '$want': $ERR"
  else
    ok "$name"
  fi
}

no_partials() {  # no_partials NAME DIR: no *.partial-* left in DIR
  if compgen -G "$2/*.partial-*" >/dev/null; then
    fail "$1" "left $(cd "$2" && compgen -G '*.partial-*' | tr '\n' ' ')"
    rm -f "$2"/*.partial-*
  fi
}

cat >mini.yaml <<'EOF'
actors:
  - {id: A}
  - {id: B}
calendar: {ticks: 4}
EOF
printf 'extends: mini.yaml\nparameters: {lambda: 2}\n' >child.yaml
# A run long enough (a few seconds) to do something to it while it runs.
LONG=(-q -n 100000 -j 1 mini.yaml --ticks 40)

# wait_partial DIR: waits (up to 30 s) until DIR holds a *.partial-* file.
wait_partial() {
  local k
  for ((k = 0; k < 300; k++)); do
    compgen -G "$1/*.partial-*" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# ---- (2) output path safety ------------------------------------------------------------------
echo precious >victim.txt
# The old temporary name was OUT.partial-<pid>: with exec the shell's pid is simrun's.
bash -c 'ln -s "$PWD/victim.txt" "planted.h5.partial-$$"; exec "$1" -q -n 20 mini.yaml -o planted.h5' _ "$SIMRUN" 2>planted.err
rc=$?
if [ "$(cat victim.txt)" != precious ]; then fail planted-link "the symbolic link at the temporary name was followed: victim.txt overwritten"
elif [ "$rc" -ne 0 ] || [ ! -f planted.h5 ] || [ -L planted.h5 ]; then fail planted-link "exit $rc; $(cat planted.err)"
else ok planted-link; fi
rm -f planted.h5*

mkdir race && (cd race && "$SIMRUN" "${LONG[@]/mini.yaml/../mini.yaml}" -o out.h5 2>../race.err; echo $? >../race.rc) &
if wait_partial race; then
  echo "mine" >race/out.h5
  wait
  [ "$(cat race.rc)" -eq 2 ] && [ "$(cat race/out.h5)" = mine ] && grep -q "appeared while simrun ran" race.err &&
    ok appeared-during-run || fail appeared-during-run "exit $(cat race.rc), out.h5 now $(head -c 20 race/out.h5 | tr -cd '[:print:]'): $(cat race.err)"
else
  fail appeared-during-run "no temporary file appeared"; wait
fi
no_partials appeared-during-run race

mkdir twice
for k in 1 2; do (cd twice && "$SIMRUN" -q -n 30000 -j 1 ../mini.yaml --ticks 40 -o out.h5 2>../twice$k.err; echo $? >../twice$k.rc) & done
wait
codes="$(cat twice1.rc) $(cat twice2.rc)"
[ "$codes" = "0 2" ] || [ "$codes" = "2 0" ] && ok same-output-twice || fail same-output-twice "exit codes $codes (one run must be refused, not both succeed): $(cat twice1.err twice2.err)"
no_partials same-output-twice twice

cp mini.yaml scen.yaml
sum=$(sha256sum <scen.yaml)
refused force-over-scenario "is one of this command's input files" 60 -q -n 10 scen.yaml -o scen.yaml --force
[ "$(sha256sum <scen.yaml)" = "$sum" ] || fail force-over-scenario "the scenario was replaced"
cp mini.yaml parent.yaml && printf 'extends: parent.yaml\n' >kid.yaml
refused force-over-parent "is one of this command's input files" 60 -q -n 10 kid.yaml -o parent.yaml --force
refused force-over-compare-input "is one of this command's input files" 60 compare -q -n 10 scen.yaml kid.yaml -o kid.yaml --force
cmp -s mini.yaml parent.yaml && grep -q extends kid.yaml || { fail force-over-input "an input was replaced"; cp mini.yaml parent.yaml; printf 'extends: parent.yaml\n' >kid.yaml; }
mkfifo fifo.h5
refused force-over-fifo "is not a regular file" 60 -q -n 10 mini.yaml -o fifo.h5 --force
[ -p fifo.h5 ] || fail force-over-fifo "the FIFO was replaced"
echo keep >target.h5 && ln -s target.h5 link.h5
refused force-over-symlink "is a symbolic link" 60 -q -n 10 mini.yaml -o link.h5 --force
[ -L link.h5 ] && [ "$(cat target.h5)" = keep ] || fail force-over-symlink "the link or its target was replaced"
refused empty-output "the output file name is empty" 60 -q -n 10 mini.yaml -o ''
refused output-dir-slash "names a directory" 60 -q -n 10 mini.yaml -o 'newdir/'
# An output named like a temporary file (found by fuzz_output_path): it would be listed, and
# removed, as a stale temporary of 'ou' (or of 'out.h5'); refused with or without --force.
refused output-temp-name "like simrun's temporary files" 60 -q -n 10 mini.yaml -o 'ou.partial-'
refused output-temp-name-force "like simrun's temporary files" 60 -q -n 10 mini.yaml -o out.h5.partial-1 --force
[ -e ou.partial- ] || [ -e out.h5.partial-1 ] && fail output-temp-name "the output was written"
no_partials output-path .

# ---- (3) runaway inputs ------------------------------------------------------------------------
mkdir chain && cp mini.yaml chain/c0.yaml
for k in $(seq 1 17); do printf 'extends: c%d.yaml\nparameters: {lambda: %d}\n' $((k - 1)) "$k" >"chain/c$k.yaml"; done
t0=$(date +%s%N)
run chain-16 20 -q -n 10 chain/c16.yaml -o chain16.h5
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$RC" -eq 0 ] && ok "chain-16 ($ms ms)" || fail chain-16 "a 16-file extends: chain: exit $RC after $ms ms: $ERR"
refused chain-17 "the extends: chain is longer than 16 files" 20 -q -n 10 chain/c17.yaml -o chain17.h5
mkfifo scen-fifo.yaml
refused fifo-scenario "is a FIFO (named pipe), not a scenario file" 10 -q -n 10 scen-fifo.yaml -o fifo-out.h5
refused dev-zero-scenario "is a character device, not a scenario file" 10 -q -n 10 /dev/zero -o zero.h5
printf 'extends: /dev/zero\n' >zero-parent.yaml
refused dev-zero-parent "is a character device" 10 -q -n 10 zero-parent.yaml -o zero.h5
{ cat mini.yaml; head -c 5000000 /dev/zero | tr '\0' '#'; } >huge.yaml
refused huge-scenario "at most 4194304 are accepted" 10 -q -n 10 huge.yaml -o huge.h5
cat >saltelli.yaml <<'EOF'
scenario: mini.yaml
runs: 10
focal: [A-B]
design: {kind: saltelli, base_samples: 10000000, seed: 1}
parameters:
  - {path: parameters.lambda, range: [0.5, 2]}
  - {path: parameters.r_min, range: [0.1, 0.3]}
EOF
refused saltelli-points "at most 10,000,000 are supported" 20 sweep --dry-run saltelli.yaml

# ---- (4) signals ---------------------------------------------------------------------------------
mkdir sig
for sig in HUP TERM; do
  (cd sig && exec "$SIMRUN" "${LONG[@]/mini.yaml/../mini.yaml}" -o "$sig.h5" 2>"../sig-$sig.err") &
  pid=$!
  if wait_partial sig; then
    sleep 0.3
    kill -s "$sig" "$pid"
    wait "$pid"
    rc=$?
    [ "$rc" -eq 130 ] && [ "$(grep -c '' "sig-$sig.err")" -eq 1 ] && ok "sig$sig-run" || fail "sig$sig-run" "exit $rc after SIG$sig: $(cat "sig-$sig.err")"
  else
    fail "sig$sig-run" "no temporary file appeared"; kill "$pid"; wait "$pid"
  fi
  no_partials "sig$sig-run" sig
done
# ulimit -f without `trap "" XFSZ`: the write past the limit must fail, not kill simrun.
(cd sig && ulimit -f 64 && exec "$SIMRUN" -q -n 200000 ../mini.yaml --ticks 40 -o xfsz.h5 2>../xfsz.err)
rc=$?
[ "$rc" -eq 2 ] && [ "$(grep -c '' xfsz.err)" -eq 1 ] && grep -q "File too large" xfsz.err && ok sigxfsz ||
  fail sigxfsz "exit $rc under ulimit -f 64: $(cat xfsz.err)"
no_partials sigxfsz sig

# SIGTERM during a merge (which polls nothing: the handler removes the temporary file itself).
cat >big.yaml <<'EOF'
scenario: mini.yaml
runs: 1
focal: [A-B]
set: [calendar.ticks=40]
design: {kind: latin_hypercube, points: 30000, seed: 1}
parameters:
  - {path: parameters.lambda, range: [0.5, 2]}
EOF
"$SIMRUN" sweep -q big.yaml --shard 0/1 -o big-shard.h5 -j 2 2>big.err || fail merge-sigterm "cannot make the shard: $(cat big.err)"
mkdir merged
"$SIMRUN" merge -q -o merged/m.h5 big-shard.h5 2>merge.err &
pid=$!
if wait_partial merged; then
  kill -TERM "$pid"; wait "$pid"; rc=$?
  [ "$rc" -eq 130 ] && ok merge-sigterm || fail merge-sigterm "exit $rc after SIGTERM during merge: $(cat merge.err)"
else
  wait "$pid"; fail merge-sigterm "the merge finished before a temporary file was seen (exit $?)"
fi
no_partials merge-sigterm merged

# A stale temporary file (from kill -9) is pointed out with how to remove it.
touch merged/n.h5.partial-999999999-0123456789abcdef
run stale-note 60 -q -n 10 mini.yaml -o merged/n.h5
[ "$RC" -eq 0 ] && grep -q "stale temporary file" "$T/stale-note.err" && ok stale-note || fail stale-note "exit $RC: $ERR"
rm -f merged/n.h5.partial-*

# ---- (5) exit 2, never 1, and nothing accepted silently ----------------------------------------
printf 'extends: %s.yaml\n' "$(head -c 300 /dev/zero | tr '\0' x)" >longname.yaml
refused extends-long-name "File name too long" 10 -q -n 10 longname.yaml -o x.h5
ln -s loop2.yaml loop1.yaml && ln -s loop1.yaml loop2.yaml
printf 'extends: loop1.yaml\n' >useloop.yaml
refused extends-symlink-loop "Too many levels of symbolic links" 10 -q -n 10 useloop.yaml -o x.h5
printf 'references:\n  a: one\n  a: two\nactors: [{id: A}, {id: B}]\n' >dupref.yaml
refused dup-key-references "key 'a' is given twice" 10 -q -n 10 dupref.yaml -o x.h5
printf 'actors: [{id: A}, {id: B}]\nevents:\n  - name: e\n    at: 2019Q1\n    set: {parameters.lambda: 1, parameters.lambda: 2}\n' >dupset.yaml
refused dup-key-event-set "key 'parameters.lambda' is given twice" 10 -q -n 10 dupset.yaml -o x.h5
printf 'extends: mini.yaml\nextends: child.yaml\n' >ext2.yaml
refused extends-twice "key 'extends' is given twice" 10 -q -n 10 ext2.yaml -o x.h5
printf 'actors: [{id: A}, {id: B}]\n---\nactors: [{id: C}, {id: D}]\n' >twodocs.yaml
refused second-document "a second YAML document" 10 -q -n 10 twodocs.yaml -o x.h5
# A ',' outside [...] / {...} (found by fuzz_extends_chain): yaml-cpp 0.7's LoadAll read endless
# empty documents from it until memory ran out.
printf '!.bsy, ae\n' >comma.yaml
refused stray-comma "',' outside" 10 -q -n 10 comma.yaml -o x.h5
printf 'extends: comma.yaml\n' >comma-child.yaml
refused stray-comma-parent "',' outside" 10 -q -n 10 comma-child.yaml -o x.h5
printf 'actors: [{id: A}, {id: B}]\nevents:\n  - {at: 2019Q1, set: {parameters.lambda: 1}}\n' >noname.yaml
refused event-without-name "missing field 'name'" 10 -q -n 10 noname.yaml -o x.h5

# ---- (6) one-line messages ------------------------------------------------------------------------
printf 'actors: [{id: A}, {id: B}]\nname: "x\0y"\nfoo\0: 1\n' >nul.yaml
refused nul-byte "" 10 -q -n 10 nul.yaml -o x.h5
refused set-newline "" 10 -q -n 10 mini.yaml -o x.h5 --set $'parameters.lambda=1\nsecond line'
printf 'actors:\n  - {id: %s}\n  - {id: B}\n' "$(head -c 1000 /dev/zero | tr '\0' A)" >longid.yaml
refused long-id "more)" 10 -q -n 10 longid.yaml -o x.h5
[ "$(wc -c <"$T/long-id.err")" -le 300 ] || fail long-id "a $(wc -c <"$T/long-id.err")-character message"
printf 'actors: [{id: A}, {id: B}]\nevents:\n  - {name: e, at: 2019Q1, set: {calendar.ticks: 8}}\n' >cal.yaml
refused event-sets-calendar "the calendar cannot be changed here" 10 -q -n 10 cal.yaml -o x.h5
no_partials messages .

finish test_hostile_inputs
