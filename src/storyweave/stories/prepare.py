"""Cleaning before clustering, for articles that did not come through ingest.

Articles read by ``storyweave.ingest.read_inputs`` with the whole Config come out of the
article step already cleaned with ``config.clean``: for them this is a no-op
(``clean_article`` compares ``meta["cleaned_with"]``), and the CLI commands that read that
way cluster what they read without it. It stays for callers that hand raw Articles to
``stories.assign.ingest`` (library code, tests, benchmarks) and for articles cleaned with
other settings, which are cleaned again with these. A failure to clean one article keeps
that article raw and logs why: clustering still sees it.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from ..clean import clean_article
from ..config import Config
from ..log import logger
from ..model import Article


def prepare_iter(articles: Iterable[Article], config: Config) -> Iterator[Article]:
    for a in articles:
        try:
            a = clean_article(a, config.clean)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the stream
            logger.warning("%s: could not clean (%s); clustering the raw text", a.id, e)
        yield a


def prepare(articles: Iterable[Article], config: Config) -> list[Article]:
    return list(prepare_iter(articles, config))
