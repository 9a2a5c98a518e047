"""A branch and bound for the summary's small coverage programme, compiled with numba.

The programme (see ``exact.py``): choose sentences x to maximise

    gain . x  +  sum over concept columns c of weight_c * [some chosen sentence has c]

within a word budget, with pairs that exclude each other and sentences that come only with
their predecessor. It has ~25 binaries. HiGHS solves it exactly too, but spends ~15 ms per
story (median, and 40 ms through scipy's milp) in root work built for large programmes; this
search needs ~1 ms, with the same optima on the 250 Multi-News programmes (docs/summaries.md).

Depth-first over the sentences (``_search.py``), most valuable per word first, a sentence
before any that points back to it. Each node is bounded by the lesser of two fractional
knapsacks over the sentences still open:

* each sentence worth its gain plus every uncovered concept it has (concepts counted once
  per sentence, so shared ones are over-counted);
* a Lagrangian relaxation of the coverage rows: a concept's weight spread over the
  sentences that have it (mu_c = weight_c / holders_c), plus what the spread leaves over.

Both are upper bounds of every completion, so pruning with them keeps the optimum (up to
``gap``). ``node_limit`` is a safety valve: past it the best selection found is returned
and marked as not proven.

Cost: numba compiles the search once per machine (~10 s, cached on disk beside the module),
and each process spends ~0.4 s importing numba and loading the compiled search before its
first solve. So a process that has not loaded it (a one-shot brief) searches with the same
algorithm in numpy (``_search_numpy.py``: same nodes, same result, ~45 µs a node) and hands
a search past ``NUMPY_NODES`` to numba. A process that keeps solving (a server, ``brief
--all``) loads numba once its numpy searches have cost what loading it costs (rent until
renting has cost the price of buying: never more than twice the better choice); batch runs
call :func:`warm` and use numba from the first cluster.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np

from ..errors import StoryweaveError

# Nodes the numpy search may visit before numba takes the search over (from the start: the
# same search, so the same result). At ~30 µs a node against ~0.4 s to load numba, numpy is
# the faster start up to ~10k nodes; the example story's programme takes ~1k, and giving up
# at 5k wastes at most ~0.15 s.
NUMPY_NODES = 5_000
# What loading numba and the compiled search costs a process (seconds, measured ~0.4 s), and
# what this process's numpy searches have cost so far.
NUMBA_LOAD_SECONDS = 0.4
_numpy_seconds = 0.0


@dataclass(frozen=True, slots=True)
class Solution:
    chosen: np.ndarray  # bool per sentence
    value: float
    nodes: int
    proven: bool  # False when the node limit stopped the search


def warm() -> None:
    """Load the compiled search now (or compile it, the first time on a machine); every
    later solve in the process uses it."""
    _compiled()
    solve(np.ones(2), np.ones(2), 1.0, np.ones((2, 1), dtype=bool), np.ones(1), np.zeros((0, 2)), [])


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
    pairs = np.asarray(clashes, dtype=np.int64).reshape(-1, 2)
    clash = np.zeros((m, m), dtype=np.bool_)
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
    args = (gain, length, float(budget), cover, weight, mu, clash, pred, np.array(order, dtype=np.int64), float(gap))
    global _numpy_seconds
    search = _loaded() or (_compiled() if _numpy_seconds >= NUMBA_LOAD_SECONDS else None)
    if search is None:
        from ._search_numpy import NodeLimit, search as numpy_search

        started = time.perf_counter()
        try:
            found = numpy_search(*args, min(int(node_limit), NUMPY_NODES), give_up=node_limit > NUMPY_NODES)
        except NodeLimit:
            search = _compiled()
        _numpy_seconds += time.perf_counter() - started
    if search is not None:
        found = search(*args, int(node_limit))
    chosen, value, nodes, proven = found
    return Solution(chosen=chosen, value=float(value), nodes=int(nodes), proven=bool(proven))


def _loaded():
    """The compiled search if this process has loaded it already, else None."""
    module = sys.modules.get(f"{__package__}._search")
    return getattr(module, "search", None)


def _compiled():
    try:
        from ._search import search
    except ImportError as e:  # pragma: no cover - part of the default install
        raise StoryweaveError("numba is missing: run  make setup  (or pip install numba)") from e
    return search
