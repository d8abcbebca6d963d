"""casedesk server setup and check, and the logins the app refuses."""

import pytest
from sqlalchemy import create_engine, text

from casedesk.db import migrate
from casedesk.db.server import admin as server_admin
from casedesk.db.server.store import UnsafeServerError, open_server_store
from casedesk.errors import KnownError
from tests.server.region import Region, admin_url


def test_setup_migrates_to_head_and_every_municipality_table_is_guarded(region: Region) -> None:
    login = region.add_caseworker("kim", "GM0363")
    engine = create_engine(region.url_for(login))
    try:
        report = server_admin.check_server(engine)
        with engine.connect() as connection:
            assert migrate.database_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()
    assert report.ok, report.lines


def test_setup_again_changes_nothing_and_still_checks(region: Region) -> None:
    owner = region.owner_engine()
    try:
        server_admin.prepare_schema(owner)
    finally:
        owner.dispose()
    login = region.add_caseworker("joost", "GM0363")
    engine = create_engine(region.url_for(login))
    try:
        assert server_admin.check_server(engine).ok
    finally:
        engine.dispose()


def test_check_reports_a_table_without_row_level_security(region: Region) -> None:
    owner = region.owner_engine()
    with owner.begin() as connection:
        connection.execute(text("ALTER TABLE follow_ups NO FORCE ROW LEVEL SECURITY"))
    try:
        with owner.connect() as connection:
            assert server_admin.policy_gaps(connection) == ["follow_ups"]
    finally:
        with owner.begin() as connection:
            connection.execute(text("ALTER TABLE follow_ups FORCE ROW LEVEL SECURITY"))
        owner.dispose()


def test_the_app_refuses_the_owner_login(region: Region) -> None:
    with pytest.raises(UnsafeServerError, match="eigenaar van de tabellen"):
        open_server_store(region.owner_url)


def test_the_app_refuses_a_superuser() -> None:
    with pytest.raises(UnsafeServerError, match="superuser"):
        open_server_store(admin_url())


def test_setup_refuses_a_superuser() -> None:
    engine = create_engine(admin_url())
    try:
        with pytest.raises(KnownError, match="niet met een superuser"):
            server_admin.prepare_schema(engine)
    finally:
        engine.dispose()


def test_the_app_refuses_a_bypassrls_login(region: Region) -> None:
    login = region.add_caseworker("lotte", "GM0363")
    superuser = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with superuser.connect() as connection:
            connection.execute(text(f'ALTER ROLE "{login}" BYPASSRLS'))
        with pytest.raises(UnsafeServerError, match="BYPASSRLS"):
            open_server_store(region.url_for(login))
    finally:
        superuser.dispose()


def test_a_removed_caseworker_can_no_longer_log_in(region: Region) -> None:
    login = region.add_caseworker("bram", "GM0363", "GM0518")
    listed = {one.login: one for one in server_admin.list_caseworkers(region.owner_engine())}
    assert listed[login].municipality_codes == ("GM0363", "GM0518")
    engine = region.owner_engine()
    try:
        server_admin.remove_caseworker(engine, login)
        assert login not in {one.login for one in server_admin.list_caseworkers(engine)}
    finally:
        engine.dispose()
    with pytest.raises(KnownError, match="weigert de aanmelding"):
        open_server_store(region.url_for(login))


def test_a_password_with_diacritics_logs_in(region: Region) -> None:
    login = region.login("zoe")
    owner = region.owner_engine()
    try:
        server_admin.add_caseworker(owner, login, "Zoë", ["GM0363"], "wachtwoord-Zoë-ĳs")
    finally:
        owner.dispose()
    region.logins.append(login)
    with open_server_store(region.url_for(login).set(password="wachtwoord-Zoë-ĳs")) as store:
        assert store.login == login


def test_check_reports_a_caseworker_who_may_change_the_audit_log(region: Region) -> None:
    login = region.add_caseworker("henk", "GM0363")
    role = server_admin.caseworkers_role(region.database)
    owner = region.owner_engine()
    try:
        with owner.begin() as connection:
            connection.execute(text(f'GRANT DELETE ON audit_events TO "{role}"'))
        engine = create_engine(region.url_for(login))
        try:
            report = server_admin.check_server(engine)
        finally:
            engine.dispose()
    finally:
        with owner.begin() as connection:
            connection.execute(text(f'REVOKE DELETE ON audit_events FROM "{role}"'))
        owner.dispose()
    assert not report.ok
    assert any("audit_events (deze gebruiker mag rijen wijzigen" in line for line in report.lines)
