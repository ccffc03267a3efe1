"""The hindcast's reference forecasters (scripts/hindcast.py; definitions and reasons in
docs/validation.md, "Hindcast"). Each is a constant probability per (dyad, kind) cell:

  base rate      what a forecaster without a model could have said in 2018: for the pact kinds
                 ATOP's onset rate of bilateral pacts among major and regional powers, 1946-2018;
                 for visits, arms deals and crises, which ATOP does not cover, the pre-period
                 record's frequency pooled over the dyads (2010Q1-2018Q2, Jeffreys mean
                 (K + 1/2) / (N + 1) over all dyad-quarters), the same for every dyad
  climatology    the record's own frequency of the kind over the scored cells: in-sample, it knows
                 how many events the period held, so it is a harder reference than any forecaster
                 that could have been issued in 2018
  t0 rates       the baseline's per-dyad rates held constant (the pre-period record's per-dyad
                 Jeffreys means, scripts/event_rates.py, which the baseline states): the model's
                 inputs without its dynamics, so the model's skill against it is what its dynamics add

Kinds the pre-period record does not rate (the pipeline's start, aid) take the in-sample
climatology in every reference, which favours the references.
"""
import numpy as np

import event_rates as evr

PACT_KINDS = {"defence_pact": "defence", "consultation_pact": "consultation", "nonaggression_pact": "nonaggression"}
RATED_KINDS = tuple(evr.FIELDS)


def pre_period_rates(pre_record, actors):
    """({kind: pooled Jeffreys rate}, {(dyad, kind): per-dyad Jeffreys rate}) from the pre-period
    record (same definitions as the scored record, complete for the rated kinds)."""
    est = evr.estimate(pre_record, actors)
    pooled, per_dyad = {}, {}
    for r in est["rows"]:
        k, n = pooled.get(r["kind"], (0, 0))
        pooled[r["kind"]] = (k + r["k"], n + r["n"])
        per_dyad[(r["dyad"], r["kind"])] = r["rate"]  # rounded as the baseline states it
    return {kind: evr.jeffreys(k, n)[0] for kind, (k, n) in pooled.items()}, per_dyad, est["window"]


def climatology(kind, y):
    """The record's frequency of each kind over the given cells (in-sample)."""
    clim = np.empty(len(y))
    for k in set(kind):
        clim[kind == k] = y[kind == k].mean()
    return clim


def forecasts(dyad, kind, y, atop_quarterly, pooled, per_dyad):
    """{name: array} of the three constant references over cells with the given dyad, kind and
    outcome arrays."""
    clim = climatology(kind, y)
    base, held = clim.copy(), clim.copy()
    for i, (d, k) in enumerate(zip(dyad, kind)):
        if k in atop_quarterly:
            base[i] = held[i] = atop_quarterly[k]
        elif k in pooled:
            base[i] = pooled[k]
            held[i] = per_dyad[(str(d), k)]
    return {"base rate": base, "climatology": clim, "t0 rates": held}
