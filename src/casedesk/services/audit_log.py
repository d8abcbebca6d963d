"""A dossier's audit events in readable Dutch, for the log in the dossier view.

Events hold ids, codes and field paths only (``db/audit.py``), so the lines name fields by
their Dutch labels and never show a personal value. Autosave writes an event per save;
consecutive saves by the same caseworker, without a long pause, read as one line naming every
field they changed.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from casedesk.db.audit import AuditDetail, AuditEntry, case_events, newest_case_events
from casedesk.db.intake_repo import caseworker_names
from casedesk.domain.case import CaseStatus
from casedesk.domain.dossier import LogLine
from casedesk.domain.dutch import join_dutch
from casedesk.domain.intake import field_label
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.routes import Route

SYSTEM = "Systeem"
"""Who did it, when no caseworker did (migrations, demo data)."""

ANSWERS_SAVED = "intake.saved"
ANSWERS_CONFLICT = "intake.conflict"
"""A save met answers a colleague had changed too (``details.fields``: which ones)."""
PART_CONFLICT = "intake.part_conflict"
"""A save of the registration or the actions met fields a colleague had changed too
(``details.part`` and ``details.count``; an action's fields name no text)."""
_PART_SAVES = {
    "registration": ("registration.changed",),
    "actions": ("actions.saved",),
    "appointment": ("appointment.saved", "appointment.removed"),
}
"""The events that log a save of each such part, naming the fields it changed."""
_PART_LABELS = {
    "registration": "de aanmelding",
    "actions": "de afspraken",
    "appointment": "de volgende afspraak",
}
SITTING_GAP = timedelta(minutes=30)
DUPLICATE_SHOWN = "case.shown_as_duplicate"

_SECTION_ORDER = ("entrepreneur", "business", "situation", "future")

_COLUMN_LABELS = {
    "voornamen": "Voornamen",
    "tussenvoegsel": "Tussenvoegsel",
    "achternaam": "Achternaam",
    "date_of_birth": "Geboortedatum",
    "phone": "Telefoonnummer",
    "email": "E-mailadres",
    "street_address": "Straat en huisnummer",
    "postcode": "Postcode",
    "place": "Woonplaats",
    "country": "Land",
    "bsn": "BSN",
    "trade_name": "Handelsnaam",
    "kvk_number": "KvK-nummer",
    "sector": "Sector",
    "legal_form": "Rechtsvorm",
    "start_date": "Startdatum bedrijf",
    "staff_count": "Aantal mensen in dienst",
    "hours_per_week": "Uren per week in het bedrijf",
    "registration_date": "Datum van aanmelding",
    "municipality_code": "Gemeente",
    "region_code": "Arbeidsmarktregio",
}
"""Labels of the store's column names, as ``entrepreneur.changed`` and the like name them."""


def read_case_log(session: Session, case_id: int) -> tuple[LogLine, ...]:
    """The dossier's log, oldest first (reading it is not itself an event)."""
    return log_lines(case_events(session, case_id), caseworker_names(session))


@dataclass(frozen=True, slots=True)
class AnswerChange:
    """The last save that changed an answer: who and when."""

    who: str
    at: datetime


def last_answer_changes(
    session: Session, case_id: int, paths: Iterable[str]
) -> dict[str, AnswerChange]:
    """For each of these answer paths the last save that changed it (paths no save names
    are left out). Reads the dossier's saves newest first, only as far as it must."""
    return _last_changes(session, case_id, ANSWERS_SAVED, "", paths)


def last_part_changes(
    session: Session, case_id: int, part: str, paths: Iterable[str]
) -> dict[str, AnswerChange]:
    """For each field of the registration (``registration.registration_date``), the
    actions (``actions.17.due_date``, or ``actions.17`` for any change of that action) or
    the appointment (``appointment.starts_at``, ``appointment``) the last save that
    changed it; fields no save names are left out."""
    # The registration's event names its columns (registration_date), the actions'
    # event the paths themselves.
    prefix = "registration." if part == "registration" else ""
    found: dict[str, AnswerChange] = {}
    for action in _PART_SAVES[part]:
        for path, change in _last_changes(session, case_id, action, prefix, paths).items():
            if path not in found or found[path].at < change.at:
                found[path] = change
    return found


def _last_changes(
    session: Session, case_id: int, action: str, prefix: str, paths: Iterable[str]
) -> dict[str, AnswerChange]:
    wanted = set(paths)
    found: dict[str, AuditEntry] = {}
    for entry in newest_case_events(session, case_id, action):
        if not wanted:
            break
        if entry.outcome != "done":
            continue
        named = [prefix + field for field in _strings(entry.details.get("fields"))]
        for path in wanted:
            if any(field == path or field.startswith(f"{path}.") for field in named):
                found[path] = entry
        wanted -= set(found)
    names = caseworker_names(session) if found else {}
    return {path: AnswerChange(_who(entry, names), entry.at) for path, entry in found.items()}


def log_lines(entries: Sequence[AuditEntry], names: Mapping[int, str]) -> tuple[LogLine, ...]:
    """One line per thing the caseworker did: the saves of one sitting are one line, and so
    are repeated edits of one part (every cell of the actions table, each look at the plan)."""
    lines: list[LogLine] = []
    pending: list[AuditEntry] = []
    run: list[AuditEntry] = []
    """The repeated events of one kind the last line stands for."""

    def flush() -> None:
        if pending:
            last = pending[-1]
            fields = [path for entry in pending for path in _strings(entry.details.get("fields"))]
            lines.append(LogLine(last.at, _who(last, names), answers_saved_text(fields)))
            pending.clear()
            run.clear()

    for entry in entries:
        if entry.action == ANSWERS_SAVED:
            if pending and not _same_sitting(pending[-1], entry):
                flush()
            pending.append(entry)
            continue
        if entry.action in _MIRRORED and pending and _same_sitting(pending[-1], entry):
            continue  # the same edit, copied to the dossier's columns: the intake line names it
        flush()
        if entry.action in _FOLDED and run and _repeats(run[-1], entry):
            run.append(entry)
            lines[-1] = LogLine(entry.at, _who(entry, names), event_text(_merged(run)))
            continue
        run[:] = [entry]
        lines.append(LogLine(entry.at, _who(entry, names), event_text(entry)))
    flush()
    return tuple(lines)


_MIRRORED = frozenset({"entrepreneur.changed", "business.changed"})
"""Events that mirror an intake save into the dossier's own columns."""

_FOLDED = frozenset({
    "actions.saved", "appointment.saved", "instruments.chosen", "registration.changed",
    "entrepreneur.changed", "business.changed", "plan.built", "referral_letter.built",
    "dossier.opened", "intake.viewed", "follow_ups.viewed", "referrals.viewed",
    "document.viewed", "case.closing_viewed", "case.viewed",
})  # fmt: skip
"""Events that, repeated one after another in one sitting, read as one line."""


def _repeats(earlier: AuditEntry, later: AuditEntry) -> bool:
    return earlier.action == later.action and _same_sitting(earlier, later)


def _merged(run: Sequence[AuditEntry]) -> AuditEntry:
    """The last event of a run, naming every field the run changed."""
    fields: list[str] = []
    for entry in run:
        fields.extend(name for name in _strings(entry.details.get("fields")) if name not in fields)
    last = run[-1]
    if not fields:
        return last
    return AuditEntry(last.at, last.actor_id, last.action, last.entity_type, last.entity_id,
                      last.case_id, {**last.details, "fields": list(fields)})  # fmt: skip


def _same_sitting(earlier: AuditEntry, later: AuditEntry) -> bool:
    """Saves belong to one line while one caseworker keeps typing (pauses under half an hour)."""
    return earlier.actor_id == later.actor_id and later.at - earlier.at <= SITTING_GAP


def answers_saved_text(paths: Iterable[str]) -> str:
    """ "Intake opgeslagen (Onderneming: KvK-nummer, Handelsnaam; Situatie: Schulden)"."""
    by_section: dict[str, list[str]] = {}
    for path in paths:
        section = path.split(".", 1)[0] if "." in path else ""
        labels = by_section.setdefault(section, [])
        label = field_label(path)
        if label not in labels:
            labels.append(label)
    if not by_section:
        return "Intake opgeslagen"
    order = {section: index for index, section in enumerate(_SECTION_ORDER)}
    parts = []
    for section in sorted(by_section, key=lambda name: order.get(name, len(order))):
        joined = ", ".join(by_section[section])
        parts.append(f"{field_label(section)}: {joined}" if section else joined)
    return f"Intake opgeslagen ({'; '.join(parts)})"


_OUTCOME_NOTES = {"refused": " (geweigerd)", "failed": " (mislukt)"}


_REFUSED_TEXTS = {
    "case.erased": "Verzoek om het dossier te verwijderen geweigerd: het moet nog bewaard blijven",
}


def event_text(entry: AuditEntry) -> str:
    if entry.outcome == "refused" and entry.action in _REFUSED_TEXTS:
        return _REFUSED_TEXTS[entry.action]
    describe = _TEXTS.get(entry.action)
    text = (
        describe(entry.details)
        if describe is not None
        else f"Gebeurtenis vastgelegd ({entry.action})"
    )
    return text + _OUTCOME_NOTES.get(entry.outcome, "")


def _who(entry: AuditEntry, names: Mapping[int, str]) -> str:
    if entry.actor_id is None:
        return SYSTEM
    return names.get(entry.actor_id, f"Medewerker {entry.actor_id}")


def _strings(value: AuditDetail) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _routes_text(details: Mapping[str, AuditDetail], prefix: str = "") -> str:
    keys = (f"{prefix}primary", f"{prefix}secondary", f"{prefix}third")
    values = [details.get(key) for key in keys]
    numbers = [str(int(Route(value))) for value in values if isinstance(value, int)]
    if len(numbers) > 1:
        return f"route {join_dutch(numbers)}"
    return f"route {numbers[0]}" if numbers else "geen route"


def _decided(details: Mapping[str, AuditDetail]) -> str:
    chosen = _routes_text(details)
    if details.get("accepted"):
        return f"Advies aangenomen: {chosen}"
    suggested = _routes_text(details, "suggested_")
    return f"Andere route gekozen dan het advies: {chosen} (advies was {suggested}), met reden"


def _status_changed(details: Mapping[str, AuditDetail]) -> str:
    before, after = (_stored_label(CaseStatus, details.get(key)) for key in ("from", "to"))
    return f"Status veranderd van {before} naar {after}"


def _fields_text(
    prefix: str, labels: Mapping[str, str]
) -> Callable[[Mapping[str, AuditDetail]], str]:
    def text(details: Mapping[str, AuditDetail]) -> str:
        names = [labels.get(name, name) for name in _strings(details.get("fields"))]
        return f"{prefix} ({', '.join(names)})" if names else prefix

    return text


def _count_text(none: str, one: str, many: str) -> Callable[[Mapping[str, AuditDetail]], str]:
    def text(details: Mapping[str, AuditDetail]) -> str:
        count = details.get("count")
        if not isinstance(count, int) or count == 0:
            return none
        return one if count == 1 else many.format(count=count)

    return text


def _page_read_text(details: Mapping[str, AuditDetail]) -> str:
    length = details.get("search_length")
    searched = f"gezocht met {length} tekens" if length else "zonder zoekterm"
    which = "eerste bladzijde" if details.get("page") == "first" else "volgende bladzijde"
    text = f"Dossierlijst gelezen: {which}, {searched}, {details.get('rows')} rijen"
    repeated = details.get("repeated")
    return f"{text} (nog {repeated} keer)" if repeated else text


_TEXTS: dict[str, Callable[[Mapping[str, AuditDetail]], str]] = {
    "case.created": lambda details: "Dossier aangemaakt",
    "case.viewed": lambda details: "Dossier bekeken",
    "dossier.opened": lambda details: "Dossier geopend",
    "intake.viewed": lambda details: "Intake geopend",
    "case.status_changed": _status_changed,
    "registration.changed": _fields_text("Aanmelding gewijzigd", _COLUMN_LABELS),
    "entrepreneur.changed": _fields_text("Gegevens van de ondernemer gewijzigd", _COLUMN_LABELS),
    "business.changed": _fields_text("Gegevens van de onderneming gewijzigd", _COLUMN_LABELS),
    "advice.decided": _decided,
    "instruments.chosen": _count_text(
        "Gekozen instrumenten gewist", "1 instrument gekozen", "{count} instrumenten gekozen"
    ),
    "actions.saved": _count_text(
        "Afspraken gewist",
        "Afspraken opgeslagen (1 actie)",
        "Afspraken opgeslagen ({count} acties)",
    ),
    "appointment.saved": lambda details: "Volgende afspraak vastgelegd",
    "appointment.removed": lambda details: "Volgende afspraak verwijderd",
    DUPLICATE_SHOWN: lambda details: (
        f"Getoond als mogelijk hetzelfde dossier als dossier {details.get('from_case')}"
    ),
    "referral.created": lambda details: "Verwijzing vastgelegd",
    "referral.status_changed": lambda details: (
        f"Status van een verwijzing veranderd naar {referral_status_label(details.get('to'))}"
    ),
    "referrals.viewed": lambda details: "Verwijzingen bekeken",
    "follow_up.created": lambda details: "Opvolgmoment gepland",
    "follow_up.done": lambda details: "Opvolgmoment afgerond",
    "follow_ups.viewed": lambda details: "Opvolgmomenten bekeken",
    "calendar.exported": lambda details: "Afspraak naar de agenda gezet",
    "document.stored": lambda details: "Document opgeslagen",
    "document.viewed": lambda details: "Document bekeken",
    "case.closing_viewed": lambda details: "Afsluiting bekeken",
    "case.closed": lambda details: "Dossier afgesloten",
    "case.reopened": lambda details: "Dossier heropend",
    # Not about one dossier: shown wherever the whole store's log is listed.
    "regions.imported": lambda details: (
        f"Gemeententabel van {details.get('year')} in gebruik genomen "
        f"({len(_strings(details.get('added')))} nieuw, "
        f"{len(_strings(details.get('removed')))} verdwenen, "
        f"{len(_strings(details.get('renamed')))} andere naam, "
        f"{len(_strings(details.get('moved')))} naar een andere regio)"
    ),
    "follow_up.lapsed": lambda details: "Opvolgmoment vervallen, omdat het dossier is afgesloten",
    "plan.built": lambda details: "Actieplan gemaakt om te bekijken",
    "referral_letter.built": lambda details: "Verwijsbrief gemaakt om te bekijken",
    "intake.imported": lambda details: "Intake ingelezen uit een antwoordenbestand",
    ANSWERS_CONFLICT: lambda details: (
        "Een collega had hetzelfde veranderd; gevraagd welke versie blijft "
        f"({', '.join(field_label(path) for path in _strings(details.get('fields')))})"
    ),
    PART_CONFLICT: lambda details: (
        f"Een collega had {_PART_LABELS.get(str(details.get('part')), 'hetzelfde')} ook "
        f"veranderd; gevraagd welke versie blijft ({details.get('count')} "
        f"{'gegeven' if details.get('count') == 1 else 'gegevens'})"
    ),
    # Before report.written and report.viewed, writing a file was logged as report.made.
    "report.made": lambda details: (
        f"Rapport van de regio gemaakt ({details.get('format')}, "
        f"{details.get('from')} tot en met {details.get('to')})"
    ),
    "report.written": lambda details: (
        f"Rapport van de regio opgeslagen als {details.get('format')} "
        f"({details.get('from')} tot en met {details.get('to')})"
    ),
    "report.viewed": lambda details: (
        f"Rapport van de regio bekeken ({details.get('from')} tot en met {details.get('to')})"
    ),
    "field.corrected": lambda details: (
        f"Gegeven verbeterd: {field_label(str(details.get('field')))}"
    ),
    "case.erased": lambda details: "Dossier voorgoed verwijderd",
    "cases.page_read": _page_read_text,
    "audit.viewed": lambda details: f"Logboek bekeken ({details.get('rows')} regels)",
    "audit.exported": lambda details: (
        f"Logboek geëxporteerd van {details.get('from')} tot en met {details.get('to')}"
    ),
    "audit.cut_off": lambda details: "Het logboek bleek aan het eind ingekort",
    "catalog.imported": lambda details: "Nieuwe catalogus in gebruik genomen",
    "follow_ups.overview_viewed": lambda details: "Overzicht Vandaag bekeken",
    "store.accepted": lambda details: "Opslag in gebruik genomen zoals hij was",
    "store.backed_up": lambda details: "Reservekopie gemaakt",
    "store.restored": lambda details: "Reservekopie teruggezet",
    "retention.term_set": lambda details: (
        f"Bewaartermijn ingesteld: {details.get('result_type')} {details.get('years')} jaar"
    ),
    "cases.listed": lambda details: f"Lijst van dossiers getoond ({details.get('count')} rijen)",
    "document.printed": lambda details: f"Document afgedrukt ({details.get('pages')} blz.)",
    "document.saved": lambda details: "Document opgeslagen als bestand",
    "catalog.exported": lambda details: "Catalogus naar een bestand geschreven",
    "purge.previewed": lambda details: (
        f"Lijst bekeken van dossiers waarvan de bewaartermijn voorbij is "
        f"({len(_strings(details.get('cases')))})"
    ),
    "store.purged": lambda details: (
        f"Dossiers verwijderd na de bewaartermijn: {len(_strings(details.get('cases')))}"
    ),
    "inzage.made": lambda details: "Inzage gemaakt: alle gegevens van het dossier op papier en "
    "als bestand",
}


def referral_status_label(value: AuditDetail) -> str:
    """The Dutch label of a stored referral status; an unknown one as stored."""
    return _stored_label(ReferralStatus, value)


def _stored_label(kind: Callable[[str], CaseStatus | ReferralStatus], value: AuditDetail) -> str:
    """The Dutch label of a stored status value; an unknown one as stored."""
    try:
        return kind(str(value)).label
    except ValueError:
        return str(value)
