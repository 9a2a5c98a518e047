"""CSV / TSV records with columns ``id, url, outlet, title, published, text`` (or ``html``).

Streamed row by row (csv.DictReader), each row checked alone: a bad row is a Problem and
the rest of the file is still read. Rows with ``html`` and no ``text`` go through the same
extraction as HTML pages (see :func:`storyweave.ingest.register.extract_if_html`).
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from .decode import decode
from .jsonl import record_to_article


def read_file(path: Path, config: IngestConfig) -> Iterator[Article | Problem]:
    from .html import read_capped

    with path.open("rb") as fh:
        got = decode(read_capped(fh, config.max_bytes, str(path)), str(path))
    text = got.text
    delimiter = "\t" if path.name.lower().endswith(".tsv") else ","
    csv.field_size_limit(min(sys.maxsize, config.max_bytes))  # article bodies are long fields
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or not {"text", "html"} & {f.strip().lower() for f in reader.fieldnames}:
        raise InputError(str(path), f"needs a header row with a 'text' or 'html' column; found {reader.fieldnames}")
    n = 0
    try:
        for n, row in enumerate(reader, 2):  # line 1 is the header
            item = f"{path}:{n}"
            if None in row:
                yield Problem(item, f"row has more fields than the header ({len(reader.fieldnames)})")
                continue
            clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            try:
                art = record_to_article(clean, item, f"{path.stem}-{n}")
                art.meta["encoding"] = got.encoding
                yield art
            except InputError as e:
                yield Problem(e.item, e.reason)
    except csv.Error as e:
        yield Problem(f"{path}:{n + 1}", f"malformed CSV, stopped here ({e})")
