"""A version per part of a case's intake answers: two caseworkers on one dossier.

``intake_parts`` counts the saves that changed each part of the answers (a section such as
``business``, or ``channel``). A window saves against the versions it loaded; a part
whose version has moved since was stored by a colleague, and the save merges with it
field by field instead of writing over it (``services/intake.py``). A case without rows
was never stored through this check: every part is at version 0, so existing dossiers
need no rows.

On the regional server the table holds a municipality's data, so it gets what migration
0017 gives every such table: row-level security enabled *and* forced, the owner's policy
for migrations and the caseworkers' policy through the visible case. The caseworkers'
rights on the new table are granted by ``casedesk server setup`` (run again after an
upgrade), as for every table.

Revision ID: 0024
Revises: 0023
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "intake_parts"
VISIBLE_CASE = f"EXISTS (SELECT 1 FROM cases WHERE cases.id = {TABLE}.case_id)"
"""Migration 0017's policy for the rows of a dossier (``cases`` is filtered by its own)."""


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_intake_parts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "part", name=op.f("pk_intake_parts")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY owner_sees_all ON {TABLE} TO CURRENT_USER USING (true)")
    op.execute(
        f"CREATE POLICY own_municipalities ON {TABLE} USING ({VISIBLE_CASE}) "
        f"WITH CHECK ({VISIBLE_CASE})"
    )


def downgrade() -> None:
    # Dropping the table drops its policies with it.
    op.drop_table(TABLE)
