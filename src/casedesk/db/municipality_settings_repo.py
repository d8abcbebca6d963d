"""Where the municipality's own details live ("Gegevens van de gemeente").

A laptop's store holds one counter: its details are keys in ``settings``, whatever the
municipality of a dossier. A regional server holds several municipalities: each has its
own rows (``db/server/municipality_settings.py``), and a login reaches only those of its
own municipalities. The same keys in both.
"""

from collections.abc import Collection, Mapping

from sqlalchemy.orm import Session

from casedesk.db import settings_repo
from casedesk.db.server import municipality_settings as postgres


def per_municipality(session: Session) -> bool:
    """Whether this store keeps details per municipality (a regional server)."""
    return session.get_bind().dialect.name == "postgresql"


def editable_municipalities(session: Session) -> list[tuple[str, str]]:
    """(code, name) of each municipality whose details this login may change, by name;
    empty on a laptop's store (its one set of details belongs to no chosen code)."""
    if not per_municipality(session):
        return []
    names = settings_repo.municipality_names(session)
    codes = postgres.login_municipalities(session)
    return sorted(((code, names.get(code, code)) for code in codes), key=lambda one: one[1])


def default_municipality(session: Session) -> str | None:
    """The municipality whose details are meant when none is named: on a server the
    region's counter when this login works for it, or else the first of its own; None on
    a laptop's store and for a login without municipalities."""
    editable = [code for code, _ in editable_municipalities(session)]
    if not editable:
        return None
    counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    return counter if counter in editable else editable[0]


def read_values(
    session: Session, municipality_code: str | None, keys: Collection[str]
) -> dict[str, str]:
    """The stored values of ``keys`` (missing ones left out): on a server those of
    ``municipality_code`` (None: :func:`default_municipality`), on a laptop the store's."""
    if not per_municipality(session):
        stored = {key: settings_repo.get_setting(session, key) for key in keys}
        return {key: value for key, value in stored.items() if value is not None}
    code = municipality_code or default_municipality(session)
    return {} if code is None else postgres.read_values(session, code, keys)


def write_values(
    session: Session, municipality_code: str | None, values: Mapping[str, str]
) -> bool:
    """Stores ``values`` as :func:`read_values` finds them; False when there is no
    municipality to store them for (a server login without municipalities)."""
    if not per_municipality(session):
        for key, value in values.items():
            settings_repo.set_setting(session, key, value)
        return True
    code = municipality_code or default_municipality(session)
    if code is None:
        return False
    postgres.write_values(session, code, values)
    return True
