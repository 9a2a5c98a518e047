"""full-text search: article titles and text, and each story's entity names and aliases

SQLite: FTS5 tables holding their own copy of the text (an external-content table would
follow ``articles.rowid``, which VACUUM may renumber: the key is a string). Triggers keep
``article_fts`` in step with ``articles`` whoever writes; ``story_name_fts`` is written with
each brief (store/search.py). A later batch migration that recreates ``articles`` must
recreate the triggers too.
PostgreSQL: a generated, stored ``tsvector`` column with a GIN index on each.

Revision ID: 0003
Revises: 0002
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"  # stems like PostgreSQL's 'english'

SQLITE_UP = [
    f"CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, text, tokenize='{TOKENIZE}')",
    f"CREATE VIRTUAL TABLE story_name_fts USING fts5(story_id UNINDEXED, names, tokenize='{TOKENIZE}')",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
         INSERT INTO article_fts(article_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
         DELETE FROM article_fts WHERE article_id = old.id;
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text ON articles BEGIN
         DELETE FROM article_fts WHERE article_id = old.id;
         INSERT INTO article_fts(article_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
       END""",
    "INSERT INTO article_fts(article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles",
]

PG_UP = [
    """ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')
       ) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING GIN (search)",
    """CREATE TABLE story_names (
         story_id varchar(64) PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
         names text NOT NULL,
         search tsvector GENERATED ALWAYS AS (to_tsvector('english', names)) STORED
       )""",
    "CREATE INDEX ix_story_names_search ON story_names USING GIN (search)",
]


def upgrade() -> None:
    bind = op.get_bind()
    for statement in SQLITE_UP if bind.dialect.name == "sqlite" else PG_UP:
        op.execute(statement)
    # names of the briefs stored before this revision
    from storyweave.store.search import write_names

    for story_id, brief in bind.execute(sa.text("SELECT story_id, brief FROM briefs")).all():
        write_names(bind, story_id, brief if isinstance(brief, dict) else json.loads(brief))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS article_fts")
        op.execute("DROP TABLE IF EXISTS story_name_fts")
    else:
        op.execute("DROP TABLE IF EXISTS story_names")
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN IF EXISTS search")
