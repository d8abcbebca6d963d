""""Gegevens van de gemeente" on the regional server, for a caseworker of two
municipalities: the dialog asks whose details she edits and saves only those, and it
keeps her own e-mail address for her plans as on a laptop."""

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casedesk.db.server.store import ServerStore
from casedesk.plan.samples import SAMPLE_MUNICIPALITY
from casedesk.services.municipality_settings import (
    caseworker_email,
    load_municipality_settings,
    save_caseworker_email,
    save_municipality_settings,
)
from casedesk.ui.setup.settings_dialog import SettingsDialog
from casedesk.wiring.workspace import settings_ports
from tests.server.region import Region, new_region

pytestmark = pytest.mark.qt

TILBURG = "GM0855"
DONGEN = "GM0766"
TILBURGS = replace(SAMPLE_MUNICIPALITY, name="Gemeente Tilburg", phone="14 013")
DONGENS = replace(SAMPLE_MUNICIPALITY, name="Gemeente Dongen", phone="0162 383 200")


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    """Tilburg is the region's counter; both municipalities saved their details."""
    with new_region() as made:
        made.save_region_settings(TILBURG)
        for name, code, details in (("tess", TILBURG, TILBURGS), ("dirk", DONGEN, DONGENS)):
            with made.store_as(made.add_caseworker(name, code)) as store:
                save_municipality_settings(store, details, code)
        yield made


@pytest.fixture
def mira(region: Region) -> Iterator[ServerStore]:
    """A new caseworker of Tilburg and Dongen, on her own connection."""
    login = region.add_caseworker(f"mira{len(region.logins)}", TILBURG, DONGEN)
    with region.store_as(login) as store:
        yield store


@pytest.fixture
def dialog(qtbot: QtBot, mira: ServerStore) -> SettingsDialog:
    dialog = SettingsDialog(settings_ports(mira))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_the_dialog_asks_which_municipality_and_starts_with_the_counters(
    dialog: SettingsDialog,
) -> None:
    choice = dialog.municipality_choice
    assert choice.isVisible()
    assert [choice.itemText(i) for i in range(choice.count())] == ["Dongen", "Tilburg"]
    assert choice.currentText() == "Tilburg"
    assert choice.hasFocus()
    assert dialog.name_field.text() == "Gemeente Tilburg"


def test_choosing_dongen_shows_dongens_details(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.keyClick(dialog.municipality_choice, Qt.Key.Key_Up)
    assert dialog.municipality_choice.currentText() == "Dongen"
    assert dialog.name_field.text() == "Gemeente Dongen"
    assert dialog.phone_field.text() == "0162 383 200"


def test_saving_after_choosing_dongen_changes_dongens_details_only(
    qtbot: QtBot, dialog: SettingsDialog, mira: ServerStore
) -> None:
    qtbot.keyClick(dialog.municipality_choice, Qt.Key.Key_Up)
    dialog.phone_field.setText("0162 000 111")
    try:
        dialog.save_button.click()
        assert not dialog.isVisible()
        assert load_municipality_settings(mira, DONGEN) == replace(DONGENS, phone="0162 000 111")
        assert load_municipality_settings(mira, TILBURG) == TILBURGS
    finally:
        save_municipality_settings(mira, DONGENS, DONGEN)


def test_on_the_server_the_dialog_shows_her_own_e_mail_address(
    region: Region, qtbot: QtBot
) -> None:
    login = region.add_caseworker(f"mira{len(region.logins)}", TILBURG, DONGEN)
    with region.store_as(login) as store:
        save_caseworker_email(store, "m.peters@tilburg.nl")
        dialog = SettingsDialog(settings_ports(store))
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        assert dialog.email_field.isVisible()
        assert dialog.email_field.text() == "m.peters@tilburg.nl"


def test_on_the_server_saving_keeps_her_own_e_mail_address(
    dialog: SettingsDialog, mira: ServerStore
) -> None:
    dialog.email_field.setText("  M.Peters@Tilburg.nl ")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert caseworker_email(mira) == "M.Peters@tilburg.nl"


def test_on_the_server_a_wrong_e_mail_address_is_refused_in_the_dialog(
    dialog: SettingsDialog, mira: ServerStore
) -> None:
    dialog.email_field.setText("mira@")
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.email_message.text().startswith("Uw e-mailadres")
    assert caseworker_email(mira) == ""
