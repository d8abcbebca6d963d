"""Case needs: the help requests and the needs the region does not offer, one row each
(issue 15), so the regional report can count them with plain GROUP BY on both backends.

The intake answers (JSON) stay the source; this table is kept in step on every save, and
filled here once from the answers already stored.

Revision ID: 0013
Revises: 0012
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = {"hulpvraag": "help_requests", "ontbreekt": "unmet_needs"}


def upgrade() -> None:
    needs = op.create_table(
        "case_needs",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_needs_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", "kind", "code", name=op.f("pk_case_needs")),
    )
    connection = op.get_bind()
    rows = []
    for case_id, text in connection.execute(
        sa.text("SELECT case_id, answers_json FROM intake_answers")
    ):
        try:
            future = json.loads(text).get("future") or {}
        except (ValueError, AttributeError):
            continue  # an unreadable document is the intake's to report, not a migration's
        for kind, key in _KINDS.items():
            codes = future.get(key) if isinstance(future, dict) else None
            for code in sorted({c for c in codes or () if isinstance(c, str)}):
                rows.append({"case_id": case_id, "kind": kind, "code": code[:50]})
    if rows:
        op.bulk_insert(needs, rows)


def downgrade() -> None:
    op.drop_table("case_needs")
