"""The analysis the server drives, behind one small facade.

The web layer never imports analysis code directly: it calls a :class:`Service`, whose
parts are plain callables. ``Service.default(config)`` wires the real ones (readers, the
story assigner, the brief pipeline) lazily, so the server starts fast and a missing
part fails with a message naming it; tests and benchmarks can swap one part alone
(each step a constructor argument).
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..config import Config
from ..errors import InputError, StoryweaveError
from ..model import Article, Problem
from ..store.base import Store

Item = Article | Problem
Cleaner = Callable[[list[Article]], list[Article]]
# assigns the articles to stories *and stores the assignment*; returns article id -> story id
Assigner = Callable[[Store, list[Article]], dict[str, str]]
BriefBuilder = Callable[[list[Article]], dict[str, Any]]
Fetcher = Callable[[list[str]], Iterator[Item]]
HtmlReader = Callable[[bytes, str], Iterator[Item]]


log = logging.getLogger("storyweave.web")


class Unavailable(StoryweaveError):
    """A part of the analysis this server needs is not installed or not built."""


@dataclass(slots=True)
class Service:
    clean: Cleaner
    assign: Assigner
    brief: BriefBuilder
    fetch_urls: Fetcher  # article URLs -> Articles (SSRF-safe fetching lives in ingest.url)
    read_feed: Fetcher  # feed URLs -> Articles of the entries
    read_html: HtmlReader  # raw page bytes + a name -> Articles
    close: Callable[[], None] = lambda: None

    @classmethod
    def default(cls, config: Config, brief_process: bool = True) -> "Service":
        """``brief_process``: build briefs in a child process. The pipeline is CPU-bound
        Python; in the server's own process it would hold the GIL and stall every request."""
        lazy = _Lazy(config)
        brief = lazy.brief
        close = lambda: None  # noqa: E731
        if brief_process:
            remote = _BriefProcess(config)
            brief, close = remote.brief, remote.close
        return cls(
            clean=lazy.clean,
            assign=lazy.assign,
            brief=brief,
            close=close,
            fetch_urls=lazy.fetch_urls,
            read_feed=lazy.read_feed,
            read_html=lambda data, name: read_with_reader(data, name, ".html", config),
        )


class _Lazy:
    """Loads each real part on first use (models load once per process, not per request)."""

    def __init__(self, config: Config):
        self.config = config
        self._pipeline: Any = None
        self._assigner: Any = None

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from ..pipeline import Pipeline  # imported when first needed: the server starts fast

            self._pipeline = Pipeline(self.config)
        return self._pipeline

    def clean(self, articles: list[Article]) -> list[Article]:
        # Articles are stored prepared (bounded, cleaned with [clean]'s settings, language
        # detected) so the article page and every later brief read the same text. What a
        # reader gave (uploads, URLs) is prepared already and passes unchanged; records posted
        # as JSON or text come from no reader and get the article step here, and a feed
        # entry (read with the ingest section alone) is cleaned again only if [clean] differs
        # from the defaults. One article the step fails on is kept raw: the brief cleans it.
        from ..ingest.article import ArticleStep

        step = ArticleStep.of(self.config)
        out = []
        for a in articles:
            got = step(a)
            if isinstance(got, Problem):
                log.warning("%s: could not prepare (%s); storing it raw", a.id, got.reason)
                got = a
            out.append(got)
        return out

    def brief(self, articles: list[Article]) -> dict[str, Any]:
        from ..render.json import brief_to_dict

        return brief_to_dict(self.pipeline.brief(articles))

    def assign(self, store: Store, articles: list[Article]) -> dict[str, str]:
        """Story assignment by the task ``storyweave ingest`` runs too (stories.assign): the
        index stays in memory and is reloaded when another writer (a CLI run on the same
        store) has committed since. Only the single brief worker calls this."""
        if self._assigner is None:
            from ..stories.assign import StoryAssigner
            from ..stories.features import Featurizer

            self._assigner = StoryAssigner(self.config.stories, Featurizer.for_config(self.config.stories))
        placed = self._assigner.assign(store, articles)
        for p in placed.problems:
            log.info("clustering: %s", p)
        return placed.assignments

    def fetch_urls(self, urls: list[str]) -> Iterator[Item]:
        from ..ingest import read_inputs  # ingest/register.py installs the http(s) handlers

        yield from read_inputs(urls, self.config)

    def read_feed(self, urls: list[str]) -> Iterator[Item]:
        from ..ingest.feeds import read_feed_urls

        # the ingest section only (fetch limits); Service.clean applies [clean] before storing
        yield from read_feed_urls(urls, self.config.ingest)


class _BriefProcess:
    """One child process that holds the pipeline (its models load once, there)."""

    def __init__(self, config: Config):
        self.config = config
        self._pool: Any = None

    def brief(self, articles: list[Article]) -> dict[str, Any]:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn: the server has threads (a fork would copy their locks mid-use)
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_exit_with_parent, initargs=(os.getpid(),))
        return self._pool.submit(_child_brief, self.config, articles).result()

    def close(self) -> None:
        if self._pool is None:
            return
        # stop the child now: a brief being built is redone after a restart (the worker
        # re-queues stale stories), and a lingering child would hold the server's stdio open
        children = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for child in children:
            child.terminate()
            child.join(5)
        self._pool = None


def _exit_with_parent(parent: int) -> None:
    """The child ends when the server does, however the server ended (even kill -9)."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="storyweave-parent-watch", daemon=True).start()


_CHILD: "_Lazy | None" = None


def _child_brief(config: Config, articles: list[Article]) -> dict[str, Any]:
    global _CHILD
    if _CHILD is None or _CHILD.config != config:
        _CHILD = _Lazy(config)
    return _CHILD.brief(articles)


def read_with_reader(data: bytes, name: str, suffix: str, config: Config) -> Iterator[Item]:
    """Run the registered reader for ``suffix`` on bytes received over HTTP.

    Readers take paths (they stream big files); a request body is small (size-limited), so
    a private temporary file is the narrowest bridge and keeps one code path for files and
    uploads.
    """
    from ..ingest import READERS

    reader = READERS.get(suffix)
    if reader is None:
        raise Unavailable(f"no reader for '{suffix}' input is installed in this build")
    with tempfile.TemporaryDirectory(prefix="storyweave-upload-") as tmp:
        path = Path(tmp) / f"{_safe_stem(name)}{suffix}"
        path.write_bytes(data)
        try:
            # the whole Config: the article step cleans with its [clean] section
            for item in reader(path, config):
                if isinstance(item, Problem):
                    yield Problem(name, item.reason)
                    continue
                item.source = name
                yield item
        except InputError as e:
            yield Problem(name, e.reason)


def _safe_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80].strip("._")
    return stem or "upload"


def content_id(*parts: str | None) -> str:
    """A stable id for an article sent without one: same content, same id."""
    h = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8", "surrogatepass"))
    return "a" + h.hexdigest()[:15]


def split_items(items: Iterable[Item]) -> tuple[list[Article], list[Problem]]:
    arts: list[Article] = []
    probs: list[Problem] = []
    for x in items:
        (arts if isinstance(x, Article) else probs).append(x)
    return arts, probs
