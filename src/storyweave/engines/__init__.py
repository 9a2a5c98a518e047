"""Engines run the same stages on different executors: this process (default), a local
process pool (``--workers N``) or Ray (``--engine ray``).

An engine has one job: ``map(fn, items, on_error=None)`` -> results in input order, where
``fn`` is a picklable stage (e.g. ``stories.Featurizer``, ``engines.stages.ReadUnits``) that
loads its models once per worker process. At most a few items per worker are in flight, so
an unbounded stream keeps the driver's memory bounded. A worker that dies is replaced and
its items retried; an item whose stage raises goes to ``on_error(item, exc)`` (when given)
and the stream goes on.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "ray")
OnError = Callable[[Any, BaseException], Any]


class Engine(Protocol):
    name: str
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T], on_error: OnError | None = None) -> Iterator[R]: ...

    def close(self) -> None: ...


def get_engine(name: str, **options) -> Engine:
    """``local`` or ``ray`` (the optional extra; a clear message says how to install it)."""
    if name == "local":
        from .local import LocalEngine

        options.pop("address", None)
        return LocalEngine(**options)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(**options)
    from ..errors import ConfigError

    raise ConfigError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


def add_engine_arguments(p) -> None:
    """``--engine``, ``--workers`` and ``--ray-address`` for a command that runs stages."""
    p.add_argument("--engine", choices=list(ENGINES), default="local",
                   help="where the stages run: this machine (default) or a Ray cluster")
    p.add_argument("--workers", type=int, metavar="N", default=None,
                   help="worker processes (local: a process pool, default 1 = this process; "
                        "ray: CPUs of a Ray started here, default all)")
    p.add_argument("--ray-address", metavar="ADDR",
                   help="Ray cluster to join, e.g. 127.0.0.1:6379 or ray://head:10001 (default: RAY_ADDRESS, "
                        "else a Ray started here)")


def engine_from_args(args) -> Engine:
    workers = getattr(args, "workers", None)
    if workers is not None and workers < 1:
        from ..errors import ConfigError

        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if getattr(args, "engine", "local") == "ray":
        return get_engine("ray", address=getattr(args, "ray_address", None), num_cpus=workers)
    return get_engine("local", workers=workers or 1)
