"""The first page of the case list, read before the database layer has loaded.

Loading SQLAlchemy, the models and the services takes most of a second; the caseworker
should see the list meanwhile. So the start reads the newest dossiers once over a raw,
read-only ``sqlcipher3`` connection, and opens the store as usual right after.

This look decides nothing: whenever anything is not plainly in order (no or another key,
damage the cheap probe finds, a schema that must be migrated or is newer, a commit mark
behind the keychain's copy, any SQLite error) it returns None, the list waits, and
``open_store`` finds and explains the problem as always. It writes nothing, so it cannot
make a problem worse. ``tests/db/test_first_look.py`` keeps its rows equal to
:func:`casedesk.db.cases.fetch_case_page`'s.
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from casedesk.db.cipher_file import connect_raw, probe_file
from casedesk.db.commit_verdict import CommitMark, Verdict, compare, mark_in
from casedesk.db.schema_revisions import head_revision
from casedesk.domain.case import CaseId, CaseStatus, CaseSummary
from casedesk.domain.intake import full_name
from casedesk.domain.routes import Route

# fetch_case_page without a search or filter, newest change first (db/cases.py).
_NEWEST_CASES = """
SELECT cases.id, entrepreneurs.voornamen, entrepreneurs.tussenvoegsel,
       entrepreneurs.achternaam, businesses.trade_name,
       coalesce(municipalities.name, cases.municipality_code),
       cases.primary_route, cases.status, cases.updated_at
FROM cases
JOIN entrepreneurs ON entrepreneurs.id = cases.entrepreneur_id
LEFT OUTER JOIN businesses ON businesses.id = cases.business_id
LEFT OUTER JOIN municipalities ON municipalities.code = cases.municipality_code
ORDER BY cases.updated_at DESC, cases.id DESC
LIMIT ?
"""


def newest_cases_if_sound(
    store_file: Path, key: bytes, recorded: CommitMark | None, limit: int
) -> list[CaseSummary] | None:
    """The ``limit`` most recently changed dossiers; None unless the store is plainly fine.

    ``recorded`` is the keychain's copy of the commit mark (``db/commit_marks.py``).
    """
    try:
        if not probe_file(store_file, key, full=False).sound:
            return None
        connection = connect_raw(store_file, key, read_only=True)
        try:
            stamped = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if stamped != [(head_revision(),)]:
                return None
            in_file = mark_in(lambda sql: connection.execute(sql).fetchall())
            if compare(in_file, recorded) in (Verdict.BEHIND, Verdict.DIVERGED):
                return None
            rows = connection.execute(_NEWEST_CASES, (limit,)).fetchall()
        finally:
            connection.close()
        return [_summary(row) for row in rows]
    except (sqlcipher3.Error, OSError, ValueError):
        return None


def _summary(row: tuple[Any, ...]) -> CaseSummary:
    case_id, voornamen, tussenvoegsel, achternaam, trade_name, municipality = row[:6]
    route, status, updated_at = row[6:]
    return CaseSummary(
        case_id=CaseId(case_id),
        entrepreneur_name=full_name(voornamen, tussenvoegsel, achternaam),
        trade_name=trade_name or "",
        municipality=municipality,
        route=None if route is None else Route(route),
        status=CaseStatus(status),
        # Naive UTC text, as SQLAlchemy writes a DateTime to SQLite (db/models.py).
        updated_at=datetime.fromisoformat(updated_at).replace(tzinfo=UTC),
    )
