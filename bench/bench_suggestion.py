"""How sharp the suggestion is, over the reference intakes (issue 15).

``tests/data/reference-intakes.json`` holds intakes written by hand, each with the
instruments a caseworker would expect on the short list (an expected entry is one id, or a
list of ids of which one is enough). The figures: the mean length of the short list, and
the hit rate (how many expected entries are on it). The tests demand every hit; the bench
reports the figures beside those of the full list the screen used to show.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import Advice, advise
from casedesk.domain.answers_json import answers_from_json_dict
from casedesk.domain.intake import IntakeAnswers
from casedesk.services.advice import locality_for

TODAY = date(2026, 11, 28)
REFERENCE_INTAKES = Path(__file__).parents[1] / "tests" / "data" / "reference-intakes.json"


@dataclass(frozen=True)
class ReferenceIntake:
    name: str
    municipality: str | None
    """The counter's municipality (CBS code): where someone abroad is helped."""
    answers: IntakeAnswers
    expected: tuple[frozenset[str], ...]
    """Each entry: the ids of which one must be on the short list."""


def load_reference_intakes(path: Path = REFERENCE_INTAKES) -> tuple[ReferenceIntake, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        ReferenceIntake(
            name=item["name"],
            municipality=item["municipality"],
            answers=answers_from_json_dict(item["answers"]),
            expected=tuple(
                frozenset([entry] if isinstance(entry, str) else entry)
                for entry in item["expected"]
            ),
        )
        for item in data["cases"]
    )


def reference_advice(case: ReferenceIntake) -> Advice:
    catalog = load_default_catalog()
    return advise(case.answers, catalog, locality_for(case.answers, case.municipality), TODAY)


def missed(case: ReferenceIntake, advice: Advice) -> tuple[frozenset[str], ...]:
    """The expected entries of which no instrument is on the short list."""
    on_list = set(advice.short_list_ids)
    return tuple(entry for entry in case.expected if not entry & on_list)


def measure_short_list() -> dict[str, float]:
    """``cases``, ``mean_short_list``, ``max_short_list``, ``hit_rate`` (0–1) and, to compare,
    ``mean_full_list`` and ``full_list_top5_hit_rate`` (the old top five of the ranking)."""
    cases = load_reference_intakes()
    lengths, full_lengths, expected, hits, top5_hits = [], [], 0, 0, 0
    for case in cases:
        advice = reference_advice(case)
        lengths.append(len(advice.short_list))
        full_lengths.append(len(advice.instruments))
        expected += len(case.expected)
        hits += len(case.expected) - len(missed(case, advice))
        top5 = {match.instrument.id for match in advice.instruments[:5]}
        top5_hits += sum(1 for entry in case.expected if entry & top5)
    return {
        "cases": float(len(cases)),
        "mean_short_list": sum(lengths) / len(lengths),
        "max_short_list": float(max(lengths)),
        "hit_rate": hits / expected,
        "mean_full_list": sum(full_lengths) / len(full_lengths),
        "full_list_top5_hit_rate": top5_hits / expected,
    }


if __name__ == "__main__":
    for case in load_reference_intakes():
        advice = reference_advice(case)
        print(f"{case.name}: routes {[r.route.value for r in advice.routes]}")
        for entry in advice.short_list:
            print(f"    {entry.instrument_id} ({entry.need_id})")
        for ids in missed(case, advice):
            print(f"    MISSED one of {sorted(ids)}")
    print(measure_short_list())
