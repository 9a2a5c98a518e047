"""HTML pages -> Articles: main text, title, outlet, author, published date.

Extraction builds on trafilatura (main-content detection) and htmldate (through
trafilatura's metadata step) and changes two things, each measured with
``storyweave eval extraction`` on the article-extraction benchmark:

1. **Precision mode with a recall safety net.** trafilatura's ``favor_precision`` mode
   drops more furniture than the default but, on a few page layouts, throws away the
   article itself. When the precision result is short we also run the default mode and
   keep it if precision kept less than a third of it: a collapse, not a trim.
2. **Structural furniture removal** (:mod:`storyweave.clean.html`): link lists, related
   blocks and prompts are cut from trafilatura's tree with a reason for each.

Paragraphs come out separated by blank lines; what was cut is in ``Article.removed``.
trafilatura's passes run as trafilatura runs them, but while they run its pruning XPaths are
evaluated by :mod:`.html_prune` (the same elements, without lxml's Python call-backs per
element: that made extraction half again as fast).
"""
from __future__ import annotations

import gzip
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator
from urllib.parse import urlsplit

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Removed
from .decode import Decoded, decode
from .jsonl import parse_date

if TYPE_CHECKING:
    from .url import Fetched

# Below this many words the precision result may be a collapse; check it against default.
_SHORT_WORDS = 250
# Precision keeping less than this share of the default's words is a collapse, not a trim.
_COLLAPSE_SHARE = 1 / 3
# Words are first counted in this much of a text: a long article reaches _SHORT_WORDS in it.
_PREFIX_CHARS = 4000
_WORD = re.compile(r"\w+")
# scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer): counted
# in characters, at the typical characters per word, so a short Chinese or Thai article is not
# "only 3 words" because its sentences have no spaces
_SPACELESS = {re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"): 2.0,
              re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"): 4.0}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True)
class Extraction:
    """What one page yields: the kept paragraphs, what was cut, and the page metadata."""

    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    mode: str = "precision"  # which trafilatura mode the text came from
    sources: dict[str, str] = field(default_factory=dict)  # field -> where on the page it came from

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def word_count(text: str) -> int:
    """Words in any script: space-separated words, plus the characters of spaceless scripts
    divided by their typical word length."""
    units = 0.0
    for rx, per_word in _SPACELESS.items():
        text, n = rx.subn(" ", text)
        units += n / per_word
    return len(_WORD.findall(text)) + round(units)


def _word_count(doc, enough: int | None = None) -> int:
    """Words of a trafilatura result; with ``enough``, a count of at least ``enough`` may stop
    early (a prefix never has more words than the whole text): only short texts need their
    exact count, and most articles are long."""
    if doc is None or doc.body is None:
        return 0
    text = " ".join(doc.body.itertext())
    if enough is not None and len(text) > _PREFIX_CHARS and word_count(text[:_PREFIX_CHARS]) >= enough:
        return enough
    return word_count(text)


def _has_prose(body) -> bool:
    """Any word outside links and headings: a menu or a lone heading is no article, but a
    one-line notice is one (no word-count floor: short pages in any script are read, as
    trafilatura reads them)."""
    return any(ch.isalpha() for t in body.xpath(".//text()[not(ancestor::ref)][not(ancestor::head)]") for ch in t)


def extract(html: str, url: str | None = None) -> Extraction | None:
    """Main text and metadata of one page, or None when the page holds no article text."""
    from lxml import etree
    from trafilatura.xml import xmltotxt

    from ..clean.html import clean_body
    from .html_prune import fast_prunes
    from .html_tree import parse_html

    tree = parse_html(html)  # parsed once: each trafilatura pass works on its own copy, metadata reads it
    if tree is None:
        return None
    with fast_prunes():  # trafilatura's pruning XPaths found without Python call-backs (same elements)
        doc, mode = _passes(tree, url)
    if doc is None or doc.body is None:
        return None
    removed = clean_body(doc.body)
    if not _has_prose(doc.body):
        return None
    etree.strip_tags(doc.body, "ref")  # link targets are not text
    paragraphs = [" ".join(line.split()) for line in xmltotxt(doc.body, False).split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return None
    meta = page_metadata(html, url, tree=tree)
    return Extraction(
        paragraphs=paragraphs,
        removed=removed,
        title=meta.title,
        author=meta.author,
        date=meta.published.isoformat() if meta.published else None,
        sitename=meta.outlet,
        url=url or meta.url,
        mode=mode,
        sources=meta.sources,
    )


def _passes(tree, url: str | None):
    """trafilatura's precision pass, and its default one where precision collapsed: (the
    result, its mode)."""
    import trafilatura

    # no trafilatura metadata step: page_metadata reads the page's evidence itself and asks
    # htmldate only when that evidence leaves the day open (a third of the extraction time saved)
    # output_format "txt": bare_extraction leaves the body as it is and skips rendering it as text
    # (the "python" format renders doc.text, which nothing here reads; xmltotxt without formatting
    # changes no tree), its options otherwise the same
    common = dict(url=url, include_comments=False, include_links=True, with_metadata=False, output_format="txt")
    doc = trafilatura.bare_extraction(tree, favor_precision=True, **common)
    mode = "precision"
    words = _word_count(doc, enough=_SHORT_WORDS)  # exact below _SHORT_WORDS, where it is compared
    # a collapse is looked for with trafilatura's fast default pass (half the cost) and confirmed
    # with the full one, whose text is the one kept: most short pages are short, not collapsed
    if words < _SHORT_WORDS and _word_count(trafilatura.bare_extraction(tree, fast=True, **common)) \
            * _COLLAPSE_SHARE > words:
        fallback = trafilatura.bare_extraction(tree, **common)
        if _word_count(fallback) * _COLLAPSE_SHARE > words:
            doc, mode = fallback, "default"
    return doc, mode


def page_metadata(html: str, url: str | None = None, tree=None):
    """Title, author, published day and outlet by agreement of the page's evidence
    (:mod:`.metadata`), trafilatura's reading voting beside it; ``tree`` is the page already
    parsed (read, never changed)."""
    from .html_prune import fast_prunes
    from .html_tree import parse_html
    from .metadata import PageMeta, read_metadata

    tree = tree if tree is not None else parse_html(html)
    if tree is None:
        return PageMeta()
    with fast_prunes():  # trafilatura's byline XPaths found without Python call-backs (same elements)
        return read_metadata(tree, html, url, _trafilatura_reading(tree))


def _trafilatura_reading(tree) -> dict:
    """trafilatura's title, author and site name, read with its own functions in its order, but
    without its metadata step's costs we do not need: its date (htmldate, which
    :func:`.metadata.choose_date` asks only when the page's own dates leave the day open) and
    its byline search, which copies the whole tree (run only when no source of ours names an
    author: a callable)."""
    from trafilatura import metadata as tm

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:  # as trafilatura: a one-word meta author is a handle
        doc.author = None
    try:
        doc = tm.extract_meta_json(tree, doc)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader trips on odd objects; it only votes
        pass
    site = (doc.sitename or tm.extract_sitename(tree) or "").lstrip("@") or None
    if site and "." not in site and not site[0].isupper():
        site = site.title()
    elif not site and (url := doc.url or tm.extract_url(tree)) and (m := tm.META_URL.match(url)):
        site = m[1]  # the host, as trafilatura falls back to
    return {"title": doc.title or tm.extract_title(tree), "outlet": site,
            "author": doc.author or (lambda: tm.extract_author(tree))}


def quiet_extractor_logs() -> None:
    """trafilatura/htmldate log every odd link or date at WARNING: noise for a CLI user.
    Called by commands (never at import: a library must not reconfigure others' loggers)."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


# ---- bytes -> text ---------------------------------------------------------------------------

def decode_page(data: bytes, item: str, declared: str | None = None) -> Decoded:
    """Decode a page: valid UTF-8 first (declarations are often wrong), then the charset the
    server (``declared``) or the page's ``<meta>`` names, then the most plausible guess."""
    m = _META_CHARSET.search(data[:4096])
    meta = m.group(1).decode("ascii", "replace") if m else None
    return decode(data, item, declared=(declared, meta), check_binary=False)


def read_capped(fh: BinaryIO, limit: int, item: str) -> bytes:
    """Read at most ``limit`` bytes; a larger input is refused, not truncated silently."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(item, f"over the {limit:,}-byte limit (ingest.max_bytes); not read")
    return data


def load_page_bytes(path: Path, config: IngestConfig) -> bytes:
    item = str(path)
    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if path.name.lower().endswith(".gz"):
            if head != _GZIP_MAGIC:
                raise InputError(item, "named .gz but is not gzip data: rename it or give the real file")
            try:
                with gzip.GzipFile(fileobj=fh) as gz:
                    return read_capped(gz, config.max_bytes, item)  # capped after inflation: no gzip bombs
            except (OSError, EOFError, zlib.error) as e:
                raise InputError(item, f"broken gzip data ({e})") from None
        return read_capped(fh, config.max_bytes, item)


# ---- Articles ----------------------------------------------------------------------------------

def short_id(url: str) -> str:
    """A stable id for records without a file name (feed entries, WARC records)."""
    return hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()[:12]


def outlet_from_url(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def article_from_html(
    html: str, *, id: str, item: str, url: str | None = None, fallback: Article | None = None,
    encoding: str | None = None,
) -> Article:
    """One page -> one Article; ``fallback`` fills fields the page does not carry (feed metadata).
    Language, cleaning and bounds come after, in the article step (:mod:`.article`)."""
    from lxml import etree

    try:
        ex = extract(html, url)
    except (ValueError, TypeError, etree.LxmlError) as e:  # a page lxml cannot make a tree of
        raise InputError(item, f"cannot parse the page as HTML ({type(e).__name__}: {e})") from None
    except (AssertionError, AttributeError, IndexError, KeyError, RecursionError) as e:
        # trafilatura/htmldate trip over some broken trees (``<svg><p><p>``: an assert in
        # lxml's drop_tree); one odd page must not end the batch (found by tests/reliability)
        raise InputError(item, f"the extractor failed on this page ({type(e).__name__}); not read") from None
    if ex is None:
        raise InputError(item, "no article text found in the page (empty, script-only, or only links and headings)")
    page_url = url or ex.url
    art = Article(
        id=id,
        text=ex.text,
        url=page_url,
        outlet=ex.sitename or outlet_from_url(page_url),
        title=ex.title,
        author=ex.author,
        published=parse_date(ex.date),
        source=item,
        removed=ex.removed,
    )
    art.meta["extraction"] = ex.mode
    if ex.sources:
        art.meta["sources"] = dict(ex.sources)
    if encoding:
        art.meta["encoding"] = encoding
    if fallback is not None:
        for name in ("url", "outlet", "title", "author", "published"):
            if getattr(art, name) is None:
                setattr(art, name, getattr(fallback, name))
    return art


def article_from_fetched(fetched: Fetched, fallback: Article | None = None, id: str | None = None) -> Article:
    """A page fetched over http(s) (:mod:`.url`) -> one Article."""
    got = decode_page(fetched.body, fetched.url, fetched.charset)
    return article_from_html(got.text, id=id or short_id(fetched.url), item=fetched.url, url=fetched.final_url,
                             fallback=fallback, encoding=got.encoding)


def read_file(path: Path, config: IngestConfig) -> Iterator[Article]:
    data = load_page_bytes(path, config)
    got = decode_page(data, str(path))
    # the file name is the id, as for every file reader
    yield article_from_html(got.text, id=path.name, item=str(path), encoding=got.encoding)
