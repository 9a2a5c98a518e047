"""The Ray engine: the same stages as the local engine, mapped over Ray tasks.

``ray`` is an optional extra (``pip install 'storyweave[ray]'``), imported only here. Each
batch becomes one task; the stage object is put in the object store once and unpickled per
task, and its models load once per worker process (see ``stories.features``). Results come
back in input order with at most ``max_in_flight`` tasks queued, so memory on the driver
stays bounded however long the stream is.

To use a cluster, pass ``address="ray://head:10001"`` (``--ray-address``) or set
``RAY_ADDRESS``; without either, a local Ray starts with ``num_cpus`` workers.
"""
from __future__ import annotations

import os
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import MissingExtra

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

    def __init__(self, address: str | None = None, num_cpus: int | None = None, max_in_flight: int | None = None) -> None:
        self._ray = _import_ray()
        self._started = False
        if not self._ray.is_initialized():
            address = address or os.environ.get("RAY_ADDRESS")
            kwargs = {"address": address} if address else {"num_cpus": num_cpus}
            self._ray.init(include_dashboard=False, log_to_driver=False, ignore_reinit_error=True, **kwargs)
            self._started = True  # we started it, so we shut it down
        cpus = int(self._ray.cluster_resources().get("CPU", 1))
        self.max_in_flight = max_in_flight or max(2, 2 * cpus)
        self._task = self._ray.remote(_apply)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        ray = self._ray
        fn_ref = ray.put(fn)
        pending: deque = deque()
        for item in items:
            pending.append(self._task.remote(fn_ref, item))
            if len(pending) >= self.max_in_flight:
                yield ray.get(pending.popleft())
        while pending:
            yield ray.get(pending.popleft())

    def close(self) -> None:
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()
        self._started = False
