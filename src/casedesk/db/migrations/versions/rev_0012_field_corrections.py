"""The correction trail (AVG art. 16): answers corrected in a later sitting, was and became.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "field_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=100), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("corrected_by", sa.Integer(), nullable=True),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_field_corrections_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by"],
            ["caseworkers.id"],
            name=op.f("fk_field_corrections_corrected_by_caseworkers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_corrections")),
    )
    with op.batch_alter_table("field_corrections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_field_corrections_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("field_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_field_corrections_case_id"))
    op.drop_table("field_corrections")
