"""`simrun.run`: run the simrun binary from Python and open its result."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import tempfile

import xarray as xr


def find_binary() -> str:
    """The simrun executable: $SIMRUN, else `simrun` on PATH, else build/sim/simrun of this checkout."""
    env = os.environ.get("SIMRUN")
    if env:
        return env
    on_path = shutil.which("simrun")
    if on_path:
        return on_path
    checkout = pathlib.Path(__file__).resolve().parents[2] / "build" / "sim" / "simrun"
    if checkout.is_file():
        return str(checkout)
    raise FileNotFoundError("simrun binary not found: set $SIMRUN, put simrun on PATH, or build this "
                            "checkout (bash scripts/setup.sh)")


def command(scenario, set: dict | None = None, runs: int | None = None, seed: int | None = None,  # noqa: A002
            ticks: int | None = None, threads: int | None = None, output=None, force: bool = False,
            binary: str | None = None, extra: list[str] | tuple[str, ...] = (), draws: int | None = None,
            fixed: bool = False) -> list[str]:
    """The simrun command line `run` executes (see `run` for the arguments)."""
    cmd = [binary or find_binary(), os.fspath(scenario)]
    for path, value in (set or {}).items():
        cmd += ["--set", f"{path}={value}"]
    if fixed:
        cmd.append("--fixed")
    for flag, value in (("-n", runs), ("--draws", draws), ("-s", seed), ("-t", ticks), ("-j", threads)):
        if value is not None:
            cmd += [flag, str(value)]
    if output is not None:
        cmd += ["-o", os.fspath(output)]
    if force:
        cmd.append("--force")
    return cmd + ["-q", *extra]


def _execute(cmd: list[str], output) -> xr.Dataset:
    from .opening import open as open_result
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip()
        raise RuntimeError(f"simrun exited {done.returncode}: {message}")
    return open_result(output)


def _default_output(path) -> pathlib.Path:
    return pathlib.Path(tempfile.mkdtemp(prefix="simrun-")) / (pathlib.Path(path).stem + ".h5")


def run(scenario, set: dict | None = None, runs: int | None = None, seed: int | None = None,  # noqa: A002
        ticks: int | None = None, threads: int | None = None, output=None, force: bool = False,
        binary: str | None = None, extra=(), draws: int | None = None, fixed: bool = False) -> xr.Dataset:
    """Run `simrun SCENARIO` and return the opened result (`simrun.open`).

    set: {"parameters.lambda": 2, "dyads.RUS-PAK.trade": 1.5} -> --set PATH=VALUE each;
    runs, seed, ticks, threads: -n, -s, -t, -j (simrun's defaults when None);
    draws: parameter draws of a predictive run (a scenario with priors; runs are then per draw);
    fixed: run at the scenario's point values, ignoring its priors (--fixed);
    output: the HDF5 file (default: a new file in a temporary directory, kept after the call);
    force: overwrite `output` if it exists (simrun refuses otherwise);
    extra: further command-line arguments, e.g. ["--trajectories", "10"].
    A failed run raises RuntimeError with simrun's own one-line message.
    """
    output = output if output is not None else _default_output(scenario)
    return _execute(command(scenario, set, runs, seed, ticks, threads, output, force, binary, extra, draws, fixed),
                    output)


def sweep(spec, set: dict | None = None, runs: int | None = None, seed: int | None = None,  # noqa: A002
          threads: int | None = None, output=None, force: bool = False, binary: str | None = None,
          extra=()) -> xr.Dataset:
    """Run `simrun sweep SPEC` (a sweep file) and return the opened sweep (see `run` for the arguments;
    runs, seed and set override the sweep file's runs per point, seed and fixed `set:` list)."""
    output = output if output is not None else _default_output(spec)
    cmd = command(spec, set, runs, seed, None, threads, output, force, binary, extra)
    return _execute([cmd[0], "sweep", *cmd[1:]], output)
