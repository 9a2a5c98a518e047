"""The branch and bound of the exact selection, checked against every subset of random
programmes."""
from __future__ import annotations

import subprocess
import sys
from itertools import product

import numpy as np
import pytest

from storyweave.summary import solver
from storyweave.summary.solver import solve


def _instance(seed: int, m: int = 13, k: int = 9):
    rng = np.random.default_rng(seed)
    cover = rng.random((m, k)) < 0.3
    cover[:, :3] |= rng.random((m, 3)) < 0.5  # concepts many sentences share
    gain = rng.random(m) * rng.integers(5, 30, m)
    length = rng.integers(5, 30, m).astype(float)
    weight = rng.integers(0, 8, k).astype(float)
    pairs = {tuple(sorted(p)) for p in rng.integers(0, m, (4, 2)) if p[0] != p[1]}
    clashes = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    # a chain: m-1 only with m-2, which only comes with m-3
    deps = [(m - 1, m - 2), (m - 2, m - 3)]
    clashes = np.array([p for p in clashes if not set(p) & {m - 1, m - 2, m - 3}], dtype=np.int64).reshape(-1, 2)
    return gain, length, float(rng.integers(40, 90)), cover, weight, clashes, deps


def _brute_force(gain, length, budget, cover, weight, clashes, deps):
    m = len(gain)
    x = np.array(list(product([False, True], repeat=m)))
    ok = x.astype(float) @ length <= budget
    for a, b in clashes:
        ok &= ~(x[:, a] & x[:, b])
    for a, b in deps:
        ok &= ~x[:, a] | x[:, b]
    value = x.astype(float) @ gain + (x.astype(float) @ cover.astype(float) > 0) @ weight
    return value[ok].max()


@pytest.mark.parametrize("seed", range(25))
def test_finds_the_optimum(seed):
    gain, length, budget, cover, weight, clashes, deps = _instance(seed)
    best = _brute_force(gain, length, budget, cover, weight, clashes, deps)
    s = solve(gain, length, budget, cover, weight, clashes, deps, gap=0.0)
    x = s.chosen
    assert s.proven
    assert length[x].sum() <= budget
    assert not any(x[a] and x[b] for a, b in clashes)
    assert all(x[b] or not x[a] for a, b in deps)
    value = gain[x].sum() + weight[cover[x].any(axis=0)].sum()
    assert s.value == pytest.approx(value)
    assert value == pytest.approx(best, rel=1e-9)


def test_node_limit_keeps_a_feasible_selection():
    gain, length, budget, cover, weight, clashes, deps = _instance(3)
    s = solve(gain, length, budget, cover, weight, clashes, deps, gap=0.0, node_limit=2)
    assert not s.proven
    assert s.chosen.any() and length[s.chosen].sum() <= budget


def test_no_concepts_and_nothing_fits():
    s = solve(np.array([3.0, 2.0]), np.array([5.0, 4.0]), 4.0, np.zeros((2, 0), dtype=bool), np.zeros(0),
              np.zeros((0, 2)), [])
    assert s.chosen.tolist() == [False, True] and s.value == 2.0
    s = solve(np.array([3.0]), np.array([5.0]), 4.0, np.zeros((1, 0), dtype=bool), np.zeros(0), np.zeros((0, 2)), [])
    assert not s.chosen.any() and s.value == 0.0



@pytest.mark.parametrize("seed", range(12))
def test_numpy_and_compiled_searches_are_the_same_search(seed, monkeypatch):
    """Same selection, value and node count: the numpy search is numba's, node for node."""
    inst = _instance(seed, m=22, k=30)
    monkeypatch.setattr(solver, "_loaded", lambda: None)
    monkeypatch.setattr(solver, "_numpy_seconds", 0.0)
    a = solve(*inst)
    monkeypatch.setattr(solver, "_loaded", solver._compiled)
    b = solve(*inst)
    assert a.chosen.tolist() == b.chosen.tolist()
    assert (a.value, a.nodes, a.proven) == (b.value, b.nodes, b.proven)
    assert a.nodes > 1


def test_a_long_search_goes_to_numba_and_keeps_its_result(monkeypatch):
    inst = _instance(5, m=22, k=30)
    expected = solve(*inst)
    monkeypatch.setattr(solver, "_loaded", lambda: None)
    monkeypatch.setattr(solver, "_numpy_seconds", 0.0)
    monkeypatch.setattr(solver, "NUMPY_NODES", 3)
    calls = []
    compiled = solver._compiled
    monkeypatch.setattr(solver, "_compiled", lambda: calls.append(1) or compiled())
    s = solve(*inst)
    assert calls and s.proven and s.nodes > 3
    assert s.chosen.tolist() == expected.chosen.tolist() and s.value == expected.value


def test_a_fresh_process_solves_without_loading_numba():
    code = ("import sys, numpy as np; from storyweave.summary.solver import solve; "
            "s = solve(np.ones(3), np.ones(3), 2.0, np.eye(3, dtype=bool), np.ones(3), np.zeros((0, 2)), []); "
            "print(int(s.chosen.sum()), 'numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2", "False"]


def test_a_process_that_keeps_solving_moves_to_numba(monkeypatch):
    inst = _instance(4, m=22, k=30)
    monkeypatch.setattr(solver, "_loaded", lambda: None)
    calls = []
    compiled = solver._compiled
    monkeypatch.setattr(solver, "_compiled", lambda: calls.append(1) or compiled())
    monkeypatch.setattr(solver, "_numpy_seconds", 0.0)
    first = solve(*inst)
    assert not calls and solver._numpy_seconds > 0  # the first solves: numpy
    monkeypatch.setattr(solver, "_numpy_seconds", solver.NUMBA_LOAD_SECONDS)
    again = solve(*inst)
    assert calls  # numpy has cost what loading numba costs: numba from now on
    assert again.chosen.tolist() == first.chosen.tolist() and again.nodes == first.nodes
