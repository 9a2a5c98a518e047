"""Cleaning: boilerplate out (with a reason for every removed line), metadata in.

``clean_article`` is the single entry point for plain text; HTML readers extract first and
then hand their text to the same function, so both agree on what counts as noise. Ingest
runs it on every article (:mod:`storyweave.ingest.article`), so later stages that call it
again get the article back unchanged.
"""
from __future__ import annotations

import dataclasses

from ..config import CleanConfig
from ..model import Article
from ..text import untokenised
from .boilerplate import clean_lines

__all__ = ["clean_article"]


def clean_article(article: Article, config: CleanConfig | None = None) -> Article:
    """Fill ``body``, ``removed`` and the metadata found in the text. Idempotent: an article
    already cleaned is returned as is, unless ``config`` asks for other settings than it was
    cleaned with (``meta["cleaned_with"]``): then it is cleaned again from its text."""
    settings = dataclasses.asdict(config) if config is not None else None
    if article.cleaned and (settings is None or article.meta.get("cleaned_with", settings) == settings):
        return article
    config = config or CleanConfig()
    if article.cleaned:  # other settings: undo the first cleaning, keep what the reader cut
        del article.removed[article.meta.get("reader_removed", 0):]
    article.meta["reader_removed"] = len(article.removed)
    # text an HTML extractor produced has lost its page structure already: markers only
    result = clean_lines(article.text, config, markers_only=bool(article.meta.get("extraction")))
    # a corpus's ``quotes'' and "do n't" as news writes them (a quotation may open in one line
    # and close in the next, so the whole text's marks decide)
    tex = "``" in (article.text or "")
    article.body = [untokenised(b, tex) for b in result.body]
    article.removed.extend(result.removed)
    # metadata found in the text never overrides what the source (JSON, HTML meta) said
    article.title = article.title or result.title
    article.published = article.published or result.published
    article.author = article.author or result.author
    if result.dateline_place:
        article.meta.setdefault("dateline_place", result.dateline_place)
    if result.section:
        article.meta.setdefault("section", result.section)
    article.cleaned = True
    article.meta["cleaned_with"] = dataclasses.asdict(config)
    return article
