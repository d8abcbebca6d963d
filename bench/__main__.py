"""``make bench``: every benchmark, one table."""

import sys
import tempfile
from pathlib import Path

from bench import (
    bench_advice,
    bench_cipher,
    bench_followups,
    bench_installer,
    bench_intake,
    bench_intake_ui,
    bench_plan,
    bench_preview,
    bench_report,
    bench_store,
)
from bench.table import BenchRow, format_table


def advice_rows() -> list[BenchRow]:
    figures = bench_advice.measure_advice(10_000)
    median_ms = figures["median_ms"]
    return [
        BenchRow(
            "advise, 10,000 generated intakes, median per call",
            f"{median_ms:.3f} ms", "< 1 ms", median_ms < 1,
        ),
        BenchRow("advise, p95 per call", f"{figures['p95_ms']:.3f} ms", "", None),
    ]


def main() -> int:
    rows: list[BenchRow] = []
    for run in (
        bench_store.run,
        bench_intake.run,
        bench_intake_ui.run,
        bench_followups.run,
        bench_plan.run,
        bench_preview.run,
        bench_report.run,
        bench_installer.run,
    ):
        with tempfile.TemporaryDirectory(prefix="casedesk-bench-") as folder:
            rows += run(Path(folder))
    rows += bench_cipher.run()
    rows += advice_rows()
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
