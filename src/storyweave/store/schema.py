"""Tables, as SQLAlchemy Core metadata. The migrations in ``migrations/versions`` create
them; this module is what the code queries. Change both together (a new revision)."""
from __future__ import annotations

from sqlalchemy import (
    JSON, Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(512), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=True, unique=True),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Date),
    Column("author", Text),
    Column("language", String(16)),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("body", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("cleaned", Boolean, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="SET NULL"), nullable=True, index=True),
    Column("added", DateTime(timezone=True), nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("outlets", JSON, nullable=False),
    Column("first_date", Date),
    Column("last_date", Date),
    Column("divergences", Integer, nullable=False),
    Column("entities", JSON, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Index("ix_stories_last_date", "last_date"),
)

story_entities = Table(
    "story_entities",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(300), primary_key=True),  # lower-cased, for filtering by entity
    Index("ix_story_entities_name", "name"),
)

briefs = Table(
    "briefs",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("brief", JSON, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
)

state = Table(
    "state",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("blob", LargeBinary, nullable=False),
    Column("updated", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False, server_default="0"),  # +1 per write (Store.commit_stories)
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("interval_minutes", Integer, nullable=False),
    Column("last_fetch", DateTime(timezone=True)),
    Column("last_status", Text, nullable=False),
    Column("last_error", Text),
)

story_moves = Table(
    "story_moves",
    metadata,
    Column("story_id", String(64), primary_key=True),  # a story that lost all its articles
    Column("moved_to", String(64), nullable=False),  # where most of them went
    Column("moved", DateTime(timezone=True), nullable=False),
)

work = Table(
    "work",  # background work claimed through the database (store/work.py)
    metadata,
    Column("kind", String(16), primary_key=True),  # "place" (an article id) or "brief" (a story id)
    Column("key", String(512), primary_key=True),
    Column("gen", Integer, nullable=False),  # +1 each time the item is asked for again
    Column("done_gen", Integer, nullable=False),  # the gen the last finished run covered
    Column("claimed_gen", Integer),  # the gen the current claim covers
    Column("owner", String(200)),  # who holds the claim (host:pid:nonce)
    Column("lease_until", Float),  # epoch seconds: the claim is free after this (or: retry not before)
    Column("attempts", Integer, nullable=False),  # failed runs in a row
    Column("last_error", Text),
    Column("enqueued", Float, nullable=False),  # epoch seconds: oldest first
    Index("ix_work_due", "kind", "enqueued"),
)
