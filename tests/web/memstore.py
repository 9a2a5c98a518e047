"""A dict-backed Store, only for when the SQL store is not built yet (conftest says so loudly)."""
from __future__ import annotations

import datetime as dt
import hashlib
import threading
from typing import Any, Iterator

from storyweave.model import Article
from storyweave.store.base import AddResult, FeedRow, Store, StoryRow


class MemoryStore(Store):
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.articles: dict[str, Article] = {}
        self.hashes: dict[str, str] = {}
        self.urls: dict[str, str] = {}
        self.story: dict[str, str] = {}
        self.briefs: dict[str, dict[str, Any]] = {}
        self.updated: dict[str, dt.datetime] = {}
        self.state: dict[str, bytes] = {}
        self.feeds: dict[int, FeedRow] = {}

    def add_articles(self, articles: list[Article]) -> list[AddResult]:
        out = []
        with self.lock:
            for a in articles:
                h = hashlib.sha256((a.text or "").encode()).hexdigest()
                old = self.hashes.get(h) or (self.urls.get(a.url) if a.url else None) or (a.id if a.id in self.articles else None)
                if old:
                    out.append(AddResult(old, False, "already stored"))
                    continue
                self.articles[a.id] = a
                self.hashes[h] = a.id
                if a.url:
                    self.urls[a.url] = a.id
                out.append(AddResult(a.id, True))
        return out

    def get_article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def iter_articles(self, story_id: str | None = None) -> Iterator[Article]:
        with self.lock:
            items = list(self.articles.values())
        return iter([a for a in items if story_id is None or self.story.get(a.id) == story_id])

    def count_articles(self) -> int:
        return len(self.articles)

    def assign(self, assignments: dict[str, str]) -> None:
        with self.lock:
            self.story.update(assignments)
            for sid in set(assignments.values()):
                self.updated[sid] = dt.datetime.now(dt.timezone.utc)

    def story_of(self, article_id: str) -> str | None:
        return self.story.get(article_id)

    def _row(self, sid: str) -> StoryRow | None:
        arts = [self.articles[a] for a, s in self.story.items() if s == sid]
        if not arts:
            return None
        brief = self.briefs.get(sid) or {}
        dates = sorted(a.published for a in arts if a.published)
        ents = [e.get("name", "") for e in brief.get("entities", [])]
        return StoryRow(sid, arts[0].title or sid, len(arts), sorted({a.outlet or a.id for a in arts}),
                        dates[0] if dates else None, dates[-1] if dates else None,
                        len(brief.get("divergences", [])), ents, self.updated.get(sid))

    def list_stories(self, query=None, entity=None, date_from=None, date_to=None, limit=50, offset=0) -> list[StoryRow]:
        with self.lock:
            rows = [r for r in (self._row(s) for s in set(self.story.values())) if r]
        if query:
            rows = [r for r in rows if query.lower() in (r.title + " ".join(
                " ".join(a.body or [a.text]) for a in self.iter_articles(r.id))).lower()]
        if entity:
            rows = [r for r in rows if any(entity.lower() in e.lower() for e in r.entities)]
        if date_from:
            rows = [r for r in rows if r.last_date and r.last_date >= date_from]
        if date_to:
            rows = [r for r in rows if r.first_date and r.first_date <= date_to]
        rows.sort(key=lambda r: (r.last_date or dt.date.min, r.id), reverse=True)
        return rows[offset:offset + limit]

    def get_story(self, story_id: str) -> StoryRow | None:
        with self.lock:
            return self._row(story_id)

    def save_brief(self, story_id: str, brief: dict[str, Any]) -> None:
        self.briefs[story_id] = brief

    def get_brief(self, story_id: str) -> dict[str, Any] | None:
        return self.briefs.get(story_id)

    def save_state(self, key: str, blob: bytes) -> None:
        self.state[key] = blob

    def load_state(self, key: str) -> bytes | None:
        return self.state.get(key)

    def add_feed(self, url: str, interval_minutes: int = 30) -> FeedRow:
        with self.lock:
            for f in self.feeds.values():
                if f.url == url:
                    return f
            row = FeedRow(len(self.feeds) + 1, url, interval_minutes)
            self.feeds[row.id] = row
            return row

    def list_feeds(self) -> list[FeedRow]:
        return list(self.feeds.values())

    def update_feed(self, feed_id: int, status: str, error: str | None = None) -> None:
        f = self.feeds[feed_id]
        f.last_fetch, f.last_status, f.last_error = dt.datetime.now(dt.timezone.utc), status, error
