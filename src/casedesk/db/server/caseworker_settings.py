"""Each caseworker's own details on a regional PostgreSQL server (migration 0038).

Rows of ``caseworker_settings`` (caseworker, key, value). Row-level security lets a login
change only its own rows and read its own and those of the caseworkers of dossiers it
may see; this module adds nothing to that, it only reads and writes.
"""

from sqlalchemy import text
from sqlalchemy.orm import Session


def read_value(session: Session, caseworker_id: int, key: str) -> str | None:
    value = session.scalar(
        text("SELECT value FROM caseworker_settings WHERE caseworker_id = :id AND key = :key"),
        {"id": caseworker_id, "key": key},
    )
    return None if value is None else str(value)


def write_value(session: Session, caseworker_id: int, key: str, value: str) -> None:
    session.execute(
        text(
            "INSERT INTO caseworker_settings (caseworker_id, key, value) "
            "VALUES (:id, :key, :value) "
            "ON CONFLICT (caseworker_id, key) DO UPDATE SET value = excluded.value"
        ),
        {"id": caseworker_id, "key": key, "value": value},
    )
