"""A branch and bound for the summary's small coverage programme, compiled with numba.

The programme (see ``exact.py``): choose sentences x to maximise

    gain . x  +  sum over concept columns c of weight_c * [some chosen sentence has c]

within a word budget, with pairs that exclude each other and sentences that come only with
their predecessor. It has ~25 binaries. HiGHS solves it exactly, but spends ~15 ms per story
(median) in root work built for large programmes; this search needs ~1 ms, with the same
optima on the 250 Multi-News programmes (docs/summaries.md).

Depth-first over the sentences, most valuable per word first; a sentence before any that
points back to it. Each node is bounded by the lesser of two fractional knapsacks over the
sentences still open:

* each sentence worth its gain plus every uncovered concept it has (concepts counted once
  per sentence, so shared ones are over-counted);
* a Lagrangian relaxation of the coverage rows: a concept's weight spread over the
  sentences that have it (mu_c = weight_c / holders_c), plus what the spread leaves over.

Both are upper bounds of every completion, so pruning with them keeps the optimum (up to
``gap``). ``node_limit`` is a safety valve: past it the best selection found is returned
and marked as not proven.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import StoryweaveError

try:
    from numba import njit
except ImportError as e:  # pragma: no cover - part of the default install
    raise StoryweaveError("numba is missing: run  make setup  (or pip install numba)") from e


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: np.ndarray  # bool per sentence
    value: float
    nodes: int
    proven: bool  # False when the node limit stopped the search


def solve(
    gain: np.ndarray, length: np.ndarray, budget: float, cover: np.ndarray, weight: np.ndarray,
    clashes: np.ndarray, deps: list[tuple[int, int]], gap: float = 1e-4, node_limit: int = 2_000_000,
) -> Solution:
    """max gain.x + weight.[cover^T x > 0]  s.t.  length.x <= budget;  not both of a clash
    pair;  a dependent (first of a deps pair) only with its predecessor (second)."""
    m = len(gain)
    gain = np.ascontiguousarray(gain, dtype=np.float64)
    length = np.ascontiguousarray(length, dtype=np.float64)
    cover = np.ascontiguousarray(cover, dtype=np.bool_).reshape(m, -1)
    weight = np.ascontiguousarray(weight, dtype=np.float64)
    clash = np.zeros((m, m), dtype=np.bool_)
    pairs = np.asarray(clashes, dtype=np.int64).reshape(-1, 2)
    clash[pairs[:, 0], pairs[:, 1]] = clash[pairs[:, 1], pairs[:, 0]] = True
    pred = np.full(m, -1, dtype=np.int64)
    for a, b in deps:
        pred[a] = b
    holders = cover.sum(axis=0)
    mu = weight / np.maximum(holders, 1)
    # Most valuable per word first (the bound's own order, so good selections come early);
    # a predecessor before its dependents, so a dependent is decided knowing it.
    ratio = (gain + cover.astype(np.float64) @ weight) / np.maximum(length, 1e-9)
    order: list[int] = []
    placed = np.zeros(m, dtype=bool)
    for i in np.argsort(-ratio, kind="stable"):
        chain = []
        while i >= 0 and not placed[i]:
            chain.append(i)
            placed[i] = True
            i = pred[i]
        order.extend(reversed(chain))
    chosen, value, nodes, proven = _search(
        gain, length, float(budget), cover, weight, mu, clash, pred, np.array(order, dtype=np.int64),
        float(gap), int(node_limit),
    )
    return Solution(chosen=chosen, value=float(value), nodes=int(nodes), proven=bool(proven))


@njit(cache=True, nogil=True)
def _knapsack_bound(value, length, open_, budget):  # pragma: no cover - compiled
    """The fractional knapsack over open items with positive value (Dantzig's bound)."""
    m = len(value)
    idx = np.empty(m, np.int64)
    ratio = np.empty(m)
    n = 0
    for i in range(m):
        if open_[i] and value[i] > 0:
            idx[n] = i
            ratio[n] = value[i] / length[i]
            n += 1
    for a in range(1, n):  # insertion sort, best ratio first: n is ~25
        r, ii, b = ratio[a], idx[a], a - 1
        while b >= 0 and ratio[b] < r:
            ratio[b + 1], idx[b + 1] = ratio[b], idx[b]
            b -= 1
        ratio[b + 1], idx[b + 1] = r, ii
    total, room = 0.0, budget
    for a in range(n):
        i = idx[a]
        if length[i] <= room:
            room -= length[i]
            total += value[i]
        else:
            total += room * ratio[a]
            break
    return total


@njit(cache=True, nogil=True)
def _greedy(gain, length, budget, cover, weight, clash, pred):  # pragma: no cover - compiled
    """The first incumbent: best value per word until nothing fits."""
    m, k = cover.shape
    chosen = np.zeros(m, np.bool_)
    blocked = np.zeros(m, np.bool_)
    uncovered = np.ones(k, np.bool_)
    room, total = budget, 0.0
    while True:
        best_i, best_r, best_g = -1, -np.inf, 0.0
        for i in range(m):
            if chosen[i] or blocked[i] or length[i] > room or (pred[i] >= 0 and not chosen[pred[i]]):
                continue
            g = gain[i]
            for c in range(k):
                if cover[i, c] and uncovered[c]:
                    g += weight[c]
            if g / length[i] > best_r:
                best_i, best_r, best_g = i, g / length[i], g
        if best_i < 0:
            return chosen, total
        chosen[best_i] = True
        total += best_g
        room -= length[best_i]
        for c in range(k):
            if cover[best_i, c]:
                uncovered[c] = False
        for i in range(m):
            if clash[best_i, i]:
                blocked[i] = True


@njit(cache=True, nogil=True)
def _search(gain, length, budget, cover, weight, mu, clash, pred, order, gap, node_limit):  # pragma: no cover - compiled
    m, k = cover.shape
    best_x, best = _greedy(gain, length, budget, cover, weight, clash, pred)
    best_x = best_x.copy()
    # one row per depth: the node at depth t has decided order[:t]
    chosen = np.zeros((m + 1, m), np.bool_)
    excluded = np.zeros((m + 1, m), np.bool_)
    uncovered = np.ones((m + 1, k), np.bool_)
    value = np.zeros(m + 1)
    room = np.zeros(m + 1)
    phase = np.zeros(m + 1, np.int64)  # 0 new, 1 "with" child done, 2 both done
    room[0] = budget
    depth_of = np.empty(m, np.int64)
    for t in range(m):
        depth_of[order[t]] = t
    open_ = np.zeros(m, np.bool_)
    reachable = np.zeros(k, np.bool_)
    est = np.empty(m)
    nodes = 0
    t = 0
    while t >= 0:
        if phase[t] == 0:
            nodes += 1
            if nodes > node_limit:
                return best_x, best, nodes, False
            if value[t] > best:
                best = value[t]
                best_x[:] = chosen[t]
            if t == m:
                t -= 1
                continue
            any_open = False
            for i in range(m):
                open_[i] = depth_of[i] >= t and not excluded[t, i] and length[i] <= room[t]
                any_open = any_open or open_[i]
            if not any_open:
                t -= 1
                continue
            # Lagrangian bound: concepts still reachable, each spread over its holders
            rest = 0.0
            for c in range(k):
                reachable[c] = False
                if uncovered[t, c]:
                    for i in range(m):
                        if open_[i] and cover[i, c]:
                            reachable[c] = True
                            break
                    if reachable[c] and weight[c] > mu[c]:
                        rest += weight[c] - mu[c]
            for i in range(m):
                if open_[i]:
                    s = gain[i]
                    for c in range(k):
                        if cover[i, c] and reachable[c]:
                            s += mu[c]
                    est[i] = s
            bound = rest + _knapsack_bound(est, length, open_, room[t])
            # optimistic bound: every uncovered concept of a sentence counted for it
            for i in range(m):
                if open_[i]:
                    s = gain[i]
                    for c in range(k):
                        if cover[i, c] and uncovered[t, c]:
                            s += weight[c]
                    est[i] = s
            bound = min(bound, _knapsack_bound(est, length, open_, room[t]))
            if value[t] + bound <= best * (1.0 + gap) + 1e-12:
                t -= 1
                continue
            phase[t] = 1
            j = order[t]
            if open_[j] and (pred[j] < 0 or chosen[t, pred[j]]):  # child with order[t]
                chosen[t + 1] = chosen[t]
                chosen[t + 1, j] = True
                excluded[t + 1] = excluded[t] | clash[j]
                g = gain[j]
                for c in range(k):
                    if cover[j, c] and uncovered[t, c]:
                        g += weight[c]
                    uncovered[t + 1, c] = uncovered[t, c] and not cover[j, c]
                value[t + 1] = value[t] + g
                room[t + 1] = room[t] - length[j]
                phase[t + 1] = 0
                t += 1
                continue
        if phase[t] == 1:  # child without order[t] (nor what only comes with it)
            phase[t] = 2
            j = order[t]
            chosen[t + 1] = chosen[t]
            excluded[t + 1] = excluded[t]
            excluded[t + 1, j] = True
            for i in range(m):
                if pred[i] == j:
                    excluded[t + 1, i] = True
            uncovered[t + 1] = uncovered[t]
            value[t + 1] = value[t]
            room[t + 1] = room[t]
            phase[t + 1] = 0
            t += 1
            continue
        t -= 1
    return best_x, best, nodes, True
