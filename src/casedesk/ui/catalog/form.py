"""The form for one catalog entry: every field of the file, each with its own error line.

The form only turns widgets into an ``Instrument`` or ``Partner`` and back; the checks
come from the port (the file import's own), and are shown at the field they concern.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.catalog import (
    CONDITION_LABELS,
    COST_LABELS,
    FORM_LABELS,
    PARTNER_TYPE_LABELS,
    SERVICE_LABELS,
    TOPIC_LABELS,
    Availability,
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
from casedesk.domain.catalog_edit import Entry
from casedesk.domain.regions import MunicipalityCode, RegionCode, RegionTable
from casedesk.domain.routes import ROUTE_LABELS, Route
from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.shared.dialog_parts import ERROR_STYLE
from casedesk.ui.shared.text_match import fold

FORM_WORDING: Mapping[str, str] = {
    # The file check speaks of the file's fields; the form has a choice for it instead.
    "availability.national": "Kies de arbeidsmarktregio's of gemeenten waar het wordt "
    "aangeboden, of kies “Overal in Nederland”.",
}


class CheckList(QWidget):
    """Checkboxes for the members of an enum, in a grid of ``columns``."""

    changed = Signal()

    def __init__[V](
        self, parent: QWidget, labels: Mapping[V, str], name: str, columns: int = 4
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[object, QCheckBox] = {}
        for index, (value, label) in enumerate(labels.items()):
            box = QCheckBox(label, self)
            box.setAccessibleName(f"{name}: {label}")
            box.toggled.connect(self.changed)
            grid.addWidget(box, index // columns, index % columns)
            self.boxes[value] = box

    def set_values(self, values: Iterable[object]) -> None:
        chosen = set(values)
        for value, box in self.boxes.items():
            box.setChecked(value in chosen)

    def values(self) -> list[Any]:
        return [value for value, box in self.boxes.items() if box.isChecked()]


class AvailabilityPicker(QWidget):
    """Everywhere, or only in labour-market regions and municipalities from the CBS table."""

    changed = Signal()

    def __init__(self, parent: QWidget, regions: RegionTable) -> None:
        super().__init__(parent)
        self.setAccessibleName("Waar aangeboden")
        self._table = regions
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.national = QRadioButton("Overal in Nederland (landelijk)", self)
        self.local = QRadioButton("Alleen in deze arbeidsmarktregio's en gemeenten:", self)
        group = QButtonGroup(self)
        group.addButton(self.national)
        group.addButton(self.local)
        self.national.setChecked(True)
        self.national.toggled.connect(self._national_toggled)
        layout.addWidget(self.national)
        layout.addWidget(self.local)
        lists = QHBoxLayout()
        self.region_list = self._list("Arbeidsmarktregio's")
        for region in sorted(regions.regions, key=lambda r: r.name):
            self._add(self.region_list, f"{region.name} ({region.code})", region.code)
        self.municipality_filter = QLineEdit(self)
        self.municipality_filter.setPlaceholderText("Zoek een gemeente")
        self.municipality_filter.setAccessibleName("Zoek een gemeente")
        self.municipality_filter.setClearButtonEnabled(True)
        self.municipality_filter.textChanged.connect(self._filter_municipalities)
        self.municipality_list = self._list("Gemeenten")
        for municipality in regions.current_municipalities():
            self._add(
                self.municipality_list, f"{municipality.name} ({municipality.code})",
                municipality.code,
            )  # fmt: skip
        region_column = QVBoxLayout()
        region_column.addWidget(QLabel("Arbeidsmarktregio's:", self))
        region_column.addWidget(self.region_list)
        municipality_column = QVBoxLayout()
        municipality_column.addWidget(self.municipality_filter)
        municipality_column.addWidget(self.municipality_list)
        lists.addLayout(region_column)
        lists.addLayout(municipality_column)
        layout.addLayout(lists)
        layout.addWidget(self.summary)
        self._national_toggled(True)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setAccessibleName(name)
        widget.setMinimumHeight(110)
        widget.setMaximumHeight(140)
        widget.itemChanged.connect(lambda _item: self._changed())
        return widget

    @staticmethod
    def _add(widget: QListWidget, text: str, code: str) -> QListWidgetItem:
        item = QListWidgetItem(text, widget)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _national_toggled(self, national: bool) -> None:
        for widget in (self.region_list, self.municipality_list, self.municipality_filter):
            widget.setEnabled(not national)
        self._changed()

    def _changed(self) -> None:
        availability = self.availability()
        if availability.national:
            self.summary.setText("Het aanbod is overal in Nederland te krijgen.")
        else:
            self.summary.setText(
                f"Gekozen: {len(availability.regions)} arbeidsmarktregio('s), "
                f"{len(availability.municipalities)} gemeente(n)."
            )
        self.changed.emit()

    def _filter_municipalities(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.municipality_list.count()):
            item = self.municipality_list.item(row)
            self.municipality_list.setRowHidden(
                row, bool(wanted) and wanted not in fold(item.text())
            )

    def set_availability(self, availability: Availability) -> None:
        self.blockSignals(True)
        try:
            self._set_checked(self.region_list, set(availability.regions), "regio")
            self._set_checked(self.municipality_list, set(availability.municipalities), "gemeente")
            (self.national if availability.national else self.local).setChecked(True)
            self._national_toggled(availability.national)
        finally:
            self.blockSignals(False)

    def _set_checked(self, widget: QListWidget, codes: set[str], kind: str) -> None:
        widget.blockSignals(True)
        try:
            present = set()
            for row in range(widget.count()):
                item = widget.item(row)
                code = item.data(Qt.ItemDataRole.UserRole)
                present.add(code)
                checked = code in codes
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            # A code no longer in the table (a merged municipality) stays visible, checked,
            # so the check can say what to replace it with.
            for code in sorted(codes - present):
                found = self._table.municipality(MunicipalityCode(code))
                label = found.name if found is not None else f"onbekende {kind}"
                self._add(widget, f"{label} ({code})", code).setCheckState(Qt.CheckState.Checked)
        finally:
            widget.blockSignals(False)

    def availability(self) -> Availability:
        if self.national.isChecked():
            return Availability(national=True)
        return Availability(
            national=False,
            regions=frozenset(RegionCode(code) for code in self._checked(self.region_list)),
            municipalities=frozenset(
                MunicipalityCode(code) for code in self._checked(self.municipality_list)
            ),
        )

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [
            str(widget.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        ]


def slug(name: str) -> str:
    """An id from a name: ``Schuldhulp Enschede`` becomes ``schuldhulp-enschede``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:80].strip("-")


class EntryForm(QWidget):
    """Edits one instrument or partner.

    Signals:
        edited(): a field changed (the window checks and marks the entry as changed).
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None, regions: RegionTable, today: date) -> None:
        super().__init__(parent)
        self._kind: type[Instrument] | type[Partner] = Instrument
        self._loading = False
        self._original: Entry | None = None
        self._id_follows_name = False
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = self._error_line("form")
        self.form.addRow(self.general_error)
        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        self.captions: dict[str, QLabel] = {}

        self.name = self._line("name", "N&aam", 120)
        self.entry_id = self._line("id", "&Id (uniek, vast)", 80)
        self.entry_id.setToolTip(
            "Kleine letters, cijfers en streepjes. Houd het id gelijk als u het onderdeel "
            "aanpast: zo herkent casedesk het bij het inlezen."
        )
        self.provider = self._line("provider", "Aan&bieder", 120)
        self.partner_type = QComboBox(self)
        for kind, label in PARTNER_TYPE_LABELS.items():
            self.partner_type.addItem(label, kind)
        self._row("type", "&Soort partner", self.partner_type)
        self.partner_type.currentIndexChanged.connect(self._edited)
        self.active = QCheckBox(
            "In gebruik (uit: een voorbeeld dat casedesk nooit voorstelt)", self
        )
        self.active.toggled.connect(self._edited)
        self._row("active", "In gebr&uik", self.active)
        self.description = self._text("description", "&Tekst voor de ondernemer")
        self.caseworker_note = self._text("caseworker_note", "Notitie &klantmanager")
        self.caseworker_note.setPlaceholderText(
            "Alleen voor de klantmanager: komt nooit op papier."
        )
        self.services = self._checks("services", "&Dienstverlening", SERVICE_LABELS, 4)
        self.leads_routes = self._checks("leads_routes", "&Regie over", ROUTE_LABELS, 1)
        self.topics = self._checks("topics", "O&nderwerpen", TOPIC_LABELS, 3)
        self.conditions = self._checks("conditions", "&Voorwaarden", CONDITION_LABELS, 2)
        self.availability = AvailabilityPicker(self, regions)
        self.availability.changed.connect(self._edited)
        self._row("availability", "&Waar aangeboden", self.availability)
        self.cost_kind = QComboBox(self)
        for cost, label in COST_LABELS.items():
            self.cost_kind.addItem(label, cost)
        self.cost_kind.currentIndexChanged.connect(self._edited)
        self._row("cost.kind", "Ko&sten", self.cost_kind)
        self.cost_note = self._line("cost.note", "Uitleg kosten", 300)
        self.cost_note.setPlaceholderText("Voor de ondernemer, komt op het actieplan.")
        self.forms = self._checks("forms", "Vor&m", FORM_LABELS, 4)
        self.website = self._line("contact.website", "Website", 300)
        self.phone = self._line("contact.phone", "Tele&foon", 40)
        self.email = self._line("contact.email", "&E-mail", 200)
        self.address = self._text("address", "&Postadres")
        self.address.setPlaceholderText("Voor de verwijsbrief: één regel per regel op de envelop.")
        self.address.setMaximumHeight(70)
        self.source = self._line("source", "Bron", 200)
        self.last_checked = DateInput(self, today, "Laatst nagekeken")
        self.last_checked.value_changed.connect(self._edited)
        self._row("last_checked", "&Laatst nagekeken", self.last_checked)
        self.name.textChanged.connect(self._name_changed)

    # -- building the form ---------------------------------------------------------------

    def _error_line(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"error:{name}")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.setAccessibleName("Melding")
        label.hide()
        return label

    def _row(self, key: str, label: str, widget: QWidget) -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = self._error_line(key)
        column.addWidget(error)
        self.errors[key] = error
        self.rows[key] = holder
        widget.setAccessibleName(widget.accessibleName() or label.replace("&", ""))
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.captions[key] = caption
        self.form.addRow(caption, holder)

    def _line(self, key: str, label: str, max_length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(max_length + 1)  # one more, so the check can say it is too long
        edit.textChanged.connect(self._edited)
        self._row(key, label, edit)
        return edit

    def _text(self, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(90)
        edit.textChanged.connect(self._edited)
        self._row(key, label, edit)
        return edit

    def _checks[V](self, key: str, label: str, labels: Mapping[V, str], columns: int) -> CheckList:
        checks = CheckList(self, labels, label.replace("&", ""), columns)
        checks.changed.connect(self._edited)
        self._row(key, label, checks)
        return checks

    # -- entry <-> widgets ---------------------------------------------------------------

    def set_entry(self, entry: Entry, *, is_new: bool = False) -> None:
        self._loading = True
        try:
            self._kind = type(entry)
            self._original = None if is_new else entry
            self._id_follows_name = is_new
            instrument = isinstance(entry, Instrument)
            for key in ("provider", "services", "topics", "conditions", "cost.kind",
                        "cost.note", "forms"):  # fmt: skip
                self._show_row(key, instrument)
            for key in ("type", "leads_routes", "address"):
                self._show_row(key, not instrument)
            self.captions["description"].setText(
                "&Tekst voor de ondernemer" if instrument else "Besc&hrijving"
            )
            self.name.setText(entry.name)
            self.entry_id.setText(entry.id)
            self.active.setChecked(entry.active)
            self.description.setPlainText(entry.description)
            self.caseworker_note.setPlainText(entry.caseworker_note)
            self.availability.set_availability(entry.availability)
            self.website.setText(entry.contact.website or "")
            self.phone.setText(entry.contact.phone or "")
            self.email.setText(entry.contact.email or "")
            self.source.setText(entry.source)
            self.last_checked.set_value(entry.last_checked)
            if isinstance(entry, Instrument):
                self.provider.setText(entry.provider)
                self.services.set_values(entry.services)
                self.topics.set_values(entry.topics)
                self.conditions.set_values(entry.conditions)
                self.cost_kind.setCurrentIndex(self.cost_kind.findData(entry.cost))
                self.cost_note.setText(entry.cost_note)
                self.forms.set_values(entry.forms)
            else:
                self.partner_type.setCurrentIndex(self.partner_type.findData(entry.partner_type))
                self.leads_routes.set_values(entry.leads_routes)
                self.address.setPlainText(entry.address)
        finally:
            self._loading = False
        self.show_problems({})

    def _show_row(self, key: str, visible: bool) -> None:
        self.form.setRowVisible(self.rows[key], visible)

    @property
    def original_id(self) -> str | None:
        """The id the entry had when it was opened (None: a new entry)."""
        return self._original.id if self._original is not None else None

    @property
    def is_instrument(self) -> bool:
        return self._kind is Instrument

    def entry(self) -> Entry | None:
        """The entry as typed; None while the date cannot be read (its line says why)."""
        checked = self.last_checked.value()
        if checked is None:
            return None
        contact = Contact(
            website=self.website.text().strip() or None,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
        )
        name = self.name.text().strip()
        description = self.description.toPlainText().strip()
        availability = self.availability.availability()
        source = self.source.text().strip()
        note = self.caseworker_note.toPlainText().strip()
        if self._kind is Instrument:
            return Instrument(
                id=InstrumentId(self.entry_id.text().strip()),
                name=name,
                provider=self.provider.text().strip(),
                description=description,
                services=frozenset(Service(value) for value in self.services.values()),
                topics=frozenset(Topic(value) for value in self.topics.values()),
                availability=availability,
                cost=CostKind(self.cost_kind.currentData()),
                cost_note=self.cost_note.text().strip(),
                forms=frozenset(Form(value) for value in self.forms.values()),
                contact=contact,
                source=source,
                last_checked=checked,
                conditions=frozenset(Condition(value) for value in self.conditions.values()),
                active=self.active.isChecked(),
                caseworker_note=note,
            )
        address = self.address.toPlainText().splitlines()
        return Partner(
            id=PartnerId(self.entry_id.text().strip()),
            name=name,
            partner_type=PartnerType(self.partner_type.currentData()),
            description=description,
            leads_routes=frozenset(Route(value) for value in self.leads_routes.values()),
            availability=availability,
            contact=contact,
            source=source,
            last_checked=checked,
            active=self.active.isChecked(),
            caseworker_note=note,
            address="\n".join(line.strip() for line in address if line.strip()),
        )

    def has_changes(self) -> bool:
        return self._original is None or self.entry() != self._original

    # -- problems ------------------------------------------------------------------------

    def show_problems(self, problems: Mapping[str, list[str]]) -> None:
        """Each finding at its field; one with no field of its own at the top."""
        unplaced: list[str] = []
        date_problem = self.last_checked.check()
        shown = {
            key: [FORM_WORDING.get(key, reason) for reason in reasons]
            for key, reasons in problems.items()
        }
        if date_problem is not None and self.last_checked.value() is None:
            shown.setdefault("last_checked", []).append(date_problem)
        for key, label in self.errors.items():
            reasons = shown.pop(key, [])
            # "contact.website" and the like land at their own field; "availability.regions"
            # and "availability.municipalities" at the picker.
            for other in [k for k in shown if k.startswith(f"{key}.")]:
                reasons += shown.pop(other)
            text = " ".join(_sentence(reason) for reason in reasons)
            label.setText(text)
            label.setVisible(bool(text))
        for reasons in shown.values():
            unplaced += reasons
        self.general_error.setText(" ".join(_sentence(reason) for reason in unplaced))
        self.general_error.setVisible(bool(unplaced))

    def problem_count(self) -> int:
        return sum(1 for label in (*self.errors.values(), self.general_error) if label.text())

    def problem_fields(self) -> list[str]:
        """The names of the fields that show a problem, in the form's order."""
        return [
            self.captions[key].text().replace("&", "")
            for key, label in self.errors.items()
            if label.text()
        ]

    def first_problem(self) -> QWidget | None:
        """The row of the first field with a problem (to scroll to)."""
        if self.general_error.text():
            return self.general_error
        return next((self.rows[key] for key, label in self.errors.items() if label.text()), None)

    # -- reacting ------------------------------------------------------------------------

    def _name_changed(self, name: str) -> None:
        if self._id_follows_name and not self._loading:
            self._loading = True
            try:
                self.entry_id.setText(slug(name))
            finally:
                self._loading = False
            self.edited.emit()  # again, now with the id that goes with the name

    def _edited(self) -> None:
        if self._loading:
            return
        if self.sender() is self.entry_id:
            self._id_follows_name = False
        self.edited.emit()


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]
