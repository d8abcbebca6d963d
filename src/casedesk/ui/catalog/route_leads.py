"""Regie per route… in Catalogus › Beheren…: which kind of partner leads each route.

Advice names, for each route, the active partner of that kind where the entrepreneur
lives. A kind without such a partner in the region is refused, and said at its route
before anything is saved.
"""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from casedesk.domain.catalog import PARTNER_TYPE_LABELS, Catalog, PartnerType
from casedesk.domain.catalog_edit import route_lead_problems
from casedesk.domain.regions import RegionTable
from casedesk.domain.routes import Route
from casedesk.ui.shared.dialog_parts import error_label
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen


def route_leads_text(catalog: Catalog) -> str:
    """One line for the manager: who leads which route now."""
    return "Regie per route: " + "; ".join(
        f"{route.short_label.lower()} {PARTNER_TYPE_LABELS[catalog.lead_type(route)]}"
        for route in Route
    )


class RouteLeadsDialog(QDialog):
    """A choice of partner type per route; ``saved`` is the catalog after Opslaan."""

    def __init__(
        self,
        catalog: Catalog,
        regions: RegionTable,
        save: Callable[[dict[Route, PartnerType]], Catalog],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Regie per route")
        self.setObjectName("routeLeadsDialog")
        self._catalog = catalog
        self._regions = regions
        self._save = save
        self.saved: Catalog | None = None
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                "Kies per route welk soort partner de regie heeft. Het advies noemt dan de "
                "partner van dat soort die in gebruik is bij de ondernemer in de buurt.",
                self,
                wordWrap=True,
            )
        )
        self.choices: dict[Route, QComboBox] = {}
        self.problems: dict[Route, QLabel] = {}
        for route in Route:
            choice = QComboBox(self)
            choice.setAccessibleName(f"Regie over {route.short_label.lower()}")
            for partner_type in PartnerType:
                choice.addItem(PARTNER_TYPE_LABELS[partner_type], partner_type.value)
            choice.setCurrentIndex(choice.findData(catalog.lead_type(route).value))
            choice.currentIndexChanged.connect(self.check)
            label = QLabel(route.label.replace("Route ", "Route &", 1), self)
            label.setBuddy(choice)
            form.addRow(label, choice)
            problem = error_label(self, f"routeLeadProblem{route.value}")
            form.addRow(problem)
            self.choices[route] = choice
            self.problems[route] = problem
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(720)
        fit_to_screen(self)

    def chosen(self) -> dict[Route, PartnerType]:
        return {
            route: PartnerType(choice.currentData()) for route, choice in self.choices.items()
        }

    def check(self) -> bool:
        """Shows at each route why its choice cannot be saved; whether all can."""
        problems = route_lead_problems(self._catalog, self.chosen(), self._regions)
        for route, label in self.problems.items():
            label.setText(problems.get(route, ""))
            label.setVisible(route in problems)
        self.save_button.setEnabled(not problems)
        self.adjustSize()
        return not problems

    def save(self) -> None:
        if not self.check():
            return
        try:
            self.saved = self._save(self.chosen())
        except Exception as error:
            show_error(self, error)
            return
        self.accept()
