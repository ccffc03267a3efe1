"""Dyad-year panel of the strongest formal tie among comparable states, from ATOP 5.1 or COW v4.1.

Shared by scripts/base_rates.py (hazards) and the validation tests. Reads the member-level files in
data/alliances/ unmodified; see data/alliances/README.md for the citations and the coding rules.

Pact types are ordered as in the model: none (0) < nonaggression (1) < consultation (2) < defence (3).
"""
import csv
import sys

import pandas as pd

TYPES = ["nonaggression", "consultation", "defence"]  # index + 1 = rank
TYPE_RANK = {name: i + 1 for i, name in enumerate(TYPES)}
LAST_ATOP_YEAR = 2018  # ATOP 5.1: yrexit == 0 means in effect at the end of 2018
LAST_COW_YEAR = 2012   # COW v4.1 ends in 2012

# COW State System Membership v2016, major powers (years as major power, 1946 on). The list ends in
# 2016; it is carried to 2018 (no change in the roster since 1991).
MAJOR_POWERS = {
    2: [(1898, 2018)],                       # United States
    200: [(1816, 2018)],                     # United Kingdom
    220: [(1816, 1940), (1945, 2018)],       # France
    255: [(1816, 1918), (1925, 1945), (1991, 2018)],  # Germany
    365: [(1816, 1917), (1922, 2018)],       # Russia / Soviet Union
    710: [(1950, 2018)],                     # China
    740: [(1895, 1945), (1991, 2018)],       # Japan
}
# [analyst] regional powers: the leading military powers of their COW region after 1945, from
# independence (India, Pakistan 1947; Israel 1948; Indonesia 1949). A judgement, stated so that it can
# be varied; India and Pakistan are the baseline's two regional actors.
REGIONAL_POWERS = {
    140: [(1946, 2018)],   # Brazil (Americas)
    560: [(1946, 2018)],   # South Africa (Africa)
    630: [(1946, 2018)],   # Iran (Middle East)
    640: [(1946, 2018)],   # Turkey (Middle East)
    651: [(1946, 2018)],   # Egypt (Middle East)
    666: [(1948, 2018)],   # Israel (Middle East)
    670: [(1946, 2018)],   # Saudi Arabia (Middle East)
    750: [(1947, 2018)],   # India (Asia)
    770: [(1947, 2018)],   # Pakistan (Asia)
    850: [(1949, 2018)],   # Indonesia (Asia)
}
# The five baseline actors (COW codes), used to name their dyads in the tables.
BASELINE = {2: "USA", 710: "CHN", 750: "IND", 365: "RUS", 770: "PAK"}


def cow_region(ccode):
    """COW region of a country code: Americas < 200, Europe < 400, Africa < 600, Middle East < 700, Asia."""
    for bound, name in [(200, "americas"), (400, "europe"), (600, "africa"), (700, "mideast")]:
        if ccode < bound:
            return name
    return "asia"


def in_years(spans, year):
    return any(lo <= year <= hi for lo, hi in spans)


def comparable(a, b, year, sample):
    """Whether dyad (a, b) is in the comparison set in `year`.

    sample "major": both major powers. sample "major_regional": each a major or a regional power,
    except two regional powers of different regions (Brazil-Indonesia is not comparable to any
    baseline dyad; India-Pakistan is).
    """
    major_a, major_b = in_years(MAJOR_POWERS.get(a, []), year), in_years(MAJOR_POWERS.get(b, []), year)
    if sample == "major":
        return major_a and major_b
    reg_a, reg_b = in_years(REGIONAL_POWERS.get(a, []), year), in_years(REGIONAL_POWERS.get(b, []), year)
    if not ((major_a or reg_a) and (major_b or reg_b)):
        return False
    if major_a or major_b:
        return True
    return cow_region(a) == cow_region(b)


class DataError(Exception):
    """A malformed input file: the message names the file, line and field."""


def _check_columns(path, frame, columns):
    for col in columns:
        if col not in frame.columns:
            raise DataError(f"{path}:1: field '{col}': expected a column of that name in the header")


def _int_column(path, frame, col, blank_as_zero=False):
    """Integer column; with blank_as_zero an empty cell reads 0 (COW v4.1 leaves three obligation
    flags blank; Type I rows whose other flags are coded 0)."""
    text = frame[col].str.strip()
    if blank_as_zero:
        text = text.where(text != "", "0")
    values = pd.to_numeric(text, errors="coerce")
    bad = values.isna()
    if bad.any():
        line = int(bad.idxmax()) + 2  # +1 header, +1 one-based
        raise DataError(f"{path}:{line}: field '{col}': expected an integer, got {frame[col].iloc[bad.argmax()]!r}")
    return values.astype(int)


def read_atop(path):
    """Member rows of ATOP 5.1 as (alliance, phase, member, first year, last year, type rank).

    A member's type is the strongest obligation it takes on: defence if `defense` or `offense`
    (offensive pacts are rare after 1945 and oblige military action, so they rank with defence),
    else consultation if `consul`, else nonaggression if `nonagg` or `neutral` (neutrality pledges
    are non-aggression in the model's order, as COW's Type II groups them).
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    cols = ["atopid", "member", "phase", "yrent", "yrexit", "bilat", "defense", "offense", "neutral", "nonagg",
            "consul"]
    _check_columns(path, frame, cols)
    num = {c: _int_column(path, frame, c) for c in cols}
    rank = pd.Series(0, index=frame.index)
    rank[(num["nonagg"] == 1) | (num["neutral"] == 1)] = 1
    rank[num["consul"] == 1] = 2
    rank[(num["defense"] == 1) | (num["offense"] == 1)] = 3
    last = num["yrexit"].where(num["yrexit"] != 0, LAST_ATOP_YEAR)
    return pd.DataFrame({"pact": num["atopid"], "phase": num["phase"], "member": num["member"],
                         "first": num["yrent"], "last": last, "rank": rank, "bilateral": num["bilat"] == 1})


def read_cow(path):
    """Member rows of COW v4.1: defence (Type I), nonaggression (Type II: neutrality and
    non-aggression), consultation (Type III, entente: the obligation to consult in a crisis)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    cols = ["version4id", "ccode", "mem_st_year", "mem_end_year", "defense", "neutrality", "nonaggression", "entente"]
    _check_columns(path, frame, cols)
    open_end = frame["mem_end_year"].str.strip() == ""
    frame.loc[open_end, "mem_end_year"] = str(LAST_COW_YEAR)
    flags = {"defense", "neutrality", "nonaggression", "entente"}
    num = {c: _int_column(path, frame, c, blank_as_zero=c in flags) for c in cols}
    rank = pd.Series(0, index=frame.index)
    rank[(num["neutrality"] == 1) | (num["nonaggression"] == 1)] = 1
    rank[num["entente"] == 1] = 2
    rank[num["defense"] == 1] = 3
    # COW has no bilateral flag: an alliance with two members over its life is bilateral.
    size = num["ccode"].groupby(num["version4id"]).transform("nunique")
    return pd.DataFrame({"pact": num["version4id"], "phase": 0, "member": num["ccode"],
                         "first": num["mem_st_year"], "last": num["mem_end_year"], "rank": rank,
                         "bilateral": size == 2})


def dyad_ties(members, states):
    """Strongest tie per (a, b, year) among `states`, a < b: a dict {(a, b): {year: rank}}.

    A dyad shares a pact in the years both are members of the same alliance phase; the dyad's type
    is the stronger of the two members' obligations (a one-sided defence guarantee, as the US gives
    Pakistan in the 1959 agreement, makes a defence dyad), and the strongest over shared pacts.
    """
    rows = members[members.member.isin(states)]
    ties = {}
    for _, group in rows.groupby(["pact", "phase"]):
        recs = group.to_dict("records")
        for i, x in enumerate(recs):
            for y in recs[i + 1:]:
                if x["member"] == y["member"]:
                    continue
                a, b = sorted((x["member"], y["member"]))
                rank = max(x["rank"], y["rank"])
                years = ties.setdefault((a, b), {})
                for year in range(max(x["first"], y["first"]), min(x["last"], y["last"]) + 1):
                    years[year] = max(years.get(year, 0), rank)
    return ties


def panel(members, sample, first_year, last_year, pacts="all"):
    """Dyad-year panel: columns a, b, year, prev (tie at the end of year-1), rank (tie in year).

    One row per comparable dyad and year in [first_year, last_year]; `prev` reads the data before
    the window, so a pact in force since 1945 is not an onset in 1946. pacts "all" counts ties from
    any pact, "bilateral" only from two-member pacts (the model simulates bilateral pacts and
    records the multilateral ones as background).
    """
    states = sorted(set(MAJOR_POWERS) | set(REGIONAL_POWERS))
    key = f"ties_{pacts}"
    if key not in members.attrs:  # the same for every window and sample: computed once
        chosen = members if pacts == "all" else members[members.bilateral]
        members.attrs[key] = dyad_ties(chosen, states)
    ties = members.attrs[key]
    out = []
    for i, a in enumerate(states):
        for b in states[i + 1:]:
            years = ties.get((a, b), {})
            for year in range(first_year, last_year + 1):
                if comparable(a, b, year, sample):
                    out.append((a, b, year, years.get(year - 1, 0), years.get(year, 0)))
    return pd.DataFrame(out, columns=["a", "b", "year", "prev", "rank"])


def fail(err):
    print(f"error: {err}", file=sys.stderr)
    sys.exit(2)
