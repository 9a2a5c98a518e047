"""JSON / JSONL records: ``{id, url, outlet, title, published, text}`` (``html`` instead of text works too)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from .decode import decode


_TOO_DEEP = "JSON nested too deeply to be an article record; not read"


def parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser

        # the day as written: a zone name ("EST") only moved the time, and dateutil warns on
        # every name it does not know, on the user's terminal
        return parser.parse(s, fuzzy=True, ignoretz=True).date()
    except (ValueError, OverflowError):
        return None


def record_to_article(rec: Any, item: str, fallback_id: str) -> Article:
    if not isinstance(rec, dict):
        raise InputError(item, f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get("text") or rec.get("body") or rec.get("content") or ""
    html = rec.get("html")
    if not isinstance(text, str) or (not text.strip() and not html):
        raise InputError(item, "record has no 'text' (or 'html') to read")
    art = Article(
        id=str(rec.get("id") or fallback_id),
        text=text if isinstance(text, str) else "",
        outlet=_str_field(rec, item, "outlet", "source"),
        url=_str_field(rec, item, "url"),
        title=_str_field(rec, item, "title"),
        published=parse_date(rec.get("published") or rec.get("date")),
        author=_str_field(rec, item, "author"),
        html=html if isinstance(html, str) else None,
        source=item,
        language=_language(rec, item),
    )
    for k, v in rec.items():
        if k not in _FIELDS:
            art.meta[k] = v
    return art


_FIELDS = {"id", "text", "body", "content", "outlet", "url", "title", "published", "date", "author", "html",
           "language", "lang"}


def _language(rec: dict, item: str) -> str | None:
    """The record's own language code ("fr", "pt-BR" -> "pt"); then it is not detected."""
    value = _str_field(rec, item, "language", "lang")
    if not value or not value.strip():
        return None
    return value.strip().replace("_", "-").split("-")[0].lower() or None


def _str_field(rec: dict, item: str, *names: str) -> str | None:
    """A text field as a string: numbers are written out, lists/objects/booleans refused.
    (A ``"url": true`` used to reach trafilatura and end the whole batch with an
    AttributeError; a list title would reach the store — found by tests/reliability.)"""
    for name in names:
        value = rec.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise InputError(item, f"'{name}' must be a string, not {type(value).__name__}")
    return None


def read_jsonl(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    # Stream line by line: a bad line is reported, the rest of the file still read.
    with path.open("rb") as fh:
        for n, raw in enumerate(_capped_lines(fh, config.max_bytes), 1):
            item = f"{path}:{n}"
            if raw is None:
                yield _problem(item, f"line is over the {config.max_bytes:,}-byte limit (ingest.max_bytes); skipped")
                continue
            if not raw.strip():
                continue
            try:
                got = decode(raw, item)
                yield _with_encoding(record_to_article(json.loads(got.text), item, f"{path.stem}-{n}"), got.encoding)
            except json.JSONDecodeError as e:
                yield _problem(item, f"not valid JSON ({e.msg} at column {e.colno})")
            except RecursionError:  # [[[[...: would end the whole batch (found by tests/reliability)
                yield _problem(item, _TOO_DEEP)
            except InputError as e:
                yield _problem(e.item, e.reason)


def _capped_lines(fh, limit: int) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes; None for a longer line, which is skipped in 1 MB
    chunks. (Iterating the file object would hold a whole line in memory first: one 5 GB
    line would need 5 GB before the size check ran — found by tests/reliability.)"""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line


def read_json(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    size = path.stat().st_size
    if size > config.max_bytes:
        raise InputError(str(path), f"file is {size:,} bytes, over the {config.max_bytes:,}-byte limit")
    try:
        got = decode(path.read_bytes(), str(path))
        data = json.loads(got.text)
    except json.JSONDecodeError as e:
        # maybe it is JSONL with a .json name
        if e.msg == "Extra data":
            yield from read_jsonl(path, config)
            return
        raise InputError(str(path), f"not valid JSON ({e.msg} at line {e.lineno})") from None
    except RecursionError:
        raise InputError(str(path), _TOO_DEEP) from None
    records = data if isinstance(data, list) else data.get("articles", [data]) if isinstance(data, dict) else None
    if records is None:
        raise InputError(str(path), "expected an object or a list of article objects")
    for i, rec in enumerate(records, 1):
        item = f"{path}[{i}]" if len(records) > 1 else str(path)
        try:
            art = record_to_article(rec, item, path.name if len(records) == 1 else f"{path.stem}-{i}")
            yield _with_encoding(art, got.encoding)
        except InputError as e:
            yield _problem(e.item, e.reason)


def _with_encoding(art: Article, encoding: str) -> Article:
    art.meta["encoding"] = encoding  # the file's, whatever a record's own fields say
    return art


def _problem(item: str, reason: str) -> Problem:
    """Per-record problems travel in the stream as Problem objects."""
    return Problem(item, reason)
