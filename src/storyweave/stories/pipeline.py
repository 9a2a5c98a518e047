"""Incremental ingestion: read -> clean -> store -> assign to stories, chunk by chunk.

Each chunk is stored in one transaction, featurised by the engine, assigned by the story
index loaded from the store, and the assignments are committed together with the index
state, so a crash between chunks leaves a consistent store that the next run continues.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..config import Config
from ..model import Article, Problem
from ..store.base import Store
from .cluster import batches, featurize
from .incremental import StoryIndex, StoryParams
from .prepare import prepare

STATE_KEY = "stories.index"
CHUNK = 2000  # articles per store transaction and per index commit


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


def load_index(store: Store, config: Config) -> StoryIndex:
    blob = store.load_state(STATE_KEY)
    params = StoryParams.from_config(config.cluster)
    return StoryIndex.from_bytes(blob, params) if blob else StoryIndex(params)


def ingest(items: Iterable[Article | Problem], store: Store, config: Config, engine=None, chunk: int = CHUNK) -> IngestReport:
    report = IngestReport()
    index = load_index(store, config)
    for group in batches(items, chunk):
        report.problems += [p for p in group if isinstance(p, Problem)]
        arts = prepare([a for a in group if isinstance(a, Article)], config)
        report.read += len(arts)
        fresh: list[Article] = []
        placed: dict[str, str] = {}  # orphans the index had already placed (article id -> story)
        for a, res in zip(arts, store.add_articles(arts)):
            report.stored_as[a.id] = res.article_id
            if res.created:
                report.stored += 1
                if res.reason:
                    report.problems.append(Problem(a.id, res.reason))
                a.id = res.article_id
                fresh.append(a)
            else:
                report.already_stored += 1
                sid = store.story_of(res.article_id)
                if sid:
                    report.assignments[a.id] = sid
                elif res.article_id in index.assignments:  # the index placed it, the store missed it
                    placed[res.article_id] = index.assignments[res.article_id]
                elif (stored := store.get_article(res.article_id)) is not None:
                    # Stored by a run that died before placing it in a story (articles and
                    # assignments are separate transactions): place it now, or a re-run after
                    # a crash would leave it without a story for good (found by tests/reliability).
                    fresh.append(stored)
        if not fresh and not placed:
            continue
        known = set(index.story_ids)
        outcome = index.add([f for b in featurize(fresh, engine) for f in b])
        report.problems += outcome.problems
        report.unclustered += len(fresh) - len(outcome.assignments)
        outcome.assignments.update(placed)
        report.new_stories += len(outcome.new_stories)
        report.joined += sum(1 for s in outcome.assignments.values() if s in known)
        report.copies += len(outcome.copies)
        commit = getattr(store, "commit_stories", None)
        if commit is not None:
            commit(outcome.assignments, STATE_KEY, index.to_bytes())
        else:  # another Store implementation: two transactions
            store.assign(outcome.assignments)
            store.save_state(STATE_KEY, index.to_bytes())
        back = {v: k for k, v in report.stored_as.items() if k != v}
        for aid, sid in outcome.assignments.items():
            report.assignments[back.get(aid, aid)] = sid
    return report
