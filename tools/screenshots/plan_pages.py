"""PNG pages of sample plans and letters, for ``make screenshots`` and review.

A typical plan (the counter's everyday case: an urgent route 2 with route 1), one that is
not urgent (route 1 alone), a crisis, a long one, one for a reader in Belgium, a closed
dossier, and two referral letters (with and without consent).

Uses poppler's ``pdftoppm`` (Debian ``poppler-utils``), as a reader's PDF viewer would
draw the pages; no Qt.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from casedesk.domain.plan_content import ConsentInput, build_plan_content, build_referral_letter
from casedesk.plan.render import render_plan, render_referral_letter
from casedesk.plan.samples import (
    SAMPLE_CREATED_AT,
    SAMPLE_DAY,
    long_plan_inputs,
    sample_dossiers,
    sample_logo_png,
)

RESOLUTION_DPI = 80


def render_sample_plans(out_dir: Path) -> list[Path]:
    """Writes ``plan-typisch-N.png``, ``brief-met-toestemming-N.png`` and the like (one per
    page); returns them."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm not found: install Debian's poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    logo = sample_logo_png()
    dossiers = sample_dossiers()
    plans = {
        "plan-typisch": dossiers["typisch"],
        "plan-niet-urgent": dossiers["route 1"],
        "plan-crisis": dossiers["crisis"],
        "plan-lang": long_plan_inputs(actions=40),
        "plan-belgie": dossiers["België, route 2 en 3"],
        "plan-afgesloten": dossiers["afgesloten"],
    }
    documents = {
        name: render_plan(build_plan_content(inputs), logo=logo, created_at=SAMPLE_CREATED_AT)
        for name, inputs in plans.items()
    }
    typical = dossiers["typisch"]
    consents = {
        "brief-met-toestemming": ConsentInput(
            True, "naam, telefoonnummer en hulpvraag", SAMPLE_DAY, "getekend"
        ),
        "brief-zonder-toestemming": None,
    }
    for name, consent in consents.items():
        letter = build_referral_letter(typical, typical.referrals[0], consent)
        documents[name] = render_referral_letter(letter, logo=logo, created_at=SAMPLE_CREATED_AT)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="casedesk-plan-") as folder:
        for name, pdf in documents.items():
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
