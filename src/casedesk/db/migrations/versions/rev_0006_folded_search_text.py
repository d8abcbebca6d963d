"""Case search over text folded in Python: "yilmaz" finds "Yılmaz", "strasse" "Straße".

FTS5's ``remove_diacritics`` only drops marks: ı, ł, ø, æ, œ, ß, đ, þ stayed as they were,
so "Yilmaz" did not find "Yılmaz". The index now holds the text of
``casedesk.domain.folding.fold``, the same fold the query terms get (db/cases.py), made
by SQL functions that every store connection registers (``db/search_text.py``). The
tokenizer no longer folds case itself (``case_sensitive 1``): what is indexed is exactly
the Python fold. A ``spelling_variant`` column holds the German and Scandinavian spelling
of the name, trade name and place where it differs ("mueller" for "Müller",
"djordjevic" for "Đorđević"); the word-start markers of 0003 stay, now of folded words.

The rowid of a case in the index is no longer its id but its *list key*: the second of its
last change, shifted left 30 bits, or its id. FTS5 hands out hits in rowid order, so
"the newest 200 hits" is ``ORDER BY rowid DESC LIMIT 200`` inside the index: it stops
after one page, however common the term, and costs nothing for a term that matches
nothing. Before, the case list was walked in order and every row probed against the full
hit list: 160–240 ms per keystroke for "yilmaz" (no hit) at a million dossiers, and the
whole hit list materialised for "o". A case's row moves whenever its ``updated_at``
changes (the trigger on ``cases``). Ids stay below 2**30.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "name, trade_name, kvk_number, postcode, place, word_starts, spelling_variant"
_OLD_TRIGGERS = (
    "case_search_case_inserted",
    "case_search_case_relinked",
    "case_search_case_deleted",
    "case_search_entrepreneur_changed",
    "case_search_business_changed",
)


def _list_key(cases: str) -> str:
    """The index rowid of a case: its change second, then its id (db/cases.py, list_key)."""
    return f"((CAST(strftime('%s', {cases}.updated_at) AS INTEGER) << 30) | {cases}.id)"


_SOURCE_VIEW = f"""
CREATE VIEW case_search_source AS
SELECT
    cases.id AS case_id,
    {_list_key("cases")} AS list_key,
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

_ALL_TEXT = "name || ' ' || trade_name || ' ' || kvk_number || ' ' || postcode || ' ' || place"
# The rowid and the values for the columns of _COLUMNS, from the view case_search_source.
_SEARCHED_VALUES = (
    "list_key, casedesk_fold(name), casedesk_fold(trade_name), kvk_number, "
    "casedesk_fold(replace(postcode, ' ', '')), casedesk_fold(place), "
    f"casedesk_word_starts({_ALL_TEXT}), "
    "casedesk_spelling_variant(name || ' ' || trade_name || ' ' || place)"
)


def _index_cases(where: str) -> str:
    """Statements that index the cases selected by ``where`` (over ``cases``) anew."""
    return f"""
    DELETE FROM case_search WHERE rowid IN (SELECT {_list_key("cases")} FROM cases WHERE {where});
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
    # One trigger for every column that moves a case in the index: two would both insert.
    "case_search_case_changed": f"""
        AFTER UPDATE OF entrepreneur_id, business_id, updated_at ON cases BEGIN
        DELETE FROM case_search WHERE rowid = {_list_key("OLD")};
        INSERT INTO case_search (rowid, {_COLUMNS})
            SELECT {_SEARCHED_VALUES} FROM case_search_source WHERE case_id = NEW.id;
        END""",
    "case_search_case_deleted": f"""
        AFTER DELETE ON cases BEGIN
        DELETE FROM case_search WHERE rowid = {_list_key("OLD")};
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
    # A new tokenizer, a new column and new rowids: build the index again.
    op.execute("DROP TABLE case_search")
    op.execute("DROP VIEW case_search_source")
    op.execute(_SOURCE_VIEW)
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5({_COLUMNS}, "
        "tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1)"
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
    raise NotImplementedError("restore the backup made before upgrading to 0006")
