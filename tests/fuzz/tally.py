"""How many hostile inputs each reader met, and what it did with them; printed as a table.

``CASEDESK_FUZZ_PROFILE=fuzz`` (``make fuzz``) runs 10,000 inputs per reader; the default,
what ``make test`` runs, is a quick 200.
"""

import os
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings

PROFILE_ENV = "CASEDESK_FUZZ_PROFILE"

settings.register_profile(
    "fuzz-quick",
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FUZZ_SETTINGS = settings.get_profile(os.environ.get(PROFILE_ENV, "fuzz-quick"))


@dataclass
class ReaderTally:
    outcomes: Counter[str] = field(default_factory=Counter)

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] += 1


TALLIES: dict[str, ReaderTally] = {}


def tally(reader: str) -> ReaderTally:
    return TALLIES.setdefault(reader, ReaderTally())


def table() -> str:
    header = f"{'reader':<22} {'inputs':>8} {'refusals':>9} {'accepted':>9} {'crashes':>8}"
    lines = [header, "-" * len(header)]
    for reader, counts in TALLIES.items():
        outcomes = counts.outcomes
        total = sum(outcomes.values())
        lines.append(
            f"{reader:<22} {total:>8} {outcomes['refused']:>9} {outcomes['accepted']:>9} "
            f"{outcomes['crashed']:>8}"
        )
    return "\n".join(lines)
