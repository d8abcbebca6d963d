"""Who has a dossier open, on a regional PostgreSQL server (migration 0027).

One row per dossier, login and app (``instance``), with the server's time of the last sign
of life. Row-level security lets a login change only its own rows and see the rows of the
dossiers it may see; this module adds nothing to that, it only reads and writes.
"""

from collections.abc import Collection, Mapping
from datetime import timedelta

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Integer

GONE_AFTER = timedelta(minutes=2)
"""A row not renewed for this long counts as gone: its app crashed or lost the network.
Four times the app's renewal interval, so one slow or missed renewal does not matter."""

_CASE_IDS = bindparam("case_ids", type_=ARRAY(Integer))


def renew(session: Session, instance: str, case_ids: Collection[int]) -> None:
    """Says that this app has these dossiers open now; forgets this login's rows that
    stopped being renewed (another app of the same login that crashed)."""
    session.execute(
        text(
            "DELETE FROM case_presence WHERE login = session_user "
            "AND seen_at < statement_timestamp() - :gone"
        ),
        {"gone": GONE_AFTER},
    )
    if not case_ids:
        return
    session.execute(
        text(
            "INSERT INTO case_presence (case_id, instance) "
            # Only dossiers it may (still) see: one erased meanwhile is left out.
            "SELECT id, :instance FROM cases WHERE id = ANY(:case_ids) "
            "ON CONFLICT (case_id, login, instance) "
            "DO UPDATE SET seen_at = statement_timestamp()"
        ).bindparams(_CASE_IDS),
        {"instance": instance, "case_ids": sorted(case_ids)},
    )


def leave(session: Session, instance: str, case_ids: Collection[int]) -> None:
    """This app closed these dossiers."""
    session.execute(
        text(
            "DELETE FROM case_presence WHERE login = session_user AND instance = :instance "
            "AND case_id = ANY(:case_ids)"
        ).bindparams(_CASE_IDS),
        {"instance": instance, "case_ids": list(case_ids)},
    )


def others_present(session: Session, case_ids: Collection[int]) -> Mapping[int, tuple[str, ...]]:
    """Per dossier of ``case_ids``: the names of the other caseworkers who have it open
    (by name, each once), for the dossiers where there are any."""
    rows = session.execute(
        text(
            "SELECT DISTINCT p.case_id, c.name FROM case_presence p "
            "JOIN caseworkers c ON c.id = p.caseworker_id "
            "WHERE p.case_id = ANY(:case_ids) AND p.login <> session_user "
            "AND p.seen_at >= statement_timestamp() - :gone ORDER BY p.case_id, c.name"
        ).bindparams(_CASE_IDS),
        {"case_ids": list(case_ids), "gone": GONE_AFTER},
    )
    present: dict[int, tuple[str, ...]] = {}
    for case_id, name in rows:
        present[int(case_id)] = (*present.get(int(case_id), ()), str(name))
    return present
