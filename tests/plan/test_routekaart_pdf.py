"""The printed routekaart: a PDF/A in the plan's layout, readable as text."""

from datetime import UTC, date, datetime

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.plan.pdfa import check_pdfa
from casedesk.plan.routekaart import render_routekaart
from casedesk.services.routekaart import routekaart_for
from tests.plan.pdf_tools import pdf_fonts, pdf_text

MOMENT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _pdf() -> bytes:
    table = load_default_region_table()
    kaart = routekaart_for(load_default_catalog(), table, "GM0153", date(2026, 12, 1))
    return render_routekaart(
        kaart, ["Gemeente Enschede", "Postbus 20, 7500 AA Enschede"], created_at=MOMENT
    )


def test_the_routekaart_names_each_route_its_lead_and_its_offer() -> None:
    text = " ".join(pdf_text(_pdf()).split())
    assert "Routekaart heroriëntatie zelfstandig ondernemers" in text
    assert "Arbeidsmarktregio Twente" in text
    for route in ("Route 1", "Route 2", "Route 3"):
        assert route in text
    assert "Werkgeversservicepunt (WSP) van uw regio" in text
    assert "Ondernemersklankbord" in text
    assert "ondernemersklankbord.nl" in text


def test_the_routekaart_is_pdfa_with_embedded_fonts() -> None:
    pdf = _pdf()
    assert check_pdfa(pdf).passed
    assert all(font.embedded for font in pdf_fonts(pdf))


def test_the_same_catalog_gives_the_same_bytes() -> None:
    assert _pdf() == _pdf()
