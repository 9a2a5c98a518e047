"""IDF-weighted bags per story: how much an article shares a story's rare names or words.

One ``Profiles`` holds one kind of bag (names, or content words and figures) for every
story: the sum of its members' bags, and the document frequency of each token over all
articles seen. The similarity is the cosine between the article's IDF-weighted bag and the
story's IDF-weighted sum, so a token many stories share (a president, "police") weighs
little and one only this event has (a victim, a town, a score like 31-24) weighs a lot.
The IDF is fixed while a batch is placed (``observe`` first), so a batch's articles are all
weighed alike; cached story norms are valid until the story grows or the IDF moves.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Mapping


class Profiles:
    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.docs = 0
        self.bags: list[Counter] = []
        self._version: list[int] = []  # bumped when a story's bag changes
        self._norm: dict[int, tuple[int, float]] = {}  # story -> (version when computed, norm)
        self._idf: dict[str, float] = {}

    def observe(self, bags: list[Mapping[str, float]]) -> None:
        """Count a batch's tokens before placing it (fresh IDF, stale caches dropped)."""
        for b in bags:
            self.df.update(b.keys())
        self.docs += len(bags)
        self._idf.clear()
        self._norm.clear()

    def open(self) -> None:
        self.bags.append(Counter())
        self._version.append(0)

    def join(self, s: int, bag: Mapping[str, float]) -> None:
        self.bags[s].update(bag)
        self._version[s] += 1

    def empty(self, s: int) -> None:
        """Story ``s`` was merged into another: its bag is gone."""
        self.bags[s] = Counter()
        self._version[s] += 1

    def idf(self, token: str) -> float:
        w = self._idf.get(token)
        if w is None:
            w = self._idf[token] = math.log((self.docs + 1) / (self.df.get(token, 0) + 1)) + 1.0
        return w

    def sim(self, bag: Mapping[str, float], s: int) -> float:
        """Cosine between the article's IDF-weighted bag and story ``s``'s (0 when either is empty)."""
        if not bag:
            return 0.0
        story = self.bags[s]
        cached = self._norm.get(s)
        if cached is None or cached[0] != self._version[s]:
            norm = math.sqrt(sum((self.idf(t) * c) ** 2 for t, c in story.items()))
            self._norm[s] = (self._version[s], norm)
        else:
            norm = cached[1]
        if norm == 0.0:
            return 0.0
        dot = 0.0
        a_norm = 0.0
        for t, c in bag.items():
            w = self.idf(t) ** 2 * c
            a_norm += w * c
            if t in story:
                dot += w * story[t]
        return dot / (math.sqrt(a_norm) * norm)

    # -- state ------------------------------------------------------------------------------
    def to_meta(self) -> dict:
        return {"df": dict(self.df), "docs": self.docs, "bags": [dict(b) for b in self.bags]}

    @classmethod
    def from_meta(cls, meta: dict) -> "Profiles":
        p = cls()
        p.df = Counter(meta["df"])
        p.docs = meta["docs"]
        p.bags = [Counter(b) for b in meta["bags"]]
        p._version = [0] * len(p.bags)
        return p


def as_bag(tokens) -> Mapping[str, float]:
    """A set of tokens as a bag (each once); a mapping is already one."""
    return tokens if isinstance(tokens, Mapping) else dict.fromkeys(tokens, 1.0)
