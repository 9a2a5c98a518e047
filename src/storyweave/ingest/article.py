"""The article step: every reader's Articles leave ingest the same kind of record.

Readers differ in what they parse (a text file, a JSON record, a page, a feed entry, a WARC
record) but not in what they hand on. Each Article, whatever it came from, goes through the
same stages, in order:

1. **extract** — a record that brought ``html`` and no ``text`` gets the page extraction;
2. **bound** — article text over ``ingest.max_article_chars`` is cut at a line or sentence
   end (noted in ``meta["truncated"]``), lines over ``ingest.max_line_chars`` are split at
   sentence ends or spaces (``meta["split_lines"]``): no later stage sees a giant text;
3. **clean** — :func:`storyweave.clean.clean_article`: body, removed lines with reasons,
   title/date/byline found in the text;
4. **metadata** — language detected on the cleaned body unless the input gave it
   (``meta["language_confidence"]``), outlet from the URL when the source named none.

Decoding happens before, in the readers (they must decode to parse), through one function
(:func:`.decode.decode`) that records ``meta["encoding"]``. The registry
(:mod:`.register`) wraps every reader with this step, so callers of ``read_inputs`` and
the server's readers get prepared Articles without having to remember it. Running the step
twice changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..clean import clean_article
from ..clean.bounds import cap_text, chunks, split_long_lines
from ..clean.language import detect
from ..config import CleanConfig, Config, IngestConfig
from ..errors import InputError
from ..log import logger
from ..model import Article, Problem

Item = Article | Problem


@dataclass(frozen=True, slots=True)
class ArticleStep:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)

    @classmethod
    def of(cls, config: Config | IngestConfig | None) -> "ArticleStep":
        """The step for a whole Config (its ingest and clean sections), or for an ingest
        section alone (cleaning then uses the default CleanConfig)."""
        if isinstance(config, Config):
            return cls(config.ingest, config.clean)
        return cls(config or IngestConfig())

    def __call__(self, item: Item) -> Item:
        if not isinstance(item, Article):
            return item
        try:
            article = extract(item)
            if isinstance(article, Problem):
                return article
            return add_metadata(clean_article(bound(article, self.ingest), self.clean))
        except InputError as e:
            return Problem(e.item, e.reason)
        except Exception as e:  # noqa: BLE001 - one odd article must not end the batch
            logger.debug("article step failed on %s", item.source or item.id, exc_info=True)
            return Problem(item.source or item.id, f"could not be prepared ({type(e).__name__}: {e}); not read")

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            yield self(item)


# ---- stages --------------------------------------------------------------------------------------

def extract(article: Article) -> Item:
    """A record that brought ``html`` but no ``text``: extract the page like any HTML file;
    what the record says (url, outlet, title, author, date, language) wins over the page."""
    if article.text.strip() or not article.html:
        return article
    from .html import article_from_html

    try:
        page = article_from_html(article.html, id=article.id, item=article.source or article.id, url=article.url)
    except InputError as e:
        return Problem(e.item, e.reason)
    for name in ("url", "outlet", "title", "author", "published", "language"):
        if getattr(article, name):
            setattr(page, name, getattr(article, name))
    page.meta.update(article.meta)
    page.html = article.html
    return page


def bound(article: Article, config: IngestConfig) -> Article:
    """Cap the article's text and split its over-long lines (see the module's docstring)."""
    size = len(article.text)
    if size > config.max_article_chars:
        article.text = cap_text(article.text, config.max_article_chars)
        article.meta["truncated"] = (f"cut from {size:,} to {len(article.text):,} characters "
                                     f"(ingest.max_article_chars = {config.max_article_chars:,})")
        logger.warning("%s: %s", article.source or article.id, article.meta["truncated"])
    article.text, split = split_long_lines(article.text, config.max_line_chars)
    if article.body:  # an article that came cleaned (built in code, or stored): its paragraphs too
        body = [p for para in article.body for p in (chunks(para, config.max_line_chars)
                                                     if len(para) > config.max_line_chars else [para])]
        split += len(body) - len(article.body)
        article.body = body
    if split:
        article.meta["split_lines"] = article.meta.get("split_lines", 0) + split
    return article


def add_metadata(article: Article) -> Article:
    """Language (unless the input gave it) and outlet (from the URL, when not given)."""
    if article.language is None:
        language, confidence = detect("\n".join(article.body) if article.body else article.text)
        article.language = language
        article.meta["language_confidence"] = round(confidence, 3)
    if article.outlet is None and article.url:
        from .html import outlet_from_url

        article.outlet = outlet_from_url(article.url)
    return article
