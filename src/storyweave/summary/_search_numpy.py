"""The exact selection's search in numpy, for a process that solves one or a few programmes.

The same depth-first branch and bound as ``_search.py`` (numba), node for node: the same
order, the same bounds, the same incumbent updates, so it returns the same selection, value
and node count. Each node is a few dozen small numpy calls (~30 µs), against ~1 µs compiled;
but it starts at once, where loading numba and its compiled search costs a fresh process
~0.4 s. ``solver.solve`` uses it up to a node limit and hands larger searches to numba.

Sums are taken in numba's order (``np.cumsum`` adds left to right, as the compiled loops
do), so every value and bound is the same float and every pruning decision the same.
"""
from __future__ import annotations

import numpy as np


def _seq_sums(first: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """Per row: ``first`` plus the row's terms added one by one, left to right (a zero term
    adds nothing: ``x + 0.0 == x``)."""
    if terms.shape[1] == 0:
        return first.astype(np.float64, copy=True)
    return np.cumsum(np.concatenate([first[:, None], terms], axis=1), axis=1)[:, -1]


def _knapsack_bound(value: np.ndarray, length: np.ndarray, open_: np.ndarray, budget: float) -> float:
    """The fractional knapsack over open items with positive value (Dantzig's bound)."""
    idx = np.flatnonzero(open_ & (value > 0))
    if len(idx) == 0:
        return 0.0
    ratio = value[idx] / length[idx]
    order = np.argsort(-ratio, kind="stable")  # the compiled insertion sort is stable too
    total, room = 0.0, budget
    for a in order.tolist():
        i = idx[a]
        if length[i] <= room:
            room -= length[i]
            total += value[i]
        else:
            total += room * ratio[a]
            break
    return total


def _greedy(gain, length, budget, cover, weight, clash, pred):
    """The first incumbent: best value per word until nothing fits."""
    m = len(gain)
    chosen = np.zeros(m, np.bool_)
    blocked = np.zeros(m, np.bool_)
    uncovered = np.ones(cover.shape[1], np.bool_)
    room, total = budget, 0.0
    has_pred = pred >= 0
    while True:
        pred_ok = ~has_pred | chosen[np.where(has_pred, pred, 0)]
        eligible = ~chosen & ~blocked & (length <= room) & pred_ok
        if not eligible.any():
            return chosen, total
        g = _seq_sums(gain, np.where(cover & uncovered, weight, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(eligible, g / length, -np.inf)
        best_i = int(np.argmax(r))  # the first of equal ratios, as the compiled loop's strict >
        if not r[best_i] > -np.inf:
            return chosen, total
        chosen[best_i] = True
        total += g[best_i]
        room -= length[best_i]
        uncovered &= ~cover[best_i]
        blocked |= clash[best_i]


class NodeLimit(Exception):
    """The search passed the node limit (the caller decides what to do instead)."""


def search(gain, length, budget, cover, weight, mu, clash, pred, order, gap, node_limit, give_up=False):
    """``_search.search`` in numpy. With ``give_up``, raise NodeLimit past ``node_limit``
    instead of returning the best found (the caller then runs the compiled search)."""
    m, k = cover.shape
    best_x, best = _greedy(gain, length, budget, cover, weight, clash, pred)
    best_x = best_x.copy()
    chosen = np.zeros((m + 1, m), np.bool_)
    excluded = np.zeros((m + 1, m), np.bool_)
    uncovered = np.ones((m + 1, k), np.bool_)
    value = [0.0] * (m + 1)
    room = [0.0] * (m + 1)
    phase = [0] * (m + 1)  # 0 new, 1 "with" child done, 2 both done
    room[0] = budget
    depth_of = np.empty(m, np.int64)
    depth_of[order] = np.arange(m)
    excess = np.where(weight > mu, weight - mu, 0.0)
    dependents = [pred == j for j in range(m)]
    order_l = order.tolist()
    pred_l = pred.tolist()
    nodes = 0
    t = 0
    while t >= 0:
        if phase[t] == 0:
            nodes += 1
            if nodes > node_limit:
                if give_up:
                    raise NodeLimit(nodes)
                return best_x, best, nodes, False
            if value[t] > best:
                best = value[t]
                best_x[:] = chosen[t]
            if t == m:
                t -= 1
                continue
            open_ = (depth_of >= t) & ~excluded[t] & (length <= room[t])
            if not open_.any():
                t -= 1
                continue
            unc = uncovered[t]
            # Lagrangian bound: concepts still reachable, each spread over its holders
            reachable = unc & cover[open_].any(axis=0)
            rest = float(np.cumsum(np.where(reachable, excess, 0.0))[-1]) if k else 0.0
            est = _seq_sums(gain, np.where(cover & reachable, mu, 0.0))
            bound = rest + _knapsack_bound(est, length, open_, room[t])
            # optimistic bound: every uncovered concept of a sentence counted for it
            full = _seq_sums(gain, np.where(cover & unc, weight, 0.0))
            bound = min(bound, _knapsack_bound(full, length, open_, room[t]))
            if value[t] + bound <= best * (1.0 + gap) + 1e-12:
                t -= 1
                continue
            phase[t] = 1
            j = order_l[t]
            if open_[j] and (pred_l[j] < 0 or chosen[t, pred_l[j]]):  # child with order[t]
                chosen[t + 1] = chosen[t]
                chosen[t + 1, j] = True
                excluded[t + 1] = excluded[t] | clash[j]
                uncovered[t + 1] = unc & ~cover[j]
                value[t + 1] = value[t] + float(full[j])
                room[t + 1] = room[t] - length[j]
                phase[t + 1] = 0
                t += 1
                continue
        if phase[t] == 1:  # child without order[t] (nor what only comes with it)
            phase[t] = 2
            j = order_l[t]
            chosen[t + 1] = chosen[t]
            excluded[t + 1] = excluded[t] | dependents[j]
            excluded[t + 1, j] = True
            uncovered[t + 1] = uncovered[t]
            value[t + 1] = value[t]
            room[t + 1] = room[t]
            phase[t + 1] = 0
            t += 1
            continue
        t -= 1
    return best_x, best, nodes, True
