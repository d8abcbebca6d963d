"""One advise call per generated intake, with the shipped default catalog (issue 3).

The intakes are drawn with a fixed seed, so every run times the same work: every wish,
hulpvraag, debt level, scheme and signal occurs, plus missing answers, in four localities.
"""

import random
import time
from datetime import date
from enum import Enum
from typing import TypeVar

from bench.table import median, percentile
from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import advise
from casedesk.domain.intake import (
    AcuteDebtKind,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.regions import Locality, MunicipalityCode, RegionCode

TODAY = date(2026, 11, 28)
SEED = 20261128
LOCALITIES = (
    Locality(MunicipalityCode("GM0855"), RegionCode("AM26")),  # Tilburg, Midden-Brabant
    Locality(MunicipalityCode("GM0363"), RegionCode("AM18")),  # Amsterdam
    Locality(MunicipalityCode("GM0014"), RegionCode("AM01")),  # Groningen
    Locality(None, None),
)

E = TypeVar("E", bound=Enum)


def _some(rng: random.Random, choices: type[E], most: int = 3) -> frozenset[E]:
    return frozenset(rng.sample(list(choices), rng.randint(0, most)))


def _maybe(rng: random.Random, choices: type[E]) -> E | None:
    options: list[E | None] = [None, *choices]
    return rng.choice(options)


def _maybe_bool(rng: random.Random) -> bool | None:
    return rng.choice([None, True, False])


def random_answers(rng: random.Random) -> IntakeAnswers:
    """One intake with each answer either missing or a random choice."""
    born = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
    return IntakeAnswers(
        entrepreneur=Entrepreneur(
            first_names="Sam",
            surname="Jansen",
            date_of_birth=rng.choice([None, born]),
            country=_maybe(rng, Country),
        ),
        situation=Situation(
            schemes=_some(rng, Scheme, 2),
            fixed_costs_covered=_maybe_bool(rng),
            living_costs_covered=_maybe_bool(rng),
            debts=_maybe(rng, DebtLevel),
            acute_debt_kinds=_some(rng, AcuteDebtKind, 1),
            debt_kinds=_some(rng, DebtKind),
            signals=_some(rng, Signal, 2),
            crisis=rng.choice([None, False, False, False, True]),
        ),
        future=Future(wish=_maybe(rng, Wish), help_requests=_some(rng, HelpRequest)),
    )


def measure_advice(n: int = 10_000) -> dict[str, float]:
    """Time ``advise`` on ``n`` generated intakes; milliseconds per call.

    Returns ``{"median_ms": ..., "p95_ms": ..., "instruments": <catalog size>}``.
    """
    catalog = load_default_catalog()
    rng = random.Random(SEED)
    cases = [(random_answers(rng), rng.choice(LOCALITIES)) for _ in range(n)]
    advise(cases[0][0], catalog, cases[0][1], TODAY)  # first call pays for lazy imports
    samples = []
    for answers, locality in cases:
        started = time.perf_counter_ns()
        advise(answers, catalog, locality, TODAY)
        samples.append((time.perf_counter_ns() - started) / 1_000_000)
    return {
        "median_ms": median(samples),
        "p95_ms": percentile(samples, 0.95),
        "instruments": float(len(catalog.instruments)),
    }


if __name__ == "__main__":
    figures = measure_advice()
    print(
        f"advise: median {figures['median_ms']:.3f} ms, p95 {figures['p95_ms']:.3f} ms "
        f"per call over 10,000 intakes, {figures['instruments']:.0f} catalog entries"
    )
