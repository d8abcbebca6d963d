"""Settings (key/value), caseworkers and the municipality names the case list shows."""

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casedesk.db.models import Case, Caseworker, Municipality, Setting
from casedesk.domain import regions

# Well-known setting keys; other modules may add their own.
MUNICIPALITY_NAME = "municipality.name"
MUNICIPALITY_CODE = "municipality.code"
MUNICIPALITY_ADDRESS = "municipality.address"
MUNICIPALITY_PHONE = "municipality.phone"
PRIVACY_TEXT = "privacy.text"
FOLLOW_UP_INTERVAL_DAYS = "follow_up.interval_days"
CURRENT_CASEWORKER_ID = "caseworker.current_id"


def caseworker_key(caseworker_id: int, key: str) -> str:
    """A laptop's key of one caseworker's own detail (``db/caseworker_settings_repo.py``)."""
    return f"caseworker.{caseworker_id}.{key}"


def get_setting(session: Session, key: str) -> str | None:
    setting = session.get(Setting, key)
    return None if setting is None else setting.value


def settings_with_prefix(session: Session, prefix: str) -> dict[str, str]:
    rows = session.scalars(select(Setting).where(Setting.key.startswith(prefix, autoescape=True)))
    return {row.key: row.value for row in rows}


def set_setting(session: Session, key: str, value: str) -> None:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    session.flush()


def add_caseworker(session: Session, name: str) -> int:
    """Add a caseworker and return their id."""
    caseworker = Caseworker(name=name.strip(), active=True)
    session.add(caseworker)
    session.flush()
    return caseworker.id


def caseworker_name(session: Session, caseworker_id: int) -> str | None:
    caseworker = session.get(Caseworker, caseworker_id)
    return None if caseworker is None else caseworker.name


def set_current_caseworker(session: Session, caseworker_id: int) -> None:
    """Remember who works on this machine (asked at first start)."""
    if session.get(Caseworker, caseworker_id) is None:
        raise ValueError(f"no caseworker {caseworker_id}")
    set_setting(session, CURRENT_CASEWORKER_ID, str(caseworker_id))


def current_caseworker_id(session: Session) -> int | None:
    if session.get_bind().dialect.name == "postgresql":
        # On a regional server: the caseworker the login belongs to (migration 0017).
        return session.scalar(select(func.casedesk_login_caseworker()))
    value = get_setting(session, CURRENT_CASEWORKER_ID)
    return None if value is None else int(value)


def save_municipalities(session: Session, municipalities: Iterable[regions.Municipality]) -> None:
    """Store (or refresh) the municipality names the case list shows next to a code."""
    # A few hundred rows once at set-up: merge keeps this portable and simple.
    for municipality in municipalities:
        session.merge(
            Municipality(
                code=municipality.code,
                name=municipality.name,
                region_code=municipality.region_code,
            )
        )
    session.flush()


def dossiers_per_municipality(session: Session, codes: Iterable[str]) -> dict[str, int]:
    """How many dossiers each of ``codes`` has (codes without dossiers are left out)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = session.execute(
        select(Case.municipality_code, func.count())
        .where(Case.municipality_code.in_(wanted))
        .group_by(Case.municipality_code)
    )
    return {code: count for code, count in rows}


def municipality_names(session: Session) -> dict[str, str]:
    """Every stored municipality's name by its code."""
    names = session.execute(select(Municipality.code, Municipality.name))
    return {code: name for code, name in names}


def municipality_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Municipality.name).where(Municipality.code == code))
