"""Records <-> table rows: what the SQL store writes for an Article, and reads back as
Articles, StoryRows and FeedRows."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import Article, Removed, to_plain
from .base import FeedRow, StoryRow


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; every value written here is UTC
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def article_row(a: Article, new_id: str, h: str) -> dict[str, Any]:
    return {
        "id": new_id, "content_hash": h, "url": a.url, "outlet": a.outlet, "title": a.title,
        "published": a.published, "author": a.author, "language": a.language, "source": a.source,
        "text": a.text or "", "body": list(a.body), "removed": to_plain(a.removed), "cleaned": a.cleaned,
        "meta": to_plain(a.meta), "story_id": None, "added": utc_now(),
    }


def to_article(row) -> Article:
    return Article(
        id=row["id"], text=row["text"], outlet=row["outlet"], url=row["url"], title=row["title"],
        published=row["published"], author=row["author"], language=row["language"], source=row["source"],
        body=list(row["body"] or []), removed=[Removed(**r) for r in row["removed"] or []],
        cleaned=bool(row["cleaned"]), meta=dict(row["meta"] or {}),
    )


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def brief_title(brief: dict[str, Any]) -> str:
    """The title every page shows (render.view.headline's rule): the pipeline's, else the
    first article headline of the brief."""
    meta = brief.get("meta") or {}
    first = next((a.get("title") for a in brief.get("articles") or [] if isinstance(a, dict) and a.get("title")), "")
    title = brief.get("title") or meta.get("title") or first or ""
    return str(title).strip()[:300]


def brief_entities(brief: dict[str, Any]) -> list[str]:
    out = []
    for e in brief.get("entities") or []:
        name = e.get("name") if isinstance(e, dict) else str(e)
        if name:
            out.append(str(name))
    return out


def to_story(row) -> StoryRow:
    return StoryRow(
        id=row["id"], title=row["title"], size=row["size"], outlets=list(row["outlets"] or []),
        first_date=row["first_date"], last_date=row["last_date"], divergences=row["divergences"],
        entities=list(row["entities"] or []), updated=utc(row["updated"]),
    )


def to_feed(row) -> FeedRow:
    return FeedRow(
        id=row["id"], url=row["url"], interval_minutes=row["interval_minutes"], last_fetch=utc(row["last_fetch"]),
        last_status=row["last_status"] or "", last_error=row["last_error"],
    )
