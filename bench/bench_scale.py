"""``make bench-scale``: the start-up and search rows at 1,000,000 dossiers beside 100,000.

The million-dossier store is filled once and kept (bench/scale_store.py); the 100,000 one
is filled anew, as ``make bench`` does. ``--start-only`` (``make bench-scale START_ONLY=1``)
prints only the start-up rows of the kept million-dossier store.
"""

import sys
import tempfile
from pathlib import Path

from bench import bench_store
from bench.scale_store import cached_store
from bench.table import format_table

SCALE_CASES = 1_000_000


def main(argv: list[str]) -> int:
    cached = cached_store(SCALE_CASES)
    if "--start-only" in argv:  # the start rows alone, on the kept store: a minute, not ten
        print(format_table(bench_store.measure_start(cached.location, SCALE_CASES)))
        return 0
    fill = f"{cached.fill_seconds:.0f} s" + (" (kept from an earlier run)" if cached.reused else "")
    scale_rows = bench_store.measure(cached.location, SCALE_CASES, fill)
    print(format_table(scale_rows), end="\n\n", flush=True)  # the minutes-long part first
    with tempfile.TemporaryDirectory(prefix="casedesk-bench-") as folder:
        rows = bench_store.run(Path(folder))
    print(format_table(rows + scale_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
