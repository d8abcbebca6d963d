"""Audit events get an outcome, an origin and a hash chain (issue 13).

Revision ID: 0010
Revises: 0006

Existing events are chained in id order with the same digest as new ones
(``casedesk.db.audit_chain.event_digest``), marked outcome "done" and origin "".
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from casedesk.db.audit_chain import GENESIS, event_digest

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("outcome", sa.String(length=20), nullable=False, server_default="done")
        )
        batch_op.add_column(
            sa.Column("origin", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("event_hash", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_audit_events_event_hash"), ["event_hash"], unique=False
        )
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT id, at, actor_id, action, entity_type, entity_id, case_id, details_json, "
            "outcome, origin FROM audit_events ORDER BY id"
        )
    ).all()
    previous = GENESIS
    for row in rows:
        at = row.at if not isinstance(row.at, str) else _parse(row.at)
        digest = event_digest(
            at.replace(tzinfo=UTC),
            row.actor_id,
            row.action,
            row.entity_type,
            row.entity_id,
            row.case_id,
            row.details_json,
            row.outcome,
            row.origin,
            previous,
        )
        connection.execute(
            sa.text("UPDATE audit_events SET prev_hash = :prev, event_hash = :hash WHERE id = :id"),
            {"prev": previous, "hash": digest, "id": row.id},
        )
        previous = digest


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_event_hash"))
        batch_op.drop_column("event_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("origin")
        batch_op.drop_column("outcome")
