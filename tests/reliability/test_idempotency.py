"""Ingest is idempotent: the same article (by content hash, by URL) is stored once, whether it
comes twice in one batch, again in a later batch, or again after a crashed run
(test_crash.py kills runs; here the rules themselves, on SQLite and PostgreSQL)."""
from __future__ import annotations

import dataclasses

import reliability_kit as kit

from storyweave.config import Config
from storyweave.model import Article
from storyweave.store import open_store
from storyweave.stories.assign import ingest


def _articles(n: int, seed: int = 0) -> list[Article]:
    return [Article(id=r["id"], text=r["text"], url=r["url"], outlet=r["outlet"], title=r["title"])
            for r in kit.invented_articles(n, seed=seed)]


def test_same_text_and_same_url_are_stored_once(store_url):
    with open_store(store_url) as store:
        first = _articles(3)
        assert all(r.created for r in store.add_articles(first))
        same_text = dataclasses.replace(first[0], id="other-id", url="https://elsewhere.example/copy", meta={})
        # whitespace and case differences are the same text
        same_text.text = "  " + first[0].text.upper().replace(" ", "   ") + "\n"
        same_url = dataclasses.replace(first[1], id="third-id", text="A corrected version of the story.", meta={})
        again = store.add_articles([same_text, same_url, *first])
        assert [(r.article_id, r.created) for r in again] == [(first[0].id, False), (first[1].id, False)] + [
            (a.id, False) for a in first]
        assert "same text" in again[0].reason and "same URL" in again[1].reason
        # the same pair inside one batch: the second sees the first (one transaction)
        twins = _articles(2, seed=5)
        twins.append(dataclasses.replace(twins[0], id="twin-copy", meta={}))
        got = store.add_articles(twins)
        assert [r.created for r in got] == [True, True, False]
        assert store.count_articles() == 5


def test_reingesting_a_batch_changes_nothing(store_url):
    config = Config().with_overrides({"stories": {"chunk": 7}})
    with open_store(store_url) as store:
        first = ingest(_articles(30, seed=2), store, config)
        assert first.stored == 30 and not first.unclustered
        before = kit.store_invariants(store_url)
        second = ingest(_articles(30, seed=2), store, config)
        assert (second.stored, second.already_stored, second.new_stories) == (0, 30, 0)
        assert second.assignments == first.assignments  # every article answered with its story
    after = kit.store_invariants(store_url)
    assert after == before and after["without_story"] == 0
