#!/usr/bin/python3
"""Markdown table of P(new pact of each type by the horizon), per dyad, for two experiments side by
side (the README's "Outlook" section: the 2018 baseline beside scenarios/outlook.yaml).

Usage: scripts/outlook_table.py BASELINE.h5 OUTLOOK.h5
Each probability is the share of runs in which a new pact of the type formed after t0, with its 95%
Wilson interval (Monte Carlo error only, not the uncertainty of the scenario's numbers).
"""
import sys

import h5py


def read(path):
    with h5py.File(path, "r") as f:
        dyads = list(f["dyad"].asstr()[()])
        types = list(f["pact_type"].asstr()[()])
        p, lo, hi = (f[n][-1] for n in ("pact_formed_by", "pact_formed_by_lower", "pact_formed_by_upper"))
        span = f"{f.attrs['start_quarter']}–{f.attrs['end_quarter']}"
        return dyads, types, p, lo, hi, span, int(f.attrs["runs"])


def cell(p, lo, hi):
    return f"{p:.3f} [{lo:.3f}, {hi:.3f}]"


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        sys.exit(2)
    try:
        a, b = read(sys.argv[1]), read(sys.argv[2])
    except (OSError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        sys.exit(2)
    dyads, types = a[0], a[1]
    print(f"| dyad | pact type | baseline {a[5]} | outlook {b[5]} |")
    print("|---|---|---|---|")
    for di, dyad in enumerate(dyads):
        bi = b[0].index(dyad)
        for ti, ptype in enumerate(types):
            pa, pb = a[2][di, ti], b[2][bi, b[1].index(ptype)]
            if max(pa, pb) < 0.001:
                continue
            print(f"| {dyad} | {ptype} | {cell(pa, a[3][di, ti], a[4][di, ti])} "
                  f"| {cell(pb, b[3][bi, b[1].index(ptype)], b[4][bi, b[1].index(ptype)])} |")
    print(f"\n({a[6]:,} and {b[6]:,} runs; rows where both are below 0.001 are left out.)")


if __name__ == "__main__":
    main()
