"""Any valid catalog survives being written and read back, unchanged."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.catalog.fileformat import dump_catalog, parse_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Condition,
    Contact,
    CostKind,
    Form,
    Instrument,
    InstrumentId,
    Partner,
    PartnerId,
    PartnerType,
    Service,
    Topic,
)
from casedesk.domain.routes import Route
from tests.catalog.conftest import TODAY

TABLE = load_default_region_table()

texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40
)  # any Unicode, including quotes, backslashes, newlines and diacritics
days = st.dates(min_value=date(2000, 1, 1), max_value=TODAY)
ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
contacts = st.builds(
    Contact,
    website=st.sampled_from([None, "https://www.overrood.nl/", "http://www.155.nl/"]),
    phone=st.sampled_from([None, "0800 21 17", "088 999 0000", "+32 2 555 12 12"]),
    email=st.sampled_from([None, "info@samenvoordeklant.nl"]),
)
availabilities = st.one_of(
    st.just(Availability()),
    st.builds(
        Availability,
        national=st.just(False),
        regions=st.frozensets(st.sampled_from([r.code for r in TABLE.regions]), min_size=1),
        municipalities=st.frozensets(st.sampled_from([m.code for m in TABLE.municipalities])),
    ),
)


def instruments(instrument_id: str) -> st.SearchStrategy[Instrument]:
    return st.builds(
        Instrument,
        id=st.just(InstrumentId(instrument_id)),
        name=texts,
        provider=texts,
        description=texts,
        services=st.frozensets(st.sampled_from(Service), min_size=1),
        topics=st.frozensets(st.sampled_from(Topic)),
        availability=availabilities,
        cost=st.sampled_from(CostKind),
        cost_note=st.text(max_size=40),
        forms=st.frozensets(st.sampled_from(Form)),
        contact=contacts,
        source=texts,
        last_checked=days,
        conditions=st.frozensets(st.sampled_from(Condition)),
        active=st.booleans(),
    )


def partners(partner_id: str) -> st.SearchStrategy[Partner]:
    return st.builds(
        Partner,
        id=st.just(PartnerId(partner_id)),
        name=texts,
        partner_type=st.sampled_from(PartnerType),
        description=texts,
        leads_routes=st.frozensets(st.sampled_from(Route)),
        availability=availabilities,
        contact=contacts,
        source=texts,
        last_checked=days,
        active=st.booleans(),
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    entry_ids = draw(st.lists(ids, unique=True, max_size=6))
    split = draw(st.integers(0, len(entry_ids)))
    return Catalog(
        version=draw(texts),
        title=draw(texts),
        issued=draw(days),
        instruments=tuple(draw(instruments(i)) for i in entry_ids[:split]),
        partners=tuple(draw(partners(i)) for i in entry_ids[split:]),
        route_leads={route: draw(st.sampled_from(PartnerType)) for route in Route},
        region=draw(st.sampled_from([None, *(r.code for r in TABLE.regions)])),
    )


@settings(max_examples=60, deadline=None)
@given(catalogs())
def test_parse_of_dump_is_the_same_catalog(catalog: Catalog) -> None:
    text = dump_catalog(catalog)

    assert parse_catalog(text, "kopie.json", today=TODAY) == catalog
    assert dump_catalog(parse_catalog(text, "kopie.json", today=TODAY)) == text
