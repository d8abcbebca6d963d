"""Rendering the action plan: a typical plan (PDF/A included) next to a bare reportlab page.

Run alone with ``python -m bench.bench_plan``.
"""

import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bench.processes import child_environment
from bench.table import BenchRow, format_table, median, milliseconds
from casedesk.domain.plan_content import build_plan_content
from casedesk.plan.document import DocumentInfo, ReportlabDocument
from casedesk.plan.layout import write_plan
from casedesk.plan.render import render_plan
from casedesk.plan.samples import (
    SAMPLE_CREATED_AT,
    long_plan_inputs,
    sample_logo_png,
    typical_plan_inputs,
)

TARGET_MS = 150.0
ROUNDS = 15
CLI_ROUNDS = 3


def _bare_page() -> bytes:
    """The least reportlab can do: one paragraph on one page, built-in font, no PDF/A."""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph("Hallo", getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def _median_ms(work: Callable[[], object], rounds: int = ROUNDS) -> float:
    work()  # warm-up: fonts registered, modules imported
    return median([milliseconds(work) for _ in range(rounds)])


def _cli_plan_ms(work_dir: Path) -> float:
    """``casedesk plan`` as a caseworker runs it: a fresh process, opening the store."""
    from sqlalchemy import select

    from casedesk.db.keys import open_keychain
    from casedesk.db.location import StoreLocation
    from casedesk.db.models import Case
    from casedesk.db.store import open_store
    from casedesk.domain.case import CaseStatus
    from casedesk.services.demo.fill import fill_with_demo_cases
    from casedesk.services.store_admin import init_store

    data_dir = work_dir / "cli-store"
    location = StoreLocation.in_dir(data_dir)
    init_store(location, open_keychain(), "Bench Medewerker", "GM0855")
    with open_store(location, open_keychain()) as store:
        fill_with_demo_cases(store, 5, datetime.now(UTC))
        with store.session() as session:
            case_id = session.scalars(
                select(Case.id).where(Case.status != CaseStatus.CLOSED).order_by(Case.id)
            ).first()
    assert case_id is not None
    command = [sys.executable, "-m", "casedesk", "--data-dir", str(data_dir), "plan", str(case_id)]
    samples = []
    for round_number in range(CLI_ROUNDS + 1):
        out = ["--out", str(work_dir / f"cli-{round_number}.pdf")]
        started = time.perf_counter()
        subprocess.run([*command, *out], check=True, capture_output=True, env=child_environment())
        if round_number:  # the first run fills the OS file cache
            samples.append((time.perf_counter() - started) * 1000)
    return median(samples)


def run(work_dir: Path) -> list[BenchRow]:
    logo = sample_logo_png()
    typical = typical_plan_inputs()
    long = long_plan_inputs(actions=40)
    typical_ms = _median_ms(
        lambda: render_plan(build_plan_content(typical), logo=logo, created_at=SAMPLE_CREATED_AT)
    )
    long_ms = _median_ms(
        lambda: render_plan(build_plan_content(long), logo=logo, created_at=SAMPLE_CREATED_AT),
        rounds=5,
    )
    bare_ms = _median_ms(_bare_page)
    content = build_plan_content(typical)

    def layout_only() -> bytes:
        doc = ReportlabDocument(DocumentInfo("Persoonlijk actieplan", "Gemeente", "", ""))
        write_plan(doc, content, logo)
        return doc.to_pdf()

    layout_ms = _median_ms(layout_only)
    cli_ms = _cli_plan_ms(work_dir)
    sample = render_plan(build_plan_content(typical), logo=logo, created_at=SAMPLE_CREATED_AT)
    (work_dir / "typical-plan.pdf").write_bytes(sample)
    return [
        BenchRow(
            "plan: typical plan rendered, PDF/A-2b included, median",
            f"{typical_ms:.1f} ms", f"< {TARGET_MS:.0f} ms", typical_ms < TARGET_MS,
        ),
        BenchRow(
            "plan: typical plan, reportlab layout only (no PDF/A), median",
            f"{layout_ms:.1f} ms", "", None,
        ),
        BenchRow("plan: bare one-page reportlab document, median", f"{bare_ms:.1f} ms", "", None),
        BenchRow(
            "plan: typical plan / bare page (ratio)", f"{typical_ms / bare_ms:.1f}×", "", None
        ),
        BenchRow("plan: long plan (40 actions), median", f"{long_ms:.1f} ms", "", None),
        BenchRow("plan: typical plan size", f"{len(sample) / 1024:.0f} KiB", "", None),
        BenchRow(
            "plan: `casedesk plan` whole process (start, open store, render, save), median",
            f"{cli_ms:.0f} ms", "", None,
        ),
    ]  # fmt: skip


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-plan-") as folder:
        print(format_table(run(Path(folder))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
