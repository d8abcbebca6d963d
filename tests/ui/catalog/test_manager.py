"""Catalogus › Beheren… on the real services: an encrypted store, the file's own checks."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from casedesk.catalog.defaults import load_default_catalog
from casedesk.clock import today
from casedesk.db import settings_repo
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.case import CaseId
from casedesk.domain.catalog import Instrument, InstrumentId, Partner, PartnerType
from casedesk.domain.catalog_edit import DossierUse, Entry
from casedesk.domain.routes import Route
from casedesk.services.catalog import catalog_in_use
from casedesk.services.intake import IntakeService
from casedesk.ui import main_window
from casedesk.ui.catalog import manager as catalog_manager
from casedesk.ui.catalog.import_dialog import ImportPreviewDialog
from casedesk.ui.catalog.manager import CatalogEntriesModel, CatalogManager, ExportDialog
from casedesk.ui.catalog.removal import RemoveEntryDialog
from casedesk.wiring.catalog import catalog_ports
from tests.services.casework_store import add_case
from tests.stores import new_store
from tests.ui.mnemonics import offered_letters

pytestmark = pytest.mark.qt


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "opslag", keychain, "Ingrid de Vries", "GM0153") as opened:
        yield opened


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> CatalogManager:
    manager = CatalogManager(catalog_ports(store, "Ingrid de Vries"))
    qtbot.addWidget(manager)
    manager.show()
    return manager


def _row_texts(window: CatalogManager, column: int) -> list[str]:
    proxy = window.proxy
    return [str(proxy.index(row, column).data()) for row in range(proxy.rowCount())]


def test_every_instrument_and_partner_is_listed_longest_unchecked_first(
    window: CatalogManager,
) -> None:
    catalog = load_default_catalog()
    assert window.proxy.rowCount() == len(catalog.instruments) + len(catalog.partners)
    keys = [
        window.proxy.index(row, CatalogEntriesModel.COL_CHECKED).data(Qt.ItemDataRole.UserRole)
        for row in range(window.proxy.rowCount())
    ]
    assert keys == sorted(keys)


def test_stale_entries_are_marked_and_can_be_shown_alone(window: CatalogManager) -> None:
    window.kind_field.setCurrentIndex(catalog_manager.KIND_STALE)
    statuses = set(_row_texts(window, CatalogEntriesModel.COL_STATUS))
    assert statuses == {catalog_manager.STALE_TEXT}
    assert window.proxy.rowCount() > 0
    assert "moeten worden nagekeken" in window.about.text()


def test_the_filter_finds_by_name_and_provider_whatever_the_accents(
    window: CatalogManager,
) -> None:
    window.filter_field.setText("KLANKBORD")
    assert "Ondernemersklankbord" in _row_texts(window, CatalogEntriesModel.COL_NAME)
    window.filter_field.setText("Gripvöl")  # the provider of "Weerbaar uit de crisis"
    assert _row_texts(window, CatalogEntriesModel.COL_NAME) == ["Weerbaar uit de crisis"]


def test_a_bad_phone_number_is_shown_at_its_field_as_it_is_typed(
    qtbot: QtBot, window: CatalogManager, store: Store
) -> None:
    window.select_entry("ondernemersklankbord")
    qtbot.keyClicks(window.form.phone, "12")
    error = window.form.errors["contact.phone"]
    assert error.isVisible()
    assert error.text().startswith("“12” is geen geldig telefoonnummer.")
    assert not window.save()
    assert catalog_in_use(store) == load_default_catalog()


def test_a_saved_change_is_in_the_catalog_in_use(
    qtbot: QtBot, window: CatalogManager, store: Store
) -> None:
    window.select_entry("ondernemersklankbord")
    window.form.description.setPlainText("Een ervaren ondernemer helpt u een half jaar.")
    assert window.save_button.isEnabled()
    assert window.save()
    saved = catalog_in_use(store).instrument("ondernemersklankbord")  # type: ignore[arg-type]
    assert saved is not None
    assert saved.description == "Een ervaren ondernemer helpt u een half jaar."
    assert window.status.text() == "“Ondernemersklankbord” is opgeslagen."


def test_leaving_an_unsaved_entry_is_refused_with_what_to_do(window: CatalogManager) -> None:
    window.select_entry("ondernemersklankbord")
    window.form.source.setText("regio Twente")
    window.select_entry("mkb-diagnosetool")
    assert window.shown_id() == "ondernemersklankbord"
    assert "nog niet zijn opgeslagen" in window.status.text()
    window.revert()
    window.select_entry("mkb-diagnosetool")
    assert window.shown_id() == "mkb-diagnosetool"


def test_nagekeken_dates_the_chosen_entry_today(window: CatalogManager, store: Store) -> None:
    window.select_entry("ondernemersklankbord")
    window.mark_checked()
    entry = catalog_in_use(store).instrument("ondernemersklankbord")  # type: ignore[arg-type]
    assert entry is not None and entry.last_checked == today()
    assert window.shown_id() == "ondernemersklankbord"
    assert window.status.text().startswith("Nagekeken op ")


def test_a_new_partner_gets_an_id_from_its_name_and_an_address(
    qtbot: QtBot, window: CatalogManager, store: Store
) -> None:
    window.new_partner()
    form = window.form
    form.name.setText("WSP Twente")
    form.description.setPlainText("Het werkgeversservicepunt van de regio.")
    form.source.setText("regio Twente")
    form.address.setPlainText("Postbus 1200\n7500 AB  Enschede")
    form.leads_routes.boxes[3].setChecked(True)
    form.availability.local.setChecked(True)
    twente = next(
        form.availability.region_list.item(row)
        for row in range(form.availability.region_list.count())
        if "(AM05)" in form.availability.region_list.item(row).text()
    )
    twente.setCheckState(Qt.CheckState.Checked)
    assert form.entry_id.text() == "wsp-twente"
    assert window.save(), window.status.text()
    partner = catalog_in_use(store).partner("wsp-twente")  # type: ignore[arg-type]
    assert isinstance(partner, Partner)
    assert partner.address == "Postbus 1200\n7500 AB  Enschede"
    assert partner.availability.regions == {"AM05"}


def test_a_local_offer_without_a_place_asks_for_one_in_the_forms_words(
    window: CatalogManager,
) -> None:
    window.select_entry("ondernemersklankbord")
    window.form.availability.local.setChecked(True)
    assert window.form.errors["availability"].text() == (
        "Kies de arbeidsmarktregio's of gemeenten waar het wordt aangeboden, of kies "
        "“Overal in Nederland”."
    )


def test_an_unreadable_date_is_said_at_the_date(qtbot: QtBot, window: CatalogManager) -> None:
    window.select_entry("ondernemersklankbord")
    window.form.last_checked.setText("31-02-2026")
    assert window.form.errors["last_checked"].isVisible()
    assert not window.save()


def test_export_writes_the_next_version_with_the_author(
    qtbot: QtBot, window: CatalogManager, tmp_path: Path
) -> None:
    window.ask_export()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    assert dialog.author.text() == "Ingrid de Vries"
    dialog.title.setText("Routekaart arbeidsmarktregio Twente")
    dialog.region.setCurrentIndex(dialog.region.findData("AM05"))
    dialog.export_to(tmp_path / "routekaart-twente")
    data = json.loads((tmp_path / "routekaart-twente.json").read_text(encoding="utf-8"))
    assert (data["format_version"], data["version"], data["author"]) == (
        3,
        dialog.version,
        "Ingrid de Vries",
    )
    assert (data["title"], data["region"]) == ("Routekaart arbeidsmarktregio Twente", "AM05")
    assert f"versie {dialog.version}" in window.about.text()


def test_import_shows_the_changed_fields_before_taking_the_file(
    qtbot: QtBot, window: CatalogManager, store: Store, tmp_path: Path
) -> None:
    window.ask_export()
    window.export_dialog.export_to(tmp_path / "uit.json")
    data = json.loads((tmp_path / "uit.json").read_text(encoding="utf-8"))
    data["instruments"][0]["name"] = "MKB Diagnosetool (nieuw)"
    (tmp_path / "in.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window.import_from(tmp_path / "in.json")
    dialog = window.import_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    assert "Gewijzigde instrumenten (1):\n  - MKB Diagnosetool (nieuw): naam" in (
        dialog.summary.toPlainText()
    )
    assert catalog_in_use(store).instruments[0].name == "MKB Diagnosetool"
    dialog.take_button.click()
    assert catalog_in_use(store).instruments[0].name == "MKB Diagnosetool (nieuw)"
    assert "MKB Diagnosetool (nieuw)" in _row_texts(window, CatalogEntriesModel.COL_NAME)


def test_an_export_without_an_author_says_what_to_fill_in(
    window: CatalogManager, tmp_path: Path
) -> None:
    window.ask_export()
    dialog = window.export_dialog
    dialog.author.setText(" ")
    dialog.export_to(tmp_path / "uit.json")
    assert dialog.error.text() == "Vul in wie deze versie uitgeeft."
    assert not (tmp_path / "uit.json").exists()


def test_the_routekaart_is_written_from_the_window(
    window: CatalogManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "ask_save_path", lambda *args: tmp_path / "kaart")
    window.ask_routekaart()
    assert (tmp_path / "kaart.pdf").read_bytes().startswith(b"%PDF")
    assert window.status.text() == f"De routekaart is opgeslagen in {tmp_path / 'kaart.pdf'}."


def test_every_field_of_every_entry_round_trips_through_the_form(
    window: CatalogManager,
) -> None:
    catalog = load_default_catalog()
    entries: list[Entry] = [*catalog.instruments, *catalog.partners]
    for entry in entries:
        window.form.set_entry(entry)
        assert window.form.entry() == entry, entry.id
        assert not window.form.has_changes()


def test_a_file_that_is_no_catalog_is_refused_and_changes_nothing(
    qtbot: QtBot, window: CatalogManager, store: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "regio.json"
    bad.write_text('{"format": "casedesk-catalog", "format_version": 3,}', encoding="utf-8")
    window.import_from(bad)
    box = window.findChild(QMessageBox)
    assert box is not None
    assert "regio.json" in box.text()
    assert not hasattr(window, "import_dialog")
    assert catalog_in_use(store) == load_default_catalog()


def test_the_window_grabs_at_1366_by_768_with_the_form_in_view(
    qtbot: QtBot, window: CatalogManager, tmp_path: Path
) -> None:
    window.resize(1366, 768)
    window.select_entry("ondernemersklankbord")
    QApplication.processEvents()
    shot = window.grab()
    assert (shot.width(), shot.height()) == (1366, 768)
    assert shot.save(str(tmp_path / "catalogus.png"))
    assert window.form.name.isVisible()
    assert isinstance(window.form.entry(), Instrument)


@pytest.mark.parametrize("entry_id", ["ondernemersklankbord", "schuldhulpverlening"])
def test_no_two_controls_share_an_alt_letter(window: CatalogManager, entry_id: str) -> None:
    window.select_entry(entry_id)
    letters = [found for found, _text in offered_letters(window)]
    assert len(letters) == len(set(letters)), offered_letters(window)


def test_nagekeken_on_several_rows_dates_them_all(window: CatalogManager, store: Store) -> None:
    window.kind_field.setCurrentIndex(catalog_manager.KIND_STALE)
    selection = window.table.selectionModel()
    first, second = window.proxy.index(0, 0), window.proxy.index(1, 0)
    selection.select(
        QItemSelection(first, second),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    ids = window.selected_ids()
    assert len(ids) == 2
    window.mark_checked()
    catalog = catalog_in_use(store)
    entries: list[Entry] = [*catalog.instruments, *catalog.partners]
    assert {e.id for e in entries if e.last_checked == today()} >= set(ids)
    assert window.status.text().startswith("2 onderdelen zijn nagekeken op ")


def _choose_in_a_dossier(store: Store, instrument_id: str) -> None:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    service = IntakeService(store, actor_id)
    service.choose_instruments(CaseId(add_case(store)), [InstrumentId(instrument_id)])


def test_verwijderen_says_what_it_means_and_removes_an_unused_entry(
    window: CatalogManager, store: Store
) -> None:
    window.select_entry("mkb-diagnosetool")
    window.remove_button.click()
    dialog = window.remove_dialog
    assert dialog.question.text() == "“MKB Diagnosetool” verwijderen uit de catalogus?"
    assert "helemaal uit de catalogus" in dialog.explanation.text()
    assert "Geen dossier gebruikt dit instrument." in dialog.explanation.text()
    assert dialog.deactivate_button is None
    dialog.remove_button.click()
    assert catalog_in_use(store).instrument(InstrumentId("mkb-diagnosetool")) is None
    assert "MKB Diagnosetool" not in _row_texts(window, CatalogEntriesModel.COL_NAME)
    assert window.status.text() == "“MKB Diagnosetool” is uit de catalogus verwijderd."


def test_an_entry_used_in_a_dossier_offers_in_gebruik_uit_as_the_better_choice(
    window: CatalogManager, store: Store
) -> None:
    _choose_in_a_dossier(store, "ondernemersklankbord")
    window.select_entry("ondernemersklankbord")
    window.ask_remove()
    dialog = window.remove_dialog
    explanation = dialog.explanation.text()
    assert "Let op: 1 dossier gebruikt dit instrument." in explanation
    assert "mist de beschrijving, de kosten en de contactgegevens" in explanation
    assert "Beter: zet “In gebruik” uit." in explanation
    assert dialog.deactivate_button is not None and dialog.deactivate_button.isDefault()
    assert dialog.remove_button.text() == "Toch &verwijderen"
    dialog.deactivate_button.click()
    kept = catalog_in_use(store).instrument(InstrumentId("ondernemersklankbord"))
    assert kept is not None and not kept.active
    assert window.status.text().startswith("“Ondernemersklankbord” staat niet meer in gebruik")


def test_annuleren_in_the_confirmation_changes_nothing(
    window: CatalogManager, store: Store
) -> None:
    window.select_entry("mkb-diagnosetool")
    window.ask_remove()
    window.remove_dialog.reject()
    assert catalog_in_use(store) == load_default_catalog()


def test_removing_the_only_lead_partner_is_refused_and_names_the_route(
    window: CatalogManager, store: Store
) -> None:
    window.select_entry("werkgeversservicepunt")
    window.ask_remove()
    box = window.findChild(QMessageBox)
    assert box is not None
    assert box.text().startswith(
        "“Werkgeversservicepunt (WSP) van uw regio” kan niet worden verwijderd: dan heeft "
        "Route 3 geen partner meer die de regie heeft"
    )
    assert "kies bij Regie per route een ander soort partner" in box.text()
    assert not hasattr(window, "remove_dialog")
    assert catalog_in_use(store) == load_default_catalog()


def test_a_refused_removal_is_said_once_in_its_box_and_not_again_in_the_status_line(
    qtbot: QtBot, window: CatalogManager
) -> None:
    window.select_entry("werkgeversservicepunt")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "kan niet worden verwijderd" in box.text()
    assert window.status.text() == ""


def test_regie_per_route_says_before_saving_that_a_lead_has_no_partner(
    window: CatalogManager, store: Store
) -> None:
    window.route_leads_button.click()
    dialog = window.route_leads_dialog
    route_3 = dialog.choices[Route.EMPLOYMENT]
    route_3.setCurrentIndex(route_3.findData(PartnerType.MARKET_PARTY.value))
    problem = dialog.problems[Route.EMPLOYMENT]
    assert problem.isVisible()
    assert problem.text().startswith("Route 3 kan niet worden geleid door “Marktpartij”")
    assert not dialog.save_button.isEnabled()
    assert catalog_in_use(store) == load_default_catalog()


def test_regie_per_route_saves_another_lead_type(window: CatalogManager, store: Store) -> None:
    assert "route 3 Werkgeversservicepunt (WSP)" in window.route_leads.text()
    window.ask_route_leads()
    dialog = window.route_leads_dialog
    route_3 = dialog.choices[Route.EMPLOYMENT]
    route_3.setCurrentIndex(route_3.findData(PartnerType.LEERWERKLOKET.value))
    assert not dialog.problems[Route.EMPLOYMENT].isVisible()
    dialog.save_button.click()
    assert catalog_in_use(store).lead_type(Route.EMPLOYMENT) is PartnerType.LEERWERKLOKET
    assert "route 3 Leerwerkloket" in window.route_leads.text()
    assert window.status.text() == "De regie per route is opgeslagen."


def test_verwijderen_waits_for_unsaved_changes(window: CatalogManager) -> None:
    window.select_entry("mkb-diagnosetool")
    window.form.source.setText("regio Twente")
    assert not window.remove_button.isEnabled()
    window.ask_remove()
    assert not hasattr(window, "remove_dialog")
    assert window.status.text().startswith("Sla eerst op")


def test_the_delete_key_in_the_list_asks_to_remove_the_entry(
    qtbot: QtBot, window: CatalogManager
) -> None:
    window.select_entry("mkb-diagnosetool")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.remove_dialog.question.text() == (
        "“MKB Diagnosetool” verwijderen uit de catalogus?"
    )


def test_a_coordinator_told_fewer_than_five_dossiers_is_offered_in_gebruik_uit(
    window: CatalogManager,
) -> None:
    entry = load_default_catalog().instruments[0]
    dialog = RemoveEntryDialog(entry, DossierUse(None), window)
    explanation = dialog.explanation.text()
    assert "Let op: minder dan 5 dossiers gebruiken dit instrument." in explanation
    assert "Het precieze aantal ziet u als coördinator niet" in explanation
    assert dialog.deactivate_button is not None and dialog.deactivate_button.isDefault()
    assert dialog.remove_button.text() == "Toch &verwijderen"


def test_in_gebruik_off_for_the_only_lead_partner_is_said_at_the_field(
    window: CatalogManager, store: Store
) -> None:
    window.select_entry("werkgeversservicepunt")
    window.form.active.setChecked(False)
    error = window.form.errors["active"]
    assert error.isVisible()
    assert error.text().startswith(
        "Dit kan niet: dan heeft Route 3 geen partner meer die de regie heeft"
    )
    assert not window.save()
    assert catalog_in_use(store) == load_default_catalog()
