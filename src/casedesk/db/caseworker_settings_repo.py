"""Where a caseworker's own details live (their e-mail address, printed on their plans).

A laptop's store keeps them as keys ``caseworker.<id>.<key>`` in ``settings``. A regional
server keeps them in rows of their own (``db/server/caseworker_settings.py``, migration
0038), which only the caseworker's own login (and the owner) may change. The same keys in
both.
"""

from sqlalchemy.orm import Session

from casedesk.db import settings_repo
from casedesk.db.server import caseworker_settings as postgres

EMAIL = "email"


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def read_value(session: Session, caseworker_id: int, key: str) -> str | None:
    """The stored value (None when not set, or on a server not this login's to read)."""
    if _on_server(session):
        return postgres.read_value(session, caseworker_id, key)
    return settings_repo.get_setting(session, settings_repo.caseworker_key(caseworker_id, key))


def write_value(session: Session, caseworker_id: int, key: str, value: str) -> None:
    """Stores ``value``; a server refuses (42501) a caseworker who is not the login's own."""
    if _on_server(session):
        postgres.write_value(session, caseworker_id, key, value)
    else:
        settings_repo.set_setting(session, settings_repo.caseworker_key(caseworker_id, key), value)
