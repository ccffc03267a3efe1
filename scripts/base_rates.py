#!/usr/bin/python3
"""Base rates of formal alliances among comparable dyads, from ATOP 5.1 (and COW v4.1 as a check).

Computes, per pact type (defence, consultation, nonaggression), the onset hazard per dyad-year and the
termination hazard (hence the mean duration) of dyadic ties among major and regional powers, for
1946-2018 and 1990-2018, with exact binomial (Clopper-Pearson) and dyad-block bootstrap intervals,
and the data's plausible range for one dyad's 10-year onset probability and for a type's mean
duration. Writes a JSON table (read by the validation tests and scripts/hindcast.py) and the
"Base rates" section of docs/validation.md.

Usage: scripts/base_rates.py [--output data/base_rates.json] [--doc docs/validation.md] [--force]
Definitions and why: docs/validation.md, section "Base rates" (written by this script).
"""
import argparse
import json
import os
import sys
import tempfile

import numpy as np
from scipy import optimize, special, stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import alliance_panel as ap  # noqa: E402
import doc_sections  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WINDOWS = {"atop": [(1946, 2018), (1990, 2018)], "cow": [(1946, 2012)]}
SAMPLES = ["major_regional", "major"]
PACTS = ["bilateral", "all"]  # bilateral: what the model simulates; all: with multilateral pacts
BOOT = 2000          # dyad-block bootstrap replicates for the hazards
BOOT_FIT = 200       # replicates for the gamma-Poisson percentile (a fit per replicate)
SEED = 20180701
HORIZON_YEARS = 10


def transitions(frame, rank):
    """Per-dyad onset and termination counts and exposures for one pact type.

    Onset of type k in year t: the tie was below k at the end of t-1 and is exactly k in t
    (exposure: dyad-years with the tie below k). Termination: the tie was exactly k and falls below
    k (exposure: dyad-years that start at k). An upgrade to a stronger type ends the exposure
    without a termination (censored), as supersession does in the model.
    """
    at_risk = frame.prev < rank
    onset = at_risk & (frame["rank"] == rank)
    held = frame.prev == rank
    ended = held & (frame["rank"] < rank)
    keys = list(zip(frame.a, frame.b))
    per = {}
    for key, r, o, h, e in zip(keys, at_risk, onset, held, ended):
        row = per.setdefault(key, [0, 0, 0, 0])
        row[0] += o
        row[1] += r
        row[2] += e
        row[3] += h
    arr = np.array(list(per.values()), dtype=float).reshape(-1, 4)
    return arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]


def clopper_pearson(x, n, level=0.95):
    if n == 0:
        return (float("nan"), float("nan"))
    alpha = 1 - level
    lo = 0.0 if x == 0 else stats.beta.ppf(alpha / 2, x, n - x + 1)
    hi = 1.0 if x == n else stats.beta.ppf(1 - alpha / 2, x + 1, n - x)
    return (float(lo), float(hi))


def bootstrap_rates(events, exposure, rng):
    """Percentile interval of sum(events)/sum(exposure) resampling whole dyads (their years are
    dependent: a pact in force for decades, several dyads joined by one multilateral treaty)."""
    n = len(events)
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=BOOT)
    expo = weights @ exposure
    rates = np.where(expo > 0, (weights @ events) / np.maximum(expo, 1), np.nan)
    return np.nanpercentile(rates, [2.5, 97.5])


def gamma_poisson_fit(events, exposure):
    """ML fit of dyad hazards lambda_d ~ Gamma(shape a, rate b), counts ~ Poisson(lambda_d E_d)."""
    keep = exposure > 0
    x, e = events[keep], exposure[keep]

    def nll(theta):
        a, b = np.exp(theta)
        return -np.sum(special.gammaln(x + a) - special.gammaln(a) + a * np.log(b / (b + e))
                       + x * np.log(e / (b + e)))

    # Parametrised by log shape and log mean; the shape is capped at e^8 (no heterogeneity left:
    # the mixture is then Poisson), where the likelihood is flat and an unbounded search wanders.
    mean = max(x.sum(), 0.5) / e.sum()

    def nll_shape_mean(theta):
        return nll([theta[0], theta[0] - theta[1]])

    res = optimize.minimize(nll_shape_mean, x0=[0.0, np.log(mean)], method="L-BFGS-B",
                            bounds=[(-8.0, 8.0), (np.log(mean) - 5, np.log(mean) + 5)])
    a = np.exp(res.x[0])
    return a, a / np.exp(res.x[1])


def dyad_percentile_10y(events, exposure, rng, q=0.95):
    """The q-quantile of one dyad's 10-year onset probability under the gamma-Poisson fit, and the
    bootstrap 97.5% point of that quantile (refits on resampled dyads)."""
    def quantile(ev, ex):
        if ev.sum() == 0:
            return 0.0
        a, b = gamma_poisson_fit(ev, ex)
        lam = stats.gamma.ppf(q, a, scale=1.0 / b)
        return 1.0 - np.exp(-HORIZON_YEARS * lam)

    point = quantile(events, exposure)
    n = len(events)
    reps = []
    for _ in range(BOOT_FIT):
        idx = rng.integers(0, n, n)
        reps.append(quantile(events[idx], exposure[idx]))
    return point, float(np.percentile(reps, 97.5))


def ten_year(p):
    return 1.0 - (1.0 - p) ** HORIZON_YEARS


def type_rates(frame, base, rank, rng, with_percentile):
    """The onset and the termination row of one pact type on one panel."""
    ons, risk, ends, held = transitions(frame, rank)
    p = ons.sum() / risk.sum()
    lo, hi = clopper_pearson(int(ons.sum()), int(risk.sum()))
    blo, bhi = bootstrap_rates(ons, risk, rng)
    onset = dict(base, quantity="onset", events=int(ons.sum()), exposure=int(risk.sum()), rate=p,
                 exact_lower=lo, exact_upper=hi, boot_lower=blo, boot_upper=bhi, ten_year=ten_year(p),
                 ten_year_lower=ten_year(min(lo, blo)), ten_year_upper=ten_year(max(hi, bhi)))
    if with_percentile:
        point, upper = dyad_percentile_10y(ons, risk, rng)
        onset.update(dyad_q95_ten_year=point, dyad_q95_ten_year_upper=upper)
    h = ends.sum() / held.sum() if held.sum() else float("nan")
    lo, hi = clopper_pearson(int(ends.sum()), int(held.sum()))
    blo, bhi = bootstrap_rates(ends, held, rng) if held.sum() else (np.nan, np.nan)

    def inv(v):
        return 1.0 / v if v and v > 0 else float("inf")

    term = dict(base, quantity="termination", events=int(ends.sum()), exposure=int(held.sum()), rate=h,
                exact_lower=lo, exact_upper=hi, boot_lower=blo, boot_upper=bhi, mean_duration=inv(h),
                mean_duration_lower=inv(max(hi, bhi)), mean_duration_upper=inv(min(lo, blo)))
    return [onset, term]


def hazard_rows(members, source, rng):
    rows = []
    for pacts in PACTS:
        for first, last in WINDOWS[source]:
            for sample in SAMPLES:
                frame = ap.panel(members, sample, first, last, pacts)
                percentile = source == "atop" and sample == "major_regional" and pacts == "bilateral"
                for name in ap.TYPES:
                    base = {"source": source, "pacts": pacts, "sample": sample, "window": f"{first}-{last}",
                            "type": name, "dyads": int(frame.groupby(["a", "b"]).ngroups)}
                    rows += type_rates(frame, base, ap.TYPE_RANK[name], rng, percentile)
    return rows


def plausible_ranges(rows):
    """The data's plausible range for the model's (bilateral) pacts, from bilateral pacts among major
    and regional powers; justified in docs/validation.md.

    One dyad's 10-year onset probability: from 0 (a given dyad may never sign) to the largest, over
    the two ATOP windows, of the gamma-Poisson 95th percentile of dyad-level hazards and the pooled
    rate's upper 95% bound (the latter guards a window with no onsets). A type's mean duration: the
    hull of the 95% intervals of 1 / termination hazard from ATOP and COW over 1946-2018 (1946-2012),
    the windows long enough to see pacts that last decades end; the two codings differ.
    """
    out = {"onset_10y": {}, "mean_duration_years": {}}
    for name in ap.TYPES:
        sel = [r for r in rows if r["sample"] == "major_regional" and r["pacts"] == "bilateral" and r["type"] == name]
        onset = [r for r in sel if r["quantity"] == "onset" and r["source"] == "atop"]
        term = [r for r in sel if r["quantity"] == "termination" and r["window"].startswith("1946")]
        out["onset_10y"][name] = [0.0, max(max(r["dyad_q95_ten_year"], r["ten_year_upper"]) for r in onset)]
        # An upper None means no tie ended: unbounded.
        lower = [r["mean_duration_lower"] for r in term if r["exposure"] > 0]
        upper = [r["mean_duration_upper"] for r in term if r["exposure"] > 0]
        out["mean_duration_years"][name] = [min(lower) if lower else None,
                                            None if not upper or None in upper else max(upper)]
    return out


def clean(value):
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else round(float(value), 6)
    if isinstance(value, np.integer):
        return int(value)
    return value


def write_json(path, payload, force):
    if os.path.exists(path) and not os.path.isfile(path):
        ap.fail(f"{path}: not a regular file; refusing to write")
    if os.path.exists(path) and not force:
        ap.fail(f"{path}: exists; pass --force to overwrite it")
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, suffix=".partial") as tmp:
        json.dump(payload, tmp, indent=1, sort_keys=False)
        tmp.write("\n")
    os.replace(tmp.name, path)


def fmt(p, digits=4):
    return "–" if p is None else f"{p:.{digits}f}"


def markdown(rows, ranges):
    from base_rates_doc import render
    return render(rows, ranges, fmt)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--atop", default=os.path.join(ROOT, "data/alliances/atop5_1m.csv"))
    parser.add_argument("--cow", default=os.path.join(ROOT, "data/alliances/alliance_v4.1_by_member.csv"))
    parser.add_argument("--output", default=os.path.join(ROOT, "data/base_rates.json"))
    parser.add_argument("--doc", default=os.path.join(ROOT, "docs/validation.md"),
                        help="document whose 'base rates' GENERATED section is rewritten ('' to skip)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output")
    args = parser.parse_args()
    try:
        atop, cow = ap.read_atop(args.atop), ap.read_cow(args.cow)
    except (ap.DataError, OSError) as err:
        ap.fail(err)
    rng = np.random.default_rng(SEED)
    rows = hazard_rows(atop, "atop", rng) + hazard_rows(cow, "cow", rng)
    rows = [{k: clean(v) for k, v in r.items()} for r in rows]
    ranges = plausible_ranges(rows)
    payload = {"description": "Alliance base rates among comparable dyads (scripts/base_rates.py); "
                              "definitions in docs/validation.md, section 'Base rates'",
               "seed": SEED, "bootstrap_replicates": BOOT, "plausible_range": ranges, "rates": rows}
    write_json(args.output, payload, args.force)
    if args.doc:
        try:
            doc_sections.replace(args.doc, "base rates", markdown(rows, ranges))
        except doc_sections.SectionError as err:
            ap.fail(err)
    print(f"{args.output}: {len(rows)} rates written")


if __name__ == "__main__":
    main()
