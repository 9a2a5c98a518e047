"""Readers: each turns one kind of input into Articles.

``read_inputs`` walks files, folders (and, where readers exist, URLs, feeds, archives),
picks the reader by name, and yields ``Article`` or ``Problem`` items: a bad item is
reported with its reason and the batch goes on. Every Article comes out of the article
step (:mod:`.article`): decoded, bounded, cleaned, with its language and metadata.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import Config, IngestConfig
from ..errors import InputError
from ..model import Article, Problem
from . import jsonl, sources_csv, text

# suffix -> reader(path, config) -> Iterator[Article]; other modules register more.
Reader = Callable[[Path, IngestConfig], Iterator[Article | Problem]]
READERS: dict[str, Reader] = {
    ".txt": text.read_file,
    ".text": text.read_file,
    ".json": jsonl.read_json,
    ".jsonl": jsonl.read_jsonl,
    ".ndjson": jsonl.read_jsonl,
}

# scheme -> handler(url, config): http(s) URLs and feeds, installed by register.py.
SCHEME_HANDLERS: dict[str, Callable[[str, IngestConfig], Iterator[Article | Problem]]] = {}

# HTML, feeds, WARC, CSV, ``.urls`` files and http(s) URLs, and the article step around
# every reader (see ingest/register.py)
from . import register as _registry  # noqa: E402  (needs the tables above)

_registry.install(READERS, SCHEME_HANDLERS)


def _reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    # longest suffix first so ".html.gz" / ".warc.gz" win over ".gz"
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            # a reader registered after install() gets the article step too
            return _registry.with_article_step(READERS[suffix])
    return None


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            # READMEs and licences sit beside corpora; they are not articles
            if p.is_file() and not p.name.startswith(".") and not p.name.upper().startswith(("README", "LICENSE")) \
                    and p.name != sources_csv.NAME:  # a folder's table of outlets, not an article
                yield p
    else:
        yield path


def read_inputs(inputs: Iterable[str | Path], config: Config | IngestConfig | None = None) -> Iterator[Article | Problem]:
    """Yield Articles and Problems for every input; never raises for a bad item.

    ``config``: a whole Config (its ``clean`` section drives the cleaning), or its ``ingest``
    section alone (cleaning with the default CleanConfig)."""
    config = config or IngestConfig()
    seen: set[str] = set()
    for item in inputs:
        s = str(item)
        scheme = s.split("://", 1)[0].lower() if "://" in s else ""
        if scheme:
            handler = SCHEME_HANDLERS.get(scheme)
            if handler is None:
                yield Problem(s, f"cannot read '{scheme}://' inputs: give a file, a folder or an http(s) URL")
                continue
            yield from _registry.with_article_step(handler)(s, config)
            continue
        path = Path(s)
        if not path.exists():
            yield Problem(s, "no such file or folder")
            continue
        try:
            table = sources_csv.load(path) if path.is_dir() else {}
        except InputError as e:
            yield Problem(e.item, e.reason)
            table = {}
        for f in _files(path):
            reader = _reader_for(f)
            if reader is None:
                if path.is_dir():
                    continue  # folders may hold other files; only named files must be readable
                reader = READERS[".txt"]  # a named file with an odd suffix: try it as text
            try:
                for art in reader(f, config):
                    if isinstance(art, Problem):
                        yield art
                        continue
                    if art.id in seen:
                        # file names are ids; two equal ids from different folders get a suffix
                        art.id = _unique_id(art.id, seen)
                    seen.add(art.id)
                    yield sources_csv.apply(art, f, path, table) if table else art
            except InputError as e:
                yield Problem(e.item, e.reason)
            except OSError as e:
                yield Problem(str(f), f"cannot read the file ({e.strerror or e})")


def _unique_id(base: str, seen: set[str]) -> str:
    i = 2
    while f"{base}~{i}" in seen:
        i += 1
    return f"{base}~{i}"


def read_articles(inputs: Iterable[str | Path], config: Config | IngestConfig | None = None) -> tuple[list[Article], list[Problem]]:
    arts: list[Article] = []
    probs: list[Problem] = []
    for x in read_inputs(inputs, config):
        (arts if isinstance(x, Article) else probs).append(x)
    return arts, probs
