"""A story's row (size, outlets, date span, title) recomputed from its articles, for every
story a commit touched at once: one query for the articles of up to 500 stories and one
batched update, instead of three statements per story (on the ingest driver, placing 2,000
articles touches ~600 stories)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from .rows import first_line
from .schema import articles, stories

_IN = 500  # values per IN (...) list


def refresh_stories(conn: Connection, sids: list[str], now: dt.datetime) -> None:
    for i in range(0, len(sids), _IN):
        _refresh(conn, sids[i:i + _IN], now)


def _refresh(conn: Connection, sids: list[str], now: dt.datetime) -> None:
    rows: dict[str, list] = {sid: [] for sid in sids}
    # per story: dated articles by date, then undated, ties by id (the first one names an untitled story)
    for r in conn.execute(
        select(articles.c.story_id, articles.c.id, articles.c.outlet, articles.c.published, articles.c.title)
        .where(articles.c.story_id.in_(sids))
        .order_by(articles.c.story_id, articles.c.published.is_(None), articles.c.published, articles.c.id)
    ):
        rows[r.story_id].append(r)
    current = dict(conn.execute(select(stories.c.id, stories.c.title).where(stories.c.id.in_(sids))).all())
    values = []
    for sid in sids:
        group = rows[sid]
        dates = [r.published for r in group if r.published]
        outlets: list[str] = []
        for r in group:
            if r.outlet and r.outlet not in outlets:
                outlets.append(r.outlet)
        title = current[sid] or next((r.title for r in group if r.title), "")
        if not title and group:  # no title anywhere: the first line of the first article's text
            text = conn.execute(select(articles.c.text).where(articles.c.id == group[0].id)).scalar_one()
            title = first_line(text)
        values.append({"sid": sid, "size": len(group), "outlets": outlets, "first_date": min(dates, default=None),
                       "last_date": max(dates, default=None), "title": title[:300], "updated": now})
    conn.execute(update(stories).where(stories.c.id == bindparam("sid")).values(
        size=bindparam("size"), outlets=bindparam("outlets"), first_date=bindparam("first_date"),
        last_date=bindparam("last_date"), title=bindparam("title"), updated=bindparam("updated")), values)
