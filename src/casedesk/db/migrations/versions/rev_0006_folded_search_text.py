"""Case search over text folded in Python: "yilmaz" finds "Yılmaz", "strasse" "Straße".

FTS5's ``remove_diacritics`` only drops marks: ı, ł, ø, æ, œ, ß, đ, þ stayed as they were,
so "Yilmaz" did not find "Yılmaz". The index now holds the text of
``casedesk.domain.folding.fold``, the same fold the query terms get (db/cases.py), made
by SQL functions that every store connection registers (``db/search_text.py``). The
tokenizer no longer folds case itself (``case_sensitive 1``): what is indexed is exactly
the Python fold. A ``spelling_variant`` column holds the German and Scandinavian spelling
of the name, trade name and place where it differs ("mueller" for "Müller",
"djordjevic" for "Đorđević"); the word-start markers of 0003 stay, now of folded words.

Revision ID: 0006
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "name, trade_name, kvk_number, postcode, place, word_starts, spelling_variant"
_TRIGGERS = (
    "case_search_case_inserted",
    "case_search_case_relinked",
    "case_search_case_deleted",
    "case_search_entrepreneur_changed",
    "case_search_business_changed",
)
_ALL_TEXT = "name || ' ' || trade_name || ' ' || kvk_number || ' ' || postcode || ' ' || place"
# The values for the columns of _COLUMNS, from the view case_search_source (0002).
_SEARCHED_VALUES = (
    "case_id, casedesk_fold(name), casedesk_fold(trade_name), kvk_number, "
    "casedesk_fold(replace(postcode, ' ', '')), casedesk_fold(place), "
    f"casedesk_word_starts({_ALL_TEXT}), "
    "casedesk_spelling_variant(name || ' ' || trade_name || ' ' || place)"
)


def _index_cases(where: str) -> str:
    """Statements that (re)index the cases selected by ``where`` (over ``cases.id``)."""
    return f"""
    DELETE FROM case_search WHERE rowid IN (SELECT id FROM cases WHERE {where});
    INSERT INTO case_search (rowid, {_COLUMNS})
        SELECT {_SEARCHED_VALUES}
        FROM case_search_source WHERE case_id IN (SELECT id FROM cases WHERE {where});
    """


_TRIGGER_BODIES = {
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
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    # A new tokenizer and a new column: build the index again (the view stays).
    op.execute("DROP TABLE case_search")
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_COLUMNS}, "
        "tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1)"
    )
    for name, body in _TRIGGER_BODIES.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(
        f"INSERT INTO case_search (rowid, {_COLUMNS}) "
        f"SELECT {_SEARCHED_VALUES} FROM case_search_source"
    )


def downgrade() -> None:
    # The app never downgrades: an older app refuses a newer store, and going back means
    # restoring the backup made before the upgrade (db/store.py).
    raise NotImplementedError("restore the backup made before upgrading to 0006")
