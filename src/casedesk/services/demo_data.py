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
TUSSENVOEGSELS = (
    "", "", "", "", "van", "de", "van der", "van den", "van 't", "in 't", "ter", "den",
)
SURNAMES = (
    "Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos",
    "Peters", "Hendriks", "Dekker", "Brouwer", "Hoff-Çelik", "Özdemir", "Yılmaz", "Kaya",
    "Şahin", "Dijkstra", "Boer", "Groot", "IJzerman", "Wouters", "Sørensen", "Müller",
    "Berg", "Heuvel", "Linden", "Veen", "Haan", "Beek", "Çelik", "Brink", "Rooij", "Kok",
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
        tussenvoegsel = rng.choice(TUSSENVOEGSELS)
        surname = rng.choice(SURNAMES)
        if " " in surname:  # "de Vries": the tussenvoegsel is already part of it
            tussenvoegsel, surname = surname.rsplit(" ", 1)
        trade, sector = rng.choice(TRADES)
        municipality = municipalities[rng.randrange(len(municipalities))]
        created = now - timedelta(days=rng.randrange(1, 900), minutes=rng.randrange(0, 1440))
        worked_on = timedelta(days=rng.randrange(0, 120), minutes=rng.randrange(0, 600))
        updated = min(now, created + worked_on)
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
