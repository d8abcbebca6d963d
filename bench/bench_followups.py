"""The Vandaag view with 100,000 cases and 300,000 follow-ups in the encrypted store.

Measures what showing the view costs: the service query (``today_overview``, including its
audit event and commit) plus filling the three Qt models, as the view's ``refresh`` does.
"""

import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bench.table import BenchRow, median, milliseconds, percentile
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import Case, FollowUp
from casedesk.db.store import Store, open_store
from casedesk.domain.case import CaseStatus
from casedesk.domain.followups import local_today
from casedesk.domain.referrals import FOLLOW_UP_TEXT
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.followups import overdue_count, today_overview
from casedesk.services.store_admin import init_store

CASES = 100_000
FOLLOW_UPS = 300_000
RUNS = 60
BATCH = 10_000
PAST_DAYS = 180
FUTURE_DAYS = 30
DONE_SHARE = 0.97
"""Share of past follow-ups marked done: a counter that keeps up, with some left behind."""


def fill_follow_ups(store: Store, count: int, now: datetime, seed: int = 6) -> int:
    """Bulk-inserts follow-ups spread over the last half year and the coming month."""
    rng = random.Random(seed)
    today = local_today(now)
    with store.transaction() as session:
        cases = list(session.execute(select(Case.id, Case.status)))
        connection = session.connection()
        rows: list[dict[str, object]] = []
        for _ in range(count):
            case_id, status = rng.choice(cases)
            due = today + timedelta(days=rng.randint(-PAST_DAYS, FUTURE_DAYS))
            # As the services keep it: a closed case has no open follow-ups.
            done = status is CaseStatus.CLOSED or (due < today and rng.random() < DONE_SHARE)
            rows.append(
                {
                    "case_id": case_id,
                    "due_date": due,
                    "note": FOLLOW_UP_TEXT if rng.random() < 0.6 else "Bellen over de voortgang",
                    "done_at": now - timedelta(days=1) if done else None,
                    "done_note": "Gebeld" if done else None,
                    "created_at": now,
                }
            )
            if len(rows) == BATCH:
                connection.execute(insert(FollowUp), rows)
                rows = []
        if rows:
            connection.execute(insert(FollowUp), rows)
        return session.scalar(select(func.count()).select_from(FollowUp)) or 0


def measure(store: Store, now: datetime) -> tuple[list[float], list[float], int]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from casedesk.ui.today.view import TodayView

    app = QApplication.instance() or QApplication([])
    view = TodayView(lambda: today_overview(store, now), lambda follow_up_id, note: None)
    view.resize(1100, 640)
    view.show()
    app.processEvents()
    samples = [milliseconds(view.refresh) for _ in range(RUNS)]
    shown = view.overview
    rows = 0
    if shown is not None:
        rows = len(shown.overdue) + len(shown.due_today) + len(shown.coming_week)
    counts = [milliseconds(lambda: overdue_count(store, now)) for _ in range(RUNS)]
    view.close()
    return samples, counts, rows


def run(work_dir: Path) -> list[BenchRow]:
    location = StoreLocation.in_dir(work_dir / "followups")
    init_store(location, open_keychain(), "Bench Medewerker", "GM0855")
    now = datetime.now(UTC)
    with open_store(location, open_keychain()) as store:
        started = time.perf_counter()
        fill_with_demo_cases(store, CASES, now)
        stored = fill_follow_ups(store, FOLLOW_UPS, now)
        fill_seconds = time.perf_counter() - started
        samples, counts, rows = measure(store, now)
    p95 = percentile(samples, 0.95)
    count_p95 = percentile(counts, 0.95)
    return [
        BenchRow(f"fill {CASES} cases + {stored} follow-ups", f"{fill_seconds:.1f} s", "", None),
        BenchRow(f"Vandaag view shown ({rows} rows), median",
                 f"{median(samples):.1f} ms", "", None),
        BenchRow("Vandaag view shown, first time (cold page cache)",
                 f"{samples[0]:.1f} ms", "", None),
        BenchRow("Vandaag view shown, p95", f"{p95:.1f} ms", "< 100 ms", p95 < 100),
        BenchRow("overdue count at start, p95", f"{count_p95:.1f} ms", "", None),
    ]  # fmt: skip


if __name__ == "__main__":
    import sys
    import tempfile

    from bench.table import format_table

    with tempfile.TemporaryDirectory(prefix="casedesk-bench-") as folder:
        print(format_table(run(Path(folder))))
    sys.exit(0)
