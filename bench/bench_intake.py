"""The intake with 100,000 cases in the encrypted store: open a dossier, autosave, advice.

Run with ``make bench`` (under a real keychain), or alone:
``scripts/run-with-keychain.sh .venv/bin/python -m bench.bench_intake``.
"""

import dataclasses
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import partial
from itertools import cycle
from pathlib import Path

from bench.table import BenchRow, format_table, median, milliseconds, percentile
from casedesk import clock
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import Store, open_store
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswersBase, Registration
from casedesk.domain.intake import (
    Business,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Situation,
    Wish,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.services.cases import case_page_source
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.services.store_admin import init_store

CASES = 100_000
OPENINGS = 200
TYPED_SURNAME = "Hoff-Çelik van den Berg-Özdemir"
TYPED_TRADE_NAME = "Bloemen en Planten van Zoë, bezorging in heel Midden-Brabant"
TYPED_ADDRESS = "Piushaven 12 bis, achterom bij de bakkerij, bel twee keer"
ADVICE_REFRESHES = 200

START = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Zoë",
        name_prefix="van 't",
        date_of_birth=date(1984, 3, 9),
        postcode="5038 AB",
        place="Tilburg",
        municipality_code=MunicipalityCode("GM0855"),
    ),
    business=Business(trade_name="Zoë's Bloemen", kvk_number="12345678"),
    future=Future(wish=Wish.CONTINUE_AS_IS),
)


def dossier_openings(store: Store, service: IntakeService) -> list[float]:
    """Cases picked from the list (first pages and deep in it), opened as the view does."""
    fetch = case_page_source(store)
    listed = [row.case_id for row in fetch("", None, 200)]
    deep = [row.case_id for row in fetch("jansen", None, 200)]
    rng = random.Random(2026)
    picks = rng.sample(listed, 100) + rng.sample(deep, min(len(deep), OPENINGS - 100))

    def open_dossier(case_id: CaseId) -> None:
        service.dossier(case_id)
        service.load_intake(case_id)

    return [milliseconds(partial(open_dossier, case_id)) for case_id in picks]


def duplicate_checks(store: Store, service: IntakeService, case_id: CaseId) -> list[float]:
    """The answers of listed cases (common surnames among them) checked from another case."""
    fetch = case_page_source(store)
    picks = [row.case_id for row in fetch("jansen", None, 50) + fetch("", None, 50)]
    samples = []
    for picked in picks:
        answers = service.load_intake(picked).answers
        person = dataclasses.replace(answers.entrepreneur, bsn="111222333")
        answers = dataclasses.replace(answers, entrepreneur=person)
        samples.append(milliseconds(partial(service.find_duplicates, case_id, answers)))
    return samples


def _typed_answers() -> Iterator[IntakeAnswers]:
    """The surname, then the trade name, typed letter by letter, then the address.

    Name and trade name saves also re-index the case for search (the costlier saves).
    """
    answers = START
    for length in range(1, len(TYPED_SURNAME) + 1):
        person = dataclasses.replace(answers.entrepreneur, surname=TYPED_SURNAME[:length])
        answers = dataclasses.replace(answers, entrepreneur=person)
        yield answers
    for length in range(1, len(TYPED_TRADE_NAME) + 1):
        company = dataclasses.replace(answers.business, trade_name=TYPED_TRADE_NAME[:length])
        answers = dataclasses.replace(answers, business=company)
        yield answers
    for length in range(1, len(TYPED_ADDRESS) + 1):
        person = dataclasses.replace(answers.entrepreneur, street_address=TYPED_ADDRESS[:length])
        answers = dataclasses.replace(answers, entrepreneur=person)
        yield answers


def autosaves(service: IntakeService, case_id: CaseId) -> list[float]:
    """Each save checked against the versions the last one returned, as the window saves."""
    state = service.load_intake(case_id)
    base = AnswersBase(state.answers, state.answer_versions)
    times = []
    for answers in _typed_answers():
        started = time.perf_counter()
        base = service.save_answers(case_id, answers, base).base
        times.append((time.perf_counter() - started) * 1000)
    return times


def _changed_answers() -> Iterator[IntakeAnswers]:
    """One answer changes between refreshes: the debts, the wish or the hulpvraag."""
    debts = cycle(DebtLevel)
    wishes = cycle(Wish)
    requests = cycle([frozenset(), frozenset({HelpRequest.DEBT_HELP}), frozenset(HelpRequest)])
    answers = START
    for step in range(ADVICE_REFRESHES):
        if step % 3 == 0:
            answers = dataclasses.replace(answers, situation=Situation(debts=next(debts)))
        elif step % 3 == 1:
            answers = dataclasses.replace(answers, future=Future(wish=next(wishes)))
        else:
            answers = dataclasses.replace(
                answers, future=dataclasses.replace(answers.future, help_requests=next(requests))
            )
        yield answers


def advice_refreshes(service: IntakeService, case_id: CaseId) -> list[float]:
    return [
        milliseconds(partial(service.advise, case_id, answers)) for answers in _changed_answers()
    ]


def run(work_dir: Path) -> list[BenchRow]:
    location = StoreLocation.in_dir(work_dir / "intake-store")
    init_store(location, open_keychain(), "Bench Medewerker", "GM0855")
    with open_store(location, open_keychain()) as store:
        fill_with_demo_cases(store, CASES, datetime.now(UTC))
        service = intake_service_for(store)
        case_id = service.start_intake(Registration(clock.today(), "GM0855"), START)
        service.advise(case_id, START)  # parse the catalog once, as the first refresh does
        saves = autosaves(service, case_id)
        refreshes = advice_refreshes(service, case_id)
        openings = dossier_openings(store, service)
        duplicates = duplicate_checks(store, service, case_id)
        busy = [milliseconds(lambda: service.dossier(case_id)) for _ in range(20)]
    open_p95, save_p95, advice_p95 = (
        percentile(openings, 0.95), percentile(saves, 0.95), percentile(refreshes, 0.95),
    )  # fmt: skip
    return [
        BenchRow(
            f"open a dossier, {CASES} cases, {len(openings)} openings, p50",
            f"{median(openings):.1f} ms", "", None,
        ),
        BenchRow("open a dossier (dossier + intake), p95", f"{open_p95:.1f} ms", "< 150 ms",
                 open_p95 < 150),
        BenchRow(
            f"open a dossier with {len(saves)} autosaves in its log, p50",
            f"{median(busy):.1f} ms", "", None,
        ),
        BenchRow(f"autosave of one field change, {len(saves)} saves, p50",
                 f"{median(saves):.1f} ms", "", None),
        BenchRow("autosave of one field change, p95", f"{save_p95:.1f} ms", "< 20 ms",
                 save_p95 < 20),
        BenchRow(f"duplicate check (KvK, BSN, name and birth date), {len(duplicates)} checks, p95",
                 f"{percentile(duplicates, 0.95):.1f} ms", "", None),
        BenchRow(f"advice refresh after an answer changes, {len(refreshes)} refreshes, p50",
                 f"{median(refreshes):.1f} ms", "", None),
        BenchRow("advice refresh after an answer changes, p95", f"{advice_p95:.1f} ms",
                 "< 50 ms", advice_p95 < 50),
    ]  # fmt: skip


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-intake-") as folder:
        print(format_table(run(Path(folder))))
    sys.exit(0)
