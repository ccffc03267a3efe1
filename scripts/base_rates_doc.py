"""Markdown for the generated "base rates" section of docs/validation.md (scripts/base_rates.py)."""

LABELS = {"major_regional": "major and regional powers", "major": "major powers only"}


def _interval(lo, hi, fmt, digits):
    return f"[{fmt(lo, digits)}, {fmt(hi, digits)}]"


def _years(v):
    return "∞" if v is None else f"{v:.0f}"


def render(rows, ranges, fmt):
    lines = [
        "Onset: new ties of exactly this type per dyad-year at risk (tie below the type at the end of the",
        "previous year). 95% intervals: *exact* = Clopper-Pearson, treating dyad-years as independent;",
        "*dyad bootstrap* = percentile interval over 2,000 resamples of whole dyads (covers the dependence",
        "of a dyad's years and of dyads joined by one multilateral treaty). P(10 y) = 1 − (1 − p)^10 for a",
        "dyad with no tie of the type, with the wider of the two intervals. Neither interval covers",
        "the choice of dyads or of coding rules.",
        "",
        "| data | pacts | dyads | years | type | onsets / dyad-years | p per year | exact 95% | dyad bootstrap 95% | P(10 y) [95%] |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r["quantity"] != "onset":
            continue
        lines.append(
            f"| {r['source'].upper()} | {r['pacts']} | {LABELS[r['sample']]} ({r['dyads']}) | {r['window']} | {r['type']} "
            f"| {r['events']} / {r['exposure']} | {fmt(r['rate'])} | {_interval(r['exact_lower'], r['exact_upper'], fmt, 4)} "
            f"| {_interval(r['boot_lower'], r['boot_upper'], fmt, 4)} "
            f"| {fmt(r['ten_year'], 3)} {_interval(r['ten_year_lower'], r['ten_year_upper'], fmt, 3)} |")
    lines += [
        "",
        "Termination: ties of exactly this type that fall below it per dyad-year held (an upgrade to a",
        "stronger type is censored, not a termination). Mean duration = 1 / hazard (years, constant",
        "hazard), its interval from the wider of the two hazard intervals; ∞ where no tie ended.",
        "",
        "| data | pacts | dyads | years | type | ends / dyad-years | hazard per year | exact 95% | dyad bootstrap 95% | mean duration, years [95%] |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if r["quantity"] != "termination":
            continue
        lines.append(
            f"| {r['source'].upper()} | {r['pacts']} | {LABELS[r['sample']]} ({r['dyads']}) | {r['window']} | {r['type']} "
            f"| {r['events']} / {r['exposure']} | {fmt(r['rate'])} | {_interval(r['exact_lower'], r['exact_upper'], fmt, 4)} "
            f"| {_interval(r['boot_lower'], r['boot_upper'], fmt, 4)} "
            f"| {_years(r['mean_duration'])} [{_years(r['mean_duration_lower'])}, {_years(r['mean_duration_upper'])}] |")
    lines += ["", "**Plausible ranges** (bilateral pacts, major and regional powers; rule above the tables):", "",
              "| type | one dyad's P(onset within 10 years) | mean duration, years |", "|---|---|---|"]
    for name, (lo, hi) in ranges["onset_10y"].items():
        dlo, dhi = ranges["mean_duration_years"][name]
        lines.append(f"| {name} | [{lo:.3f}, {hi:.3f}] | [{_years(dlo)}, {_years(dhi)}] |")
    q95 = [r for r in rows if r.get("dyad_q95_ten_year") is not None]
    lines += ["", "95th percentile of one dyad's P(onset within 10 years) under the gamma-Poisson fit"
              " (point; bootstrap 97.5% point over 200 refits):", ""]
    for r in q95:
        lines.append(f"- {r['window']}, {r['type']}: {r['dyad_q95_ten_year']:.3f} (≤ {r['dyad_q95_ten_year_upper']:.3f})")
    return "\n".join(lines)
