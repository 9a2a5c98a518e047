"""RSS / Atom feeds (feedparser): each entry becomes an Article.

An entry that carries the full story (``content:encoded``, Atom ``content``) is used as
is. Many feeds carry only a teaser; when the feed came from a URL we fetch the entry's
page (same safety rules as any URL) and extract the article from it, keeping the feed's
title/date/author where the page lacks them. A feed read from a file stays offline: its
teasers are kept and marked ``meta["teaser"] = True``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable, Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from .html import article_from_fetched, outlet_from_url, read_capped, short_id
from .url import fetch, fetch_many, is_feed

# An entry with fewer words than this, or ending in an ellipsis / "read more", is a teaser.
TEASER_WORDS = 120
_TEASER_END = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen|lire la suite)\W*$", re.I)
_PROLOG_BYTES = 1 << 16  # a DOCTYPE's internal subset sits at the top of the document
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "tr")


def html_fragment_to_paragraphs(fragment: str) -> list[str]:
    """Feed content is an HTML fragment, not a page: keep its paragraphs, drop the markup."""
    if "<" not in fragment:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment) if p.strip()]
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("//script|//style|//figure|//figcaption|//iframe"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def _entry_text(entry) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _declares_entities(data: bytes) -> bool:
    # plain substring tests, not a regex: linear time whatever the input
    head = data[:_PROLOG_BYTES].lower()
    return b"<!doctype" in head and b"<!entity" in head


def is_teaser(paragraphs: list[str]) -> bool:
    words = sum(len(p.split()) for p in paragraphs)
    return words < TEASER_WORDS or bool(paragraphs and _TEASER_END.search(paragraphs[-1]))


def read_feed_bytes(data: bytes, source: str, config: IngestConfig, fetch_pages: bool) -> Iterator[Article | Problem]:
    import feedparser

    if _declares_entities(data):
        # Entity declarations are how "billion laughs" feeds blow up: expat stops them only
        # after about a million callbacks (seconds of CPU per tiny feed). No real feed needs
        # its own entities, so refuse before parsing (found by tests/reliability).
        raise InputError(source, "refused: the feed declares its own XML entities (<!ENTITY>), "
                                 "a denial-of-service trick (billion laughs); real feeds do not")
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, ValueError, LookupError) as e:
        # feedparser's encoding sniffing raises on some byte orders/declarations instead of
        # flagging "bozo" (found by fuzz/fuzz_readers.py): one bad feed, not a dead batch
        raise InputError(source, f"not a readable RSS/Atom feed ({type(e).__name__}: {e})") from None
    if parsed.bozo and not parsed.entries:
        err = parsed.get("bozo_exception")
        raise InputError(source, f"not a readable RSS/Atom feed ({type(err).__name__}: {err})")
    if not parsed.entries:
        raise InputError(source, "feed has no entries")
    feed_title = parsed.feed.get("title") or None
    feed_link = parsed.feed.get("link") or (source if "://" in source else None)
    to_fetch: list[tuple[Article, str]] = []
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        key = entry.get("id") or link or f"{source}#{n}"
        paragraphs = html_fragment_to_paragraphs(_entry_text(entry))
        art = Article(
            id=short_id(key),
            text="\n\n".join(paragraphs),
            url=link,
            outlet=feed_title or outlet_from_url(link or feed_link),
            title=(entry.get("title") or "").strip() or None,
            author=entry.get("author") or None,
            published=_entry_date(entry),
            source=f"{source}#{n}",
        )
        if parsed.get("encoding"):
            art.meta["encoding"] = parsed.encoding  # feedparser decodes the feed itself
        teaser = is_teaser(paragraphs)
        if teaser and fetch_pages and link:
            to_fetch.append((art, link))
            continue
        if not art.text.strip():
            yield Problem(art.source, "feed entry has no text (and its page was not fetched: the feed is a file)")
            continue
        art.meta["teaser"] = teaser
        yield art
    if to_fetch:
        yield from _fetch_entry_pages(to_fetch, config)


def _fetch_entry_pages(todo: list[tuple[Article, str]], config: IngestConfig) -> Iterator[Article | Problem]:
    for (entry_art, _), got in zip(todo, fetch_many([link for _, link in todo], config)):
        try:
            if isinstance(got, Problem):
                raise InputError(got.item, got.reason)
            art = article_from_fetched(got, fallback=entry_art, id=entry_art.id)
            # the feed names the outlet and the story; the page's own values win when present
            art.meta["feed"] = entry_art.source
            yield art
        except InputError as e:
            if entry_art.text.strip():  # keep the teaser rather than lose the entry
                entry_art.meta["teaser"] = True
                entry_art.meta["fetch_problem"] = e.reason
                yield entry_art
            yield Problem(e.item, f"{e.reason} (feed entry {entry_art.source})")


def read_file(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    with path.open("rb") as fh:
        data = read_capped(fh, config.max_bytes, str(path))
    yield from read_feed_bytes(data, str(path), config, fetch_pages=False)


def read_feed_urls(urls: Iterable[str], config: IngestConfig) -> Iterator[Article | Problem]:
    """Registered feed URLs (the server's poller) -> Articles of their entries.

    Fetched through the SSRF-guarded client; entries holding only a teaser get their page.
    A URL that answers with something other than a feed is a problem, not a page to ingest.
    Called directly (not through ``read_inputs``), so it runs the article step itself.
    """
    from .article import ArticleStep

    step = ArticleStep.of(config)
    for url in urls:
        try:
            fetched = fetch(url, config)
            if not is_feed(fetched):
                yield Problem(url, f"not an RSS or Atom feed (got {fetched.content_type or 'unknown content'})")
                continue
            yield from step.run(read_feed_bytes(fetched.body, fetched.url, config, fetch_pages=True))
        except InputError as e:
            yield Problem(e.item, e.reason)
