"""work: background work (place an article, rebuild a story's brief) claimed through the
database, so that several server and worker processes share it (store/work.py)

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(512), primary_key=True),
        sa.Column("gen", sa.Integer, nullable=False),
        sa.Column("done_gen", sa.Integer, nullable=False),
        sa.Column("claimed_gen", sa.Integer),
        sa.Column("owner", sa.String(200)),
        sa.Column("lease_until", sa.Float),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("enqueued", sa.Float, nullable=False),
    )
    op.create_index("ix_work_due", "work", ["kind", "enqueued"])


def downgrade() -> None:
    op.drop_index("ix_work_due", table_name="work")
    op.drop_table("work")
