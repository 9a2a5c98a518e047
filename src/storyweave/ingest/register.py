"""The registry's wiring: the web readers (HTML, feeds, WARC, URLs, CSV) join the table, and
every reader, file or scheme, is wrapped with the article step (:mod:`.article`).

Kept apart from ``ingest/__init__`` so the registry there stays a plain table: it calls
:func:`install` once. A wrapped reader takes ``(path, config)`` like any reader, where
``config`` is an ``IngestConfig`` or a whole ``Config`` (whose ``clean`` section then
drives the cleaning); what it yields are prepared Articles and Problems.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from ..config import Config, IngestConfig
from ..model import Article, Problem
from . import feeds, html, remote, tabular, warc
from .article import ArticleStep

Reader = Callable[[Path, IngestConfig], Iterator[Article | Problem]]

WEB_READERS: dict[str, Reader] = {
    ".html": html.read_file,
    ".htm": html.read_file,
    ".xhtml": html.read_file,
    ".html.gz": html.read_file,
    ".htm.gz": html.read_file,
    ".rss": feeds.read_file,
    ".atom": feeds.read_file,
    ".warc": warc.read_file,
    ".warc.gz": warc.read_file,
    ".urls": remote.read_url_list,
    ".csv": tabular.read_file,
    ".tsv": tabular.read_file,
}
WEB_SCHEMES = {"http": remote.read_url, "https": remote.read_url}


def with_article_step(reader: Callable) -> Callable:
    """``reader`` whose Articles go through the article step; idempotent (a wrapped reader
    is returned as is)."""
    if getattr(reader, "article_step", False):
        return reader

    def read(source, config: Config | IngestConfig | None = None) -> Iterator[Article | Problem]:
        step = ArticleStep.of(config)
        yield from step.run(reader(source, step.ingest))

    read.__name__ = getattr(reader, "__name__", "read")
    read.__doc__ = reader.__doc__
    read.__wrapped__ = reader  # type: ignore[attr-defined]
    read.article_step = True  # type: ignore[attr-defined]
    return read


def install(readers: dict[str, Reader], schemes: dict) -> None:
    """Add the web readers and schemes; wrap every reader and scheme with the article step."""
    readers.update(WEB_READERS)
    schemes.update(WEB_SCHEMES)
    for table in (readers, schemes):
        for key, reader in table.items():
            table[key] = with_article_step(reader)
