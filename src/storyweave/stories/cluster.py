"""Batch clustering: a fresh story index over the whole input, featurised by an engine.

``cluster_articles`` is what ``storyweave cluster`` and the evaluation run. Featurising (the
costly part: embeddings and fingerprints) is mapped over batches by the engine — in process
or on Ray — and the assignment runs in order on the driver, so every engine gives the same
stories.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..config import StoriesConfig
from ..model import Article, Problem
from .features import Featurizer, Features
from .incremental import StoryIndex, StorySummary

BATCH = 256  # articles per featurising task: large enough to amortise a Ray task


@dataclass(slots=True)
class Clustering:
    assignments: dict[str, str]  # article id -> story id, in input order
    copies: dict[str, str]  # article id -> id of the article it copies
    stories: list[StorySummary]
    problems: list[Problem] = field(default_factory=list)


def batches(items: Iterable[Article], size: int = BATCH) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def featurize(articles: Iterable[Article], engine=None, batch_size: int = BATCH,
              config: StoriesConfig | None = None) -> Iterator[list[Features]]:
    """Features per batch, in input order, computed by ``engine`` (default: this process);
    content words and whole-text terms only when ``config`` weighs them."""
    if engine is None:
        from ..engines.local import LocalEngine

        engine = LocalEngine()
    featurizer = Featurizer.for_config(config) if config is not None else Featurizer()
    yield from engine.map(featurizer, batches(articles, batch_size))


def cluster_articles(
    articles: list[Article],
    config: StoriesConfig | None = None,
    engine=None,
    index: StoryIndex | None = None,
) -> Clustering:
    """Group articles into stories. The whole input is one batch for the index, so the
    result does not depend on how the engine split the work."""
    index = index if index is not None else StoryIndex(config)  # an empty index is falsy (len 0)
    feats = [f for batch in featurize(articles, engine, config=index.params) for f in batch]
    outcome = index.add(feats)
    order = {a.id: i for i, a in enumerate(articles)}
    assignments = dict(sorted(outcome.assignments.items(), key=lambda kv: order.get(kv[0], 0)))
    touched = set(assignments.values())
    stories = [s for s in index.summaries() if s.id in touched]
    return Clustering(assignments, outcome.copies, stories, outcome.problems)
