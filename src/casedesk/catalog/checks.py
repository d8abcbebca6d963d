"""Checks of a catalog file that its JSON Schema cannot express.

They run on the decoded JSON even when the schema already found problems, so the
coordinator sees everything at once; hence every check first looks whether the value has
the shape it expects and quietly skips it otherwise (the schema reports that).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from casedesk.catalog.jsonpos import JsonPath, format_path
from casedesk.catalog.regions import MUNICIPALITY_CODE, REGION_CODE
from casedesk.domain.regions import MunicipalityCode, RegionCode, RegionTable
from casedesk.domain.validation import is_valid_phone

Finding = tuple[JsonPath, str]


def semantic_findings(data: object, regions: RegionTable, today: date) -> Iterator[Finding]:
    if not isinstance(data, dict):
        return
    yield from _date_findings(("issued",), data.get("issued"), today)
    region = data.get("region")
    if isinstance(region, str) and REGION_CODE.fullmatch(region):
        yield from _region_findings(("region",), region, regions)
    first_use: dict[str, JsonPath] = {}
    for list_name in ("instruments", "partners"):
        entries = data.get(list_name)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if isinstance(entry, dict):
                yield from _entry_findings((list_name, index), entry, regions, today, first_use)


def _entry_findings(
    path: JsonPath,
    entry: dict[str, Any],
    regions: RegionTable,
    today: date,
    first_use: dict[str, JsonPath],
) -> Iterator[Finding]:
    entry_id = entry.get("id")
    if isinstance(entry_id, str):
        if entry_id in first_use:
            yield (
                (*path, "id"),
                f"het id “{entry_id}” wordt al gebruikt bij {format_path(first_use[entry_id])}. "
                "Elk instrument en elke partner heeft een eigen id.",
            )
        else:
            first_use[entry_id] = path
    yield from _date_findings((*path, "last_checked"), entry.get("last_checked"), today)
    availability = entry.get("availability")
    if isinstance(availability, dict):
        active = entry.get("active", True) is not False
        yield from _availability_findings((*path, "availability"), availability, regions, active)
    contact = entry.get("contact")
    if isinstance(contact, dict):
        yield from _contact_findings((*path, "contact"), contact)


def _date_findings(path: JsonPath, value: object, today: date) -> Iterator[Finding]:
    if not isinstance(value, str) or len(value) != 10:
        return  # missing or badly written: the schema reports it
    try:
        day = date.fromisoformat(value)
    except ValueError:
        yield (
            path,
            f"“{value}” is geen bestaande datum. Schrijf JJJJ-MM-DD, bijvoorbeeld 2021-10-01.",
        )
        return
    if day > today:
        yield (
            path,
            (
                f"de datum {value} ligt in de toekomst. Vul de datum in waarop de gegevens echt "
                "zijn gecontroleerd of uitgegeven."
            ),
        )


def _availability_findings(
    path: JsonPath, availability: dict[str, Any], regions: RegionTable, active: bool
) -> Iterator[Finding]:
    """Codes must exist; an active offer must be available somewhere.

    An inactive entry (a template a region can adopt) may be available nowhere yet: the
    region fills in where when it adopts it, and this check then asks for it.
    """
    region_codes = availability.get("regions", [])
    municipality_codes = availability.get("municipalities", [])
    if not isinstance(region_codes, list) or not isinstance(municipality_codes, list):
        return
    national = availability.get("national")
    if national is True and (region_codes or municipality_codes):
        yield (
            (*path, "national"),
            (
                "het aanbod is landelijk (national: true) maar er staan ook regio's of gemeenten "
                "bij. Zet national op false, of maak de lijsten leeg."
            ),
        )
    if active and national is False and not region_codes and not municipality_codes:
        yield (
            (*path, "national"),
            (
                "het aanbod is niet landelijk (national: false), maar er staan geen regio's of "
                "gemeenten bij. Vul regions of municipalities in, of zet national op true. "
                "Is het een voorbeeld dat nog niet wordt aangeboden? Zet dan active op false."
            ),
        )
    for index, code in enumerate(region_codes):
        if isinstance(code, str) and REGION_CODE.fullmatch(code):
            yield from _region_findings((*path, "regions", index), code, regions)
    for index, code in enumerate(municipality_codes):
        if (
            isinstance(code, str)
            and MUNICIPALITY_CODE.fullmatch(code)
            and regions.municipality(MunicipalityCode(code)) is None
        ):
            yield (
                (*path, "municipalities", index),
                (
                    f"gemeentecode {code} bestaat niet in de gemeentetabel van "
                    f"{regions.current_year}. Controleer de code bij het CBS."
                ),
            )


def _region_findings(path: JsonPath, code: str, regions: RegionTable) -> Iterator[Finding]:
    if regions.region(RegionCode(code)) is None:
        yield (
            path,
            (
                f"arbeidsmarktregio {code} bestaat niet in de gemeentetabel van "
                f"{regions.current_year}. Controleer de code bij het CBS."
            ),
        )


def _contact_findings(path: JsonPath, contact: dict[str, Any]) -> Iterator[Finding]:
    website, phone, email = contact.get("website"), contact.get("phone"), contact.get("email")
    if isinstance(website, str) and not is_web_address(website):
        yield (
            (*path, "website"),
            (
                f"“{website}” is geen volledig webadres. Begin met https:// (of http://), "
                "bijvoorbeeld https://www.ondernemersklankbord.nl/."
            ),
        )
    if isinstance(phone, str) and not is_valid_phone(phone):
        yield (
            (*path, "phone"),
            (
                f"“{phone}” is geen geldig telefoonnummer. Schrijf het nummer zoals u het in "
                "Nederland belt, bijvoorbeeld 088 999 0000, of met landnummer (+32 …)."
            ),
        )
    if isinstance(email, str):
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            yield (
                (*path, "email"),
                (
                    f"“{email}” is geen geldig e-mailadres. Schrijf het adres zoals "
                    "info@voorbeeld.nl, zonder spaties."
                ),
            )


def is_web_address(text: str) -> bool:
    if any(char.isspace() for char in text):
        return False
    parts = urlsplit(text)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not host.startswith(".")

