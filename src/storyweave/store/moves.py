"""Stable story permalinks: when a story loses all its articles to other stories (a merge),
record where most of them went; ``/stories/<old id>`` then redirects there (chains followed)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from .rows import utc_now
from .schema import stories, story_moves

MAX_HOPS = 20  # a chain of merges longer than this is a cycle or a bug: stop rather than loop


def record_moves(conn: Connection, previous: dict[str, str | None], assignments: dict[str, str]) -> None:
    """After an assignment: each story that now has no article moved to where most of its went."""
    went: dict[str, Counter] = {}
    for aid, new in assignments.items():
        old = previous.get(aid)
        if old and old != new:
            went.setdefault(old, Counter())[new] += 1
    for old, targets in went.items():
        if conn.execute(select(stories.c.size).where(stories.c.id == old)).scalar_one_or_none() == 0:
            conn.execute(delete(story_moves).where(story_moves.c.story_id == old))
            conn.execute(insert(story_moves).values(story_id=old, moved_to=targets.most_common(1)[0][0], moved=utc_now()))


def moved_to(conn: Connection, story_id: str) -> str | None:
    """The live story an emptied story's articles ended up in, else None."""
    seen, current = {story_id}, story_id
    for _ in range(MAX_HOPS):
        size = conn.execute(select(stories.c.size).where(stories.c.id == current)).scalar_one_or_none()
        if size:
            return current if current != story_id else None
        nxt = conn.execute(select(story_moves.c.moved_to).where(story_moves.c.story_id == current)).scalar_one_or_none()
        if nxt is None or nxt in seen:
            return None
        seen.add(nxt)
        current = nxt
    return None
