"""A dossier's log in readable Dutch: labels of fields, never the values typed."""

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import casedesk
from casedesk.db import settings_repo
from casedesk.db.audit import AuditDetail, AuditEntry, record_event
from casedesk.db.keys import Keychain
from casedesk.db.store import Store
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers
from casedesk.services.audit_log import (
    SYSTEM,
    answers_saved_text,
    event_text,
    log_lines,
    read_case_log,
)
from casedesk.services.intake import IntakeService
from tests.stores import new_store

START = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
EVENT_NAME = re.compile(
    r"(?:record_event\(\s*session,\s*\w+,\s*|_event\(\s*session,\s*|_read\([^)]*?)"
    r"\"([a-z_]+\.[a-z_]+)\""
)
NOT_ABOUT_ONE_DOSSIER = {"catalog.imported", "follow_ups.overview_viewed", "cases.listed"}
"""Events of the whole store: they never show in a dossier's log."""


def _entry(
    action: str, minute: int = 0, actor_id: int | None = 1, **details: AuditDetail
) -> AuditEntry:
    return AuditEntry(
        START + timedelta(minutes=minute), actor_id, action, "case", "7", 7, dict(details)
    )


def test_a_save_names_the_changed_fields_by_section_in_form_order() -> None:
    text = answers_saved_text(
        ["situation.debts", "business.kvk_number", "business.trade_name", "channel"]
    )
    assert text == (
        "Intake opgeslagen (Onderneming: KvK-nummer, Handelsnaam; Situatie: Schulden; "
        "Hoe bij het loket gekomen)"
    )


def test_consecutive_saves_by_one_caseworker_read_as_one_line() -> None:
    entries = [
        _entry("intake.saved", 0, fields=["entrepreneur.surname"]),
        _entry("intake.saved", 1, fields=["entrepreneur.surname", "business.kvk_number"]),
        _entry("intake.saved", 2, actor_id=2, fields=["business.sector"]),
    ]
    lines = log_lines(entries, {1: "Fatma Özdemir", 2: "Sanne de Vries"})
    assert [(line.who, line.text, line.at.minute) for line in lines] == [
        ("Fatma Özdemir", "Intake opgeslagen (Ondernemer: Achternaam; Onderneming: KvK-nummer)", 1),
        ("Sanne de Vries", "Intake opgeslagen (Onderneming: Sector)", 2),
    ]


def test_saves_after_a_long_pause_start_a_new_line() -> None:
    entries = [
        _entry("intake.saved", 0, fields=["entrepreneur.surname"]),
        _entry("intake.saved", 45, fields=["business.sector"]),
    ]
    assert [line.at.minute for line in log_lines(entries, {})] == [0, 45]


def test_an_accepted_advice_names_the_routes() -> None:
    entry = _entry("advice.decided", accepted=True, primary=2, secondary=3)
    assert event_text(entry) == "Advies aangenomen: route 2 en 3"


def test_an_accepted_advice_of_three_routes_names_all_three() -> None:
    entry = _entry("advice.decided", accepted=True, primary=1, secondary=3, third=2)
    assert event_text(entry) == "Advies aangenomen: route 1, 3 en 2"


def test_an_override_names_chosen_and_suggested_routes_but_not_the_reason() -> None:
    entry = _entry(
        "advice.decided",
        accepted=False,
        primary=3,
        secondary=None,
        suggested_primary=1,
        suggested_secondary=None,
    )
    assert event_text(entry) == (
        "Andere route gekozen dan het advies: route 3 (advies was route 1), met reden"
    )


def test_a_status_change_uses_the_dutch_status_names() -> None:
    statuses: dict[str, AuditDetail] = {"from": "intake", "to": "advies"}
    entry = AuditEntry(START, 1, "case.status_changed", "case", "7", 7, statuses)
    assert event_text(entry) == "Status veranderd van Intake naar Advies"


def test_a_referral_status_change_uses_the_dutch_status_name() -> None:
    entry = _entry("referral.status_changed", to="niet_gestart")
    assert event_text(entry) == "Status van een verwijzing veranderd naar Niet gestart"


def test_counted_changes_read_in_words() -> None:
    assert event_text(_entry("actions.saved", count=3)) == "Afspraken opgeslagen (3 acties)"
    assert event_text(_entry("actions.saved", count=1)) == "Afspraken opgeslagen (1 actie)"
    assert event_text(_entry("instruments.chosen", count=0)) == "Gekozen instrumenten gewist"


def test_an_event_without_caseworker_is_by_the_system() -> None:
    (line,) = log_lines([_entry("case.created", actor_id=None)], {})
    assert (line.who, line.text) == (SYSTEM, "Dossier aangemaakt")


def test_an_unknown_event_still_gets_a_line() -> None:
    assert event_text(_entry("export.made")) == "Gebeurtenis vastgelegd (export.made)"


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain, municipality_code="GM0363") as opened:
        yield opened


def test_the_stored_log_of_an_intake_shows_labels_and_no_personal_values(store: Store) -> None:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    service = IntakeService(store, actor_id)
    answers = IntakeAnswers(
        entrepreneur=Entrepreneur(surname="Öztürk", bsn="111222333"),
        business=Business(kvk_number="12345678"),
    )
    case_id = service.start_intake(Registration(date(2026, 11, 28), "GM0363"), answers)
    with store.transaction() as session:
        record_event(session, actor_id, "case.viewed", "case", case_id, case_id)
        lines = read_case_log(session, case_id)
    assert [line.text for line in lines] == [
        "Dossier aangemaakt",
        "Intake opgeslagen (Ondernemer: Achternaam, BSN; Onderneming: KvK-nummer)",
        "Dossier bekeken",
    ]
    assert {line.who for line in lines} == {"Fatma Özdemir"}
    assert not any(
        value in line.text for line in lines for value in ("Öztürk", "111222333", "12345678")
    )


def test_every_event_the_app_records_has_a_dutch_line() -> None:
    recorded = set()
    for folder in ("services", "db"):
        for path in (Path(casedesk.__file__).parent / folder).rglob("*.py"):
            recorded |= set(EVENT_NAME.findall(path.read_text(encoding="utf-8")))
    per_case = recorded - NOT_ABOUT_ONE_DOSSIER
    raw = {name for name in per_case if event_text(_entry(name)).startswith("Gebeurtenis")}
    assert raw == set()
    assert {"follow_up.lapsed", "plan.built", "case.status_changed"} <= per_case


def test_an_edit_mirrored_into_the_dossier_reads_as_part_of_its_intake_save() -> None:
    entries = [
        _entry("intake.saved", 0, fields=["entrepreneur.surname"]),
        _entry("entrepreneur.changed", 0, fields=["achternaam"]),
        _entry("intake.saved", 1, fields=["entrepreneur.phone"]),
        _entry("entrepreneur.changed", 1, fields=["phone"]),
    ]
    assert [line.text for line in log_lines(entries, {})] == [
        "Intake opgeslagen (Ondernemer: Achternaam, Telefoonnummer)"
    ]


def test_repeated_edits_of_one_part_read_as_one_line() -> None:
    entries = [
        *(_entry("actions.saved", minute, count=minute + 1) for minute in range(6)),
        _entry("plan.built", 7),
        _entry("plan.built", 8),
        _entry("actions.saved", 50, count=7),
    ]
    assert [(line.text, line.at.minute) for line in log_lines(entries, {})] == [
        ("Afspraken opgeslagen (6 acties)", 5),
        ("Actieplan gemaakt om te bekijken", 8),
        ("Afspraken opgeslagen (7 acties)", 50),
    ]


def test_folded_changes_name_every_field_changed() -> None:
    entries = [
        _entry("registration.changed", 0, fields=["registration_date"]),
        _entry("registration.changed", 2, fields=["municipality_code"]),
    ]
    assert [line.text for line in log_lines(entries, {})] == [
        "Aanmelding gewijzigd (Datum van aanmelding, Gemeente)"
    ]


def test_a_report_viewed_or_written_reads_in_dutch_with_its_period_and_format() -> None:
    period = {"from": "2026-01-01", "to": "2026-12-31"}

    def text(action: str, **details: AuditDetail) -> str:
        return event_text(AuditEntry(START, 1, action, "report", None, None, details))

    assert text("report.viewed", **period) == (
        "Rapport van de regio bekeken (2026-01-01 tot en met 2026-12-31)"
    )
    assert text("report.written", format="PDF", **period) == (
        "Rapport van de regio opgeslagen als PDF (2026-01-01 tot en met 2026-12-31)"
    )
