"""Off-request work: place new articles in stories and rebuild the touched briefs.

POST returns as soon as the articles are stored (and asked to be placed, store/work.py);
a worker does the slow part. Work is claimed through the database, so any number of
workers share one store: a thread in each ``storyweave serve`` and/or separate
``storyweave worker`` processes. Each article is placed by one of them and each brief
rebuilt once per change:

- ``place`` items are claimed in batches; the assignment commit is version-checked
  (stories.assign), so workers placing at once (or a ``storyweave ingest`` on the same
  store) never lose each other's stories. The same transaction that ends the claim asks
  for the briefs of the stories the articles joined.
- ``brief`` items are claimed one at a time: a story is built from its full article set
  by one worker, and a change arriving while it builds makes it due once more.
- A claim is leased and renewed while the worker is alive; a worker killed mid-item stops
  renewing and the item is claimed again when the lease runs out. On start a worker also
  asks for what no claim covers: articles without a story, stories whose brief is missing
  or covers fewer articles than the story holds; and once a lease, for articles stored over
  a lease ago that have neither a story nor a work item (their writer died between storing
  and asking).

SQLite (the embedded default) runs one worker, the server's own thread.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, field

from ..config import ServerConfig
from ..store.base import Store
from ..store.work import BRIEF, PLACE, Claim, WorkQueue
from .service import Service

log = logging.getLogger("storyweave.web")
work_log = logging.getLogger("storyweave.work")  # one line per item done (``--log-work``)


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
    def __init__(self, store: Store, service: Service, batch: int | None = None, config: ServerConfig | None = None,
                 owner: str | None = None):
        config = config or ServerConfig()
        self.store = store
        self.service = service
        self.batch = batch or config.work_batch
        self.poll_seconds = config.poll_seconds
        self.queue = WorkQueue(store, owner, config.lease_seconds, config.max_attempts)
        self.status = WorkerStatus()
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._held: dict[str, list[str]] = {}  # kind -> keys this worker is working on
        self._held_lock = threading.Lock()

    # -- producer side (request handlers, feed poller) ------------------------------------
    def submit(self, article_ids: list[str]) -> None:
        """Ask (through the store) for the articles to be placed; any worker may take them."""
        if article_ids:
            self.queue.add(PLACE, article_ids, again=False)
            self._wake.set()

    @property
    def pending(self) -> int:
        """Items waiting or being worked on, by any worker on this store."""
        return self.queue.pending()

    @property
    def idle(self) -> bool:
        return not self.status.busy and not self.status.recovering and self.pending == 0

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self, recover: bool = True) -> None:
        if self._thread is not None:
            return
        self.status.recovering = recover
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, args=(recover,), name="storyweave-briefs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
        self._thread = None

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- consumer side ------------------------------------------------------------------------
    def run(self, recover: bool = True, until_idle: bool = False) -> None:
        """The worker loop (a thread of the server, or the foreground of ``storyweave worker``)."""
        beat = threading.Thread(target=self._heartbeat, name="storyweave-lease", daemon=True)
        beat.start()
        try:
            if recover:
                try:
                    self._recover()
                except Exception as e:  # keep serving; the error is visible in /api/status
                    self._fail("recovery", e)
                finally:
                    self.status.recovering = False
            swept = time.monotonic()
            while not self._stop.is_set():
                if time.monotonic() - swept >= self.queue.lease:
                    swept = time.monotonic()
                    self._sweep()
                try:
                    worked = self.step()
                except Exception as e:  # the database went away: say so, wait, try again
                    self._fail("claiming work", e)
                    worked = False
                if worked:
                    continue
                if until_idle and self.queue.pending() == 0:
                    return
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
        finally:
            self._stop.set()
            beat.join(5)
            self._release_all()

    def step(self) -> bool:
        """Claim and do one batch of placements, else one brief. False: nothing was due."""
        claims = self.queue.claim(PLACE, self.batch)
        if claims:
            self._held_run(PLACE, claims, self._place)
            return True
        claims = self.queue.claim(BRIEF, 1)
        if claims:
            self._held_run(BRIEF, claims, self._build)
            return True
        return False

    def _held_run(self, kind: str, claims: list[Claim], do) -> None:
        keys = [c.key for c in claims]
        with self._held_lock:
            self._held[kind] = keys
        self.status.busy = True
        try:
            do(claims)
        finally:
            self.status.busy = False
            with self._held_lock:
                self._held.pop(kind, None)

    def _place(self, claims: list[Claim]) -> None:
        ids = [c.key for c in claims]
        try:
            articles = [a for a in (self.store.get_article(i) for i in ids) if a is not None]
            new = [a for a in articles if self.store.story_of(a.id) is None]
            assignments = self.service.assign(self.store, new) if new else {}  # committed with the index state
        except Exception as e:
            self._fail(f"clustering {len(ids)} article(s)", e)
            self.queue.failed(PLACE, ids, reason_of(e))
            return
        # A batch claimed again after a worker died may hold articles that worker placed
        # before dying: their stories' briefs may be missing them, so ask for those too.
        fresh = {a.id for a in new}
        placed_before = {self.store.story_of(a.id) for a in articles if a.id not in fresh}
        touched = set(assignments.values()) | {s for s in placed_before if s}
        self.queue.done(PLACE, ids, then={BRIEF: sorted(touched)})
        self.status.processed_articles += len(new)
        work_log.info("placed %d article(s) in %d story(ies)", len(new), len(set(assignments.values())))

    def _build(self, claims: list[Claim]) -> None:
        sid = claims[0].key
        try:
            articles = list(self.store.iter_articles(sid))
            if articles and _covers(self.store.get_brief(sid), articles):
                # Asked for again by a placement whose articles the last build already read
                # (it committed between that build's claim and its read): nothing changed.
                articles = []
            if articles:
                brief = self.service.brief(articles)
                self.store.save_brief(sid, brief)
        except Exception as e:
            self.status.failed_stories[sid] = reason_of(e)
            self._fail(f"story {sid}", e)
            self.queue.failed(BRIEF, [sid], reason_of(e))
            return
        self.queue.done(BRIEF, [sid])
        if articles:
            self.status.briefs_built += 1
            self.status.failed_stories.pop(sid, None)
            work_log.info("brief %s built from %d article(s) %s", sid, len(articles), article_set_digest(articles))

    def _heartbeat(self) -> None:
        """Renew the leases of the items in hand, a few times per lease."""
        every = max(0.05, self.queue.lease / 3)
        while not self._stop.wait(every):
            with self._held_lock:
                held = {k: list(v) for k, v in self._held.items()}
            for kind, keys in held.items():
                try:
                    self.queue.renew(kind, keys)
                except Exception as e:  # the next beat tries again; the lease is longer than a beat
                    log.warning("could not renew the lease on %d %s item(s): %s", len(keys), kind, reason_of(e))

    def _release_all(self) -> None:
        with self._held_lock:
            held, self._held = self._held, {}
        for kind, keys in held.items():
            try:
                self.queue.release(kind, keys)
            except Exception as e:  # the lease runs out instead
                log.warning("could not release %d %s item(s): %s", len(keys), kind, reason_of(e))

    def _sweep(self) -> None:
        """Articles stored over a lease ago with neither a story nor a work item: a process
        died between storing them and asking for them to be placed. Placed now, without
        waiting for a worker to start."""
        try:
            freed = self.queue.release_dead()
            if freed:
                log.warning("freed %d item(s) claimed by processes of this machine that no longer run", freed)
            lost = self.queue.unplaced(older_than=self.queue.lease)
        except Exception as e:  # the next sweep tries again
            log.warning("could not look for unplaced articles: %s", reason_of(e))
            return
        if lost:
            log.warning("asking for %d stored article(s) nobody asked to place", len(lost))
            self.submit(lost)

    def _recover(self) -> None:
        """Ask for what a previous run acknowledged but no claim covers; free the claims of
        this machine's processes that died (a server restarted after kill -9 resumes now)."""
        self.queue.release_dead()
        orphans = self.queue.unplaced()
        if orphans:
            log.info("asking for %d article(s) without a story to be placed", len(orphans))
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
            log.info("asking for %d stale brief(s) to be rebuilt", len(stale))
            self.queue.add(BRIEF, sorted(stale), again=False)  # an item already asked for covers it

    def _fail(self, what: str, e: Exception) -> None:
        log.exception("brief worker: %s failed", what)
        self.status.last_error = f"{what}: {reason_of(e)}"
        self.status.last_error_at = time.time()


def _covers(brief: dict | None, articles) -> bool:
    """The stored brief was built from exactly these articles (stored articles never change)."""
    return brief is not None and {a.get("id") for a in brief.get("articles") or []} == {a.id for a in articles}


def article_set_digest(articles) -> str:
    """Names the article set a brief was built from: two builds with one digest are one change built twice."""
    return hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()[:12]


def reason_of(e: Exception) -> str:
    # The class and message, never a traceback or a path dump: this string is shown over HTTP.
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg[:300]}" if msg else type(e).__name__
