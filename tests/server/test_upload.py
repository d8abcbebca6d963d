"""casedesk server upload: a laptop's encrypted store moves into the region, once."""

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.orm import Session

from casedesk.cli import main
from casedesk.db import settings_repo, steps
from casedesk.db.backup import list_backups
from casedesk.db.cases import BusinessData, EntrepreneurData, create_case
from casedesk.db.dossier_rows import dossier_tables, read_dossier_rows
from casedesk.db.intake_repo import caseworker_names
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server.connection import address_without_password
from casedesk.db.server.store import server_url
from casedesk.db.server.upload import local_dossiers, local_store_id, login_caseworker
from casedesk.db.store import open_store
from casedesk.services import server_upload
from casedesk.services.cases import list_cases
from casedesk.services.demo.dossiers import DEMO_DOSSIERS, add_demo_dossiers
from casedesk.services.municipality_settings import caseworker_email, save_caseworker_email
from tests.cli import test_full_disk as full_disk
from tests.conftest import MemoryKeyring
from tests.server.region import PASSWORD, Region, new_region
from tests.services.full_dossier import add_full_dossier, empty_columns
from tests.stores import new_store

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
TILBURG = "GM0855"
UTRECHT = "GM0344"


@pytest.fixture(scope="module")
def fatma(region: Region) -> str:
    """Fatma works for Tilburg, on her laptop and (by the same name) on the server."""
    region.save_region_settings()
    return region.add_caseworker("fatma", TILBURG, display_name="Fatma Özdemir")


LAPTOP_DOSSIERS = len(DEMO_DOSSIERS) + 1


@pytest.fixture
def laptop(tmp_path: Path, keychain: Keychain) -> StoreLocation:
    """Fatma's laptop store with every kind of demo dossier (plans, referrals, closing…)
    and one with every column of every dossier table filled."""
    with new_store(tmp_path / "laptop", keychain) as store:
        add_demo_dossiers(store, NOW)
        add_full_dossier(store, municipality_code=TILBURG)
        return store.location


def _address(region: Region, login: str) -> str:
    url = region.url_for(login).set(drivername="postgresql")._replace(password=None)
    return url.render_as_string(hide_password=False)


def _upload(region: Region, login: str, laptop: StoreLocation, *more: str) -> int:
    password_file = laptop.data_dir.parent / "wachtwoord"
    if not password_file.exists():
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    return main([
        "--data-dir", str(laptop.data_dir), "server", "upload",
        "--server", _address(region, login), "--password-file", str(password_file), *more,
    ])  # fmt: skip


def _laptop_dossiers(laptop: StoreLocation, keychain: Keychain) -> tuple[str, list[int]]:
    with open_store(laptop, keychain) as store, store.session() as session:
        return local_store_id(session), [one.case_id for one in local_dossiers(session)]


def _uploads(region: Region, store_id: str) -> dict[int, int]:
    """As the owner: laptop number -> server number of what this laptop store uploaded."""
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT source_case_id, server_case_id FROM case_uploads "
                    "WHERE source_store = :store"
                ),
                {"store": store_id},
            )
            return {int(row[0]): int(row[1]) for row in rows}
    finally:
        engine.dispose()


def _server_counts(region: Region) -> dict[str, int]:
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            return {
                name: int(connection.scalar(text(f"SELECT count(*) FROM {name}")) or 0)
                for name in (
                    *(one.name for one in dossier_tables()), "case_uploads", "audit_events",
                    "case_search",
                )
            }
    finally:
        engine.dispose()


def _copies_of_each_person(region: Region, laptop: StoreLocation, keychain: Keychain) -> list[int]:
    """As the owner: how many dossiers the server has of each laptop dossier's person (the
    region's other tests upload the same demo people)."""
    with open_store(laptop, keychain) as store, store.session() as session:
        people = [
            (rows["voornamen"], rows["achternaam"])
            for case_id in (one.case_id for one in local_dossiers(session))
            for rows in read_dossier_rows(session, case_id).tables["entrepreneurs"]
        ]
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            return [
                int(
                    connection.scalar(
                        text(
                            "SELECT count(*) FROM cases c JOIN entrepreneurs e "
                            "ON e.id = c.entrepreneur_id "
                            "WHERE e.voornamen = :first AND e.achternaam = :last"
                        ),
                        {"first": first, "last": last},
                    )
                    or 0
                )
                for first, last in people
            ]
    finally:
        engine.dispose()


def _as_read(session: Session, case_id: int) -> dict[str, list[dict[str, Any]]]:
    """A dossier's stored rows as the inzage reads them, without the ids each store gives
    its own rows, and caseworkers by name."""
    rows = read_dossier_rows(session, case_id)
    staff = caseworker_names(session)
    read: dict[str, list[dict[str, Any]]] = {}
    for table in dossier_tables():
        for row in rows.tables[table.name]:
            item = {}
            for name, value in row.items():
                targets = {key.column.table.name for key in table.c[name].foreign_keys}
                if name == "id" or targets - {"caseworkers"}:
                    continue
                item[name] = staff.get(value) if targets and value is not None else value
            read.setdefault(table.name, []).append(item)
    return read


def test_a_dry_run_says_what_will_be_added_with_the_new_numbers_and_changes_nothing(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = _server_counts(region)
    assert _upload(region, fatma, laptop) == 0
    said = capsys.readouterr().out
    assert "Proefrun: er verandert niets." in said
    assert f"Tilburg ({TILBURG}): {LAPTOP_DOSSIERS} dossiers" in said
    assert len(re.findall(r"dossier \d+ (wordt \d+|houdt nummer \d+)", said)) == LAPTOP_DOSSIERS
    assert "met --yes" in said
    assert _server_counts(region) == before
    assert list_backups(laptop) == []
    assert not laptop.connection_file.exists()


def test_the_upload_brings_every_part_of_each_dossier_under_the_numbers_it_named(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert _upload(region, fatma, laptop) == 0
    named = dict(re.findall(r"dossier (\d+) wordt (\d+)", capsys.readouterr().out))
    assert _upload(region, fatma, laptop, "--yes") == 0
    said = capsys.readouterr().out
    store_id, numbers = _laptop_dossiers(laptop, keychain)
    uploaded = _uploads(region, store_id)
    assert sorted(uploaded) == numbers
    assert {str(here): str(there) for here, there in uploaded.items() if here != there} == named
    with open_store(laptop, keychain) as local, region.store_as(fatma) as server:
        with local.session() as here, server.session() as there:
            assert empty_columns(read_dossier_rows(here, numbers[-1])) == []
            for number in numbers:
                assert _as_read(there, uploaded[number]) == _as_read(here, number)
        assert sorted(
            (one.entrepreneur_name, one.municipality, one.route, one.status)
            for one in list_cases(server) if one.case_id in uploaded.values()
        ) == sorted(
            (one.entrepreneur_name, one.municipality, one.route, one.status)
            for one in list_cases(local)
        )  # fmt: skip
        # The server's search finds an uploaded dossier by its person's name.
        with local.session() as session:
            surname = read_dossier_rows(session, numbers[0]).tables["entrepreneurs"][0]
        assert [one.case_id for one in list_cases(server, str(surname["achternaam"]))] == [
            uploaded[numbers[0]]
        ]
    assert f"Klaar: {len(numbers)} dossiers toegevoegd" in said
    assert str(laptop.store_file) in said
    assert "casedesk connect --local" in said  # this computer now works with the server
    assert laptop.connection_file.exists()


def test_each_uploaded_dossier_leaves_an_event_without_personal_data_and_the_chain_holds(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert _upload(region, fatma, laptop, "--yes") == 0
    store_id, _numbers = _laptop_dossiers(laptop, keychain)
    uploaded = _uploads(region, store_id)
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            events = connection.execute(
                text(
                    "SELECT case_id, details_json, recorded_by FROM audit_events "
                    "WHERE action = 'case.uploaded' AND case_id = ANY(:cases) ORDER BY case_id"
                ),
                {"cases": list(uploaded.values())},
            ).all()
    finally:
        engine.dispose()
    assert [event.case_id for event in events] == sorted(uploaded.values())
    assert {event.recorded_by for event in events} == {fatma}
    assert all(
        event.details_json == f'{{"source_case": {here}, "source_store": "{store_id}"}}'
        for here, event in zip(sorted(uploaded, key=uploaded.__getitem__), events, strict=True)
    )
    owner = region.owner_url.set(drivername="postgresql").render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["server", "audit-verify", "--server", owner]) == 0


def test_a_rerun_adds_nothing(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    people_before = _copies_of_each_person(region, laptop, keychain)
    assert _upload(region, fatma, laptop, "--yes") == 0
    before = _server_counts(region)
    capsys.readouterr()
    assert _upload(region, fatma, laptop, "--yes") == 0
    said = capsys.readouterr().out
    assert f"(eerder geüpload, wordt overgeslagen): {LAPTOP_DOSSIERS} dossiers" in said
    assert "Klaar: 0 dossiers toegevoegd" in said
    assert _server_counts(region) == before
    once_more = [count + 1 for count in people_before]
    assert _copies_of_each_person(region, laptop, keychain) == once_more


class _InterruptedError(Exception):
    pass


@pytest.fixture
def stop_in_the_third_dossier() -> Iterator[None]:
    """The upload stops inside the third dossier's transaction, as a kill would."""
    written = 0

    def hook(step: str) -> None:
        nonlocal written
        if step == server_upload.WRITTEN_STEP:
            written += 1
            if written == 3:
                raise _InterruptedError

    steps.set_hook(hook)
    try:
        yield
    finally:
        steps.set_hook(None)


def test_an_upload_stopped_halfway_and_run_again_has_each_dossier_exactly_once(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, stop_in_the_third_dossier: None,
) -> None:  # fmt: skip
    people_before = _copies_of_each_person(region, laptop, keychain)
    with open_store(laptop, keychain) as local, region.store_as(fatma) as server:
        plan = server_upload.plan_upload(local, server)
        with pytest.raises(_InterruptedError):
            server_upload.upload(local, server, plan)
    store_id, numbers = _laptop_dossiers(laptop, keychain)
    assert len(_uploads(region, store_id)) == 2
    steps.set_hook(None)
    assert _upload(region, fatma, laptop, "--yes") == 0
    assert sorted(_uploads(region, store_id)) == numbers
    once_more = [count + 1 for count in people_before]
    assert _copies_of_each_person(region, laptop, keychain) == once_more


def test_a_dossier_of_a_municipality_the_login_does_not_serve_is_refused_and_not_written(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with open_store(laptop, keychain) as store, store.transaction() as session:
        utrecht = create_case(
            session, None, entrepreneur=EntrepreneurData("Joost", "van", "Oudegracht"),
            business=BusinessData(), municipality_code=UTRECHT, region_code=None,
            registration_date=date(2026, 11, 20),
        )  # fmt: skip
    assert _upload(region, fatma, laptop) == 0
    said = capsys.readouterr().out
    assert "Geweigerd: 1 dossier." in said
    assert f"Utrecht ({UTRECHT}): dossier {utrecht}. Uw aanmelding {fatma} mag geen" in said
    assert "Vraag uw beheerder" in said
    assert _upload(region, fatma, laptop, "--yes") == 1
    refused = capsys.readouterr()
    assert f"Verbind pas als ze er zijn: casedesk connect {_address(region, fatma)}" in (
        refused.err.replace("\n", " ")
    )
    store_id, numbers = _laptop_dossiers(laptop, keychain)
    assert sorted(_uploads(region, store_id)) == [one for one in numbers if one != utrecht]
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            joost = connection.scalar(
                text("SELECT count(*) FROM entrepreneurs WHERE achternaam = 'Oudegracht'")
            )
    finally:
        engine.dispose()
    assert joost == 0
    assert not laptop.connection_file.exists()  # the laptop keeps working on its own store


def test_a_server_that_does_not_answer_is_said_in_dutch_and_nothing_is_sent(
    laptop: StoreLocation, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = laptop.data_dir.parent / "wachtwoord"
    password_file.write_text("x\n", encoding="utf-8")
    address = "postgresql://fatma@127.0.0.1:9/casedesk"
    assert main(["--data-dir", str(laptop.data_dir), "server", "upload", "--server", address,
                 "--password-file", str(password_file), "--yes"]) == 1  # fmt: skip
    said = capsys.readouterr().err
    assert "niet bereiken" in said
    assert "Er is niets naar de server gestuurd." in said
    assert list_backups(laptop) == []


def test_a_laptop_store_the_app_has_open_is_said_in_dutch_and_nothing_is_sent(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = _server_counts(region)
    with open_store(laptop, keychain):
        assert _upload(region, fatma, laptop, "--yes") == 1
    said = capsys.readouterr().err
    assert "De opslag op deze computer kan niet worden geopend" in said
    assert "Er is niets naar de server gestuurd." in said
    assert _server_counts(region) == before


def test_another_municipalitys_login_sees_no_upload_record_and_none_is_changed(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    assert _upload(region, fatma, laptop, "--yes") == 0
    store_id, _numbers = _laptop_dossiers(laptop, keychain)
    piet = region.add_caseworker(f"piet{store_id[:6]}", UTRECHT)
    with region.straight_to_server(piet) as connection:
        seen = connection.execute(
            "SELECT count(*) FROM case_uploads WHERE source_store = %s", [store_id]
        ).fetchone()
        assert seen == (0,)
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(
                "INSERT INTO case_uploads (source_store, source_case_id, server_case_id, "
                "municipality_code) VALUES ('x', 1, 1, %s)",
                [TILBURG],
            )
    with region.straight_to_server(fatma) as connection:
        # Her own records are added once and then kept: not changed, not removed.
        for statement in ("UPDATE case_uploads SET server_case_id = 1", "DELETE FROM case_uploads"):
            with pytest.raises(errors.InsufficientPrivilege):
                connection.execute(statement)


def test_a_server_of_another_casedesk_version_is_said_in_dutch_and_nothing_is_sent(
    laptop: StoreLocation, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    with new_region() as older:
        fatma = older.add_caseworker("fatma", TILBURG)
        engine = older.owner_engine()
        try:
            with engine.begin() as connection:
                connection.execute(text("UPDATE alembic_version SET version_num = '0031'"))
        finally:
            engine.dispose()
        assert _upload(older, fatma, laptop, "--yes") == 1
    said = capsys.readouterr().err
    assert "hoort bij een oudere versie van casedesk" in said
    assert "Er is niets naar de server gestuurd." in said
    assert list_backups(laptop) == []


disks = full_disk.disks


def test_a_full_disk_for_the_backup_is_said_in_dutch_and_nothing_is_sent(
    region: Region, fatma: str, disks: list[Path], keychain: Keychain,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with new_store(disks[0] / "laptop", keychain) as store:
        add_demo_dossiers(store, NOW, 2)
        laptop = store.location
    (disks[0] / "wachtwoord").write_text(PASSWORD + "\n", encoding="utf-8")
    before = _server_counts(region)
    filler = full_disk._fill(disks[0], leave=64 * 1024)
    assert _upload(region, fatma, laptop, "--yes") == 1
    said = capsys.readouterr().err
    assert "de schijf is vol" in said
    assert "Er is niets naar de server gestuurd" in said
    assert _server_counts(region) == before
    filler.unlink()


def test_two_dossiers_of_one_entrepreneur_stay_one_person_on_the_server(
    region: Region, fatma: str, tmp_path: Path, keychain: Keychain,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    with new_store(tmp_path / "laptop", keychain) as store:
        with store.transaction() as session:
            first, again = (
                create_case(
                    session, None, entrepreneur=EntrepreneurData("Ida", "", "Tweemaalzand"),
                    business=BusinessData(trade_name="Ida's Atelier"), municipality_code=TILBURG,
                    region_code=None, registration_date=day,
                )
                for day in (date(2025, 3, 1), date(2026, 11, 20))
            )  # fmt: skip
            session.execute(
                text(
                    "UPDATE cases SET entrepreneur_id = (SELECT entrepreneur_id FROM cases "
                    "WHERE id = :first), business_id = (SELECT business_id FROM cases "
                    "WHERE id = :first) WHERE id = :again"
                ),
                {"first": first, "again": again},
            )
        laptop = store.location
    assert _upload(region, fatma, laptop, "--yes") == 0
    store_id, _numbers = _laptop_dossiers(laptop, keychain)
    uploaded = _uploads(region, store_id)
    engine = region.owner_engine()
    try:
        with engine.connect() as connection:
            people = connection.execute(
                text(
                    "SELECT DISTINCT entrepreneur_id, business_id FROM cases WHERE id = ANY(:ids)"
                ),
                {"ids": [uploaded[first], uploaded[again]]},
            ).all()
            named = connection.scalar(
                text("SELECT count(*) FROM entrepreneurs WHERE achternaam = 'Tweemaalzand'")
            )
    finally:
        engine.dispose()
    assert len(people) == 1
    assert named == 1


def test_a_laptop_store_the_key_does_not_open_is_said_in_dutch_and_nothing_is_sent(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    keychain.save_key(laptop.store_file, os.urandom(32))
    before = _server_counts(region)
    assert _upload(region, fatma, laptop, "--yes") == 1
    said = capsys.readouterr().err
    assert "De opslag op deze computer kan niet worden geopend" in said
    assert "Er is niets naar de server gestuurd." in said
    assert _server_counts(region) == before


def test_a_dossier_erased_on_the_server_since_its_upload_does_not_come_back(
    region: Region, fatma: str, laptop: StoreLocation, keychain: Keychain,
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert _upload(region, fatma, laptop, "--yes") == 0
    store_id, numbers = _laptop_dossiers(laptop, keychain)
    erased = _uploads(region, store_id)[numbers[0]]
    engine = region.owner_engine()
    try:
        with engine.begin() as connection:
            connection.execute(
                text("SELECT casedesk_erase_case(:case, 'restore', 'test')"), {"case": erased}
            )
    finally:
        engine.dispose()
    before = _server_counts(region)
    capsys.readouterr()
    assert _upload(region, fatma, laptop) == 0
    assert f"dossier {numbers[0]} is {erased} (daar sindsdien verwijderd; komt niet terug)" in (
        capsys.readouterr().out
    )
    assert _upload(region, fatma, laptop, "--yes") == 0
    assert _server_counts(region) == before


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_an_upload_killed_inside_a_dossier_and_run_again_has_each_dossier_exactly_once(
    region: Region, fatma: str, tmp_path: Path, real_keychain: Keychain
) -> None:
    with new_store(tmp_path / "laptop", real_keychain) as store:
        add_demo_dossiers(store, NOW, 4)
        laptop = store.location
    people_before = _copies_of_each_person(region, laptop, real_keychain)
    password_file = tmp_path / "wachtwoord"
    password_file.write_text(PASSWORD + "\n", encoding="utf-8")
    address = _address(region, fatma)
    try:
        killed = subprocess.run(
            [sys.executable, "-m", "tests.server.upload_child", "3",
             "--data-dir", str(laptop.data_dir), "server", "upload", "--server", address,
             "--password-file", str(password_file), "--yes"],
            cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        store_id, numbers = _laptop_dossiers(laptop, real_keychain)
        assert len(_uploads(region, store_id)) == 2
        assert _upload(region, fatma, laptop, "--yes") == 0
        assert sorted(_uploads(region, store_id)) == numbers
        once_more = [count + 1 for count in people_before]
        assert _copies_of_each_person(region, laptop, real_keychain) == once_more
    finally:
        real_keychain.delete_server_password(
            address_without_password(server_url(address))
        )
        real_keychain.delete_key(laptop.store_file)


def test_a_namesake_of_another_municipality_is_not_made_the_caseworker_of_an_upload(
    laptop: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    # The server refuses a dossier in the name of someone who is no colleague.
    with new_region() as region:
        region.save_region_settings()
        region.add_caseworker("fatma_utrecht", UTRECHT, display_name="Fatma Özdemir")
        sanne = region.add_caseworker("sanne", TILBURG, display_name="Sanne Bos")
        with open_store(laptop, keychain) as local, region.store_as(sanne) as server:
            plan = server_upload.plan_upload(local, server)
            with server.session() as session:
                own = login_caseworker(session.connection())
        assert set(plan.caseworker_map.values()) == {own}
        assert "Fatma Özdemir" in plan.unmatched_caseworkers
        assert _upload(region, sanne, laptop, "--yes") == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("on_the_server", "after"),
    [("", "f.ozdemir@tilburg.nl"), ("fatma@tilburg.nl", "fatma@tilburg.nl")],
)
def test_the_upload_brings_her_own_e_mail_address_unless_the_server_has_one(
    laptop: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str], on_the_server: str, after: str,
) -> None:  # fmt: skip
    with open_store(laptop, keychain) as local:
        save_caseworker_email(local, "f.ozdemir@tilburg.nl")
    with new_region() as region:
        region.save_region_settings()
        fatma = region.add_caseworker("fatma", TILBURG, display_name="Fatma Özdemir")
        if on_the_server:
            with region.store_as(fatma) as server:
                save_caseworker_email(server, on_the_server)
        assert _upload(region, fatma, laptop) == 0  # the dry run says so, and stores nothing
        told = capsys.readouterr().out
        with region.store_as(fatma) as server:
            assert caseworker_email(server) == on_the_server
        assert _upload(region, fatma, laptop, "--yes") == 0
        said = capsys.readouterr().out
        with region.store_as(fatma) as server:
            assert caseworker_email(server) == after
    assert ("f.ozdemir@tilburg.nl, komt ook op de server" in told) == (not on_the_server)
    assert ("Uw e-mailadres voor de actieplannen" in said) == (not on_the_server)


def test_an_address_an_older_casedesk_kept_unchecked_stays_behind_and_the_upload_goes_on(
    laptop: StoreLocation, keychain: Keychain, memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    with open_store(laptop, keychain) as local, local.transaction() as session:
        caseworker = settings_repo.current_caseworker_id(session)
        assert caseworker is not None
        settings_repo.set_setting(session, settings_repo.caseworker_key(caseworker, "email"),
                                  "fatma at tilburg")  # fmt: skip
    with new_region() as region:
        region.save_region_settings()
        fatma = region.add_caseworker("fatma", TILBURG, display_name="Fatma Özdemir")
        assert _upload(region, fatma, laptop, "--yes") == 0, capsys.readouterr().err
        with region.store_as(fatma) as server:
            assert caseworker_email(server) == ""
