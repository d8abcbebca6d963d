"""Verwijderen… in Catalogus › Beheren…: what removing an entry means, said before it
happens, with "In gebruik" off offered as the better choice when dossiers use it.

Dossiers keep only the id and the name of an instrument they chose or a partner they
refer to (``db/models.py``, ``CaseInstrument`` and ``Referral``). After a removal they
still show that name, but a plan or letter made later lacks the description, the costs,
the contact details and the address, which an entry that is only "In gebruik" off keeps.
"""

from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.catalog import Instrument
from casedesk.domain.catalog_edit import DossierUse, Entry
from casedesk.domain.report import MIN_SHOWN
from casedesk.ui.shared.screen_fit import fit_to_screen


class RemovalChoice(Enum):
    REMOVE = "verwijderen"
    DEACTIVATE = "in gebruik uit"


def removal_text(entry: Entry, use: DossierUse) -> str:
    """What removing ``entry`` means, with what it does to the dossiers that use it."""
    instrument = isinstance(entry, Instrument)
    it = "dit instrument" if instrument else "deze partner"
    lines = [
        f"Verwijderen haalt {it} helemaal uit de catalogus. Het advies noemt het niet meer, "
        "niemand kan er nog naar verwijzen, en het staat niet in de volgende versie die u "
        "naar de gemeenten stuurt."
    ]
    lacks = (
        "de beschrijving, de kosten en de contactgegevens"
        if instrument
        else "het postadres en de contactgegevens"
    )
    later = f"een actieplan of brief die daarna wordt gemaakt, mist {lacks}"
    if use.count is None:
        lines.append(
            f"Let op: minder dan {MIN_SHOWN} dossiers gebruiken {it}. Het precieze aantal "
            "ziet u als coördinator niet, net als in de rapportage. Die dossiers houden de "
            f"naam, maar {later}."
        )
    elif use.count:
        counted = "1 dossier gebruikt" if use.count == 1 else f"{use.count} dossiers gebruiken"
        lines.append(
            f"Let op: {counted} {it}. Die dossiers houden de naam, maar {later}."
        )
    else:
        lines.append(f"Geen dossier gebruikt {it}.")
    if use.in_use and entry.active:
        lines.append(
            "Beter: zet “In gebruik” uit. Dan noemt het advies het niet meer, en houden de "
            "dossiers alles wat ze tonen."
        )
    elif use.in_use:
        lines.append(
            "Het staat al niet in gebruik; zo houden de dossiers alles. Laat het daarom "
            "liever staan."
        )
    return "\n\n".join(lines)


class RemoveEntryDialog(QDialog):
    """The confirmation of Verwijderen…; ``choice`` says what the coordinator chose."""

    def __init__(self, entry: Entry, use: DossierUse, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Uit de catalogus verwijderen")
        self.setObjectName("removeEntryDialog")
        self.choice: RemovalChoice | None = None
        layout = QVBoxLayout(self)
        self.question = QLabel(f"“{entry.name}” verwijderen uit de catalogus?", self)
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.explanation = QLabel(removal_text(entry, use), self)
        self.explanation.setObjectName("removalExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("Wat verwijderen betekent")
        layout.addWidget(self.explanation)
        buttons = QDialogButtonBox(self)
        offer_deactivate = use.in_use and entry.active
        self.deactivate_button: QPushButton | None = None
        if offer_deactivate:
            self.deactivate_button = buttons.addButton(
                "“&In gebruik” uitzetten", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.deactivate_button.clicked.connect(lambda: self._choose(RemovalChoice.DEACTIVATE))
        self.remove_button = buttons.addButton(
            "Toch &verwijderen" if use.in_use else "&Verwijderen",
            QDialogButtonBox.ButtonRole.DestructiveRole,
        )
        self.remove_button.clicked.connect(lambda: self._choose(RemovalChoice.REMOVE))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Annuleren")
        cancel.clicked.connect(self.reject)
        # The safe choice is the one Enter takes: never the removal.
        default = self.deactivate_button or cancel
        default.setDefault(True)
        default.setFocus()
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        fit_to_screen(self)

    def _choose(self, choice: RemovalChoice) -> None:
        self.choice = choice
        self.accept()
