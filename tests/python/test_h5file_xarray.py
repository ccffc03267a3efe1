"""The files written by sim/output/h5file.cpp open in h5py and in xarray (engine h5netcdf) with
named dimensions, string coordinates usable with .sel, decoded dates and CF attributes.

The file is written by the C++ unit test H5File.WritesSampleForPython (see
tests/unit/output/test_h5file.cpp): this script runs that one test itself, so it does not depend on
test order. Environment (set by tests/CMakeLists.txt): SIMRUN_UNIT_TESTS (the unit-test binary)
and TEST_TMP (a scratch directory). Run with /usr/bin/python3; exits non-zero on failure.
"""
import os
import pathlib
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

ACTORS = ["RUS", "USA", "CHN", "PAK"]
LEVELS = [0.1, 0.5, 0.9]
TICKS, RUNS = 12, 20


def write_sample() -> pathlib.Path:
    binary = os.environ.get("SIMRUN_UNIT_TESTS")
    assert binary, "SIMRUN_UNIT_TESTS must name the simrun_unit_tests binary"
    tmp = pathlib.Path(os.environ.get("TEST_TMP", "/tmp/test_h5file_xarray"))
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "h5file_sample.h5"
    path.unlink(missing_ok=True)
    env = dict(os.environ, H5FILE_SAMPLE_PATH=str(path))
    run = subprocess.run([binary, "--gtest_filter=H5File.WritesSampleForPython"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"{binary} failed:\n{run.stdout}\n{run.stderr}"
    assert "[  PASSED  ] 1 test" in run.stdout, run.stdout
    assert path.exists(), f"{path} was not written"
    assert not list(tmp.glob("h5file_sample.h5.partial-*")), "temporary file left behind"
    return path


def check_h5py(path: pathlib.Path) -> None:
    with h5py.File(path, "r") as f:
        assert f.attrs["title"] == "h5file sample"
        assert f.attrs["seed"] == 7
        assert list(f.attrs["weights"]) == [0.25, 0.75]

        # Labels are variable-length UTF-8, so they come back as str, not bytes.
        info = h5py.check_string_dtype(f["actor"].dtype)
        assert info is not None and info.encoding == "utf-8" and info.length is None, info
        assert [s.decode() for s in f["actor"][()]] == ACTORS

        expected_dims = {"power": ["actor", "tick"], "counts": ["tick", "actor", "level"],
                         "alive": ["actor"], "score": ["run", "actor"], "quarter": ["tick"],
                         "event_actor": ["event"]}
        for name, dims in expected_dims.items():
            got = [list(d.keys()) for d in f[name].dims]
            assert got == [[d] for d in dims], (name, got)

        assert f["power"].dtype == np.dtype("<f8")
        assert f["counts"].dtype == np.dtype("<i4")
        assert f["alive"].dtype == np.dtype("u1")
        assert f["score"].dtype == np.dtype("<f4")
        # More than 64 elements: chunked, shuffled, deflated; streamed rows chunk by 4 rows.
        assert f["counts"].chunks == (TICKS, 4, 3) and f["counts"].compression == "gzip"
        assert f["counts"].compression_opts == 1 and f["counts"].shuffle
        assert f["score"].chunks == (4, 4) and f["score"].compression == "gzip"
        assert f["power"].chunks is None  # 48 elements: contiguous
        assert f["event_actor"].shape == (0,)


def check_xarray(path: pathlib.Path) -> None:
    with xr.open_dataset(path, engine="h5netcdf") as ds:
        assert dict(ds.sizes) == {"actor": 4, "tick": TICKS, "level": 3, "run": RUNS,
                                  "event": 0}, dict(ds.sizes)
        assert ds.power.dims == ("actor", "tick")
        assert ds.counts.dims == ("tick", "actor", "level")
        assert ds.score.dims == ("run", "actor")
        assert ds.alive.dims == ("actor",)
        assert ds.event_actor.dims == ("event",) and ds.event_actor.size == 0
        assert ds.attrs["title"] == "h5file sample" and ds.attrs["seed"] == 7

        assert list(ds.actor.values) == ACTORS
        assert np.allclose(ds.level.values, LEVELS)
        assert list(ds.run.values) == list(range(RUNS))
        # power[a][t] = 10 a + t
        assert list(ds.power.sel(actor="CHN").values) == [20.0 + t for t in range(TICKS)]
        assert float(ds.power.sel(actor="PAK", tick="2018-09-30")) == 31.0
        # counts[t][a][l] = 100 t + 10 a + l
        assert list(ds.counts.sel(actor="USA", level=0.9).values) == [100 * t + 12 for t in range(TICKS)]
        assert list(ds.alive.sel(actor=["CHN", "RUS"]).values) == [0, 1]
        # score[r][a] = r + a / 10, written in row slabs
        expected = np.array([[r + a / 10 for a in range(4)] for r in range(RUNS)], dtype=np.float32)
        assert np.array_equal(ds.score.values, expected)

        # "days since ..." on the tick scale is decoded to dates (CF convention).
        assert np.issubdtype(ds.tick.dtype, np.datetime64), ds.tick.dtype
        assert str(ds.tick.values[0])[:10] == "2018-07-01"
        assert str(ds.tick.values[1])[:10] == "2018-09-30"
        assert list(ds.quarter.values[:3]) == ["2018Q3", "2018Q4", "2019Q1"]

        for name in ["power", "counts", "score", "alive", "event_actor"]:
            attrs = ds[name].attrs
            assert "units" in attrs and "long_name" in attrs, (name, attrs)
        assert ds.power.attrs["units"] == "GDP share"
        assert ds.power.attrs["long_name"] == "power share"
        assert ds.score.attrs["units"] == "points"
        assert ds.actor.attrs["long_name"] == "actor code"
        assert ds.tick.encoding["units"] == "days since 2018-07-01"

        # A scalar string dataset in the root group opens fine (h5netcdf 1.1 / xarray 2023.01).
        assert ds.scenario.dims == ()
        assert ds.scenario.item() == "name: sample\nactors: [RUS, USA, CHN, PAK]\n"

    with xr.open_dataset(path, engine="h5netcdf", group="meta") as meta:
        assert meta.attrs["simrun_version"] == "test"
        assert meta.scenario.item() == "name: sample\n"
        assert meta.scenario.attrs["long_name"] == "scenario YAML"


def main() -> int:
    path = write_sample()
    check_h5py(path)
    check_xarray(path)
    print(f"ok: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
