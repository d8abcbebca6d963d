"""Complete demo dossiers, made the way a caseworker makes them (issue 10).

``casedesk demo`` fills the store with many shallow dossiers for scale (services/demo/fill.py);
these few on top are whole: intake answers, the advice and a decision on it (one
overridden), instruments, actions, the next appointment, referrals with consent and a
status history, follow-ups (one overdue), a stored plan and, for some, the closing. Each
is built through the same services as the intake window, on the day its work was done (a
few days to weeks before now), so dates, statuses and the audit log are those of real use.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from casedesk.db import settings_repo
from casedesk.db.data_store import DataStore
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.case import CaseId
from casedesk.domain.closing import Outcome
from casedesk.domain.dossier import Registration
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import local_today
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Channel,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    Household,
    IntakeAnswers,
    Sector,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.referrals import Consent, ConsentMethod, ReferralDraft, ReferralStatus
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route
from casedesk.services.closing import close_case
from casedesk.services.followups import add_follow_up
from casedesk.services.intake import IntakeService
from casedesk.services.plan import render_and_store_plan
from casedesk.services.referrals import change_referral_status, create_referral


@dataclass(frozen=True, slots=True)
class DemoReferral:
    partner_name: str
    request: str
    later_statuses: tuple[ReferralStatus, ...] = ()
    """The steps after "verwezen", one every few days."""
    shared: str = "naam, telefoonnummer, hulpvraag"
    """What the entrepreneur agreed to share; empty: no data shared."""


@dataclass(frozen=True, slots=True)
class DemoDossier:
    situation: str
    """What this dossier shows (for a trainer; not stored)."""
    answers: IntakeAnswers
    days_ago: int
    """When the intake was done."""
    override: tuple[tuple[Route, ...], str] | None = None
    """Other routes than advised, with the reason; None keeps the advice."""
    decided: bool = True
    instruments: int = 2
    """How many of the advised instruments are chosen (the best ranked)."""
    actions: tuple[tuple[str, ActionOwner, int | None], ...] = ()
    """What, who, and in how many days after the intake (None: no date)."""
    appointment_in_days: int | None = 7
    referrals: tuple[DemoReferral, ...] = ()
    follow_up: tuple[str, int] | None = None
    """A follow-up of the caseworker: note, days after the intake (before today: overdue)."""
    plan: bool = True
    closed: tuple[Outcome, int] | None = None
    """Closed with this outcome, so many days after the intake."""


def _person(
    first: str, surname: str, *, prefix: str = "", trade: str = "", sector: Sector | None = None,
    place: str = "Tilburg", country: Country | None = None, phone: str = "06 12345678",
) -> tuple[Entrepreneur, Business]:  # fmt: skip
    return (
        Entrepreneur(
            first_names=first, name_prefix=prefix, surname=surname, phone=phone,
            date_of_birth=date(1979, 4, 12), place=place, country=country,
        ),
        Business(trade_name=trade, sector=sector, kvk_number=""),
    )  # fmt: skip


def _answers(
    person: tuple[Entrepreneur, Business], situation: Situation, future: Future, channel: Channel
) -> IntakeAnswers:
    return IntakeAnswers(
        entrepreneur=person[0], business=person[1], channel=channel, situation=situation,
        future=future,
    )  # fmt: skip


DEBT_HELP = DemoReferral(
    "Schuldhulpverlening van de gemeente",
    "Een eerste gesprek over de schulden, binnen drie werkdagen: er dreigt uitzetting.",
    (ReferralStatus.STARTED,),
    "naam, telefoonnummer, adres, hulpvraag, overzicht van de schulden",
)

DEMO_DOSSIERS: tuple[DemoDossier, ...] = (
    DemoDossier(
        "dringende schulden: huis en energie",
        _answers(
            _person("Ayşe", "Yılmaz", trade="Eetcafé De Hoek", sector=Sector.HORECA),
            Situation(
                debts=DebtLevel.ACUTE,
                acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION, AcuteDebtKind.ENERGY_CUT_OFF}),
                debt_kinds=frozenset({DebtKind.TAX, DebtKind.ENERGY, DebtKind.RENT_OR_MORTGAGE}),
                household=Household.SINGLE_PARENT,
            ),
            Future(
                wish=Wish.CONTINUE_WITH_CHANGES, help_requests=frozenset({HelpRequest.DEBT_HELP})
            ),
            Channel.TOZO_OR_BBZ,
        ),
        days_ago=9,
        actions=(
            ("Energieleverancier bellen over een betalingsregeling", ActionOwner.CASEWORKER, 1),
            ("Brieven van de Belastingdienst meenemen", ActionOwner.ENTREPRENEUR, 3),
            ("Omzet en kosten van drie maanden op een rij zetten", ActionOwner.ENTREPRENEUR, 14),
        ),
        referrals=(DEBT_HELP,),
        follow_up=("Nagaan of de betalingsregeling met de energieleverancier rond is", 5),
    ),
    DemoDossier(
        "crisis: vandaag hulp",
        _answers(
            _person("Jeroen", "Visser", prefix="de", trade="Visser Klusbedrijf",
                    sector=Sector.CONSTRUCTION),
            Situation(crisis=True, signals=frozenset({Signal.LOW_MOOD, Signal.SLEEP_PROBLEMS}),
                      household=Household.SINGLE),
            Future(wish=Wish.DONT_KNOW_YET),
            Channel.PARTNER_REFERRAL,
        ),
        days_ago=2,
        actions=(("Huisarts bellen voor een afspraak", ActionOwner.ENTREPRENEUR, 0),),
        appointment_in_days=2,
        referrals=(
            DemoReferral(
                "Sociaal team van de gemeente",
                "Vandaag nog contact: de ondernemer zit er erg doorheen.",
                shared="naam, telefoonnummer",
            ),
        ),
    ),
    DemoDossier(
        "route 1: het bedrijf sterker maken",
        _answers(
            _person("Fleur", "Mulder", trade="Fotografie Fleur", sector=Sector.CULTURE),
            Situation(turnover_drop_percent=30, fixed_costs_covered=True),
            Future(wish=Wish.CONTINUE_WITH_CHANGES,
                   help_requests=frozenset({HelpRequest.ENTREPRENEUR_SKILLS})),
            Channel.WEBSITE,
        ),
        days_ago=20,
        actions=(
            ("Een ondernemingsplan van één bladzijde maken", ActionOwner.ENTREPRENEUR, 10),
            ("Aanmelden voor de training bij het Ondernemersklankbord", ActionOwner.PARTNER, 7),
        ),
        follow_up=("Vragen hoe de eerste trainingsdag was", 30),
    ),
    DemoDossier(
        "woont in België: stoppen en werk zoeken (route 2 en 3)",
        _answers(
            _person("Pieter", "Janssens", trade="Taxi Janssens", sector=Sector.TRANSPORT,
                    place="Lommel", country=Country.BE, phone="+32 470 12 34 56"),
            Situation(debts=DebtLevel.MANAGEABLE),
            Future(wish=Wish.STOP_AND_FIND_JOB,
                   help_requests=frozenset({HelpRequest.CAREER_AS_EMPLOYEE})),
            Channel.KVK_ZWAAR_WEER,
        ),
        days_ago=12,
        actions=(
            ("Uitschrijven bij de KVK voorbereiden", ActionOwner.ENTREPRENEUR, 14),
            ("Cv opsturen naar het werkgeversservicepunt", ActionOwner.ENTREPRENEUR, 7),
        ),
        referrals=(
            DemoReferral(
                "Werkgeversservicepunt (WSP)",
                "Hulp bij het vinden van werk als chauffeur in loondienst.",
                (ReferralStatus.STARTED,),
            ),
        ),
    ),
    DemoDossier(
        "drie routes: deels ondernemer, deels baan, en zorgen",
        _answers(
            _person("Daan", "Dijk", prefix="van", trade="Webshop Van Dijk",
                    sector=Sector.RETAIL),
            Situation(signals=frozenset({Signal.STRESS})),
            Future(wish=Wish.PART_TIME_WITH_JOB),
            Channel.MKB_DIAGNOSETOOL,
        ),
        days_ago=6,
        instruments=3,
        actions=(("Vacatures voor twintig uur per week zoeken", ActionOwner.ENTREPRENEUR, 7),),
    ),
    DemoDossier(
        "eigen keuze: een andere route dan het advies",
        _answers(
            _person("Özlem", "Kaya", trade="Kapsalon Özlem", sector=Sector.PERSONAL_SERVICES),
            Situation(turnover_drop_percent=50),
            Future(wish=Wish.CONTINUE_AS_IS),
            Channel.OWN_INITIATIVE,
        ),
        days_ago=15,
        override=((Route.EMPLOYMENT,), "Ze heeft een baan aangeboden gekregen en wil die"),
        actions=(("Het contract van de nieuwe baan laten nakijken", ActionOwner.CASEWORKER, 3),),
        follow_up=("Vragen of het contract getekend is", 4),
    ),
    DemoDossier(
        "nog niet compleet: alleen de aanmelding en een naam",
        IntakeAnswers(entrepreneur=Entrepreneur(first_names="Søren", surname="Sørensen")),
        days_ago=1,
        decided=False,
        instruments=0,
        appointment_in_days=None,
        plan=False,
    ),
    DemoDossier(
        "afgesloten: doorgegaan met aanpassingen",
        _answers(
            _person("Noël", "Bakker", trade="Bakkerij Noël", sector=Sector.RETAIL),
            Situation(turnover_drop_percent=20),
            Future(wish=Wish.CONTINUE_WITH_CHANGES),
            Channel.ENTREPRENEURS_ASSOCIATION,
        ),
        days_ago=60,
        actions=(("Nieuwe prijzen uitrekenen", ActionOwner.ENTREPRENEUR, 10),),
        referrals=(
            DemoReferral(
                "Ondernemersklankbord",
                "Een adviseur die meekijkt naar de prijzen en de kosten.",
                (ReferralStatus.STARTED, ReferralStatus.COMPLETED),
            ),
        ),
        closed=(Outcome.CONTINUED_WITH_CHANGES, 45),
    ),
    DemoDossier(
        "afgesloten: gestopt, met een baan",
        _answers(
            _person("Henk", "Boer", prefix="de", trade="Schildersbedrijf De Boer",
                    sector=Sector.CONSTRUCTION),
            Situation(debts=DebtLevel.PROBLEMATIC, debt_kinds=frozenset({DebtKind.SUPPLIERS})),
            Future(wish=Wish.STOP_AND_FIND_JOB),
            Channel.MEDIA,
        ),
        days_ago=90,
        referrals=(
            DemoReferral(
                "Leerwerkloket",
                "Een korte opleiding tot onderhoudsschilder in loondienst.",
                (ReferralStatus.NOT_STARTED,),
            ),
        ),
        closed=(Outcome.STOPPED_WITH_JOB, 80),
    ),
)


DEMO_COUNTER = MunicipalityCode("GM0855")
"""Tilburg: the demo's counter when the store has no municipality of its own."""


def demo_counter_code(store: DataStore) -> MunicipalityCode:
    """The municipality whose counter the demo plays: the store's own, or Tilburg."""
    with store.session() as session:
        code = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    return MunicipalityCode(code) if code else DEMO_COUNTER


def add_demo_dossiers(store: DataStore, now: datetime, count: int = len(DEMO_DOSSIERS)) -> int:
    """Adds the first ``count`` complete dossiers; returns how many were added."""
    with store.session() as session:
        actor = settings_repo.current_caseworker_id(session)
    code = demo_counter_code(store)
    made = 0
    for dossier in DEMO_DOSSIERS[:count]:
        _make(store, actor, code, dossier, now)
        made += 1
    return made


def _make(
    store: DataStore, actor: int | None, code: MunicipalityCode, dossier: DemoDossier, now: datetime
) -> CaseId:
    # Days are counted on the counter's clock, so "45 days later" lands on the date 45
    # days later even across a change to or from summer time.
    worked = now.astimezone(AMSTERDAM) - timedelta(days=dossier.days_ago)
    day = local_today(worked)
    service = IntakeService(store, actor, today=lambda: day, now=lambda: worked)
    answers = dossier.answers
    if answers.entrepreneur.country is None:  # lives in the counter's municipality
        answers = replace(answers, entrepreneur=replace(answers.entrepreneur,
                                                        municipality_code=code))  # fmt: skip
    # Registered at the counter a few days before the intake talk.
    case_id = service.start_intake(Registration(day - timedelta(days=3), code), answers)
    advice = service.advise(case_id, answers)
    if dossier.decided:
        routes, reason = dossier.override or (advice.route_list, "")
        secondary, third = (*routes[1:], None, None)[:2]
        service.decide_route(case_id, advice, routes[0], secondary, reason, third)
    chosen = [match.instrument.id for match in advice.instruments[: dossier.instruments]]
    if chosen:
        service.choose_instruments(case_id, chosen)
    service.save_actions(case_id, [_action(text, who, day, days) for text, who, days in
                                   dossier.actions])  # fmt: skip
    if dossier.appointment_in_days is not None:
        meeting = day + timedelta(days=dossier.appointment_in_days)
        service.save_appointment(case_id, _appointment(meeting))
    for referral in dossier.referrals:
        _refer(store, case_id, referral, day, worked)
    if dossier.follow_up is not None:
        note, days = dossier.follow_up
        add_follow_up(store, case_id, day + timedelta(days=days), note, worked)
    if dossier.plan:
        render_and_store_plan(store, case_id, actor, now=worked)
    if dossier.closed is not None:
        outcome, days = dossier.closed
        closed_on = day + timedelta(days=days)
        closing_time = worked + timedelta(days=days)
        close_case(store, case_id, outcome, closed_on, closing_time, confirmed=True)
    return case_id


def _action(text: str, who: ActionOwner, day: date, days: int | None) -> Action:
    partner = "de partner" if who is ActionOwner.PARTNER else ""
    due = None if days is None else day + timedelta(days=days)
    return Action(text, who, partner, due_date=due)


def _appointment(day: date) -> Appointment:
    starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=AMSTERDAM)
    return Appointment(
        starts_at=starts, ends_at=starts + timedelta(hours=1), mode=AppointmentMode.IN_PERSON,
        location="Gemeentehuis, balie 3",
    )  # fmt: skip


def _refer(
    store: DataStore, case_id: CaseId, referral: DemoReferral, day: date, worked: datetime
) -> None:
    consent = (
        Consent(True, referral.shared, referral.partner_name, day, ConsentMethod.SPOKEN)
        if referral.shared
        else None
    )
    draft = ReferralDraft(
        partner_name=referral.partner_name, request_text=referral.request, referred_on=day,
        shares_data=consent is not None, consent=consent,
    )  # fmt: skip
    created = create_referral(store, case_id, draft, worked)
    for step, status in enumerate(referral.later_statuses, start=1):
        changed = day + timedelta(days=3 * step)
        moment = worked + timedelta(days=3 * step)
        note = f"{status.label} volgens de partner"
        change_referral_status(store, created.referral_id, status, changed, note, moment)
