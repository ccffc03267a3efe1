"""Helpers on an opened experiment (layout: docs/output-format.md): probability bands, formation
times, the per-run table, landscape blocs, Wilson intervals and a one-screen summary.

Typical use::

    import simrun
    ds = simrun.open("results/baseline.h5")
    simrun.reader.alliance_probability(ds, "PAK-RUS").tail()     # either order

``python3 -m simrun FILE.h5`` prints the summary.
"""
from __future__ import annotations

import h5py
import numpy as np
import pandas as pd
import xarray as xr

from .dyads import canonical
from .files import check_header, read_text

Z95 = 1.959963984540054  # the z of the file's 95% Wilson intervals

__all__ = ["open_experiment", "scenario_text", "resolved_scenario", "alliance_probability",
           "formation_time", "run_table", "bloc_frequencies", "wilson_interval", "summary"]


def open_experiment(path) -> xr.Dataset:
    """Open a simrun experiment as a plain xarray Dataset, after checking filetype and format major version
    (`simrun.open` adds the dyad index, Wilson bands and tables)."""
    with h5py.File(path, "r") as f:
        filetype = check_header(f.attrs, path)
    if filetype != "simrun-experiment":
        raise ValueError(f"{path}: a {filetype} file, not a simrun experiment")
    return xr.open_dataset(path, engine="h5netcdf")


def scenario_text(path) -> str:
    """The scenario YAML exactly as given to simrun (/scenario/yaml)."""
    return read_text(path, "scenario/yaml")


def resolved_scenario(path) -> str:
    """Every parameter as used, with defaults and --set overrides (/scenario/resolved_yaml)."""
    return read_text(path, "scenario/resolved_yaml")


def _dyad(ds: xr.Dataset, dyad: str) -> str:
    """The file's label of `dyad`, accepting either order ("PAK-RUS" for "RUS-PAK")."""
    return canonical(dyad, ds["dyad"].values)


def alliance_probability(ds: xr.Dataset, dyad: str, variable: str = "alliance_formed_by") -> pd.DataFrame:
    """P(variable) per quarter for one dyad with its 95% Wilson interval (columns p, lower, upper).

    variable: alliance_formed_by (default), alliance_in_force or coaligned.
    """
    d = _dyad(ds, dyad)
    frame = pd.DataFrame({
        "p": ds[variable].sel(dyad=d).values,
        "lower": ds[f"{variable}_lower"].sel(dyad=d).values,
        "upper": ds[f"{variable}_upper"].sel(dyad=d).values,
    }, index=pd.Index([str(q) for q in ds["quarter"].values], name="quarter"))
    return frame


def formation_time(ds: xr.Dataset, dyad: str) -> pd.Series:
    """Runs whose alliance first formed in each quarter, plus a last entry "never"."""
    d = _dyad(ds, dyad)
    counts = ds["formation_time_count"].sel(dyad=d).values
    quarters = [str(q) for q in ds["quarter"].values]  # formation_tick t is the quarter of tick t
    labels = [quarters[int(t)] for t in ds["formation_tick"].values]
    values = np.append(counts, int(ds["never_formed_count"].sel(dyad=d).values))
    return pd.Series(values, index=pd.Index(labels + ["never"], name="formed"), name=f"runs ({d})")


def run_table(ds: xr.Dataset) -> pd.DataFrame:
    """Per-run outcomes, one row per (run, dyad): formed, first_tick (-1: never), dissolutions,
    ticks_in_force, final_military/economic/diplomatic, final_trade."""
    runs = ds["run"].values
    dyads = [str(d) for d in ds["dyad"].values]
    n_runs, n_dyads = len(runs), len(dyads)
    fronts = ds["run_final_front"].values
    data = {
        "run": np.repeat(runs, n_dyads),
        "dyad": np.tile(np.array(dyads, dtype=object), n_runs),
        "formed": ds["run_formed"].values.reshape(-1).astype(bool),
        "first_tick": ds["run_first_tick"].values.reshape(-1),
        "dissolutions": ds["run_dissolutions"].values.reshape(-1),
        "ticks_in_force": ds["run_ticks_in_force"].values.reshape(-1),
    }
    for k, front in enumerate(str(f) for f in ds["front"].values):
        data[f"final_{front}"] = fronts[:, :, k].reshape(-1)
    data["final_trade"] = ds["run_final_trade"].values.reshape(-1)
    return pd.DataFrame(data)


def bloc_frequencies(ds: xr.Dataset, tick=-1) -> pd.Series:
    """Share of runs whose landscape minimum is each bloc configuration at `tick`
    (a position, -1 = horizon, or a quarter label such as "2027Q4"), largest first."""
    if isinstance(tick, str):
        quarters = [str(q) for q in ds["quarter"].values]
        if tick not in quarters:
            raise KeyError(f"unknown quarter {tick!r}; the file covers {quarters[0]}..{quarters[-1]}")
        tick = quarters.index(tick)
    freq = ds["landscape_minimum_frequency"].isel(tick=tick).values
    labels = [str(s) for s in ds["config_label"].values]
    series = pd.Series(freq, index=pd.Index(labels, name="configuration"), name="share")
    return series.sort_values(ascending=False, kind="stable")


def wilson_interval(k, n, z: float = Z95):
    """95% Wilson score interval (lower, upper) of k successes in n runs, as the file computes it."""
    k = np.asarray(k, dtype=float)
    if n <= 0:
        return np.zeros_like(k), np.ones_like(k)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def summary(path, max_dyads: int = 12) -> str:
    """A one-screen text summary of a result file (the `max_dyads` likeliest dyads)."""
    lines = []
    with open_experiment(path) as ds:
        a = ds.attrs
        version = ".".join(str(int(v)) for v in np.atleast_1d(a["format_version"]))
        lines.append(f"{path}: simrun {a['simrun_version']} ({a['git_commit']}), format {version}, "
                     f"written {a['creation_time']}")
        lines.append(f"scenario {a['scenario_name']} ({a['scenario']}): {a['runs']} runs, seed {a['seed']}, "
                     f"{a['ticks']} quarters {a['start_quarter']}-{a['end_quarter']}")
        runs = int(a["runs"])
        horizon = str(ds["quarter"].values[-1])
        lines.append(f"\nFormal alliance by {horizon} (95% Wilson intervals):")
        lines.append(f"  {'dyad':<9} {'P(formed)':>9} {'95% CI':<16} {'in force':>8} {'95% CI':<16} median formation")
        rows = []
        for d in (str(x) for x in ds["dyad"].values):
            f = alliance_probability(ds, d).iloc[-1]
            i = alliance_probability(ds, d, "alliance_in_force").iloc[-1]
            counts = formation_time(ds, d)
            formed = counts.drop("never")
            median = "-"
            if formed.sum() > 0:
                median = formed.index[int(np.searchsorted(formed.cumsum().values, formed.sum() / 2))]
            rows.append((f["p"], f"  {d:<9} {f['p']:>9.4f} [{f['lower']:.4f}, {f['upper']:.4f}] "
                                 f"{i['p']:>8.4f} [{i['lower']:.4f}, {i['upper']:.4f}] {median}"))
        rows.sort(key=lambda r: -r[0])
        lines += [r for _, r in rows[:max_dyads]]
        if len(rows) > max_dyads:
            lines.append(f"  ... {len(rows) - max_dyads} more dyads, each with P(formed) <= {rows[max_dyads][0]:.4f}")
        lines.append(f"\nLandscape minimum at {horizon} (share of runs, 95% Wilson interval):")
        blocs = bloc_frequencies(ds)
        for label, share in blocs[blocs > 0].head(4).items():
            lo, hi = wilson_interval(round(share * runs), runs)
            lines.append(f"  {share:7.2%} [{lo:.2%}, {hi:.2%}]  {label}")
        lines.append("t0 energy ranking (Axelrod-Bennett, lower is more stable):")
        for r in range(min(3, ds.sizes["rank"])):
            local = " (local minimum)" if int(ds["t0_local_minimum"].values[r]) else ""
            lines.append(f"  {int(ds['rank'].values[r])}. {float(ds['t0_energy'].values[r]):+.4f}  "
                         f"{ds['t0_config_label'].values[r]}{local}")
    return "\n".join(lines)
