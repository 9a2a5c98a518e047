"""Timed speed rounds for ``storyweave eval extraction`` (after the scoring pass).

Each round runs every system over every page. With one worker the systems take turns page
by page, the order alternating from page to page (A B C, C B A, ...), so a change in the
shared machine's load falls on all systems alike; the clock is this process's CPU time (and
wall time beside it). With N workers each system's pages go through a pool of N forked
processes -- forked after the scoring pass, so they start with everything loaded -- the
systems taking turns block by block (``POOL_BLOCK`` pages), the order alternating; the clock
is the pool's wall time (pages/s on N cores) with the CPU seconds its workers report.
"""
from __future__ import annotations

import multiprocessing
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .extraction import Page, SystemResult

# the pages, set before the pool forks: the workers read them from memory instead of each
# task pickling a page across
_PAGES: list = []
# pages a system runs on the pool before the next system's turn: small enough that the load
# changes little within a turn, large enough that a worker idling at the end of a turn (for
# the other's last page) costs little
POOL_BLOCK = 32


def _task(job: tuple[str, int]) -> float:
    """One page through one system in a worker; returns the CPU seconds it took."""
    from .extraction import SYSTEMS

    name, i = job
    start = time.process_time()
    SYSTEMS[name](_PAGES[i].html, _PAGES[i].url)
    return time.process_time() - start


def _quiet() -> None:
    from ..ingest.html import quiet_extractor_logs

    quiet_extractor_logs()


def _interleaved(results: list[SystemResult], pages: list[Page], r: int) -> None:
    """One round in this process, page by page: every system on a page before the next page,
    the order alternating from page to page, so the neighbours' load of any moment falls on
    all systems alike (a whole round per system is a minute of wall time on a busy machine)."""
    from .extraction import SYSTEMS

    for i, page in enumerate(pages):
        for res in (results if (i + r) % 2 == 0 else results[::-1]):
            wall, cpu = time.perf_counter(), time.process_time()
            SYSTEMS[res.name](page.html, page.url)
            res.seconds += time.process_time() - cpu
            res.wall += time.perf_counter() - wall
            res.timed_pages += 1


def timed_rounds(results: list[SystemResult], pages: list[Page], rounds: int, workers: int = 1) -> None:
    """Replace each result's speed figures with those of ``rounds`` timed passes."""
    for res in results:
        res.seconds = res.wall = 0.0
        res.timed_pages = 0
    pool = None
    if workers > 1:
        global _PAGES
        _PAGES = pages
        # fork: the workers inherit this warmed process (no re-import, no one-time loading)
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_quiet)
    try:
        for r in range(rounds):
            if pool is None:
                _interleaved(results, pages, r)
                continue
            # the systems take turns block by block, the order alternating, so the load of any
            # moment falls on all alike; one page a task (pages differ a hundredfold in size)
            for b, start in enumerate(range(0, len(pages), POOL_BLOCK)):
                block = range(start, min(start + POOL_BLOCK, len(pages)))
                for res in (results if (b + r) % 2 == 0 else results[::-1]):
                    wall = time.perf_counter()
                    res.seconds += sum(pool.imap_unordered(_task, [(res.name, i) for i in block]))
                    res.wall += time.perf_counter() - wall
                    res.timed_pages += len(block)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
