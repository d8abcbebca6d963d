"""Problems found in a catalog or region file, and the error that reports them.

A coordinator fixes a hand-edited file in one go only if they see every problem at once,
each with the line, the field and the reason; so checks collect ``Problem`` values and
raise one error at the end instead of stopping at the first.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from casedesk.errors import KnownError

MAX_LISTED_PROBLEMS = 20
"""More than this many problems usually means the wrong file; listing all would bury it."""


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in a file, in plain Dutch."""

    line: int | None
    """1-based line in the file, when known."""
    column: int | None
    field: str
    """Where in the file, e.g. ``instruments[3].contact.phone`` or ``kolom code``."""
    reason: str
    """What is wrong and how to fix it (Dutch, B1)."""

    def describe(self) -> str:
        place = f"regel {self.line}" if self.line is not None else ""
        if self.line is not None and self.column is not None:
            place += f", kolom {self.column}"
        where = f"{place}: {self.field}" if place else self.field
        return f"{where}: {self.reason}"


def describe_problems(intro: str, problems: Iterable[Problem], outro: str) -> str:
    """One Dutch message: ``intro``, the first problems as a list, then ``outro``."""
    ordered = in_file_order(problems)
    lines = [intro]
    lines += [f"- {problem.describe()}" for problem in ordered[:MAX_LISTED_PROBLEMS]]
    hidden = len(ordered) - MAX_LISTED_PROBLEMS
    if hidden > 0:
        lines.append(f"- … en nog {hidden} andere problemen.")
    lines.append(outro)
    return "\n".join(lines)


def in_file_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.field)))


class FileProblemsError(KnownError):
    """A file that cannot be used; ``problems`` holds each finding in file order.

    Reading never changes anything, so the caller can say that what was in use stays.
    """

    file_kind = "Het bestand"

    def __init__(self, source_name: str, problems: Iterable[Problem], outro: str) -> None:
        self.source_name = source_name
        self.problems = in_file_order(problems)
        count = len(self.problems)
        found = "er is 1 probleem gevonden" if count == 1 else f"er zijn {count} problemen gevonden"
        intro = f"{self.file_kind} “{source_name}” is niet ingelezen: {found}."
        super().__init__(describe_problems(intro, self.problems, outro))


class CatalogError(FileProblemsError):
    """A catalog file that cannot be used."""

    file_kind = "Het catalogusbestand"

    def __init__(
        self,
        source_name: str,
        problems: Iterable[Problem],
        outro: str = "Pas het bestand aan en probeer het opnieuw.",
    ) -> None:
        super().__init__(source_name, problems, outro)


class RegionTableError(FileProblemsError):
    """A table of municipalities and regions that cannot be used."""

    file_kind = "De gemeentetabel"

    def __init__(self, source_name: str, problems: Iterable[Problem]) -> None:
        outro = (
            "Gebruik de CBS-tabel met de kolommen name, code, year, region_code, region en "
            "province, en probeer het opnieuw."
        )
        super().__init__(source_name, problems, outro)
