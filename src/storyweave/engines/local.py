"""The default engine: this process, or a local process pool for ``workers > 1``."""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

from ..log import logger

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    name = "local"

    def __init__(self, workers: int = 1, max_in_flight: int | None = None, retries: int = 2) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        # bounded: the stream is never read far ahead. 8 batches a worker, not 2: the driver's
        # thread that collects results waits for the GIL while the driver places articles, and
        # the workers idled meanwhile (ingest of 2,000 dev-like articles, 2 workers: 31-33 s
        # wall against 38-46 s with 2 a worker, two rounds on a shared box)
        self.max_in_flight = max_in_flight or 8 * workers
        self.retries = retries
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T], on_error=None) -> Iterator[R]:
        if self.workers == 1:
            # One process: the stage keeps its loaded models across batches.
            for item in items:
                try:
                    out = fn(item)
                except Exception as e:
                    if on_error is None:
                        raise
                    out = on_error(item, e)
                yield out
            return
        pending: deque[tuple[T, Future, int]] = deque()
        for item in items:
            try:
                fut = self._submit(fn, item)
            except BrokenProcessPool:  # a worker died since the last submit: what is in flight is lost too
                self._renew(fn, pending, first_failed=False)
                fut = self._submit(fn, item)
            pending.append((item, fut, 0))
            if len(pending) >= self.max_in_flight:
                yield self._next(fn, pending, on_error)
        while pending:
            yield self._next(fn, pending, on_error)

    def _submit(self, fn, item) -> Future:
        if self._pool is None:
            self.warm(fn)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("forkserver"))
        return self._pool.submit(fn, item)

    def warm(self, fn) -> None:
        """Start the pool's server now, importing the modules ``fn`` needs (its own and its
        ``preload``), while the driver still sets itself up; every worker forks from it with
        them imported. forkserver: a child of the driver itself would inherit its threads and
        locks (a server, Ray). 0.12 CPU-s a worker to start instead of 0.84 spawned afresh
        (measured when the story modules pulled in datasketch and scipy). The server's
        preload is the first pool's: later pools of this process reuse it."""
        if self.workers == 1:
            return
        from multiprocessing import forkserver

        modules = {"storyweave.engines.stages", getattr(fn, "__module__", None) or "storyweave", *getattr(fn, "preload", ())}
        multiprocessing.get_context("forkserver").set_forkserver_preload(sorted(modules))
        forkserver.ensure_running()

    def _next(self, fn, pending: deque, on_error):
        while True:
            item, fut, tries = pending[0]
            try:
                out = fut.result()
            except BrokenProcessPool as e:
                # a worker died (killed, out of memory): a fresh pool, and everything in flight again
                if tries >= self.retries:
                    pending.popleft()
                    if on_error is None:
                        raise
                    return on_error(item, e)
                logger.warning("a worker process died (%s); retrying %d item(s) in a new pool", e, len(pending))
                self._renew(fn, pending, first_failed=True)
                continue
            except Exception as e:
                pending.popleft()
                if on_error is None:
                    raise
                return on_error(item, e)
            pending.popleft()
            return out

    def _renew(self, fn, pending: deque, first_failed: bool) -> None:
        """A fresh pool, and every item in flight submitted to it again."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        for i in range(len(pending)):
            it, _, n = pending[i]
            # which item killed the worker is unknown: each one in flight used a try
            pending[i] = (it, self._submit(fn, it), n + 1 if first_failed else n)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
