"""Feed polling: every registered RSS/Atom feed is read on its own interval.

One asyncio task ticks; the fetching and storing run in a thread so the event loop keeps
serving pages. Each poll records its outcome on the feed ("ok: 3 new, 9 already stored",
"error: ...") so users see the last-fetch status through the API.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging

from ..store.base import FeedRow, Store
from .service import Service, split_items
from .ingest import store_articles
from .worker import BriefWorker, reason_of

log = logging.getLogger("storyweave.web")


def due(feed: FeedRow, now: dt.datetime) -> bool:
    if feed.last_fetch is None:
        return True
    last = feed.last_fetch if feed.last_fetch.tzinfo else feed.last_fetch.replace(tzinfo=dt.timezone.utc)
    return now - last >= dt.timedelta(minutes=feed.interval_minutes)


def poll_feed(feed: FeedRow, store: Store, service: Service, worker: BriefWorker) -> str:
    """Read one feed, store its new entries, record and return the status line."""
    try:
        articles, problems = split_items(service.read_feed([feed.url]))
        if not articles and problems:
            raise RuntimeError(problems[0].reason)
        report = store_articles(store, service, worker, articles)
        status = f"ok: {report.created} new, {report.duplicates} already stored"
        if problems:
            status += f", {len(problems)} entr{'y' if len(problems) == 1 else 'ies'} unreadable"
        store.update_feed(feed.id, status, None)
        return status
    except Exception as e:
        reason = reason_of(e)
        log.warning("feed %s: %s", feed.url, reason)
        store.update_feed(feed.id, f"error: {reason}", reason)
        return f"error: {reason}"


class FeedPoller:
    def __init__(self, store: Store, service: Service, worker: BriefWorker, tick_seconds: float = 30.0):
        self.store, self.service, self.worker = store, service, worker
        self.tick = tick_seconds
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="storyweave-feeds")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def poll_due(self) -> int:
        now = dt.datetime.now(dt.timezone.utc)
        feeds = await asyncio.to_thread(self.store.list_feeds)
        n = 0
        for feed in feeds:
            if due(feed, now):
                await asyncio.to_thread(poll_feed, feed, self.store, self.service, self.worker)
                n += 1
        return n

    async def _loop(self) -> None:
        while True:
            try:
                await self.poll_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # a broken store call must not end polling for good
                log.exception("feed poller tick failed")
            await asyncio.sleep(self.tick)
