"""story_moves: where a story's articles went when it lost them all (merged into another), so
that its permalink can redirect there

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_moves",
        sa.Column("story_id", sa.String(64), primary_key=True),
        sa.Column("moved_to", sa.String(64), nullable=False),
        sa.Column("moved", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_moves")
