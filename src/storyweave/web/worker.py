"""Off-request work: cluster new articles into stories and rebuild the touched briefs.

POST returns as soon as the articles are stored; this worker does the slow part.
There is exactly one worker thread per server, and it is the server's only writer of story
assignments and briefs, so a brief is always built from the full, settled article set
of its story (no two builds of one story race, no brief mixes two versions of a story).
A ``storyweave ingest`` on the same store may assign articles meanwhile: the assignment
commit is version-checked (stories.assign), so neither loses the other's stories.
A crash between steps loses nothing: on start the worker re-queues articles without a
story and stories whose brief is missing or covers fewer articles than the story holds.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ..store.base import Store
from .service import Service

log = logging.getLogger("storyweave.web")

_STOP = object()


@dataclass(slots=True)
class WorkerStatus:
    processed_articles: int = 0
    briefs_built: int = 0
    last_error: str | None = None
    last_error_at: float | None = None
    busy: bool = False
    recovering: bool = False
    failed_stories: dict[str, str] = field(default_factory=dict)


class BriefWorker:
    def __init__(self, store: Store, service: Service, batch: int = 256):
        self.store = store
        self.service = service
        self.batch = batch
        self.status = WorkerStatus()
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pending = 0

    # -- producer side (request handlers, feed poller) ------------------------------------
    def submit(self, article_ids: list[str]) -> None:
        if not article_ids:
            return
        with self._lock:
            self._pending += len(article_ids)
        self._queue.put(list(article_ids))

    @property
    def pending(self) -> int:
        with self._lock:
            return self._pending

    @property
    def idle(self) -> bool:
        return self.pending == 0 and not self.status.busy and not self.status.recovering

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, recover: bool = True) -> None:
        if self._thread is not None:
            return
        self.status.recovering = recover
        self._thread = threading.Thread(target=self._run, args=(recover,), name="storyweave-briefs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- consumer side ------------------------------------------------------------------------
    def _run(self, recover: bool) -> None:
        stale: set[str] = set()
        if recover:
            try:
                stale = self._recover()
            except Exception as e:  # keep serving; the error is visible in /api/status
                self._fail("recovery", e)
            finally:
                self.status.recovering = False
        if stale:
            self._rebuild(stale)
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            ids, stop = list(first), False
            # Drain what else is waiting: one clustering call and one brief per story for the
            # whole burst, instead of one per POST.
            while len(ids) < self.batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop = True
                    break
                ids.extend(more)
            self.status.busy = True
            try:
                self._process(ids)
            finally:
                self.status.busy = False
                with self._lock:
                    self._pending -= len(ids)
            if stop:
                return

    def _process(self, ids: list[str]) -> None:
        try:
            articles = [a for a in (self.store.get_article(i) for i in dict.fromkeys(ids)) if a is not None]
            new = [a for a in articles if self.store.story_of(a.id) is None]
            if not new:
                return
            assignments = self.service.assign(self.store, new)  # committed with the index state
            self.status.processed_articles += len(new)
        except Exception as e:
            self._fail(f"clustering {len(ids)} article(s)", e)
            return
        self._rebuild(set(assignments.values()))

    def _rebuild(self, story_ids: set[str]) -> None:
        for sid in sorted(story_ids):
            try:
                articles = list(self.store.iter_articles(sid))
                if not articles:
                    continue
                brief = self.service.brief(articles)
                self.store.save_brief(sid, brief)
                self.status.briefs_built += 1
                self.status.failed_stories.pop(sid, None)
            except Exception as e:
                self.status.failed_stories[sid] = reason_of(e)
                self._fail(f"story {sid}", e)

    def _recover(self) -> set[str]:
        """Queue what a previous run acknowledged but did not finish."""
        orphans = [a.id for a in self.store.iter_articles() if self.store.story_of(a.id) is None]
        if orphans:
            log.info("re-queueing %d article(s) without a story", len(orphans))
            self.submit(orphans)
        stale: set[str] = set()
        offset, page = 0, 500
        while True:
            rows = self.store.list_stories(limit=page, offset=offset)
            for row in rows:
                brief = self.store.get_brief(row.id)
                if brief is None or len(brief.get("articles", [])) < row.size:
                    stale.add(row.id)
            if len(rows) < page:
                break
            offset += page
        if stale:
            log.info("rebuilding %d stale brief(s)", len(stale))
        return stale

    def _fail(self, what: str, e: Exception) -> None:
        log.exception("brief worker: %s failed", what)
        self.status.last_error = f"{what}: {reason_of(e)}"
        self.status.last_error_at = time.time()


def reason_of(e: Exception) -> str:
    # The class and message, never a traceback or a path dump: this string is shown over HTTP.
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg[:300]}" if msg else type(e).__name__
