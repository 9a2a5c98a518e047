"""The compiled part of the exact selection's search (numba; see ``solver.py``)."""
from __future__ import annotations

import numpy as np
from numba import njit


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
def search(gain, length, budget, cover, weight, mu, clash, pred, order, gap, node_limit):  # pragma: no cover - compiled
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
