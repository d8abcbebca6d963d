"""What a reader of a report or an export must never find: the store's personal data."""

import re

from sqlalchemy import select

from casedesk.db.data_store import DataStore
from casedesk.db.models import Business, Entrepreneur
from casedesk.domain.dutch import long_date


def personal_values(store: DataStore) -> list[re.Pattern[str]]:
    """Every name, trade name, KvK number and birth date in the store, as a reader of the
    report would find them (whole words; dates in every form casedesk writes them)."""
    with store.session() as session:
        people = session.execute(
            select(Entrepreneur.voornamen, Entrepreneur.achternaam, Entrepreneur.date_of_birth)
        ).all()
        companies = session.execute(select(Business.trade_name, Business.kvk_number)).all()
    words: set[str] = set()
    for first_names, surname, born in people:
        words |= {first_names, surname}
        if born is not None:
            words |= {born.isoformat(), f"{born:%d-%m-%Y}", long_date(born)}
    for trade_name, kvk_number in companies:
        words |= {trade_name, kvk_number or ""}
    return [re.compile(rf"(?<!\w){re.escape(word)}(?!\w)") for word in words if word.strip()]
