"""`simrun.open`: any simrun file as an xarray Dataset that knows its dyads, bands and tables.

On top of `xr.open_dataset(path, engine="h5netcdf")` it
* checks the file type and format major version (experiment, sweep or comparison file);
* lets `.sel(dyad=...)` and `.sel(focal=...)` take a dyad in either order ("PAK-RUS" == "RUS-PAK");
* attaches each probability's 95% Wilson bounds to it: the CF attribute `ancillary_variables` names
  them, and `ds.simrun.band(name, ...)` returns p, lower and upper together;
* expands a sweep's `point` dimension to its parameters: `point` becomes a pandas MultiIndex of the
  parameter values (levels named by the short --set path, e.g. `lambda`), so a grid pivots in one
  call: `ds.focal_probability.sel(focal="PAK-RUS").unstack("point")`;
* gives the per-run, per-draw and per-point tables as DataFrames through the `ds.simrun` accessor
  (`ds.simrun.runs`, `ds.simrun.draws`, `ds.simrun.points`).
"""
from __future__ import annotations

import os

import pandas as pd
import xarray as xr

from . import accessor  # noqa: F401  (registers ds.simrun)
from .dyads import with_dyad_index
from .files import check_header, open_h5
from .tables import BOUND_SUFFIXES, point_parameters


def attach_bands(ds: xr.Dataset) -> xr.Dataset:
    """Name each variable's Wilson bounds in its CF `ancillary_variables` attribute."""
    for name in list(ds.data_vars):
        bounds = [name + s for s in BOUND_SUFFIXES]
        if all(b in ds for b in bounds):
            ds[name].attrs["ancillary_variables"] = " ".join(bounds)
            ds[name].attrs.setdefault("ci_lower", bounds[0])
            ds[name].attrs.setdefault("ci_upper", bounds[1])
    return ds


def expand_points(ds: xr.Dataset) -> xr.Dataset:
    """A sweep's `point` dimension as a MultiIndex of its parameter values (plus the point number
    as a first level when two points share their values, as Saltelli matrices can)."""
    params = point_parameters(ds)
    if params.duplicated().any():
        params.insert(0, "point_number", params.index.values)
    index = pd.MultiIndex.from_frame(params)
    index.names = list(params.columns)
    return ds.drop_vars("point").assign_coords(point=index)


def open(path, group: str | None = None) -> xr.Dataset:  # noqa: A001  (simrun.open, like xr.open_dataset)
    """Open a simrun experiment, sweep or comparison file (see the module docstring).

    group: an HDF5 group to open instead of the root (e.g. "draws", "scenario").
    """
    path = os.fspath(path)
    with open_h5(path) as f:
        filetype = check_header(f.attrs, path)
    ds = xr.open_dataset(path, engine="h5netcdf", group=group)
    ds.attrs.setdefault("filetype", filetype)
    if group is None and filetype == "simrun-sweep" and "design" in ds:
        ds = expand_points(ds)
    ds = attach_bands(with_dyad_index(ds))
    ds.encoding["source"] = path
    return ds
