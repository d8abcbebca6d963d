"""Bestand › Verbinden met regionale server… and Terug naar opslag op deze computer, on
the real test server: the same use case as ``casedesk connect``."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from casedesk.cli import desktop_start
from casedesk.db.keys import SERVER_SERVICE_NAME
from casedesk.db.location import StoreLocation
from casedesk.db.server.choice import saved_connection
from casedesk.ui.desktop import DesktopSession
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import StoreInfo
from casedesk.ui.setup.connect_dialog import NOT_FIT, ServerConnectionDialog
from casedesk.wiring.desktop import server_connection_ports
from tests.conftest import MemoryKeyring
from tests.server.region import PASSWORD, Region, new_region
from tests.server.tls_cluster import KEY_PASSPHRASE, TlsServer, tls_server
from tests.ui.mnemonics import clashes

pytestmark = pytest.mark.qt


@pytest.fixture(scope="module")
def region() -> Iterator[Region]:
    with new_region() as made:
        yield made


@pytest.fixture(scope="module")
def kim(region: Region) -> str:
    login = region.add_caseworker("kim", "GM0363")
    region.add_dossier(login, "GM0363")
    return login


@pytest.fixture
def location(tmp_path: Path, memory_keyring: MemoryKeyring) -> StoreLocation:
    return StoreLocation.in_dir(tmp_path / "data")


def _dialog(qtbot: QtBot, location: StoreLocation) -> ServerConnectionDialog:
    dialog = ServerConnectionDialog(server_connection_ports(location))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(dialog: ServerConnectionDialog, region: Region, login: str, password: str) -> None:
    dialog.server_field.setText(str(region.admin.host))
    dialog.port_field.setText(str(region.admin.port))
    dialog.database_field.setText(region.database)
    dialog.user_field.setText(login)
    dialog.password_field.setText(password)


def _test(qtbot: QtBot, dialog: ServerConnectionDialog) -> None:
    """Verbinding testen, and the wait for its answer (it runs in a thread of its own)."""
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.testing
    qtbot.waitUntil(lambda: not dialog.testing)


def _window(qtbot: QtBot, location: StoreLocation, tmp_path: Path) -> MainWindow:
    session = DesktopSession(desktop_start(location))
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        session.fetch_page, StoreInfo(location.store_file), session.window_actions(), settings,
        store_opening=True,
    )  # fmt: skip
    qtbot.addWidget(window)
    return window


def _action(window: MainWindow, name: str) -> QAction | None:
    return window.findChild(QAction, name)


def _box(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is not None)
    box = window.findChild(QMessageBox, name)
    assert isinstance(box, QMessageBox)
    return box


def test_the_test_button_says_the_server_answers_and_the_login_is_fit(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    _fill(dialog, region, kim, "")
    qtbot.keyClicks(dialog.password_field, PASSWORD)
    _test(qtbot, dialog)
    said = dialog.result_label.text()
    assert f"Server bereikbaar; aangemeld als {kim}." in said
    assert "Verbinding zonder versleuteling: alleen toegestaan met een server op deze " in said
    assert "Schema is actueel" in said
    assert "Gebruiker is geen superuser, geen eigenaar en heeft geen BYPASSRLS." in said
    assert said.endswith("In orde: u kunt verbinden.")
    assert not location.connection_file.exists()  # a test keeps nothing


def test_the_test_button_shows_why_the_login_fails(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    _fill(dialog, region, kim, "niet-het-wachtwoord")
    _test(qtbot, dialog)
    assert dialog.error.isVisible()
    assert "wachtwoord of gebruikersnaam klopt niet" in dialog.error.text()
    assert dialog.result_label.isHidden()


def test_the_test_button_says_the_owners_login_is_not_for_the_app(
    qtbot: QtBot, region: Region, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    _fill(dialog, region, region.owner, PASSWORD)
    _test(qtbot, dialog)
    said = dialog.result_label.text()
    assert "eigenaar van de tabellen" in said
    assert said.endswith(NOT_FIT)


def test_a_missing_certificate_file_is_named_and_nothing_is_kept(
    qtbot: QtBot, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    dialog.server_field.setText("server.regio.nl")
    dialog.database_field.setText("casedesk")
    dialog.user_field.setText("kim")
    dialog.certificate_field.setText(str(location.data_dir / "kwijt.crt"))
    dialog.key_field.setText(str(location.data_dir / "kwijt.key"))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "(het clientcertificaat) bestaat niet" in dialog.error.text()
    assert dialog.isVisible()
    assert not location.connection_file.exists()


def test_an_empty_field_is_named_before_anything_is_tried(
    qtbot: QtBot, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    dialog.server_field.setText("server.regio.nl")
    _test(qtbot, dialog)
    assert dialog.error.text() == "Vul de database in. Uw beheerder heeft u deze gegevens gegeven."


def test_the_dialog_offers_each_alt_letter_once(qtbot: QtBot, location: StoreLocation) -> None:
    assert clashes(_dialog(qtbot, location)) == {}


def test_connecting_from_the_menu_keeps_the_server_for_the_next_start(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation, tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    window = _window(qtbot, location, tmp_path)
    assert _action(window, "backToLocalAction") is None  # working here: nothing to go back to
    connect = _action(window, "connectServerAction")
    assert connect is not None
    assert connect.text() == "&Verbinden met regionale server…"
    connect.trigger()
    dialog = window.findChild(ServerConnectionDialog)
    assert isinstance(dialog, ServerConnectionDialog)
    _fill(dialog, region, kim, PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    box = _box(qtbot, window, "infoBox")
    where = f"regionale server 127.0.0.1, database {region.database}"
    assert box.text().startswith(f"Verbonden met de {where} als {kim}.")
    assert "vanaf de volgende start" in box.text()
    saved = saved_connection(location)
    assert saved is not None
    assert PASSWORD not in location.connection_file.read_text(encoding="utf-8")
    assert list(memory_keyring.entries.values()) == [PASSWORD]
    # The next start opens the server, and says so in the status bar.
    start = desktop_start(location)
    assert start.store_description == f"Opslag: {where}"
    opened = start.open_store()
    try:
        assert [case.entrepreneur_name for case in opened.cases("", None, 10)] == ["Anna Kok"]
    finally:
        opened.close()


def test_the_dialog_shows_the_saved_server_without_its_password(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation
) -> None:
    first = _dialog(qtbot, location)
    _fill(first, region, kim, PASSWORD)
    first.connect_and_keep()
    again = _dialog(qtbot, location)
    assert [again.server_field.text(), again.port_field.text(), again.database_field.text()] == [
        "127.0.0.1", str(region.admin.port), region.database,
    ]  # fmt: skip
    assert again.user_field.text() == kim
    assert again.password_field.text() == ""


def test_connecting_as_someone_else_forgets_the_first_logins_password(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    first = _dialog(qtbot, location)
    _fill(first, region, kim, PASSWORD)
    first.connect_and_keep()
    lotte = region.add_caseworker("lotte", "GM0363")
    second = _dialog(qtbot, location)
    _fill(second, region, lotte, PASSWORD)
    second.connect_and_keep()
    saved = saved_connection(location)
    assert saved is not None
    assert lotte in saved.address
    assert list(memory_keyring.entries) == [(SERVER_SERVICE_NAME, saved.address)]


def _connected_window(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation, tmp_path: Path
) -> MainWindow:
    dialog = _dialog(qtbot, location)
    _fill(dialog, region, kim, PASSWORD)
    dialog.connect_and_keep()
    assert location.connection_file.exists()
    return _window(qtbot, location, tmp_path)


def test_back_to_this_computer_after_confirming(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation, tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    window = _connected_window(qtbot, region, kim, location, tmp_path)
    back = _action(window, "backToLocalAction")
    assert back is not None
    back.trigger()
    confirm = _box(qtbot, window, "backToLocalBox")
    button = confirm.findChild(QPushButton, "backToLocalButton")
    assert isinstance(button, QPushButton)
    button.click()
    said = _box(qtbot, window, "infoBox").text()
    assert "vanaf de volgende start weer met de opslag op deze computer" in said
    assert "Er is nog geen opslag op deze computer" in said
    assert not location.connection_file.exists()
    assert not memory_keyring.entries
    assert desktop_start(location).store_description is None


def test_cancelling_the_way_back_keeps_the_server(
    qtbot: QtBot, region: Region, kim: str, location: StoreLocation, tmp_path: Path
) -> None:
    window = _connected_window(qtbot, region, kim, location, tmp_path)
    back = _action(window, "backToLocalAction")
    assert back is not None
    back.trigger()
    confirm = _box(qtbot, window, "backToLocalBox")
    cancel = confirm.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None
    cancel.click()
    assert location.connection_file.exists()
    assert window.findChild(QMessageBox, "infoBox") is None


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    with tls_server(tmp_path_factory.mktemp("tls")) as started:
        yield started


def _fill_with_certificate(dialog: ServerConnectionDialog, tls: TlsServer, passphrase: str) -> None:
    dialog.server_field.setText("localhost")
    dialog.port_field.setText(str(tls.port))
    dialog.database_field.setText(tls.region.database)
    dialog.user_field.setText(tls.login)
    dialog.password_field.setText(PASSWORD)
    dialog.certificate_field.setText(str(tls.certificates.client_certificate))
    dialog.key_field.setText(str(tls.certificates.client_key))
    dialog.key_passphrase_field.setText(passphrase)
    dialog.root_certificate_field.setText(str(tls.certificates.root))


def test_with_a_client_certificate_the_test_says_tls_and_the_server_are_checked(
    qtbot: QtBot, tls: TlsServer, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    _fill_with_certificate(dialog, tls, KEY_PASSPHRASE)
    _test(qtbot, dialog)
    said = dialog.result_label.text()
    assert "het certificaat en de naam van de server zijn gecontroleerd (verify-full)" in said
    assert said.endswith("In orde: u kunt verbinden.")


def test_a_wrong_passphrase_of_the_key_is_said_in_the_dialog(
    qtbot: QtBot, tls: TlsServer, location: StoreLocation
) -> None:
    dialog = _dialog(qtbot, location)
    _fill_with_certificate(dialog, tls, "niet-de-sleutel")
    _test(qtbot, dialog)
    assert "het wachtwoord van de sleutel klopt niet" in dialog.error.text()


def test_connecting_with_a_certificate_keeps_its_files_and_the_keys_passphrase(
    qtbot: QtBot, tls: TlsServer, location: StoreLocation, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot, location)
    _fill_with_certificate(dialog, tls, KEY_PASSPHRASE)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = saved_connection(location)
    assert saved is not None
    assert saved.files.key == tls.certificates.client_key
    assert KEY_PASSPHRASE not in location.connection_file.read_text(encoding="utf-8")
    assert KEY_PASSPHRASE in memory_keyring.entries.values()
    again = _dialog(qtbot, location)
    assert again.key_field.text() == str(tls.certificates.client_key)
    assert again.key_passphrase_field.text() == ""
