# Shared by the calibration tests (test_calibrate_cli.sh, test_calibrate_mpi.sh): a small
# calibration of the 2014-18 history with four priors given by --set, and a comparison of two
# posterior files. Sourced after lib/common.sh; needs SIMRUN_SOURCE_DIR and PYTHON.

# Four --set priors keep the test independent of the priors the baseline carries.
PRIORS=(--set 'parameters.w_loss~uniform(1, 3)' --set 'parameters.commitment_cost~uniform(0.3, 0.9)'
        --set 'parameters.lambda~loguniform(2, 8)' --set 'dyads.RUS-PAK.visit_rate~uniform(0, 0.05)')
make_calibration() {  # FILE PARTICLES
  sed -e "s|^scenario: .*|scenario: $SIMRUN_SOURCE_DIR/scenarios/historical_2014.yaml|" \
      -e "s|^particles: .*|particles: $2|" \
      -e "s|^runs_per_particle: .*|runs_per_particle: 1\nparameters: [parameters.w_loss, parameters.commitment_cost, parameters.lambda, dyads.RUS-PAK.visit_rate]|" \
      "$SIMRUN_SOURCE_DIR/scenarios/calibrations/history_2014_2018.yaml" >"$1"
}
# same_posterior A B: every dataset equal except the wall times; attributes except how it ran.
same_posterior() {
  "$PYTHON" - "$1" "$2" <<'PY'
import sys, h5py, numpy as np
VOLATILE = {"creation_time", "command_line", "threads", "mpi_ranks", "calibration_absolute_path"}
with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
    assert set(a) == set(b), set(a) ^ set(b)
    for name in a:
        if name == "wall_seconds":
            continue
        x, y = a[name][()], b[name][()]
        assert np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y, name
    for key in set(a.attrs) | set(b.attrs):
        if key not in VOLATILE:
            assert np.array_equal(a.attrs[key], b.attrs[key]), key
    print(f"{len(a)} datasets identical, {a['generation'].size} generations")
PY
}

# Particles of the small and the large test calibration. scripts/test-sanitizers.sh lowers them
# (CALIBRATION_TEST_SCALE=4: a quarter), as each simulation there is 10-30x slower; the checks
# (thread and rank independence, resume, refusals) do not depend on the size.
SMALL_PARTICLES=$((120 / ${CALIBRATION_TEST_SCALE:-1}))
BIG_PARTICLES=$((400 / ${CALIBRATION_TEST_SCALE:-1}))
