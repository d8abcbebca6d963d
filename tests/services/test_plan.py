"""Plans from a real encrypted store: built from the case, stored for good, reopened exactly."""

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from casedesk.db import caseworker_settings_repo, settings_repo
from casedesk.db.cases import BusinessData, CaseNotFoundError, EntrepreneurData, create_case
from casedesk.db.caseworker_settings_repo import EMAIL
from casedesk.db.keys import Keychain
from casedesk.db.models import (
    Action,
    AdviceDecision,
    Appointment,
    AuditEvent,
    CaseInstrument,
    Consent,
    IntakeAnswers,
    PlanVersion,
    Referral,
)
from casedesk.db.models import Case as CaseRow
from casedesk.db.plan_repo import PlanVersionDamagedError, PlanVersionNotFoundError
from casedesk.db.store import Store
from casedesk.domain.answers_json import FORMAT_VERSION, answers_to_json_dict
from casedesk.domain.case import CaseStatus
from casedesk.domain.catalog import PartnerId
from casedesk.domain.closing import CaseClosedError, Outcome
from casedesk.domain.plan_content import PLAN_SECTIONS, SECTION_NUMBERS
from casedesk.domain.routes import Route
from casedesk.errors import KnownError
from casedesk.plan.pdfa import check_pdfa
from casedesk.plan.samples import SAMPLE_MUNICIPALITY, sample_answers, sample_logo_png
from casedesk.services.catalog import catalog_in_use
from casedesk.services.catalog_editing import CatalogEditor
from casedesk.services.closing import close_case
from casedesk.services.municipality_settings import save_municipality_settings
from casedesk.services.plan import (
    build_plan_content,
    document_lines,
    list_plan_versions,
    load_plan_version,
    render_and_store_plan,
    render_and_store_referral_letter,
    render_case_plan,
    render_case_referral_letter,
    save_plan_file,
)
from tests.plan.pdf_tools import pdf_info, pdf_text, squeeze
from tests.stores import new_store

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain, municipality_code="GM1900") as opened:
        save_municipality_settings(opened, SAMPLE_MUNICIPALITY)
        yield opened


def _caseworker(store: Store) -> int:
    with store.session() as session:
        caseworker = settings_repo.current_caseworker_id(session)
    assert caseworker is not None
    return caseworker


def _case(
    store: Store, *, consent: bool | None = True, crisis: bool | None = None
) -> tuple[int, int]:
    """A case with every part of a plan filled in; returns (case id, referral id)."""
    actor = _caseworker(store)
    answers = sample_answers()
    if crisis is not None:
        answers = replace(answers, situation=replace(answers.situation, crisis=crisis))
    with store.transaction() as session:
        case_id = create_case(
            session,
            actor,
            entrepreneur=EntrepreneurData("Zoë", "van 't", "Hoff-Çelik"),
            business=BusinessData("Kapsalon Zoë & IJsbrand"),
            municipality_code="GM1900",
            region_code=None,
            registration_date=TODAY,
        )
        session.add(
            IntakeAnswers(
                case_id=case_id,
                schema_version=FORMAT_VERSION,
                answers_json=json.dumps(answers_to_json_dict(answers), ensure_ascii=False),
            )
        )
        session.add(
            AdviceDecision(
                case_id=case_id,
                suggested_primary_route=Route.DE_ESCALATION,
                suggested_secondary_route=Route.STRENGTHEN_BUSINESS,
                urgent=True,
                reasons_json=json.dumps(
                    [{"rule_id": "acute", "text": "Er dreigt direct gevaar door schulden."}]
                ),
                accepted=True,
                chosen_primary_route=Route.DE_ESCALATION,
                chosen_secondary_route=Route.STRENGTHEN_BUSINESS,
                decided_by=actor,
            )
        )
        session.add(
            CaseInstrument(
                case_id=case_id, instrument_id="mkb-noodlijn", instrument_name="MKB-noodlijn"
            )
        )
        session.add(
            Action(
                case_id=case_id,
                description="Energieleverancier bellen",
                owner="klantmanager",
                due_date=TODAY + timedelta(days=1),
            )
        )
        session.add(
            Appointment(
                case_id=case_id,
                starts_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
                mode="ter_plaatse",
                location="Balie 3",
            )
        )
        referral = Referral(
            case_id=case_id,
            partner_id="sociaal-domein",
            partner_name="Sociaal domein van uw gemeente",
            request_text="Hulp bij stress en slecht slapen.",
            referred_on=TODAY,
            status="verwezen",
            shares_data=bool(consent),
            created_by=actor,
        )
        session.add(referral)
        session.flush()
        if consent is not None:
            session.add(
                Consent(
                    case_id=case_id,
                    referral_id=referral.id,
                    given=consent,
                    data_shared="naam en telefoonnummer",
                    recipient="Sociaal domein van uw gemeente",
                    given_on=TODAY,
                    method="mondeling",
                    recorded_by=actor,
                )
            )
        return case_id, referral.id


def test_plan_is_built_from_the_stored_case(store: Store) -> None:
    case_id, _ = _case(store)
    content = build_plan_content(store, case_id, TODAY)
    assert content.letterhead.entrepreneur_name == "Zoë van 't Hoff-Çelik"
    assert content.letterhead.caseworker_name == "Fatma Özdemir"
    assert content.letterhead.municipality_name == "Gemeente Súdwest-Fryslân"
    assert content.routes[0].title.startswith("Route 2")
    assert content.route_reasons == ("Er dreigt direct gevaar door schulden.",)
    assert [i.phone for i in content.instruments] == ["088 999 0000"]
    assert content.instruments[0].why_it_fits  # from the advice for these answers
    assert [a.what for a in content.actions] == ["Energieleverancier bellen"]
    assert content.appointment is not None
    # 09:00 UTC is 10:00 in Amsterdam in December.
    assert content.appointment.when == "Donderdag 3 december 2026 om 10:00 uur"
    assert content.referrals[0].to == "Sociaal domein van uw gemeente"


def test_a_chosen_instrument_on_the_short_list_says_first_which_need_it_meets(
    store: Store,
) -> None:
    case_id, _ = _case(store, crisis=True)

    content = build_plan_content(store, case_id, TODAY)

    (noodlijn,) = content.instruments
    assert noodlijn.why_it_fits[0] == (
        "U hebt het nu heel zwaar. Hier kunt u meteen met iemand praten."
    )


@pytest.mark.parametrize("crisis", [False, True])
def test_the_stored_plan_prints_only_phone_lines_on_the_cases_short_list(
    store: Store, crisis: bool
) -> None:
    case_id, _ = _case(store, crisis=crisis)
    with store.transaction() as session:
        session.query(CaseInstrument).filter_by(case_id=case_id).delete()

    content = build_plan_content(store, case_id, TODAY)

    # In a crisis the MKB-noodlijn tops the short list; otherwise it and the KvK Adviesteam
    # zwaar weer are only "ook beschikbaar" for this entrepreneur with acute debts.
    labels = [number.label for number in content.important_numbers]
    assert labels == (["MKB-noodlijn"] if crisis else [])


def test_building_a_plan_is_logged_as_a_read_of_the_dossier(store: Store) -> None:
    case_id, _ = _case(store)
    build_plan_content(store, case_id, TODAY)
    with store.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.case_id == case_id)
        ).all()
    assert "plan.built" in actions


def test_unknown_case_is_refused_in_dutch(store: Store) -> None:
    with pytest.raises(CaseNotFoundError, match="Dossier 999 bestaat niet"):
        build_plan_content(store, 999, TODAY)


def test_rendered_plan_has_every_section_and_is_pdfa(store: Store) -> None:
    case_id, _ = _case(store)
    rendered = render_case_plan(store, case_id, now=NOW)
    text = pdf_text(rendered.pdf)
    # "Belangrijke nummers" only holds numbers not printed above: none in this dossier.
    assert build_plan_content(store, case_id, TODAY).important_numbers == ()
    positions = [text.index(title) for title in PLAN_SECTIONS if title != SECTION_NUMBERS]
    assert positions == sorted(positions)
    assert check_pdfa(rendered.pdf).passed
    assert json.loads(rendered.source_json)["kind"] == "actieplan"


def test_stored_version_reopens_byte_identical_after_the_case_changed(store: Store) -> None:
    case_id, _ = _case(store)
    info = render_and_store_plan(store, case_id, _caseworker(store), now=NOW)
    original = load_plan_version(store, info.version_id)
    with store.transaction() as session:
        session.execute(
            text("UPDATE actions SET description = 'Iets heel anders' WHERE case_id = :c"),
            {"c": case_id},
        )
    assert load_plan_version(store, info.version_id) == original
    assert "Energieleverancier bellen" in pdf_text(original)
    fresh = render_case_plan(store, case_id, now=NOW)
    assert "Iets heel anders" in pdf_text(fresh.pdf)
    assert fresh.pdf != original


def test_the_store_refuses_to_change_a_stored_version(store: Store) -> None:
    case_id, _ = _case(store)
    info = render_and_store_plan(store, case_id, _caseworker(store), now=NOW)
    with pytest.raises(DBAPIError, match="immutable"), store.transaction() as session:
        session.execute(
            text("UPDATE plan_versions SET pdf = :p WHERE id = :i"),
            {"p": b"%PDF-fake", "i": info.version_id},
        )
    assert load_plan_version(store, info.version_id)[:5] == b"%PDF-"


def test_versions_are_listed_newest_first_with_their_checksums(store: Store) -> None:
    case_id, _ = _case(store)
    actor = _caseworker(store)
    first = render_and_store_plan(store, case_id, actor, now=NOW)
    second = render_and_store_plan(store, case_id, actor, now=NOW + timedelta(hours=1))
    versions = list_plan_versions(store, case_id)
    assert [v.version_id for v in versions] == [second.version_id, first.version_id]
    assert versions[0].caseworker_name == "Fatma Özdemir"
    assert versions[0].size == len(load_plan_version(store, second.version_id))
    lines = document_lines(store, case_id)
    assert [line.kind_label for line in lines] == ["Actieplan", "Actieplan"]
    assert lines[0].sha256 == second.sha256


def test_a_version_whose_bytes_were_damaged_is_not_handed_out(store: Store) -> None:
    case_id, _ = _case(store)
    info = render_and_store_plan(store, case_id, _caseworker(store), now=NOW)
    with store.transaction() as session:
        # Damage as a disk fault would: around the trigger, which guards only UPDATE.
        session.execute(text("CREATE TEMP TABLE damaged AS SELECT * FROM plan_versions"))
        session.execute(text("DELETE FROM plan_versions WHERE id = :i"), {"i": info.version_id})
        session.execute(text("UPDATE damaged SET pdf = X'255044462D'"))
        session.execute(text("INSERT INTO plan_versions SELECT * FROM damaged"))
    with pytest.raises(PlanVersionDamagedError, match="beschadigd"):
        load_plan_version(store, info.version_id)


def test_unknown_version_is_refused_in_dutch(store: Store) -> None:
    with pytest.raises(PlanVersionNotFoundError, match="Document 42 bestaat niet"):
        load_plan_version(store, 42)


def test_referral_letter_with_consent_is_stored_with_its_referral(store: Store) -> None:
    case_id, referral_id = _case(store, consent=True)
    info = render_and_store_referral_letter(
        store, case_id, referral_id, _caseworker(store), now=NOW
    )
    assert (info.kind, info.referral_id) == ("verwijsbrief", referral_id)
    text_ = squeeze(pdf_text(load_plan_version(store, info.version_id)))
    assert squeeze("Zoë van 't Hoff-Çelik") in text_
    assert squeeze("naam en telefoonnummer") in text_


@pytest.mark.parametrize("consent", [False, None])
def test_referral_letter_without_consent_holds_no_personal_data(
    store: Store, consent: bool | None
) -> None:
    case_id, referral_id = _case(store, consent=consent)
    info = render_and_store_referral_letter(
        store, case_id, referral_id, _caseworker(store), now=NOW
    )
    text_ = pdf_text(load_plan_version(store, info.version_id))
    for personal in ("Zoë", "Hoff", "Kapsalon", "06 12345678", "12345678"):
        assert personal not in text_
    with store.session() as session:
        source = session.get_one(PlanVersion, info.version_id).source_json
    assert "Zoë" not in source and "12345678" not in source


def test_letter_for_another_cases_referral_is_refused(store: Store) -> None:
    case_id, _ = _case(store)
    _, other_referral = _case(store)
    with pytest.raises(KnownError, match="hoort niet bij dossier"):
        render_and_store_referral_letter(store, case_id, other_referral, None, now=NOW)


def test_saving_to_a_file_writes_the_stored_version(store: Store, tmp_path: Path) -> None:
    case_id, _ = _case(store)
    out = tmp_path / "actieplan.pdf"
    info = save_plan_file(store, case_id, out, _caseworker(store), now=NOW)
    assert out.read_bytes() == load_plan_version(store, info.version_id)


def test_saving_into_a_missing_folder_stores_nothing(store: Store, tmp_path: Path) -> None:
    case_id, _ = _case(store)
    with pytest.raises(KnownError, match=r"De map .* bestaat niet"):
        save_plan_file(store, case_id, tmp_path / "nergens" / "plan.pdf", None, now=NOW)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(PlanVersion)) == 0


def test_saving_onto_a_folder_is_refused(store: Store, tmp_path: Path) -> None:
    case_id, _ = _case(store)
    with pytest.raises(KnownError, match="is een map"):
        save_plan_file(store, case_id, tmp_path, None, now=NOW)


def _images_on_first_page(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages[0].get_images())


def test_the_stored_logo_is_printed_on_the_plan_and_a_removed_one_is_not(store: Store) -> None:
    case_id, _ = _case(store)
    save_municipality_settings(store, replace(SAMPLE_MUNICIPALITY, logo=sample_logo_png()))
    with_logo = render_case_plan(store, case_id, now=NOW).pdf
    save_municipality_settings(store, replace(SAMPLE_MUNICIPALITY, logo=None))
    without_logo = render_case_plan(store, case_id, now=NOW).pdf
    assert _images_on_first_page(with_logo) == _images_on_first_page(without_logo) + 1


def test_a_plan_says_what_still_needs_a_look_before_printing(store: Store) -> None:
    case_id, _ = _case(store)
    after_the_appointment = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    with store.transaction() as session:
        row = session.scalars(select(IntakeAnswers).where(IntakeAnswers.case_id == case_id)).one()
        answers = sample_answers()
        seven_digits = replace(answers, business=replace(answers.business, kvk_number="1234567"))
        row.answers_json = json.dumps(answers_to_json_dict(seven_digits), ensure_ascii=False)
    rendered = render_case_plan(store, case_id, now=after_the_appointment)
    assert any(point.startswith("KvK-nummer: moet uit 8 cijfers") for point in rendered.to_check)
    assert any("3 december 2026 is voorbij" in point for point in rendered.to_check)
    assert any("Uw e-mailadres" in point for point in rendered.to_check)


def test_the_caseworkers_e_mail_is_printed_and_then_not_asked_for(store: Store) -> None:
    case_id, _ = _case(store)
    with store.transaction() as session:
        caseworker_settings_repo.write_value(
            session, _caseworker(store), EMAIL, "z.devries@sudwestfryslan.nl"
        )
    rendered = render_case_plan(store, case_id, now=NOW)
    assert rendered.to_check == ()
    assert "z.devries@sudwestfryslan.nl" in pdf_text(rendered.pdf)


def test_a_stored_plan_makes_the_case_plan_made_and_a_look_leaves_it(store: Store) -> None:
    case_id, _ = _case(store)
    render_case_plan(store, case_id, now=NOW)
    with store.session() as session:
        assert session.get(CaseRow, case_id).status is CaseStatus.REGISTERED  # type: ignore[union-attr]
    render_and_store_plan(store, case_id, _caseworker(store), now=NOW)
    with store.session() as session:
        assert session.get(CaseRow, case_id).status is CaseStatus.PLAN_MADE  # type: ignore[union-attr]


def test_a_later_plan_leaves_a_lopend_case_lopend(store: Store) -> None:
    case_id, _ = _case(store)
    with store.transaction() as session:
        session.get_one(CaseRow, case_id).status = CaseStatus.ACTIVE
    render_and_store_plan(store, case_id, _caseworker(store), now=NOW)
    with store.session() as session:
        assert session.get_one(CaseRow, case_id).status is CaseStatus.ACTIVE


def _set_trade_name(store: Store, case_id: int, trade_name: str) -> None:
    with store.transaction() as session:
        row = session.scalars(select(IntakeAnswers).where(IntakeAnswers.case_id == case_id)).one()
        data = json.loads(row.answers_json)
        data["business"]["trade_name"] = trade_name
        row.answers_json = json.dumps(data, ensure_ascii=False)


def test_a_plan_with_an_emoji_and_chinese_is_made_and_says_what_cannot_print(
    store: Store,
) -> None:
    case_id, _ = _case(store)
    _set_trade_name(store, case_id, "Kapsalon 💇‍♀️ 王伟")
    rendered = render_case_plan(store, case_id, now=NOW)
    assert check_pdfa(rendered.pdf).passed
    assert rendered.warnings == (
        # The business is named in the situation's first sentence.
        "Uw situatie: ‘💇‍♀️’ kan niet worden afgedrukt en wordt weggelaten.",
    )
    assert "王伟" in pdf_text(rendered.pdf)


def test_a_plan_that_prints_as_typed_has_no_warnings(store: Store) -> None:
    case_id, _ = _case(store)
    assert render_case_plan(store, case_id, now=NOW).warnings == ()


def test_save_plan_file_tells_what_cannot_print_before_writing(
    store: Store, tmp_path: Path
) -> None:
    case_id, _ = _case(store)
    _set_trade_name(store, case_id, "Salon ✂ ሰላም")  # Ethiopic: no shipped font has it
    heard: list[str] = []
    save_plan_file(store, case_id, tmp_path / "plan.pdf", None, now=NOW, warn=heard.append)
    assert heard == [
        "Uw situatie: ‘ሰ’, ‘ላ’ en ‘ም’ kan niet worden afgedrukt. Op papier staat daar een "
        "vraagteken."
    ]


def _closed(store: Store, case_id: int) -> None:
    close_case(store, case_id, Outcome.BUSINESS_CONTINUED, TODAY, NOW, confirmed=True)


def test_a_closed_case_prints_as_closed_without_its_next_appointment(store: Store) -> None:
    case_id, _ = _case(store)
    _closed(store, case_id)
    text = pdf_text(render_case_plan(store, case_id, now=NOW).pdf)
    assert squeeze("Uw dossier is afgesloten op 27 november 2026") in squeeze(text)
    assert "Balie 3" not in text


def test_a_closed_case_gets_no_new_plan_version_and_no_file(
    store: Store, tmp_path: Path
) -> None:
    case_id, _ = _case(store)
    _closed(store, case_id)
    out = tmp_path / "plan.pdf"
    with pytest.raises(CaseClosedError, match="is afgesloten"):
        save_plan_file(store, case_id, out, None, now=NOW)
    assert not out.exists()
    assert list_plan_versions(store, case_id) == []


def test_a_referral_letter_on_a_closed_case_is_refused(store: Store) -> None:
    case_id, referral_id = _case(store)
    _closed(store, case_id)
    with pytest.raises(CaseClosedError, match="is afgesloten"):
        render_case_referral_letter(store, case_id, referral_id, now=NOW)


def test_without_saved_answers_the_plan_still_names_the_entrepreneur(store: Store) -> None:
    case_id, _ = _case(store)
    with store.transaction() as session:
        session.execute(text("DELETE FROM intake_answers WHERE case_id = :id"), {"id": case_id})
    rendered = render_case_plan(store, case_id, now=NOW)
    content = json.loads(rendered.source_json)["content"]
    assert content["letterhead"]["entrepreneur_name"] == "Zoë van 't Hoff-Çelik"
    assert content["situation"][0].startswith("U hebt het bedrijf Kapsalon Zoë & IJsbrand")
    info = pdf_info(rendered.pdf)
    assert info["Subject"] == "Persoonlijk actieplan voor Zoë van 't Hoff-Çelik"


def test_a_referral_set_to_not_started_is_not_printed_as_active(store: Store) -> None:
    case_id, referral_id = _case(store)
    with store.transaction() as session:
        session.execute(
            text("UPDATE referrals SET status = 'niet_gestart' WHERE id = :id"), {"id": referral_id}
        )
    content = build_plan_content(store, case_id, TODAY)
    assert content.referrals == ()


def test_a_referral_letter_carries_the_partners_postal_address_from_the_catalog(
    store: Store,
) -> None:
    partner = catalog_in_use(store).partner(PartnerId("sociaal-domein"))
    assert partner is not None
    address = "Postbus 10000\n8900 HA  Leeuwarden"
    CatalogEditor(store).save(replace(partner, address=address), TODAY)
    case_id, referral_id = _case(store, consent=False)
    info = render_and_store_referral_letter(
        store, case_id, referral_id, _caseworker(store), now=NOW
    )
    text_ = pdf_text(load_plan_version(store, info.version_id))
    assert "Sociaal domein van uw gemeente\nPostbus 10000\n8900 HA Leeuwarden" in text_
