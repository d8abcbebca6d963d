"""PNG pages of a typical and a long sample plan, for ``make screenshots`` and review.

Uses poppler's ``pdftoppm`` (Debian ``poppler-utils``), as a reader's PDF viewer would
draw the pages; no Qt.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from casedesk.domain.plan_content import build_plan_content
from casedesk.plan.render import render_plan
from casedesk.plan.samples import (
    SAMPLE_CREATED_AT,
    long_plan_inputs,
    sample_logo_png,
    typical_plan_inputs,
)

RESOLUTION_DPI = 80


def render_sample_plans(out_dir: Path) -> list[Path]:
    """Writes ``plan-typisch-N.png`` and ``plan-lang-N.png`` (one per page); returns them."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm not found: install Debian's poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    logo = sample_logo_png()
    samples = {
        "plan-typisch": typical_plan_inputs(),
        "plan-lang": long_plan_inputs(actions=40),
    }
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="casedesk-plan-") as folder:
        for name, inputs in samples.items():
            pdf = render_plan(build_plan_content(inputs), logo=logo, created_at=SAMPLE_CREATED_AT)
            pdf_path = Path(folder) / f"{name}.pdf"
            pdf_path.write_bytes(pdf)
            for old in out_dir.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(RESOLUTION_DPI), str(pdf_path), str(out_dir / name)],
                check=True,
                capture_output=True,
            )
            # pdftoppm pads page numbers to the page count's width (-1 or -01).
            pages = sorted(
                out_dir.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
            )
            written += pages
    return written
