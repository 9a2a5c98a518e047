"""WARC / WARC.gz archives (warcio), e.g. Common Crawl's CC-NEWS: HTML responses -> Articles.

The archive is streamed record by record (warcio's ArchiveIterator over the open file), and
each payload is read with the ``max_bytes`` cap, so memory stays flat however large the
archive. Non-HTML records (request, metadata, images, robots.txt) are skipped quietly;
an HTML response that yields no article, or an oversized one, is a Problem naming the
record. A truncated archive ends the walk with one Problem (a damaged stream cannot be
resynchronised reliably) after everything before the damage has been yielded.
"""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRUNCATED = "record is truncated (the archive ends inside it); not used"


def _record_item(path: Path, offset: int | None, uri: str | None) -> str:
    return f"{path}" + (f"@{offset}" if offset is not None else "") + (f" ({uri})" if uri else "")


def read_file(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .html import article_from_html, decode_page, read_capped, short_id

    with path.open("rb") as fh:
        records = ArchiveIterator(fh, no_record_parse=False, arc2warc=True)
        offset = 0
        try:
            for record in records:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if not _is_html_response(record):
                    if _cut_short(record):  # even a skipped record tells us the archive is cut
                        yield Problem(_record_item(path, records.get_record_offset(), uri), _TRUNCATED)
                    offset = records.get_record_offset()
                    continue
                item = _record_item(path, None, uri)
                try:
                    body = read_capped(record.content_stream(), config.max_bytes, item)
                    # warcio knows a record's offset once the record has been read
                    offset = records.get_record_offset()
                    item = _record_item(path, offset, uri)
                    if _cut_short(record):
                        raise InputError(item, _TRUNCATED)
                    charset = _charset(record.http_headers.get_header("Content-Type"))
                    got = decode_page(body, item, charset)
                    art = article_from_html(got.text, id=short_id(uri or item), item=item, url=uri, encoding=got.encoding)
                    art.meta["warc_date"] = record.rec_headers.get_header("WARC-Date")
                    yield art
                except InputError as e:
                    yield Problem(e.item, e.reason)
                # the iterator skips what we left unread in small chunks: no buffering of big records
        # warcio raises AttributeError/TypeError on headers cut in half, besides its own errors
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError) as e:
            yield Problem(_record_item(path, offset, None), f"damaged or truncated archive, stopped here ({type(e).__name__}: {e})")


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return record.http_headers.get_statuscode() == "200" and ctype in _HTML_TYPES


def _cut_short(record) -> bool:
    """True when the archive ended before the record's declared length (a truncated download)."""
    raw = record.raw_stream
    while raw.read(1 << 16):  # drain in small chunks: constant memory
        pass
    return getattr(raw, "limit", 0) > 0


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
