"""Engines run the same stages on different executors: this process (default) or Ray.

An engine has one job: ``map(fn, batches)`` -> results in input order, where ``fn`` is a
picklable stage (e.g. ``stories.Featurizer``) that loads its models once per worker.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "ray")


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


def get_engine(name: str, **options) -> Engine:
    """``local`` or ``ray`` (the optional extra; a clear message says how to install it)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(**options)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(**options)
    from ..errors import ConfigError

    raise ConfigError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")
