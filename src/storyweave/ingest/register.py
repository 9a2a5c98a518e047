"""Registration of the web readers (HTML, feeds, WARC, URLs, CSV) into the ingest registry.

Kept apart from ``ingest/__init__`` so the registry there stays a plain table: it calls
:func:`install` once. Record readers (JSON, JSONL, CSV) may carry ``html`` instead of
``text``; :func:`extract_if_html` runs the page extraction on those records so every
reader hands the pipeline the same kind of Article.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from . import feeds, html, tabular, url, warc

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
    ".urls": url.read_url_list,
    ".csv": tabular.read_file,
    ".tsv": tabular.read_file,
}
WEB_SCHEMES = {"http": url.read_url, "https": url.read_url}


def extract_if_html(article: Article | Problem) -> Article | Problem:
    """A record that brought ``html`` but no ``text``: extract the page like any HTML file."""
    if not isinstance(article, Article) or article.text.strip() or not article.html:
        return article
    try:
        page = html.article_from_html(article.html, id=article.id, item=article.source or article.id, url=article.url)
    except InputError as e:
        return Problem(e.item, e.reason)
    for name in ("url", "outlet", "title", "author", "published"):  # what the record says wins
        if getattr(article, name):
            setattr(page, name, getattr(article, name))
    page.meta.update(article.meta)
    page.html = article.html
    return page


def with_html_extraction(reader: Reader) -> Reader:
    def read(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
        for item in reader(path, config):
            yield extract_if_html(item)

    read.__name__ = getattr(reader, "__name__", "read")
    read.__doc__ = reader.__doc__
    return read


def install(readers: dict[str, Reader], schemes: dict) -> None:
    """Add the web readers; wrap record readers so ``html`` records get extracted."""
    for suffix in (".json", ".jsonl", ".ndjson"):
        if suffix in readers:
            readers[suffix] = with_html_extraction(readers[suffix])
    for suffix, reader in WEB_READERS.items():
        readers[suffix] = with_html_extraction(reader) if reader is tabular.read_file else reader
    schemes.update(WEB_SCHEMES)
