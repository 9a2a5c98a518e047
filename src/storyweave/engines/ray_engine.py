"""The Ray engine: the same stages as the local engine, mapped over Ray tasks.

``ray`` is an optional extra (``pip install 'storyweave[ray]'``), imported only here.

- **Joining a cluster:** ``address`` (``--ray-address``) or ``RAY_ADDRESS``, as ``ray.init``
  takes it (``127.0.0.1:6379`` for a cluster started with ``ray start --head``, or
  ``ray://head:10001``); without either, a local Ray starts with ``num_cpus`` CPUs.
- **Models once per worker:** each batch is one task; the stage object is put in the object
  store once per ``map`` and its models load once per worker process (module-level caches,
  see ``stories.features`` and ``engines.stages``), then serve every later task there.
- **Backpressure:** at most ``max_in_flight`` tasks are submitted ahead of the result the
  driver waits for, so however long the stream, the driver holds a bounded window.
- **Failures:** a task whose worker died (killed, out of memory, node lost) is retried by
  Ray up to ``retries`` times; a stage that raises goes to ``on_error(item, exc)`` when
  given (the stages themselves turn a bad record into a Problem and go on).
"""
from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import MissingExtra
from ..log import logger

T = TypeVar("T")
R = TypeVar("R")


def _import_ray():
    try:
        import ray
    except ImportError as e:
        raise MissingExtra("ray", "ray") from e
    return ray


def _apply(fn, item):
    return fn(item)


class RayEngine:
    name = "ray"

    def __init__(self, address: str | None = None, num_cpus: int | None = None, max_in_flight: int | None = None,
                 retries: int = 3) -> None:
        self._ray = _import_ray()
        self._started = False
        if not self._ray.is_initialized():
            address = address or os.environ.get("RAY_ADDRESS")
            kwargs = {"address": address} if address else {"num_cpus": num_cpus}
            self._ray.init(include_dashboard=False, log_to_driver=False, ignore_reinit_error=True, **kwargs)
            self._started = True  # we started it, so we shut it down
        self.workers = int(self._ray.cluster_resources().get("CPU", 1))
        self.max_in_flight = max_in_flight or max(2, 2 * self.workers)
        # retried when the worker process dies; a stage's own exception is not (it would fail again)
        self._task = self._ray.remote(max_retries=retries, retry_exceptions=[ConnectionError, TimeoutError])(_apply)

    def map(self, fn: Callable[[T], R], items: Iterable[T], on_error=None) -> Iterator[R]:
        ray = self._ray
        fn_ref = ray.put(fn)
        pending: deque = deque()
        for item in items:
            pending.append((item, self._task.remote(fn_ref, item)))
            if len(pending) >= self.max_in_flight:
                yield self._get(pending.popleft(), on_error)
        while pending:
            yield self._get(pending.popleft(), on_error)

    def _get(self, entry, on_error):
        item, ref = entry
        try:
            return self._ray.get(ref)
        except Exception as e:  # RayTaskError (the stage raised) or a worker lost beyond its retries
            if on_error is None:
                raise
            cause = getattr(e, "cause", None) or e
            logger.warning("a Ray task failed (%s: %s); its item goes to the error handler", type(cause).__name__, cause)
            return on_error(item, cause)

    def close(self) -> None:
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()
        self._started = False

    def __enter__(self) -> "RayEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
