"""The bundle and the package: their size and how fast the bundle shows its window.

Builds what is missing first (``installer/build-bundle.sh`` and ``build-deb.sh`` skip when
their inputs are unchanged). The start figure runs ``casedesk --smoke`` from the bundle,
which shows the main window before it loads the store, as the app does, and marks the
moment on stderr; the bare PySide6 window is started the same way for comparison.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.bench_store import start_once
from bench.table import BenchRow

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "casedesk"
START_RUNS = 5
BUNDLE_TARGET_MB = 150
START_TARGET_S = 0.6


def build_artifacts() -> Path:
    """Builds the bundle and the release .deb when they are not up to date; returns the .deb."""
    subprocess.run([str(ROOT / "installer" / "build-bundle.sh"), sys.executable], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([str(ROOT / "installer" / "build-deb.sh")], check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "DEB_COMPRESSION": "xz"})
    return max((ROOT / "dist").glob("casedesk_*.deb"), key=lambda path: path.stat().st_mtime)


def unpacked_bytes(folder: Path) -> int:
    """What the folder takes unpacked: its files, symbolic links counted once (as links)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir())


def bundle_shown_once() -> float:
    """Seconds from launching the bundle until its main window is shown."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(BUNDLE / "casedesk"), "--smoke"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "CASEDESK_SMOKE_MARK_SHOWN": "1"},
    )
    assert child.stderr is not None
    shown = None
    for line in child.stderr:
        if line.strip() == "shown" and shown is None:
            shown = time.perf_counter() - started
    if child.wait(timeout=240) != 0 or shown is None:
        raise RuntimeError("the bundle's smoke test failed")
    return shown


def run(_work_dir: Path) -> list[BenchRow]:
    deb = build_artifacts()
    size_mb = unpacked_bytes(BUNDLE) / 1e6
    deb_mb = deb.stat().st_size / 1e6
    bundle_shown_once()  # warm the file cache
    bundle_s = statistics.median(bundle_shown_once() for _ in range(START_RUNS))
    start_once(["--bare"])
    bare_s = statistics.median(start_once(["--bare"]).shown for _ in range(START_RUNS))
    return [
        BenchRow("bundle size unpacked (dist/casedesk)", f"{size_mb:.0f} MB",
                 f"<= {BUNDLE_TARGET_MB} MB", size_mb <= BUNDLE_TARGET_MB),
        BenchRow(f".deb size ({deb.name}, xz)", f"{deb_mb:.0f} MB", "", None),
        BenchRow(f"bundle launch to window shown (median of {START_RUNS})",
                 f"{bundle_s:.2f} s", f"<= {START_TARGET_S} s", bundle_s <= START_TARGET_S),
        BenchRow(f"bare PySide6 window from the venv, to shown (median of {START_RUNS})",
                 f"{bare_s:.2f} s", "", None),
    ]


if __name__ == "__main__":
    from bench.table import format_table

    print(format_table(run(ROOT)))
