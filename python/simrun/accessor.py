"""The `ds.simrun` accessor of a Dataset opened with `simrun.open`: tables, bands and texts."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import xarray as xr

from . import tables
from .files import has_group, read_text


@xr.register_dataset_accessor("simrun")
class SimrunAccessor:
    """Tables and helpers of a simrun Dataset: `.runs`, `.points`, `.draws`, `.band(...)`, `.scenario`."""

    def __init__(self, ds: xr.Dataset):
        self._ds = ds

    @property
    def path(self) -> str:
        """The file the dataset was opened from."""
        source = self._ds.encoding.get("source")
        if not source:
            raise ValueError("this dataset was not opened from a file (use simrun.open)")
        return source

    @property
    def kind(self) -> str:
        """`experiment`, `sweep` or `comparison`."""
        return str(self._ds.attrs.get("filetype", "")).removeprefix("simrun-")

    @functools.cached_property
    def runs(self) -> pd.DataFrame:
        """Per-run outcomes of an experiment, one row per (run, dyad) (see simrun.tables.per_run)."""
        return tables.per_run(self._ds)

    @functools.cached_property
    def points(self) -> pd.DataFrame:
        """A sweep's points, one row per (point, focal dyad) with the parameters (tables.per_point)."""
        return tables.per_point(self._flat_points())

    @functools.cached_property
    def draws_dataset(self) -> xr.Dataset:
        """The /draws group of a predictive run (parameters and per-draw outcomes), dyad-indexed."""
        from .opening import open as open_group  # here: opening imports this module
        if not has_group(self.path, "draws"):
            raise KeyError(f"{self.path}: no /draws group (not a predictive run: the scenario has no priors)")
        return open_group(self.path, group="draws")

    @functools.cached_property
    def draws(self) -> pd.DataFrame:
        """A predictive run's draws, one row per draw: parameter values and per-draw scalars."""
        return tables.per_draw(self.draws_dataset)

    def band(self, name: str, **selection) -> pd.DataFrame:
        """Variable `name` with its 95% Wilson interval: columns p, lower, upper, after `.sel(**selection)`
        (a dyad in either order). The interval covers Monte Carlo sampling error only."""
        ds = self._ds.sel(selection) if selection else self._ds
        var = ds[name]
        lower = ds[var.attrs.get("ci_lower", name + "_lower")]
        upper = ds[var.attrs.get("ci_upper", name + "_upper")]
        frame = xr.Dataset({"p": var, "lower": lower, "upper": upper}).reset_coords(drop=True).to_dataframe()
        if frame.index.name == "tick" and "quarter" in ds:
            frame.index = pd.Index([str(q) for q in ds["quarter"].values], name="quarter")
        return frame[["p", "lower", "upper"]]

    @property
    def scenario(self) -> str:
        """The scenario YAML exactly as given (experiment files)."""
        return read_text(self.path, "scenario/yaml")

    @property
    def resolved_scenario(self) -> str:
        """Every parameter as used: defaults, `extends:` and `--set` applied (experiment files)."""
        return read_text(self.path, "scenario/resolved_yaml")

    def _flat_points(self) -> xr.Dataset:
        ds = self._ds
        if isinstance(ds.indexes.get("point"), pd.MultiIndex):
            ds = ds.reset_index("point", drop=True).assign_coords(point=np.arange(ds.sizes["point"]))
        return ds
