"""Use cases of the action plan and referral letters: build, render, store, reopen.

A plan is built from what the store holds now (intake answers, the latest route decision,
chosen instruments with the catalog in use, actions, the next appointment, referrals and
the municipality's settings). Every printed or saved document is stored as an immutable
version; reopening a version returns its bytes exactly, whatever changed in the case since.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from casedesk.db import (
    agreements_repo,
    intake_repo,
    plan_repo,
    plan_sources,
    settings_repo,
)
from casedesk.db.audit import record_event
from casedesk.db.closing_repo import ensure_case_open
from casedesk.db.data_store import DataStore
from casedesk.db.plan_repo import PlanVersionInfo
from casedesk.db.plan_sources import PlanSources
from casedesk.domain.advice import advise
from casedesk.domain.agreements import Appointment
from casedesk.domain.answers_json import answers_from_json_dict
from casedesk.domain.case import CaseStatus
from casedesk.domain.catalog import Contact, InstrumentId, Partner, PartnerId
from casedesk.domain.closing import CaseClosedError
from casedesk.domain.dossier import DocumentLine
from casedesk.domain.dutch import AMSTERDAM, join_dutch
from casedesk.domain.intake import Business, Entrepreneur, IntakeAnswers
from casedesk.domain.plan_checks import points_to_check
from casedesk.domain.plan_content import (
    ChosenInstrumentInput,
    ChosenRoutes,
    DocumentKind,
    PlanContent,
    PlanInputs,
    ReferralInput,
    ReferralLetterContent,
    build_referral_letter,
    printed_texts,
)
from casedesk.domain.plan_content import build_plan_content as build_content
from casedesk.errors import KnownError
from casedesk.files import os_error_reason, write_atomically
from casedesk.plan.printable import unprintable_parts
from casedesk.plan.render import render_plan, render_referral_letter
from casedesk.services.advice import locality_for
from casedesk.services.catalog import catalog_in_use
from casedesk.services.municipality_settings import caseworker_email, load_municipality_settings
from casedesk.services.outcomes import outcome_logged, record_outcome
from casedesk.services.regions import region_table_in_use

LOCAL_ZONE = AMSTERDAM
"""Dates and times printed for the entrepreneur are the counter's local time."""

SOURCE_FORMAT = 1
"""Version of the ``source_json`` document stored with each version."""


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A fresh render, not stored yet (the preview shows it; printing stores it)."""

    kind: DocumentKind
    case_id: int
    referral_id: int | None
    pdf: bytes
    source_json: str
    """The content it was built from, as stored with the version."""
    created_at: datetime
    to_check: tuple[str, ...] = ()
    """What still needs a look before printing (``domain.plan_checks``)."""
    warnings: tuple[str, ...] = ()
    """What the document cannot print as typed, in Dutch, one line per field
    (:func:`unprintable_lines`); shown to the caseworker before it is printed."""


class ReferralNotInCaseError(KnownError):
    def __init__(self, referral_id: int, case_id: int) -> None:
        super().__init__(
            f"Verwijzing {referral_id} hoort niet bij dossier {case_id}. Vernieuw het dossier "
            "en kies de verwijzing opnieuw."
        )


def _now() -> datetime:
    return datetime.now(UTC)


# --- building -------------------------------------------------------------------------


def _read(store: DataStore, case_id: int, now: datetime, action: str) -> PlanSources:
    with store.transaction() as session:
        sources = plan_sources.read_plan_sources(session, case_id, now)
        actor = settings_repo.current_caseworker_id(session)
        # Building a plan reads the whole dossier: log it like any other read.
        record_event(session, actor, action, "case", case_id, case_id)
        if not sources.caseworker_name and actor is not None:
            name = settings_repo.caseworker_name(session, actor) or ""
            sources = _with_caseworker(sources, name)
    return sources


def _with_caseworker(sources: PlanSources, name: str) -> PlanSources:
    return replace(sources, caseworker_name=name)


def _inputs(store: DataStore, sources: PlanSources, today: date) -> PlanInputs:
    answers = (
        _registered_answers(sources)
        if sources.answers_json is None
        else answers_from_json_dict(sources.answers_json)
    )
    catalog = catalog_in_use(store)
    locality = locality_for(answers, sources.municipality_code, region_table_in_use(store))
    advice = advise(answers, catalog, locality, today)
    # On the short list, the need it meets for this entrepreneur is the first reason.
    needs = {entry.instrument_id: (entry.reason,) for entry in advice.short_list}
    fits = {m.instrument.id: needs.get(m.instrument.id, ()) + m.fits for m in advice.instruments}
    decision = sources.decision
    partners = {partner.id: partner for partner in catalog.partners}
    return PlanInputs(
        answers=answers,
        routes=None
        if decision is None
        else ChosenRoutes(
            primary=decision.primary,
            secondary=decision.secondary,
            urgent=decision.urgent,
            reasons=decision.reasons,
            override_reason=decision.override_reason,
            third=decision.third,
        ),
        instruments=tuple(
            ChosenInstrumentInput(
                name=choice.name,
                instrument=catalog.instrument(InstrumentId(choice.instrument_id)),
                why_it_fits=fits.get(InstrumentId(choice.instrument_id))
                or ((choice.reason,) if choice.reason else ()),
            )
            for choice in sources.choices
        ),
        actions=sources.actions,
        appointment=None if sources.appointment is None else _local(sources.appointment),
        referrals=tuple(
            ReferralInput(
                referral_id=referral.referral_id,
                partner_name=referral.partner_name,
                contact_person=referral.contact_person,
                request=referral.request,
                referred_on=referral.referred_on,
                partner_contact=_partner_contact(partners, referral.partner_id),
                status=referral.status,
                partner_address=_partner_address(partners, referral.partner_id),
            )
            for referral in sources.referrals
        ),
        catalog=catalog,
        municipality=load_municipality_settings(store, sources.municipality_code),
        caseworker_name=sources.caseworker_name,
        today=today,
        caseworker_email=(
            "" if sources.caseworker_id is None else caseworker_email(store, sources.caseworker_id)
        ),
        closed_on=sources.closed_on,
        short_list=advice.short_list_ids,
    )


def _registered_answers(sources: PlanSources) -> IntakeAnswers:
    """No intake saved yet: the name and trade name the case was registered with."""
    first_names, prefix, surname = sources.registered_name
    return IntakeAnswers(
        entrepreneur=Entrepreneur(first_names=first_names, name_prefix=prefix, surname=surname),
        business=Business(trade_name=sources.registered_trade_name),
    )


def _partner_contact(partners: dict[PartnerId, Partner], partner_id: str | None) -> Contact:
    partner = None if partner_id is None else partners.get(PartnerId(partner_id))
    return Contact() if partner is None else partner.contact


def _partner_address(partners: dict[PartnerId, Partner], partner_id: str | None) -> str:
    partner = None if partner_id is None else partners.get(PartnerId(partner_id))
    return "" if partner is None else partner.address


def _local(appointment: Appointment) -> Appointment:
    return replace(
        appointment,
        starts_at=appointment.starts_at.astimezone(LOCAL_ZONE),
        ends_at=None if appointment.ends_at is None else appointment.ends_at.astimezone(LOCAL_ZONE),
    )


@outcome_logged("plan.built")
def build_plan_content(store: DataStore, case_id: int, today: date) -> PlanContent:
    """The plan's content from the case as stored now (an audited read).

    Raises ``CaseNotFoundError`` (KnownError) for an unknown case.
    """
    now = datetime.combine(today, datetime.min.time(), LOCAL_ZONE)
    sources = _read(store, case_id, now, "plan.built")
    return build_plan_content_from(store, sources, today)


def build_plan_content_from(store: DataStore, sources: PlanSources, today: date) -> PlanContent:
    return build_content(_inputs(store, sources, today))


def _source_json(kind: DocumentKind, content: PlanContent | ReferralLetterContent) -> str:
    document = {"format": SOURCE_FORMAT, "kind": kind.value, "content": content.to_json_dict()}
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


@outcome_logged("plan.built")
def render_case_plan(
    store: DataStore, case_id: int, *, now: datetime | None = None
) -> RenderedDocument:
    """Renders the plan from the case's current data (PDF/A-2b); stores nothing."""
    moment = now or _now()
    today = moment.astimezone(LOCAL_ZONE).date()
    sources = _read(store, case_id, moment, "plan.built")
    inputs = _inputs(store, sources, today)
    content = build_content(inputs)
    pdf = render_plan(content, logo=inputs.municipality.logo, created_at=moment)
    return RenderedDocument(
        DocumentKind.ACTION_PLAN,
        case_id,
        None,
        pdf,
        _source_json(DocumentKind.ACTION_PLAN, content),
        moment,
        _points_to_check(store, sources, inputs, moment),
        unprintable_lines(content),
    )


def _points_to_check(
    store: DataStore, sources: PlanSources, inputs: PlanInputs, moment: datetime
) -> tuple[str, ...]:
    with store.session() as session:
        earliest = agreements_repo.next_appointment(session, sources.case_id)
    passed = (
        earliest.starts_at
        if sources.appointment is None and earliest is not None and earliest.starts_at < moment
        else None
    )
    return points_to_check(
        inputs.answers,
        inputs.today,
        passed_appointment=passed,
        municipality=inputs.municipality,
        caseworker_email=inputs.caseworker_email,
    )


@outcome_logged("referral_letter.built")
def render_case_referral_letter(
    store: DataStore, case_id: int, referral_id: int, *, now: datetime | None = None
) -> RenderedDocument:
    """Renders the letter for one of the case's referrals; stores nothing.

    Without a recorded, given consent the letter holds no personal data.
    """
    moment = now or _now()
    today = moment.astimezone(LOCAL_ZONE).date()
    sources = _read(store, case_id, moment, "referral_letter.built")
    if sources.closed_on is not None:
        raise CaseClosedError(case_id)
    stored = next((r for r in sources.referrals if r.referral_id == referral_id), None)
    if stored is None:
        raise ReferralNotInCaseError(referral_id, case_id)
    inputs = _inputs(store, sources, today)
    referral = next(r for r in inputs.referrals if r.referral_id == referral_id)
    content = build_referral_letter(inputs, referral, stored.consent)
    logo = inputs.municipality.logo
    pdf = render_referral_letter(content, logo=logo, created_at=moment)
    return RenderedDocument(
        DocumentKind.REFERRAL_LETTER,
        case_id,
        referral_id,
        pdf,
        _source_json(DocumentKind.REFERRAL_LETTER, content),
        moment,
        unprintable_lines(content),
    )


# --- what cannot be printed ----------------------------------------------------------

_FIELD_LABELS: dict[str, str] = {
    "municipality_name": "Naam van de gemeente (instellingen)",
    "municipality_address": "Adres van de gemeente (instellingen)",
    "municipality_phone": "Telefoon van de gemeente (instellingen)",
    "entrepreneur_name": "Naam van de ondernemer",
    "trade_name": "Handelsnaam",
    "caseworker_name": "Naam van de klantmanager",
    "caseworker_contact": "Naam van de klantmanager",
    "situation": "Uw situatie",
    "routes": "Uw route",
    "route_reasons": "Waarom deze route",
    "actions": "Afspraak {n} bij ‘Wat gaan we doen’",
    "instruments": "Aanbod {n}",
    "referrals": "Verwijzing {n}",
    "appointment": "Volgende afspraak",
    "important_numbers": "Belangrijke nummers",
    "privacy_text": "Privacytekst (instellingen)",
    "signature_names": "Ondertekening",
    "addressee": "Naam van de partner",
    "addressee_contact": "Contactgegevens van de partner",
    "introduction": "Inleiding van de brief",
    "request": "Vraag bij de verwijzing",
    "consent_statement": "Toestemming",
    "shared_data": "Gegevens die gedeeld worden",
}


def _label(path: tuple[str | int, ...]) -> str:
    names = [step for step in path if isinstance(step, str) and step != "letterhead"]
    label = _FIELD_LABELS.get(names[0], names[0]) if names else "Tekst"
    number = next((step for step in path if isinstance(step, int)), 0)
    return label.format(n=number + 1)


def unprintable_lines(content: PlanContent | ReferralLetterContent) -> tuple[str, ...]:
    """Per field, in Dutch, what no shipped font can print and what is printed instead.

    A character is named once, at the first field that holds it (a trade name is also in
    "Uw situatie"). Empty when everything prints as typed, as it almost always does.
    """
    seen: set[str] = set()
    lines: list[str] = []
    for path, text in printed_texts(content):
        parts = [part for part in unprintable_parts(text) if part.text not in seen]
        if not parts:
            continue
        seen.update(part.text for part in parts)
        left_out = [f"‘{part.text}’" for part in parts if part.left_out]
        replaced = [f"‘{part.text}’" for part in parts if not part.left_out]
        if left_out:
            lines.append(
                f"{_label(path)}: {join_dutch(left_out)} kan niet worden afgedrukt en wordt "
                "weggelaten."
            )
        if replaced:
            lines.append(
                f"{_label(path)}: {join_dutch(replaced)} kan niet worden afgedrukt. Op papier "
                "staat daar een vraagteken."
            )
    return tuple(lines)


# --- storing and reopening ------------------------------------------------------------


def store_rendered(
    store: DataStore, actor_id: int | None, rendered: RenderedDocument
) -> PlanVersionInfo:
    """Keeps a rendered document as an immutable version of its case.

    Raises ``CaseClosedError`` for a closed case: its documents stay as they were.
    """
    try:
        return _store_rendered(store, actor_id, rendered)
    except Exception as error:
        record_outcome(store, "document.stored", "case", rendered.case_id, error)
        raise


def _store_rendered(
    store: DataStore, actor_id: int | None, rendered: RenderedDocument
) -> PlanVersionInfo:
    with store.transaction() as session:
        ensure_case_open(session, rendered.case_id)
        info = plan_repo.add_version(
            session,
            actor_id,
            case_id=rendered.case_id,
            kind=rendered.kind.value,
            referral_id=rendered.referral_id,
            pdf=rendered.pdf,
            source_json=rendered.source_json,
            created_at=rendered.created_at,
        )
        if rendered.kind is DocumentKind.ACTION_PLAN:
            intake_repo.mark_case_under_way(
                session, actor_id, rendered.case_id, CaseStatus.PLAN_MADE
            )
        return info


def render_and_store_plan(
    store: DataStore, case_id: int, actor_id: int | None, *, now: datetime | None = None
) -> PlanVersionInfo:
    return store_rendered(store, actor_id, render_case_plan(store, case_id, now=now))


def render_and_store_referral_letter(
    store: DataStore,
    case_id: int,
    referral_id: int,
    actor_id: int | None,
    *,
    now: datetime | None = None,
) -> PlanVersionInfo:
    rendered = render_case_referral_letter(store, case_id, referral_id, now=now)
    return store_rendered(store, actor_id, rendered)


@outcome_logged("document.viewed", "plan_version")
def load_plan_version(store: DataStore, version_id: int, actor_id: int | None = None) -> bytes:
    """A stored version's PDF, byte for byte as it was stored (an audited read)."""
    with store.transaction() as session:
        return plan_repo.load_version(session, actor_id, version_id).pdf


def record_output(
    store: DataStore, case_id: int, version_id: int, what: str, outcome: str, pages: int
) -> None:
    """Logs that a stored version was printed or saved as a file (or that it failed)."""
    with store.transaction() as session:
        record_event(
            session, settings_repo.current_caseworker_id(session), f"document.{what}",
            "plan_version", version_id, case_id, {"pages": pages} if pages else {},
            outcome=outcome,
        )  # fmt: skip


def list_plan_versions(store: DataStore, case_id: int) -> list[PlanVersionInfo]:
    """The case's stored versions, newest first, without their bytes."""
    with store.session() as session:
        return plan_repo.list_versions(session, case_id)


def document_lines(store: DataStore, case_id: int) -> tuple[DocumentLine, ...]:
    """The versions as the dossier's documents tab lists them."""
    return tuple(
        DocumentLine(
            version_id=info.version_id,
            kind_label=DocumentKind(info.kind).label,
            created_at=info.created_at,
            caseworker=info.caseworker_name,
            sha256=info.sha256,
        )
        for info in list_plan_versions(store, case_id)
    )


@outcome_logged("document.stored")
def save_plan_file(
    store: DataStore,
    case_id: int,
    out: Path,
    actor_id: int | None,
    *,
    now: datetime | None = None,
    warn: Callable[[str], None] = lambda line: None,
) -> PlanVersionInfo:
    """``casedesk plan CASE_ID --out FILE.pdf``: stores a version and writes it to ``out``.

    ``warn`` hears, before anything is written, each line of what cannot be printed as
    typed. The file is written under a temporary name and moved into place, so a failure
    never leaves half a PDF. Nothing is stored when the file cannot be written.
    """
    with store.session() as session:
        # Before rendering: a closed case gets no new version, and no file either.
        ensure_case_open(session, case_id)
    rendered = render_case_plan(store, case_id, now=now)
    for line in rendered.warnings:
        warn(line)
    _write_file(out, rendered.pdf)
    return _store_rendered(store, actor_id, rendered)


def _write_file(out: Path, data: bytes) -> None:
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        raise KnownError(
            f"De map {folder} bestaat niet. Kies een bestaande map voor het actieplan."
        )
    if out.is_dir():
        raise KnownError(f"{out} is een map. Geef een bestandsnaam op, zoals actieplan.pdf.")
    try:
        write_atomically(out, data, prefix=".actieplan-", suffix=".pdf")
    except PermissionError:
        raise KnownError(
            f"Casedesk mag niet schrijven in {folder}. Kies een andere map, bijvoorbeeld uw "
            "map Documenten."
        ) from None
    except OSError as error:
        raise KnownError(
            f"Het actieplan kan niet worden opgeslagen in {out} ({os_error_reason(error)}). "
            "Kies een andere plek en probeer het opnieuw."
        ) from None
