"""Synthetic plans (a typical one and a long one) for screenshots, benchmarks and tests.

The people are made up; the names carry the diacritics that break printing.
"""

import io
from dataclasses import replace
from datetime import date, datetime, timedelta

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.catalog import Catalog, InstrumentId
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Sector,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.plan_content import (
    ChosenInstrumentInput,
    ChosenRoutes,
    PlanInputs,
    ReferralInput,
)
from casedesk.domain.routes import Route

SAMPLE_DAY = date(2026, 11, 27)
SAMPLE_CREATED_AT = datetime(2026, 11, 27, 10, 30, tzinfo=AMSTERDAM)

SAMPLE_MUNICIPALITY = MunicipalitySettings(
    name="Gemeente Súdwest-Fryslân",
    address="Marktstraat 15, 8601 CG Sneek",
    phone="14 0515",
    privacy_text=(
        "De gemeente bewaart uw gegevens in uw dossier, om u te helpen. We bewaren ze tot "
        "7 jaar na het einde van de hulp. U mag altijd vragen welke gegevens we hebben "
        "(inzage) en fouten laten verbeteren (correctie)."
    ),
    signature_lines=True,
)


def sample_answers() -> IntakeAnswers:
    return IntakeAnswers(
        entrepreneur=Entrepreneur(
            first_names="Zoë",
            name_prefix="van 't",
            surname="Hoff-Çelik",
            phone="06 12345678",
            email="zoe@voorbeeld.nl",
        ),
        business=Business(
            trade_name="Kapsalon Zoë & IJsbrand",
            kvk_number="12345678",
            sector=Sector.PERSONAL_SERVICES,
            hours_per_week=38,
        ),
        situation=Situation(
            schemes=frozenset({Scheme.TOZO}),
            turnover_drop_percent=45,
            fixed_costs_covered=False,
            living_costs_covered=False,
            debts=DebtLevel.ACUTE,
            acute_debt_kinds=frozenset({AcuteDebtKind.ENERGY_CUT_OFF}),
            debt_kinds=frozenset({DebtKind.TAX, DebtKind.ENERGY}),
            signals=frozenset({Signal.STRESS, Signal.SLEEP_PROBLEMS}),
        ),
        future=Future(
            wish=Wish.CONTINUE_WITH_CHANGES,
            help_requests=frozenset({HelpRequest.DEBT_HELP, HelpRequest.ENTREPRENEUR_SKILLS}),
        ),
    )


def _chosen(catalog: Catalog, *ids: str) -> tuple[ChosenInstrumentInput, ...]:
    chosen = []
    for instrument_id in ids:
        instrument = catalog.instrument(InstrumentId(instrument_id))
        assert instrument is not None, instrument_id
        chosen.append(
            ChosenInstrumentInput(
                name=instrument.name,
                instrument=instrument,
                why_it_fits=("Helpt bij schulden.", "Past bij route 2: problemen oplossen."),
            )
        )
    return tuple(chosen)


def typical_plan_inputs(catalog: Catalog | None = None) -> PlanInputs:
    """An urgent route 2 with route 1 after it: the counter's everyday case."""
    catalog = catalog or load_default_catalog()
    day = SAMPLE_DAY
    return PlanInputs(
        answers=sample_answers(),
        routes=ChosenRoutes(
            primary=Route.STRENGTHEN_BUSINESS,
            secondary=Route.DE_ESCALATION,
            urgent=True,
            reasons=(
                "Er dreigt direct gevaar door schulden: gas, water of stroom kan worden "
                "afgesloten. Daarom regelen we eerst hulp bij schulden.",
                "U wilt doorgaan met uw bedrijf, met veranderingen.",
            ),
        ),
        instruments=_chosen(catalog, "kvk-adviesteam-zwaar-weer", "mkb-noodlijn", "over-rood"),
        actions=(
            Action(
                "Energieleverancier bellen over een betalingsregeling",
                ActionOwner.CASEWORKER,
                due_date=day + timedelta(days=1),
            ),
            Action(
                "Brieven van de Belastingdienst meenemen",
                ActionOwner.ENTREPRENEUR,
                due_date=day + timedelta(days=3),
            ),
            Action(
                "Aanmelden bij Over Rood",
                ActionOwner.PARTNER,
                "Over Rood",
                due_date=day + timedelta(days=10),
            ),
            Action(
                "Omzet en kosten van de laatste drie maanden op een rij zetten",
                ActionOwner.ENTREPRENEUR,
                due_date=day + timedelta(days=14),
            ),
        ),
        appointment=Appointment(
            starts_at=datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM),
            ends_at=datetime(2026, 12, 3, 11, 0, tzinfo=AMSTERDAM),
            mode=AppointmentMode.IN_PERSON,
            location="Gemeentehuis, Marktstraat 15, Sneek (balie 3)",
        ),
        referrals=(
            ReferralInput(
                referral_id=1,
                partner_name="Schuldhulp voor ondernemers",
                contact_person="Ingrid de Wit",
                request="Hulp bij een betalingsregeling met de energieleverancier en de "
                "Belastingdienst.",
                referred_on=day,
            ),
        ),
        catalog=catalog,
        municipality=SAMPLE_MUNICIPALITY,
        caseworker_name="Fatma Özdemir",
        today=day,
    )


LONG_SENTENCE = (
    "Dit is een lange toelichting die laat zien dat tekst netjes doorloopt naar de "
    "volgende regel en de volgende pagina, zonder dat er iets wegvalt of wordt afgekapt; "
    "ook lange woorden zoals arbeidsongeschiktheidsverzekeringsmaatschappij en "
    "https://www.voorbeeld.nl/een/heel/lang/adres/dat/niet/op/een/regel/past blijven heel."
)


def long_plan_inputs(catalog: Catalog | None = None, actions: int = 40) -> PlanInputs:
    """Every section filled and then some: 40 actions, long texts, many instruments."""
    typical = typical_plan_inputs(catalog)
    catalog = typical.catalog
    many = tuple(
        Action(
            f"Actie {number}: {LONG_SENTENCE if number % 7 == 0 else 'stap ' + str(number)}",
            (ActionOwner.ENTREPRENEUR, ActionOwner.CASEWORKER, ActionOwner.PARTNER)[number % 3],
            "Ondernemersklankbord" if number % 3 == 2 else "",
            due_date=SAMPLE_DAY + timedelta(days=(number * 5) % 60) if number % 11 else None,
        )
        for number in range(1, actions + 1)
    )
    instruments = tuple(
        ChosenInstrumentInput(
            name=instrument.name,
            instrument=instrument,
            why_it_fits=("Helpt bij een nieuw plan voor uw bedrijf.", LONG_SENTENCE),
        )
        for instrument in catalog.instruments
        if instrument.active
    )[:12]
    referrals = tuple(
        ReferralInput(
            referral_id=number,
            partner_name=f"Partner {number}",
            contact_person="",
            request=LONG_SENTENCE,
            referred_on=SAMPLE_DAY,
        )
        for number in range(1, 4)
    )
    return PlanInputs(
        answers=typical.answers,
        routes=typical.routes,
        instruments=instruments,
        actions=many,
        appointment=typical.appointment,
        referrals=referrals,
        catalog=catalog,
        municipality=SAMPLE_MUNICIPALITY,
        caseworker_name=typical.caseworker_name,
        today=SAMPLE_DAY,
    )


def sample_dossiers(catalog: Catalog | None = None) -> dict[str, PlanInputs]:
    """Varied plans a counter prints, by name: for the readability and plain-words tests,
    the screenshots and the benchmarks."""
    typical = typical_plan_inputs(catalog)
    answers = typical.answers
    assert typical.routes is not None
    crisis_answers = replace(answers, situation=replace(answers.situation, crisis=True))
    route_1 = IntakeAnswers(
        entrepreneur=answers.entrepreneur,
        business=answers.business,
        future=Future(wish=Wish.CONTINUE_WITH_CHANGES,
                      help_requests=frozenset({HelpRequest.ENTREPRENEUR_SKILLS})),
    )  # fmt: skip
    belgian = replace(
        answers,
        entrepreneur=replace(answers.entrepreneur, country=Country.BE, place="Lommel"),
        future=Future(wish=Wish.STOP_AND_FIND_JOB),
    )
    return {
        "typisch": typical,
        "crisis": replace(
            typical,
            answers=crisis_answers,
            routes=replace(
                typical.routes,
                reasons=(
                    "U hebt het nu heel zwaar. Daarom zorgen we vandaag nog voor hulp van de "
                    "gemeente of uw huisarts (route 2).",
                ),
            ),
        ),
        "route 1": replace(
            typical,
            answers=route_1,
            routes=ChosenRoutes(
                Route.STRENGTHEN_BUSINESS,
                None,
                False,
                (
                    "U wilt doorgaan, maar het moet anders. Daarom werken we aan een nieuwe "
                    "aanpak voor uw bedrijf (route 1).",
                ),
            ),
            referrals=(),
        ),
        "België, route 2 en 3": replace(
            typical,
            answers=belgian,
            routes=ChosenRoutes(
                Route.DE_ESCALATION,
                Route.EMPLOYMENT,
                False,
                (
                    "U wilt stoppen met uw bedrijf en werk zoeken. Eerst helpen we u om uw bedrijf "
                    "goed af te sluiten (route 2). Daarna zoeken we samen werk in loondienst "
                    "(route 3).",
                ),
            ),
        ),
        "afgesloten": replace(typical, closed_on=SAMPLE_DAY),
        "eigen keuze": replace(
            typical,
            routes=replace(
                typical.routes,
                override_reason=(
                    "U wilt eerst zelf rust vinden. Daarna kijken we samen naar uw bedrijf."
                ),
            ),
        ),
        "nog niet compleet": replace(
            typical,
            answers=IntakeAnswers(entrepreneur=answers.entrepreneur),
            routes=None,
            instruments=(),
            actions=(),
            appointment=None,
            referrals=(),
        ),
    }


def sample_logo_png() -> bytes:
    """A made-up municipal logo (a coat of arms shape and the name), drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    from casedesk.resources import resource_path

    image = Image.new("RGB", (360, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 18, 112, 142), radius=18, fill="#1F3A5F")
    draw.polygon([(30, 110), (60, 40), (90, 110)], fill="#F2B705")
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), 34)
    draw.text((128, 40), "Gemeente", fill="#1F3A5F", font=font)
    draw.text((128, 84), "Voorbeeld", fill="#1F3A5F", font=font)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()
