"""What a catalog file would change, shown before it is taken into use.

Used by Catalogus › Importeren… in the main window and by Inlezen… in Catalogus › Beheren….
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui.catalog.ports import ImportChoice
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen


class ImportPreviewDialog(QDialog):
    """What a catalog file would change, before it is taken into use."""

    taken = Signal()

    def __init__(self, choice: ImportChoice, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Catalogus inlezen")
        self._choice = choice
        layout = QVBoxLayout(self)
        intro = (
            "Dit bestand is gelijk aan de catalogus in gebruik. Er verandert niets."
            if choice.changes_nothing
            else "Dit verandert er als u deze catalogus in gebruik neemt:"
        )
        layout.addWidget(QLabel(intro, self, wordWrap=True))
        self.summary = QPlainTextEdit(choice.summary, self)
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName("Wat er verandert")
        self.summary.setMinimumSize(560, 260)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(self)
        self.take_button = buttons.addButton(
            "&In gebruik nemen", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.take_button.setEnabled(not choice.changes_nothing)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self)

    def take(self) -> None:
        try:
            self._choice.take_into_use()
        except Exception as error:
            show_error(self, error)
            return
        self.taken.emit()
        self.accept()
