"""Case reopenings: the reason a closed case was opened again (issue 6).

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_reopenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("previous_outcome", sa.String(length=50), nullable=True),
        sa.Column("previous_closed_on", sa.Date(), nullable=True),
        sa.Column("reopened_by", sa.Integer(), nullable=True),
        sa.Column("reopened_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_reopenings_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["reopened_by"],
            ["caseworkers.id"],
            name=op.f("fk_case_reopenings_reopened_by_caseworkers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_reopenings")),
    )
    with op.batch_alter_table("case_reopenings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_reopenings_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_reopenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_reopenings_case_id"))
    op.drop_table("case_reopenings")
