"""The Instrumenten step: the short list with why each fits this case, the rest folded away
as "ook beschikbaar"; filter by text and route, ticked with the keyboard (space) or the
mouse."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.advice import Advice, InstrumentMatch
from casedesk.domain.dossier import ChosenInstrument
from casedesk.domain.routes import Route
from casedesk.ui.intake.instruments_model import InstrumentFilter, InstrumentsModel, stale_text
from casedesk.ui.shared.display_text import contact_text, cost_text, escape


class InstrumentTable(QTableView):
    """Space ticks the current row's instrument, whichever column has focus."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        proxy = self.model()
        if event.key() == Qt.Key.Key_Space and self.currentIndex().isValid():
            assert isinstance(proxy, InstrumentFilter)
            source = proxy.mapToSource(self.currentIndex())
            model = proxy.sourceModel()
            assert isinstance(model, InstrumentsModel)
            model.toggle(source.row())
            event.accept()
            return
        super().keyPressEvent(event)


ALSO_AVAILABLE_NOTE = (
    "Ook beschikbaar: past bij de route, maar niet bij een vraag van deze ondernemer."
)


def instrument_html(
    match: InstrumentMatch, short_list_reason: str | None = None, *, also_available: bool = False
) -> str:
    instrument = match.instrument
    why_here = (
        f"<p><b>Op de korte lijst:</b> {escape(short_list_reason)}</p>"
        if short_list_reason
        else f"<p><i>{ALSO_AVAILABLE_NOTE}</i></p>"
        if also_available
        else ""
    )
    stale = (
        f"<p style='color:#8a5300;'><b>Let op:</b> {escape(stale_text(match))}.</p>"
        if match.stale
        else ""
    )
    fits = "".join(f"<li>{escape(line)}</li>" for line in match.fits)
    # Only for the caseworker: the catalog keeps it off the entrepreneur's paper.
    note = (
        f"<p><b>Notitie voor u (niet op papier):</b> {escape(instrument.caseworker_note)}</p>"
        if instrument.caseworker_note
        else ""
    )
    return (
        f"<h3>{escape(instrument.name)}</h3><p>Aanbieder: {escape(instrument.provider)}</p>{stale}"
        f"{why_here}<p>{escape(instrument.description)}</p>"
        f"<p><b>Waarom het past</b></p><ul>{fits}</ul>"
        f"<p><b>Kosten:</b> {escape(cost_text(instrument.cost, instrument.cost_note))}</p>"
        f"<p><b>Contact:</b> {escape(contact_text(instrument.contact))}</p>"
        f"{note}"
    )


class InstrumentsPanel(QWidget):
    """Attributes: model (the instruments and which are ticked), filter_field, route_filter,
    table, details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InstrumentsModel(self)
        self.proxy = InstrumentFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter_field = QLineEdit(self)
        self.filter_field.setObjectName("instrumentFilter")
        self.filter_field.setAccessibleName("Zoeken in instrumenten")
        self.filter_field.setPlaceholderText("Zoek op naam, aanbieder of onderwerp")
        self.filter_field.setClearButtonEnabled(True)
        self.route_filter = QComboBox(self)
        self.route_filter.setObjectName("instrumentRouteFilter")
        self.route_filter.setAccessibleName("Route van de instrumenten")
        self.route_filter.addItem("Alle routes", None)
        for route in Route:
            self.route_filter.addItem(route.label, route.value)

        self.table = InstrumentTable(self)
        self.table.setObjectName("instrumentTable")
        self.table.setAccessibleName("Instrumenten, best passend eerst. Spatie kiest.")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(
            InstrumentsModel.COL_CHOSEN, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(InstrumentsModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            InstrumentsModel.COL_ROUTE, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(InstrumentsModel.COL_COST, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            InstrumentsModel.COL_CONTACT, QHeaderView.ResizeMode.Interactive
        )
        header.setSectionResizeMode(
            InstrumentsModel.COL_CHECKED, QHeaderView.ResizeMode.ResizeToContents
        )
        header.resizeSection(InstrumentsModel.COL_COST, 180)
        header.resizeSection(InstrumentsModel.COL_CONTACT, 200)

        self.details = QTextBrowser(self)
        self.details.setObjectName("instrumentDetails")
        self.details.setAccessibleName("Over het gekozen instrument")
        self.details.setOpenExternalLinks(False)
        self.orphans_label = QLabel(self)
        self.orphans_label.setObjectName("orphanInstruments")
        self.orphans_label.setAccessibleName("Eerder gekozen, niet meer in het advies")
        self.orphans_label.setWordWrap(True)
        self.orphans_label.hide()
        self.short_list_label = QLabel(self)
        self.short_list_label.setObjectName("shortListLabel")
        self.short_list_label.setWordWrap(True)
        self.also_available_button = QPushButton(self)
        self.also_available_button.setObjectName("alsoAvailableButton")
        self.also_available_button.setCheckable(True)
        self.also_available_button.setAccessibleName("Ook beschikbaar tonen of verbergen")

        filters = QHBoxLayout()
        filter_label = QLabel("&Zoeken:", self)
        filter_label.setBuddy(self.filter_field)
        route_label = QLabel("R&oute:", self)
        route_label.setBuddy(self.route_filter)
        filters.addWidget(filter_label)
        filters.addWidget(self.filter_field, 1)
        filters.addWidget(route_label)
        filters.addWidget(self.route_filter)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("instrumentSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        hint = QLabel("Kies met de pijltjes en de spatiebalk. De keuze wordt meteen bewaard.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.orphans_label)
        short_list_row = QHBoxLayout()
        short_list_row.addWidget(self.short_list_label, 1)
        short_list_row.addWidget(self.also_available_button)
        layout.addLayout(short_list_row)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.filter_field, self.route_filter)
        self.setTabOrder(self.route_filter, self.also_available_button)
        self.setTabOrder(self.also_available_button, self.table)
        self.setTabOrder(self.table, self.details)

        self.filter_field.textChanged.connect(self.proxy.set_text)
        self.route_filter.currentIndexChanged.connect(self._route_changed)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.proxy.modelReset.connect(self._select_first)
        self.also_available_button.toggled.connect(self._fold)
        self._show_short_list_size()

    def show_advice(self, advice: Advice | None, chosen: tuple[ChosenInstrument, ...]) -> None:
        self.model.set_matches(
            advice.instruments if advice else (), advice.short_list if advice else ()
        )
        self.model.set_chosen(item.instrument_id for item in chosen)
        self._show_short_list_size()
        advised = {m.instrument.id for m in (advice.instruments if advice else ())}
        orphans = [item.name for item in chosen if item.instrument_id not in advised]
        self.orphans_label.setText(
            "Eerder gekozen, maar niet meer in het advies: " + ", ".join(orphans) if orphans else ""
        )
        self.orphans_label.setVisible(bool(orphans))
        if not self.table.currentIndex().isValid():
            self._select_first()

    def _fold(self, show_all: bool) -> None:
        self.proxy.set_show_all(show_all)
        self._show_short_list_size()
        if not self.table.currentIndex().isValid():
            self._select_first()

    def _show_short_list_size(self) -> None:
        short = self.model.short_list_size
        rest = self.model.rowCount() - short
        if short == 0:
            self.short_list_label.setText(
                "Geen korte lijst: nog geen vraag of situatie waar een instrument bij past. "
                "Hieronder staat alles wat bij de route past."
                if rest
                else ""
            )
        else:
            self.short_list_label.setText(
                f"Korte lijst: {short} {'instrument' if short == 1 else 'instrumenten'} voor "
                "wat deze ondernemer nodig heeft."
            )
        showing = self.also_available_button.isChecked()
        self.also_available_button.setText(
            "Ook beschikbaar &verbergen" if showing else f"Ook beschikbaar to&nen ({rest})"
        )
        self.also_available_button.setVisible(short > 0 and rest > 0)

    def _route_changed(self) -> None:
        value = self.route_filter.currentData()
        self.proxy.set_route(Route(int(value)) if value is not None else None)

    def _select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.table.setCurrentIndex(self.proxy.index(0, InstrumentsModel.COL_NAME))
        else:
            self.details.setHtml("<p><i>Geen instrumenten gevonden.</i></p>")

    def _show_details(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.proxy.mapToSource(current).row()
        reason = self.model.short_list_reason(row)
        also_available = reason is None and self.model.short_list_size > 0
        self.details.setHtml(
            instrument_html(self.model.match_at(row), reason, also_available=also_available)
        )
