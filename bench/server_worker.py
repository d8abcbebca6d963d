"""One simulated caseworker of ``make bench-server``: its own login, its own process.

Reads its settings as one JSON line on stdin, opens its ``ServerStore`` and says "ready",
waits for "go", then works until its time is up, with a caseworker's pauses: types a
search (a page per pause in typing, as the list's debounce asks), opens a dossier window
from the hits, opens an intake window and types into it with autosave against the versions
the last save returned (its own new intake, or now and then one of the dossiers its
municipality's caseworkers share), and prints the plan of its intake once it is typed.
Both windows count as an opening, each as the app opens it. Prints one JSON report: the timings,
every answer it saved (with whether it came back as a conflict), and the rows it saw of
another municipality.
"""

import dataclasses
import json
import random
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import event

from casedesk import clock
from casedesk.catalog.regions import load_default_region_table
from casedesk.db.server.store import open_server_store
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswersBase, Registration
from casedesk.domain.intake import Business, Entrepreneur, Future, IntakeAnswers
from casedesk.domain.regions import MunicipalityCode
from casedesk.services.cases import case_page_source
from casedesk.services.demo.data import generate_demo_cases
from casedesk.services.intake import IntakeService, intake_service_for
from casedesk.services.plan import render_and_store_plan
from casedesk.services.read_log import ReadFolder

PAGE_SIZE = 50
"""The case list's page (ui/case_list_model.py; not imported: no Qt in 50 processes)."""
QUERIES = ("jansen", "de vries", "bakker", "kapsalon", "5038", "visser", "bloemen", "smit")
TYPING_PAUSE = 0.15
"""Between the pages a search asks for: the list's debounce (ui/main_window.py's
SEARCH_DEBOUNCE_MS), a search per keystroke of a fast typist."""
SAVE_PAUSE = 1.0
"""Between autosaves: the intake window's AUTOSAVE_MAX_DELAY_MS (ui/intake/window.py), the
most often it saves, while the caseworker types without a pause. (Until December 2026 the
bench saved every 0.3 s, three times what the window can ask.)"""
FIRST_ROUND_SPREAD = 5.0
"""Seconds over which the caseworkers start their first round: about one round's time."""
INTAKE_STARTS, INTAKE_DONE = 1, 5
"""Of every six rounds (search, open, type) the caseworker starts a new intake in the
first, types into it in the odd ones, and prints its plan once, when the last of them is
typed: the plan the entrepreneur takes home. (Until December 2026 every third round
printed one, two an intake.) The even rounds type into a shared dossier."""
SHARED_FIELDS = (
    ("entrepreneur", "phone"),
    ("entrepreneur", "email"),
    ("entrepreneur", "street_address"),
    ("future", "unmet_needs_note"),
)
"""The answers caseworkers write into a shared dossier; more of them than fields, so two
or more write the same field (conflicts) and others another field of the same part (merges)."""


def with_answer(answers: IntakeAnswers, path: tuple[str, str], value: str) -> IntakeAnswers:
    section, name = path
    part = dataclasses.replace(getattr(answers, section), **{name: value})
    return dataclasses.replace(answers, **{section: part})


class Worker:
    def __init__(self, config: dict[str, Any]) -> None:
        self.code = str(config["municipality"])
        self.number = int(config["number"])
        self.seconds = float(config["seconds"])
        self.pauses = float(config.get("pauses", 1.0))
        """The caseworker's pauses as a share of a real one's (the harness's own tests
        take a few seconds, in which a caseworker would not finish an intake)."""
        self.shared = [CaseId(case) for case in config["shared"]]
        self.store = open_server_store(str(config["url"]))
        self.service: IntakeService = intake_service_for(self.store)
        self.reads = ReadFolder(self.store)
        self.fetch = case_page_source(self.store, folder=self.reads)
        municipality = next(m for m in load_default_region_table().municipalities
                            if m.code == MunicipalityCode(self.code))  # fmt: skip
        self.own_name = municipality.name
        self.rng = random.Random(f"{self.code}-{self.number}")
        # New entrepreneurs are as varied as the region's: the newest cases are the ones a
        # search walks first, and a run's intakes must not all be called alike.
        self.entrepreneurs = generate_demo_cases(
            10_000, [municipality], now=clock.now(), seed=self.rng.randrange(2**31)
        )
        self.samples: dict[str, list[float]] = {
            "autosave": [], "search": [], "opening": [], "plan": []
        }  # fmt: skip
        # Where a call's time goes: this caseworker's own processor time (on a laptop of
        # its own in a region) and the statements' round trips to the server.
        self.processor: dict[str, list[float]] = {name: [] for name in self.samples}
        self.statements: dict[str, list[float]] = {name: [] for name in self.samples}
        self._in_statements = 0.0
        self._statement_started = 0.0
        event.listen(self.store.engine, "before_cursor_execute", self._before_statement)
        event.listen(self.store.engine, "after_cursor_execute", self._after_statement)
        self.saves: list[dict[str, Any]] = []
        self.rows_seen = 0
        self.foreign_rows = 0
        self.errors: list[str] = []
        self.own_case: CaseId | None = None
        self.keystroke = 0
        self.processor_seconds = 0.0
        """The whole run's processor time of this process (its share of the machine)."""

    def _before_statement(self, *_: object) -> None:
        self._statement_started = time.perf_counter()

    def _after_statement(self, *_: object) -> None:
        self._in_statements += time.perf_counter() - self._statement_started

    def timed(self, name: str, action: Callable[[], Any]) -> Any:
        started, processor = time.perf_counter(), time.process_time()
        self._in_statements = 0.0
        try:
            result = action()
        except Exception as error:  # counted and reported: the run goes on
            self.errors.append(f"{name}: {type(error).__name__}: {error}")
            return None
        self.samples[name].append((time.perf_counter() - started) * 1000)
        self.processor[name].append((time.process_time() - processor) * 1000)
        self.statements[name].append(self._in_statements * 1000)
        return result

    def search(self) -> list[CaseId]:
        query = self.rng.choice(QUERIES)
        hits: list[CaseId] = []
        for length in range(2, len(query) + 1):
            page = self.timed("search", partial(self.fetch, query[:length], None, PAGE_SIZE))
            for row in page or ():
                self.rows_seen += 1
                self.foreign_rows += row.municipality != self.own_name
            hits = [row.case_id for row in page or ()]
            time.sleep(TYPING_PAUSE * self.pauses)
        return hits

    def open(self, case_id: CaseId) -> None:
        """The dossier window of a hit, as a double click in the list opens it."""
        dossier = self.timed("opening", partial(self.service.dossier, case_id))
        if dossier is not None:
            self.rows_seen += 1
            self.foreign_rows += dossier.intake.registration.municipality_code != self.code

    def autosaves(self, case_id: CaseId, path: tuple[str, str], count: int) -> None:
        # The intake window opens first ("Intake voortzetten"): an opening too.
        state = self.timed("opening", partial(self.service.load_intake, case_id))
        if state is None:
            return
        base = AnswersBase(state.answers, state.answer_versions)
        answers = state.answers
        for _ in range(count):
            self.keystroke += 1
            value = f"{self.code}-{self.number}-{self.keystroke}"
            typed = with_answer(answers, path, value)
            started = time.time()
            saved = self.timed("autosave", partial(self.service.save_answers, case_id, typed, base))
            ended = time.time()
            if saved is None:
                return
            conflicted = any(conflict.path == ".".join(path) for conflict in saved.conflicts)
            self.saves.append(
                {"case": case_id, "path": ".".join(path), "value": value,
                 "start": started, "end": ended, "conflict": conflicted}
            )  # fmt: skip
            # The window goes on from what the save stored (a conflict keeps theirs until
            # the caseworker chooses; here they choose theirs).
            answers = saved.answers
            base = saved.base
            time.sleep(SAVE_PAUSE * self.pauses)

    def new_intake(self) -> CaseId | None:
        person = next(self.entrepreneurs)
        answers = IntakeAnswers(
            entrepreneur=Entrepreneur(
                first_names=person.voornamen, name_prefix=person.tussenvoegsel,
                surname=person.achternaam, postcode=person.postcode, place=person.place,
                municipality_code=MunicipalityCode(self.code),
            ),
            business=Business(trade_name=person.trade_name),
            future=Future(),
        )  # fmt: skip
        try:
            return self.service.start_intake(Registration(clock.today(), self.code), answers)
        except Exception as error:
            self.errors.append(f"start_intake: {type(error).__name__}: {error}")
            return None

    def warm_up(self) -> None:
        """Once of everything, before the measured run: a caseworker's app has been open a
        while when they work, so its first plan has loaded the PDF library and its fonts,
        and its statements are prepared. Nothing here is measured or checked."""
        hits = [row.case_id for row in self.fetch("jansen", None, PAGE_SIZE)]
        if hits:
            self.service.dossier(hits[0])
        case_id = self.new_intake()
        if case_id is not None:
            state = self.service.load_intake(case_id)
            typed = with_answer(state.answers, ("entrepreneur", "street_address"), "Kade 1")
            self.service.save_answers(case_id, typed, AnswersBase(state.answers,
                                                                  state.answer_versions))
            render_and_store_plan(self.store, case_id, self.service.actor_id)

    def run(self) -> None:
        # Caseworkers do not all start a round in the same second: each starts somewhere
        # within the first round's time.
        time.sleep(self.rng.uniform(0, FIRST_ROUND_SPREAD) * self.pauses)
        started = _processor_seconds()
        try:
            self._work()
        finally:
            self.processor_seconds = _processor_seconds() - started

    def _work(self) -> None:
        deadline = time.monotonic() + self.seconds
        cycle = 0
        while time.monotonic() < deadline:
            cycle += 1
            hits = self.search()
            if hits:
                self.open(self.rng.choice(hits))
            if cycle % 2 == 0 and self.shared:
                field = SHARED_FIELDS[self.number % len(SHARED_FIELDS)]
                self.autosaves(self.rng.choice(self.shared), field, 3)
            else:
                if self.own_case is None or cycle % 6 == INTAKE_STARTS:
                    self.own_case = self.new_intake()
                if self.own_case is not None:
                    self.autosaves(self.own_case, ("entrepreneur", "street_address"), 5)
            if cycle % 6 == INTAKE_DONE and self.own_case is not None:
                case_id = self.own_case
                self.timed(
                    "plan",
                    partial(render_and_store_plan, self.store, case_id, self.service.actor_id),
                )
        self.reads.flush()

    def report(self) -> dict[str, Any]:
        return {
            "municipality": self.code, "number": self.number, "samples": self.samples,
            "processor": self.processor, "statements": self.statements,
            "saves": self.saves, "rows_seen": self.rows_seen,
            "foreign_rows": self.foreign_rows, "errors": self.errors,
            "processor_seconds": self.processor_seconds,
        }  # fmt: skip


def _processor_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    config = json.loads(sys.stdin.readline())
    worker = Worker(config)
    worker.warm_up()
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        return 1
    worker.run()
    worker.store.close()
    print(json.dumps(worker.report()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
