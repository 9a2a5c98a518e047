"""Ingest with the per-article work on the workers and only placing on the driver.

``storyweave ingest`` on a pool or on Ray: a worker reads a batch of units, runs the
article step and the cleaning, and featurises the articles it read (embedding, names,
shingles -> a MinHash signature): everything that does not need the story index. The
driver gets each article with its features back in input order and only stores, places
and commits (``stories.assign.ingest``). Before, the driver shipped every article out
again to be featurised and hashed its shingles itself.

What travels back per article besides the article: its features with a 64-value MinHash
signature (512 bytes) in place of its shingles (up to a few KB). The assignments are those
of one process: the same features, the same order of placing (``tests/engines``).
"""
from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..config import Config
from ..model import Article
from .stages import Item, Unit, drive, read_unit

RECORDS_PER_TASK = 32  # JSON/CSV records per task: each is cheap, so more of them amortise a task


@dataclass(frozen=True, slots=True)
class ReadAndFeaturize:
    """A batch of units -> per unit (its items, per item its Features or None)."""

    config: Config
    # imported once by the pool's server, not by every worker (``LocalEngine.warm``); the
    # ``warm`` modules load the models the workers share
    preload = ("storyweave.stories.features", "storyweave.stories.near_duplicates", "storyweave.stories.prepare",
               "storyweave.engines.warm.embedder", "storyweave.engines.warm.language")

    def __call__(self, units: list[Unit]) -> list[tuple[list[Item], list[Any]]]:
        from ..stories.features import Featurizer
        from ..stories.near_duplicates import signature_values
        from ..stories.prepare import prepare
        from .stages import ReadUnits

        ReadUnits(self.config)([])  # quiets the extractors' logs once per worker process
        read = [read_unit(u, self.config) for u in units]
        # cleaned here as the driver's ingest would (there it is then a no-op), before featurising
        arts = prepare([x for items in read for x in items if isinstance(x, Article)], self.config)
        feats = iter(Featurizer.for_config(self.config.stories)(arts) if arts else [])
        out = []
        for items in read:
            extras = []
            for x in items:
                f = next(feats) if isinstance(x, Article) else None
                if f is not None:
                    f.shingles = signature_values(f.shingles)  # the index needs only the signature
                extras.append(f)
            out.append((items, extras))
        return out


def cost_batches(units: Iterable[Unit], per_task: int) -> Iterator[list[Unit]]:
    """Batches of ``per_task`` page files or URLs, or ``RECORDS_PER_TASK`` records (a unit
    read whole is worth several records)."""
    batch: list[Unit] = []
    weight = 0.0
    for u in units:
        batch.append(u)
        weight += 1.0 if u.kind in ("file", "url") else per_task / RECORDS_PER_TASK
        if weight >= per_task:
            yield batch
            batch, weight = [], 0.0
    if batch:
        yield batch


class Prefeatured:
    """The featuriser the story assigner uses: the features the workers computed for the
    articles the driver received; any other article (its features dropped because a table
    changed it, or one re-read from the store) goes to ``fallback``. Holds at most ``keep``
    articles' features (the oldest are dropped and computed again if asked for), so the
    driver's memory stays bounded over a long stream."""

    def __init__(self, fallback: Callable[[list[Article]], list], keep: int) -> None:
        self.fallback = fallback
        self.keep = keep
        self._held: OrderedDict[int, tuple[Article, Any]] = OrderedDict()  # id(article) -> (article, features)
        self.reused = 0

    def collect(self, pairs: Iterable[tuple[Item, Any]]) -> Iterator[Item]:
        for item, feats in pairs:
            if feats is not None:
                self._held[id(item)] = (item, feats)  # the article itself is held: its id() stays its own
                if len(self._held) > self.keep:
                    self._held.popitem(last=False)
            yield item

    def __call__(self, articles: list[Article]) -> list:
        out: list = [None] * len(articles)
        missing = []
        for i, a in enumerate(articles):
            held = self._held.pop(id(a), None)
            if held is not None and held[0] is a:
                held[1].id = a.id  # the store may have given the article another id
                out[i] = held[1]
            else:
                missing.append(i)
        self.reused += len(articles) - len(missing)
        if missing:
            for i, f in zip(missing, self.fallback([articles[i] for i in missing])):
                out[i] = f
        return out


def warm(engine, config: Config) -> ReadAndFeaturize:
    """Start the engine's workers' set-up for ingest now (a local pool's server imports the
    story modules and loads the models on the other core) and return the task they run.
    ``storyweave ingest`` calls it before opening the store, as soon as it knows the engine."""
    task = ReadAndFeaturize(config)
    if hasattr(engine, "warm"):
        engine.warm(task)
    return task


def ingest_featured(inputs: Iterable[str | Path], store, config: Config, engine, per_task: int = 8):
    """``stories.assign.ingest`` of the inputs, featurised by the engine's reading workers."""
    if engine is None or engine.name == "local" and getattr(engine, "workers", 1) <= 1:
        from ..stories.assign import ingest
        from .stages import read_parallel

        return ingest(read_parallel(inputs, config, engine), store, config, engine)
    task = warm(engine, config)  # the workers' imports, while the driver does its own below
    from ..stories.assign import engine_featurizer, ingest

    feats = Prefeatured(engine_featurizer(engine, config.stories), keep=2 * config.stories.chunk + 4096)
    pairs = drive(inputs, config, engine, task, per_task, batcher=cost_batches)
    # read ahead while the driver stores and places a chunk: else the workers sit idle then
    return ingest(feats.collect(read_ahead(pairs, config.stories.chunk)), store, config, engine, featurize=feats)


_DONE = object()


def read_ahead(items: Iterable, size: int) -> Iterator:
    """``items`` in order, pulled by a thread up to ``size`` ahead of the consumer (the bound
    keeps the driver's memory flat); the producer's exception is raised here."""
    ahead: queue.Queue = queue.Queue(maxsize=max(1, size))
    stop = threading.Event()

    def produce() -> None:
        try:
            for x in items:
                while not stop.is_set():
                    try:
                        ahead.put((x, None), timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ahead.put((_DONE, None))
        except BaseException as e:  # noqa: BLE001 - handed to the consumer
            ahead.put((_DONE, e))

    thread = threading.Thread(target=produce, name="storyweave-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            x, error = ahead.get()
            if x is _DONE:
                if error is not None:
                    raise error
                return
            yield x
    finally:
        stop.set()
        thread.join(timeout=5)
