"""Storylines in the store: which storyline each story belongs to, its position (events in
date order) and the earlier story it continues. Written whole by ``storyweave cluster
--storylines --db`` (the linking reads every story, so the table is replaced in one
transaction); read by ``storyweave brief --storyline ID --db`` and the web pages.

The table is its own (migration 0006) and its rows are plain: a store that never linked
storylines simply has none.
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, Integer, String, Table, delete, insert, select

from .rows import utc_now
from .schema import metadata

storylines = Table(
    "storylines",
    metadata,
    Column("story_id", String(64), primary_key=True),  # one storyline per story
    Column("storyline_id", String(64), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # 0 = the first event
    Column("follows", String(64)),  # the earlier story this one continues
    Column("score", Float, nullable=False),
    Column("linked", DateTime(timezone=True), nullable=False),
)

_ROWS_PER_INSERT = 500  # SQLite's bound-variable limit


def save_storylines(store, records: list[dict]) -> int:
    """Replace the stored storylines with ``records`` (``stories.storylines.as_records``)."""
    now = utc_now()
    rows = [{"story_id": r["story"], "storyline_id": r["storyline"], "position": r["position"],
             "follows": r["follows"], "score": float(r["score"]), "linked": now} for r in records]
    with store._write() as conn:
        conn.execute(delete(storylines))
        for i in range(0, len(rows), _ROWS_PER_INSERT):
            conn.execute(insert(storylines), rows[i:i + _ROWS_PER_INSERT])
    return len(rows)


def storyline_of(store, story_id: str) -> str | None:
    with store._read() as conn:
        return conn.execute(select(storylines.c.storyline_id).where(storylines.c.story_id == story_id)).scalar_one_or_none()


def storyline_events(store, storyline_id: str) -> list[dict]:
    """The storyline's events in order: {story, position, follows, score}; [] if unknown."""
    with store._read() as conn:
        rows = conn.execute(select(storylines).where(storylines.c.storyline_id == storyline_id)
                            .order_by(storylines.c.position)).mappings().all()
    return [{"story": r["story_id"], "position": r["position"], "follows": r["follows"], "score": r["score"]} for r in rows]
