"""``make bench-server``: caseworkers at once on a regional server (issue 12).

A region of five municipalities on the kept cluster of bench/server_cluster.py, filled once
with demo dossiers (``BENCH_SERVER_SCALE``, 1,000,000 by default); then ten caseworkers per
municipality, each its own login and its own process (bench/server_worker.py), search as
they type, open dossiers, take intakes with autosave and print plans for
``BENCH_SERVER_SECONDS`` (120), at the pace the app's windows allow. Each first does
everything once unmeasured, as an app open for a while has, and they start their first
round spread over a round's time, not all in one second. Every measured call goes through
the app's services on a ``ServerStore``, as the window calls them. At the end every answer
a worker saved is read back: an answer not on the server as last written, without a
conflict reported to the one who wrote it, is a lost update. Every row a worker saw
(search hits, opened dossiers) is checked against its own municipality.

A small run: ``BENCH_SERVER_SCALE=10000 BENCH_SERVER_SECONDS=20 make bench-server``.
"""

import json
import os
import secrets
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, create_engine, text
from sqlalchemy.orm import Session

from bench.processes import child_environment
from bench.server_cluster import (
    CLUSTER_DIR,
    postmaster_of,
    running_cluster,
    server_processor_seconds,
)
from bench.table import BenchRow, format_table, percentile
from casedesk import clock
from casedesk.catalog.regions import load_default_region_table
from casedesk.db import migrate
from casedesk.db.bulk import insert_cases
from casedesk.db.server import admin as server_admin
from casedesk.db.server.store import open_server_store
from casedesk.db.settings_repo import MUNICIPALITY_CODE, save_municipalities, set_setting
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import Entrepreneur, IntakeAnswers
from casedesk.domain.regions import MunicipalityCode
from casedesk.services.demo.data import generate_demo_cases
from casedesk.services.demo.fill import demo_case_row
from casedesk.services.intake import intake_service_for

MUNICIPALITIES = ("GM0855", "GM0796", "GM0772", "GM0363", "GM0599")
"""Tilburg, 's-Hertogenbosch, Eindhoven, Amsterdam, Rotterdam."""
DATABASE = "casedesk_bench"
OWNER = "casedesk_bench_owner"
SHARED_PER_MUNICIPALITY = 2
"""Dossiers every caseworker of a municipality autosaves into now and then: conflicts."""

FLOORS_MS = {"autosave": 50.0, "search": 30.0, "opening": 100.0}
OPERATIONS = ("autosave", "search", "opening", "plan")


@dataclass(frozen=True)
class Region:
    superuser: URL
    owner_password: str
    caseworker_password: str

    def url(self, login: str, password: str) -> URL:
        return self.superuser.set(username=login, password=password, database=DATABASE)

    def caseworker_url(self, login: str) -> URL:
        return self.url(login, self.caseworker_password)

    @property
    def owner_url(self) -> URL:
        return self.url(OWNER, self.owner_password)


def login_of(code: str, number: int) -> str:
    return f"bench_{code.lower()}_{number}"


def _facts_file(folder: Path) -> Path:
    return folder / "filled.json"


def prepare_region(
    superuser: URL, cases: int, workers_per_municipality: int, folder: Path
) -> tuple[Region, float, bool]:
    """The region with ``cases`` demo dossiers and the caseworkers' logins; filled now
    unless the kept one matches. A kept region of an older schema is migrated, as a region
    upgrades casedesk (the migration's time is printed). Returns it, the fill's seconds
    and whether it was kept."""
    expected = {"cases": cases, "revision": migrate.head_revision()}
    facts_file = _facts_file(folder)
    if facts_file.is_file():
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        region = Region(superuser, facts["owner_password"], facts["caseworker_password"])
        fill_seconds = float(facts["fill_seconds"])
        # Fewer caseworkers than the kept region has logins for: its first ones work.
        enough = int(facts.get("workers_per_municipality", 0)) >= workers_per_municipality
        if enough and {name: facts.get(name) for name in expected} == expected:
            return region, fill_seconds, True
        older = facts.get("revision") in migrate.REVISIONS[:-1]
        if enough and older and facts.get("cases") == cases:
            seconds = _upgraded(region)
            print(f"kept region migrated from {facts['revision']} to {expected['revision']} "
                  f"in {seconds:.0f} s", flush=True)  # fmt: skip
            facts_file.write_text(json.dumps({**facts, "revision": expected["revision"]}))
            return region, fill_seconds, True
    region = Region(superuser, secrets.token_hex(16), secrets.token_hex(16))
    _new_database(region)
    owner = create_engine(region.owner_url)
    try:
        server_admin.prepare_schema(owner)
        with Session(owner) as session, session.begin():
            save_municipalities(session, load_default_region_table().municipalities)
            set_setting(session, MUNICIPALITY_CODE, MUNICIPALITIES[0])
        for code in MUNICIPALITIES:
            for number in range(workers_per_municipality):
                server_admin.add_caseworker(
                    owner, login_of(code, number), f"Klantmanager {number + 1} {code}",
                    [code], region.caseworker_password,
                )  # fmt: skip
    finally:
        owner.dispose()
    started = time.perf_counter()
    fill(region, cases)
    fill_seconds = time.perf_counter() - started
    facts_file.write_text(
        json.dumps(
            {**expected, "workers_per_municipality": workers_per_municipality,
             "fill_seconds": fill_seconds,
             "owner_password": region.owner_password,
             "caseworker_password": region.caseworker_password}
        )
    )  # fmt: skip
    facts_file.chmod(0o600)
    return region, fill_seconds, False


def _upgraded(region: Region) -> float:
    """Seconds ``casedesk server setup`` took to bring the kept region to the schema head."""
    owner = create_engine(region.owner_url)
    try:
        started = time.perf_counter()
        server_admin.prepare_schema(owner)
        return time.perf_counter() - started
    finally:
        owner.dispose()


def _new_database(region: Region) -> None:
    superuser = create_engine(region.superuser, isolation_level="AUTOCOMMIT")
    try:
        with superuser.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
            stale = connection.scalars(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'bench\\_gm%' "
                     "OR rolname LIKE :database"), {"database": f"{DATABASE}\\_%"},
            ).all()  # fmt: skip
            for role in [*stale, OWNER]:
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
            connection.execute(
                text(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{region.owner_password}'")
            )
            connection.execute(text(f"CREATE DATABASE {DATABASE} OWNER {OWNER}"))
    finally:
        superuser.dispose()


def fill(region: Region, cases: int) -> None:
    """The demo dossiers, a fifth per municipality, each inserted by a caseworker of its
    municipality through ``db/bulk.py`` as ``casedesk demo`` inserts them on a server (the
    server hands out ids and case numbers; the search text is written as the app writes it)."""
    table = load_default_region_table()
    now = datetime.now(UTC)
    for index, code in enumerate(MUNICIPALITIES):
        share = cases // len(MUNICIPALITIES) + (index < cases % len(MUNICIPALITIES))
        municipality = [m for m in table.current_municipalities() if m.code == code]
        generated = generate_demo_cases(share, municipality, now=now, seed=2026 + index)
        with open_server_store(region.caseworker_url(login_of(code, 0))) as store:
            rows = iter(demo_case_row(case) for case in generated)
            while True:  # one transaction per 50,000 dossiers: the server's memory stays low
                with store.transaction() as session:
                    if insert_cases(session, _take(rows, 50_000)) == 0:
                        break


def _take(rows: Iterable[Any], count: int) -> Iterable[Any]:
    for _, row in zip(range(count), rows, strict=False):
        yield row


def shared_dossiers(region: Region) -> dict[str, list[int]]:
    """New dossiers per municipality that all its caseworkers will autosave into."""
    shared: dict[str, list[int]] = {}
    for code in MUNICIPALITIES:
        with open_server_store(region.caseworker_url(login_of(code, 0))) as store:
            service = intake_service_for(store)
            answers = IntakeAnswers(
                entrepreneur=Entrepreneur(
                    first_names="Gedeeld", surname="Dossier",
                    municipality_code=MunicipalityCode(code),
                )
            )  # fmt: skip
            shared[code] = [
                service.start_intake(Registration(clock.today(), code), answers)
                for _ in range(SHARED_PER_MUNICIPALITY)
            ]
    return shared


@dataclass(frozen=True)
class Outcome:
    """What the workers measured and what the checks found."""

    samples: dict[str, list[float]]
    saves: int
    conflicts: int
    lost: list[str]
    """One line per answer that is not on the server as last written."""
    foreign_rows: int
    rows_seen: int
    errors: list[str]
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    processor: dict[str, list[float]] = field(default_factory=dict)
    """Per call, the caseworker's own process's processor time (its laptop, in a region)."""
    statements: dict[str, list[float]] = field(default_factory=dict)
    """Per call, the time in the statements' round trips to the server."""
    seconds: float = 0.0
    """How long the caseworkers worked, from the start of the first to the end of the last."""
    caseworkers_processor: float = 0.0
    """Processor seconds all caseworkers' processes used while they worked."""
    server_processor: float = 0.0
    """Processor seconds the server's processes used meanwhile."""


def run_workers(
    region: Region,
    workers_per_municipality: int,
    seconds: float,
    shared: dict[str, list[int]],
    pauses: float = 1.0,
    when_ready: Callable[[], None] = lambda: None,
) -> list[dict[str, Any]]:
    """Starts every worker, lets them sign in, then starts them together; their reports."""
    children = []
    for code in MUNICIPALITIES:
        for number in range(workers_per_municipality):
            config = {
                "url": region.caseworker_url(login_of(code, number)).render_as_string(
                    hide_password=False
                ),
                "municipality": code,
                "number": number,
                "seconds": seconds,
                "pauses": pauses,
                "shared": shared[code],
            }
            child = subprocess.Popen(
                [sys.executable, "-m", "bench.server_worker"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                env=child_environment(),
            )  # fmt: skip
            assert child.stdin is not None
            child.stdin.write(json.dumps(config) + "\n")
            child.stdin.flush()
            children.append(child)
    try:
        for child in children:  # each says "ready" once its login is open and it warmed up
            assert child.stdout is not None
            line = child.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a worker did not sign in: {line!r}")
        when_ready()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.close()
        reports = []
        for child in children:
            assert child.stdout is not None
            reports.append(json.loads(child.stdout.read()))
            child.wait(timeout=60)
        return reports
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()


def check_saves(region: Region, reports: Sequence[dict[str, Any]]) -> list[str]:
    """Every answer a worker saved, read back through the service by a caseworker of its
    municipality: on the server as last written, or lost to a reported conflict."""
    saves_by_answer: dict[tuple[str, int, str], list[dict[str, Any]]] = defaultdict(list)
    for report in reports:
        for save in report["saves"]:
            key = (report["municipality"], save["case"], save["path"])
            saves_by_answer[key].append(save)
    lost: list[str] = []
    by_municipality: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, case_id, path in saves_by_answer:
        by_municipality[code].append((case_id, path))
    for code, answers in by_municipality.items():
        with open_server_store(region.caseworker_url(login_of(code, 0))) as store:
            service = intake_service_for(store)
            loaded: dict[int, IntakeAnswers] = {}
            for case_id, path in answers:
                if case_id not in loaded:
                    loaded[case_id] = service.load_intake(CaseId(case_id)).answers
                stored = read_answer(loaded[case_id], path)
                problem = lost_update(saves_by_answer[(code, case_id, path)], stored)
                if problem:
                    lost.append(f"dossier {case_id} {path}: {problem}")
    return lost


def read_answer(answers: IntakeAnswers, path: str) -> Any:
    section, name = path.split(".", 1)
    return getattr(getattr(answers, section), name)


def lost_update(saves: Sequence[dict[str, Any]], stored: Any) -> str | None:
    """Why ``stored`` is not what these saves (of one answer, by any workers) left, or None.

    A save whose value came back as a conflict was not stored, and its writer was told: no
    loss. Of the others, the one that returned last was stored last, unless another's call
    overlapped it (two transactions in flight: either may have committed last)."""
    kept = [save for save in saves if not save["conflict"]]
    if not kept:
        return None
    latest = max(kept, key=lambda save: save["end"])
    possible = {save["value"] for save in kept if save["end"] >= latest["start"]}
    if stored in possible:
        return None
    return f"stored {stored!r}, last written {sorted(possible)!r}"


def machine_load() -> tuple[float, float, float]:
    return os.getloadavg()


def measure(
    region: Region,
    workers_per_municipality: int,
    seconds: float,
    pauses: float = 1.0,
    when_ready: Callable[[], None] = lambda: None,
) -> Outcome:
    """``pauses``: the caseworkers' pauses as a share of a real one's (1: the window's);
    ``when_ready`` is called once they are warmed up, before they start."""
    shared = shared_dossiers(region)
    postmaster = postmaster_of(region.caseworker_url(login_of(MUNICIPALITIES[0], 0)))
    before: dict[str, Any] = {}

    def measured_from_now() -> None:  # every caseworker warmed up, none started yet
        when_ready()
        before.update(load=machine_load(), server=server_processor_seconds(postmaster),
                      at=time.perf_counter())  # fmt: skip

    reports = run_workers(
        region, workers_per_municipality, seconds, shared, pauses, measured_from_now
    )
    worked = time.perf_counter() - before["at"]
    _wait_for_caseworkers_to_sign_off(region)
    server_after = server_processor_seconds(postmaster)
    load_after = machine_load()
    samples: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    processor: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    statements: dict[str, list[float]] = {name: [] for name in OPERATIONS}
    for report in reports:
        for name in OPERATIONS:
            samples[name] += report["samples"][name]
            processor[name] += report["processor"][name]
            statements[name] += report["statements"][name]
    return Outcome(
        samples,
        saves=sum(len(report["saves"]) for report in reports),
        conflicts=sum(save["conflict"] for report in reports for save in report["saves"]),
        lost=check_saves(region, reports),
        foreign_rows=sum(report["foreign_rows"] for report in reports),
        rows_seen=sum(report["rows_seen"] for report in reports),
        errors=[error for report in reports for error in report["errors"]],
        load_before=before["load"],
        load_after=load_after,
        processor=processor,
        statements=statements,
        seconds=worked,
        caseworkers_processor=sum(report["processor_seconds"] for report in reports),
        server_processor=server_after - before["server"],
    )


def _wait_for_caseworkers_to_sign_off(region: Region) -> None:
    """Until the server's backends of the workers' connections have ended (and their
    processor time is counted with the postmaster's reaped children)."""
    owner = create_engine(region.owner_url)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with owner.connect() as connection:
                open_connections = connection.scalar(
                    text("SELECT count(*) FROM pg_stat_activity WHERE usename LIKE 'bench\\_%'")
                )
            if open_connections == 0:
                return
            time.sleep(0.05)
    finally:
        owner.dispose()


def rows(outcome: Outcome, cases: int, workers: int, seconds: float, fill: str) -> list[BenchRow]:
    n = f"{cases:,} dossiers, {workers} caseworkers, {seconds:.0f} s"
    table = [BenchRow(f"fill of {cases:,} demo dossiers in 5 municipalities", fill, "", None)]
    for name in OPERATIONS:
        samples = outcome.samples[name]
        if not samples:
            table.append(BenchRow(f"{n}: {name}", "no calls", "", False))
            continue
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        floor = FLOORS_MS.get(name)
        table.append(
            BenchRow(
                f"{n}: {name}, {len(samples)} calls, p50 / p95",
                f"{p50:.1f} / {p95:.1f} ms",
                "" if floor is None else f"p95 <= {floor:.0f} ms",
                None if floor is None else p95 <= floor,
            )
        )
        spent = [outcome.processor.get(name, []), outcome.statements.get(name, [])]
        if all(spent):
            table.append(
                BenchRow(
                    f"  {name}: own processor time · statements at the server, p50 / p95",
                    " · ".join(
                        f"{percentile(part, 0.5):.1f} / {percentile(part, 0.95):.1f} ms"
                        for part in spent
                    ),
                    "", None,
                )
            )  # fmt: skip
    table += [
        BenchRow(
            f"lost updates ({outcome.saves} saves, {outcome.conflicts} conflicts reported)",
            str(len(outcome.lost)), "0", not outcome.lost,
        ),
        BenchRow(
            f"rows seen of another municipality (of {outcome.rows_seen} rows)",
            str(outcome.foreign_rows), "0", outcome.foreign_rows == 0,
        ),
        BenchRow("calls that failed", str(len(outcome.errors)), "0", not outcome.errors),
        _processor_row(outcome),
        BenchRow(
            "load average (1/5/15 min) before / after, on "
            f"{os.cpu_count()} cores",
            f"{_load(outcome.load_before)} / {_load(outcome.load_after)}", "", None,
        ),
    ]  # fmt: skip
    return table


def _processor_row(outcome: Outcome) -> BenchRow:
    """Where the machine's processors went: a region runs the caseworkers' processes on
    their own laptops, here they share the cores with the server."""
    available = (os.cpu_count() or 1) * outcome.seconds
    return BenchRow(
        "processor seconds used: caseworkers' processes · server, of the machine's",
        f"{outcome.caseworkers_processor:.0f} s · {outcome.server_processor:.0f} s "
        f"of {available:.0f} s",
        "", None,
    )  # fmt: skip


class StatementCounts:
    """The server's own count of its statements (pg_stat_statements, preloaded)."""

    def __init__(self, database: URL) -> None:
        self.engine = create_engine(database, isolation_level="AUTOCOMMIT")
        with self.engine.connect() as connection:
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))

    def reset(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT pg_stat_statements_reset()"))

    def top(self, count: int) -> str:
        """The ``count`` statements with the most time at the server; closes the engine."""
        with self.engine.connect() as connection:
            found = connection.execute(
                text("SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', "
                     "'g'), 110) FROM pg_stat_statements ORDER BY total_exec_time DESC "
                     "LIMIT :count"), {"count": count},
            ).all()  # fmt: skip
        self.engine.dispose()
        lines = ["calls | total ms | ms per call | statement"]
        lines += [f"{calls} | {total:.0f} | {total / calls:.2f} | {query}"
                  for calls, total, query in found]  # fmt: skip
        return "\n".join(lines)


def _load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


def main() -> int:
    cases = int(os.environ.get("BENCH_SERVER_SCALE", "1000000"))
    seconds = float(os.environ.get("BENCH_SERVER_SECONDS", "120"))
    per_municipality = int(os.environ.get("BENCH_SERVER_WORKERS", "10"))
    folder = Path(os.environ.get("BENCH_SERVER_DIR", str(CLUSTER_DIR)))
    # BENCH_SERVER_STATEMENTS=N: also the N statements the server spent most time in.
    top_statements = int(os.environ.get("BENCH_SERVER_STATEMENTS", "0"))
    options = (
        "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
        if top_statements
        else ""
    )
    with running_cluster(folder, options) as superuser:
        region, fill_seconds, kept = prepare_region(superuser, cases, per_municipality, folder)
        fill = f"{fill_seconds:.0f} s" + (" (kept from an earlier run)" if kept else "")
        if seconds <= 0:  # BENCH_SERVER_SECONDS=0: fill (or migrate) now, measure later
            print(f"region ready ({fill}); nothing measured", flush=True)
            return 0
        print(f"region ready ({fill}); {per_municipality * 5} caseworkers for {seconds:.0f} s",
              flush=True)  # fmt: skip
        statements = StatementCounts(superuser.set(database=DATABASE)) if top_statements else None
        outcome = measure(region, per_municipality, seconds,
                          when_ready=statements.reset if statements else lambda: None)  # fmt: skip
        if statements is not None:
            print(statements.top(top_statements))
    print(format_table(rows(outcome, cases, per_municipality * 5, seconds, fill)))
    for line in outcome.lost[:20] + outcome.errors[:20]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
