"""The default engine: this process, or a local process pool for ``workers > 1``."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class LocalEngine:
    name = "local"

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            # One process: the stage keeps its loaded models across batches.
            for item in items:
                yield fn(item)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers)
        # Executor.map keeps input order; chunks of work stay bounded by the batch size.
        yield from self._pool.map(fn, items)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
