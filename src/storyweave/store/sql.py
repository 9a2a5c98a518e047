"""The Store on SQLAlchemy 2.x: SQLite (default; WAL mode) and PostgreSQL (psycopg 3).

- Idempotent adds: an article whose content hash or URL is already stored is not stored
  again (``AddResult.created`` is False and says which); an article whose *id* is taken by
  different content is stored under a fresh id (``id~2``), so nothing is lost.
- Every public write is one transaction: readers never see half a batch.
- State rows carry a version: ``commit_stories`` writes story assignments and the index
  state together, and only if no other writer committed since this one read the state.
- The schema is created and upgraded by Alembic revisions (``migrations/``) when the store
  opens, under a lock on PostgreSQL so that two processes opening at once do not race.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import Engine, and_, bindparam, create_engine, delete, event, exists, func, insert, or_, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError

from ..errors import StoryweaveError
from ..log import logger
from ..model import Article
from .base import AddResult, FeedRow, SearchHit, StateMoved, Store, StoredState, StoryRow
from .rows import brief_entities, brief_title, to_article, to_feed, to_story, utc_now
from .schema import articles, briefs, feeds, state, stories, story_entities
from .adding import add_batch
from .moves import moved_to, record_moves
from .refresh import refresh_stories
from .search import search as search_text
from .search import write_names

MIGRATIONS = Path(__file__).parent / "migrations"
_PG_MIGRATION_LOCK = 0x5709_3A4E  # any constant shared by all storyweave processes


def database_url(url_or_path: str | Path) -> str:
    """A plain path means a SQLite file; ``postgresql://`` URLs use psycopg 3."""
    s = str(url_or_path)
    if "://" not in s:
        return f"sqlite:///{Path(s).expanduser()}"
    if s.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + s.split("://", 1)[1]
    return s


class SQLStore(Store):
    def __init__(self, url_or_path: str | Path, echo: bool = False) -> None:
        url = database_url(url_or_path)
        try:
            parsed = make_url(url)
        except Exception as e:  # noqa: BLE001 - sqlalchemy raises several kinds here
            raise StoryweaveError(f"cannot use database '{url_or_path}': {e}; give a file path or a postgresql:// URL") from e
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoryweaveError(f"database '{parsed.render_as_string(hide_password=True)}': only SQLite files and postgresql:// URLs are supported")
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(url, echo)
        else:
            self.engine = create_engine(url, echo=echo, pool_pre_ping=True)
        self.url = parsed.render_as_string(hide_password=True)
        try:
            self._migrate()
        except Exception as e:
            self.engine.dispose()
            if isinstance(e, StoryweaveError):
                raise
            raise StoryweaveError(f"cannot open the database {self.url}: {e}") from e

    # -- plumbing -------------------------------------------------------------------------
    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._write() as conn:
            if self.dialect == "postgresql":
                # held to the end of this transaction: concurrent openers wait, then see head
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE) so
        that two writers queue on busy_timeout instead of failing to upgrade a read lock."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():  # one snapshot for the whole read
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    # -- articles -------------------------------------------------------------------------
    def add_articles(self, items: list[Article]) -> list[AddResult]:
        for attempt in range(3):
            try:
                with self._write() as conn:
                    return add_batch(conn, items)
            except IntegrityError as e:
                # another writer stored the same article between our check and insert:
                # the whole batch rolled back; re-running sees it and reports it as existing
                logger.info("concurrent insert (%s); retrying the batch", e.orig)
                if attempt == 2:
                    raise StoryweaveError(f"could not store {len(items)} articles: {e.orig}") from e
        raise AssertionError("unreachable")

    def get_article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        return to_article(row) if row else None

    def iter_articles(self, story_id: str | None = None) -> Iterator[Article]:
        # Pages by id so that a large store streams without holding a cursor open.
        last = ""
        while True:
            q = select(articles).where(articles.c.id > last).order_by(articles.c.id).limit(500)
            if story_id is not None:
                q = q.where(articles.c.story_id == story_id)
            with self._read() as conn:
                rows = conn.execute(q).mappings().all()
            if not rows:
                return
            for row in rows:
                yield to_article(row)
            last = rows[-1]["id"]

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    # -- stories --------------------------------------------------------------------------
    def assign(self, assignments: dict[str, str]) -> None:
        if assignments:
            with self._write() as conn:
                self._assign(conn, assignments)

    def _assign(self, conn: Connection, assignments: dict[str, str]) -> None:
        if not assignments:
            return
        touched = set(assignments.values())
        known = set(conn.execute(select(stories.c.id).where(stories.c.id.in_(touched))).scalars())
        now = utc_now()
        fresh = [
            {"id": sid, "title": "", "size": 0, "outlets": [], "first_date": None, "last_date": None,
             "divergences": 0, "entities": [], "updated": now}
            for sid in sorted(touched - known)
        ]
        if fresh:
            conn.execute(insert(stories), fresh)
        previous = dict(conn.execute(
            select(articles.c.id, articles.c.story_id).where(articles.c.id.in_(list(assignments)))
        ).all())
        missing = set(assignments) - set(previous)
        if missing:
            raise StoryweaveError(f"cannot assign articles that are not stored: {', '.join(sorted(missing)[:5])}")
        conn.execute(
            update(articles).where(articles.c.id == bindparam("aid")).values(story_id=bindparam("sid")),
            [{"aid": aid, "sid": sid} for aid, sid in assignments.items()],
        )
        # a story an article left must be refreshed too
        refresh_stories(conn, sorted(touched | {s for s in previous.values() if s}), now)
        record_moves(conn, previous, assignments)

    def story_of(self, article_id: str) -> str | None:
        with self._read() as conn:
            return conn.execute(select(articles.c.story_id).where(articles.c.id == article_id)).scalar_one_or_none()

    def list_stories(self, query=None, entity=None, date_from=None, date_to=None, limit=50, offset=0) -> list[StoryRow]:
        q = select(stories).where(stories.c.size > 0)
        if query:
            like = f"%{query.lower()}%"
            in_titles = exists().where(and_(articles.c.story_id == stories.c.id, func.lower(articles.c.title).like(like)))
            in_names = exists().where(and_(story_entities.c.story_id == stories.c.id, story_entities.c.name.like(like)))
            q = q.where(or_(func.lower(stories.c.title).like(like), in_titles, in_names))
        if entity:
            q = q.where(exists().where(and_(
                story_entities.c.story_id == stories.c.id, story_entities.c.name == entity.strip().lower()
            )))
        if date_from:
            q = q.where(stories.c.last_date >= date_from)
        if date_to:
            q = q.where(stories.c.first_date <= date_to)
        # newest first; stories without dates after dated ones, then by last change
        q = q.order_by(stories.c.last_date.is_(None), stories.c.last_date.desc(), stories.c.updated.desc(), stories.c.id)
        with self._read() as conn:
            rows = conn.execute(q.limit(max(0, limit)).offset(max(0, offset))).mappings().all()
        return [to_story(r) for r in rows]

    def get_story(self, story_id: str) -> StoryRow | None:
        with self._read() as conn:
            row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
        return to_story(row) if row else None

    def moved_to(self, story_id: str) -> str | None:
        with self._read() as conn:
            return moved_to(conn, story_id)

    def search(self, query, entity=None, outlet=None, date_from=None, date_to=None, limit=20) -> list[SearchHit]:
        with self._read() as conn:
            return search_text(conn, query, entity, outlet, date_from, date_to, limit)

    def save_brief(self, story_id: str, brief: dict[str, Any]) -> None:
        with self._write() as conn:
            if not conn.execute(select(stories.c.id).where(stories.c.id == story_id)).first():
                raise StoryweaveError(f"no story '{story_id}' in the store: assign its articles first")
            now = utc_now()
            conn.execute(delete(briefs).where(briefs.c.story_id == story_id))
            conn.execute(insert(briefs).values(story_id=story_id, brief=brief, updated=now))
            names = brief_entities(brief)
            values: dict[str, Any] = {"divergences": len(brief.get("divergences") or []), "entities": names, "updated": now}
            title = brief_title(brief)
            if title:
                values["title"] = title
            conn.execute(update(stories).where(stories.c.id == story_id).values(**values))
            conn.execute(delete(story_entities).where(story_entities.c.story_id == story_id))
            keys = sorted({n.strip().lower()[:300] for n in names if n.strip()})
            if keys:
                conn.execute(insert(story_entities), [{"story_id": story_id, "name": k} for k in keys])
            write_names(conn, story_id, brief)

    def get_brief(self, story_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            return conn.execute(select(briefs.c.brief).where(briefs.c.story_id == story_id)).scalar_one_or_none()

    # -- clustering state -------------------------------------------------------------------
    def save_state(self, key: str, blob: bytes) -> int:
        for attempt in range(3):
            try:
                with self._write() as conn:
                    found = self._locked_version(conn, key)
                    version = (found or 0) + 1
                    _put_state(conn, key, blob, version, insert_row=found is None)
                return version
            except IntegrityError as e:  # PostgreSQL: another first write of this key won
                if attempt == 2:
                    raise StoryweaveError(f"could not save state '{key}': {e.orig}") from e
        raise AssertionError("unreachable")

    def commit_stories(self, assignments: dict[str, str], key: str, blob: bytes, expected_version: int) -> int:
        try:
            with self._write() as conn:
                # SQLite: BEGIN IMMEDIATE already holds the write lock; PostgreSQL: the row lock
                # makes a concurrent committer wait here, then see the version it wrote.
                found = self._locked_version(conn, key)
                if (found or 0) != expected_version:
                    raise StateMoved(key, expected_version, found or 0)
                self._assign(conn, assignments)
                _put_state(conn, key, blob, expected_version + 1, insert_row=found is None)
        except IntegrityError as e:
            if self.dialect != "postgresql":  # SQLite writers are serialised: a real error
                raise
            # two first commits (no state row to lock yet): the later one rolled back whole
            # and must start again from the other's state
            raise StateMoved(key, expected_version, None, str(e.orig).splitlines()[0]) from e
        return expected_version + 1

    def read_state(self, key: str) -> StoredState:
        with self._read() as conn:
            row = conn.execute(select(state.c.blob, state.c.version).where(state.c.key == key)).first()
        return StoredState(bytes(row.blob), int(row.version)) if row else StoredState(None, 0)

    def state_version(self, key: str) -> int:
        with self._read() as conn:
            return int(conn.execute(select(state.c.version).where(state.c.key == key)).scalar_one_or_none() or 0)

    def _locked_version(self, conn: Connection, key: str) -> int | None:
        """The row's version, None when there is no row; locked to the end of the transaction."""
        q = select(state.c.version).where(state.c.key == key)
        if self.dialect == "postgresql":
            q = q.with_for_update()
        found = conn.execute(q).scalar_one_or_none()
        return None if found is None else int(found)

    # -- feeds ------------------------------------------------------------------------------
    def add_feed(self, url: str, interval_minutes: int = 30) -> FeedRow:
        if interval_minutes < 1:
            raise StoryweaveError(f"feed {url}: the polling interval must be at least 1 minute, got {interval_minutes}")
        with self._write() as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
            if row is None:
                conn.execute(insert(feeds).values(url=url, interval_minutes=interval_minutes, last_status=""))
            else:
                conn.execute(update(feeds).where(feeds.c.url == url).values(interval_minutes=interval_minutes))
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().one()
        return to_feed(row)

    def list_feeds(self) -> list[FeedRow]:
        with self._read() as conn:
            return [to_feed(r) for r in conn.execute(select(feeds).order_by(feeds.c.id)).mappings()]

    def update_feed(self, feed_id: int, status: str, error: str | None = None) -> None:
        with self._write() as conn:
            done = conn.execute(
                update(feeds).where(feeds.c.id == feed_id).values(last_fetch=utc_now(), last_status=status, last_error=error)
            )
            if done.rowcount == 0:
                raise StoryweaveError(f"no feed with id {feed_id}")


# -- helpers ---------------------------------------------------------------------------------
def _sqlite_engine(url: str, echo: bool) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (the documented
        # pysqlite recipe), so BEGIN IMMEDIATE and SAVEPOINTs behave.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
        cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a commit is one fsync less
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")  # wait for another writer instead of failing
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _put_state(conn: Connection, key: str, blob: bytes, version: int, insert_row: bool) -> None:
    if insert_row:
        conn.execute(insert(state).values(key=key, blob=blob, version=version, updated=utc_now()))
    else:
        conn.execute(update(state).where(state.c.key == key).values(blob=blob, version=version, updated=utc_now()))
