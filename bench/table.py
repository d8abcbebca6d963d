"""The benchmark table: one row per measured figure, with its target."""

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchRow:
    name: str
    measured: str
    target: str
    met: bool | None
    """None where the row has no target (a reference figure)."""


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile; fraction 0.95 gives p95."""
    ordered = sorted(samples)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[index]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def milliseconds(action: Callable[[], object]) -> float:
    """How long one call of ``action`` takes, in milliseconds."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def format_table(rows: Sequence[BenchRow]) -> str:
    headers = ("benchmark", "measured", "target", "met")
    cells = [
        (r.name, r.measured, r.target, "-" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)
