"""simrun from Python: open results, run scenarios, export tidy tables, discover scenarios.

    import simrun
    ds = simrun.run("scenarios/baseline.yaml", set={"parameters.lambda": 3}, runs=2000, seed=1)
    ds.alliance_formed_by.sel(dyad="PAK-RUS")      # either order
    ds.simrun.band("alliance_formed_by", dyad="PAK-RUS")   # p, lower, upper (95% Wilson)
    ds.simrun.runs                                  # per-run table (DataFrame)
    from simrun.discovery import prim, cart

File layout: docs/output-format.md. Needs Debian's python3-h5py, -xarray, -h5netcdf, -pandas,
-scipy (and -sklearn for CART, -matplotlib for plots).
"""
from . import reader
from .export import export
from .opening import open  # noqa: A004
from .running import run, sweep

__version__ = "0.1.0"
__all__ = ["open", "run", "sweep", "export", "reader", "__version__"]
