"""Storing articles and assigning them to stories: the one task behind ``storyweave ingest``,
``storyweave cluster --db`` and the server's background worker.

Steps, chunk by chunk: clean -> store (one transaction, idempotent) -> featurise -> place in
the story index -> commit the assignments together with the index state (one transaction,
``Store.commit_stories``). A crash between chunks leaves a consistent store that the next
run continues.

Several writers may share a store (``storyweave ingest`` while ``storyweave serve`` runs).
Each keeps the index in memory between commits, so every commit is conditional: the stored
state must still be at the version this writer read. When another writer committed in
between, the commit is refused whole; this writer reloads the index, places the same
articles again (any the other writer placed keep their story) and retries. Featurising,
the costly part, is done once per article whatever the number of tries.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from ..config import Config, StoriesConfig
from ..errors import StoryweaveError
from ..model import Article, Problem
from ..store.base import StateMoved, Store
from .cluster import featurize
from .features import Features
from .incremental import StoryIndex
from .prepare import prepare

STATE_KEY = "stories.index"  # the Store state row that holds the story index
MAX_TRIES = 20  # commits refused in a row (each one means another writer made progress)

Featurize = Callable[[list[Article]], list[Features]]


@dataclass(slots=True)
class Placement:
    assignments: dict[str, str] = field(default_factory=dict)  # article id -> story id
    new_stories: list[str] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # article id -> id of its original
    joined: int = 0  # placed in a story that existed before
    unclustered: int = 0  # stored without a story (nothing to cluster on)
    problems: list[Problem] = field(default_factory=list)


class StoryAssigner:
    """The story index of a store, kept in memory and reloaded whenever another writer has
    committed since this one last read or wrote it."""

    def __init__(self, config: StoriesConfig, featurize: Featurize):
        self.config = config
        self.featurize = featurize
        self._index: StoryIndex | None = None
        self._version = 0
        self._store: Store | None = None

    def index(self, store: Store) -> StoryIndex:
        if self._index is None or store is not self._store or store.state_version(STATE_KEY) != self._version:
            state = store.read_state(STATE_KEY)
            self._index = StoryIndex.from_bytes(state.blob, self.config) if state.blob else StoryIndex(self.config)
            self._version, self._store = state.version, store
        return self._index

    def assign(self, store: Store, articles: list[Article]) -> Placement:
        """Place stored articles in stories and commit; an article the index already holds keeps its story."""
        feats: dict[str, Features] = {}
        for _ in range(MAX_TRIES):
            try:
                placed = self._try(store, articles, feats)
            except StateMoved:
                continue
            except BaseException:
                self._index = None  # it may hold articles that were never committed
                raise
            if placed is not None:
                return placed
        raise StoryweaveError(f"could not commit the stories of {len(articles)} articles: other writers committed "
                              f"first {MAX_TRIES} times in a row; run again")

    def _try(self, store: Store, articles: list[Article], feats: dict[str, Features]) -> Placement | None:
        index = self.index(store)
        known = {a.id: index.assignments[a.id] for a in articles if a.id in index.assignments}
        fresh = [a for a in articles if a.id not in known]
        missing = [a for a in fresh if a.id not in feats]
        if missing:
            feats.update((f.id, f) for f in self.featurize(missing))
        outcome = index.add([feats[a.id] for a in fresh if a.id in feats])
        placed = Placement({**known, **outcome.assignments}, outcome.new_stories, outcome.copies,
                           unclustered=len(fresh) - len(outcome.assignments), problems=outcome.problems)
        opened = set(outcome.new_stories)
        placed.joined = sum(1 for s in placed.assignments.values() if s not in opened)
        if not outcome.assignments:  # the index did not change: an article's story never does
            store.assign(known)
            return placed
        try:
            self._version = store.commit_stories(placed.assignments, STATE_KEY, index.to_bytes(), self._version)
        except StateMoved:
            self._index = None  # holds this try's articles: start again from the other writer's state
            raise
        return placed


# -- storyweave ingest / cluster --db -------------------------------------------------------------
@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    joined: int = 0  # assigned to a story that existed before this article
    new_stories: int = 0
    copies: int = 0
    unclustered: int = 0
    assignments: dict[str, str] = field(default_factory=dict)  # input id -> story id
    stored_as: dict[str, str] = field(default_factory=dict)  # input id -> id in the store
    problems: list[Problem] = field(default_factory=list)


def engine_featurizer(engine=None, config: StoriesConfig | None = None) -> Featurize:
    """Featurise on an engine (local or Ray), in batches, in input order."""
    return lambda articles: [f for batch in featurize(articles, engine, config=config) for f in batch]


STORE_STEP = 250  # articles per store transaction inside a chunk


def ingest(items: Iterable[Article | Problem], store: Store, config: Config, engine=None,
           featurize: Featurize | None = None) -> IngestReport:
    """Read items -> clean -> store -> assign, ``config.stories.chunk`` articles at a time.
    ``featurize`` (default: on ``engine``) may hand back features computed where the items
    were read (``engines.featured``).

    A chunk is stored in steps of ``STORE_STEP`` as its items arrive and placed once whole:
    when a pool reads ahead, the driver stores while the workers still read, so only the
    last chunk's placing is left when they are done (storing is half the driver's work).
    The chunks, and so the assignments, are the same; an article stored but not yet placed
    when a run dies is placed by the next run (``_store_step``)."""
    report = IngestReport()
    assigner = StoryAssigner(config.stories, featurize or engine_featurizer(engine, config.stories))
    todo: dict[str, Article] = {}
    pairs: list[tuple[str, str]] = []
    for group, chunk_ends in _steps(items, config.stories.chunk, STORE_STEP):
        report.problems += [p for p in group if isinstance(p, Problem)]
        arts = prepare([a for a in group if isinstance(a, Article)], config)
        report.read += len(arts)
        _store_step(arts, store, report, todo, pairs)
        if chunk_ends:
            _place(assigner, store, list(todo.values()), pairs, report)
            todo, pairs = {}, []
    _place(assigner, store, list(todo.values()), pairs, report)  # the last, shorter chunk
    return report


def _steps(items: Iterable, chunk: int, step: int) -> Iterator[tuple[list, bool]]:
    """``items`` in lists of at most ``step``, none crossing a chunk's end; with each, whether
    it completes a chunk of ``chunk`` items."""
    it = iter(items)
    step = max(1, min(step, chunk))
    done = 0  # items of the current chunk so far
    while piece := list(islice(it, min(step, chunk - done))):
        done += len(piece)
        yield piece, done == chunk
        done %= chunk


def _place(assigner: "StoryAssigner", store: Store, todo: list[Article], pairs: list[tuple[str, str]],
           report: IngestReport) -> None:
    if not todo:
        return
    placed = assigner.assign(store, todo)
    report.problems += placed.problems
    report.unclustered += placed.unclustered
    report.new_stories += len(placed.new_stories)
    report.joined += placed.joined
    report.copies += len(placed.copies)
    for input_id, stored_id in pairs:
        if stored_id in placed.assignments:
            report.assignments[input_id] = placed.assignments[stored_id]


def _store_step(arts: list[Article], store: Store, report: IngestReport, todo: dict[str, Article],
                 pairs: list[tuple[str, str]]) -> None:
    """Store one step of a chunk (one transaction). Adds to the chunk's articles to place
    (the new ones, and stored ones still without a story) and (input id, stored id) pairs."""
    for a, res in zip(arts, store.add_articles(arts)):
        input_id, stored_id = a.id, res.article_id
        report.stored_as[input_id] = stored_id
        pairs.append((input_id, stored_id))
        if res.created:
            report.stored += 1
            if res.reason:
                report.problems.append(Problem(input_id, res.reason))
            a.id = stored_id
            todo[stored_id] = a
            continue
        report.already_stored += 1
        if stored_id in todo:  # the same text twice in this chunk
            continue
        sid = store.story_of(stored_id)
        if sid:
            report.assignments[input_id] = sid
        elif (stored := store.get_article(stored_id)) is not None:
            # Stored by a run that died before placing it, or by another writer that has not
            # placed it yet: place it now (whoever commits second keeps the first one's story).
            todo[stored_id] = stored
