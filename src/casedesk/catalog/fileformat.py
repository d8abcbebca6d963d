"""The catalog file: versioned JSON, read with every problem reported, written stably.

Reading goes in four steps, and only the last one builds anything:

1. decode the JSON (a syntax error stops here, with its line and column);
2. check ``format`` and ``format_version`` (a newer file asks to update casedesk);
3. check the shape against the shipped JSON Schema and run the checks the schema cannot
   express (``checks.py``), collecting every problem, each mapped back to its line;
4. build the ``Catalog``.

Writing sorts every set and keeps the order of the entries, so ``parse(dump(c)) == c`` and
two dumps of the same catalog are byte for byte the same. The format is described for
coordinators in ``docs/catalog-format.md``.
"""

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from casedesk import clock
from casedesk.catalog.jsonpos import JsonPath, JsonPositions, format_path
from casedesk.catalog.problems import CatalogError, Problem
from casedesk.catalog.textfile import read_chosen_text_file
from casedesk.domain.catalog import (
    Availability,
    Catalog,
    Condition,
    Contact,
    CostKind,
    Form,
    Instrument,
    InstrumentId,
    Partner,
    PartnerId,
    PartnerType,
    Service,
    Topic,
)
from casedesk.domain.json_text import JsonTextError, decode_json
from casedesk.domain.regions import MunicipalityCode, RegionCode, RegionTable
from casedesk.domain.routes import Route

FORMAT_NAME = "casedesk-catalog"
FORMAT_VERSION = 3
"""The newest file format this casedesk reads and the one it writes.

Version 3 adds who issued the file (``author``) and a partner's postal ``address``; both
are optional, so a version 1 or 2 file reads as before (no author, no address).

Version 2 keeps what the entrepreneur reads (``description``, ``cost.note``) apart from
notes for the caseworker (``caseworker_note``), which are never printed. A version 1
file is upgraded on read: its cost-note sentences written for municipalities or about the
guide move to the caseworker note (:func:`split_v1_cost_note`)."""

_FOR_CASEWORKERS = re.compile(
    r"\bleidraad\b|\bgemeenten\b|\bkostprijs\b|\binkopen\b|\b20\d\d\b", re.IGNORECASE
)
"""Words of a version 1 cost-note sentence that was written for the caseworker."""
MAX_FILE_BYTES = 5_000_000
"""A real catalog is well under 1 MB; a far bigger file is the wrong file. Checking a 5 MB
catalog (6,000 instruments) takes about 10 s on a 2-core machine, 20 MB would take a minute."""

def load_catalog(
    path: Path, regions: RegionTable | None = None, today: date | None = None
) -> Catalog:
    """Read and check a catalog file; raises CatalogError (Dutch) naming every problem."""
    text = read_chosen_text_file(
        path, MAX_FILE_BYTES, lambda problem: CatalogError(path.name, [problem])
    )
    return parse_catalog(text, path.name, regions, today)


def parse_catalog(
    text: str,
    source_name: str,
    regions: RegionTable | None = None,
    today: date | None = None,
) -> Catalog:
    """Check and build a catalog from its JSON text.

    ``regions`` is the table region and municipality codes must exist in (default: the
    packaged CBS table); ``today`` is the latest allowed date (default: today's date).
    """
    # Imported here: building a checked catalog (the shipped one) needs none of them.
    from casedesk.catalog.checks import semantic_findings
    from casedesk.catalog.jsonpos import locate_json_values
    from casedesk.catalog.regions import load_default_region_table
    from casedesk.catalog.schema import schema_findings

    if not text.strip():
        problem = Problem(
            1, None, "bestand", "het bestand is leeg. Kies het catalogusbestand zelf."
        )
        raise CatalogError(source_name, [problem])
    try:
        data: Any = decode_json(text, non_finite_numbers=True)  # the schema names the field
        positions = locate_json_values(text)
    except JsonTextError as error:
        problem = Problem(error.line, error.column, "JSON-opmaak", error.reason)
        raise CatalogError(source_name, [problem]) from None
    except RecursionError:
        reason = "de blokken zijn te diep in elkaar genest. Dit is geen catalogus."
        raise CatalogError(source_name, [Problem(None, None, "JSON-opmaak", reason)]) from None
    _refuse_other_formats(data, source_name, positions)

    findings = list(schema_findings(data))
    findings += semantic_findings(
        data, regions or load_default_region_table(), today or clock.today()
    )
    findings += [
        (
            path,
            "dit veld staat twee keer in hetzelfde blok; alleen de laatste telt. "
            "Laat er één staan.",
        )
        for path in positions.duplicate_keys
    ]
    if findings:
        raise CatalogError(source_name, _problems(findings, data, positions))
    return catalog_from_data(data)


def dump_catalog(catalog: Catalog) -> str:
    """The catalog as file text: UTF-8 JSON, 2-space indent, fixed key order, sorted sets."""
    return json.dumps(catalog_to_data(catalog), ensure_ascii=False, indent=2) + "\n"


# --- reading -----------------------------------------------------------------------------


def _refuse_other_formats(data: Any, source_name: str, positions: JsonPositions) -> None:
    def at(path: JsonPath, reason: str) -> Problem:
        place = positions.position_of(path)
        return Problem(place.line, place.column, format_path(path), reason)

    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        reason = (
            f"dit is geen casedesk-catalogus: het veld “format” moet “{FORMAT_NAME}” zijn. "
            "Kies het catalogusbestand dat de regio heeft verspreid."
        )
        raise CatalogError(source_name, [at(("format",), reason)])
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        reason = (
            f"dit bestand heeft formaatversie {version}; deze versie van casedesk kan tot en "
            f"met formaatversie {FORMAT_VERSION} lezen."
        )
        raise CatalogError(
            source_name,
            [at(("format_version",), reason)],
            outro=(
                "Werk casedesk bij naar de nieuwste versie en lees het bestand daarna opnieuw in."
            ),
        )


def _problems(
    findings: Iterable[tuple[JsonPath, str]], data: Any, positions: JsonPositions
) -> list[Problem]:
    problems = []
    for path, reason in findings:
        place = positions.position_of(path)
        field = format_path(path) + _entry_label(data, path)
        problems.append(Problem(place.line, place.column, field, reason))
    return problems


def _entry_label(data: Any, path: JsonPath) -> str:
    """` (“Over Rood”)` after a path inside an entry, so the coordinator knows which one."""
    if len(path) < 2 or path[0] not in ("instruments", "partners") or not isinstance(path[1], int):
        return ""
    try:
        entry = data[path[0]][path[1]]
    except (KeyError, IndexError, TypeError):
        return ""
    if not isinstance(entry, dict):
        return ""
    label = entry.get("name") or entry.get("id")
    return f" (“{label}”)" if isinstance(label, str) and label else ""


# --- data <-> catalog --------------------------------------------------------------------


def catalog_from_data(data: dict[str, Any]) -> Catalog:
    """Build a Catalog from decoded JSON that passed all checks."""
    region = data.get("region")
    return Catalog(
        version=data["version"],
        title=data["title"],
        issued=date.fromisoformat(data["issued"]),
        instruments=tuple(
            _instrument(entry, data["format_version"]) for entry in data["instruments"]
        ),
        partners=tuple(_partner(entry) for entry in data["partners"]),
        route_leads={
            Route(int(key)): PartnerType(value) for key, value in data["route_leads"].items()
        },
        region=RegionCode(region) if region is not None else None,
        author=data.get("author", ""),
    )


def split_v1_cost_note(note: str) -> tuple[str, str]:
    """A version 1 cost note as (for the entrepreneur, for the caseworker)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", note.strip()) if s]
    caseworker = [s for s in sentences if _FOR_CASEWORKERS.search(s)]
    entrepreneur = [s for s in sentences if s not in caseworker]
    return " ".join(entrepreneur), " ".join(caseworker)


def _instrument(entry: dict[str, Any], format_version: int) -> Instrument:
    cost = entry["cost"]
    cost_note, caseworker_note = cost.get("note", ""), entry.get("caseworker_note", "")
    if format_version == 1:
        cost_note, caseworker_note = split_v1_cost_note(cost_note)
    return Instrument(
        id=InstrumentId(entry["id"]),
        name=entry["name"],
        provider=entry["provider"],
        description=entry["description"],
        services=frozenset(Service(value) for value in entry["services"]),
        topics=frozenset(Topic(value) for value in entry["topics"]),
        availability=_availability(entry["availability"]),
        cost=CostKind(cost["kind"]),
        cost_note=cost_note,
        forms=frozenset(Form(value) for value in entry["forms"]),
        contact=_contact(entry["contact"]),
        source=entry["source"],
        last_checked=date.fromisoformat(entry["last_checked"]),
        conditions=frozenset(Condition(value) for value in entry.get("conditions", [])),
        active=entry.get("active", True),
        caseworker_note=caseworker_note,
    )


def _partner(entry: dict[str, Any]) -> Partner:
    return Partner(
        id=PartnerId(entry["id"]),
        name=entry["name"],
        partner_type=PartnerType(entry["type"]),
        description=entry["description"],
        leads_routes=frozenset(Route(value) for value in entry["leads_routes"]),
        availability=_availability(entry["availability"]),
        contact=_contact(entry["contact"]),
        source=entry["source"],
        last_checked=date.fromisoformat(entry["last_checked"]),
        active=entry.get("active", True),
        caseworker_note=entry.get("caseworker_note", ""),
        address=entry.get("address", ""),
    )


def _availability(data: dict[str, Any]) -> Availability:
    return Availability(
        national=data["national"],
        regions=frozenset(RegionCode(code) for code in data.get("regions", [])),
        municipalities=frozenset(MunicipalityCode(code) for code in data.get("municipalities", [])),
    )


def _contact(data: dict[str, Any]) -> Contact:
    return Contact(website=data.get("website"), phone=data.get("phone"), email=data.get("email"))


def catalog_to_data(catalog: Catalog) -> dict[str, Any]:
    """The JSON data of a catalog; keys in a fixed, readable order, sets sorted."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "version": catalog.version,
        "title": catalog.title,
        "issued": catalog.issued.isoformat(),
        "region": catalog.region,
        "author": catalog.author,
        "route_leads": {
            str(route.value): catalog.route_leads[route].value
            for route in sorted(catalog.route_leads)
        },
        "instruments": [_instrument_data(instrument) for instrument in catalog.instruments],
        "partners": [_partner_data(partner) for partner in catalog.partners],
    }


def _instrument_data(instrument: Instrument) -> dict[str, Any]:
    return {
        "id": instrument.id,
        "name": instrument.name,
        "provider": instrument.provider,
        "active": instrument.active,
        "description": instrument.description,
        "services": sorted(service.value for service in instrument.services),
        "topics": sorted(topic.value for topic in instrument.topics),
        "conditions": sorted(condition.value for condition in instrument.conditions),
        "availability": _availability_data(instrument.availability),
        "cost": {"kind": instrument.cost.value, "note": instrument.cost_note},
        "caseworker_note": instrument.caseworker_note,
        "forms": sorted(form.value for form in instrument.forms),
        "contact": _contact_data(instrument.contact),
        "source": instrument.source,
        "last_checked": instrument.last_checked.isoformat(),
    }


def _partner_data(partner: Partner) -> dict[str, Any]:
    return {
        "id": partner.id,
        "name": partner.name,
        "type": partner.partner_type.value,
        "active": partner.active,
        "description": partner.description,
        "caseworker_note": partner.caseworker_note,
        "leads_routes": sorted(route.value for route in partner.leads_routes),
        "availability": _availability_data(partner.availability),
        "contact": _contact_data(partner.contact),
        "address": partner.address,
        "source": partner.source,
        "last_checked": partner.last_checked.isoformat(),
    }


def _availability_data(availability: Availability) -> dict[str, Any]:
    return {
        "national": availability.national,
        "regions": sorted(availability.regions),
        "municipalities": sorted(availability.municipalities),
    }


def _contact_data(contact: Contact) -> dict[str, str | None]:
    return {"website": contact.website, "phone": contact.phone, "email": contact.email}
