"""Tidy pandas tables from a simrun Dataset: one row per observation, one column per variable.

* `per_run`: an experiment's per-run outcomes, one row per (run, dyad);
* `per_point`: a sweep's points, one row per (point, focal dyad), with the point's parameters;
* `per_draw`: a predictive run's draws (group /draws), one row per draw, with the draw's parameters;
* `by_dims`: every variable of a Dataset grouped by its dimensions (what `simrun export` writes).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

BOUND_SUFFIXES = ("_lower", "_upper")


def _labels(ds: xr.Dataset, dim: str) -> list[str]:
    return [str(v) for v in ds[dim].values]


def _wide(ds: xr.Dataset, name: str, row_dims: tuple[str, ...]) -> pd.DataFrame:
    """Variable `name` with dims row_dims + (k,) as columns "<name>_<label of k>"."""
    da = ds[name]
    extra = [d for d in da.dims if d not in row_dims]
    base = name.removeprefix("run_")
    if not extra:
        return pd.DataFrame({base: da.transpose(*row_dims).values.reshape(-1)})
    (k,) = extra
    values = da.transpose(*row_dims, k).values.reshape(-1, da.sizes[k])
    return pd.DataFrame(values, columns=[f"{base}_{label}" for label in _labels(ds, k)])


def per_run(ds: xr.Dataset) -> pd.DataFrame:
    """Per-run outcomes, one row per (run, dyad): every run_* variable with dims (run, dyad[, k]).

    Columns: run, dyad, then e.g. formed, first_tick (-1: never), dissolutions, ticks_in_force,
    final_front_military/economic/diplomatic, final_trade, dyad_events_<kind>. Select a dyad in either
    order with `table[table.dyad == simrun.dyads.canonical("PAK-RUS", table.dyad.unique())]`.
    """
    if "run" not in ds.dims or "dyad" not in ds.dims:
        raise KeyError("no per-run table: the dataset has no (run, dyad) variables (not an experiment file)")
    row_dims = ("run", "dyad")
    names = [n for n, v in ds.data_vars.items()
             if v.dims[:2] == row_dims and len(v.dims) <= 3 and "trajectory_run" not in v.dims]
    runs, dyads = ds["run"].values, _labels(ds, "dyad")
    parts = [pd.DataFrame({"run": np.repeat(runs, len(dyads)),
                           "dyad": np.tile(np.array(dyads, dtype=object), len(runs))})]
    parts += [_wide(ds, n, row_dims) for n in names]
    table = pd.concat(parts, axis=1)
    if "formed" in table:
        table["formed"] = table["formed"].astype(bool)
    return table


def point_parameters(ds: xr.Dataset) -> pd.DataFrame:
    """A sweep's design: one row per point, one column per parameter (short names, see `short_names`)."""
    design = ds["design"].transpose("point", "parameter").values
    names = short_names(_labels(ds, "parameter"), reserved=set(ds.data_vars) | set(ds.dims))
    return pd.DataFrame(design, columns=names, index=pd.RangeIndex(design.shape[0], name="point"))


def short_names(paths: list[str], reserved: set[str] = frozenset()) -> list[str]:
    """The last component of each --set path ("parameters.lambda" -> "lambda") where that is unique
    and not in `reserved`; the full path otherwise."""
    last = [p.rsplit(".", 1)[-1] for p in paths]
    return [s if last.count(s) == 1 and s not in reserved else p for s, p in zip(last, paths)]


def per_point(ds: xr.Dataset) -> pd.DataFrame:
    """A sweep's focal outcome, one row per (point, focal dyad): the point's parameters, focal, p,
    lower, upper (95% Wilson interval: Monte Carlo error of the point's runs only), formed, runs."""
    if "design" not in ds or "focal_probability" not in ds:
        raise KeyError("no per-point table: the dataset is not a sweep file")
    params = point_parameters(ds)
    rows = []
    for focal in _labels(ds, "focal"):
        sel = {"focal": focal}
        block = params.copy()
        block.insert(0, "point", np.arange(len(params)))
        block["focal"] = focal
        block["p"] = ds["focal_probability"].sel(sel).values
        block["lower"] = ds["focal_probability_lower"].sel(sel).values
        block["upper"] = ds["focal_probability_upper"].sel(sel).values
        if "focal_formed_count" in ds:
            block["formed"] = ds["focal_formed_count"].sel(sel).values
        block["runs"] = ds["runs"].values
        rows.append(block)
    return pd.concat(rows, ignore_index=True)


def per_draw(draws: xr.Dataset) -> pd.DataFrame:
    """A predictive run's draws (the /draws group): one row per draw with the draw's parameter values
    (columns named by the short --set path) and every per-draw variable that has no other dimension."""
    if "draw" not in draws.dims:
        raise KeyError("no per-draw table: the /draws group has no draw dimension")
    table = pd.DataFrame(index=pd.RangeIndex(draws.sizes["draw"], name="draw"))
    for name, var in draws.data_vars.items():
        if var.dims == ("draw", "parameter"):
            names = short_names(_labels(draws, "parameter"))
            for j, col in enumerate(names):
                table[col] = var.values[:, j]
    for name, var in draws.data_vars.items():
        if var.dims == ("draw",) and name not in table:
            table[name] = var.values
    return table


def by_dims(ds: xr.Dataset) -> dict[tuple[str, ...], pd.DataFrame]:
    """Every data variable of `ds` in tidy tables, one per set of dimensions: rows are the dimension
    labels (one column each), columns the variables. Scalars go into the table keyed ()."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, var in ds.data_vars.items():
        if var.dtype.kind in "OSU" and var.ndim == 0:
            continue  # long texts (scenario YAML) are not table cells
        groups.setdefault(tuple(var.dims), []).append(name)
    tables = {}
    for dims, names in groups.items():
        if not dims:
            tables[dims] = pd.DataFrame({n: [ds[n].values.item()] for n in names})
            continue
        sub = ds[names].reset_coords(drop=True)
        frame = sub.to_dataframe().reset_index()
        for dim in dims:  # the dimension's labels, not its raw values (ticks as quarters)
            if dim == "tick" and "quarter" in ds and "quarter" not in frame:
                frame.insert(list(frame.columns).index(dim) + 1, "quarter",
                             np.asarray(ds["quarter"].values, dtype=object)[ds.indexes["tick"].get_indexer(frame[dim])])
        tables[dims] = frame
    return tables
