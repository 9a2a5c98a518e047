"""Disjoint sets: copies, fact links and figures are grouped by chains of pairwise links."""
from __future__ import annotations

from typing import Generic, Hashable, Iterable, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps chains short
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[ra] = rb

    def groups(self) -> list[list[T]]:
        out: dict[T, list[T]] = {}
        for x in list(self._parent):
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())

    def __len__(self) -> int:
        return len({self.find(x) for x in list(self._parent)})
