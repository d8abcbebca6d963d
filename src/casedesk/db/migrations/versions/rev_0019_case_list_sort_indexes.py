"""Indexes that let the case list sort by every column at a million dossiers (issue 10).

``db/case_order.py`` walks these: (status | route | municipality, updated_at, id) on cases,
one group at a time; the folded surname and first names of entrepreneurs and the folded
trade name of businesses, on SQLite with ``casedesk_fold`` (the fold of search, which
every store connection registers, ``db/search_text.py``), elsewhere with ``lower``. The
expression indexes differ per database, so the models do not describe them
(``migrate.described_by_models``).

Revision ID: 0019
Revises: 0014
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GROUP_INDEXES = {
    "ix_cases_status_updated_at_id": "status",
    "ix_cases_primary_route_updated_at_id": "primary_route",
    "ix_cases_municipality_code_updated_at_id": "municipality_code",
}
_SORT_INDEXES = {
    "ix_sort_entrepreneurs_name": ("entrepreneurs", ("achternaam", "voornamen")),
    "ix_sort_businesses_trade_name": ("businesses", ("trade_name",)),
}


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name, column in _GROUP_INDEXES.items():
            batch_op.create_index(name, [column, "updated_at", "id"], unique=False)
    fold = "casedesk_fold" if op.get_bind().dialect.name == "sqlite" else "lower"
    for name, (table, columns) in _SORT_INDEXES.items():
        keys = ", ".join(f"{fold}({column})" for column in columns)
        op.execute(f"CREATE INDEX {name} ON {table} ({keys})")


def downgrade() -> None:
    for name in _SORT_INDEXES:
        op.execute(f"DROP INDEX {name}")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for name in _GROUP_INDEXES:
            batch_op.drop_index(name)
