"""The selection solved exactly: a concept-coverage integer programme (solved in ``solver.py``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .features import Features
from ..config import SummaryConfig
from .similarity import Similarity

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from ..analysis import StoryAnalysis


def select_exact(
    analysis: "StoryAnalysis", f: Features, words: int, params: SummaryConfig, similarity: "Similarity",
) -> list[int] | None:
    """The selection as one integer programme (Gillick & Favre's concept coverage, with the
    greedy pass's sentence scores): maximise

        sum_c weight_c * covered_c  +  sum_i words_i * base_i * chosen_i

    subject to: at most ``words`` words; a concept is covered only if a chosen sentence has
    it; no two chosen sentences state the same fact (near-duplicates, sentences that align,
    one fact group); a sentence that points back only with its predecessor. The greedy pass
    maximises the same sum step by step and stops short of the optimum on most stories (2 %
    of the objective on Multi-News), mostly by preferring short dense sentences to longer ones
    that cover more. Solved exactly by ``solver.py``.
    """
    ok = f.candidate & (f.length <= words)
    # a sentence that points back needs its predecessor among the candidates (transitively)
    while True:
        orphan = ok & f.dependent & ((f.previous < 0) | ~ok[np.maximum(f.previous, 0)])
        if not orphan.any():
            break
        ok &= ~orphan
    cand = np.flatnonzero(ok)
    if len(cand) > params.max_candidates:  # bound the programme: the best by greedy value
        value = f.base + (f.matrix @ f.weight) / f.length
        keep = np.zeros(len(ok), dtype=bool)
        keep[cand[np.argsort(-value[cand], kind="stable")[: params.max_candidates]]] = True
        while True:  # keep predecessors of kept dependents
            need = keep & f.dependent & ~keep[np.maximum(f.previous, 0)]
            if not need.any():
                break
            keep &= ~need
        cand = np.flatnonzero(keep)
    if len(cand) == 0:
        return []
    gain, cover, weight = _reduced_coverage(f, cand, params)
    # conflicts: x_a + x_b <= 1
    vectors = analysis.vectors[cand]
    clash = vectors @ vectors.T >= params.duplicate
    if params.same_fact:
        clash |= similarity.block(cand) >= analysis.same_fact
    if params.one_per_group:
        g = f.group_of[cand]
        clash |= g[:, None] == g[None, :]
    pos = {int(i): a for a, i in enumerate(cand)}
    deps = [(pos[int(i)], pos[int(f.previous[i])]) for i in cand if f.dependent[i]]
    for a, b in deps:  # a sentence and the one it points back to come together
        clash[a, b] = clash[b, a] = False
    x = _solve(gain, f.length[cand], words, cover, weight, np.argwhere(np.triu(clash, 1)), deps, params)
    if x is None:
        return None
    chosen = [int(i) for i in cand[x]]
    # most central first; a sentence that points back right after its predecessor
    root = {}
    for i in chosen:
        r = i
        while f.dependent[r] and f.previous[r] in chosen:
            r = int(f.previous[r])
        root[i] = r
    return sorted(chosen, key=lambda i: (-f.base[root[i]], root[i], i))


def _reduced_coverage(f: Features, cand: np.ndarray, params: SummaryConfig):
    """The programme's coverage part, made small without changing its optimum: a concept that
    only one candidate has is covered exactly when that sentence is chosen, so its weight
    joins the sentence's own score; concepts that the same candidates share are one column
    with their weights summed. About 70 concept columns per Multi-News story become 20, and
    the search needs fewer nodes (HiGHS, which solved it before, was a fifth faster on it).

    Returns (score per candidate, candidates x shared-concept 0/1 matrix, column weights).
    """
    sub = f.matrix[cand].toarray() > 0  # ~25 x ~1500: dense is cheaper than sparse calls here
    weight = params.concept * f.weight
    holders = sub.sum(axis=0)  # candidates having each concept
    single = holders == 1
    gain = f.base[cand] * f.length[cand] + sub[:, single] @ weight[single]
    shared = np.flatnonzero((holders >= 2) & (weight > 0))
    if len(shared) == 0:
        return gain, np.zeros((len(cand), 0), dtype=bool), np.zeros(0)
    cover = sub[:, shared]
    if len(cand) <= 62:  # a column's holders as the bits of one integer
        key = (np.int64(1) << np.arange(len(cand), dtype=np.int64)) @ cover.astype(np.int64)
        _, first, column = np.unique(key, return_index=True, return_inverse=True)
        support = cover[:, first]
    else:
        support, column = np.unique(cover.T, axis=0, return_inverse=True)
        support = support.T
    return gain, support, np.bincount(column.ravel(), weights=weight[shared], minlength=support.shape[1])


def _solve(
    gain: np.ndarray, length: np.ndarray, words: int, cover: np.ndarray, weight: np.ndarray,
    clashes: np.ndarray, deps: list[tuple[int, int]], params: SummaryConfig,
) -> np.ndarray | None:
    """max gain.x + weight.y  s.t.  length.x <= words;  y_c <= sum of x over cover[:, c];
    x_a + x_b <= 1 for each clash;  x_dependent <= x_predecessor;  x binary, y in [0, 1].
    Returns the chosen mask (``solver.solve``; None only for an empty programme)."""
    from .solver import solve

    if len(gain) == 0:
        return None
    return solve(gain, length, words, cover, weight, clashes, deps, params.gap, params.node_limit).chosen
