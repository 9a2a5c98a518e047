"""Turning request bodies into stored articles: one path for the API and the feed poller."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..errors import InputError
from ..ingest.jsonl import record_to_article
from ..model import Article, Problem
from ..store.base import AddResult, Store
from .service import Service, content_id, split_items
from .worker import BriefWorker

MAX_URLS = 50  # per request: each is fetched while the client waits


@dataclass(slots=True)
class IngestReport:
    results: list[AddResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(r.created for r in self.results)

    @property
    def duplicates(self) -> int:
        return sum(not r.created for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "duplicates": self.duplicates,
            "articles": [{"id": r.article_id, "created": r.created, "reason": r.reason} for r in self.results],
            "problems": [{"item": p.item, "reason": p.reason} for p in self.problems],
        }


def store_articles(store: Store, service: Service, worker: BriefWorker, articles: list[Article]) -> IngestReport:
    """Clean, store (one transaction, idempotent) and queue the new ones for clustering."""
    report = IngestReport()
    if not articles:
        return report
    cleaned = service.clean(articles)
    report.results = store.add_articles(cleaned)
    worker.submit([r.article_id for r in report.results if r.created])
    return report


def records_to_articles(records: list[Any], service: Service, config: Config) -> tuple[list[Article], list[Problem]]:
    """JSON records ``{id, url, outlet, title, published, author, text | html}`` -> Articles."""
    arts: list[Article] = []
    probs: list[Problem] = []
    for i, rec in enumerate(records):
        item = f"articles[{i}]"
        if isinstance(rec, dict) and rec.get("id") is not None and not isinstance(rec.get("id"), (str, int)):
            probs.append(Problem(item, "'id' must be a string"))
            continue
        try:
            fallback = content_id(str(rec.get("url") or ""), str(rec.get("text") or rec.get("html") or "")) if isinstance(rec, dict) else ""
            art = record_to_article(rec, item, fallback)
        except InputError as e:
            probs.append(Problem(e.item, e.reason))
            continue
        if not art.text.strip() and art.html:
            # HTML-only record: extract with the HTML reader, keep the record's metadata.
            got, bad = split_items(service.read_html(art.html.encode("utf-8", "replace"), art.id))
            if not got:
                probs.extend(Problem(item, p.reason) for p in bad or [Problem(item, "no article text found in 'html'")])
                continue
            art = _overlay(got[0], art)
        if "#" in art.id or "/" in art.id:
            # ids become URL paths and sentence anchors ("<id>#<n>")
            probs.append(Problem(item, f"id '{art.id[:80]}' may not contain '#' or '/'"))
            continue
        arts.append(art)
    return arts, probs


def _overlay(extracted: Article, given: Article) -> Article:
    for name in ("id", "url", "outlet", "title", "published", "author"):
        value = getattr(given, name)
        if value:
            setattr(extracted, name, value)
    extracted.meta.update(given.meta)
    extracted.source = given.source
    return extracted


def parse_json_body(raw: bytes) -> tuple[list[Any], list[str]]:
    """A JSON body: one record, a list of records, or ``{"articles": [...], "urls": [...]}``."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError("request body", f"not valid JSON ({getattr(e, 'msg', e)})") from None
    except RecursionError:
        # thousands of nested brackets: no article looks like that (found by tests/security)
        raise InputError("request body", "JSON nested too deeply to be an article record") from None
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        raise InputError("request body", "expected a JSON object or a list of article objects")
    if "articles" in data or "urls" in data:
        records, urls = data.get("articles") or [], data.get("urls") or []
        if not isinstance(records, list) or not isinstance(urls, list):
            raise InputError("request body", "'articles' and 'urls' must be lists")
        if not all(isinstance(u, str) for u in urls):
            raise InputError("request body", "'urls' must be a list of strings")
        return records, urls
    return [data], []


def parse_jsonl_body(raw: bytes) -> tuple[list[Any], list[Problem]]:
    records: list[Any] = []
    probs: list[Problem] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            probs.append(Problem(f"line {n}", f"not valid JSON ({getattr(e, 'msg', e)})"))
    return records, probs


def check_urls(urls: list[str]) -> list[str]:
    if len(urls) > MAX_URLS:
        raise InputError("request body", f"{len(urls)} URLs in one request; send at most {MAX_URLS} per request")
    return [u.strip() for u in urls if u.strip()]
