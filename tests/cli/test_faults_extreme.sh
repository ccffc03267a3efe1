#!/usr/bin/env bash
# Numerically extreme parameters, through the user's path: they run or are refused with a clear
# message, and never produce NaN or infinity in any dataset (or numeric attribute) of the output.
#
# Env (set by ctest): SIMRUN (binary), SIMRUN_SOURCE_DIR (repo root), PYTHON (with h5py),
# TEST_TMP (scratch dir). FAULTS_TIME_SCALE: see lib/faults.sh.
set -u
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh" || exit 1
source "$(dirname "${BASH_SOURCE[0]}")/lib/faults.sh" || exit 1

# ---------------------------------------------------------------------------------------------
# (d) numerically extreme parameters

# must_run NAME SIMRUN-ARGS... (scenario included): exit 0 and every value finite.
must_run() {
  local name=$1
  shift
  run "$name" 600 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  if [ "$RC" -ne 0 ]; then
    fail "$name" "expected the run to succeed, got exit $RC: $(head -c 600 <<<"$ERR")"
    ok "$name"
    return
  fi
  local bad
  bad=$(nonfinite "$T/x-$name.h5" 2>&1)
  if [ -n "$bad" ]; then
    fail "$name" "NaN/inf or an overflow in the output: $(head -20 <<<"$bad" | tr '\n' ';')"
  else
    ok "$name"
  fi
  rm -f "$T/x-$name.h5"
}

# run_or_refuse NAME SIMRUN-ARGS...: either must_run's checks, or exit 2 with one clear message.
run_or_refuse() {
  local name=$1
  shift
  run "$name" 600 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  if [ "$RC" -eq 0 ]; then
    local bad
    bad=$(nonfinite "$T/x-$name.h5" 2>&1)
    [ -z "$bad" ] || { fail "$name" "accepted, and NaN/inf or an overflow in the output: $(head -20 <<<"$bad" | tr '\n' ';')"; ok "$name"; return; }
    echo "  $name: accepted, finite"
  else
    [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 0 or 2"
    one_clear_error "$name" "." && echo "  $name: refused: $ERR"
  fi
  ok "$name"
  rm -f "$T/x-$name.h5"
}

# must_refuse NAME PATTERN SIMRUN-ARGS...: exit 2, one clear line matching PATTERN, no output.
must_refuse() {
  local name=$1 pattern=$2
  shift 2
  run "$name" 120 -q "$@" -o "$T/x-$name.h5"
  crash_or_hang "$name" && { ok "$name"; return; }
  [ "$RC" -eq 2 ] || fail "$name" "exit code $RC, expected 2 (refused); stderr: $(head -c 600 <<<"$ERR")"
  one_clear_error "$name" "$pattern"
  [ -z "$(leftovers "$T" "x-$name.h5")" ] || fail "$name" "left $(leftovers "$T" "x-$name.h5")"
  ok "$name"
}

N=(-n 100 -t 12 -j 2)
must_run formation-hazard-0 "${N[@]}" --set parameters.formation_hazard=0 --fixed "$BASELINE"
must_run formation-hazard-1 "${N[@]}" --set parameters.formation_hazard=1 --fixed "$BASELINE"
must_run dissolution-hazard-1 "${N[@]}" --set parameters.defence_termination=1 --fixed "$BASELINE"
must_run both-hazards-1 "${N[@]}" --set parameters.formation_hazard=1 --set parameters.defence_termination=1 --fixed "$BASELINE"
mapfile -t crisis < <(sets_for_dyads crisis_rate 1)
must_run crisis-rates-1 "${N[@]}" "${crisis[@]}" --set global.threat_shock_rate=1 --fixed "$BASELINE"
mapfile -t rates < <(sets_for_dyads crisis_rate 1; sets_for_dyads step_rate 1; sets_for_dyads visit_rate 1;
  sets_for_dyads deal_rate 1; sets_for_actors export_shock_rate 1)
must_run all-rates-1 "${N[@]}" "${rates[@]}" --set global.threat_shock_rate=1 --set global.threat_shock_size=1 \
  --set parameters.aid_suspension_rate=1 --set parameters.aid_restoration_rate=1 --set parameters.entrapment_dissolution=1 --fixed "$BASELINE"
must_run lambda-0 "${N[@]}" --set parameters.lambda=0 --fixed "$BASELINE"
must_run lambda-100 "${N[@]}" --set parameters.lambda=100 --fixed "$BASELINE"
must_run econ-saturation-tiny "${N[@]}" --set parameters.econ_saturation=1e-9 --fixed "$BASELINE"

# zero trade and investment everywhere: a generated scenario, and the baseline with every dyad zeroed
gen_scenario "$T/zero_trade.yaml" 5 0
must_run zero-trade-generated "${N[@]}" "$T/zero_trade.yaml"
must_run zero-trade-generated-tiny-saturation "${N[@]}" --set parameters.econ_saturation=1e-9 "$T/zero_trade.yaml"
mapfile -t zero < <(sets_for_dyads trade 0; sets_for_dyads investment 0; sets_for_dyads project.trade 0;
  sets_for_dyads project.investment 0)
must_run zero-trade-baseline "${N[@]}" "${zero[@]}" --fixed "$BASELINE"
must_run zero-trade-baseline-tiny-saturation "${N[@]}" "${zero[@]}" --set parameters.econ_saturation=1e-9 --fixed "$BASELINE"

# actor counts
gen_scenario "$T/one.yaml" 1
must_refuse one-actor "actors.*at least two actors" -n 10 "$T/one.yaml"
gen_scenario "$T/two.yaml" 2
must_run two-actors "${N[@]}" "$T/two.yaml"
gen_scenario "$T/twenty.yaml" 20
must_run twenty-actors -n 20 -t 4 -j 2 "$T/twenty.yaml"
gen_scenario "$T/twentyone.yaml" 21
must_refuse twentyone-actors "actors.*at most 20 actors" -n 20 "$T/twentyone.yaml"

# the smallest runs
must_run ticks-1 -n 50 -t 1 --fixed "$BASELINE"
must_run runs-1 -n 1 -t 12 --fixed "$BASELINE"
must_run runs-1-ticks-1 -n 1 -t 1 -j 1 --fixed "$BASELINE"
must_run runs-1-trajectories -n 1 -t 3 --trajectories 1 --fixed "$BASELINE"
must_refuse runs-0 "runs" -n 0 --fixed "$BASELINE"
must_refuse ticks-0 "ticks" -n 10 -t 0 --fixed "$BASELINE"

# out of range and non-finite values are refused by --set
must_refuse lambda-101 "parameters.lambda.*\[0, 100\]" -n 10 --set parameters.lambda=101 --fixed "$BASELINE"
must_refuse hazard-above-1 "formation_hazard" -n 10 --set parameters.formation_hazard=1.5 --fixed "$BASELINE"
must_refuse econ-saturation-0 "econ_saturation" -n 10 --set parameters.econ_saturation=0 --fixed "$BASELINE"
must_refuse lambda-nan "finite number" -n 10 --set parameters.lambda=nan --fixed "$BASELINE"
must_refuse lambda-inf "finite number" -n 10 --set parameters.lambda=inf --fixed "$BASELINE"

# magnitudes the schema allows (upper bound +inf): run finitely or be refused
run_or_refuse huge-trade "${N[@]}" --set dyads.RUS-PAK.trade=1e308 --set dyads.RUS-PAK.investment=1e308 --fixed "$BASELINE"
run_or_refuse huge-gdp "${N[@]}" --set actors.USA.gdp=1e308 --set actors.CHN.gdp=1e308 --fixed "$BASELINE"
run_or_refuse huge-saturation "${N[@]}" --set parameters.econ_saturation=1e308 --fixed "$BASELINE"
run_or_refuse huge-project "${N[@]}" --set dyads.RUS-PAK.project.investment=1e308 --set dyads.RUS-PAK.project.start_rate=1 --fixed "$BASELINE"
# trade above 2^31 $bn: the accumulators' fixed-point sums (value * 2^32 in an int64 before
# widening) must not overflow (nonfinite also flags a negative trade_mean)
run_or_refuse big-trade "${N[@]}" --set dyads.RUS-PAK.trade=1e10 --fixed "$BASELINE"
# zero power everywhere (threat normaliser and size shares of 0)
mapfile -t nopower < <(sets_for_actors size 0; sets_for_actors offense 0)
run_or_refuse zero-power "${N[@]}" "${nopower[@]}" --fixed "$BASELINE"
# long growth within the bounds: 400 quarters (the most -t allows) at +10 %/yr, and everything
# at its upper bound (GDP, trade, investment 1e6 $bn; growth +50 %/yr); and beyond the bounds
mapfile -t growth < <(sets_for_actors growth 0.1)
run_or_refuse growth-0.1-400-ticks -n 20 -t 400 -j 2 "${growth[@]}" --fixed "$BASELINE"
mapfile -t maxed < <(sets_for_actors growth 0.5; sets_for_actors gdp 1e6; sets_for_dyads trade 1e6;
  sets_for_dyads investment 1e6; sets_for_dyads project.trade 1e6; sets_for_dyads project.investment 1e6)
run_or_refuse all-at-upper-bounds-400-ticks -n 20 -t 400 -j 2 "${maxed[@]}" --fixed "$BASELINE"
run_or_refuse growth-0.1-1000-ticks -n 2 -t 1000 -j 2 "${growth[@]}" --fixed "$BASELINE"

faults_finish test_faults_extreme
