"""The whole intake as one readable page (HTML for a QTextBrowser): the Samenvatting step
and the dossier view's first tab."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from casedesk.domain.advice import Advice
from casedesk.domain.dossier import ChosenInstrument, IntakeState
from casedesk.domain.intake import (
    FIELD_LABELS,
    IntakeAnswers,
    LabelledEnum,
    display_name,
    read_value,
)
from casedesk.domain.part_merge import REGISTRATION_MUNICIPALITY
from casedesk.domain.regions import Municipality
from casedesk.ui.shared.display_text import (
    chosen_routes_text,
    date_and_time,
    escape,
    long_date,
    short_date,
)

NOT_ANSWERED = "nog niet ingevuld"

_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Ondernemer",
        (
            "entrepreneur.first_names", "entrepreneur.name_prefix", "entrepreneur.surname",
            "entrepreneur.date_of_birth", "entrepreneur.phone", "entrepreneur.email",
            "entrepreneur.street_address", "entrepreneur.postcode", "entrepreneur.place",
            "entrepreneur.municipality_code", "entrepreneur.country", "entrepreneur.bsn",
        ),
    ),
    (
        "Onderneming",
        (
            "business.trade_name", "business.kvk_number", "business.sector",
            "business.legal_form", "business.start_date", "business.staff",
            "business.hours_per_week",
        ),
    ),
    (
        "Situatie",
        (
            "situation.schemes", "situation.turnover_drop_percent",
            "situation.fixed_costs_covered", "situation.living_costs_covered",
            "situation.debts", "situation.acute_debt_kinds", "situation.debt_kinds",
            "situation.signals", "situation.crisis", "situation.household",
        ),
    ),
    (
        "Toekomst en hulpvraag",
        (
            "future.wish", "future.help_requests", "future.unmet_needs",
            "future.unmet_needs_note",
        ),
    ),
)  # fmt: skip


def answer_text(
    answers: IntakeAnswers, path: str, municipality_names: dict[str, str] | None = None
) -> str:
    """One answer as the caseworker reads it aloud; empty when not answered."""
    return value_text(path, read_value(answers, path), municipality_names)


_MUNICIPALITY_PATHS = ("entrepreneur.municipality_code", REGISTRATION_MUNICIPALITY)


def value_text(path: str, value: object, municipality_names: dict[str, str] | None = None) -> str:
    """The value of the answer at ``path`` as the caseworker reads it; empty when none."""
    if path in _MUNICIPALITY_PATHS and isinstance(value, str):
        return (municipality_names or {}).get(value, value)
    if path == "situation.turnover_drop_percent" and isinstance(value, int):
        return f"{value}%"
    if path == "business.hours_per_week" and isinstance(value, int):
        return f"{value} uur"
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, frozenset):
        members = sorted((m for m in value if isinstance(m, LabelledEnum)), key=_enum_order)
        return "; ".join(member.label for member in members)
    if isinstance(value, datetime):  # the appointment's times (a conflict shows them)
        return date_and_time(value)
    if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
        return long_date(value)  # type: ignore[arg-type]
    return str(value)


def _enum_order(member: LabelledEnum) -> int:
    return list(type(member)).index(member)


def _table(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding:2px 16px 2px 0; color:#444;'>{escape(label)}</td>"
        f"<td style='padding:2px 0;'>{escape(text) if text else f'<i>{NOT_ANSWERED}</i>'}</td></tr>"
        for label, text in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"


def to_check_html(points: Sequence[str]) -> str:
    """The "Nog nakijken" box that opens the summary; empty when there is nothing."""
    if not points:
        return ""
    items = "".join(f"<li>{escape(point)}</li>" for point in points)
    return (
        "<table width='100%' cellpadding='6' style='background:#fff4ce; color:#3b2f00'>"
        f"<tr><td><b>Nog nakijken</b><ul>{items}</ul></td></tr></table>"
    )


def summary_html(
    state: IntakeState,
    advice: Advice | None,
    municipalities: Sequence[Municipality] = (),
    counter_name: str = "",
) -> str:
    names: dict[str, str] = {m.code: m.name for m in municipalities}
    answers = state.answers
    name = display_name(answers.entrepreneur) or "Naam nog niet ingevuld"
    trade = answers.business.trade_name
    parts = [f"<h2>{escape(name)}{' — ' + escape(trade) if trade else ''}</h2>"]
    registration = state.registration
    parts.append("<h3>Aanmelding</h3>")
    parts.append(
        _table(
            [
                ("Datum van aanmelding", long_date(registration.registration_date)),
                (
                    "Gemeente van het loket",
                    counter_name
                    or names.get(registration.municipality_code, registration.municipality_code),
                ),
                (FIELD_LABELS["channel"], answer_text(answers, "channel")),
            ]
        )
    )
    for title, paths in _SECTIONS:
        parts.append(f"<h3>{escape(title)}</h3>")
        parts.append(_table((FIELD_LABELS[p], answer_text(answers, p, names)) for p in paths))
    parts.append("<h3>Advies en besluit</h3>")
    parts.append(_advice_html(state, advice))
    parts.append("<h3>Gekozen instrumenten</h3>")
    parts.append(_instruments_html(state.chosen_instruments))
    parts.append("<h3>Afspraken</h3>")
    parts.append(_actions_html(state))
    return "".join(parts)


def _advice_html(state: IntakeState, advice: Advice | None) -> str:
    parts = []
    if advice is not None:
        routes = ", ".join(item.route.label for item in advice.routes)
        urgent = "<b style='color:#b00020;'>Urgent.</b> " if advice.urgent else ""
        parts.append(f"<p>{urgent}Advies: {escape(routes)}</p>")
        parts.append(
            "<ul>" + "".join(f"<li>{escape(r.text)}</li>" for r in advice.reasons) + "</ul>"
        )
    decision = state.decision
    if decision is None:
        parts.append("<p><i>Nog geen besluit over de route.</i></p>")
    else:
        chosen = chosen_routes_text(decision)
        how = "advies overgenomen" if decision.accepted else "andere route gekozen"
        parts.append(
            f"<p>Besluit: {escape(chosen)} ({how} op {escape(date_and_time(decision.decided_at))}"
            f"{_by(decision.decided_by)}).</p>"
        )
        if decision.override_reason:
            parts.append(f"<p>Reden: {escape(decision.override_reason)}</p>")
    return "".join(parts)


def _instruments_html(chosen: Sequence[ChosenInstrument]) -> str:
    if not chosen:
        return "<p><i>Nog geen instrumenten gekozen.</i></p>"
    return "<ul>" + "".join(f"<li>{escape(item.name)}</li>" for item in chosen) + "</ul>"


def _due(day: date | None) -> str:
    return short_date(day) if day is not None else ""


def _actions_html(state: IntakeState) -> str:
    parts = []
    if state.actions:
        rows = "".join(
            "<tr>"
            f"<td style='padding:2px 12px 2px 0;'>{escape(a.description)}</td>"
            f"<td style='padding:2px 12px 2px 0;'>{escape(a.owner.label)}"
            f"{' (' + escape(a.owner_detail) + ')' if a.owner_detail else ''}</td>"
            f"<td style='padding:2px 12px 2px 0;'>{_due(a.due_date)}</td>"
            f"<td>{'klaar' if a.done else ''}</td></tr>"
            for a in state.actions
        )
        parts.append(
            "<table cellspacing='0'><tr><th align='left'>Wat</th><th align='left'>Wie</th>"
            f"<th align='left'>Wanneer</th><th></th></tr>{rows}</table>"
        )
    else:
        parts.append("<p><i>Nog geen afspraken.</i></p>")
    appointment = state.appointment
    if appointment is None:
        parts.append("<p>Volgende afspraak: <i>nog niet gemaakt</i>.</p>")
    else:
        where = f", {escape(appointment.location)}" if appointment.location else ""
        parts.append(
            f"<p>Volgende afspraak: {escape(date_and_time(appointment.starts_at))}, "
            f"{escape(appointment.mode.label.lower())}{where}.</p>"
        )
    return "".join(parts)


def _by(caseworker: str) -> str:
    return f" door {escape(caseworker)}" if caseworker else ""
