"""Storage: one interface (base.Store), SQLite by default, PostgreSQL by URL."""
from __future__ import annotations

from pathlib import Path

from .base import MARK_OFF, MARK_ON, AddResult, FeedRow, SearchHit, StateMoved, Store, StoredState, StoryRow

__all__ = ["MARK_OFF", "MARK_ON", "AddResult", "FeedRow", "SearchHit", "StateMoved", "Store", "StoredState", "StoryRow", "open_store"]


def open_store(url_or_path: str | Path) -> Store:
    """A plain path (or ``sqlite:///path``) opens a SQLite file, ``postgresql://`` a server.
    The schema is migrated to the newest revision on open."""
    from .sql import SQLStore

    return SQLStore(url_or_path)
