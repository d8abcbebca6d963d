"""The regional report over 100,000 demo dossiers in the encrypted store: counting (the
aggregate queries and the protection of small numbers), then the PDF and the CSV."""

from datetime import UTC, date, datetime
from pathlib import Path

from bench.table import BenchRow, median, milliseconds
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.plan.report import render_report
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.report import make_report, report_csv
from casedesk.services.store_admin import init_store

CASES = 100_000
RUNS = 5
NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
PERIOD = (date(2024, 1, 1), date(2026, 11, 27))


def run(folder: Path) -> list[BenchRow]:
    location = StoreLocation.in_dir(folder / "data")
    keychain = open_keychain()
    init_store(location, keychain, "Bench", "GM0855")
    with open_store(location, keychain) as store:
        fill_with_demo_cases(store, CASES, NOW)
        counting = [
            milliseconds(lambda: make_report(store, *PERIOD, NOW.date())) for _ in range(RUNS)
        ]
        report = make_report(store, *PERIOD, NOW.date())
        pdf = [milliseconds(lambda: render_report(report, created_at=NOW)) for _ in range(RUNS)]
        csv = [milliseconds(lambda: report_csv(report)) for _ in range(RUNS)]
    return [
        BenchRow(
            f"report, {CASES:,} cases in {len(report.scopes) - 1} municipalities: counting",
            f"{median(counting):.0f} ms", "< 2000 ms", median(counting) < 2000,
        ),
        BenchRow("report as PDF (charts, PDF/A)", f"{median(pdf):.0f} ms", "", None),
        BenchRow("report as CSV", f"{median(csv):.0f} ms", "", None),
    ]  # fmt: skip
