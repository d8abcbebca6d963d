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
    bench_suggestion,
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


def suggestion_rows() -> list[BenchRow]:
    figures = bench_suggestion.measure_short_list()
    cases = f"{figures['cases']:.0f} reference intakes"
    mean, hit_rate = figures["mean_short_list"], figures["hit_rate"]
    return [
        BenchRow(
            f"short list, {cases}, mean length (max {figures['max_short_list']:.0f})",
            f"{mean:.1f} instruments", "<= 5", mean <= 5,
        ),
        BenchRow(
            "short list, expected instrument on it (hit rate)",
            f"{hit_rate:.0%}", "100%", hit_rate == 1,
        ),
        BenchRow(
            "full ranked list, mean length / expected in its top 5",
            f"{figures['mean_full_list']:.1f} / {figures['full_list_top5_hit_rate']:.0%}",
            "", None,
        ),
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
    rows += suggestion_rows()
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
