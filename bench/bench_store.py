"""Start-up, search-as-you-type and memory with 100,000 cases in the encrypted store.

``measure`` takes any filled store: ``make bench-scale`` runs it on a million
(bench/bench_scale.py).
"""

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.processes import child_environment
from bench.table import BenchRow, percentile
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.services.cases import case_page_source
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.read_log import ReadFolder
from casedesk.services.store_admin import init_store
from casedesk.ui.case_list_model import PAGE_SIZE

CASES = 100_000
START_RUNS = 9
TYPED = ("ozdemir", "ijsbrand", "zoe van t hoff", "kapsalon", "5038", "tilburg", "jansen")
NO_MATCH = ("qwerty", "xylofoon", "yilmaz qqq", "jansen xylofoon")
"""Queries that end without a match: every keystroke of them must stay quick too."""
FEW_HITS = ("kapsalon 0000",)
"""Two common terms that rarely meet (23 cases in a million): the index walks both."""
OPEN_RUNS = 3


def prepare_store(data_dir: Path) -> tuple[StoreLocation, float]:
    location = StoreLocation.in_dir(data_dir)
    init_store(location, open_keychain(), "Bench Medewerker", "GM0855")
    started = time.perf_counter()
    with open_store(location, open_keychain()) as store:
        fill_with_demo_cases(store, CASES, datetime.now(UTC))
    return location, time.perf_counter() - started


def search_latencies(location: StoreLocation, queries: tuple[str, ...] = TYPED) -> list[float]:
    """Every keystroke of each typed query asks for the first page, as the list does, and
    is logged as the window logs it: folded by one ``ReadFolder`` (wiring/desktop.py),
    whose timer writes the waiting counts later (without it each page would be a write
    transaction of its own, about 16 ms instead of 4 ms at 100,000 dossiers)."""
    samples: list[float] = []
    with open_store(location, open_keychain()) as store:
        reads = ReadFolder(store)
        fetch = case_page_source(store, folder=reads)
        fetch("", None, PAGE_SIZE)  # the list as it first shows
        for text in queries:
            for length in range(1, len(text) + 1):
                started = time.perf_counter()
                fetch(text[:length], None, PAGE_SIZE)
                samples.append((time.perf_counter() - started) * 1000)
        reads.flush()
    return samples


def open_seconds(location: StoreLocation) -> float:
    """How long ``open_store`` takes (its checks before the first query), median."""
    runs = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        open_store(location, open_keychain()).close()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


@dataclass(frozen=True)
class StartFigures:
    shown: float
    """Seconds from launching the process until the main window is shown."""
    shown_cpu: float
    """Processor seconds the process had used when its window showed."""
    filled: float
    """Seconds until the first page of cases is in the list."""
    opened: float
    """Seconds until the store is open and the list can be searched and opened."""
    peak_kib: int


def start_once(args: list[str]) -> StartFigures:
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.start_probe", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=child_environment(),
    )
    assert child.stdout is not None
    shown_line = child.stdout.readline()
    shown = time.perf_counter() - started
    filled_line = child.stdout.readline()
    filled = time.perf_counter() - started
    opened_line = child.stdout.readline()
    opened = time.perf_counter() - started
    try:
        child.wait(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()  # never leave an app holding the store's lock behind
        raise
    if (
        not shown_line.startswith("shown ")
        or not filled_line.startswith("filled ")
        or not opened_line.startswith("opened ")
    ):
        raise RuntimeError(f"start probe failed: {shown_line!r} {filled_line!r} {opened_line!r}")
    cpu = float(shown_line.split()[1]) / 1000
    return StartFigures(shown, cpu, filled, opened, int(opened_line.split()[1]))


def start_runs(*variants: list[str]) -> list[list[StartFigures]]:
    """:data:`START_RUNS` starts of each variant; runs alternate between them, so a busy
    moment of a shared machine weighs on each alike (the window row compares two)."""
    for args in variants:
        start_once(args)  # warm the file cache (and let the app make its first daily backup)
    runs: list[list[StartFigures]] = [[] for _ in variants]
    for _ in range(START_RUNS):
        for args, kept in zip(variants, runs, strict=True):
            kept.append(start_once(args))
    return runs


def median_start(runs: list[StartFigures]) -> StartFigures:
    return StartFigures(
        statistics.median(r.shown for r in runs),
        statistics.median(r.shown_cpu for r in runs),
        statistics.median(r.filled for r in runs),
        statistics.median(r.opened for r in runs),
        max(r.peak_kib for r in runs),
    )


def run(work_dir: Path) -> list[BenchRow]:
    location, fill_seconds = prepare_store(work_dir / "store")
    return measure(location, CASES, f"{fill_seconds:.1f} s")


def measure(location: StoreLocation, cases: int, fill: str) -> list[BenchRow]:
    """The start-up and search rows for a filled store of ``cases`` dossiers."""
    searches = search_latencies(location)
    misses = search_latencies(location, NO_MATCH)
    opening = open_seconds(location)
    p50, p95 = percentile(searches, 0.5), percentile(searches, 0.95)
    slowest_miss = max(misses)
    slowest_few = max(search_latencies(location, FEW_HITS))
    n = f"{cases:,}"
    start_rows, peak_row = _split_peak(measure_start(location, cases))
    return [
        BenchRow(f"demo --cases {cases} (fill)", fill, "", None),
        BenchRow(f"{n} cases: opening the store (median)", f"{opening * 1000:.0f} ms", "", None),
        *start_rows,
        BenchRow(
            f"{n} cases: search as you type, {len(searches)} keystrokes, p50",
            f"{p50:.1f} ms", "", None,
        ),
        BenchRow(f"{n} cases: search as you type, p95", f"{p95:.1f} ms", "<= 30 ms", p95 <= 30),
        BenchRow(
            f"{n} cases: slowest of {len(misses)} keystrokes of queries without a match",
            f"{slowest_miss:.1f} ms", "<= 30 ms", slowest_miss <= 30,
        ),
        BenchRow(
            f"{n} cases: slowest keystroke of {' '.join(repr(q) for q in FEW_HITS)} (few hits)",
            f"{slowest_few:.1f} ms", "", None,
        ),
        peak_row,
    ]  # fmt: skip


def measure_start(location: StoreLocation, cases: int) -> list[BenchRow]:
    """The start-up rows alone (``make bench-scale START_ONLY=1`` on the kept store)."""
    bare_runs, app_runs = start_runs(["--bare"], [str(location.data_dir)])
    bare, app = median_start(bare_runs), median_start(app_runs)
    # Each app start against the bare start just before it: the pair saw the same machine.
    ratio = statistics.median(a.shown / b.shown for a, b in zip(app_runs, bare_runs, strict=True))
    cpu_ratio = app.shown_cpu / bare.shown_cpu
    peak_mb = app.peak_kib / 1024
    n = f"{cases:,}"
    return [
        BenchRow("bare QMainWindow start (median)", f"{bare.shown * 1000:.0f} ms", "", None),
        BenchRow(
            f"{n} cases: casedesk window shown (median)",
            f"{app.shown * 1000:.0f} ms", "", None,
        ),
        BenchRow(
            f"{n} cases: window shown / bare window", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5
        ),
        BenchRow(
            f"{n} cases: processor time until shown / bare window",
            f"{cpu_ratio:.2f}x ({app.shown_cpu * 1000:.0f} / {bare.shown_cpu * 1000:.0f} ms)",
            "", None,
        ),
        BenchRow(
            f"{n} cases: first page of cases listed (median)",
            f"{app.filled * 1000:.0f} ms", "<= 1000 ms", app.filled <= 1,
        ),
        BenchRow(
            f"{n} cases: store open, list searchable (median)",
            f"{app.opened * 1000:.0f} ms", "", None,
        ),
        BenchRow(f"{n} cases: peak memory, store open", f"{peak_mb:.0f} MB", "< 300 MB",
                 peak_mb < 300),
    ]  # fmt: skip


def _split_peak(rows: list[BenchRow]) -> tuple[list[BenchRow], BenchRow]:
    """The start rows, and the memory row, which the full table lists last."""
    return rows[:-1], rows[-1]
