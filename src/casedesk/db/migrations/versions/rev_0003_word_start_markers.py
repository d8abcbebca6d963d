"""Case search in one trigram index: word starts marked, instead of a second index.

Revision 0002 matched 1–2 character terms in a second FTS5 index (unicode61 words with a
prefix index). A query mixing short and long terms ("Zoë van 't Hoff-Çelik",
"jan de vries") then had to intersect two large hit lists in SQL: 9–11 ms for 100,000
cases. Here each word of the searched text is also stored with a "^^" marker in front, in
a ``word_starts`` column of the trigram index, so "ij" becomes the trigram "^ij" and "z"
becomes "^^z": every term of a query goes into one FTS5 MATCH, which intersects in its
own doclists (5–6 ms for the same queries), and there is one index less to write.

Words are split where unicode61 would split most often in names, trade names and places:
spaces, hyphens, apostrophes (straight and typographic), dots, slashes, ampersands, commas,
parentheses.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "name, trade_name, kvk_number, postcode, place, word_starts"
_WORD_SEPARATORS = ("-", "''", "\u2019", ".", "/", "&", ",", "(", ")")
_OLD_TRIGGERS = (
    "case_search_case_inserted",
    "case_search_case_relinked",
    "case_search_case_deleted",
    "case_search_entrepreneur_changed",
    "case_search_business_changed",
)


def _word_starts(text: str) -> str:
    """SQL for ``text`` with "^^" in front of every word."""
    for separator in _WORD_SEPARATORS:
        text = f"replace({text}, '{separator}', ' ')"
    return f"'^^' || replace({text}, ' ', ' ^^')"


_ALL_TEXT = "name || ' ' || trade_name || ' ' || kvk_number || ' ' || postcode || ' ' || place"
# The values for the columns of _COLUMNS, from the view case_search_source (0002).
_SEARCHED_VALUES = (
    "case_id, name, trade_name, kvk_number, replace(postcode, ' ', ''), place, "
    + _word_starts(_ALL_TEXT)
)


def _index_cases(where: str) -> str:
    """Statements that (re)index the cases selected by ``where`` (over ``cases.id``)."""
    return f"""
    DELETE FROM case_search WHERE rowid IN (SELECT id FROM cases WHERE {where});
    INSERT INTO case_search (rowid, {_COLUMNS})
        SELECT {_SEARCHED_VALUES}
        FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE {where});
    """


_TRIGGERS = {
    "case_search_case_inserted": f"""
        AFTER INSERT ON cases BEGIN
        INSERT INTO case_search (rowid, {_COLUMNS})
            SELECT {_SEARCHED_VALUES} FROM case_search_source WHERE case_id = NEW.id;
        END""",
    "case_search_case_relinked": f"""
        AFTER UPDATE OF entrepreneur_id, business_id ON cases BEGIN
        {_index_cases("id = NEW.id")}
        END""",
    "case_search_case_deleted": """
        AFTER DELETE ON cases BEGIN
        DELETE FROM case_search WHERE rowid = OLD.id;
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
    for name in _OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE case_search_words")
    # FTS5 tables cannot gain a column: build the index again (the view stays).
    op.execute("DROP TABLE case_search")
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_COLUMNS}, "
        "tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1)"
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(
        f"INSERT INTO case_search (rowid, {_COLUMNS}) "
        f"SELECT {_SEARCHED_VALUES} FROM case_search_source"
    )


def downgrade() -> None:
    # The app never downgrades: an older app refuses a newer store, and going back means
    # restoring the backup made before the upgrade (db/store.py).
    raise NotImplementedError("restore the backup made before upgrading to 0003")
