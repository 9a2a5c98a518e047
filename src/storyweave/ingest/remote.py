"""Readers of remote inputs: an http(s) URL, or a ``.urls`` file of them.

A URL that answers with a page becomes one Article; one that answers with a feed becomes its
entries (:mod:`.feeds`). Fetching itself, with its address and size rules, is :mod:`.url`;
this module sits above both, so neither imports the other's readers.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from .feeds import read_feed_bytes
from .html import article_from_fetched, read_capped
from .url import Fetched, fetch, fetch_many, is_feed


def _articles(fetched: Fetched, config: IngestConfig) -> Iterator[Article | Problem]:
    if is_feed(fetched):
        yield from read_feed_bytes(fetched.body, fetched.url, config, fetch_pages=True)
    else:
        yield article_from_fetched(fetched)


def read_url(url: str, config: IngestConfig) -> Iterator[Article | Problem]:
    """The http(s) scheme handler: a page becomes an Article, a feed its entries."""
    try:
        yield from _articles(fetch(url, config), config)
    except InputError as e:
        yield Problem(e.item, e.reason)


def read_url_list(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    """A ``.urls`` file: one URL per line (``#`` comments and blank lines ignored)."""
    with path.open("rb") as fh:
        text = read_capped(fh, config.max_bytes, str(path)).decode("utf-8", "replace")
    urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for got in fetch_many(urls, config):
        if isinstance(got, Problem):
            yield got
            continue
        try:
            yield from _articles(got, config)
        except InputError as e:
            yield Problem(e.item, e.reason)
