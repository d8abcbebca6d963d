"""The intake and dossier use cases, on a real encrypted store in tmp_path."""

import dataclasses
import os
import random
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from casedesk import clock
from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.transfer import export_catalog
from casedesk.db import settings_repo
from casedesk.db.cases import CaseNotFoundError, fetch_case_page
from casedesk.db.intake_repo import HELP_REQUEST
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import Action as ActionRow
from casedesk.db.models import (
    AdviceDecision,
    AuditEvent,
    Case,
    CaseNeed,
    PlanVersion,
    Referral,
    ReferralStatusChange,
)
from casedesk.db.models import Entrepreneur as EntrepreneurRow
from casedesk.db.models import IntakeAnswers as IntakeAnswersRow
from casedesk.db.store import Store, open_store
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import decision_still_matches
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import (
    Business,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Situation,
    Wish,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.services.catalog import import_catalog
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.services.store_admin import init_store
from casedesk.ui.intake.ports import IntakePort
from tests.services.casework_store import store
from tests.services.intake_child import KEY_ENV, typed_after

__all__ = ["store"]

REPO = Path(__file__).resolve().parents[2]

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 28)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REGISTRATION = Registration(date(2026, 11, 27), "GM0855")

ZOE = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Zoë",
        name_prefix="van 't",
        surname="Hoff-Çelik",
        date_of_birth=date(1984, 3, 9),
        postcode="5038 AB",
        place="Tilburg",
        municipality_code=MunicipalityCode("GM0855"),
    ),
    business=Business(trade_name="Zoë's Bloemen", kvk_number="12345678"),
    future=Future(wish=Wish.CONTINUE_AS_IS),
)


@pytest.fixture
def service(store: Store) -> IntakeService:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor_id, today=lambda: TODAY, now=lambda: NOW)


def _with(answers: IntakeAnswers, **changes: object) -> IntakeAnswers:
    """Answers with some entrepreneur/business fields changed, e.g. kvk_number="1"."""
    person = {k: v for k, v in changes.items() if hasattr(answers.entrepreneur, k)}
    company = {k: v for k, v in changes.items() if hasattr(answers.business, k)}
    return dataclasses.replace(
        answers,
        entrepreneur=dataclasses.replace(answers.entrepreneur, **person),  # type: ignore[arg-type]
        business=dataclasses.replace(answers.business, **company),  # type: ignore[arg-type]
    )


def _listed(store: Store, query: str = "") -> list[CaseId]:
    with store.session() as session:
        return [row.case_id for row in fetch_case_page(session, query, None, 50)]


def _count(store: Store, model: type[object], case_id: CaseId) -> int:
    with store.session() as session:
        column = model.case_id  # type: ignore[attr-defined]
        return session.scalar(select(func.count()).where(column == case_id)) or 0


def _actions(store: Store, case_id: CaseId) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(ActionRow.description)
                .where(ActionRow.case_id == case_id)
                .order_by(ActionRow.position)
            )
        )


def _events(store: Store, case_id: CaseId) -> list[AuditEvent]:
    with store.session() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
            )
        )


def test_the_service_fits_the_port_the_intake_window_calls(service: IntakeService) -> None:
    port: IntakePort = service
    assert port is service


def test_the_service_for_a_store_acts_as_the_current_caseworker(
    store: Store, service: IntakeService
) -> None:
    assert intake_service_for(store).actor_id == service.actor_id is not None


# --- start and autosave -----------------------------------------------------------------


def test_a_started_intake_is_listed_and_searchable(store: Store, service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    assert _listed(store) == [case_id]
    for query in ("zoe van t hoff", "bloemen", "12345678", "5038AB", "tilburg"):
        assert _listed(store, query) == [case_id], query


def test_a_started_intake_has_status_intake_and_the_counters_region(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    state = service.load_intake(case_id)
    assert (state.status, state.registration, state.answers) == (
        CaseStatus.INTAKE, REGISTRATION, ZOE,
    )  # fmt: skip
    with store.session() as session:
        assert session.get_one(Case, case_id).region_code == "AM26"


def test_an_unknown_municipality_is_refused_in_dutch_and_nothing_is_stored(
    store: Store, service: IntakeService
) -> None:
    with pytest.raises(KnownError, match="De gemeentecode “GM9999” is onbekend"):
        service.start_intake(Registration(TODAY, "GM9999"), ZOE)
    assert _listed(store) == []


def test_autosave_keeps_the_case_list_and_search_in_step(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, IntakeAnswers())
    service.save_answers(case_id, ZOE)
    assert _listed(store, "Hoff-Çelik") == [case_id]
    service.save_answers(case_id, _with(ZOE, surname="Yilmaz", trade_name="Bakkerij Yilmaz"))
    assert _listed(store, "Hoff-Çelik") == []
    assert _listed(store, "bakkerij yilmaz") == [case_id]
    with store.session() as session:
        row = fetch_case_page(session, "", None, 1)[0]
    assert (row.entrepreneur_name, row.trade_name) == ("Zoë van 't Yilmaz", "Bakkerij Yilmaz")


def test_an_incomplete_intake_with_a_bad_kvk_number_is_saved_as_typed(
    service: IntakeService,
) -> None:
    case_id = service.start_intake(REGISTRATION, IntakeAnswers())
    typed = _with(IntakeAnswers(), kvk_number="1234567", surname="Jansen")
    service.save_answers(case_id, typed)
    state = service.load_intake(case_id)
    assert state.answers == typed
    assert state.answers_saved_at == NOW


def test_an_absurd_number_is_saved_as_typed(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    typed = dataclasses.replace(ZOE, business=dataclasses.replace(ZOE.business, staff=10**30))
    service.save_answers(case_id, typed)
    assert service.load_intake(case_id).answers.business.staff == 10**30


def test_a_kvk_number_too_long_for_the_column_is_kept_in_the_answers(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, _with(ZOE, kvk_number="123456789"))
    assert service.load_intake(case_id).answers.business.kvk_number == "123456789"
    assert _listed(store, "12345678") == []


def test_the_bsn_column_stays_empty_unless_a_bsn_is_given(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    with store.session() as session:
        entrepreneur_id = session.get_one(Case, case_id).entrepreneur_id
        assert session.get_one(EntrepreneurRow, entrepreneur_id).bsn is None
    service.save_answers(case_id, _with(ZOE, bsn="111222333"))
    with store.session() as session:
        assert session.get_one(EntrepreneurRow, entrepreneur_id).bsn == "111222333"


def test_each_save_logs_which_fields_changed_but_no_values(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    service.save_answers(case_id, _with(ZOE, kvk_number="87654321", trade_name="Zoë Groen"))
    saved = [event for event in _events(store, case_id) if event.action == "intake.saved"]
    assert saved[-1].details_json == ('{"fields": ["business.trade_name", "business.kvk_number"]}')
    assert all("Zoë" not in event.details_json for event in _events(store, case_id))


def test_saving_unchanged_answers_writes_nothing(store: Store, service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    before = len(_events(store, case_id))
    service.save_answers(case_id, ZOE)
    assert len(_events(store, case_id)) == before


def test_every_change_moves_the_case_to_the_top_of_the_list(
    store: Store, keychain: Keychain
) -> None:
    clock = iter(NOW + timedelta(minutes=minute) for minute in range(100))
    service = IntakeService(store, None, today=lambda: TODAY, now=lambda: next(clock))
    first = service.start_intake(REGISTRATION, ZOE)
    second = service.start_intake(REGISTRATION, IntakeAnswers())
    assert _listed(store) == [second, first]
    service.save_actions(first, [Action("Bel de Kamer van Koophandel", ActionOwner.ENTREPRENEUR)])
    assert _listed(store) == [first, second]
    service.save_answers(second, ZOE)
    assert _listed(store) == [second, first]


def test_a_changed_registration_is_stored_with_its_region_and_logged(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    service.save_registration(case_id, Registration(date(2026, 11, 20), "GM0014"))
    assert service.load_intake(case_id).registration == Registration(date(2026, 11, 20), "GM0014")
    with store.session() as session:
        assert session.get_one(Case, case_id).region_code == "AM01"
    assert "Aanmelding gewijzigd (Datum van aanmelding, Gemeente, Arbeidsmarktregio)" in [
        line.text for line in service.dossier(case_id).log
    ]


def test_a_registration_with_an_unknown_municipality_is_refused_and_kept(
    service: IntakeService,
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    with pytest.raises(KnownError, match="De gemeentecode “GM12” is onbekend"):
        service.save_registration(case_id, Registration(TODAY, "GM12"))
    assert service.load_intake(case_id).registration == REGISTRATION


def test_answers_saved_in_a_registered_case_start_its_intake(
    store: Store, service: IntakeService
) -> None:
    fill_with_demo_cases(store, 40, NOW)
    with store.session() as session:
        registered = session.scalars(
            select(Case.id).where(Case.status == CaseStatus.REGISTERED).limit(1)
        ).one()
    answers = service.load_intake(CaseId(registered)).answers
    service.save_answers(CaseId(registered), _with(answers, phone="06 12345678"))
    assert service.load_intake(CaseId(registered)).status is CaseStatus.INTAKE


def test_saving_a_case_that_does_not_exist_says_so_in_dutch(service: IntakeService) -> None:
    with pytest.raises(CaseNotFoundError, match="Dossier 404 bestaat niet"):
        service.save_answers(CaseId(404), ZOE)


def test_a_demo_case_opens_with_its_name_and_keeps_it_on_the_first_save(
    store: Store, service: IntakeService
) -> None:
    fill_with_demo_cases(store, 3, NOW)
    case_id = _listed(store)[0]
    answers = service.load_intake(case_id).answers
    assert answers.entrepreneur.surname
    service.save_answers(
        case_id, dataclasses.replace(answers, channel=None, future=Future(wish=Wish.DONT_KNOW_YET))
    )
    with store.session() as session:
        row = fetch_case_page(session, "", None, 1)[0]
    assert row.entrepreneur_name.endswith(answers.entrepreneur.surname)


def test_a_demo_case_opens_with_the_help_it_asked_for_and_keeps_it_on_the_first_save(
    store: Store, service: IntakeService
) -> None:
    fill_with_demo_cases(store, 40, NOW)
    with store.session() as session:
        bulk_case, asked = session.execute(
            select(CaseNeed.case_id, CaseNeed.code)
            .where(CaseNeed.kind == HELP_REQUEST)
            .where(CaseNeed.case_id.not_in(select(IntakeAnswersRow.case_id)))
            .limit(1)
        ).one()
    case_id = CaseId(bulk_case)
    answers = service.load_intake(case_id).answers
    assert HelpRequest(asked) in answers.future.help_requests
    service.save_answers(case_id, dataclasses.replace(answers, channel=None))
    with store.session() as session:
        kept = session.scalars(select(CaseNeed.code).where(CaseNeed.case_id == case_id)).all()
    assert asked in kept


def _type_until_killed(location: StoreLocation, key: bytes, case_id: CaseId, saves: int) -> int:
    """Runs the typing child, kills it after ``saves`` reported saves; the last one reported."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.services.intake_child", str(location.data_dir), str(case_id)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, KEY_ENV: key.hex()},
    )
    assert child.stdout is not None
    last = 0
    try:
        for _ in range(saves):
            line = child.stdout.readline()
            if not line:
                break
            last = int(line)
    finally:
        child.send_signal(signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, stderr
    return last


@pytest.mark.slow
def test_killing_the_app_while_typing_loses_no_saved_keystroke(
    tmp_path: Path, keychain: Keychain
) -> None:
    location = StoreLocation.in_dir(tmp_path / "data")
    init_store(location, keychain, "Fatma Özdemir", "GM0855")
    with open_store(location, keychain) as store:
        key = store.key
        case_id = IntakeService(store, None).start_intake(REGISTRATION, IntakeAnswers())
    rng = random.Random(20261128)
    for _ in range(6):
        reported = _type_until_killed(location, key, case_id, rng.randint(1, 30))
        with open_store(location, keychain) as store:
            surname = IntakeService(store, None).load_intake(case_id).answers.entrepreneur.surname
            listed = _listed(store)
            with store.session() as session:
                row = fetch_case_page(session, "", None, 1)[0]
        assert len(surname) >= reported
        assert surname == typed_after(len(surname))
        assert listed == [case_id] and row.entrepreneur_name == " ".join(surname.split())


# --- duplicates -------------------------------------------------------------------------


def test_the_same_kvk_number_is_a_duplicate_with_a_dutch_reason(service: IntakeService) -> None:
    first = service.start_intake(REGISTRATION, ZOE)
    second = service.start_intake(REGISTRATION, IntakeAnswers())
    found = service.find_duplicates(second, _with(IntakeAnswers(), kvk_number="12345678"))
    assert [(match.case_id, match.reason) for match in found] == [
        (first, "Zelfde KvK-nummer (12345678)")
    ]
    assert found[0].name == "Zoë van 't Hoff-Çelik"


def test_showing_a_duplicate_is_logged_in_that_dossier_once(
    store: Store, service: IntakeService
) -> None:
    first = service.start_intake(REGISTRATION, ZOE)
    second = service.start_intake(REGISTRATION, IntakeAnswers())
    for _ in range(3):
        service.find_duplicates(second, ZOE)
    shown = [e for e in _events(store, first) if e.action == "case.shown_as_duplicate"]
    assert [e.details_json for e in shown] == [f'{{"from_case": {second}}}']
    assert service.dossier(first).log[-2].text == (
        f"Getoond als mogelijk hetzelfde dossier als dossier {second}"
    )


def test_the_same_bsn_is_a_duplicate(service: IntakeService) -> None:
    first = service.start_intake(REGISTRATION, _with(ZOE, bsn="111222333"))
    found = service.find_duplicates(CaseId(first + 1), _with(IntakeAnswers(), bsn="111222333"))
    assert [(match.case_id, match.reason) for match in found] == [(first, "Zelfde BSN")]


def test_the_same_name_written_differently_with_the_same_birth_date_is_a_duplicate(
    service: IntakeService,
) -> None:
    first = service.start_intake(REGISTRATION, ZOE)
    typed = IntakeAnswers(
        entrepreneur=Entrepreneur(
            first_names="zoe", name_prefix="Van T", surname="hoff celik",
            date_of_birth=date(1984, 3, 9),
        )
    )  # fmt: skip
    found = service.find_duplicates(CaseId(first + 1), typed)
    assert [(m.case_id, m.reason) for m in found] == [
        (first, "Zelfde naam en geboortedatum (9 maart 1984)")
    ]


def test_the_same_name_with_another_birth_date_is_no_duplicate(service: IntakeService) -> None:
    first = service.start_intake(REGISTRATION, ZOE)
    other = _with(ZOE, date_of_birth=date(1984, 3, 10), kvk_number="")
    assert service.find_duplicates(CaseId(first + 1), other) == ()


def test_a_case_is_never_its_own_duplicate(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, _with(ZOE, bsn="111222333"))
    assert service.find_duplicates(case_id, _with(ZOE, bsn="111222333")) == ()


def test_several_reasons_for_one_dossier_make_one_match(service: IntakeService) -> None:
    first = service.start_intake(REGISTRATION, ZOE)
    found = service.find_duplicates(CaseId(first + 1), ZOE)
    assert [(m.case_id, m.reason) for m in found] == [
        (first, "Zelfde KvK-nummer (12345678); Zelfde naam en geboortedatum (9 maart 1984)")
    ]


def test_a_kvk_number_typed_with_spaces_is_found_and_searchable(
    store: Store, service: IntakeService
) -> None:
    first = service.start_intake(REGISTRATION, _with(ZOE, kvk_number="1234 5678"))
    assert _listed(store, "12345678") == [first]
    found = service.find_duplicates(
        CaseId(first + 1), _with(IntakeAnswers(), kvk_number="12.345.678")
    )
    assert [m.case_id for m in found] == [first]


def test_a_kvk_number_still_being_typed_finds_no_one(service: IntakeService) -> None:
    service.start_intake(REGISTRATION, _with(ZOE, kvk_number="1234"))
    assert service.find_duplicates(CaseId(99), _with(IntakeAnswers(), kvk_number="1234")) == ()


# --- advice and decision ----------------------------------------------------------------


def test_accepting_the_advice_stores_it_and_moves_the_case_to_advice(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    decision = service.decide_route(
        case_id, advice, advice.primary_route, advice.secondary_route, ""
    )
    assert decision.accepted and decision.decided_by == "Fatma Özdemir"
    state = service.load_intake(case_id)
    assert state.decision == decision
    assert state.status is CaseStatus.ADVICE
    with store.session() as session:
        case = session.get_one(Case, case_id)
        assert (case.primary_route, case.secondary_route) == (Route.STRENGTHEN_BUSINESS, None)


def test_choosing_another_route_without_a_reason_is_refused_and_keeps_the_old_decision(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    first = service.decide_route(case_id, advice, Route.STRENGTHEN_BUSINESS, None, "")
    with pytest.raises(KnownError) as refused:
        service.decide_route(case_id, advice, Route.EMPLOYMENT, None, "  \n ")
    assert str(refused.value) == (
        "Geef een reden op waarom u een andere route kiest dan het advies."
    )
    assert service.load_intake(case_id).decision == first
    assert _count(store, AdviceDecision, case_id) == 1


def test_an_override_keeps_its_reason_and_the_suggested_routes(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    service.decide_route(
        case_id, advice, Route.EMPLOYMENT, Route.STRENGTHEN_BUSINESS, "Heeft al een baan op zicht"
    )
    decision = service.load_intake(case_id).decision
    assert decision is not None and not decision.accepted
    assert (decision.primary, decision.secondary, decision.suggested_primary) == (
        Route.EMPLOYMENT, Route.STRENGTHEN_BUSINESS, Route.STRENGTHEN_BUSINESS,
    )  # fmt: skip
    assert decision.override_reason == "Heeft al een baan op zicht"


def test_the_same_route_twice_is_refused_in_dutch(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    with pytest.raises(KnownError, match="Kies als tweede route een andere route"):
        service.decide_route(
            case_id, advice, Route.STRENGTHEN_BUSINESS, Route.STRENGTHEN_BUSINESS, "reden"
        )


def test_changed_answers_flag_the_decision_and_never_replace_it(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    service.decide_route(case_id, advice, advice.primary_route, advice.secondary_route, "")
    stopping = dataclasses.replace(
        ZOE, future=Future(wish=Wish.STOP_AND_FIND_JOB), situation=Situation(debts=DebtLevel.ACUTE)
    )
    service.save_answers(case_id, stopping)
    decision = service.load_intake(case_id).decision
    assert decision is not None
    assert not decision_still_matches(decision, service.advise(case_id, stopping))
    assert decision.primary is Route.STRENGTHEN_BUSINESS
    assert _count(store, AdviceDecision, case_id) == 1


def test_later_decisions_are_added_and_the_latest_counts(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    service.decide_route(case_id, advice, Route.STRENGTHEN_BUSINESS, None, "")
    service.decide_route(
        case_id, advice, Route.DE_ESCALATION, None, "Schulden kwamen later ter sprake"
    )
    decision = service.load_intake(case_id).decision
    assert decision is not None and decision.primary is Route.DE_ESCALATION
    assert _count(store, AdviceDecision, case_id) == 2


def _regional_ids(service: IntakeService, case_id: CaseId, answers: IntakeAnswers) -> list[str]:
    advice = service.advise(case_id, answers)
    return [m.instrument.id for m in advice.instruments if m.instrument.id == "vuurkracht"]


def test_advice_offers_what_the_entrepreneurs_own_region_has(service: IntakeService) -> None:
    wants_changes = IntakeAnswers(future=Future(wish=Wish.CONTINUE_WITH_CHANGES))
    in_groningen = _with(wants_changes, municipality_code=MunicipalityCode("GM0014"))
    case_id = service.start_intake(REGISTRATION, wants_changes)  # counter in Tilburg
    assert _regional_ids(service, case_id, in_groningen) == ["vuurkracht"]
    assert _regional_ids(service, case_id, wants_changes) == []


def test_advice_for_someone_across_the_border_uses_the_counters_region(
    service: IntakeService,
) -> None:
    wants_changes = IntakeAnswers(future=Future(wish=Wish.CONTINUE_WITH_CHANGES))
    case_id = service.start_intake(Registration(TODAY, "GM0014"), wants_changes)
    assert _regional_ids(service, case_id, wants_changes) == ["vuurkracht"]


@pytest.mark.only_sqlite("the owner imports the region's catalog on a server")
def test_advice_uses_a_newly_imported_catalog(
    store: Store, service: IntakeService, tmp_path: Path
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    before = service.advise(case_id, ZOE)
    default = load_default_catalog()
    renamed = dataclasses.replace(
        default,
        version="2026-12",
        instruments=tuple(
            dataclasses.replace(item, name=f"{item.name} (regio)") for item in default.instruments
        ),
    )
    export_catalog(renamed, tmp_path / "regio.json")
    import_catalog(store, tmp_path / "regio.json")
    after = service.advise(case_id, ZOE)
    assert not before.instruments[0].instrument.name.endswith("(regio)")
    assert after.instruments[0].instrument.name.endswith("(regio)")


# --- instruments, actions, appointment ----------------------------------------------------


def test_chosen_instruments_keep_their_order_and_catalog_names(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    matches = service.advise(case_id, ZOE).instruments[:3]
    ids = [match.instrument.id for match in reversed(matches)]
    service.choose_instruments(case_id, [*ids, ids[0]])
    chosen = service.load_intake(case_id).chosen_instruments
    assert [(c.instrument_id, c.name) for c in chosen] == [
        (m.instrument.id, m.instrument.name) for m in reversed(matches)
    ]


def test_an_unknown_instrument_is_refused_and_the_choice_kept(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    known = service.advise(case_id, ZOE).instruments[0].instrument.id
    service.choose_instruments(case_id, [known])
    with pytest.raises(KnownError, match="Het instrument “bestaat-niet” staat niet"):
        service.choose_instruments(case_id, [known, InstrumentId("bestaat-niet")])
    assert [c.instrument_id for c in service.load_intake(case_id).chosen_instruments] == [known]


def test_actions_are_replaced_in_order_and_come_back_with_ids(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    service.save_actions(case_id, [Action("Oud", ActionOwner.CASEWORKER)])
    actions = [
        Action("Schuldhulp bellen", ActionOwner.ENTREPRENEUR, due_date=date(2026, 12, 4)),
        Action("Aanmelden bij het RMT", ActionOwner.PARTNER, owner_detail="RMT Midden-Brabant"),
    ]
    stored = service.save_actions(case_id, actions).value
    assert all(action.action_id is not None for action in stored)
    assert [dataclasses.replace(a, action_id=None) for a in stored] == actions
    assert service.load_intake(case_id).actions == stored


def test_resaved_actions_keep_their_ids_and_left_out_ones_go(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    first, second = service.save_actions(
        case_id,
        [
            Action("Offerte opvragen", ActionOwner.ENTREPRENEUR),
            Action("Bellen", ActionOwner.PARTNER),
        ],
    ).value
    done = dataclasses.replace(second, done=True)
    new = Action("Afspraak met de bank", ActionOwner.CASEWORKER)
    stored = service.save_actions(case_id, [done, new]).value
    assert stored[0] == done
    assert stored[1].action_id not in (None, first.action_id, second.action_id)
    assert service.load_intake(case_id).actions == stored


def test_an_action_without_description_is_refused_and_the_old_actions_stay(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    service.save_actions(case_id, [Action("Offerte opvragen", ActionOwner.ENTREPRENEUR)])
    with pytest.raises(KnownError) as refused:
        service.save_actions(
            case_id,
            [Action("Nieuw", ActionOwner.ENTREPRENEUR), Action("  ", ActionOwner.CASEWORKER)],
        )
    assert str(refused.value).startswith("Actie 2 heeft geen omschrijving.")
    assert _actions(store, case_id) == ["Offerte opvragen"]


def test_the_next_appointment_is_stored_replaced_and_removed(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    starts = datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM)
    first = Appointment(starts, AppointmentMode.IN_PERSON, "Stadskantoor, kamer 2")
    service.save_appointment(case_id, first)
    stored = service.load_intake(case_id).appointment
    assert stored is not None and stored.starts_at == starts and stored.location == first.location
    call = Appointment(starts + timedelta(days=7), AppointmentMode.PHONE, "06 12345678")
    service.save_appointment(case_id, call)
    stored = service.load_intake(case_id).appointment
    assert stored is not None and stored.mode is AppointmentMode.PHONE
    service.save_appointment(case_id, None)
    assert service.load_intake(case_id).appointment is None


def test_an_appointment_that_ends_before_it_starts_is_refused_and_the_old_one_kept(
    service: IntakeService,
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    starts = datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM)
    kept = Appointment(starts, AppointmentMode.VIDEO, ends_at=starts + timedelta(hours=1))
    service.save_appointment(case_id, kept)
    with pytest.raises(KnownError, match="De afspraak eindigt voordat hij begint"):
        service.save_appointment(
            case_id, dataclasses.replace(kept, ends_at=starts - timedelta(minutes=30))
        )
    stored = service.load_intake(case_id).appointment
    assert stored is not None and stored.ends_at == kept.ends_at


def test_an_appointment_without_time_zone_is_a_programming_error(service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    with pytest.raises(ValueError, match="timezone-aware"):
        service.save_appointment(
            case_id, Appointment(datetime(2026, 12, 3, 10, 0), AppointmentMode.PHONE)
        )


# --- the dossier view -------------------------------------------------------------------


def test_the_dossier_holds_intake_referrals_documents_and_a_readable_log(
    store: Store, service: IntakeService
) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    advice = service.advise(case_id, ZOE)
    service.decide_route(case_id, advice, advice.primary_route, None, "")
    with store.transaction() as session:
        referral = Referral(
            case_id=case_id, partner_name="Ondernemersklankbord", request_text="Coaching",
            referred_on=date(2026, 11, 28), status="verwezen",
        )  # fmt: skip
        session.add(referral)
        session.flush()
        session.add(
            ReferralStatusChange(
                referral_id=referral.id, status="gestart", changed_on=date(2026, 12, 1)
            )
        )
        session.add(
            PlanVersion(case_id=case_id, pdf=b"%PDF-1.7", sha256="ab" * 32, source_json="{}")
        )
    dossier = service.dossier(case_id)
    assert dossier.intake.answers == ZOE
    assert [(r.partner_name, r.status_label) for r in dossier.referrals] == [
        ("Ondernemersklankbord", "Gestart")
    ]
    assert [(d.kind_label, d.sha256) for d in dossier.documents] == [("Actieplan", "ab" * 32)]
    assert [line.text for line in dossier.log] == [
        "Dossier aangemaakt",
        "Intake opgeslagen (Ondernemer: Voornamen, Tussenvoegsel, Achternaam, Geboortedatum, "
        "Postcode, Woonplaats, Gemeente; Onderneming: Handelsnaam, KvK-nummer; "
        "Toekomst en hulpvraag: Wens voor de toekomst)",
        "Advies aangenomen: route 1",
        "Status veranderd van Intake naar Advies",
        "Dossier geopend",
    ]
    assert {line.who for line in dossier.log} == {"Fatma Özdemir"}


def test_opening_a_dossier_is_logged(store: Store, service: IntakeService) -> None:
    case_id = service.start_intake(REGISTRATION, ZOE)
    service.dossier(case_id)
    service.load_intake(case_id)
    assert [e.action for e in _events(store, case_id)][-2:] == ["dossier.opened", "intake.viewed"]


def test_opening_a_dossier_that_does_not_exist_says_so_in_dutch(service: IntakeService) -> None:
    with pytest.raises(CaseNotFoundError, match="Dossier 404 bestaat niet"):
        service.dossier(CaseId(404))


def test_a_closed_case_refuses_intake_changes_until_it_is_reopened(
    store: Store, service: IntakeService
) -> None:
    from casedesk.domain.closing import CaseClosedError, Outcome
    from casedesk.services.closing import close_case, reopen_case

    case_id = service.start_intake(REGISTRATION, ZOE)
    close_case(store, case_id, Outcome.BUSINESS_CONTINUED, TODAY, NOW, confirmed=True)
    changed = _with(ZOE, trade_name="Ander bedrijf")
    with pytest.raises(CaseClosedError, match="afgesloten"):
        service.save_answers(case_id, changed)
    with pytest.raises(CaseClosedError):
        service.save_actions(case_id, [Action("Bellen met de Kamer van Koophandel",
                                              ActionOwner.ENTREPRENEUR)])  # fmt: skip
    assert service.load_intake(case_id).answers == ZOE
    reopen_case(store, case_id, "Ondernemer meldt zich opnieuw")
    service.save_answers(case_id, changed)
    assert service.load_intake(case_id).answers.business.trade_name == "Ander bedrijf"


def test_the_advice_counts_age_on_the_date_at_the_counter(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 30 June 2027, 22:30 UTC is already 1 July in the Netherlands: she turned 55 today.
    monkeypatch.setattr(clock, "now", lambda: datetime(2027, 6, 30, 22, 30, tzinfo=UTC))
    with store.session() as session:
        service = IntakeService(store, settings_repo.current_caseworker_id(session))
    stops = _with(
        IntakeAnswers(future=Future(wish=Wish.STOP_AND_FIND_JOB)), date_of_birth=date(1972, 7, 1)
    )
    case_id = service.start_intake(REGISTRATION, stops)
    hints = [r.text for r in service.advise(case_id, stops).reasons if r.rule_id == "HINT-IOAZ"]
    assert hints and "U bent 55 jaar" in hints[0]
