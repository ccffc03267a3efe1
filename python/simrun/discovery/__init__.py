"""Scenario discovery over any table of inputs and an outcome: PRIM boxes and CART trees.

    from simrun.discovery import prim, cart
    p = prim(x, y, threshold=0.8)          # x: DataFrame of inputs, y: 0/1 (or continuous) outcome
    p.trajectory                            # coverage, density, mass, res_dim per box
    p.box(p.chosen); print(p.rules())       # limits with quasi-p-values; the box as a sentence
    t = cart(x, y)                          # scikit-learn's tree: t.leaves, t.rules()

Inputs and outcome from a simrun result (per-draw table of a predictive run, or a sweep's points):
`t = table(ds_or_path, "RUS-PAK", "alliance")` gives t.x and t.y (P by the horizon per draw or point);
from a CSV: `inputs.from_csv`. Command line: `python3 -m simrun.discovery` (`simrun discover`).
"""
from .cart import Cart, cart
from .inputs import from_file as table
from .prim import Prim, prim

__all__ = ["prim", "cart", "table", "Prim", "Cart"]
