"""The one place where articles are cleaned before clustering.

The cleaning stage (``storyweave.clean.clean_article``) fills body, title and date; articles
that came through the ingest article step are cleaned already. A failure to clean one
article keeps that article raw and logs why: clustering still sees it.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..clean import clean_article
from ..config import Config
from ..log import logger
from ..model import Article


def prepare_iter(articles: Iterable[Article], config: Config) -> Iterator[Article]:
    for a in articles:
        if not a.cleaned:
            try:
                a = clean_article(a, config.clean)
            except Exception as e:  # noqa: BLE001 - one bad article must not stop the stream
                logger.warning("%s: could not clean (%s); clustering the raw text", a.id, e)
        yield a


def prepare(articles: Iterable[Article], config: Config) -> list[Article]:
    return list(prepare_iter(articles, config))
