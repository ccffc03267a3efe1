#!/usr/bin/python3
"""Per-dyad quarterly rates of leaders' visits, large arms deals and crises from the pre-period
record (data/record/record_2010_2018.yaml), for the dyad fields visit_rate, deal_rate and
crisis_rate of scenarios/baseline.yaml.

Usage: scripts/event_rates.py [--record data/record/record_2010_2018.yaml]
           [--check scenarios/baseline.yaml] [--markdown]

Estimator. The unit is the one the hindcast scores (scripts/hindcast.py): a (dyad, kind, quarter)
cell, 1 if at least one `certain` entry of the kind is recorded there. With k such quarters out of
the n quarters from `scored_from` to `complete_through`, the rate is the posterior mean of the
per-quarter probability under Jeffreys' prior Beta(1/2, 1/2):

    rate = (k + 1/2) / (n + 1),   95% interval: the 2.5% and 97.5% quantiles of Beta(k + 1/2, n - k + 1/2)

Why: the posterior mean is the forecast that minimises the expected Brier score given the data,
so it is the right point value for a forecaster scored by Brier; Jeffreys' prior is the reference
(uninformative) prior of a binomial proportion and adds half an event, so that a dyad with no
event in the window is not given a probability of exactly 0 (a kind that never happened in 34
quarters gets 1/70 a quarter, against a 95% upper bound of about 0.055). Each dyad is estimated on
its own (no pooling across dyads): the dyads differ by an order of magnitude and the model is to
reproduce those differences. Verify entries are left out, as in the hindcast; the rates with them
counted are printed beside, as a sensitivity check.

Rates are rounded to 4 decimals, the precision at which scenarios/baseline.yaml states them;
--check fails (exit 1) if a baseline dyad's rate differs from the estimate or its source does not
name this script (tests/python/test_event_rates.py runs it), so a hand edit is caught.
"""
import argparse
import os
import sys

import yaml
from scipy.stats import beta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import event_record as er  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ACTORS = ["USA", "CHN", "IND", "RUS", "PAK"]
FIELDS = {"visit": "visit_rate", "arms_deal": "deal_rate", "crisis": "crisis_rate"}
DECIMALS = 4
SOURCE_TAG = "scripts/event_rates.py"


def dyads(actors):
    return [f"{a}-{b}" for i, a in enumerate(actors) for b in actors[i + 1:]]


def jeffreys(k, n):
    """(mean, lower, upper) of the Beta(k + 1/2, n - k + 1/2) posterior."""
    a, b = k + 0.5, n - k + 0.5
    return a / (a + b), float(beta.ppf(0.025, a, b)), float(beta.ppf(0.975, a, b))


def estimate(record_path, actors=ACTORS, through=None):
    """[{dyad, kind, field, k, k_verify, n, rate, lower, upper, rate_verify}] for every dyad and kind,
    over the record's window or, with `through` (a quarter label), its quarters up to that one."""
    rec = er.load(record_path, actors)
    last = rec["complete_through"] if through is None else min(rec["complete_through"], er.quarter_index(through))
    n = last - rec["scored_from"] + 1
    window = range(rec["scored_from"], last + 1)
    certain, any_conf = {}, {}
    for e in rec["events"]:
        if e["quarter"] not in window or e["kind"] not in FIELDS:
            continue
        key = (e["dyad"], e["kind"])
        any_conf.setdefault(key, set()).add(e["quarter"])
        if e["confidence"] == "certain":
            certain.setdefault(key, set()).add(e["quarter"])
    rows = []
    for dyad in dyads(actors):
        for kind, field in FIELDS.items():
            k, kv = len(certain.get((dyad, kind), ())), len(any_conf.get((dyad, kind), ()))
            mean, lo, hi = jeffreys(k, n)
            rows.append({"dyad": dyad, "kind": kind, "field": field, "k": k, "k_verify": kv, "n": n,
                         "rate": round(mean, DECIMALS), "lower": lo, "upper": hi,
                         "rate_verify": round(jeffreys(kv, n)[0], DECIMALS)})
    return {"window": (er.quarter_label(rec["scored_from"]), er.quarter_label(last)),
            "quarters": n, "rows": rows}


def scenario_rates(path):
    """{(dyad, field): (value, source)} of the dyads of a scenario file (not following extends:)."""
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = {}
    for d in doc.get("dyads", []):
        dyad = er.canonical_dyad("-".join(d["pair"]), ACTORS)
        sources = d.get("sources") or {}
        for field in FIELDS.values():
            out[(dyad, field)] = (d.get(field, 0.0), str(sources.get(field, "")))
    return out


def check(est, scenario_path):
    """Mismatches between the estimate and the scenario's dyad rates, as messages."""
    have = scenario_rates(scenario_path)
    problems = []
    for r in est["rows"]:
        value, source = have.get((r["dyad"], r["field"]), (None, ""))
        if value is None:
            problems.append(f"{scenario_path}: dyad {r['dyad']}: missing")
            continue
        if round(float(value), DECIMALS) != r["rate"]:
            problems.append(f"{scenario_path}: dyads.{r['dyad']}.{r['field']}: {value}, expected {r['rate']} "
                            f"({r['k']} of {r['n']} quarters with a certain {r['kind']})")
        if SOURCE_TAG not in source and "pre_rates" not in source:
            problems.append(f"{scenario_path}: dyads.{r['dyad']}.{r['field']}: source '{source}' does not name "
                            f"{SOURCE_TAG} (or the reference pre_rates)")
    return problems


def source_text(r):
    return f"pre_rates: {r['k']} of {r['n']} quarters with a certain {r['kind'].replace('_', ' ')}"


def markdown(est):
    lines = [f"Pre-period {est['window'][0]}–{est['window'][1]} ({est['quarters']} quarters); rate = "
             "(k + 1/2)/(n + 1), Jeffreys 95% interval; k = quarters with a certain entry, k+v with the "
             "verify entries too.", "",
             "| dyad | kind | k | k+v | rate [95%] | rate with verify |", "|---|---|---|---|---|---|"]
    for r in est["rows"]:
        lines.append(f"| {r['dyad']} | {r['kind']} | {r['k']} | {r['k_verify']} | {r['rate']:.4f} "
                     f"[{r['lower']:.4f}, {r['upper']:.4f}] | {r['rate_verify']:.4f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", default=os.path.join(ROOT, "data/record/record_2010_2018.yaml"))
    parser.add_argument("--check", metavar="SCENARIO", help="compare the scenario's dyad rates with the estimate")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    try:
        est = estimate(args.record)
    except (er.RecordError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
    if args.check:
        problems = check(est, args.check)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            sys.exit(1)
        print(f"{args.check}: {len(est['rows'])} dyad rates match scripts/event_rates.py")
        return
    if args.markdown:
        print(markdown(est))
        return
    for r in est["rows"]:
        print(f"{r['dyad']:8} {r['field']:12} {r['rate']:.4f}  # {source_text(r)}; 95% "
              f"[{r['lower']:.4f}, {r['upper']:.4f}]; with verify {r['rate_verify']:.4f}")


if __name__ == "__main__":
    main()
