"""Background work claimed through the database: several server and worker processes on one
store share it, and none does an item another is doing.

An item is ``(kind, key)``: ``place`` an article (key: its id) in a story, or rebuild the
``brief`` of a story (key: its id). One row per item, so two processes can never hold the
same item at once:

- ``add`` asks for an item; asking again while it waits or runs bumps its ``gen``. A brief
  asked for ten times while it waits is built once; asked for while being built, it is
  built once more afterwards (it changed), never twice for the same change.
- ``claim`` takes due items with a lease: ``SELECT ... FOR UPDATE SKIP LOCKED`` on
  PostgreSQL (claimers skip each other's rows instead of queueing on them); on SQLite the
  write transaction (BEGIN IMMEDIATE) already serialises claimers.
- The holder renews its lease while it works (``renew``); a holder killed mid-item stops
  renewing, the lease runs out and the next claimer takes the item again; a claimer on the
  same machine that sees the holder's process gone frees it at once (``release_dead``).
- ``done`` ends a claim (and may ask for follow-up work in the same transaction: placing
  articles asks for the briefs of the stories they joined); ``failed`` makes the item due
  again after a pause, and after ``max_attempts`` failures in a row leaves it with its error.

Leases are wall-clock epoch seconds written by the claimers, so the machines sharing a
database need synchronised clocks (NTP), far tighter than a lease (minutes).
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import and_, case, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from .rows import utc_now
from .schema import articles, work

PLACE, BRIEF = "place", "brief"
_ROWS_PER_INSERT = 500  # rows per multi-row INSERT (SQLite's bound-variable limit)


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str
    key: str
    gen: int
    attempts: int  # including this one


def default_owner() -> str:
    """``host:pid:nonce@machine``: ``machine`` tells this boot and PID namespace apart, so that
    only a claimer on the same machine judges whether the pid still runs."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}@{_machine()}"


def _machine() -> str:
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
        return f"{boot}-{os.stat('/proc/self/ns/pid').st_ino}"
    except OSError:  # not Linux: never judged, the lease decides
        return "unknown"


def _dead(owner: str) -> bool:
    """The owner ran on this machine and its process is gone (killed: no lease renewal comes)."""
    head, _, machine = owner.rpartition("@")
    parts = head.split(":")
    if machine != _machine() or machine == "unknown" or len(parts) < 3 or parts[0] != socket.gethostname():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except (ValueError, PermissionError, OSError):
        return False
    return False


class WorkQueue:
    """The ``work`` table of one SQL store, seen by one claimer (``owner``)."""

    def __init__(self, store, owner: str | None = None, lease_seconds: float = 120.0, max_attempts: int = 3,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.owner = owner or default_owner()
        self.lease = float(lease_seconds)
        self.max_attempts = max_attempts
        self.clock = clock
        self._pg = store.dialect == "postgresql"

    # -- asking for work ------------------------------------------------------------------------
    def add(self, kind: str, keys: Iterable[str], again: bool = True) -> None:
        """``again=False``: only items not already asked for (placing an article is needed once)."""
        keys = list(dict.fromkeys(keys))
        if keys:
            with self.store._write() as conn:
                self._add(conn, kind, keys, again)

    def _add(self, conn: Connection, kind: str, keys: list[str], again: bool) -> None:
        if self._pg:
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        now = self.clock()
        for i in range(0, len(keys), _ROWS_PER_INSERT):
            rows = [{"kind": kind, "key": k, "gen": 1, "done_gen": 0, "attempts": 0, "enqueued": now}
                    for k in keys[i:i + _ROWS_PER_INSERT]]
            stmt = insert(work).values(rows)
            if again:
                stmt = stmt.on_conflict_do_update(index_elements=[work.c.kind, work.c.key],
                                                  set_={"gen": work.c.gen + 1})
            else:
                stmt = stmt.on_conflict_do_nothing(index_elements=[work.c.kind, work.c.key])
            conn.execute(stmt)

    # -- claiming -------------------------------------------------------------------------------
    def _due(self, kind: str, now: float):
        return and_(work.c.kind == kind, work.c.gen > work.c.done_gen,
                    or_(work.c.lease_until.is_(None), work.c.lease_until < now))

    def claim(self, kind: str, limit: int = 1) -> list[Claim]:
        now = self.clock()
        with self.store._read() as conn:  # idle pollers look first, without taking a write lock
            if not conn.execute(select(work.c.key).where(self._due(kind, now)).limit(1)).first():
                return []
        with self.store._write() as conn:
            q = select(work.c.key).where(self._due(kind, now)).order_by(work.c.enqueued, work.c.key).limit(limit)
            if self._pg:
                q = q.with_for_update(skip_locked=True)
            keys = list(conn.execute(q).scalars())
            if not keys:
                return []
            conn.execute(update(work).where(work.c.kind == kind, work.c.key.in_(keys)).values(
                owner=self.owner, lease_until=now + self.lease, claimed_gen=work.c.gen, attempts=work.c.attempts + 1))
            rows = conn.execute(select(work.c.key, work.c.claimed_gen, work.c.attempts)
                                .where(work.c.kind == kind, work.c.key.in_(keys))).all()
        order = {k: i for i, k in enumerate(keys)}
        return sorted((Claim(kind, r.key, int(r.claimed_gen), int(r.attempts)) for r in rows), key=lambda c: order[c.key])

    def renew(self, kind: str, keys: Iterable[str]) -> int:
        """Extend this owner's leases; returns how many it still held."""
        keys = list(keys)
        if not keys:
            return 0
        with self.store._write() as conn:
            return conn.execute(update(work).where(self._mine(kind, keys)).values(
                lease_until=self.clock() + self.lease)).rowcount

    def release_dead(self) -> int:
        """Free at once the claims of processes of this machine that no longer run, instead
        of after their lease (a server killed and restarted resumes its work now)."""
        with self.store._read() as conn:
            owners = list(conn.execute(select(work.c.owner).where(work.c.owner.is_not(None)).distinct()).scalars())
        dead = [o for o in owners if o != self.owner and _dead(o)]
        if not dead:
            return 0
        with self.store._write() as conn:
            return conn.execute(update(work).where(work.c.owner.in_(dead)).values(owner=None, lease_until=None)).rowcount

    def _mine(self, kind: str, keys: list[str]):
        return and_(work.c.kind == kind, work.c.key.in_(keys), work.c.owner == self.owner)

    # -- ending a claim -------------------------------------------------------------------------
    def done(self, kind: str, keys: Iterable[str], then: dict[str, Iterable[str]] | None = None) -> set[str]:
        """End this owner's claims on ``keys`` and ask for ``then`` ({kind: keys}) in the same
        transaction. Returns the keys that were still this owner's (a lost lease is not ours)."""
        keys = list(keys)
        with self.store._write() as conn:
            mine = self._locked(conn, kind, keys)
            settled = [k for k, (gen, claimed) in mine.items() if gen == claimed]
            if settled:  # nobody asked again meanwhile: the item is finished
                conn.execute(delete(work).where(self._mine(kind, settled)))
            again = [k for k in mine if k not in settled]
            if again:  # asked for again while this claim ran: due again for the newer gen
                conn.execute(update(work).where(self._mine(kind, again)).values(
                    owner=None, lease_until=None, done_gen=work.c.claimed_gen, attempts=0, last_error=None))
            for other, more in (then or {}).items():
                more = list(dict.fromkeys(more))
                if more:
                    self._add(conn, other, more, again=True)
        return set(mine)

    def failed(self, kind: str, keys: Iterable[str], reason: str, retry_after: float = 5.0) -> None:
        """Due again after a pause growing with each failure; given up after ``max_attempts``."""
        keys = list(keys)
        now = self.clock()
        with self.store._write() as conn:
            mine = self._locked(conn, kind, keys)
            if not mine:
                return
            attempts = dict(conn.execute(select(work.c.key, work.c.attempts).where(self._mine(kind, list(mine)))).all())
            give_up = [k for k in mine if attempts[k] >= self.max_attempts]
            retry = [k for k in mine if k not in give_up]
            if give_up:
                conn.execute(update(work).where(self._mine(kind, give_up)).values(
                    owner=None, lease_until=None, done_gen=work.c.claimed_gen, last_error=reason[:2000]))
            for k in retry:
                conn.execute(update(work).where(self._mine(kind, [k])).values(
                    owner=None, lease_until=now + retry_after * attempts[k], last_error=reason[:2000]))

    def release(self, kind: str, keys: Iterable[str]) -> None:
        """Give claims back untried (a clean shutdown): due at once for another claimer."""
        keys = list(keys)
        if keys:
            with self.store._write() as conn:
                conn.execute(update(work).where(self._mine(kind, keys)).values(
                    owner=None, lease_until=None,
                    attempts=case((work.c.attempts > 0, work.c.attempts - 1), else_=0)))

    def _locked(self, conn: Connection, kind: str, keys: list[str]) -> dict[str, tuple[int, int]]:
        if not keys:
            return {}
        q = select(work.c.key, work.c.gen, work.c.claimed_gen).where(self._mine(kind, keys))
        if self._pg:
            q = q.with_for_update()
        return {r.key: (int(r.gen), int(r.claimed_gen)) for r in conn.execute(q)}

    # -- looking ----------------------------------------------------------------------------------
    def pending(self, kind: str | None = None) -> int:
        """Items asked for and not finished (waiting or being worked on), by anyone."""
        q = select(func.count()).select_from(work).where(work.c.gen > work.c.done_gen)
        if kind:
            q = q.where(work.c.kind == kind)
        with self.store._read() as conn:
            return int(conn.execute(q).scalar_one())

    def failures(self, kind: str, limit: int = 20) -> dict[str, str]:
        """Items given up after ``max_attempts`` failures, with the last error."""
        q = (select(work.c.key, work.c.last_error)
             .where(work.c.kind == kind, work.c.gen == work.c.done_gen, work.c.last_error.is_not(None))
             .order_by(work.c.key).limit(limit))
        with self.store._read() as conn:
            return {r.key: r.last_error for r in conn.execute(q)}

    def unplaced(self, older_than: float | None = None) -> list[str]:
        """Stored articles without a story that nobody has been asked to place; with
        ``older_than``, only those stored at least that many seconds ago (younger ones may be
        between a writer's two transactions, or a ``storyweave ingest`` chunk being placed)."""
        asked = select(work.c.key).where(work.c.kind == PLACE, work.c.key == articles.c.id).exists()
        q = select(articles.c.id).where(articles.c.story_id.is_(None), ~asked).order_by(articles.c.id)
        if older_than is not None:
            q = q.where(articles.c.added <= utc_now() - dt.timedelta(seconds=older_than))
        with self.store._read() as conn:
            return list(conn.execute(q).scalars())
