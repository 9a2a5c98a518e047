"""The exact selection's programme, checked against every feasible subset of small random
instances."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from storyweave.summary import SummaryConfig
from storyweave.summary.exact import _reduced_coverage, _solve
from storyweave.summary.features import Features


@pytest.mark.parametrize("seed", range(12))
def test_reduced_programme_keeps_the_optimum(seed):
    # Folding one-sentence concepts into the sentence scores and merging concepts with the same
    # sentences must not change the optimum: compare with every feasible subset.

    rng = np.random.default_rng(seed)
    m, k, words = 11, 30, 60
    cells = rng.random((m, k)) < 0.15
    cells[:, :4] |= rng.random((m, 4)) < 0.5  # a few concepts many sentences share
    f = Features(
        length=rng.integers(8, 30, m), base=rng.random(m), matrix=csr_matrix(cells.astype(float)),
        weight=rng.integers(0, 5, k).astype(float), previous=np.full(m, -1),
        dependent=np.zeros(m, dtype=bool), candidate=np.ones(m, dtype=bool), group_of=np.arange(m),
    )
    clashes = np.array([(0, 1), (2, 5)])
    deps = [(4, 3)]  # sentence 4 only with sentence 3
    params = SummaryConfig(gap=0.0)
    cand = np.arange(m)

    def objective(mask):
        covered = cells[mask].any(axis=0)
        return float((f.base * f.length)[mask].sum() + f.weight[covered].sum())

    best = 0.0
    for r in range(1, m + 1):
        for subset in combinations(range(m), r):
            mask = np.zeros(m, dtype=bool)
            mask[list(subset)] = True
            if f.length[mask].sum() > words or any(mask[a] and mask[b] for a, b in clashes):
                continue
            if mask[4] and not mask[3]:
                continue
            best = max(best, objective(mask))
    gain, cover, weight = _reduced_coverage(f, cand, params)
    assert cover.shape[1] <= int(((cells.sum(axis=0) >= 2) & (f.weight > 0)).sum())  # only shared concepts left
    x = _solve(gain, f.length, words, cover, weight, clashes, deps, params)
    assert x is not None
    assert f.length[x].sum() <= words and not (x[0] and x[1]) and not (x[2] and x[5]) and not (x[4] and not x[3])
    assert objective(x) == pytest.approx(best, rel=1e-9)


def test_reduction_of_a_large_programme_keeps_every_objective():
    # More than 62 candidates: the columns are grouped by np.unique over rows, not by bit keys.
    # The reduced objective must equal the original one for any selection.
    rng = np.random.default_rng(7)
    m, k = 70, 120
    cells = rng.random((m, k)) < 0.05
    cells[:, :5] |= rng.random((m, 5)) < 0.4
    f = Features(
        length=rng.integers(8, 30, m), base=rng.random(m), matrix=csr_matrix(cells.astype(float)),
        weight=rng.integers(0, 5, k).astype(float), previous=np.full(m, -1),
        dependent=np.zeros(m, dtype=bool), candidate=np.ones(m, dtype=bool), group_of=np.arange(m),
    )
    gain, cover, weight = _reduced_coverage(f, np.arange(m), SummaryConfig())
    assert cover.shape == (m, len(weight)) and len(weight) < k
    for _ in range(50):
        x = rng.random(m) < 0.2
        original = (f.base * f.length)[x].sum() + f.weight[cells[x].any(axis=0)].sum()
        assert gain[x].sum() + weight[cover[x].any(axis=0)].sum() == pytest.approx(original)
