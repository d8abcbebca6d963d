"""Bestand › Verwijderen na bewaartermijn…: the purge preview (dossier numbers, no names)
and the confirmation, also shown once a month when something has expired."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from casedesk.errors import KnownError
from casedesk.ui.shared.errors import show_error


@dataclass(frozen=True)
class PurgeQuestion:
    """What a purge would remove, and the command that removes exactly that."""

    lines: Sequence[str]
    case_ids: Sequence[int]
    confirm: Callable[[], Sequence[int]]
    """Removes the previewed dossiers whose term has still passed; returns their numbers."""


@dataclass(frozen=True)
class PurgePorts:
    preview: Callable[[], PurgeQuestion]
    monthly_reminder: Callable[[], PurgeQuestion | None]


class PurgeDialog(QDialog):
    """Shows the numbers; "Voorgoed verwijderen" removes them, anything else keeps them."""

    def __init__(self, question: PurgeQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purgeDialog")
        self.setWindowTitle("Verwijderen na bewaartermijn")
        self._question = question
        self.erased: Sequence[int] = ()
        layout = QVBoxLayout(self)
        text = "\n".join(question.lines)
        if question.case_ids:
            text += (
                "\n\nDeze dossiers worden voorgoed verwijderd: ook uit het zoeken en uit de "
                "opgeslagen actieplannen. Het logboek houdt alleen de nummers."
            )
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("purgeText")
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        buttons = QDialogButtonBox(self)
        self.cancel_button = buttons.addButton(
            "Niet nu" if question.case_ids else "Sluiten", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("purgeCancel")
        self.erase_button = buttons.addButton(
            "Voorgoed verwijderen", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setObjectName("purgeConfirm")
        self.erase_button.setVisible(bool(question.case_ids))
        self.erase_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.erase_button.clicked.connect(self._erase)
        layout.addWidget(buttons)

    def _erase(self) -> None:
        try:
            self.erased = self._question.confirm()
        except KnownError as error:
            show_error(self, error)
            return
        self.accept()
