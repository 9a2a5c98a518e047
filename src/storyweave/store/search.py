"""Full-text search over stored articles and the stories' entity names (migration 0003).

SQLite: FTS5 (``article_fts``, ``story_name_fts``), ranked by bm25, snippets by ``snippet()``.
PostgreSQL: ``tsvector`` columns with GIN indexes, ranked by ``ts_rank``, snippets by
``ts_headline`` (computed for the top rows only: it re-parses the text).
Every word of the query must occur (stemmed); the query is never passed as search syntax,
so quotes, ``OR``, ``NEAR`` or a stray ``*`` from a reader cannot break or widen it.
One hit per story: its best article, and its entity names when they matched as well.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .base import MARK_OFF, MARK_ON, SearchHit

_WORD = re.compile(r"\w+")
NAME_BONUS = 1.0  # a story whose people/places answer the query ranks above text-only matches
ARTICLE_ROWS = 5  # article rows fetched per story asked for: several articles of a story may match
TITLE_WEIGHT = 4.0  # a word in the headline says more than one in the body
RANK_WINDOW = 10_000  # SQLite: most matches ranked per query (see _sqlite_articles)
PG_HEADLINE = f'StartSel="{MARK_ON}", StopSel="{MARK_OFF}", MaxWords=30, MinWords=12, MaxFragments=1'


def words(query: str) -> list[str]:
    return _WORD.findall(query or "")


def write_names(conn: Connection, story_id: str, brief: dict[str, Any]) -> None:
    """The story's entity names and aliases into its search row (with every saved brief)."""
    names: list[str] = []
    for e in brief.get("entities") or []:
        if isinstance(e, dict):
            names += [str(n) for n in [e.get("name"), *(e.get("aliases") or [])] if n]
    joined = " · ".join(dict.fromkeys(names))
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM story_name_fts WHERE story_id = :s"), {"s": story_id})
        if joined:
            conn.execute(text("INSERT INTO story_name_fts(story_id, names) VALUES (:s, :n)"), {"s": story_id, "n": joined})
    else:
        conn.execute(text("DELETE FROM story_names WHERE story_id = :s"), {"s": story_id})
        if joined:
            conn.execute(text("INSERT INTO story_names(story_id, names) VALUES (:s, :n)"), {"s": story_id, "n": joined})


def search(conn: Connection, query: str, entity: str | None, outlet: str | None, date_from: dt.date | None,
           date_to: dt.date | None, limit: int) -> list[SearchHit]:
    terms = words(query)
    if not terms or limit <= 0:
        return []
    sqlite = conn.dialect.name == "sqlite"
    params: dict[str, Any] = {"q": " ".join(f'"{t}"' for t in terms) if sqlite else " ".join(terms),
                              "n": limit * ARTICLE_ROWS, "on": MARK_ON, "off": MARK_OFF, "hl": PG_HEADLINE}
    where = _filters(params, entity, date_from, date_to, sqlite)
    in_story = where.replace("a.story_id", "s.id")
    if outlet:  # the matching article is that outlet's; a story matching by names has an article of it
        params["outlet"] = outlet.strip().lower()
        where += " AND lower(a.outlet) = :outlet"
        in_story += " AND EXISTS (SELECT 1 FROM articles o WHERE o.story_id = s.id AND lower(o.outlet) = :outlet)"
    if sqlite:
        articles = _sqlite_articles(conn, params, where)
    else:
        articles = conn.execute(text(_PG_ARTICLES.format(where=where)), params).mappings().all()
    names = conn.execute(text((_SQLITE_NAMES if sqlite else _PG_NAMES).format(where=in_story)), params).mappings().all()
    hits = _merge(articles, names, limit)
    if sqlite:
        _sqlite_snippets(conn, params, hits)
    return hits


def _sqlite_articles(conn: Connection, params: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """The best-ranked matching articles. bm25 must score every match, so a query matching
    more than RANK_WINDOW articles (a word nearly every article has) is ranked among the
    RANK_WINDOW most recently stored of them: that bounds the time whatever the store's size."""
    window = ""
    if not where:
        floor = conn.execute(text("SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY rowid DESC "
                                  "LIMIT 1 OFFSET :w"), {**params, "w": RANK_WINDOW - 1}).scalar()
        if floor is not None:
            params["floor"], window = floor, " AND f.rowid >= :floor"
    sql = _SQLITE_ARTICLES.format(join=_SQLITE_JOIN if where else "", where=where + window)
    return [dict(r) for r in conn.execute(text(sql), params).mappings()]


def _sqlite_snippets(conn: Connection, params: dict[str, Any], hits: list[SearchHit]) -> None:
    """Snippets for the shown articles only (one query: making them is the costly part)."""
    rowids = {h.rowid: h for h in hits if h.rowid is not None}
    if not rowids:
        return
    sql = (f"SELECT rowid, snippet(article_fts, -1, :on, :off, '…', 24) AS snippet FROM article_fts "
           f"WHERE article_fts MATCH :q AND rowid IN ({', '.join(str(int(r)) for r in rowids)})")
    for r in conn.execute(text(sql), params):
        rowids[r.rowid].snippet = r.snippet or ""


def _filters(params: dict[str, Any], entity, date_from, date_to, sqlite: bool) -> str:
    """Extra WHERE clauses on the story (``a.story_id``): it names the entity, it spans the dates."""
    out = []
    if entity:
        params["entity"] = entity.strip().lower()
        out.append("EXISTS (SELECT 1 FROM story_entities e WHERE e.story_id = a.story_id AND e.name = :entity)")
    for key, value, op in (("date_from", date_from, ">="), ("date_to", date_to, "<=")):
        if value:
            params[key] = value.isoformat() if sqlite else value
            out.append(f"EXISTS (SELECT 1 FROM articles d WHERE d.story_id = a.story_id AND d.published {op} :{key})")
    return "".join(f" AND {c}" for c in out)


# Snippets are not made here: for the shown rows only, after (see _sqlite_snippets).
_SQLITE_ARTICLES = """
WITH top AS (
  SELECT f.rowid AS r, f.rank AS rank, f.article_id AS article_id FROM article_fts f{{join}}
  WHERE f.article_fts MATCH :q AND f.rank MATCH 'bm25(0.0, {TITLE_WEIGHT}, 1.0)'{{where}}
  ORDER BY f.rank LIMIT :n)
SELECT top.r AS rowid, a.id, a.story_id, a.title, a.outlet, a.published, '' AS snippet, -top.rank AS score
FROM top JOIN articles a ON a.id = top.article_id
WHERE a.story_id IS NOT NULL
ORDER BY top.rank
""".format(TITLE_WEIGHT=TITLE_WEIGHT)
_SQLITE_JOIN = " JOIN articles a ON a.id = f.article_id"

_PG_ARTICLES = """
WITH q AS (SELECT plainto_tsquery('english', :q) AS query),
top AS (
  SELECT a.id, a.story_id, a.title, a.outlet, a.published, a.text, ts_rank(a.search, q.query) AS score
  FROM articles a, q WHERE a.search @@ q.query AND a.story_id IS NOT NULL{where}
  ORDER BY score DESC LIMIT :n)
SELECT top.id, top.story_id, top.title, top.outlet, top.published, top.score,
       ts_headline('english', top.text, q.query, :hl) AS snippet
FROM top, q ORDER BY top.score DESC
"""

_SQLITE_NAMES = """
SELECT s.id AS story_id, snippet(story_name_fts, 1, :on, :off, '…', 24) AS snippet
FROM story_name_fts JOIN stories s ON s.id = story_name_fts.story_id
WHERE story_name_fts MATCH :q AND s.size > 0{where}
LIMIT :n
"""

_PG_NAMES = """
SELECT s.id AS story_id, ts_headline('english', n.names, plainto_tsquery('english', :q), :hl) AS snippet
FROM story_names n JOIN stories s ON s.id = n.story_id
WHERE n.search @@ plainto_tsquery('english', :q) AND s.size > 0{where}
LIMIT :n
"""


def _merge(articles, names, limit: int) -> list[SearchHit]:
    """Best article per story (scores scaled to 0..1 so that the name bonus means the same on
    both backends), plus the bonus for stories whose entity names matched."""
    top = max((float(r["score"]) for r in articles), default=0.0) or 1.0
    hits: dict[str, SearchHit] = {}
    for r in articles:
        if r["story_id"] not in hits:
            published = r["published"]
            if isinstance(published, str):  # SQLite through raw SQL gives the stored ISO text
                published = dt.date.fromisoformat(published[:10])
            hits[r["story_id"]] = SearchHit(r["story_id"], float(r["score"]) / top, r["id"], r["title"], r["outlet"],
                                            published, r["snippet"] or "", rowid=r.get("rowid"))
    for r in names:
        hit = hits.setdefault(r["story_id"], SearchHit(r["story_id"], 0.0))
        hit.score += NAME_BONUS
        hit.names = r["snippet"] or ""
    return sorted(hits.values(), key=lambda h: (-h.score, h.story_id))[:limit]
