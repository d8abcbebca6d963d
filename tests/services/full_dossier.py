"""A demo dossier with every column of every dossier table filled, for inzage and erasure.

Starts from a dossier as ``casedesk demo`` bulk-inserts one, then adds a row to every
other dossier table; ``every_column_filled`` fails when a table or column is added that
this does not fill, so the tests that use it keep covering the whole dossier.
"""

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from casedesk.db import settings_repo
from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.data_store import DataStore
from casedesk.db.dossier_rows import DossierRows
from casedesk.db.models import (
    Action,
    AdviceDecision,
    Appointment,
    Business,
    Case,
    CaseInstrument,
    CaseNeed,
    CaseReopening,
    Consent,
    Entrepreneur,
    FieldCorrection,
    FollowUp,
    IntakeAnswers,
    IntakePart,
    PlanVersion,
    Referral,
    ReferralStatusChange,
)
from casedesk.domain.answers_json import FORMAT_VERSION, answers_to_json_dict
from casedesk.domain.case import CaseStatus
from casedesk.domain.routes import Route
from casedesk.plan.samples import sample_answers
from casedesk.services.regions import region_table_in_use

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
CLOSED_ON = date(2026, 11, 20)
MARKER = "Qwertyzand"
"""A surname no demo name or catalog text holds, to look for after an erasure."""


def _add_bare_dossier(store: DataStore, municipality_code: str | None) -> None:
    """A dossier as ``casedesk demo`` bulk-inserts one: no intake, decision or plan yet."""
    municipalities = region_table_in_use(store).current_municipalities()
    municipality = next(
        (one for one in municipalities if one.code == municipality_code), municipalities[0]
    )
    row = DemoCaseRow(
        voornamen="Anna", tussenvoegsel="", achternaam="Jansen",
        date_of_birth=date(1980, 5, 17), trade_name="Atelier", kvk_number="12345678",
        postcode="5038 AB", place="Tilburg", municipality_code=municipality.code,
        region_code=municipality.region_code, status=CaseStatus.INTAKE,
        primary_route=None, created_at=NOW, updated_at=NOW, sector="creatief",
    )  # fmt: skip
    with store.transaction() as session:
        insert_cases(session, [row])


def add_full_dossier(
    store: DataStore,
    *,
    surname: str = MARKER,
    closed_on: date = CLOSED_ON,
    retention_until: date = date(2031, 11, 20),
    municipality_code: str | None = None,
) -> int:
    """The dossier's number; in ``municipality_code`` (default: the region table's first)."""
    _add_bare_dossier(store, municipality_code)
    with store.transaction() as session:
        actor = settings_repo.current_caseworker_id(session)
        case = session.scalars(select(Case).order_by(Case.id.desc()).limit(1)).one()
        entrepreneur = session.get_one(Entrepreneur, case.entrepreneur_id)
        entrepreneur.achternaam = surname
        entrepreneur.tussenvoegsel = "van"
        entrepreneur.phone = "06 1234 5678"
        entrepreneur.email = f"{surname.lower()}@voorbeeld.nl"
        entrepreneur.street_address = "Kerkstraat 12"
        entrepreneur.bsn = "111222333"
        business = session.get_one(Business, case.business_id)
        business.trade_name = f"Atelier {surname}"
        business.legal_form = "eenmanszaak"
        business.start_date = date(2015, 3, 1)
        business.staff_count = 2
        business.hours_per_week = 40
        case.caseworker_id = actor
        case.channel = "website"
        case.secondary_route = Route.STRENGTHEN_BUSINESS
        case.primary_route = Route.DE_ESCALATION
        case.third_route = Route.EMPLOYMENT
        case.urgent = True
        case.status = CaseStatus.CLOSED
        case.closing_outcome = "gestopt_met_baan"
        case.closed_on = closed_on
        case.retention_until = retention_until
        case.result_type = "21_verstrekt"
        case_id = case.id
        answers = answers_to_json_dict(sample_answers())
        answers["entrepreneur"]["surname"] = surname
        session.add(IntakeAnswers(case_id=case_id, schema_version=FORMAT_VERSION,
                                  answers_json=json.dumps(answers, ensure_ascii=False)))
        session.add(IntakePart(case_id=case_id, part="entrepreneur", version=3))
        session.add(AdviceDecision(
            case_id=case_id, suggested_primary_route=Route.DE_ESCALATION,
            suggested_secondary_route=Route.EMPLOYMENT,
            suggested_third_route=Route.STRENGTHEN_BUSINESS, urgent=True,
            reasons_json=json.dumps([{"rule_id": "acute", "text": "Er dreigen acute schulden."}]),
            accepted=False, chosen_primary_route=Route.DE_ESCALATION,
            chosen_secondary_route=Route.STRENGTHEN_BUSINESS, chosen_third_route=Route.EMPLOYMENT,
            override_reason=f"{surname} wil eerst het bedrijf versterken", decided_by=actor,
            decided_at=NOW,
        ))
        session.add(CaseInstrument(
            case_id=case_id, instrument_id="mkb-noodlijn", instrument_name="MKB-noodlijn",
            reason="Snel advies bij schulden", position=1, chosen_by=actor, chosen_at=NOW,
        ))
        session.add(Action(
            case_id=case_id, description="Energieleverancier bellen", owner="partner",
            owner_detail="Geldfit Zakelijk", due_date=date(2026, 12, 1), done=True, position=1,
            created_at=NOW,
        ))
        session.add(Appointment(
            case_id=case_id, starts_at=NOW + timedelta(days=6), ends_at=NOW + timedelta(days=6,
            hours=1), mode="ter_plaatse", location="Balie 3", note="Jaarcijfers meenemen",
            created_at=NOW,
        ))
        referral = Referral(
            case_id=case_id, partner_id="geldfit", instrument_id="geldfit-zakelijk",
            partner_name="Geldfit Zakelijk", contact_person="Els de Boer",
            request_text="Hulp bij de belastingschuld", referred_on=date(2026, 11, 2),
            status="gestart", shares_data=True, created_by=actor, created_at=NOW,
            updated_at=NOW,
        )
        session.add(referral)
        session.flush()
        session.add(Consent(
            case_id=case_id, referral_id=referral.id, given=True,
            data_shared="naam en telefoonnummer", recipient="Geldfit Zakelijk",
            given_on=date(2026, 11, 2), method="mondeling", recorded_by=actor, recorded_at=NOW,
        ))
        session.add(ReferralStatusChange(
            referral_id=referral.id, status="gestart", changed_on=date(2026, 11, 9),
            note="Eerste gesprek gehad", recorded_by=actor, recorded_at=NOW,
        ))
        session.add(FollowUp(
            case_id=case_id, referral_id=referral.id, due_date=date(2026, 11, 16),
            note="Vragen hoe het gaat", done_at=NOW, done_note="Loopt goed", created_by=actor,
            created_at=NOW,
        ))
        session.add(PlanVersion(
            case_id=case_id, kind="verwijsbrief", referral_id=referral.id,
            pdf=f"%PDF-1.7 plan van {surname}".encode(), sha256="0" * 64, created_at=NOW,
            caseworker_id=actor, source_json=json.dumps({"name": surname}),
        ))
        session.add(CaseReopening(
            case_id=case_id, reason="Ondernemer meldde zich opnieuw",
            previous_outcome="doorverwezen", previous_closed_on=date(2026, 10, 30),
            reopened_by=actor, reopened_at=NOW,
        ))
        session.add(CaseNeed(case_id=case_id, kind="hulpvraag", code="schuldhulp"))
        session.add(FieldCorrection(
            case_id=case_id, field="entrepreneur.surname", old_value=json.dumps("Jansen"),
            new_value=json.dumps(surname), corrected_by=actor, corrected_at=NOW,
        ))
    return case_id


def empty_columns(rows: DossierRows) -> list[str]:
    """``table.column`` of every column the full dossier leaves empty (should be none)."""
    empty = []
    for table, table_rows in rows.tables.items():
        if not table_rows:
            empty.append(f"{table} (no row)")
        for row in table_rows:
            empty.extend(f"{table}.{column}" for column, value in row.items() if value is None)
    return empty
