#!/usr/bin/python3
"""Estimates the event elasticity η (parameters.event_elasticity: how far the log-odds of a
dyad's visit and arms-deal hazards follow the reluctant side's utility change since t0) on data
from before 2018 only, so that the 2018-25 hindcast stays out of sample.

Design (docs/model.md §7.10, docs/validation.md "Event elasticity"):
  * Runs the 2014Q1-2018Q2 replay (scenarios/historical_2014.yaml: the dated events of those
    years are scripted, so utilities move as they did) at each η of a grid.
  * Its per-dyad visit and deal rates are replaced by rates known at the replay's start: the
    Jeffreys means (k + 1/2)/(n + 1) of the pre-period record's 2010Q1-2013Q4 quarters
    (scripts/event_rates.py), so the replay's own quarters are out of sample for the rates too.
    Dyad-kinds the replay switches off (rate 0 there: RUS-PAK deals) are left as they are and
    not scored.
  * Scores the replay's per-quarter probabilities (event_in) of visits and deals against the
    pre-period record's certain entries, 2014Q1-2018Q2 (cells holding only `verify` entries are
    left out), by the log score (the likelihood of the record, a proper score) and the Brier score.
  * The estimate is the grid value with the lowest mean log score (maximum likelihood on the
    grid); the interval is the range of grid values picked in a block bootstrap over dyads.

Usage: scripts/event_elasticity.py [--simrun build/sim/simrun] [--runs 20000] [--doc docs/validation.md]
Prints the table and `event_elasticity = K`; --check SCENARIO exits 1 unless the scenario's value
equals the estimate.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_sections  # noqa: E402
import event_rates as evr  # noqa: E402
import event_record as er  # noqa: E402
import hindcast_scores as hs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPLAY = os.path.join(ROOT, "scenarios", "historical_2014.yaml")
PRE_RECORD = os.path.join(ROOT, "data", "record", "record_2010_2018.yaml")
RATES_THROUGH = "2013Q4"
GRID = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
KINDS = {"visit": "visit_rate", "arms_deal": "deal_rate"}
SEED, REPLICATES = 20140101, 2000


def switched_off(replay_path):
    """(dyad, field) pairs the replay sets to 0 itself (processes it scripts instead)."""
    with open(replay_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = set()
    for d in doc.get("dyads", []):
        dyad = er.canonical_dyad("-".join(d["pair"]), evr.ACTORS)
        for field in KINDS.values():
            if field in d and float(d[field]) == 0.0:
                out.add((dyad, field))
    return out


def replay_sets(rates, off):
    return [f"dyads.{r['dyad']}.{r['field']}={r['rate']}" for r in rates["rows"]
            if r["kind"] in KINDS and (r["dyad"], r["field"]) not in off]


def run_replay(simrun, sets, kappa, runs, out):
    cmd = [simrun, REPLAY, "--fixed", "-n", str(runs), "-s", str(SEED), "-o", out, "--force", "-q",
           "--set", f"parameters.event_elasticity={kappa}"]
    for s in sets:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    with h5py.File(out, "r") as f:
        return {"event_in": f["event_in"][()], "dyads": list(f["dyad"].asstr()[()]),
                "kinds": list(f["event_kind"].asstr()[()]), "start": er.quarter_index(str(f.attrs["start_quarter"]))}


def outcomes(record, first, last, off):
    """{(dyad, kind): {quarter: 0/1}} over the scored cells (verify-only cells left out)."""
    certain, verify = set(), set()
    for e in record["events"]:
        (certain if e["confidence"] == "certain" else verify).add((e["dyad"], e["kind"], e["quarter"]))
    cells = {}
    for dyad in evr.dyads(evr.ACTORS):
        for kind, field in KINDS.items():
            if (dyad, field) in off:
                continue
            cells[(dyad, kind)] = {q: float((dyad, kind, q) in certain) for q in range(first, last + 1)
                                   if (dyad, kind, q) in certain or (dyad, kind, q) not in verify}
    return cells


def forecasts(exp, cells):
    """Arrays (dyad, y, p) aligned over the cells; event_in[1 + q - start] is quarter q."""
    dyad, y, p = [], [], []
    for (d, kind), by_q in cells.items():
        di, ki = exp["dyads"].index(d), exp["kinds"].index(kind)
        for q, outcome in by_q.items():
            dyad.append(d)
            y.append(outcome)
            p.append(exp["event_in"][1 + q - exp["start"], di, ki])
    return np.array(dyad), np.array(y), np.array(p)


def estimate(simrun, runs):
    rates = evr.estimate(PRE_RECORD, through=RATES_THROUGH)
    off = {(d, f) for d, f in switched_off(REPLAY)}
    sets = replay_sets(rates, off)
    record = er.load(PRE_RECORD, evr.ACTORS)
    scored = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kappa in GRID:
            exp = run_replay(simrun, sets, kappa, runs, os.path.join(tmp, "replay.h5"))
            last = exp["start"] + exp["event_in"].shape[0] - 2
            cells = outcomes(record, exp["start"], min(last, record["complete_through"]), off)
            scored[kappa] = forecasts(exp, cells)
    dyad, y, _ = scored[GRID[0]]
    rows = [{"kappa": k, "brier": hs.brier(p, y), "log": hs.log_score(p, y)} for k, (_, _, p) in scored.items()]
    best = min(rows, key=lambda r: r["log"])["kappa"]
    return {"rows": rows, "best": best, "picked": bootstrap_picks(dyad, y, scored), "cells": int(y.size),
            "events": int(y.sum()), "rates_window": rates["window"], "runs": runs}


def bootstrap_picks(dyad, y, scored):
    """Share of dyad-bootstrap resamples in which each grid value has the lowest log score."""
    rng = np.random.default_rng(SEED)
    ids = np.unique(dyad)
    index = {d: np.flatnonzero(dyad == d) for d in ids}
    sums = {}
    for k, (_, _, p) in scored.items():
        q = np.clip(p, hs.EPSILON, 1 - hs.EPSILON)
        cell = -(y * np.log(q) + (1 - y) * np.log(1 - q))
        sums[k] = np.array([cell[index[d]].sum() for d in ids])
    draws = rng.multinomial(len(ids), np.full(len(ids), 1.0 / len(ids)), size=REPLICATES)
    totals = np.stack([draws @ sums[k] for k in GRID], axis=1)
    picks = np.argmin(totals, axis=1)
    return {k: float(np.mean(picks == i)) for i, k in enumerate(GRID)}


def markdown(res):
    lines = [f"Replay 2014Q1–2018Q2 (`scenarios/historical_2014.yaml`), {res['runs']:,} runs per value, seed {SEED}; "
             f"visit and deal rates from the pre-period record {res['rates_window'][0]}–{res['rates_window'][1]}; "
             f"{res['cells']} scored (dyad, kind, quarter) cells, {res['events']} certain events.", "",
             "| η | Brier | log score | share of dyad-bootstrap resamples picking it |", "|---|---|---|---|"]
    for r in res["rows"]:
        mark = " **(estimate)**" if r["kappa"] == res["best"] else ""
        lines.append(f"| {r['kappa']:g}{mark} | {r['brier']:.5f} | {r['log']:.5f} | {res['picked'][r['kappa']]:.2f} |")
    return "\n".join(lines)


def scenario_value(path):
    with open(path, encoding="utf-8") as f:
        return float(yaml.safe_load(f)["parameters"]["event_elasticity"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--simrun", default=os.path.join(ROOT, "build", "sim", "simrun"))
    parser.add_argument("--runs", type=int, default=20000)
    parser.add_argument("--doc", help="document whose 'event elasticity' GENERATED section is rewritten")
    parser.add_argument("--check", metavar="SCENARIO", help="exit 1 unless SCENARIO's event_elasticity is the estimate")
    args = parser.parse_args()
    res = estimate(args.simrun, args.runs)
    print(markdown(res))
    print(f"event_elasticity = {res['best']:g}")
    if args.doc:
        doc_sections.replace(args.doc, "event elasticity", markdown(res))
    if args.check and scenario_value(args.check) != res["best"]:
        print(f"{args.check}: field 'parameters.event_elasticity': expected {res['best']:g} (the estimate), "
              f"got {scenario_value(args.check):g}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
