"""Full-text search over the case list (SQLite only): two FTS5 indexes kept by triggers.

- ``case_search``: trigram tokenizer with ``remove_diacritics 1``, for terms of three or
  more characters: substring matches insensitive to case and diacritics ("ozdemir" finds
  "Özdemir", "brand" finds "IJsbrand").
- ``case_search_words``: unicode61 words with a prefix index of 1 and 2 characters, for
  the 1–2 character terms trigram cannot match ("ij" finds "IJsbrand", "zo" finds "Zoë").

Both are contentless (the text already lives in entrepreneurs/businesses) and carry the
case id as rowid. Triggers keep them in step with every writer (ORM, bulk insert, a future
migration) in the same transaction, which code in the repository could not promise.
The postcode is indexed without spaces for trigrams ("1234ab") and as typed for words, so
"1234AB", "1234 ab" and "ab" all find "1234 AB".

On PostgreSQL this revision does nothing; search there uses plain ILIKE (see db/cases.py).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "name, trade_name, kvk_number, postcode, place"

# What each case is found by, as one row per case.
_SOURCE_VIEW = """
CREATE VIEW case_search_source AS
SELECT
    cases.id AS case_id,
    trim(
        entrepreneurs.voornamen || ' ' || entrepreneurs.tussenvoegsel || ' '
        || entrepreneurs.achternaam
    ) AS name,
    coalesce(businesses.trade_name, '') AS trade_name,
    coalesce(businesses.kvk_number, '') AS kvk_number,
    coalesce(entrepreneurs.postcode, '') AS postcode,
    coalesce(entrepreneurs.place, '') AS place
FROM cases
JOIN entrepreneurs ON entrepreneurs.id = cases.entrepreneur_id
LEFT JOIN businesses ON businesses.id = cases.business_id
"""


def _index_cases(where: str) -> str:
    """Statements that (re)index the cases selected by ``where`` (over ``cases.id``)."""
    return f"""
    DELETE FROM case_search WHERE rowid IN (SELECT id FROM cases WHERE {where});
    DELETE FROM case_search_words WHERE rowid IN (SELECT id FROM cases WHERE {where});
    INSERT INTO case_search (rowid, {_COLUMNS})
        SELECT case_id, name, trade_name, kvk_number, replace(postcode, ' ', ''), place
        FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE {where});
    INSERT INTO case_search_words (rowid, {_COLUMNS})
        SELECT case_id, name, trade_name, kvk_number, postcode, place
        FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE {where});
    """


_TRIGGERS = {
    "case_search_case_inserted": f"""
        AFTER INSERT ON cases BEGIN
        INSERT INTO case_search (rowid, {_COLUMNS})
            SELECT case_id, name, trade_name, kvk_number, replace(postcode, ' ', ''), place
            FROM case_search_source WHERE case_id = NEW.id;
        INSERT INTO case_search_words (rowid, {_COLUMNS})
            SELECT case_id, name, trade_name, kvk_number, postcode, place
            FROM case_search_source WHERE case_id = NEW.id;
        END""",
    "case_search_case_relinked": f"""
        AFTER UPDATE OF entrepreneur_id, business_id ON cases BEGIN
        {_index_cases("id = NEW.id")}
        END""",
    "case_search_case_deleted": """
        AFTER DELETE ON cases BEGIN
        DELETE FROM case_search WHERE rowid = OLD.id;
        DELETE FROM case_search_words WHERE rowid = OLD.id;
        END""",
    "case_search_entrepreneur_changed": f"""
        AFTER UPDATE OF voornamen, tussenvoegsel, achternaam, postcode, place
        ON entrepreneurs BEGIN
        {_index_cases("entrepreneur_id = NEW.id")}
        END""",
    "case_search_business_changed": f"""
        AFTER UPDATE OF trade_name, kvk_number ON businesses BEGIN
        {_index_cases("business_id = NEW.id")}
        END""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_COLUMNS}, "
        "tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)"
    )
    # detail=none: a 1–2 character term is always a single token, so no positions needed.
    op.execute(
        f"CREATE VIRTUAL TABLE case_search_words USING fts5({_COLUMNS}, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2', detail = none, "
        "content = '', contentless_delete = 1)"
    )
    op.execute(_SOURCE_VIEW)
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Backfill the cases that exist already (a store upgraded from 0001).
    op.execute(
        f"INSERT INTO case_search (rowid, {_COLUMNS}) "
        "SELECT case_id, name, trade_name, kvk_number, replace(postcode, ' ', ''), place "
        "FROM case_search_source"
    )
    op.execute(
        f"INSERT INTO case_search_words (rowid, {_COLUMNS}) "
        f"SELECT case_id, {_COLUMNS} FROM case_search_source"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP VIEW IF EXISTS case_search_source")
    op.execute("DROP TABLE IF EXISTS case_search_words")
    op.execute("DROP TABLE IF EXISTS case_search")
