"""The pipeline's parallel stages, as picklable callables any engine can map.

``read_parallel`` yields what ``ingest.read_inputs`` yields, in the same order, with the
costly part (page extraction, the article step) run by the engine:

- the driver walks the inputs (folders, the ``sources.csv`` table, ids seen) and cuts them
  into *units*: a page file, a WARC file or a URL is read whole by a worker; a record file
  (JSON lines, CSV) is parsed on the driver (cheap) and its records are prepared by workers;
- ``ReadUnits`` reads a batch of units on a worker; a unit that fails becomes a Problem
  naming it and the rest of the batch is kept;
- back on the driver, in input order, ids are made unique and the folder's table applied,
  as ``read_inputs`` does.

``BriefStage`` builds the brief of one story on a worker (``storyweave brief --all``). Both
load their models once per worker process (``_PIPELINES``; the readers' own caches).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..config import Config
from ..errors import InputError
from ..model import Article, Problem

Item = Article | Problem
RECORD_FILES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv")  # many small records per file
UNITS_PER_TASK = 8  # page files or records per task: amortises a task's overhead


@dataclass(slots=True)
class Unit:
    kind: str  # "file" (read whole with the reader for ``suffix``), "record" (a parsed record), "url", "problem"
    source: Any  # a Path, an Article, a URL, a Problem
    suffix: str = ""
    folder: Path | None = None  # the input folder (its sources.csv table applies), else None
    file: Path | None = None  # the file the unit comes from


@dataclass(frozen=True, slots=True)
class ReadUnits:
    """A batch of units -> per unit, its Articles and Problems (the article step applied)."""

    config: Config

    def __call__(self, units: list[Unit]) -> list[list[Item]]:
        global _QUIETED
        if not _QUIETED:  # a worker process: the extractor's own log lines would flood stderr
            from ..ingest.html import quiet_extractor_logs

            quiet_extractor_logs()
            _QUIETED = True
        return [read_unit(u, self.config) for u in units]


_QUIETED = False


def read_unit(unit: Unit, config: Config) -> list[Item]:
    from ..ingest import READERS, SCHEME_HANDLERS
    from ..ingest.article import ArticleStep
    from ..ingest.register import with_article_step

    try:
        if unit.kind == "problem":
            return [unit.source]
        if unit.kind == "record":
            return [ArticleStep.of(config)(unit.source)]
        if unit.kind == "url":
            scheme = unit.source.split("://", 1)[0].lower()
            return list(with_article_step(SCHEME_HANDLERS[scheme])(unit.source, config))
        return list(with_article_step(READERS[unit.suffix])(unit.source, config))
    except InputError as e:
        return [Problem(e.item, e.reason)]
    except OSError as e:
        return [Problem(str(unit.source), f"cannot read the file ({e.strerror or e})")]
    except Exception as e:  # noqa: BLE001 - one bad unit must not lose its batch
        return [Problem(_name(unit), f"could not be read ({type(e).__name__}: {e})")]


def _name(unit: Unit) -> str:
    return unit.source.id if isinstance(unit.source, Article) else str(unit.source)


def units(inputs: Iterable[str | Path], config: Config) -> Iterator[Unit]:
    """The inputs as units, in the order ``read_inputs`` reads them (same walk, same skips)."""
    from .. import ingest
    from ..ingest import SCHEME_HANDLERS, sources_csv

    for item in inputs:
        s = str(item)
        scheme = s.split("://", 1)[0].lower() if "://" in s else ""
        if scheme:
            if scheme not in SCHEME_HANDLERS:
                yield Unit("problem", Problem(s, f"cannot read '{scheme}://' inputs: give a file, a folder or an http(s) URL"))
            else:
                yield Unit("url", s)
            continue
        path = Path(s)
        if not path.exists():
            yield Unit("problem", Problem(s, "no such file or folder"))
            continue
        folder = path if path.is_dir() else None
        if folder is not None:
            try:
                sources_csv.load(path)
            except InputError as e:
                yield Unit("problem", Problem(e.item, e.reason))
        for f in ingest._files(path):
            suffix = _suffix(f)
            if suffix is None:
                if path.is_dir():
                    continue  # folders may hold other files; only named files must be readable
                suffix = ".txt"  # a named file with an odd suffix: try it as text
            if suffix in RECORD_FILES:
                yield from _records(f, suffix, config, folder)
            else:
                yield Unit("file", f, suffix, folder, f)


def _suffix(path: Path) -> str | None:
    from ..ingest import READERS

    name = path.name.lower()
    return next((s for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), None)


def _records(f: Path, suffix: str, config: Config, folder: Path | None) -> Iterator[Unit]:
    """A record file parsed here, each record a unit (its article step runs on a worker)."""
    from ..ingest import READERS

    raw = getattr(READERS[suffix], "__wrapped__", READERS[suffix])
    try:
        for x in raw(f, config.ingest):
            yield Unit("record" if isinstance(x, Article) else "problem", x, suffix, folder, f)
    except InputError as e:
        yield Unit("problem", Problem(e.item, e.reason))
    except OSError as e:
        yield Unit("problem", Problem(str(f), f"cannot read the file ({e.strerror or e})"))


def read_parallel(inputs: Iterable[str | Path], config: Config, engine=None, per_task: int = UNITS_PER_TASK) -> Iterator[Item]:
    """What ``read_inputs(inputs, config)`` yields, in its order, read by ``engine``."""
    from ..ingest import read_inputs

    if engine is None or getattr(engine, "workers", 1) <= 1 and engine.name == "local":
        yield from read_inputs(inputs, config)  # one process: no units to ship
        return
    for item, _ in drive(inputs, config, engine, ReadUnits(config), per_task):
        yield item


def drive(inputs: Iterable[str | Path], config: Config, engine, stage, per_task: int,
          batcher=None) -> Iterator[tuple[Item, Any]]:
    """The driver's side of a reading stage: units out in batches, (item, extra) back in input
    order, ids made unique and the folder's table applied as ``read_inputs`` does. ``stage``
    returns per unit its items, or (items, extras) with one extra per item (None where it has
    none). An extra is dropped (None) when the table changed its article."""
    from ..ingest import sources_csv
    # only here: a one-shot brief never places articles
    from ..stories.cluster import batches
    sent: deque[list[Unit]] = deque()

    def remember(batch: list[Unit]) -> list[Unit]:
        sent.append(batch)
        return batch

    def failed(batch: list[Unit], e: BaseException) -> list[list[Item]]:
        return [[Problem(_name(u), f"could not be read ({type(e).__name__}: {e})")] for u in batch]

    seen: set[str] = set()
    tables: dict[Path, dict] = {}
    jobs = (remember(b) for b in (batcher or batches)(units(inputs, config), per_task))
    for results in engine.map(stage, jobs, on_error=failed):
        for unit, got in zip(sent.popleft(), results):
            items, extras = got if isinstance(got, tuple) else (got, [None] * len(got))
            for art, extra in zip(items, extras):
                if isinstance(art, Article):
                    if art.id in seen:
                        art.id = _unique_id(art.id, seen)
                    seen.add(art.id)
                    if unit.folder is not None:
                        table = tables.get(unit.folder)
                        if table is None:
                            table = tables[unit.folder] = _table(unit.folder)
                        if table:
                            art = sources_csv.apply(art, unit.file or Path(), unit.folder, table)
                            extra = None  # outlet, date, title may have changed: computed again
                yield art, extra


def _table(folder: Path) -> dict:
    from ..ingest import sources_csv

    try:
        return sources_csv.load(folder)
    except InputError:
        return {}  # reported once by units()


def _unique_id(base: str, seen: set[str]) -> str:
    from ..ingest import _unique_id as unique

    return unique(base, seen)


# -- briefs ------------------------------------------------------------------------------------
_PIPELINES: dict[Config, Any] = {}  # per worker process: models load once


@dataclass(frozen=True, slots=True)
class BriefStage:
    """One story's articles -> its Brief, with the pipeline this worker process keeps."""

    config: Config

    def __call__(self, articles: list[Article]):
        pipeline = _PIPELINES.get(self.config)
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = _PIPELINES[self.config] = Pipeline(self.config)
        return pipeline.brief(articles)
