"""The CBS table of municipalities and arbeidsmarktregio's, and the guide's region names.

The packaged table (``resources/regions/gemeenten-arbeidsmarktregios.csv``, see its
``SOURCE.md``) holds the current municipalities and the ones that merged since 2020, each
with the last year it existed; a coordinator can import a newer CBS table with the same
columns. Region names from other sources (the 2021 guide writes "Food Valley", CBS
"FoodValley") resolve only through the CBS names themselves and the explicit alias table
``resources/catalog/region-aliases.json``: a wrong guess would offer an entrepreneur help
that does not exist in their region, so nothing is matched fuzzily.
"""

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from casedesk.catalog.problems import Problem, RegionTableError
from casedesk.catalog.textfile import read_chosen_text_file
from casedesk.domain.folding import fold
from casedesk.domain.regions import (
    LabourMarketRegion,
    Municipality,
    MunicipalityCode,
    RegionCode,
    RegionTable,
)
from casedesk.errors import KnownError
from casedesk.resources import resource_path

DEFAULT_TABLE_FILE = ("regions", "gemeenten-arbeidsmarktregios.csv")
ALIASES_FILE = ("catalog", "region-aliases.json")

REQUIRED_COLUMNS = ("name", "code", "year", "region_code", "region", "province")
"""The columns casedesk reads; CBS's COROP columns may be present and are ignored."""

MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")
YEAR = re.compile(r"(19|20)[0-9]{2}")
REGION_CODE = re.compile(r"AM[0-9]{2}")
MAX_TABLE_BYTES = 5_000_000


@cache
def load_default_region_table() -> RegionTable:
    """The table shipped with casedesk (read once per process)."""
    path = resource_path(*DEFAULT_TABLE_FILE)
    return parse_region_table(path.read_text(encoding="utf-8"), path.name)


def load_region_table(path: Path) -> RegionTable:
    """Read a (newer) CBS table chosen by a coordinator; a bad file raises RegionTableError."""
    return read_region_table(path)[1]


def read_region_table(path: Path) -> tuple[str, RegionTable]:
    """The file's text (to keep) and the table it holds; a bad file raises RegionTableError."""
    text = read_chosen_text_file(
        path, MAX_TABLE_BYTES, lambda problem: RegionTableError(path.name, [problem])
    )
    return text, parse_region_table(text, path.name)


def parse_region_table(text: str, source_name: str) -> RegionTable:
    """Parse the CSV text of a region table; every problem is reported with its line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = list(reader.fieldnames or [])
    except csv.Error as error:
        raise RegionTableError(
            source_name, [Problem(1, None, "kopregel", csv_error_reason(error))]
        ) from None
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        reason = (
            f"deze kolommen ontbreken: {', '.join(missing)}. "
            f"Gevonden: {', '.join(shown_cell(column) for column in header) or 'geen'}."
        )
        raise RegionTableError(source_name, [Problem(1, None, "kopregel", reason)])

    problems: list[Problem] = []
    rows: list[_Row] = []
    first_line_of_code: dict[str, int] = {}
    try:
        for raw_row in reader:
            row = _read_row(raw_row, reader.line_num, problems)
            if row is None:
                continue
            code = row.municipality.code
            if code in first_line_of_code:
                reason = f"gemeentecode {code} staat ook al op regel {first_line_of_code[code]}."
                problems.append(Problem(reader.line_num, None, "kolom code", reason))
                continue
            first_line_of_code[code] = reader.line_num
            rows.append(row)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, None, "bestand", csv_error_reason(error)))
    problems += _region_name_conflicts(rows)
    if not rows and not problems:
        problems.append(Problem(None, None, "bestand", "de tabel bevat geen gemeenten."))
    if problems:
        raise RegionTableError(source_name, problems)
    return _build_table(rows)


_CSV_REASONS = {
    "field larger than field limit": (
        "een cel is veel te lang (meer dan 131.072 tekens). Staat er ergens een "
        "aanhalingsteken dat niet wordt gesloten?"
    ),
    "unexpected end of data": (
        "het bestand houdt midden in een cel op: een aanhalingsteken wordt niet gesloten."
    ),
    "new-line character seen in unquoted field": (
        "er staat een regeleinde midden in een cel. Zet cellen met een regeleinde tussen "
        "aanhalingstekens, of sla het bestand opnieuw op als CSV."
    ),
    "line contains nul": "het bestand bevat een nulteken. Sla het opnieuw op als CSV.",
}


def csv_error_reason(error: csv.Error) -> str:
    """Dutch for a ``csv.Error`` (its own text is English)."""
    message = str(error).lower()
    for english, dutch in _CSV_REASONS.items():
        if english in message:
            return dutch
    if "expected after" in message:
        return "na een aanhalingsteken dat een cel sluit, hoort een komma of een regeleinde."
    return "de CSV-opmaak is beschadigd. Sla het bestand opnieuw op als CSV (UTF-8)."


SHOWN_CELL_CHARACTERS = 40


def shown_cell(value: str) -> str:
    """A cell as a message quotes it: short, and without control characters."""
    visible = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in value)
    if len(visible) > SHOWN_CELL_CHARACTERS:
        return visible[:SHOWN_CELL_CHARACTERS] + "…"
    return visible


def _has_control_character(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in value)


@dataclass(frozen=True, slots=True)
class _Row:
    municipality: Municipality
    region_name: str
    line: int


def _region_name_conflicts(rows: list[_Row]) -> list[Problem]:
    """Within one year a region code has one name; two names mean a shifted column."""
    first: dict[tuple[int, str], _Row] = {}
    problems = []
    for row in rows:
        key = (row.municipality.last_year, row.municipality.region_code)
        earlier = first.setdefault(key, row)
        if earlier.region_name != row.region_name:
            reason = (
                f"regio {key[1]} heet hier “{row.region_name}”, maar op regel {earlier.line} "
                f"“{earlier.region_name}”. Eén code hoort in één jaar bij één naam."
            )
            problems.append(Problem(row.line, None, "kolom region", reason))
    return problems


def _read_row(raw: dict[str, str], line: int, problems: list[Problem]) -> _Row | None:
    # DictReader puts surplus cells under the key None, despite its declared type.
    if None in raw:
        problems.append(
            Problem(line, None, "regel", "deze regel heeft meer kolommen dan de kopregel.")
        )
        return None
    values = {column: (raw.get(column) or "").strip() for column in REQUIRED_COLUMNS}
    found = len(problems)
    for column in ("name", "region", "province"):
        if not values[column]:
            problems.append(Problem(line, None, f"kolom {column}", "deze kolom is leeg."))
        elif _has_control_character(values[column]):
            reason = "deze kolom bevat een stuurteken (zoals een nulteken). Haal het weg."
            problems.append(Problem(line, None, f"kolom {column}", reason))
    if not MUNICIPALITY_CODE.fullmatch(values["code"]):
        reason = (
            f"“{shown_cell(values['code'])}” is geen CBS-gemeentecode (GM en vier cijfers, "
            "zoals GM0363)."
        )
        problems.append(Problem(line, None, "kolom code", reason))
    if not REGION_CODE.fullmatch(values["region_code"]):
        reason = (
            f"“{shown_cell(values['region_code'])}” is geen code van een arbeidsmarktregio "
            "(AM en twee cijfers, zoals AM18)."
        )
        problems.append(Problem(line, None, "kolom region_code", reason))
    if not YEAR.fullmatch(values["year"]):
        reason = f"“{shown_cell(values['year'])}” is geen jaartal (zoals 2026)."
        problems.append(Problem(line, None, "kolom year", reason))
    if len(problems) > found:
        return None
    municipality = Municipality(
        code=MunicipalityCode(values["code"]),
        name=values["name"],
        region_code=RegionCode(values["region_code"]),
        province=values["province"],
        last_year=int(values["year"]),
    )
    return _Row(municipality, values["region"], line)


def _build_table(rows: list[_Row]) -> RegionTable:
    current_year = max(row.municipality.last_year for row in rows)
    # A region's name comes from its most recent rows: CBS renames regions now and then.
    names: dict[RegionCode, tuple[int, str]] = {}
    for row in rows:
        code = row.municipality.region_code
        known = names.get(code)
        if known is None or row.municipality.last_year > known[0]:
            names[code] = (row.municipality.last_year, row.region_name)
    return RegionTable(
        municipalities=tuple(sorted((row.municipality for row in rows), key=lambda m: m.code)),
        regions=tuple(LabourMarketRegion(code, name) for code, (_, name) in sorted(names.items())),
        current_year=current_year,
    )


def current_regions(table: RegionTable) -> list[LabourMarketRegion]:
    """The regions that still have a municipality in the table's current year."""
    in_use = {m.region_code for m in table.municipalities if m.last_year == table.current_year}
    return [region for region in table.regions if region.code in in_use]


# --- names -------------------------------------------------------------------------------


def normalized_name(text: str) -> str:
    """Compare names as people type them: case, accents, hyphens and spacing do not count.

    "Súdwest-Fryslân", "sudwest fryslan" and "SUDWEST-FRYSLAN" are the same name; this is
    not fuzzy matching, a letter more or less still makes another name.
    """
    plain = fold(text).replace("-", " ").replace("/", " / ")
    return " ".join(plain.split())


@cache
def region_aliases() -> dict[str, RegionCode]:
    """The explicit alias table: another spelling → CBS region code."""
    data = json.loads(resource_path(*ALIASES_FILE).read_text(encoding="utf-8"))
    if data.get("format") != "casedesk-region-aliases" or data.get("format_version") != 1:
        raise ValueError("region-aliases.json has an unknown format")
    aliases: dict[str, RegionCode] = {}
    for name, code in data["aliases"].items():
        if not isinstance(code, str) or not REGION_CODE.fullmatch(code):
            raise ValueError(f"region-aliases.json: bad code {code!r} for {name!r}")
        aliases[normalized_name(name)] = RegionCode(code)
    return aliases


def region_code_for_name(name: str, table: RegionTable | None = None) -> RegionCode:
    """The CBS code of a region named by its code, its CBS name or a listed alias.

    Raises KnownError (Dutch) for any other name, with the names that are known.
    """
    table = table or load_default_region_table()
    as_code = name.strip().upper()
    if REGION_CODE.fullmatch(as_code) and table.region(RegionCode(as_code)) is not None:
        return RegionCode(as_code)
    wanted = normalized_name(name)
    for region in table.regions:
        if normalized_name(region.name) == wanted:
            return region.code
    code = region_aliases().get(wanted)
    if code is not None and table.region(code) is not None:
        return code
    known = ", ".join(
        f"{region.name} ({region.code})"
        for region in sorted(current_regions(table), key=lambda region: region.name)
    )
    raise KnownError(
        f"De arbeidsmarktregio “{name}” is onbekend. Gebruik de naam zoals het CBS die schrijft "
        f"of de code (AM en twee cijfers). Bekende regio's: {known}."
    )


def find_municipality(table: RegionTable, text: str) -> Municipality | None:
    """The municipality whose name or CBS code ``text`` is, or None.

    Case, accents, hyphens and spacing do not count (see ``normalized_name``), other
    letters do: "Den Bosch" is not "'s-Hertogenbosch". When a merged municipality shares
    its name with a current one, the current one wins.
    """
    wanted = text.strip().upper()
    if MUNICIPALITY_CODE.fullmatch(wanted):
        return table.municipality(MunicipalityCode(wanted))
    name = normalized_name(text)
    matches = [m for m in table.municipalities if normalized_name(m.name) == name]
    if not matches:
        return None
    return max(matches, key=lambda m: m.last_year)
