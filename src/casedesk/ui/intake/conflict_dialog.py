"""Two caseworkers changed the same answer: which version stays (issue 12).

The intake window opens this dialog when a save comes back with conflicts. It names each
answer, what this caseworker typed, what the colleague stored, and who stored it when (from
the log). The caseworker keeps their own version of everything, takes the colleague's, or
chooses per answer. Until then the colleague's version is what the dossier holds, so the
dialog cannot be closed without a choice: closing it would lose what was typed here.
"""

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from casedesk.domain.answer_merge import Choice
from casedesk.domain.dossier import AnswerConflict
from casedesk.domain.intake import field_label
from casedesk.ui.intake.summary import NOT_ANSWERED, value_text
from casedesk.ui.shared.display_text import date_and_time, escape
from casedesk.ui.shared.screen_fit import fit_to_screen

TITLE = "Een collega heeft hetzelfde veranderd"
KEEP_MINE = "&Mijn versie houden"
TAKE_THEIRS = "&Andere versie nemen"
SAVE_CHOICE = "&Keuze per gegeven opslaan"


def changed_by_text(conflict: AnswerConflict) -> str:
    """ "Veranderd door Noor Bakker op 28 november 2026 om 10:31"."""
    who = conflict.changed_by or "een collega"
    when = f" op {date_and_time(conflict.changed_at)}" if conflict.changed_at else ""
    return f"Veranderd door {who}{when}"


def _choice_cell(
    choice: str, lines: Sequence[str], parent: QWidget
) -> tuple[QWidget, QRadioButton]:
    """A radio button with the version's text beneath it, wrapped (a radio button's own
    text never wraps), the first line as typed, the others in grey."""
    cell = QWidget(parent)
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    button = QRadioButton(choice, cell)
    layout.addWidget(button)
    indent = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + 8
    for number, line in enumerate(lines):
        text = QLabel(line, cell)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setContentsMargins(indent, 0, 0, 0)
        if number:
            text.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(text)
    return cell, button


class ConflictDialog(QDialog):
    """Which version of each conflicting answer stays.

    Attributes:
        keep_mine_button, take_theirs_button, save_choice_button: the three ways out.
        mine_buttons, theirs_buttons: per answer path, the choice of this version.
    """

    def __init__(
        self,
        conflicts: Sequence[AnswerConflict],
        municipality_names: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(TITLE)
        self.setModal(True)
        self._conflicts = tuple(conflicts)
        self._names = dict(municipality_names or {})
        self.mine_buttons: dict[str, QRadioButton] = {}
        self.theirs_buttons: dict[str, QRadioButton] = {}
        self._choices: dict[str, Choice] = {}

        count = len(self._conflicts)
        which = "hetzelfde gegeven" if count == 1 else f"dezelfde {count} gegevens"
        intro = QLabel(
            f"Terwijl u werkte, heeft een collega {which} veranderd. Kies welke versie "
            "in het dossier blijft. Tot u kiest, staat de versie van uw collega erin. "
            "Wat u verder hebt getypt, is al opgeslagen.",
            self,
        )
        intro.setObjectName("conflictIntro")
        intro.setWordWrap(True)

        rows = QWidget(self)
        grid = QGridLayout(rows)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(12)
        for row, conflict in enumerate(self._conflicts):
            self._add_row(grid, row, conflict, rows)
        grid.setRowStretch(len(self._conflicts), 1)  # rows at the top, not spread out
        scroll = QScrollArea(self)
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QDialogButtonBox(self)
        self.keep_mine_button = self._button(buttons, KEEP_MINE, "keepMine")
        self.take_theirs_button = self._button(buttons, TAKE_THEIRS, "takeTheirs")
        self.save_choice_button = self._button(buttons, SAVE_CHOICE, "saveChoice")
        self.keep_mine_button.clicked.connect(lambda: self._choose_all(Choice.MINE))
        self.take_theirs_button.clicked.connect(lambda: self._choose_all(Choice.THEIRS))
        self.save_choice_button.clicked.connect(self._save_choice)
        self.keep_mine_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, min(560, self.sizeHint().height() + 40))
        fit_to_screen(self)

    def choices(self) -> dict[str, Choice]:
        """The version chosen for each conflicting answer (after the dialog closed)."""
        return dict(self._choices)

    # -- building ------------------------------------------------------------------------

    def _add_row(
        self, grid: QGridLayout, row: int, conflict: AnswerConflict, parent: QWidget
    ) -> None:
        label = conflict.label or field_label(conflict.path)
        name = QLabel(f"<b>{escape(label)}</b>", parent)
        name.setWordWrap(True)
        mine = self._value(conflict.mine, conflict.path)
        theirs = self._value(conflict.theirs, conflict.path)
        by = changed_by_text(conflict)
        mine_cell, mine_button = _choice_cell("Mijn versie", [mine], parent)
        mine_button.setObjectName(f"mine:{conflict.path}")
        mine_button.setAccessibleName(f"{label}: mijn versie, {mine}")
        theirs_cell, theirs_button = _choice_cell("Andere versie", [theirs, by], parent)
        theirs_button.setObjectName(f"theirs:{conflict.path}")
        theirs_button.setAccessibleName(f"{label}: andere versie, {theirs}. {by}")
        group = QButtonGroup(parent)
        group.addButton(mine_button)
        group.addButton(theirs_button)
        mine_button.setChecked(True)  # what the window shows until the caseworker chooses
        name.setBuddy(mine_button)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(name, row, 0, top)
        grid.addWidget(mine_cell, row, 1, top)
        grid.addWidget(theirs_cell, row, 2, top)
        self.mine_buttons[conflict.path] = mine_button
        self.theirs_buttons[conflict.path] = theirs_button

    def _value(self, value: object, path: str) -> str:
        return value_text(path, value, self._names) or NOT_ANSWERED

    def _button(self, box: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        return button

    # -- choosing ------------------------------------------------------------------------

    def _choose_all(self, choice: Choice) -> None:
        self._choices = {conflict.path: choice for conflict in self._conflicts}
        self.accept()

    def _save_choice(self) -> None:
        self._choices = {
            path: Choice.MINE if button.isChecked() else Choice.THEIRS
            for path, button in self.mine_buttons.items()
        }
        self.accept()

    def reject(self) -> None:
        """Escape does nothing: without a choice what was typed here would be lost."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
