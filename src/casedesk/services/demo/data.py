"""Realistic synthetic Dutch dossiers for demonstrations, screenshots and benchmarks.

Everything is generated from a seeded RNG, so the same seed gives the same store. Names
carry tussenvoegsels and diacritics on purpose: they are what breaks search and printing.
"""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from casedesk.domain.case import CaseStatus
from casedesk.domain.intake import Channel, HelpRequest, UnmetNeed
from casedesk.domain.regions import Municipality
from casedesk.domain.routes import Route

FIRST_NAMES = (
    "Anna", "Anaïs", "Bram", "Daan", "Émile", "Eva", "Fatima", "Fleur", "Henk", "IJsbrand",
    "Inge", "Jan", "Jeroen", "Joëlle", "Kees", "Lotte", "Maarten", "Mohammed", "Noël",
    "Özlem", "Ömer", "Pieter", "Renée", "Sanne", "Søren", "Thijs", "Yusuf", "Zoë", "Chloé",
    "Gerrit", "Wilma", "Ingrid", "Dewi", "Priya", "Marloes", "Bülent", "José", "Agnès",
)
NO_PREFIX = ("",)
# Each surname with the tussenvoegsels it is really written with (most take none).
SURNAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Jansen", NO_PREFIX), ("Vries", ("de",)), ("Bakker", ("", "de")), ("Visser", ("", "de")),
    ("Smit", NO_PREFIX), ("Meijer", ("", "de")), ("Mulder", NO_PREFIX), ("Bos", ("", "van den")),
    ("Vos", ("", "de")), ("Peters", NO_PREFIX), ("Hendriks", NO_PREFIX), ("Dekker", NO_PREFIX),
    ("Brouwer", ("", "de")), ("Hoff-Çelik", ("van 't",)), ("Özdemir", NO_PREFIX),
    ("Yılmaz", NO_PREFIX), ("Kaya", NO_PREFIX), ("Şahin", NO_PREFIX), ("Dijkstra", NO_PREFIX),
    ("Boer", ("de", "den")), ("Groot", ("de",)), ("IJzerman", NO_PREFIX), ("Wouters", NO_PREFIX),
    ("Sørensen", NO_PREFIX), ("Müller", NO_PREFIX), ("Berg", ("van den", "van der", "")),
    ("Heuvel", ("van den", "van 't")), ("Linden", ("van der", "van")),
    ("Veen", ("van der", "van", "ter")), ("Haan", ("de",)), ("Beek", ("van", "ter", "van der")),
    ("Çelik", NO_PREFIX), ("Brink", ("van den", "ten")), ("Rooij", ("de", "van")),
    ("Kok", ("", "de")), ("Hart", ("'t",)), ("Hoek", ("in 't", "van der")),
    ("Dijk", ("van", "van der")), ("Graaf", ("de", "van de")), ("El Amrani", NO_PREFIX),
)
TRADES = (
    ("Kapsalon", "kapper"), ("Bakkerij", "bakker"), ("Timmerbedrijf", "bouw"),
    ("Schildersbedrijf", "bouw"), ("Fotografie", "creatief"), ("Grafisch Ontwerp", "creatief"),
    ("Eetcafé", "horeca"), ("Koffiebar", "horeca"), ("Taxi", "vervoer"),
    ("Schoonheidssalon", "persoonlijke verzorging"), ("Rijschool", "onderwijs"),
    ("Muziekles", "kunst en cultuur"), ("Evenementen", "evenementen"), ("Webshop", "handel"),
    ("Klusbedrijf", "bouw"), ("Hoveniersbedrijf", "groen"), ("Administratiekantoor", "zakelijk"),
)
MAX_DEMO_CASES = 1_000_000
STATUSES = tuple(CaseStatus)
ROUTES: tuple[Route | None, ...] = (None, *Route)
CHANNELS = (
    (Channel.TOZO_OR_BBZ, 30), (Channel.WEBSITE, 20), (Channel.OWN_INITIATIVE, 15),
    (Channel.ENTREPRENEURS_ASSOCIATION, 10), (Channel.KVK_ZWAAR_WEER, 8),
    (Channel.PARTNER_REFERRAL, 8), (Channel.MEDIA, 5), (Channel.MKB_DIAGNOSETOOL, 4),
)  # fmt: skip
"""How entrepreneurs reach the counter, by weight."""
HELP_REQUESTS = (
    (HelpRequest.FINANCIAL_SUPPORT, 45), (HelpRequest.ENTREPRENEUR_SKILLS, 20),
    (HelpRequest.RETRAIN_AS_ENTREPRENEUR, 12), (HelpRequest.CAREER_AS_EMPLOYEE, 12),
    (HelpRequest.DEBT_HELP, 25), (HelpRequest.ADMINISTRATION, 15),
    (HelpRequest.STOP_BUSINESS, 8), (HelpRequest.PSYCHOLOGICAL_SUPPORT, 6),
)  # fmt: skip
"""The percentage of intakes that name each kind of help."""
UNMET_NEEDS = (
    (UnmetNeed.BUSINESS_FINANCE, 12), (UnmetNeed.LEGAL_ADVICE, 7),
    (UnmetNeed.ONLINE_AND_MARKETING, 6), (UnmetNeed.OTHER_LANGUAGE, 3),
)  # fmt: skip
"""The percentage of intakes that ask for help the region does not offer, by kind."""


@dataclass(frozen=True, slots=True)
class DemoCase:
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    birth_date: date
    trade_name: str
    sector: str
    kvk_number: str
    postcode: str
    place: str
    municipality: Municipality
    status: CaseStatus
    route: Route | None
    created_at: datetime
    updated_at: datetime
    channel: Channel | None = None
    """How the entrepreneur reached the counter (known from the registration on)."""
    help_requests: frozenset[HelpRequest] = frozenset()
    """What they asked for in the intake (none while the dossier is only registered)."""
    unmet_needs: frozenset[UnmetNeed] = frozenset()


def pick[T](rng: random.Random, weighted: Sequence[tuple[T, int]]) -> T:
    """One of the items, as often as its weight says."""
    return rng.choices([item for item, _ in weighted], [weight for _, weight in weighted])[0]


def some[T](rng: random.Random, weighted: Sequence[tuple[T, int]]) -> frozenset[T]:
    """Each item with its weight as the percentage of chance."""
    return frozenset(item for item, weight in weighted if rng.randrange(100) < weight)


def demo_channel(rng: random.Random) -> Channel | None:
    """A channel; now and then (1 in 20) none was filled in."""
    return None if rng.randrange(20) == 0 else pick(rng, CHANNELS)


def generate_demo_cases(
    count: int, municipalities: Sequence[Municipality], *, now: datetime, seed: int = 2026
) -> Iterator[DemoCase]:
    """Yields ``count`` dossiers spread over every status, route and the given municipalities."""
    if not municipalities:
        raise ValueError("demo data needs at least one municipality")
    rng = random.Random(seed)
    # The intake's answers from an RNG of their own: the same seed gives the same people.
    answers_rng = random.Random(f"{seed} answers")
    used_kvk: set[str] = set()
    for index in range(count):
        first = rng.choice(FIRST_NAMES)
        surname, prefixes = rng.choice(SURNAMES)
        tussenvoegsel = rng.choice(prefixes)
        trade, sector = rng.choice(TRADES)
        municipality = municipalities[rng.randrange(len(municipalities))]
        created = now - timedelta(days=rng.randrange(1, 900), minutes=rng.randrange(0, 1440))
        # Last worked on somewhere between opening and now, more often soon after opening.
        updated = created + (now - created) * rng.random() ** 2
        birth_date = date(rng.randrange(1958, 2003), rng.randrange(1, 13), rng.randrange(1, 29))
        trade_name = _trade_name(rng, trade, first, surname)
        kvk_number = _unique_kvk(rng, used_kvk)
        postcode = _postcode(rng)
        # Every status and route occurs, in realistic proportions after the first few.
        status = STATUSES[index % len(STATUSES)] if index < 20 else rng.choice(STATUSES)
        route = ROUTES[index % len(ROUTES)] if index < 20 else rng.choice(ROUTES)
        talked = status is not CaseStatus.REGISTERED  # past the registration: an intake
        channel = demo_channel(answers_rng)
        asked = some(answers_rng, HELP_REQUESTS)
        unmet = some(answers_rng, UNMET_NEEDS)
        yield DemoCase(
            voornamen=first,
            tussenvoegsel=tussenvoegsel,
            achternaam=surname,
            birth_date=birth_date,
            trade_name=trade_name,
            sector=sector,
            kvk_number=kvk_number,
            postcode=postcode,
            place=municipality.name,
            municipality=municipality,
            status=status,
            route=route,
            created_at=created,
            updated_at=updated,
            channel=channel,
            help_requests=asked if talked else frozenset(),
            unmet_needs=unmet if talked else frozenset(),
        )


def _trade_name(rng: random.Random, trade: str, first: str, surname: str) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{trade} {first}"
    if style == 1:
        return f"{trade} {surname}"
    return f"{surname} {trade}"


def _unique_kvk(rng: random.Random, used: set[str]) -> str:
    while True:
        number = f"{rng.randrange(10_000_000, 100_000_000)}"
        if number not in used:
            used.add(number)
            return number


# Postcode letter pairs the Dutch post never issues.
_UNUSED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})


def _postcode(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    while True:
        pair = rng.choice(letters) + rng.choice(letters)
        if pair not in _UNUSED_POSTCODE_LETTERS:
            return f"{rng.randrange(1000, 10000)} {pair}"
