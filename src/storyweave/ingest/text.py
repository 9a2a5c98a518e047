"""Plain text as scraped from the web: one article per file, the file name is its id."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article
from .agency import outlet_from_text
from .decode import decode


def read_file(path: Path, config: IngestConfig) -> Iterator[Article]:
    size = path.stat().st_size
    if size > config.max_bytes:
        raise InputError(str(path), f"file is {size:,} bytes, over the {config.max_bytes:,}-byte limit (ingest.max_bytes)")
    got = decode(path.read_bytes(), str(path))
    if not got.text.strip():
        raise InputError(str(path), "empty file: no article text")
    # plain text names no outlet, except in an agency credit ("(Reuters) -", "By Press Association")
    yield Article(id=path.name, text=got.text, source=str(path), outlet=outlet_from_text(got.text),
                  meta={"encoding": got.encoding})
