"""state.version: a counter bumped by every write of a state row, so that a writer can commit
its story index only if nobody committed since it read it (Store.commit_stories)

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("state", sa.Column("version", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("state") as batch:
        batch.drop_column("version")
