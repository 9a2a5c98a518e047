"""initial schema: articles, stories, story entities, briefs, clustering state, feeds

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("first_date", sa.Date),
        sa.Column("last_date", sa.Date),
        sa.Column("divergences", sa.Integer, nullable=False),
        sa.Column("entities", sa.JSON, nullable=False),
        sa.Column("updated", TS, nullable=False),
    )
    op.create_index("ix_stories_last_date", "stories", ["last_date"])
    op.create_table(
        "articles",
        sa.Column("id", sa.String(512), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=True, unique=True),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("author", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("cleaned", sa.Boolean, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="SET NULL"), nullable=True),
        sa.Column("added", TS, nullable=False),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_table(
        "story_entities",
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(300), primary_key=True),
    )
    op.create_index("ix_story_entities_name", "story_entities", ["name"])
    op.create_table(
        "briefs",
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("brief", sa.JSON, nullable=False),
        sa.Column("updated", TS, nullable=False),
    )
    op.create_table(
        "state",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("blob", sa.LargeBinary, nullable=False),
        sa.Column("updated", TS, nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("interval_minutes", sa.Integer, nullable=False),
        sa.Column("last_fetch", TS),
        sa.Column("last_status", sa.Text, nullable=False),
        sa.Column("last_error", sa.Text),
    )


def downgrade() -> None:
    for table in ("feeds", "state", "briefs", "story_entities", "articles", "stories"):
        op.drop_table(table)
