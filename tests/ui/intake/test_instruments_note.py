"""The instrument details show the catalog's note for the caseworker; the plan never does."""

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import InstrumentMatch
from casedesk.domain.catalog import InstrumentId
from casedesk.ui.intake.instruments import instrument_html


def test_the_caseworker_sees_the_note_that_stays_off_the_paper() -> None:
    instrument = load_default_catalog().instrument(InstrumentId("over-rood"))
    assert instrument is not None and instrument.caseworker_note
    html = instrument_html(InstrumentMatch(instrument, None, (), ("Past bij u.",), False))
    assert "Notitie voor u (niet op papier):" in html
    assert "De gemeente betaalt een bijdrage per traject." in html
