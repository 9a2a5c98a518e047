"""storylines: stories that continue each other, in order (store/storylines.py)

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "storylines",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("storyline_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("follows", sa.String(64)),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("linked", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_storylines_storyline_id", "storylines", ["storyline_id"])


def downgrade() -> None:
    op.drop_index("ix_storylines_storyline_id", "storylines")
    op.drop_table("storylines")
