"""The store's commit mark: a commit counter and the id of the last commit (issue 9).

Revision ID: 0005
Revises: 0004
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    mark = op.create_table(
        "store_commit_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        sa.Column("commit_count", sa.Integer(), nullable=False),
        sa.Column("last_commit", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_commit_mark")),
    )
    op.bulk_insert(
        mark,
        [
            {
                "id": 1,
                "store_id": secrets.token_hex(16),
                "commit_count": 0,
                "last_commit": secrets.token_hex(16),
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("store_commit_mark")
