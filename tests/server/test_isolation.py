"""A caseworker's login against the server itself, as psql would send it: whatever it
tries, it sees and changes nothing of another municipality."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import psycopg
import pytest
from psycopg import errors

from casedesk.db import settings_repo
from casedesk.db.cases import (
    BusinessData,
    EntrepreneurData,
    count_cases,
    create_case,
    fetch_case_page,
)
from casedesk.db.intake_repo import advance_parts, save_answers
from casedesk.db.models import Action, Case, FollowUp
from casedesk.db.server.store import ServerRefusedError
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.services.municipality_settings import (
    load_municipality_settings,
    save_caseworker_email,
    save_municipality_settings,
)
from tests.server.region import Region

AMSTERDAM = "GM0363"
UTRECHT = "GM0344"


@dataclass(frozen=True)
class Dossier:
    case_id: int
    entrepreneur_id: int
    business_id: int


@dataclass(frozen=True)
class Two:
    """Kim works for Amsterdam, Piet for Utrecht; each has one dossier."""

    region: Region
    kim: str
    piet: str
    kims: Dossier
    piets: Dossier
    piet_id: int
    """Piet's row in ``caseworkers``; his own e-mail address is saved."""


def _dossier(region: Region, login: str, code: str, surname: str) -> Dossier:
    with region.store_as(login) as store, store.transaction() as session:
        case_id = create_case(
            session,
            None,
            entrepreneur=EntrepreneurData("Anna", "", surname, bsn="111222333"),
            business=BusinessData(trade_name=f"Bakkerij {surname}", kvk_number="12345678"),
            municipality_code=code,
            region_code="AM18",
            registration_date=date(2026, 11, 27),
        )
        save_answers(session, case_id, 1, {"secret": surname}, datetime.now(UTC))
        advance_parts(session, case_id, ["entrepreneur"], {})
        session.add(Action(case_id=case_id, description=f"Bel {surname}", owner="caseworker"))
        session.add(FollowUp(case_id=case_id, due_date=date(2026, 12, 1), note=surname))
        session.flush()
        case = session.get_one(Case, case_id)
        assert case.business_id is not None
        return Dossier(case_id, case.entrepreneur_id, case.business_id)


@pytest.fixture(scope="module")
def two(region: Region) -> Two:
    kim = region.add_caseworker("kim", AMSTERDAM)
    piet = region.add_caseworker("piet", UTRECHT)
    for login, code, name in ((kim, AMSTERDAM, "Amsterdam"), (piet, UTRECHT, "Utrecht")):
        with region.store_as(login) as store:
            save_municipality_settings(
                store, MunicipalitySettings(name=f"Gemeente {name}", phone="14 030"), code
            )
            save_caseworker_email(store, f"{name.lower()}@{name.lower()}.nl")
    with region.store_as(piet) as store, store.session() as session:
        piet_id = settings_repo.current_caseworker_id(session)
    assert piet_id is not None
    return Two(
        region, kim, piet, _dossier(region, kim, AMSTERDAM, "Kok"),
        _dossier(region, piet, UTRECHT, "Visser"), piet_id,
    )  # fmt: skip


@pytest.fixture
def kim(two: Two) -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    """Kim's own login, straight to the server (no casedesk in between)."""
    with two.region.straight_to_server(two.kim) as conn:
        yield conn


def rows(conn: psycopg.Connection[tuple[object, ...]], sql: str) -> list[tuple[object, ...]]:
    return conn.execute(sql).fetchall()


DOSSIER_TABLES = (
    "cases", "entrepreneurs", "businesses", "intake_answers", "intake_parts", "actions",
    "follow_ups", "case_search", "audit_events", "municipality_settings",
    "caseworker_settings",
)  # fmt: skip


def _unguarded_sights(conn: psycopg.Connection[tuple[object, ...]], two: Two) -> list[str]:
    """Every way a row of Piet's dossier shows up to this connection."""
    seen = []
    piets = two.piets
    probes = {
        "cases": f"SELECT id FROM cases WHERE id = {piets.case_id} "
        f"OR municipality_code = '{UTRECHT}'",
        "entrepreneurs": f"SELECT id FROM entrepreneurs WHERE id = {piets.entrepreneur_id} "
        "OR achternaam = 'Visser'",
        "businesses": f"SELECT id FROM businesses WHERE id = {piets.business_id}",
        "intake_answers": f"SELECT case_id FROM intake_answers WHERE case_id = {piets.case_id}",
        "intake_parts": f"SELECT case_id FROM intake_parts WHERE case_id = {piets.case_id}",
        "actions": "SELECT id FROM actions WHERE description LIKE '%Visser%'",
        "follow_ups": "SELECT id FROM follow_ups WHERE note = 'Visser'",
        "case_search": f"SELECT case_id FROM case_search WHERE case_id = {piets.case_id} "
        "OR search_text LIKE '%visser%'",
        "audit_events": f"SELECT id FROM audit_events WHERE case_id = {piets.case_id} "
        f"OR recorded_by = '{two.piet}'",
        "municipality_settings": "SELECT key FROM municipality_settings "
        f"WHERE municipality_code = '{UTRECHT}' OR value LIKE '%Utrecht%'",
        "caseworker_settings": "SELECT key FROM caseworker_settings "
        f"WHERE caseworker_id = {two.piet_id} OR value LIKE '%utrecht%'",
    }
    assert set(probes) == set(DOSSIER_TABLES)
    for table, probe in probes.items():
        if rows(conn, probe):
            seen.append(table)
    return seen


def test_kim_sees_her_own_dossier_and_nothing_of_utrecht(kim: psycopg.Connection, two: Two) -> None:
    assert rows(kim, "SELECT id FROM cases") == [(two.kims.case_id,)]
    assert _unguarded_sights(kim, two) == []
    assert rows(kim, "SELECT count(*) FROM entrepreneurs") == [(1,)]
    assert rows(kim, "SELECT case_id FROM intake_parts") == [(two.kims.case_id,)]


@pytest.mark.parametrize(
    "setting",
    [
        "SET app.municipality = 'GM0344'",
        "SET casedesk.municipality_code = 'GM0344'",
        "SELECT set_config('app.login', 'piet', false)",
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
        "SET search_path = pg_temp, public",
    ],
)
def test_settings_the_client_sets_widen_nothing(
    kim: psycopg.Connection, two: Two, setting: str
) -> None:
    kim.execute(setting)
    assert _unguarded_sights(kim, two) == []


def test_row_security_off_makes_her_queries_fail_instead_of_showing_more(
    kim: psycopg.Connection, two: Two
) -> None:
    kim.execute("SET row_security = off")
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        kim.execute("SELECT id FROM cases")


def test_setting_another_role_or_session_user_is_refused_or_widens_nothing(
    kim: psycopg.Connection, two: Two
) -> None:
    for other in (two.piet, two.region.owner, "postgres"):
        with pytest.raises(errors.InsufficientPrivilege):
            kim.execute(f'SET ROLE "{other}"')
        with pytest.raises(errors.InsufficientPrivilege):
            kim.execute(f'SET SESSION AUTHORIZATION "{other}"')
    # Her own group is hers to take; it holds no more than she does.
    kim.execute(f'SET ROLE "{two.region.database}_caseworkers"')
    assert _unguarded_sights(kim, two) == []


def test_the_mapping_of_logins_is_hidden_and_only_says_her_own_codes(
    kim: psycopg.Connection,
) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        kim.execute("SELECT * FROM caseworker_logins")
    with pytest.raises(errors.InsufficientPrivilege):
        kim.execute("INSERT INTO caseworker_logins VALUES (session_user, 'GM0344', 1)")
    assert rows(kim, "SELECT casedesk_login_municipalities()") == [(AMSTERDAM,)]


def test_no_temporary_table_can_stand_in_for_the_mapping(kim: psycopg.Connection) -> None:
    with pytest.raises(errors.InsufficientPrivilege):
        kim.execute(
            "CREATE TEMP TABLE caseworker_logins AS "
            "SELECT session_user::text AS login, 'GM0344'::varchar AS municipality_code"
        )


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO cases (entrepreneur_id, municipality_code, registration_date, status, "
        "urgent, created_at, updated_at) VALUES ({kims.entrepreneur_id}, 'GM0344', "
        "'2026-11-27', 'aangemeld', false, now(), now())",
        "INSERT INTO entrepreneurs (voornamen, tussenvoegsel, achternaam, country, "
        "municipality_code, created_at, updated_at) VALUES ('X', '', 'Y', 'NL', 'GM0344', "
        "now(), now())",
        "INSERT INTO actions (case_id, description, owner, done, position, created_at) "
        "VALUES ({piets.case_id}, 'x', 'caseworker', false, 0, now())",
        "INSERT INTO audit_events (at, action, entity_type, case_id, details_json, outcome, "
        "origin, prev_hash, event_hash) VALUES (now(), 'case.viewed', 'case', "
        "{piets.case_id}, '{{}}', 'done', '', '', '')",
        "UPDATE cases SET municipality_code = 'GM0344' WHERE id = {kims.case_id}",
        "INSERT INTO municipality_settings (municipality_code, key, value) "
        "VALUES ('GM0344', 'municipality.address', 'Postbus 1')",
        "UPDATE municipality_settings SET municipality_code = 'GM0344' "
        "WHERE key = 'municipality.name'",
        "INSERT INTO caseworker_settings (caseworker_id, key, value) "
        "VALUES ({piet_id}, 'phone', '030 286 0000')",
        "UPDATE caseworker_settings SET caseworker_id = {piet_id} WHERE key = 'email'",
    ],
)
def test_writing_a_row_for_utrecht_is_refused(
    kim: psycopg.Connection, two: Two, statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        kim.execute(statement.format(kims=two.kims, piets=two.piets, piet_id=two.piet_id))


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO cases (entrepreneur_id, municipality_code, registration_date, status, "
        "urgent, created_at, updated_at, caseworker_id) VALUES ({kims.entrepreneur_id}, "
        "'GM0363', '2026-11-27', 'aangemeld', false, now(), now(), {piet_id})",
        "UPDATE cases SET caseworker_id = {piet_id} WHERE id = {kims.case_id}",
        "INSERT INTO plan_versions (case_id, kind, pdf, sha256, created_at, caseworker_id, "
        "source_json) VALUES ({kims.case_id}, 'actieplan', '', '', now(), {piet_id}, '{{}}')",
    ],
)
def test_a_dossier_or_plan_in_the_name_of_a_caseworker_of_utrecht_is_refused(
    kim: psycopg.Connection, two: Two, statement: str
) -> None:
    # Else Piet would seem to work on Kim's dossier, and a plan would print his name.
    with pytest.raises(errors.InsufficientPrivilege, match="neither this login nor a colleague"):
        kim.execute(statement.format(kims=two.kims, piet_id=two.piet_id))


@pytest.mark.parametrize("code", ["GM0344", "GM9999"])
def test_kim_cannot_hide_her_own_dossier_from_the_search_by_its_municipality(
    kim: psycopg.Connection, two: Two, code: str
) -> None:
    # The index finds a case under the municipality its search row names (migration 0040).
    with pytest.raises(errors.ForeignKeyViolation):
        kim.execute(
            f"UPDATE case_search SET municipality_code = '{code}' "
            f"WHERE case_id = {two.kims.case_id}"
        )


def test_kim_names_herself_and_changes_her_dossier_as_before(
    kim: psycopg.Connection, two: Two
) -> None:
    kim.execute("BEGIN")
    try:
        for statement in (
            "UPDATE cases SET caseworker_id = casedesk_login_caseworker() WHERE id = {id}",
            "UPDATE cases SET urgent = true WHERE id = {id}",
        ):
            assert kim.execute(statement.format(id=two.kims.case_id)).rowcount == 1
    finally:
        kim.execute("ROLLBACK")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases SET municipality_code = 'GM0363' WHERE id = {piets.case_id}",
        "UPDATE entrepreneurs SET achternaam = 'Gehackt' WHERE id = {piets.entrepreneur_id}",
        "DELETE FROM follow_ups WHERE note = 'Visser'",
        "DELETE FROM intake_answers WHERE case_id = {piets.case_id}",
        "UPDATE intake_parts SET version = version + 1 WHERE case_id = {piets.case_id}",
        "UPDATE case_search SET search_text = 'x' WHERE case_id = {piets.case_id}",
        "UPDATE municipality_settings SET value = 'Gemeente Amsterdam' "
        "WHERE municipality_code = 'GM0344'",
        "DELETE FROM municipality_settings WHERE municipality_code = 'GM0344'",
        "UPDATE caseworker_settings SET value = 'kim@amsterdam.nl' "
        "WHERE caseworker_id = {piet_id}",
        "DELETE FROM caseworker_settings WHERE caseworker_id = {piet_id}",
    ],
)
def test_changing_a_row_of_utrecht_changes_nothing(
    kim: psycopg.Connection, two: Two, statement: str
) -> None:
    cursor = kim.execute(statement.format(piets=two.piets, piet_id=two.piet_id))
    assert cursor.rowcount == 0


def test_pointing_her_own_dossier_at_utrechts_entrepreneur_shows_nothing_of_it(
    kim: psycopg.Connection, two: Two
) -> None:
    kim.execute("BEGIN")
    try:
        kim.execute(
            f"UPDATE cases SET entrepreneur_id = {two.piets.entrepreneur_id}, "
            f"business_id = {two.piets.business_id} WHERE id = {two.kims.case_id}"
        )
        assert _unguarded_sights(kim, two) == []
        joined = rows(
            kim,
            "SELECT e.achternaam FROM cases c JOIN entrepreneurs e ON e.id = c.entrepreneur_id",
        )
        assert joined == []
    finally:
        kim.execute("ROLLBACK")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "UPDATE plan_versions SET sha256 = 'x'",
        "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE cases NO FORCE ROW LEVEL SECURITY",
        "DROP POLICY own_municipalities ON cases",
        "CREATE POLICY everything ON cases USING (true)",
        "CREATE TABLE mine (x int)",
        "UPDATE caseworkers SET name = 'x'",
        "SELECT * FROM store_commit_mark",
    ],
)
def test_the_log_the_policies_and_the_schema_are_out_of_her_reach(
    kim: psycopg.Connection, statement: str
) -> None:
    with pytest.raises((errors.InsufficientPrivilege, errors.InvalidSchemaName)):
        kim.execute(statement)


@pytest.mark.parametrize(
    "statement",
    [
        # Choosing an id would tell from a duplicate-key error that Utrecht has it.
        "INSERT INTO cases (id, entrepreneur_id, municipality_code, registration_date, status, "
        "urgent, created_at, updated_at) VALUES ({piets.case_id}, {kims.entrepreneur_id}, "
        "'GM0363', '2026-11-27', 'aangemeld', false, now(), now())",
        "INSERT INTO entrepreneurs (id, voornamen, tussenvoegsel, achternaam, country, "
        "municipality_code, created_at, updated_at) VALUES ({piets.entrepreneur_id}, 'X', "
        "'', 'Y', 'NL', 'GM0363', now(), now())",
        "UPDATE cases SET id = {piets.case_id} WHERE id = {kims.case_id}",
    ],
)
def test_an_id_cannot_be_chosen_so_no_duplicate_key_gives_utrecht_away(
    kim: psycopg.Connection, two: Two, statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
        kim.execute(statement.format(kims=two.kims, piets=two.piets))


@pytest.mark.parametrize(
    "statement",
    [
        # Utrecht's dossier has intake answers and a search text under this key.
        "INSERT INTO intake_answers (case_id, schema_version, answers_json, updated_at) "
        "VALUES ({piets.case_id}, 1, '{{}}', now())",
        "INSERT INTO case_search (case_id, search_text) VALUES ({piets.case_id}, 'x')",
        "INSERT INTO intake_parts (case_id, part, version) "
        "VALUES ({piets.case_id}, 'entrepreneur', 1)",
        # Utrecht has a name stored; the upsert must not overwrite it nor tell it is there.
        "INSERT INTO municipality_settings (municipality_code, key, value) "
        "VALUES ('GM0344', 'municipality.name', 'Gemeente Amsterdam')",
        "INSERT INTO municipality_settings (municipality_code, key, value) "
        "VALUES ('GM0344', 'municipality.name', 'x') "
        "ON CONFLICT (municipality_code, key) DO UPDATE SET value = excluded.value",
        # Piet's own address: neither overwritten nor given away.
        "INSERT INTO caseworker_settings (caseworker_id, key, value) "
        "VALUES ({piet_id}, 'email', 'kim@amsterdam.nl')",
        "INSERT INTO caseworker_settings (caseworker_id, key, value) "
        "VALUES ({piet_id}, 'email', 'x') "
        "ON CONFLICT (caseworker_id, key) DO UPDATE SET value = excluded.value",
    ],
)
def test_a_key_utrecht_holds_is_refused_by_the_policy_not_as_a_duplicate(
    kim: psycopg.Connection, two: Two, statement: str
) -> None:
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        kim.execute(statement.format(piets=two.piets, piet_id=two.piet_id))


def test_an_audit_event_gets_the_servers_time_and_her_login_whatever_she_sends(
    kim: psycopg.Connection, two: Two
) -> None:
    (stamped,) = kim.execute(
        "INSERT INTO audit_events (at, action, entity_type, case_id, details_json, outcome, "
        "origin, prev_hash, event_hash) VALUES ('2001-01-01', 'case.viewed', 'case', "
        f"{two.kims.case_id}, '{{}}', 'done', '', '', '') "
        "RETURNING at > now() AT TIME ZONE 'UTC' - interval '1 hour' AND recorded_by = session_user"
    ).fetchone() or (False,)
    assert stamped is True
    with pytest.raises(errors.InsufficientPrivilege):
        kim.execute(
            "INSERT INTO audit_events (at, action, entity_type, details_json, outcome, origin, "
            "prev_hash, event_hash, recorded_by) VALUES (now(), 'x', 'x', '{}', 'done', '', "
            f"'', '', '{two.piet}')"
        )


def test_her_search_never_finds_a_dossier_of_utrecht(two: Two) -> None:
    with two.region.store_as(two.kim) as store, store.session() as session:
        assert fetch_case_page(session, "visser", None, 100) == []
        assert count_cases(session, "bakkerij") == 1
        assert [row.case_id for row in fetch_case_page(session, "bakkerij kok", None, 9)] == [
            two.kims.case_id
        ]


def test_the_app_says_in_dutch_that_a_dossier_of_utrecht_is_not_hers_to_make(two: Two) -> None:
    with (
        two.region.store_as(two.kim) as store,
        pytest.raises(ServerRefusedError) as refused,
        store.transaction() as session,
    ):
        create_case(
            session, None, entrepreneur=EntrepreneurData("Bea", "", "Bos"),
            business=None, municipality_code=UTRECHT, region_code=None,
            registration_date=date(2026, 11, 27),
        )  # fmt: skip
    assert "geen toegang" in str(refused.value)
    assert "Bos" not in str(refused.value)


@pytest.mark.parametrize(
    "patterns",
    [
        ["%visser%"],
        ["%"],
        ["%' OR true OR 'x' LIKE '%"],
        ["%'); DELETE FROM follow_ups; --"],
        [],
    ],
)
def test_the_search_function_finds_only_her_own_dossiers_whatever_the_pattern(
    kim: psycopg.Connection, two: Two, patterns: list[str]
) -> None:
    found = {row[0] for row in kim.execute("SELECT casedesk_search(%s)", [patterns])}
    assert found <= {two.kims.case_id}
    assert rows(kim, "SELECT count(*) FROM follow_ups") == [(1,)]


@pytest.mark.parametrize("order", ["name", "trade_name", "updated", "municipality"])
def test_a_sorted_search_after_a_dossier_of_utrecht_gives_her_no_page(
    kim: psycopg.Connection, two: Two, order: str
) -> None:
    # Descending, Utrecht's dossier (Visser, changed last) comes before hers (Kok): a page
    # after it would show where it stands among her own.
    groups = [UTRECHT, AMSTERDAM] if order == "municipality" else None
    search = "SELECT casedesk_search(%s, 10, NULL, %s, NULL, NULL, NULL, %s, true, %s)"

    def page(after: int | None) -> list[object]:
        return [row[0] for row in kim.execute(search, [["%bakkerij%"], after, order, groups])]

    assert page(None) == [two.kims.case_id]
    assert page(two.piets.case_id) == []


def test_utrechts_municipality_details_stay_as_piet_saved_them(
    kim: psycopg.Connection, two: Two
) -> None:
    for attempt in (
        f"UPDATE municipality_settings SET value = 'x' WHERE municipality_code <> '{AMSTERDAM}'",
        f"DELETE FROM municipality_settings WHERE municipality_code <> '{AMSTERDAM}'",
    ):
        assert kim.execute(attempt).rowcount == 0
    with two.region.store_as(two.piet) as store:
        assert load_municipality_settings(store).name == "Gemeente Utrecht"


def test_kim_reads_and_changes_her_own_municipalitys_details(
    kim: psycopg.Connection, two: Two
) -> None:
    assert rows(kim, "SELECT value FROM municipality_settings WHERE key = 'municipality.name'") == [
        ("Gemeente Amsterdam",)
    ]
    kim.execute("BEGIN")
    try:
        changed = kim.execute(
            "UPDATE municipality_settings SET value = '14 020' WHERE key = 'municipality.phone'"
        )
        assert changed.rowcount == 1
    finally:
        kim.execute("ROLLBACK")
