"""Realistic synthetic Dutch dossiers for demonstrations, screenshots and benchmarks.

Everything is generated from a seeded RNG, so the same seed gives the same store. Names
carry tussenvoegsels and diacritics on purpose: they are what breaks search and printing.
"""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from casedesk.domain.case import CaseStatus
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


def generate_demo_cases(
    count: int, municipalities: Sequence[Municipality], *, now: datetime, seed: int = 2026
) -> Iterator[DemoCase]:
    """Yields ``count`` dossiers spread over every status, route and the given municipalities."""
    if not municipalities:
        raise ValueError("demo data needs at least one municipality")
    rng = random.Random(seed)
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
        yield DemoCase(
            voornamen=first,
            tussenvoegsel=tussenvoegsel,
            achternaam=surname,
            birth_date=date(rng.randrange(1958, 2003), rng.randrange(1, 13), rng.randrange(1, 29)),
            trade_name=_trade_name(rng, trade, first, surname),
            sector=sector,
            kvk_number=_unique_kvk(rng, used_kvk),
            postcode=_postcode(rng),
            place=municipality.name,
            municipality=municipality,
            # Every status and route occurs, in realistic proportions after the first few.
            status=STATUSES[index % len(STATUSES)] if index < 20 else rng.choice(STATUSES),
            route=ROUTES[index % len(ROUTES)] if index < 20 else rng.choice(ROUTES),
            created_at=created,
            updated_at=updated,
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
