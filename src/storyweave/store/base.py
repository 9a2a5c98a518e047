"""The storage interface. Analysis never talks to a database; it gets Articles and returns Briefs.

One interface, two backends behind SQLAlchemy (SQLite file by default, PostgreSQL by URL),
chosen by ``open_store(url)``. Writes are transactional: an article is either fully stored
(with its content hash) or not at all.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..model import Article


@dataclass(slots=True)
class AddResult:
    article_id: str
    created: bool  # False: the same article (same content hash or URL) was already stored
    reason: str = ""


@dataclass(slots=True)
class StoryRow:
    id: str
    title: str
    size: int
    outlets: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    divergences: int = 0
    entities: list[str] = field(default_factory=list)
    updated: dt.datetime | None = None


@dataclass(slots=True)
class FeedRow:
    id: int
    url: str
    interval_minutes: int
    last_fetch: dt.datetime | None = None
    last_status: str = ""  # "ok: 12 new", "error: timed out" ...
    last_error: str | None = None


class Store(ABC):
    """Narrow storage interface shared by the CLI (``--db``), the clustering index and the server."""

    # articles ---------------------------------------------------------------------------
    @abstractmethod
    def add_articles(self, articles: list[Article]) -> list[AddResult]:
        """Store cleaned articles; idempotent by content hash and by URL. One transaction."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def iter_articles(self, story_id: str | None = None) -> Iterator[Article]: ...

    @abstractmethod
    def count_articles(self) -> int: ...

    # stories ----------------------------------------------------------------------------
    @abstractmethod
    def assign(self, assignments: dict[str, str]) -> None:
        """article id -> story id (stable ids; a story grows as articles join it)."""

    @abstractmethod
    def story_of(self, article_id: str) -> str | None: ...

    @abstractmethod
    def list_stories(
        self,
        query: str | None = None,
        entity: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoryRow]:
        """Newest first."""

    @abstractmethod
    def get_story(self, story_id: str) -> StoryRow | None: ...

    @abstractmethod
    def save_brief(self, story_id: str, brief: dict[str, Any]) -> None:
        """The brief as the JSON contract; also refreshes the story row (title, counts)."""

    @abstractmethod
    def get_brief(self, story_id: str) -> dict[str, Any] | None: ...

    # clustering state (incremental) -------------------------------------------------------
    @abstractmethod
    def save_state(self, key: str, blob: bytes) -> None: ...

    @abstractmethod
    def load_state(self, key: str) -> bytes | None: ...

    # feeds ------------------------------------------------------------------------------
    @abstractmethod
    def add_feed(self, url: str, interval_minutes: int = 30) -> FeedRow: ...

    @abstractmethod
    def list_feeds(self) -> list[FeedRow]: ...

    @abstractmethod
    def update_feed(self, feed_id: int, status: str, error: str | None = None) -> None: ...

    def close(self) -> None:  # pragma: no cover - backends override when they hold resources
        pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
