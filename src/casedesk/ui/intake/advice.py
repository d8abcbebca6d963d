"""The Advies step: suggested routes, urgency, reasons to read aloud, lead partners, and
the caseworker's decision (accept with one key, or another route with a reason)."""

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.advice import Advice, RouteAdvice
from casedesk.domain.catalog import provided_by
from casedesk.domain.decision import RouteDecision, decision_still_matches
from casedesk.domain.routes import Route
from casedesk.ui.shared.display_text import (
    PARTNER_TYPE_LABELS,
    chosen_routes_text,
    contact_text,
    date_and_time,
    escape,
)

NO_REASON_MESSAGE = (
    "Schrijf op waarom u een andere route kiest dan het advies. Die reden komt in het dossier."
)


def _label(parent: QWidget, name: str, accessible: str, *, rich: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def lead_text(item: RouteAdvice) -> str:
    lead = PARTNER_TYPE_LABELS[item.lead_type]
    if item.lead_partner is None:
        return f"Leiding: {lead}"
    partner = item.lead_partner
    contact = partner.contact
    known = contact.phone or contact.website or contact.email
    reach = f", {contact_text(contact)}" if known else ""
    return f"Leiding: {provided_by(partner.name, lead, ' ({})')}{reach}"


def urgent_text(advice: Advice) -> str:
    who = ", ".join(PARTNER_TYPE_LABELS[p] for p in advice.immediate_referrals)
    first = f"eerst route {advice.primary_route.value}"
    return f"Urgent: {first}. Verwijs vandaag door naar: {who}." if who else f"Urgent: {first}."


class AdvicePanel(QWidget):
    """Shows one advice and the decision on it.

    Signals:
        decide_requested(object, str): the chosen routes (a tuple of one to three
            ``Route``, first route first) and the override reason (empty when the advice
            is accepted as it is).
    """

    decide_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._advice: Advice | None = None
        self._decision: RouteDecision | None = None
        layout = QVBoxLayout(self)

        self.urgent_label = _label(self, "urgentLabel", "Urgentie", rich=False)
        self.urgent_label.setStyleSheet(
            "QLabel { background: #b00020; color: white; font-weight: bold; padding: 8px; }"
        )
        self.routes_label = _label(self, "routesLabel", "Geadviseerde routes")
        self.reasons_label = _label(self, "reasonsLabel", "Redenen voor het advies")
        self.short_list_label = _label(self, "adviceShortListLabel", "Korte lijst van instrumenten")
        self.missing_label = _label(self, "adviceMissingLabel", "Wat het advies nog mist")
        self.missing_label.setStyleSheet("QLabel { color: #8a5300; }")
        self.decision_label = _label(self, "decisionLabel", "Besluit over de route")
        self.changed_label = _label(self, "adviceChangedLabel", "Advies veranderd", rich=False)
        self.changed_label.setStyleSheet(
            "QLabel { background: #fff3cd; color: #5c3c00; border: 1px solid #d39e00;"
            " padding: 6px; font-weight: bold; }"
        )
        for label in (self.urgent_label, self.routes_label, self.reasons_label,
                      self.short_list_label, self.missing_label, self.changed_label,
                      self.decision_label):  # fmt: skip
            layout.addWidget(label)

        buttons = QHBoxLayout()
        self.accept_button = QPushButton("Advies &overnemen (Ctrl+Enter)", self)
        self.accept_button.setObjectName("acceptAdviceButton")
        self.accept_button.setAccessibleName("Advies overnemen")
        self.accept_button.setDefault(True)
        self.other_button = QPushButton("Andere route &kiezen…", self)
        self.other_button.setObjectName("otherRouteButton")
        self.other_button.setAccessibleName("Andere route kiezen")
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.override_box = self._build_override_box()
        layout.addWidget(self.override_box)
        layout.addStretch(1)

        self.accept_button.clicked.connect(self.accept_advice)
        self.other_button.clicked.connect(self.show_override)
        self.setTabOrder(self.accept_button, self.other_button)

    def _build_override_box(self) -> QFrame:
        box = QFrame(self)
        box.setObjectName("overrideBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(box)
        self.primary_combo = QComboBox(box)
        self.primary_combo.setObjectName("overridePrimary")
        self.primary_combo.setAccessibleName("Eerste route")
        self.secondary_combo = QComboBox(box)
        self.secondary_combo.setObjectName("overrideSecondary")
        self.secondary_combo.setAccessibleName("Tweede route")
        self.secondary_combo.addItem("Geen tweede route", None)
        # The advice can name all three routes; the caseworker can keep them all (issue 11).
        self.third_combo = QComboBox(box)
        self.third_combo.setObjectName("overrideThird")
        self.third_combo.setAccessibleName("Derde route")
        self.third_combo.addItem("Geen derde route", None)
        for route in Route:
            self.primary_combo.addItem(route.label, route.value)
            self.secondary_combo.addItem(route.label, route.value)
            self.third_combo.addItem(route.label, route.value)
        self.reason_edit = QPlainTextEdit(box)
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setAccessibleName("Reden voor een andere route")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            "Bijvoorbeeld: de ondernemer heeft al een baan op het oog."
        )
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.override_message = _label(box, "overrideMessage", "Melding bij de reden", rich=False)
        self.override_message.setStyleSheet("QLabel { color: #b00020; }")
        self.override_message.hide()
        self.record_button = QPushButton("Besluit &vastleggen", box)
        self.record_button.setObjectName("recordOverrideButton")
        self.record_button.setAccessibleName("Besluit vastleggen")
        self.cancel_button = QPushButton("Annuleren", box)
        self.cancel_button.setObjectName("cancelOverrideButton")
        self.cancel_button.setAccessibleName("Andere route niet kiezen")
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        primary_label = QLabel("&Eerste route:", box)
        primary_label.setBuddy(self.primary_combo)
        secondary_label = QLabel("&Tweede route:", box)
        secondary_label.setBuddy(self.secondary_combo)
        third_label = QLabel("Derde ro&ute:", box)
        third_label.setBuddy(self.third_combo)
        reason_label = QLabel("&Reden (verplicht):", box)
        reason_label.setBuddy(self.reason_edit)
        form.addRow(primary_label, self.primary_combo)
        form.addRow(secondary_label, self.secondary_combo)
        form.addRow(third_label, self.third_combo)
        form.addRow(reason_label, self.reason_edit)
        form.addRow("", self.override_message)
        form.addRow("", row)
        self.record_button.clicked.connect(self._record_override)
        self.cancel_button.clicked.connect(self._cancel_override)
        box.hide()
        return box

    # -- public --------------------------------------------------------------------------

    @property
    def advice(self) -> Advice | None:
        return self._advice

    def show_advice(self, advice: Advice | None, decision: RouteDecision | None) -> None:
        self._advice = advice
        self._decision = decision
        self._render()

    def accept_advice(self) -> None:
        if self._advice is None:
            return
        self.decide_requested.emit(self._advice.route_list, "")

    def show_override(self) -> None:
        """Open the box for another route, starting from the advice; a box already open
        (e.g. after a refused decision) keeps what the caseworker chose."""
        if self._advice is not None and self.override_box.isHidden():
            advised = self._advice.route_list
            for position, combo in enumerate(self._route_combos()):
                route = advised[position] if position < len(advised) else None
                combo.setCurrentIndex(combo.findData(None if route is None else route.value))
        self.override_message.hide()
        self.override_box.show()
        self.primary_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_refusal(self, message: str) -> None:
        self.override_message.setText(message)
        self.override_message.show()

    def decision_recorded(self, decision: RouteDecision) -> None:
        self._decision = decision
        self.override_box.hide()
        self.reason_edit.clear()
        self.override_message.hide()
        self._render()

    # -- behaviour -----------------------------------------------------------------------

    def _route_combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return (self.primary_combo, self.secondary_combo, self.third_combo)

    def _chosen_routes(self) -> tuple[Route, ...]:
        """The routes in the boxes, first first; "geen" and a route picked twice left out."""
        values = (combo.currentData() for combo in self._route_combos())
        routes = [Route(int(value)) for value in values if value is not None]
        return tuple(dict.fromkeys(routes))

    def _record_override(self) -> None:
        if self._advice is None:
            return
        chosen = self._chosen_routes()
        reason = self.reason_edit.toPlainText().strip()
        if chosen != self._advice.route_list and not reason:
            self.show_refusal(NO_REASON_MESSAGE)
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.decide_requested.emit(chosen, reason)

    def _cancel_override(self) -> None:
        self.override_box.hide()
        self.override_message.hide()
        self.other_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _render(self) -> None:
        advice = self._advice
        if advice is None:
            for label in (self.urgent_label, self.changed_label, self.missing_label):
                label.hide()
            self.routes_label.setText("Er is nog geen advies.")
            self.reasons_label.clear()
            self.short_list_label.clear()
            return
        self.urgent_label.setText(urgent_text(advice))
        self.urgent_label.setVisible(advice.urgent)
        routes = []
        # Problems are solved before the rest; otherwise the routes run side by side.
        then = "Daarna" if advice.primary_route is Route.DE_ESCALATION else "Daarnaast"
        for number, item in enumerate(advice.routes):
            role = "Eerst" if number == 0 else then
            routes.append(
                f"<li><b>{role}: {escape(item.route.label)}</b><br>{escape(lead_text(item))}</li>"
            )
        intro = (
            "<p>Eerst een korte test van het bedrijf (diagnose), daarna kiezen we de route.</p>"
            if advice.diagnosis_first
            else ""
        )
        self.routes_label.setText(f"<h3>Advies</h3>{intro}<ul>{''.join(routes)}</ul>")
        reasons = "".join(f"<li>{escape(reason.text)}</li>" for reason in advice.reasons)
        self.reasons_label.setText(f"<h3>Waarom</h3><ul>{reasons}</ul>")
        self.short_list_label.setText(short_list_html(advice))
        self.missing_label.setText(missing_html(advice))
        self.missing_label.setVisible(bool(advice.missing_answers))
        self._render_decision(advice)

    def _render_decision(self, advice: Advice) -> None:
        decision = self._decision
        if decision is None:
            self.decision_label.setText("<p><b>Besluit:</b> nog geen besluit genomen.</p>")
            self.changed_label.hide()
            return
        chosen = escape(chosen_routes_text(decision))
        how = "advies overgenomen" if decision.accepted else "andere route gekozen"
        reason = (
            f"<br>Reden: {escape(decision.override_reason)}" if decision.override_reason else ""
        )
        self.decision_label.setText(
            f"<p><b>Besluit:</b> {chosen} ({how} op {escape(date_and_time(decision.decided_at))}"
            f"{_by(decision.decided_by)}).{reason}</p>"
        )
        changed = not decision_still_matches(decision, advice)
        self.changed_label.setText(
            f"Het advies is veranderd sinds uw besluit van {date_and_time(decision.decided_at)}. "
            "Lees het nieuwe advies en neem opnieuw een besluit."
            if changed
            else ""
        )
        self.changed_label.setVisible(changed)


def short_list_html(advice: Advice) -> str:
    """The short list with each instrument's reason; the rest is only counted."""
    names = {match.instrument.id: match.instrument.name for match in advice.instruments}
    items = "".join(
        f"<li><b>{escape(names[entry.instrument_id])}</b>: {escape(entry.reason)}</li>"
        for entry in advice.short_list
    )
    rest = len(advice.also_available)
    more = f"<p>Ook beschikbaar: nog {rest} bij de stap Instrumenten.</p>" if rest else ""
    listed = (
        f"<ul>{items}</ul>"
        if items
        else "<p>Nog geen instrument voor een vraag van deze ondernemer.</p>"
    )
    return f"<h3>Korte lijst</h3>{listed}{more}"


def missing_html(advice: Advice, keep: Callable[[str], bool] = lambda path: True) -> str:
    """Which answers the advice still needs, with why; empty when none (of those kept)."""
    items = [m for m in advice.missing_answers if keep(m.field)]
    if not items:
        return ""
    lines = "".join(f"<li><b>{escape(m.label)}</b>: {escape(m.why)}</li>" for m in items)
    return f"<b>Voor het advies is nog nodig:</b><ul style='margin:0'>{lines}</ul>"


def _by(caseworker: str) -> str:
    return f" door {escape(caseworker)}" if caseworker else ""
