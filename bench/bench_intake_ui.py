"""The intake window and the dossier view on a store with 100,000 cases: the issue's
"opening a dossier (list to filled view)" measured up to a shown, filled window, and one
autosave as the window does it (store, advice refresh, inline validation, step marks).

Run with ``make bench`` (under a real keychain), or alone:
``QT_QPA_PLATFORM=offscreen scripts/run-with-keychain.sh .venv/bin/python -m bench.bench_intake_ui``
"""

import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.table import BenchRow, format_table, median, milliseconds, percentile
from casedesk import clock
from casedesk.catalog.regions import load_default_region_table
from casedesk.db.keys import open_keychain
from casedesk.db.location import StoreLocation
from casedesk.db.store import open_store
from casedesk.domain.dossier import Registration
from casedesk.services.cases import case_page_source
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.intake import intake_service_for
from casedesk.services.store_admin import init_store

CASES = 100_000
OPENINGS = 60
SAVES = 100


def run(work_dir: Path, cases: int = CASES) -> list[BenchRow]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from casedesk.ui.app import application
    from casedesk.ui.dossier.view import DossierView
    from casedesk.ui.intake.window import IntakeWindow
    from tools.screenshots.intake import DEMO_ANSWERS

    app = application(sys.argv[:1])
    settings = QSettings(str(work_dir / "bench.ini"), QSettings.Format.IniFormat)
    municipalities = load_default_region_table().current_municipalities()
    location = StoreLocation.in_dir(work_dir / "intake-ui-store")
    init_store(location, open_keychain(), "Bench Medewerker", "GM0855")
    with open_store(location, open_keychain()) as store:
        fill_with_demo_cases(store, cases, datetime.now(UTC))
        service = intake_service_for(store)
        listed = [row.case_id for row in case_page_source(store)("", None, 200)]
        picks = random.Random(2026).sample(listed, min(OPENINGS, len(listed)))
        windows, views = [], []
        for case_id in picks:
            started = time.perf_counter()
            window = IntakeWindow(
                service, case_id, municipalities=municipalities, settings=settings
            )
            window.show()
            app.processEvents()
            windows.append((time.perf_counter() - started) * 1000)
            window.close()
            window.deleteLater()
            started = time.perf_counter()
            view = DossierView(service, case_id, municipalities=municipalities, settings=settings)
            view.show()
            app.processEvents()
            views.append((time.perf_counter() - started) * 1000)
            view.close()
            view.deleteLater()
            app.processEvents()

        own = service.start_intake(Registration(clock.today(), "GM0855"), DEMO_ANSWERS)
        window = IntakeWindow(service, own, municipalities=municipalities, settings=settings)
        window.show()
        surname = window.bindings["entrepreneur.surname"]
        saves = []
        for number in range(SAVES):
            surname.write(f"Hoff-Çelik {number}")
            saves.append(milliseconds(window.save_now))
        window.close()
    open_p95, view_p95, save_p95 = (
        percentile(windows, 0.95),
        percentile(views, 0.95),
        percentile(saves, 0.95),
    )
    return [
        BenchRow(
            f"intake window opened and shown, {cases} cases, {len(windows)} openings, p50",
            f"{median(windows):.1f} ms", "", None,
        ),
        BenchRow("intake window opened and shown, p95", f"{open_p95:.1f} ms", "< 150 ms",
                 open_p95 < 150),
        BenchRow("dossier view opened and shown, p95", f"{view_p95:.1f} ms", "< 150 ms",
                 view_p95 < 150),
        BenchRow(
            f"window autosave of one field with advice refresh, {len(saves)} saves, p50",
            f"{median(saves):.1f} ms", "", None,
        ),
        BenchRow("window autosave of one field with advice refresh, p95", f"{save_p95:.1f} ms",
                 "< 70 ms (20 save + 50 advice)", save_p95 < 70),
    ]  # fmt: skip


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-intake-ui-") as folder:
        count = int(sys.argv[1]) if len(sys.argv) > 1 else CASES
        print(format_table(run(Path(folder), count)))
    sys.exit(0)
