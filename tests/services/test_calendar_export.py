"""The .ics export, parsed back with the icalendar package."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from casedesk.db.models import Appointment
from casedesk.db.store import Store
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.referrals import ReferralDraft
from casedesk.services.calendar_export import export_calendar
from casedesk.services.followups import add_follow_up
from casedesk.services.referrals import create_referral
from tests.services.casework_store import NOW, actions, add_case, store

__all__ = ["store"]

TODAY = date(2026, 11, 27)


def add_appointment(store: Store, case_id: int, starts_at: datetime) -> int:
    with store.transaction() as session:
        appointment = Appointment(
            case_id=case_id, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=45),
            mode="ter_plaatse", location="Kerkstraat 12, Lelystad",
            note="Zoë neemt KvK-uittreksel mee",
        )  # fmt: skip
        session.add(appointment)
        session.flush()
        return appointment.id


@pytest.fixture
def filled(store: Store) -> tuple[Store, int]:
    case_id = add_case(store, "Zoë Anne", "Çelik")
    create_referral(store, case_id, ReferralDraft("Geldfit Zakelijk", "Schulden", TODAY), NOW)
    add_follow_up(store, case_id, TODAY + timedelta(days=2), "Zoë bellen over BSN-brief", NOW)
    # 3 December 2026, 14:00 in Amsterdam (CET, UTC+1).
    add_appointment(store, case_id, datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
    return store, case_id


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_follow_ups_and_appointments_become_events(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, case_id = filled
    result = export_calendar(store, tmp_path / "agenda.ics", NOW)
    assert (result.follow_ups, result.appointments) == (2, 1)
    events = parse(result.path).walk("VEVENT")
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert summaries == [
        f"Afspraak dossier {case_id}, Z.A.Ç. (op locatie)",
        f"Opvolging dossier {case_id}, Z.A.Ç.",
        f"Opvolging dossier {case_id}, Z.A.Ç.",
    ]


def test_follow_ups_are_all_day_on_their_due_date(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, _ = filled
    path = export_calendar(store, tmp_path / "agenda.ics", NOW).path
    starts = sorted(
        event.decoded("DTSTART") for event in parse(path).walk("VEVENT")
        if str(event["UID"]).startswith("opvolging-")
    )  # fmt: skip
    assert starts == [TODAY + timedelta(days=2), TODAY + timedelta(days=14)]


def test_appointments_are_in_amsterdam_time_with_its_timezone(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, _ = filled
    calendar = parse(export_calendar(store, tmp_path / "agenda.ics", NOW).path)
    [appointment] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("afspraak-")]
    starts = appointment.decoded("DTSTART")
    assert appointment["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert (starts.hour, starts.minute) == (14, 0)
    assert starts == datetime(2026, 12, 3, 14, 0, tzinfo=AMSTERDAM)
    assert appointment.decoded("DTEND") - starts == timedelta(minutes=45)
    [timezone] = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Amsterdam"


def test_uids_are_stable_between_exports(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, _ = filled
    first = parse(export_calendar(store, tmp_path / "a.ics", NOW).path)
    second = parse(export_calendar(store, tmp_path / "b.ics", NOW + timedelta(hours=1)).path)
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == 3
    assert all(uid.endswith("@gm0855.casedesk") for uid in uids)


def test_no_name_bsn_kvk_place_or_own_note_by_default(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, _ = filled
    text = (export_calendar(store, tmp_path / "agenda.ics", NOW).path).read_bytes().decode()
    unfolded = text.replace("\r\n ", "")
    for personal in ("Zoë", "Çelik", "111222333", "12345678", "Kerkstraat", "BSN", "Atelier"):
        assert personal not in unfolded
    assert "Nagaan of de hulp is gestart" in unfolded  # the standard text names no one


def test_the_full_name_note_and_place_only_when_chosen(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, case_id = filled
    path = export_calendar(store, tmp_path / "agenda.ics", NOW, include_personal_data=True).path
    events = list(parse(path).walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert f"Opvolging dossier {case_id}, Zoë Anne Çelik" in summaries
    locations = {str(e.get("LOCATION")) for e in events if "LOCATION" in e}
    assert locations == {"Kerkstraat 12, Lelystad"}
    assert "Zoë bellen over BSN-brief" in {str(e.get("DESCRIPTION")) for e in events}
    unfolded = path.read_bytes().decode().replace("\r\n ", "")
    assert "111222333" not in unfolded and "12345678" not in unfolded


def test_past_appointments_and_done_or_closed_work_are_left_out(
    store: Store, tmp_path: Path
) -> None:
    case_id = add_case(store)
    add_appointment(store, case_id, NOW - timedelta(hours=1))
    result = export_calendar(store, tmp_path / "agenda.ics", NOW)
    assert (result.follow_ups, result.appointments) == (0, 0)


def test_the_export_is_audited_per_dossier(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    store, case_id = filled
    export_calendar(store, tmp_path / "agenda.ics", NOW)
    assert actions(store, case_id)[-1] == "calendar.exported"


def test_an_unwritable_place_gives_a_dutch_message(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    from casedesk.errors import KnownError

    store, case_id = filled
    before = actions(store, case_id)
    with pytest.raises(KnownError, match=r"kon niet worden opgeslagen .*\(de map of het bestand"):
        export_calendar(store, tmp_path / "bestaat-niet" / "agenda.ics", NOW)
    assert actions(store, case_id) == before


def test_a_failed_export_leaves_the_earlier_file_and_no_temporary(
    filled: tuple[Store, int], tmp_path: Path
) -> None:
    from casedesk.errors import KnownError

    store, _ = filled
    folder = tmp_path / "export"
    target = folder / "agenda.ics"
    target.mkdir(parents=True)  # a folder in the way makes the final rename fail, also for root
    (target / "vorige.ics").write_text("blijft", encoding="utf-8")
    with pytest.raises(KnownError, match="kon niet worden opgeslagen"):
        export_calendar(store, target, NOW)
    assert [p.name for p in folder.iterdir()] == ["agenda.ics"]
    assert (target / "vorige.ics").read_text(encoding="utf-8") == "blijft"
