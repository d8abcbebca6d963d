"""Verwijderen… in Catalogus › Beheren… on a coordinator's connection to the regional
server: the confirmation says how many dossiers of the whole region use the entry."""

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from casedesk.db.server.store import ServerStore
from casedesk.ui.catalog.manager import CatalogManager
from casedesk.wiring.catalog import catalog_ports
from tests.server.catalog_use import (
    DIAGNOSETOOL,
    KLANKBORD,
    LEERWERKLOKET,
    CatalogUse,
    fill_catalog_use,
)
from tests.server.region import new_region

pytestmark = pytest.mark.qt


@pytest.fixture(scope="module")
def used() -> Iterator[CatalogUse]:
    with new_region() as region:
        yield fill_catalog_use(region)


@pytest.fixture
def anne(used: CatalogUse) -> Iterator[ServerStore]:
    with used.region.store_as(used.anne) as store:
        yield store


@pytest.fixture
def window(qtbot: QtBot, anne: ServerStore) -> CatalogManager:
    manager = CatalogManager(catalog_ports(anne, "Anne de Wit"))
    qtbot.addWidget(manager)
    manager.show()
    return manager


def _explanation(window: CatalogManager, entry_id: str) -> str:
    window.select_entry(entry_id)
    window.ask_remove()
    return window.remove_dialog.explanation.text()


def test_the_coordinator_sees_how_many_dossiers_of_the_region_use_the_entry(
    window: CatalogManager,
) -> None:
    assert "Let op: 6 dossiers gebruiken dit instrument." in _explanation(window, KLANKBORD)
    dialog = window.remove_dialog
    assert dialog.deactivate_button is not None and dialog.deactivate_button.isDefault()
    assert dialog.remove_button.text() == "Toch &verwijderen"


def test_the_coordinator_sees_fewer_than_five_for_two_dossiers(window: CatalogManager) -> None:
    explanation = _explanation(window, DIAGNOSETOOL)
    assert "Let op: minder dan 5 dossiers gebruiken dit instrument." in explanation
    assert "2 dossiers" not in explanation


def test_the_coordinator_sees_fewer_than_five_for_a_partner(window: CatalogManager) -> None:
    explanation = _explanation(window, LEERWERKLOKET)
    assert "Let op: minder dan 5 dossiers gebruiken deze partner." in explanation
