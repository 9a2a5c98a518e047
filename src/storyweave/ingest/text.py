"""Plain text as scraped from the web: one article per file, the file name is its id."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..config import IngestConfig
from ..errors import InputError
from ..model import Article
from .decode import decode_bytes


def read_file(path: Path, config: IngestConfig) -> Iterator[Article]:
    size = path.stat().st_size
    if size > config.max_bytes:
        raise InputError(str(path), f"file is {size:,} bytes, over the {config.max_bytes:,}-byte limit (ingest.max_bytes)")
    text = decode_bytes(path.read_bytes(), str(path))
    if not text.strip():
        raise InputError(str(path), "empty file: no article text")
    yield Article(id=path.name, text=text, source=str(path))
