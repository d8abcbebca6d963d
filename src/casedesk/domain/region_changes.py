"""What taking a new municipality table into use changes, as plain data and Dutch lines.

A coordinator reads the list before saying yes: a CBS table that lacks most municipalities
(a filtered export, the wrong sheet) must not silently replace the 342 in use.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from casedesk.domain.regions import Municipality, RegionTable

LISTED_PER_KIND = 15
"""Names listed per kind of change; the rest is counted."""


@dataclass(frozen=True)
class RegionTableChanges:
    old: RegionTable
    new: RegionTable
    added: tuple[Municipality, ...]
    removed: tuple[Municipality, ...]
    renamed: tuple[tuple[Municipality, Municipality], ...]
    """(as it was, as it will be)."""
    moved: tuple[tuple[Municipality, Municipality], ...]
    """Municipalities that move to another labour-market region: (as it was, as it will be)."""

    @property
    def is_empty(self) -> bool:
        return self.old == self.new

    def lines(self) -> list[str]:
        """The change list, in Dutch, one line per kind and per listed municipality."""
        lines = [
            f"Gemeenten in gebruik: {len(self.old.municipalities)}; in de nieuwe tabel: "
            f"{len(self.new.municipalities)} (jaar {self.old.current_year} → "
            f"{self.new.current_year})."
        ]
        lines += listed_section("Nieuw", [_named(m) for m in self.added])
        lines += listed_section("Verdwijnen uit de tabel", [_named(m) for m in self.removed])
        lines += listed_section(
            "Krijgen een andere naam",
            [f"{_named(old)} heet voortaan {new.name}" for old, new in self.renamed],
        )
        lines += listed_section(
            "Gaan naar een andere arbeidsmarktregio",
            [
                f"{_named(old)}: {self._region_name(self.old, old)} → "
                f"{self._region_name(self.new, new)}"
                for old, new in self.moved
            ],
        )
        if not (self.added or self.removed or self.renamed or self.moved):
            lines.append("Er komen geen gemeenten bij of af, en er verandert geen naam of regio.")
        return lines

    @staticmethod
    def _region_name(table: RegionTable, municipality: Municipality) -> str:
        region = table.region(municipality.region_code)
        name = region.name if region is not None else municipality.region_code
        return f"{name} ({municipality.region_code})"


def compare_region_tables(old: RegionTable, new: RegionTable) -> RegionTableChanges:
    old_by_code = {m.code: m for m in old.municipalities}
    new_by_code = {m.code: m for m in new.municipalities}
    common = sorted(old_by_code.keys() & new_by_code.keys())
    return RegionTableChanges(
        old=old,
        new=new,
        added=_by_name(new_by_code[c] for c in new_by_code.keys() - old_by_code.keys()),
        removed=_by_name(old_by_code[c] for c in old_by_code.keys() - new_by_code.keys()),
        renamed=tuple(
            (old_by_code[c], new_by_code[c])
            for c in common
            if old_by_code[c].name != new_by_code[c].name
        ),
        moved=tuple(
            (old_by_code[c], new_by_code[c])
            for c in common
            if old_by_code[c].region_code != new_by_code[c].region_code
        ),
    )


def _by_name(municipalities: Iterable[Municipality]) -> tuple[Municipality, ...]:
    return tuple(sorted(municipalities, key=lambda m: (m.name, m.code)))


def _named(municipality: Municipality) -> str:
    return f"{municipality.name} ({municipality.code})"


def listed_section(title: str, items: list[str]) -> list[str]:
    """``Title (3):`` and an indented line per item, the first ``LISTED_PER_KIND``."""
    if not items:
        return []
    lines = [f"{title} ({len(items)}):"]
    lines += [f"  - {item}" for item in items[:LISTED_PER_KIND]]
    if len(items) > LISTED_PER_KIND:
        lines.append(f"  - … en nog {len(items) - LISTED_PER_KIND}")
    return lines
