"""The HTTP API under /api (documented at /openapi.json and /docs)."""
from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ..errors import InputError
from ..model import Article, to_plain
from ..store import MARK_OFF, MARK_ON
from .deps import AppState, require_read, require_write, state
from .service import Unavailable, split_items
from .ingest import (check_urls, parse_json_body, parse_jsonl_body, records_to_articles,
                     store_articles)

router = APIRouter(prefix="/api")


# -- schemas (for the OpenAPI document; bodies are validated by hand for clear reasons) -----
class ArticleIn(BaseModel):
    id: str | None = Field(None, description="stable id; derived from the content when missing. No '#' or '/'.")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD)")
    author: str | None = None
    text: str | None = Field(None, description="article text as scraped (text or html is required)")
    html: str | None = Field(None, description="the article page; text is extracted from it")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = []
    urls: list[str] = Field([], description="article pages to fetch (http/https; private addresses are refused)")


class AddedOut(BaseModel):
    id: str
    created: bool
    reason: str = ""


class ProblemOut(BaseModel):
    item: str
    reason: str


class IngestOut(BaseModel):
    created: int
    duplicates: int
    articles: list[AddedOut]
    problems: list[ProblemOut]


class StoryOut(BaseModel):
    id: str
    title: str
    size: int
    outlets: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    divergences: int
    entities: list[str]
    updated: dt.datetime | None


class StoriesOut(BaseModel):
    stories: list[StoryOut]
    limit: int
    offset: int


class SearchHitOut(BaseModel):
    story_id: str
    score: float = Field(description="higher is better; comparable within one answer only")
    article_id: str | None = Field(None, description="the best-matching article (null: only names matched)")
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    snippet: str = Field("", description="the passage that matched; matched words between [[ and ]]")
    names: str = Field("", description="the story's entity names and aliases, when they matched")


class SearchOut(BaseModel):
    hits: list[SearchHitOut]


class ArticleOut(BaseModel):
    id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    author: str | None
    language: str | None
    body: list[str]
    removed: list[dict[str, Any]]
    story: str | None


class FeedIn(BaseModel):
    url: str = Field(..., description="an RSS or Atom feed (http/https)")
    interval_minutes: int = Field(30, ge=1, le=7 * 24 * 60)


class FeedOut(BaseModel):
    id: int
    url: str
    interval_minutes: int
    last_fetch: dt.datetime | None
    last_status: str
    last_error: str | None


class ErrorOut(BaseModel):
    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "no token or a wrong one"},
    413: {"model": ErrorOut, "description": "request body over server.max_request_bytes"},
}

_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/IngestIn"},
                                 "example": {"articles": [{"id": "a1", "outlet": "Example Post", "url": "https://example.org/a1",
                                                           "published": "2024-05-01", "title": "A title", "text": "Article text."}]}},
            "application/x-ndjson": {"schema": {"type": "string"}, "description": "one article record per line"},
            "text/html": {"schema": {"type": "string"}, "description": "one article page; ?url=&outlet=&id= add metadata"},
            "text/plain": {"schema": {"type": "string"}, "description": "one article as scraped text"},
        },
    }
}


@router.post(
    "/articles", status_code=201, response_model=IngestOut, dependencies=[Depends(require_write)],
    responses={**ERRORS, 200: {"model": IngestOut, "description": "nothing new: every article was already stored"},
               415: {"model": ErrorOut}, 422: {"model": IngestOut, "description": "nothing could be read"}},
    openapi_extra=_INGEST_BODY, summary="Add articles (JSON records, JSONL, an HTML page, text, or URLs to fetch)",
)
async def post_articles(request: Request, url: str | None = None, outlet: str | None = None,
                        id: str | None = None, title: str | None = None, published: str | None = None) -> Any:
    """Stores the articles at once (idempotent by content and URL); clustering into stories and
    the briefs follow in the background (see ``GET /api/status``)."""
    st = state(request)
    raw = await request.body()
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    meta = {"id": id, "url": url, "outlet": outlet, "title": title, "published": published}
    try:
        articles, problems = await asyncio.to_thread(_read_body, st, raw, ctype, meta)
    except InputError as e:
        raise HTTPException(400, f"{e.item}: {e.reason}") from None
    except Unavailable as e:
        raise HTTPException(501, str(e)) from None
    report = await asyncio.to_thread(store_articles, st.store, st.service, st.worker, articles)
    report.problems.extend(problems)
    code = 201 if report.created else 200 if report.results else 422
    return JSONResponse(report.to_dict(), status_code=code)


def _read_body(st: AppState, raw: bytes, ctype: str, meta: dict[str, str | None]):
    if not raw.strip():
        raise InputError("request body", "empty: send article records, an HTML page, text, or {\"urls\": [...]}")
    if ctype in ("application/json", ""):
        records, urls = parse_json_body(raw)
        articles, problems = records_to_articles(records, st.service, st.config)
        urls = check_urls(urls)
        if urls:
            got, bad = split_items(st.service.fetch_urls(urls))
            articles += got
            problems += bad
        return articles, problems
    if ctype in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        records, problems = parse_jsonl_body(raw)
        articles, more = records_to_articles(records, st.service, st.config)
        return articles, problems + more
    if ctype in ("text/html", "application/xhtml+xml"):
        rec = {k: v for k, v in meta.items() if v}
        return records_to_articles([{**rec, "html": raw.decode("utf-8", "replace")}], st.service, st.config)
    if ctype == "text/plain":
        rec = {k: v for k, v in meta.items() if v}
        return records_to_articles([{**rec, "text": raw.decode("utf-8", "replace")}], st.service, st.config)
    raise HTTPException(415, f"cannot read a '{ctype}' body: send application/json, application/x-ndjson, text/html or text/plain")


@router.get("/stories", response_model=StoriesOut, dependencies=[Depends(require_read)], responses=ERRORS,
            summary="Stories, newest first; search by text or entity, filter by date")
def get_stories(request: Request, q: str | None = Query(None, max_length=200), entity: str | None = Query(None, max_length=200),
                date_from: dt.date | None = Query(None, alias="from"), date_to: dt.date | None = Query(None, alias="to"),
                limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> Any:
    rows = state(request).store.list_stories(query=q or None, entity=entity or None, date_from=date_from,
                                             date_to=date_to, limit=limit, offset=offset)
    return {"stories": [to_plain(r) for r in rows], "limit": limit, "offset": offset}


@router.get("/search", response_model=SearchOut, dependencies=[Depends(require_read)], responses=ERRORS,
            summary="Stories whose article text, titles or entity names contain every word of q, best first")
def search(request: Request, q: str = Query(..., min_length=1, max_length=200), entity: str | None = Query(None, max_length=200),
           outlet: str | None = Query(None, max_length=200), date_from: dt.date | None = Query(None, alias="from"),
           date_to: dt.date | None = Query(None, alias="to"), limit: int = Query(20, ge=1, le=100)) -> Any:
    hits = state(request).store.search(q, entity=entity or None, outlet=outlet or None, date_from=date_from,
                                       date_to=date_to, limit=limit)
    return {"hits": [{**to_plain(h), "snippet": _brackets(h.snippet), "names": _brackets(h.names)} for h in hits]}


def _brackets(snippet: str) -> str:
    return snippet.replace(MARK_ON, "[[").replace(MARK_OFF, "]]")


@router.get("/stories/{story_id}", dependencies=[Depends(require_read)],
            responses={**ERRORS, 404: {"model": ErrorOut}, 503: {"model": ErrorOut, "description": "brief not built yet"}},
            summary="A story's brief, as the JSON contract (schema: storyweave/render/brief.schema.json)")
def get_story_brief(request: Request, story_id: str) -> Any:
    st = state(request)
    brief = st.store.get_brief(story_id)
    if brief is not None:
        return brief
    if st.store.get_story(story_id) is None:
        raise HTTPException(404, f"no story '{story_id}'")
    raise HTTPException(503, f"the brief of story '{story_id}' is being built: retry in a few seconds",
                        headers={"Retry-After": "5"})


@router.get("/articles/{article_id}", response_model=ArticleOut, dependencies=[Depends(require_read)],
            responses={**ERRORS, 404: {"model": ErrorOut}}, summary="One stored article (cleaned text, removed lines)")
def get_article(request: Request, article_id: str) -> Any:
    st = state(request)
    art = st.store.get_article(article_id)
    if art is None:
        raise HTTPException(404, f"no article '{article_id}'")
    return article_out(art, st.store.story_of(art.id))


def article_out(art: Article, story: str | None) -> dict[str, Any]:
    return {
        "id": art.id, "outlet": art.outlet, "url": art.url, "title": art.title, "published": art.published,
        "author": art.author, "language": art.language,
        "body": art.body if art.cleaned or art.body else [p for p in art.text.split("\n\n") if p.strip()],
        "removed": [to_plain(r) for r in art.removed], "story": story,
    }


@router.post("/feeds", status_code=201, response_model=FeedOut, dependencies=[Depends(require_write)],
             responses={**ERRORS, 400: {"model": ErrorOut}}, summary="Register an RSS/Atom feed to poll")
def post_feed(request: Request, feed: FeedIn) -> Any:
    url = feed.url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise HTTPException(400, f"feed URL '{url[:200]}' must start with http:// or https://")
    st = state(request)
    row = st.store.add_feed(url, feed.interval_minutes)
    st.poke_feeds()
    return to_plain(row)


@router.get("/feeds", response_model=list[FeedOut], dependencies=[Depends(require_read)], responses=ERRORS,
            summary="Registered feeds with their last-fetch status")
def get_feeds(request: Request) -> Any:
    return [to_plain(f) for f in state(request).store.list_feeds()]


@router.get("/status", dependencies=[Depends(require_read)], responses=ERRORS,
            summary="Background work: articles waiting for clustering, briefs built, last error")
def get_status(request: Request) -> Any:
    st = state(request)
    w = st.worker
    return {
        "articles": st.store.count_articles(), "pending": w.pending, "idle": w.idle, "worker_alive": w.alive,
        "processed_articles": w.status.processed_articles, "briefs_built": w.status.briefs_built,
        "last_error": w.status.last_error, "failed_stories": dict(list(w.status.failed_stories.items())[:20]),
    }
