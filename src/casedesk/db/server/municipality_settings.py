"""Each municipality's own details on a regional PostgreSQL server (migration 0036).

Rows of ``municipality_settings`` (municipality, key, value). Row-level security lets a
login read and write only the rows of its own municipalities; this module adds nothing to
that, it only reads and writes.
"""

from collections.abc import Collection, Mapping

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import String


def login_municipalities(session: Session) -> list[str]:
    """The codes of the municipalities this login works for (none for a coordinator)."""
    return list(session.scalars(text("SELECT casedesk_login_municipalities()")))


def read_values(session: Session, municipality_code: str, keys: Collection[str]) -> dict[str, str]:
    rows = session.execute(
        text(
            "SELECT key, value FROM municipality_settings "
            "WHERE municipality_code = :code AND key = ANY(:keys)"
        ).bindparams(bindparam("keys", type_=ARRAY(String))),
        {"code": municipality_code, "keys": list(keys)},
    )
    return {key: value for key, value in rows}


def write_values(session: Session, municipality_code: str, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        session.execute(
            text(
                "INSERT INTO municipality_settings (municipality_code, key, value) "
                "VALUES (:code, :key, :value) "
                "ON CONFLICT (municipality_code, key) DO UPDATE SET value = excluded.value"
            ),
            {"code": municipality_code, "key": key, "value": value},
        )
