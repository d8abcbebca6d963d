"""Municipalities and labour-market regions (arbeidsmarktregio's), as plain data.

Loading the CBS table and the alias table for the guide's spellings lives in
``casedesk.catalog.regions``; this module only holds the shapes and look-ups.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NewType

MunicipalityCode = NewType("MunicipalityCode", str)
"""CBS code, e.g. ``GM0363`` (Amsterdam)."""
RegionCode = NewType("RegionCode", str)
"""CBS labour-market region code, e.g. ``AM18`` (Groot Amsterdam)."""


@dataclass(frozen=True, slots=True)
class Municipality:
    code: MunicipalityCode
    name: str
    region_code: RegionCode
    province: str
    last_year: int
    """The last year the municipality existed (the table's current year if it still does)."""


@dataclass(frozen=True, slots=True)
class LabourMarketRegion:
    code: RegionCode
    name: str


@dataclass(frozen=True, slots=True)
class Locality:
    """Where an entrepreneur is helped: decides which regional offers apply.

    An entrepreneur living across the border is helped by a Dutch counter; their locality is
    then that counter's municipality and region.
    """

    municipality_code: MunicipalityCode | None
    region_code: RegionCode | None


@dataclass(frozen=True)
class RegionTable:
    municipalities: tuple[Municipality, ...]
    regions: tuple[LabourMarketRegion, ...]
    current_year: int
    _by_code: dict[MunicipalityCode, Municipality] = field(init=False, repr=False)
    _regions_by_code: dict[RegionCode, LabourMarketRegion] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {m.code: m for m in self.municipalities})
        object.__setattr__(self, "_regions_by_code", {r.code: r for r in self.regions})

    def municipality(self, code: MunicipalityCode) -> Municipality | None:
        return self._by_code.get(code)

    def region(self, code: RegionCode) -> LabourMarketRegion | None:
        return self._regions_by_code.get(code)

    def current_municipalities(self) -> list[Municipality]:
        """The municipalities that exist in the table's current year, by name."""
        current = (m for m in self.municipalities if m.last_year == self.current_year)
        return sorted(current, key=lambda m: m.name)

    def locality_of(self, code: MunicipalityCode) -> Locality:
        found = self._by_code.get(code)
        return Locality(code, found.region_code if found else None)

    def municipalities_in(self, region: RegionCode) -> Iterable[Municipality]:
        return (m for m in self.municipalities if m.region_code == region)
