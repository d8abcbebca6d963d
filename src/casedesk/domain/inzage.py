"""An access request (inzage, AVG art. 15) in words the entrepreneur reads: what each
stored table is called, what each column means, and how its value reads.

The store walks its own tables (``db/dossier_rows.py``); this module only names what it
finds. Every column of a dossier table is either labelled here or named technical (an
internal number, or a copy kept as a separate file); a column that is neither fails
``tests/services/test_inzage.py``, so a new column can never be left out silently.
"""

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from casedesk.domain.agreements import ActionOwner, AppointmentMode
from casedesk.domain.answers_json import answers_from_json_text
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import Outcome
from casedesk.domain.dutch import dutch_time, long_date
from casedesk.domain.intake import (
    NEED_ASKED,
    NEED_UNMET,
    Channel,
    Country,
    HelpRequest,
    LabelledEnum,
    Sector,
    UnmetNeed,
    field_label,
)
from casedesk.domain.plan_content import DocumentKind
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.retention import ResultType
from casedesk.domain.routes import Route

INZAGE_TITLE = "Uw gegevens bij het zelfstandigenloket"
EMPTY = "niet ingevuld"
ANSWERS_TABLE = "intake_answers"
ANSWERS_COLUMN = "answers_json"
PLAN_PDF_COLUMN = "pdf"

SECTIONS: dict[str, str] = {
    "entrepreneurs": "Uw persoonsgegevens",
    "businesses": "Uw onderneming",
    "cases": "Uw dossier",
    "intake_answers": "Wat u ons vertelde in het gesprek (intake)",
    "intake_parts": "Hoe vaak elk deel van het gesprek is veranderd",
    "advice_decisions": "Advies en besluit over de route",
    "case_instruments": "Gekozen hulp",
    "actions": "Wat we hebben afgesproken",
    "appointments": "Afspraken met uw klantmanager",
    "referrals": "Verwijzingen naar andere organisaties",
    "consents": "Uw toestemming om gegevens te delen",
    "referral_status_changes": "Hoe de verwijzingen verliepen",
    "follow_ups": "Momenten waarop we contact opnemen",
    "plan_versions": "Actieplannen en brieven",
    "case_reopenings": "Keren dat het dossier weer is geopend",
    "field_corrections": "Gegevens die zijn verbeterd",
    "case_needs": "Waar u hulp bij vroeg, en hulp die de regio niet heeft",
}
"""Each dossier table's section title, in the order the inzage shows them."""

TECHNICAL: dict[str, frozenset[str]] = {
    # The municipality of a person and a business repeats the dossier's (for the regional
    # server's row-level security); the dossier section shows it.
    "entrepreneurs": frozenset({"id", "municipality_code"}),
    "businesses": frozenset({"id", "entrepreneur_id", "municipality_code"}),
    "cases": frozenset({"entrepreneur_id", "business_id"}),
    "intake_answers": frozenset({"case_id", "schema_version"}),
    "intake_parts": frozenset({"case_id"}),
    "advice_decisions": frozenset({"id", "case_id"}),
    "case_instruments": frozenset({"id", "case_id", "instrument_id", "position"}),
    "actions": frozenset({"id", "case_id", "position"}),
    "appointments": frozenset({"id", "case_id"}),
    "referrals": frozenset({"case_id", "partner_id", "instrument_id"}),
    "consents": frozenset({"id", "case_id"}),
    "referral_status_changes": frozenset({"id"}),
    "follow_ups": frozenset({"id", "case_id"}),
    # The document itself is given as a file of its own; its source is what it shows.
    "plan_versions": frozenset({"case_id", "pdf", "sha256", "source_json"}),
    "case_reopenings": frozenset({"id", "case_id"}),
    "field_corrections": frozenset({"id", "case_id"}),
    "case_needs": frozenset({"case_id"}),
}
"""Columns only the software needs (internal numbers); the JSON export still holds them."""

_BY = "Vastgelegd door"

LABELS: dict[str, dict[str, str]] = {
    "entrepreneurs": {
        "voornamen": "Voornamen", "tussenvoegsel": "Tussenvoegsel", "achternaam": "Achternaam",
        "date_of_birth": "Geboortedatum", "phone": "Telefoonnummer", "email": "E-mailadres",
        "street_address": "Straat en huisnummer", "postcode": "Postcode",
        "place": "Woonplaats", "country": "Land", "bsn": "BSN-nummer",
        "created_at": "Vastgelegd op", "updated_at": "Laatst veranderd",
    },
    "businesses": {
        "trade_name": "Handelsnaam", "kvk_number": "KvK-nummer", "sector": "Sector",
        "legal_form": "Rechtsvorm", "start_date": "Gestart op",
        "staff_count": "Aantal mensen in dienst", "hours_per_week": "Uren per week",
        "created_at": "Vastgelegd op", "updated_at": "Laatst veranderd",
    },
    "cases": {
        "id": "Dossiernummer", "caseworker_id": "Klantmanager",
        "municipality_code": "Gemeente", "region_code": "Arbeidsmarktregio",
        "channel": "Hoe u bij het loket kwam", "registration_date": "Aangemeld op",
        "status": "Stand van het dossier", "primary_route": "Eerste route",
        "secondary_route": "Tweede route", "third_route": "Derde route",
        "urgent": "Met voorrang",
        "closing_outcome": "Uitkomst", "closed_on": "Afgesloten op",
        "retention_until": "Bewaard tot en met", "result_type": "Soort uitkomst (archief)",
        "created_at": "Dossier gemaakt op", "updated_at": "Laatst veranderd",
    },
    "intake_answers": {
        "answers_json": "Antwoorden", "updated_at": "Laatst opgeslagen",
    },
    "intake_parts": {"part": "Deel van het gesprek", "version": "Aantal keren veranderd"},
    "advice_decisions": {
        "suggested_primary_route": "Voorgestelde eerste route",
        "suggested_secondary_route": "Voorgestelde tweede route",
        "suggested_third_route": "Voorgestelde derde route",
        "urgent": "Met voorrang", "reasons_json": "Waarom dit advies",
        "accepted": "Advies gevolgd", "chosen_primary_route": "Gekozen eerste route",
        "chosen_secondary_route": "Gekozen tweede route",
        "chosen_third_route": "Gekozen derde route",
        "override_reason": "Reden voor een andere keuze", "decided_by": "Besloten door",
        "decided_at": "Besloten op",
    },
    "case_instruments": {
        "instrument_name": "Hulp", "reason": "Waarom", "chosen_by": "Gekozen door",
        "chosen_at": "Gekozen op",
    },
    "actions": {
        "description": "Wat", "owner": "Wie", "owner_detail": "Wie precies",
        "due_date": "Wanneer klaar", "done": "Gedaan", "created_at": "Vastgelegd op",
    },
    "appointments": {
        "starts_at": "Begint", "ends_at": "Eindigt", "mode": "Hoe", "location": "Waar",
        "note": "Opmerking", "created_at": "Vastgelegd op",
    },
    "referrals": {
        "id": "Verwijzing nummer", "partner_name": "Naar wie",
        "contact_person": "Contactpersoon", "request_text": "Wat we vroegen",
        "referred_on": "Verwezen op", "status": "Stand", "shares_data": "Gegevens gedeeld",
        "created_by": _BY, "created_at": "Vastgelegd op", "updated_at": "Laatst veranderd",
    },
    "consents": {
        "referral_id": "Bij verwijzing nummer", "given": "Toestemming gegeven",
        "data_shared": "Welke gegevens", "recipient": "Aan wie", "given_on": "Gegeven op",
        "method": "Hoe gegeven", "recorded_by": _BY, "recorded_at": "Vastgelegd op",
    },
    "referral_status_changes": {
        "referral_id": "Verwijzing nummer", "status": "Stand", "changed_on": "Op",
        "note": "Opmerking", "recorded_by": _BY, "recorded_at": "Vastgelegd op",
    },
    "follow_ups": {
        "referral_id": "Bij verwijzing nummer", "due_date": "Wanneer", "note": "Waarover",
        "done_at": "Gedaan op", "done_note": "Wat eruit kwam", "created_by": _BY,
        "created_at": "Vastgelegd op",
    },
    "plan_versions": {
        "id": "Versie", "kind": "Soort", "referral_id": "Bij verwijzing nummer",
        "created_at": "Gemaakt op", "caseworker_id": "Gemaakt door",
    },
    "case_reopenings": {
        "reason": "Waarom weer geopend", "previous_outcome": "Uitkomst daarvoor",
        "previous_closed_on": "Eerder afgesloten op", "reopened_by": "Geopend door",
        "reopened_at": "Geopend op",
    },
    "field_corrections": {
        "field": "Welk gegeven", "old_value": "Was", "new_value": "Is nu",
        "corrected_by": "Verbeterd door", "corrected_at": "Verbeterd op",
    },
    "case_needs": {"kind": "Soort", "code": "Welke hulp"},
}  # fmt: skip
"""Each shown column's Dutch label, per table."""

_CASEWORKER_COLUMNS = frozenset({
    "caseworker_id", "decided_by", "chosen_by", "created_by", "recorded_by", "reopened_by",
    "corrected_by",
})  # fmt: skip

_CODED: dict[tuple[str, str], type[Enum]] = {
    ("entrepreneurs", "country"): Country,
    ("businesses", "sector"): Sector,
    ("cases", "status"): CaseStatus,
    ("cases", "channel"): Channel,
    ("cases", "closing_outcome"): Outcome,
    ("cases", "result_type"): ResultType,
    ("case_reopenings", "previous_outcome"): Outcome,
    ("actions", "owner"): ActionOwner,
    ("appointments", "mode"): AppointmentMode,
    ("referrals", "status"): ReferralStatus,
    ("referral_status_changes", "status"): ReferralStatus,
    ("plan_versions", "kind"): DocumentKind,
}
"""Columns that store a code, shown by the code's Dutch label."""

_NEEDS: dict[str, tuple[str, type[LabelledEnum]]] = {
    NEED_ASKED: ("Waar u hulp bij vroeg", HelpRequest),
    NEED_UNMET: ("Hulp die de regio niet heeft", UnmetNeed),
}
"""A ``case_needs`` row's kind: how it reads, and the codes its ``code`` is one of."""

_MUNICIPALITY_ANSWER = "entrepreneur.municipality_code"


@dataclass(frozen=True)
class InzageNames:
    """The names that stored numbers and codes stand for, as the entrepreneur reads them."""

    caseworkers: Mapping[int, str] = field(default_factory=dict)
    municipalities: Mapping[str, str] = field(default_factory=dict)
    """CBS code -> name (former municipalities too: an old dossier keeps its code)."""
    regions: Mapping[str, str] = field(default_factory=dict)
    """Labour-market region code -> name."""


def is_caseworker_column(table: str, column: str) -> bool:
    """Whether the column holds a caseworker's id (shown by their name)."""
    return column in _CASEWORKER_COLUMNS


def readable_value(
    table: str,
    column: str,
    value: Any,
    names: InzageNames,
    row: Mapping[str, Any] | None = None,
) -> str:
    """A stored value as the inzage prints it; an unknown code is printed as stored.

    ``row`` is the whole stored row, for a value whose meaning depends on another column
    (a need's code on its kind).
    """
    if value is None or value == "":
        return EMPTY
    if column in _CASEWORKER_COLUMNS and isinstance(value, int):
        return names.caseworkers.get(value, f"medewerker {value}")
    if table == "cases" and column == "municipality_code":
        return names.municipalities.get(str(value), str(value))
    if table == "cases" and column == "region_code":
        return names.regions.get(str(value), str(value))
    if table == "case_needs":
        return _need_text(column, value, row or {})
    coded = _CODED.get((table, column))
    if coded is not None:
        return _code_label(coded, value)
    if column == "reasons_json" and isinstance(value, str):
        return _reasons(value)
    if (table, column) in (("field_corrections", "field"), ("intake_parts", "part")):
        return field_label(str(value))
    if table == "field_corrections" and isinstance(value, str):
        return _answer_text(value)
    return plain_value(value)


def plain_value(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Route):
        return value.label
    if isinstance(value, LabelledEnum | CaseStatus):
        return value.label
    if isinstance(value, datetime):
        local = dutch_time(value)
        return f"{long_date(local.date())} om {local:%H:%M}"
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, set | frozenset | list | tuple):
        items = sorted(plain_value(item) for item in value)
        return ", ".join(items) if items else EMPTY
    return str(value)


def _answer_text(json_text: str) -> str:
    """A corrected answer as stored (JSON): a code list or date reads as text."""
    try:
        value = json.loads(json_text)
    except ValueError:
        return json_text
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or EMPTY
    return plain_value(value)


def _code_label(kind: type[Enum], value: Any) -> str:
    try:
        member = kind(value)
    except ValueError:
        return str(value)
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else str(value)


def _need_text(column: str, value: Any, row: Mapping[str, Any]) -> str:
    kind = _NEEDS.get(str(row.get("kind", value)))
    if kind is None:
        return str(value)
    label, codes = kind
    return label if column == "kind" else _code_label(codes, value)


def _reasons(text: str) -> str:
    try:
        reasons = json.loads(text)
    except ValueError:
        return text
    if not isinstance(reasons, list):
        return text
    lines = [str(item.get("text", "")) for item in reasons if isinstance(item, dict)]
    return "\n".join(line for line in lines if line) or EMPTY


def answer_lines(answers_json: str, names: InzageNames) -> list[tuple[str, str]]:
    """Every intake answer as (Dutch label, readable value), in the intake's order."""
    answers = answers_from_json_text(answers_json)
    return list(_walk(answers, "", names))


def _walk(value: Any, path: str, names: InzageNames) -> Iterator[tuple[str, str]]:
    if is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            inner = f"{path}.{item.name}" if path else item.name
            yield from _walk(getattr(value, item.name), inner, names)
        return
    if path == _MUNICIPALITY_ANSWER and value:
        yield field_label(path), names.municipalities.get(str(value), str(value))
        return
    yield field_label(path), plain_value(value)


def to_json_value(value: Any) -> Any:
    """A stored value in the JSON export: dates as ISO text, codes as stored."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        raise TypeError("documents are exported as files of their own")
    return value


