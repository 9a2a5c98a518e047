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

from ..errors import StoryweaveError
from ..model import Article


class StateMoved(StoryweaveError):
    """Another writer committed the state since this writer read it: reload it and retry."""

    def __init__(self, key: str, expected: int, found: int | None, detail: str = ""):
        moved = f"is at version {found}, not {expected} as read" if found is not None else f"was written concurrently ({detail})"
        super().__init__(f"state '{key}' {moved}: another writer committed in between; reload it and retry")
        self.key, self.expected, self.found = key, expected, found


@dataclass(frozen=True, slots=True)
class StoredState:
    blob: bytes | None
    version: int = 0  # +1 on every write; 0: never written


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


MARK_ON, MARK_OFF = "\x02", "\x03"  # around the matched words of a search snippet (never in article text)


@dataclass(slots=True)
class SearchHit:
    """One story found by :meth:`Store.search`, with the best-matching article of it."""

    story_id: str
    score: float  # higher is better; comparable within one result list only
    article_id: str | None = None  # None: only the story's entity names matched
    title: str | None = None  # of that article
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = ""  # the matching passage, matched words between MARK_ON and MARK_OFF
    names: str = ""  # the story's entity names and aliases, marked the same way, when they matched
    rowid: int | None = field(default=None, repr=False, compare=False)  # the backend's own row, for the snippet


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
    def moved_to(self, story_id: str) -> str | None:
        """Where a story that lost all its articles (merged) lives on, for its permalink; else None."""

    @abstractmethod
    def search(
        self,
        query: str,
        entity: str | None = None,
        outlet: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Stories whose articles (title, text) or entity names and aliases contain every word
        of ``query`` (stemmed), best first, one hit per story with its best snippet. ``outlet``:
        the matching article is that outlet's; ``entity``, dates: the story names it, spans them."""

    @abstractmethod
    def save_brief(self, story_id: str, brief: dict[str, Any]) -> None:
        """The brief as the JSON contract; also refreshes the story row (title, counts)."""

    @abstractmethod
    def get_brief(self, story_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def commit_stories(self, assignments: dict[str, str], key: str, blob: bytes, expected_version: int) -> int:
        """Assignments and the index state that produced them, in ONE transaction, only if the
        state ``key`` is still at ``expected_version`` (else :class:`StateMoved`, nothing
        written). Returns the new version. Two writers (``storyweave ingest`` and the server)
        can then never overwrite each other's stories, and after a crash the store never
        holds stories its index does not know, or the reverse."""

    # clustering state (incremental) -------------------------------------------------------
    @abstractmethod
    def save_state(self, key: str, blob: bytes) -> int:
        """Unconditional write; returns the new version."""

    @abstractmethod
    def read_state(self, key: str) -> StoredState:
        """The blob and its version, read together."""

    @abstractmethod
    def state_version(self, key: str) -> int:
        """The version alone (cheap): has another writer committed since?"""

    def load_state(self, key: str) -> bytes | None:
        return self.read_state(key).blob

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
