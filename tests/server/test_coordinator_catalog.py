"""The region's catalog on the server: only the coordinator replaces it, every counter
works from it, and a caseworker who tries is told why in Dutch."""

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from casedesk import clock
from casedesk.catalog.fileformat import load_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.cli import main
from casedesk.domain.catalog import PartnerType
from casedesk.domain.catalog_edit import DossierUse, next_version
from casedesk.domain.routes import Route
from casedesk.services.catalog import (
    CatalogChangeRefusedError,
    catalog_in_use,
    import_catalog,
    read_catalog_to_change,
)
from casedesk.services.catalog_editing import CatalogEditor
from tests.conftest import MemoryKeyring
from tests.server.region import PASSWORD, Region
from tests.services.regional_catalog import regional_catalog

TODAY = date(2026, 12, 1)


@dataclass(frozen=True)
class Logins:
    region: Region
    kim: str
    anne: str


@pytest.fixture(scope="module")
def logins(region: Region) -> Logins:
    """Kim works for Amsterdam; Anne coordinates the region."""
    return Logins(
        region, region.add_caseworker("kim", "GM0363"), region.add_coordinator("anne", "Anne")
    )


def _owner_rows(region: Region, sql: str) -> list[tuple[object, ...]]:
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def _connected(region: Region, login: str, folder: Path) -> Path:
    """A data folder whose commands work on the server as ``login`` (``casedesk connect``)."""
    password_file = folder / "wachtwoord"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    data = folder / "data"
    address = region.url_for(login).set(drivername="postgresql")._replace(password=None)
    assert main(["--data-dir", str(data), "connect", address.render_as_string(hide_password=False),
                 "--password-file", str(password_file)]) == 0  # fmt: skip
    return data


def test_the_coordinator_imports_and_exports_the_regions_catalog_on_the_command_line(
    logins: Logins, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data = _connected(logins.region, logins.anne, tmp_path)
    regional = regional_catalog("2026-12")
    export_catalog(regional, tmp_path / "regio.json")

    assert main(
        ["--data-dir", str(data), "catalog", "import", str(tmp_path / "regio.json"), "--yes"]
    ) == 0
    assert "De nieuwe catalogus is in gebruik." in capsys.readouterr().out
    # Every counter of the region now works from it.
    with logins.region.store_as(logins.kim) as store:
        assert catalog_in_use(store) == regional
    assert main(["--data-dir", str(data), "catalog", "export", str(tmp_path / "uit.json")]) == 0
    assert load_catalog(tmp_path / "uit.json") == regional
    logged = _owner_rows(
        logins.region,
        "SELECT action, recorded_by, outcome FROM audit_events "
        "WHERE action IN ('catalog.imported', 'catalog.exported') ORDER BY id",
    )
    assert logged[-2:] == [
        ("catalog.imported", logins.anne, "done"), ("catalog.exported", logins.anne, "done"),
    ]  # fmt: skip


def test_the_coordinator_issues_a_version_on_the_command_line_for_every_counter(
    logins: Logins, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data = _connected(logins.region, logins.anne, tmp_path)
    with logins.region.store_as(logins.kim) as store:
        before = catalog_in_use(store)
    sent = tmp_path / "versie.json"
    assert main(["--data-dir", str(data), "catalog", "export", str(sent),
                 "--author", "Anne de Wit", "--region", "Groot Amsterdam"]) == 0  # fmt: skip
    issued = load_catalog(sent)
    assert (issued.version, issued.author, issued.region) == (
        next_version(before.version, clock.today()), "Anne de Wit", "AM18",
    )  # fmt: skip
    assert f"versie {issued.version}" in capsys.readouterr().out
    with logins.region.store_as(logins.kim) as store:
        assert catalog_in_use(store) == issued
    # A file that changes something is not taken without --yes (no terminal here).
    export_catalog(regional_catalog("2027-02"), tmp_path / "ander.json")
    assert main(["--data-dir", str(data), "catalog", "import", str(tmp_path / "ander.json")]) == 1
    assert "--yes" in capsys.readouterr().err
    with logins.region.store_as(logins.kim) as store:
        assert catalog_in_use(store) == issued


def test_a_caseworker_cannot_issue_a_version_on_the_command_line(
    logins: Logins, tmp_path: Path, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    data = _connected(logins.region, logins.kim, tmp_path)
    with logins.region.store_as(logins.kim) as store:
        before = catalog_in_use(store)
    capsys.readouterr()
    status = main(["--data-dir", str(data), "catalog", "export", str(tmp_path / "v.json"),
                   "--author", "Kim", "--region", "AM99"])  # fmt: skip
    assert status == 1
    # The role is asked first: Kim hears why, not what is wrong with the region.
    assert "Alleen de coördinator van de regio" in capsys.readouterr().err
    assert not (tmp_path / "v.json").exists()
    with logins.region.store_as(logins.kim) as store:
        assert catalog_in_use(store) == before
    refused = _owner_rows(
        logins.region,
        "SELECT recorded_by FROM audit_events WHERE action = 'catalog.exported' "
        "AND outcome = 'refused'",
    )
    assert (logins.kim,) in refused


def test_the_coordinator_keeps_an_entry_in_the_app(logins: Logins) -> None:
    with logins.region.store_as(logins.anne) as store:
        editor = CatalogEditor(store)
        first = editor.catalog().instruments[0]
        editor.save(dataclasses.replace(first, description="Een nieuwe tekst."), TODAY)
        editor.mark_checked([first.id], TODAY)
    with logins.region.store_as(logins.kim) as store:
        changed = catalog_in_use(store).instruments[0]
    assert (changed.description, changed.last_checked) == ("Een nieuwe tekst.", TODAY)


def test_a_caseworker_is_refused_in_dutch_and_the_catalog_stays_as_it_was(
    logins: Logins, tmp_path: Path
) -> None:
    export_catalog(regional_catalog("2027-01"), tmp_path / "anders.json")
    with logins.region.store_as(logins.kim) as store:
        before = catalog_in_use(store)
        with pytest.raises(CatalogChangeRefusedError, match="Alleen de coördinator van de regio"):
            import_catalog(store, tmp_path / "anders.json")
        editor = CatalogEditor(store)
        first = before.instruments[0]
        with pytest.raises(CatalogChangeRefusedError):
            editor.save(dataclasses.replace(first, description="Van Kim."), TODAY)
        with pytest.raises(CatalogChangeRefusedError):
            editor.mark_checked([first.id], TODAY)
        with pytest.raises(CatalogChangeRefusedError):
            editor.export_version(tmp_path / "versie.json", "Kim", TODAY)
        assert catalog_in_use(store) == before
    assert not (tmp_path / "versie.json").exists()
    refused = _owner_rows(
        logins.region,
        "SELECT recorded_by FROM audit_events WHERE action = 'catalog.imported' "
        "AND outcome = 'refused'",
    )
    assert refused == [(logins.kim,)]


@pytest.fixture
def straight(logins: Logins) -> Iterator[dict[str, psycopg.Connection[tuple[object, ...]]]]:
    """Kim's and Anne's own logins, straight to the server (no casedesk in between)."""
    connections = {}
    try:
        for login in (logins.kim, logins.anne):
            connections[login] = logins.region.straight_to_server(login)
        yield connections
    finally:
        for connection in connections.values():
            connection.close()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO catalog_versions (version, title, sha256, document_json, imported_at) "
        "VALUES ('x', 'x', 'x', '{}', now())",
        "DELETE FROM catalog_instruments",
        "UPDATE catalog_partners SET name = 'x'",
        "INSERT INTO settings (key, value) VALUES ('catalog.current_version_id', '1')",
    ],
)
def test_a_caseworkers_login_cannot_change_the_catalog_on_the_server(
    straight: dict[str, psycopg.Connection[tuple[object, ...]]], logins: Logins, statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        straight[logins.kim].execute(statement)


def test_the_coordinator_writes_no_setting_but_the_catalog_in_use_and_reads_no_persons(
    straight: dict[str, psycopg.Connection[tuple[object, ...]]], logins: Logins
) -> None:
    engine = logins.region.owner_engine()
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO settings (key, value) VALUES ('caseworker.1.email', "
                    "'kim@gemeente.nl'), ('municipality.code', 'GM0363') ON CONFLICT DO NOTHING"
                )
            )
    finally:
        engine.dispose()
    anne = straight[logins.anne]
    assert anne.execute("SELECT key FROM settings WHERE key LIKE 'caseworker.%'").fetchall() == []
    assert straight[logins.kim].execute(
        "SELECT value FROM settings WHERE key = 'caseworker.1.email'"
    ).fetchall() == [("kim@gemeente.nl",)]
    # A row policy leaves other keys out of an UPDATE, and refuses to add them.
    changed = anne.execute("UPDATE settings SET value = 'GM0344' WHERE key = 'municipality.code'")
    assert changed.rowcount == 0
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        anne.execute("INSERT INTO settings (key, value) VALUES ('privacy.text', 'x')")
    for statement in ("DELETE FROM settings", "DELETE FROM catalog_versions",
                      "UPDATE catalog_versions SET title = 'x'"):  # fmt: skip
        with pytest.raises(errors.InsufficientPrivilege):
            anne.execute(statement)
    assert _owner_rows(
        logins.region, "SELECT value FROM settings WHERE key = 'municipality.code'"
    ) == [("GM0363",)]


def test_the_coordinator_removes_an_entry_and_chooses_a_route_lead_on_the_server(
    logins: Logins,
) -> None:
    with logins.region.store_as(logins.anne) as store:
        editor = CatalogEditor(store)
        last = editor.catalog().instruments[-1]
        assert editor.dossiers_using(last.id) == DossierUse(0)
        editor.remove_entry(last.id)
        editor.set_route_leads({Route.EMPLOYMENT: PartnerType.LEERWERKLOKET})
    with logins.region.store_as(logins.kim) as store:
        seen = catalog_in_use(store)
        assert seen.instrument(last.id) is None
        assert seen.lead_type(Route.EMPLOYMENT) is PartnerType.LEERWERKLOKET
    logged = _owner_rows(
        logins.region,
        "SELECT action, recorded_by FROM audit_events WHERE action IN "
        "('catalog.entry_removed', 'catalog.route_leads_changed') ORDER BY id",
    )
    assert logged == [
        ("catalog.entry_removed", logins.anne), ("catalog.route_leads_changed", logins.anne),
    ]  # fmt: skip


def test_a_second_catalog_change_waits_until_the_first_is_committed(logins: Logins) -> None:
    # Under READ COMMITTED both would check the same catalog and the last would win unseen.
    with (
        logins.region.store_as(logins.anne) as first,
        logins.region.store_as(logins.anne) as second,
        first.transaction() as changing,
    ):
        read_catalog_to_change(changing)
        with pytest.raises(OperationalError, match="lock timeout"), second.session() as waiting:
            waiting.execute(text("SET lock_timeout = '200ms'"))
            read_catalog_to_change(waiting)
