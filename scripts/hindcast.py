#!/usr/bin/python3
"""Hindcast 2018Q3 onwards: scores a simrun experiment's per-quarter event probabilities against the
encoded record, beside two reference forecasters, with block-bootstrap intervals over dyads.

Usage: scripts/hindcast.py EXPERIMENT.h5 [--record data/record/record_2018_2026.yaml]
           [--pre-record data/record/record_2010_2018.yaml] [--base-rates data/base_rates.json] [--output hindcast.json] [--doc docs/validation.md] [--force]

The experiment must hold `event_by` (tick, dyad, event_kind): P(event at least once by tick), and
should hold `event_in` (same axes; experiment format 2.1): P(event in the tick).
Forecasters, scored on every (dyad, kind, quarter) cell from the record's `scored_from` to its
`complete_through` (or the experiment's last quarter, if earlier):
  model        event_in, the share of runs in which the event happens in the quarter; for a file
               without it (format 2.0), the per-quarter hazard implied by event_by
               (scripts/hindcast_scores.py), which is the same only for an event whose chance does
               not depend on its own past and which is rare enough that runs without it remain
  base rate    what could be said in 2018 without a model: pact kinds ATOP's onset rate of
               bilateral pacts among major and regional powers, 1946-2018, per quarter; visits,
               arms deals, crises the pre-period record's frequency pooled over dyads (2010Q1-2018Q2)
  climatology  the record's own frequency of the kind over the scored cells (in-sample: harder)
  t0 rates     the baseline's per-dyad rates held constant (the model's inputs without its dynamics)
  persistence  what happened on the dyad in the previous quarter happens again (0 or 1)
(scripts/hindcast_references.py). Skill is reported against each reference; "base rate" is the
reference the issue names.
Outcomes: 1 if a `certain` entry of the kind is recorded on the dyad in the quarter; cells holding
only `verify` entries are left out. The definitions and their reasons: docs/validation.md, "Hindcast".
"""
import argparse
import json
import os
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_sections  # noqa: E402
import event_record as er  # noqa: E402
import hindcast_references as refs  # noqa: E402
import hindcast_scores as hs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACT_KINDS = refs.PACT_KINDS
BASE_RATE_WINDOW, BASE_RATE_SAMPLE, BASE_RATE_PACTS = "1946-2018", "major_regional", "bilateral"
REPLICATES, SEED = 2000, 20180701
# The quarters of the Covid-19 pandemic in which no leader of the five visited another (the
# record has no visit from 2020Q2 to 2021Q2). Scored like every other quarter; the diagnostic
# subset without them, chosen after the first scores were seen, says how much of the model's
# deficit they account for (docs/validation.md) and is not a score.
PANDEMIC = ("2020Q2", "2021Q2")
DIAGNOSTIC = "diagnostic, not a score: all cells outside {}–{}"
NAMES = ["model", "base rate", "climatology", "t0 rates", "persistence"]
REFERENCES = ["base rate", "climatology", "t0 rates", "persistence"]


class InputError(Exception):
    pass


def read_experiment(path):
    try:
        with h5py.File(path, "r") as f:
            if "event_by" not in f:
                raise InputError(f"{path}: dataset 'event_by': expected (tick, dyad, event_kind) event "
                                 "probabilities; the file was written by a simrun without event output")
            data = {"event_by": f["event_by"][()], "dyads": list(f["dyad"].asstr()[()]),
                    "kinds": list(f["event_kind"].asstr()[()]), "actors": list(f["actor"].asstr()[()]),
                    "runs": int(f.attrs["runs"]), "start": str(f.attrs["start_quarter"]),
                    "scenario": str(f.attrs.get("scenario_name", "")), "seed": int(f.attrs.get("seed", -1)),
                    "commit": str(f.attrs.get("git_commit", "unknown")),
                    "event_in": f["event_in"][()] if "event_in" in f else None}
    except OSError as err:
        raise InputError(f"{path}: expected a simrun experiment file (HDF5): {err}") from None
    shape = data["event_by"].shape
    if len(shape) != 3 or shape[1:] != (len(data["dyads"]), len(data["kinds"])):
        raise InputError(f"{path}: dataset 'event_by': expected shape (tick, {len(data['dyads'])}, "
                         f"{len(data['kinds'])}), got {shape}")
    return data


def base_rates(path):
    with open(path, encoding="utf-8") as f:
        rates = json.load(f)["rates"]
    out = {}
    for kind, ptype in PACT_KINDS.items():
        rows = [r for r in rates if (r["source"], r["pacts"], r["sample"], r["window"], r["type"], r["quantity"])
                == ("atop", BASE_RATE_PACTS, BASE_RATE_SAMPLE, BASE_RATE_WINDOW, ptype, "onset")]
        if len(rows) != 1:
            raise InputError(f"{path}: field 'rates': expected one ATOP onset rate for {ptype}, "
                             f"{BASE_RATE_SAMPLE}, {BASE_RATE_WINDOW}")
        out[kind] = 1.0 - (1.0 - rows[0]["rate"]) ** 0.25  # per year -> per quarter
    return out


def build_cells(exp, record, annual, pre):
    """Aligned arrays over the scored cells: dyad, kind, quarter, outcome and the three forecasts."""
    kinds = [k for k in exp["kinds"] if k in record["kinds"]]
    start = er.quarter_index(exp["start"])
    last = min(record["complete_through"], start + exp["event_by"].shape[0] - 2)
    quarters = list(range(record["scored_from"], last + 1))
    certain, verify = set(), set()
    for e in record["events"]:
        (certain if e["confidence"] == "certain" else verify).add((e["dyad"], e["kind"], e["quarter"]))
    rows = []
    for di, dyad in enumerate(exp["dyads"]):
        for kind in kinds:
            allowed = record["scored_dyads"].get(kind)
            if allowed is not None and dyad not in allowed:
                continue
            ki = exp["kinds"].index(kind)
            cum = exp["event_by"][:, di, ki]
            h = exp["event_in"][1:, di, ki] if exp["event_in"] is not None else hs.hazard_from_cumulative(cum, exp["runs"])
            for q in quarters:
                y = (dyad, kind, q) in certain
                if not y and (dyad, kind, q) in verify:
                    continue
                rows.append((dyad, kind, q, float(y), h[q - start], float((dyad, kind, q - 1) in certain),
                             bool(cum[-1] > 0)))
    if not rows:
        raise InputError("no cell to score: the experiment's quarters and event kinds do not meet the record's")
    dyad, kind, quarter, y, model, persist, live = (np.array(c) for c in zip(*rows))
    pooled, per_dyad, window = pre
    constant = refs.forecasts(dyad, kind, y, annual, pooled, per_dyad)
    return {"dyad": dyad, "kind": kind, "quarter": quarter.astype(int), "y": y, "live": live,
            "forecasts": {"model": model, **constant, "persistence": persist},
            "pre_period": {"window": list(window), "pooled": pooled},
            "unscored_kinds": sorted(set(record["kinds"]) - set(kinds)),
            "quarters": (quarters[0], quarters[-1])}


def subsets(cells):
    """The cell sets scored separately: all; the (dyad, kind) pairs the model forecasts at all
    (event_by above 0 by the horizon: a kind without a process on a dyad is forecast as 0); and the
    pact kinds, the only ones whose base rate comes from ATOP rather than from the record; and, as
    a diagnostic only, all cells outside the pandemic quarters (when the window holds them)."""
    live = cells["live"]
    out = {"all cells": np.ones_like(live), "modelled cells": live,
           "pact kinds": np.isin(cells["kind"], list(PACT_KINDS))}
    lo, hi = (er.quarter_index(q) for q in PANDEMIC)
    pandemic = (cells["quarter"] >= lo) & (cells["quarter"] <= hi)
    if pandemic.any():
        out[DIAGNOSTIC.format(*PANDEMIC)] = ~pandemic
    return out


def summarise(y, fc, blocks):
    """Scores of every forecaster with skill against the base rate, and the model's Brier and log
    skill against each reference (`model_skill`), all with block-bootstrap intervals."""
    point = hs.scores(fc, y)
    boot = {ref: hs.block_bootstrap(fc, y, blocks, ref, REPLICATES, SEED) for ref in REFERENCES}
    out = {}
    for name in NAMES:
        b, lg = point[name]
        base = boot["base rate"][name]
        out[name] = {"brier": b, "log": lg, "brier_ci": base["brier"], "log_ci": base["log"],
                     "bss": hs.skill(b, point["base rate"][0]), "bss_ci": base["bss"],
                     "lss": hs.skill(lg, point["base rate"][1]), "lss_ci": base["lss"]}
    b, lg = point["model"]
    out["model_skill"] = {ref: {"bss": hs.skill(b, point[ref][0]), "bss_ci": boot[ref]["model"]["bss"],
                                "lss": hs.skill(lg, point[ref][1]), "lss_ci": boot[ref]["model"]["lss"]}
                          for ref in REFERENCES}
    return out


def evaluate(cells):
    y, fc = cells["y"], cells["forecasts"]
    summaries = {}
    for label, mask in subsets(cells).items():
        if mask.any():
            sub = {n: p[mask] for n, p in fc.items()}
            if label.startswith("diagnostic"):  # the in-sample reference knows its own cells
                sub["climatology"] = refs.climatology(cells["kind"][mask], y[mask])
            summaries[label] = dict(summarise(y[mask], sub, cells["dyad"][mask]),
                                    cells=int(mask.sum()), events=int(y[mask].sum()))
    per_kind = []
    for kind in sorted(set(cells["kind"])):
        sel = cells["kind"] == kind
        row = {"kind": kind, "cells": int(sel.sum()), "events": int(y[sel].sum())}
        for name in NAMES:
            row[name] = hs.brier(fc[name][sel], y[sel])
        row["bss"] = hs.skill(row["model"], row["base rate"])
        per_kind.append(row)
    per_dyad = []
    for kind in sorted(set(cells["kind"][y == 1])):
        for dyad in sorted(set(cells["dyad"])):
            sel = (cells["kind"] == kind) & (cells["dyad"] == dyad)
            if sel.any():
                per_dyad.append({"kind": kind, "dyad": str(dyad), "cells": int(sel.sum()), "events": int(y[sel].sum()),
                                 "mean model": float(fc["model"][sel].mean()),
                                 **{f"{name} sum": float(((fc[name][sel] - y[sel]) ** 2).sum()) for name in NAMES}})
    per_event = [{"quarter": er.quarter_label(int(q)), "dyad": str(d), "kind": str(k),
                  **{name: float(fc[name][i]) for name in NAMES}}
                 for i, (d, k, q) in enumerate(zip(cells["dyad"], cells["kind"], cells["quarter"])) if y[i] == 1]
    return summaries, per_kind, per_dyad, per_event


def write_json(path, payload, force):
    if os.path.exists(path) and (not os.path.isfile(path) or not force):
        raise InputError(f"{path}: exists{'' if os.path.isfile(path) else ' and is not a regular file'}; "
                         "pass --force to overwrite a regular file")
    with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(os.path.abspath(path)), delete=False,
                                     suffix=".partial") as tmp:
        json.dump(payload, tmp, indent=1)
        tmp.write("\n")
    os.replace(tmp.name, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("experiment")
    parser.add_argument("--record", default=os.path.join(ROOT, "data/record/record_2018_2026.yaml"))
    parser.add_argument("--pre-record", default=os.path.join(ROOT, "data/record/record_2010_2018.yaml"))
    parser.add_argument("--base-rates", default=os.path.join(ROOT, "data/base_rates.json"))
    parser.add_argument("--output", help="JSON file for the scores and the per-event table")
    parser.add_argument("--doc", help="document whose 'hindcast' GENERATED section is rewritten")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output")
    args = parser.parse_args()
    try:
        exp = read_experiment(args.experiment)
        record = er.load(args.record, exp["actors"])
        pre = refs.pre_period_rates(args.pre_record, exp["actors"])
        cells = build_cells(exp, record, base_rates(args.base_rates), pre)
        summaries, per_kind, per_dyad, per_event = evaluate(cells)
        payload = {"experiment": {**{k: exp[k] for k in ("scenario", "runs", "seed", "commit")},
                                  "forecast": "event_in" if exp["event_in"] is not None else "hazard from event_by"},
                   "quarters": [er.quarter_label(q) for q in cells["quarters"]], "cells": int(cells["y"].size),
                   "events": int(cells["y"].sum()), "unscored_kinds": cells["unscored_kinds"],
                   "pre_period": cells["pre_period"],
                   "summary": summaries, "per_kind": per_kind, "per_dyad": per_dyad,
                   "per_event": per_event}
        if args.output:
            write_json(args.output, payload, args.force)
        if args.doc:
            from hindcast_doc import render
            doc_sections.replace(args.doc, "hindcast", render(payload))
    except (InputError, er.RecordError, doc_sections.SectionError, OSError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
    for label, summary in summaries.items():
        s = summary["model"]
        print(f"hindcast {payload['quarters'][0]}-{payload['quarters'][1]}, {label}: {summary['cells']} cells, "
              f"{summary['events']} events; model Brier {s['brier']:.4f}, skill vs base rate {s['bss']:+.3f} "
              f"[{s['bss_ci'][0]:+.3f}, {s['bss_ci'][1]:+.3f}] (95% dyad-bootstrap interval)")


if __name__ == "__main__":
    main()
