"""On the regional server names sort as people read them: "Özkan" with the O's (issue 12).

Migration 0019 gave the server's name indexes ``lower()``, which sorts by code point: every
name with an accented first letter came after "Z". The laptop folds names
(``casedesk_fold``). The server now sorts by ``casedesk_names``, a collation of the Unicode
root order (ICU's ``und``: "Ö" is an "O", "é" an "e", case and accents only break ties),
and its name indexes are rebuilt with it, so a page by name is still one index walk. A
server built without ICU gets the database's default order under the same name, which is
what it sorted by before.

Revision ID: 0030
Revises: 0026
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0030"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLLATION = "casedesk_names"
_SORT_INDEXES = {
    "ix_sort_entrepreneurs_name": ("entrepreneurs", ("achternaam", "voornamen")),
    "ix_sort_businesses_trade_name": ("businesses", ("trade_name",)),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    has_icu = bind.scalar(
        text("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collprovider = 'i')")
    )
    if has_icu:
        op.execute(f"CREATE COLLATION {COLLATION} (provider = icu, locale = 'und')")
    else:
        # "default" itself cannot be copied; the database's own locale is the same order.
        own_locale = bind.scalar(
            text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        )
        quoted = str(own_locale).replace("'", "''")
        op.execute(f"CREATE COLLATION {COLLATION} (provider = libc, locale = '{quoted}')")
    _rebuild_indexes(f"lower({{column}}) COLLATE {COLLATION}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _rebuild_indexes("lower({column})")
    op.execute(f"DROP COLLATION {COLLATION}")


def _rebuild_indexes(key: str) -> None:
    for name, (table, columns) in _SORT_INDEXES.items():
        op.execute(f"DROP INDEX {name}")
        keys = ", ".join(f"({key.format(column=column)})" for column in columns)
        op.execute(f"CREATE INDEX {name} ON {table} ({keys})")
