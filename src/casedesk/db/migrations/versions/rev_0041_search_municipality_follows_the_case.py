"""The municipality of a case's search row is the case's own (PostgreSQL only).

Migration 0040 put each case's municipality into ``case_search``, so the trigram index
gives only the login's municipalities' hits. A caseworker may write ``case_search`` (the
server store writes the search text as that login), so a client could write another
code there and so hide a dossier of its own from the search, and a case moved by plain
SQL kept its old code. A foreign key on (case, municipality) to ``cases`` now refuses a
code that is not the case's, and ``ON UPDATE CASCADE`` moves the row with its case. The
row policies are checked before the key, so a refusal tells nothing about another
municipality.

Revision ID: 0041
Revises: 0040
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_KEY = "uq_cases_id_municipality_code"
SEARCH_ROW_KEY = "fk_case_search_case_municipality"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Rows a client wrote wrongly before: the case's own municipality, as the store writes.
    op.execute(
        "UPDATE case_search s SET municipality_code = c.municipality_code FROM cases c "
        "WHERE c.id = s.case_id AND s.municipality_code IS DISTINCT FROM c.municipality_code"
    )
    op.execute(f"ALTER TABLE cases ADD CONSTRAINT {CASE_KEY} UNIQUE (id, municipality_code)")
    op.execute(
        f"ALTER TABLE case_search ADD CONSTRAINT {SEARCH_ROW_KEY} "
        "FOREIGN KEY (case_id, municipality_code) REFERENCES cases (id, municipality_code) "
        "ON UPDATE CASCADE"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE case_search DROP CONSTRAINT {SEARCH_ROW_KEY}")
    op.execute(f"ALTER TABLE cases DROP CONSTRAINT {CASE_KEY}")
