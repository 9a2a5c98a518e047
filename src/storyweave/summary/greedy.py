"""The selection sentence by sentence (``exact=False``, and the fallback of the exact one),
and the overflow sentence that fills a budget exactly."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .features import Features
from ..config import SummaryConfig
from .similarity import Similarity

if TYPE_CHECKING:  # the analysis imports heavy modules; only its type is needed here
    from ..analysis import StoryAnalysis


def overflow(
    analysis: "StoryAnalysis", f: Features, chosen: list[int], words: int, params: SummaryConfig,
    similarity: "Similarity",
) -> list[int]:
    """The best sentence left out, to cut so the summary fills the budget exactly: one that
    does not restate a chosen fact and does not point back at something not chosen."""
    left = words - int(f.length[chosen].sum())
    if left <= 0 or not chosen:
        return []
    uncovered = f.weight.copy()
    for i in chosen:
        uncovered[f.matrix.indices[f.matrix.indptr[i]:f.matrix.indptr[i + 1]]] = 0.0
    open_ = f.candidate & ~f.dependent
    vectors = analysis.vectors
    open_ &= (vectors @ vectors[chosen].T < params.duplicate).all(axis=1)
    if params.same_fact:
        open_ &= (similarity.rows(chosen) < analysis.same_fact).all(axis=0)
    if params.one_per_group:
        open_ &= ~np.isin(f.group_of, f.group_of[chosen])
    open_[chosen] = False
    if not open_.any():
        return []
    value = f.base + params.concept * (f.matrix @ uncovered) / f.length
    return [int(np.argmax(np.where(open_, value, -np.inf)))]


def select_greedy(
    analysis: "StoryAnalysis", f: Features, words: int, params: SummaryConfig, fill: bool,
    similarity: "Similarity",
) -> list[int]:
    """Sentence by sentence: the best value per word that still fits (``exact=False``, and the
    fallback when the solver gives no answer)."""
    n = len(analysis.sentences)
    length, base, matrix, weight, previous, dependent = f.length, f.base, f.matrix, f.weight, f.previous, f.dependent
    vectors = analysis.vectors
    open_ = f.candidate.copy()
    group_of = f.group_of
    is_chosen = np.zeros(n, dtype=bool)
    chosen: list[int] = []
    uncovered = weight.copy()  # weight of each concept not yet in the summary
    max_sim = np.zeros(n)
    left = words
    overflow: int | None = None

    # A sentence that points back may also come in together with its predecessor: the pair
    # is scored as one unit (its new concepts per word, the mean of their base scores).
    dep = np.flatnonzero(dependent & (previous >= 0)) if params.pairs else np.zeros(0, dtype=np.int64)
    pre = previous[dep]
    if len(dep):
        pair_matrix = (matrix[pre] + matrix[dep]).sign()
        pair_length = length[pre] + length[dep]
        pair_base = (base[pre] + base[dep]) / 2

    def take(i: int) -> None:
        nonlocal left, max_sim, open_
        open_[i] = False
        chosen.append(i)
        is_chosen[i] = True
        uncovered[matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]] = 0.0
        left -= int(length[i])
        sims = vectors @ vectors[i]
        max_sim = np.maximum(max_sim, sims)
        # one sentence per fact: drop near-duplicates, sentences that state the same fact
        # (similar enough to align), and the rest of its fact group
        open_ &= sims < params.duplicate
        if params.same_fact:
            open_ &= similarity.row(i) < analysis.same_fact
        if params.one_per_group:
            open_ &= group_of != group_of[i]

    while left > 0:
        # a sentence that points back is a candidate only right after its predecessor
        allowed = open_ & (~dependent | ((previous >= 0) & is_chosen[np.maximum(previous, 0)]))
        if not allowed.any():
            break
        gain = matrix @ uncovered / length  # per word: a long sentence must earn its space
        value = np.where(allowed, base + params.concept * gain - params.redundancy * max_sim, -np.inf)
        if fill and overflow is None:
            top = int(np.argmax(value))
            if length[top] > left:  # the best choice does not fit: the one to cut, if any
                overflow = top
        # too long for what is left: a shorter sentence may still fit
        fits = allowed & (length <= left)
        if not fits.any():
            break
        best = int(np.argmax(np.where(fits, value, -np.inf)))
        if len(dep):
            pair_ok = allowed[pre] & open_[dep] & (pair_length <= left)
            if pair_ok.any():
                pair_value = pair_base + params.concept * (pair_matrix @ uncovered) / pair_length
                k = int(np.argmax(np.where(pair_ok, pair_value, -np.inf)))
                if pair_value[k] > value[best]:
                    take(int(pre[k]))
                    if open_[dep[k]]:  # unless its predecessor already says the same
                        take(int(dep[k]))
                    continue
        take(best)
    if fill and left > 0:
        if overflow is None:  # every candidate was used up: fill from the best unused sentence
            rest = np.where(is_chosen, -np.inf, base + params.concept * (matrix @ uncovered) / length)
            overflow = int(np.argmax(rest)) if np.isfinite(rest).any() else None
        if overflow is not None:
            chosen.append(overflow)
    return chosen
