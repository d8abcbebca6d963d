"""The first start: who works here, for which municipality, and the recovery key.

Two pages in one dialog. The first asks the caseworker's name and municipality and creates
the store through the injected callback; the second shows the recovery key once and cannot
be left until the caseworker confirms they kept it.
"""

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase, QStandardItem, QStandardItemModel, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casedesk import clock
from casedesk.domain.dutch import lower_first
from casedesk.domain.regions import Municipality
from casedesk.domain.validation import check_email, normalize_email
from casedesk.errors import KnownError
from casedesk.ui.setup.ports import CreateStore, FirstRunAnswers
from casedesk.ui.shared.display_text import long_date
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.screen_fit import fit_to_screen
from casedesk.ui.shared.text_match import fold

FOLDED_NAME_ROLE = Qt.ItemDataRole.UserRole + 1

RETRY_HINT = "Probeer het opnieuw, of kies Annuleren om te stoppen."
NAME_MISSING = "Vul uw naam in."
MUNICIPALITY_MISSING = "Vul de gemeente in waarvoor u werkt."
KEY_EXPLANATION = (
    "De dossiers staan versleuteld op deze computer. De sleutel die ze opent, bewaart "
    "casedesk in de beveiligde sleutelopslag van deze computer. Raakt die sleutel ooit "
    "kwijt, bijvoorbeeld na een herinstallatie, dan komt u alleen met deze herstelsleutel "
    "weer bij de dossiers. U ziet de herstelsleutel maar één keer."
)
KEY_ADVICE = (
    "Druk de herstelsleutel af of schrijf hem over. Bewaar hem op een veilige plek, "
    "niet bij de laptop, bijvoorbeeld in een afgesloten kast op kantoor."
)


def unknown_municipality(text: str) -> str:
    return f"‘{text}’ is geen gemeente die casedesk kent. Kies een gemeente uit de lijst."


class FoldingCompleter(QCompleter):
    """Completes municipality names ignoring case and diacritics ("sudwest" finds
    "Súdwest-Fryslân"), matching anywhere in the name."""

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        model = QStandardItemModel(parent)
        for name in names:
            item = QStandardItem(name)
            item.setData(fold(name), FOLDED_NAME_ROLE)
            model.appendRow(item)
        super().__init__(model, parent)
        self._names = model  # Python owns the model; keep it alive as long as the completer
        self.setCompletionRole(FOLDED_NAME_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(10)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        # The typed text becomes the proper name, not its folded search form.
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class FirstRunDialog(QDialog):
    """Asks who works here and for which municipality, creates the store, shows the key.

    After ``exec()`` returns ``Accepted``, ``answers`` holds what was filled in and the
    store exists. The dialog can be cancelled only before the store is created.

    Attributes:
        answers: what the caseworker filled in, once the store was created.
    """

    def __init__(
        self,
        municipalities: Sequence[Municipality],
        create_store: CreateStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create_store = create_store
        self._municipalities = {fold(m.name): m for m in municipalities}
        self._recovery_key = ""
        self.answers: FirstRunAnswers | None = None
        self.setWindowTitle("casedesk instellen")
        self.setObjectName("firstRunDialog")
        self.setAccessibleName("casedesk instellen")
        self.setMinimumWidth(620)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_details_page([m.name for m in municipalities]))
        self.pages.addWidget(self._build_key_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # -- page 1: name and municipality --------------------------------------------------

    def _build_details_page(self, names: Sequence[str]) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            "<h2>Welkom bij casedesk</h2>"
            "<p>casedesk bewaart de dossiers versleuteld op deze computer. "
            "Vul eerst uw naam en de gemeente in waarvoor u werkt. Naam op het plan, adres, "
            "telefoon en e-mail komen op elk actieplan; u kunt ze later aanvullen via "
            "Bestand › Gegevens van de gemeente.</p>",
            page,
        )
        intro.setWordWrap(True)

        self.name_field = QLineEdit(page)
        self.name_field.setAccessibleName("Uw naam")
        self.name_field.setMaxLength(120)
        self.name_error = _error_label(page, "Fout bij uw naam")

        self.municipality_field = QLineEdit(page)
        self.municipality_field.setAccessibleName("Gemeente")
        self.municipality_field.setPlaceholderText("Begin te typen, bijvoorbeeld Utrecht")
        self.municipality_field.setCompleter(FoldingCompleter(names, self.municipality_field))
        self.municipality_error = _error_label(page, "Fout bij de gemeente")

        self.printed_name_field = self._line(page, "Naam van de gemeente op het actieplan", 120)
        self.printed_name_field.setPlaceholderText("Bijvoorbeeld: Gemeente Utrecht")
        self.address_field = self._line(page, "Adres van het loket", 200)
        self.address_field.setPlaceholderText("Bijvoorbeeld: Stadsplateau 1, 3521 AZ Utrecht")
        self.phone_field = self._line(page, "Telefoonnummer van het loket", 40)
        self.phone_field.setPlaceholderText("Bijvoorbeeld: 14 030")
        self.email_field = self._line(page, "Uw e-mailadres", 200)
        self.email_field.setPlaceholderText("Bijvoorbeeld: naam@gemeente.nl")
        self.email_error = _error_label(page, "Fout bij uw e-mailadres")
        self._printed_name_typed = False
        self.printed_name_field.textEdited.connect(self._printed_name_edited)
        self.municipality_field.textChanged.connect(self._prefill_printed_name)

        self.store_error = _error_label(page, "Fout bij het maken van de opslag")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        name_label = QLabel("Uw &naam:", page)
        name_label.setBuddy(self.name_field)
        form.addRow(name_label, self.name_field)
        form.addRow("", self.name_error)
        municipality_label = QLabel("&Gemeente:", page)
        municipality_label.setBuddy(self.municipality_field)
        form.addRow(municipality_label, self.municipality_field)
        form.addRow("", self.municipality_error)
        for text, field in (
            ("Naam op het &plan:", self.printed_name_field),
            ("&Adres:", self.address_field),
            ("&Telefoon:", self.phone_field),
            ("Uw &e-mailadres:", self.email_field),
        ):
            label = QLabel(text, page)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.email_error)

        buttons = QDialogButtonBox(page)
        self.create_button = buttons.addButton(
            "Opslag &maken", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setAccessibleName("Opslag maken")
        self.create_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Annuleren")
        self.create_button.clicked.connect(self._submit_details)
        cancel.clicked.connect(self.reject)

        self.name_field.textEdited.connect(lambda: self.name_error.hide())
        self.municipality_field.textEdited.connect(lambda: self.municipality_error.hide())
        self.email_field.textEdited.connect(lambda: self.email_error.hide())

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.store_error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    @staticmethod
    def _line(page: QWidget, accessible_name: str, max_length: int) -> QLineEdit:
        field = QLineEdit(page)
        field.setAccessibleName(accessible_name)
        field.setMaxLength(max_length)
        return field

    def _printed_name_edited(self, text: str) -> None:
        self._printed_name_typed = bool(text.strip())

    def _prefill_printed_name(self, typed: str) -> None:
        # From the municipality, as long as the caseworker did not write their own.
        municipality = self._municipalities.get(fold(typed.strip()))
        if municipality is not None and not self._printed_name_typed:
            self.printed_name_field.setText(f"Gemeente {municipality.name}")

    def _submit_details(self) -> None:
        answers = self._validated_answers()
        if answers is None:
            # The messages take room: grow so that none is cut off.
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))
            fit_to_screen(self)
            return
        self.store_error.hide()
        try:
            key = self._create_store(answers)
        except KnownError as error:
            _show_inline(self.store_error, f"{error.message}\n\n{RETRY_HINT}")
            return
        except Exception as error:
            show_error(self, error)
            return
        self.answers = answers
        self._show_key(key)

    def _validated_answers(self) -> FirstRunAnswers | None:
        name = " ".join(self.name_field.text().split())
        typed = self.municipality_field.text().strip()
        municipality = self._municipalities.get(fold(typed)) if typed else None
        if not name:
            _show_inline(self.name_error, NAME_MISSING)
        if not typed:
            _show_inline(self.municipality_error, MUNICIPALITY_MISSING)
        elif municipality is None:
            _show_inline(self.municipality_error, unknown_municipality(typed))
        email_problem = check_email(self.email_field.text())
        if email_problem:
            _show_inline(self.email_error, f"Uw {lower_first(email_problem)}")
        if not name:
            self.name_field.setFocus()
            return None
        if municipality is None:
            self.municipality_field.setFocus()
            return None
        if email_problem:
            self.email_field.setFocus()
            return None
        self.name_field.setText(name)
        self.municipality_field.setText(municipality.name)
        return FirstRunAnswers(
            caseworker_name=name,
            municipality=municipality,
            printed_name=self.printed_name_field.text().strip()
            or f"Gemeente {municipality.name}",
            address=self.address_field.text().strip(),
            phone=self.phone_field.text().strip(),
            caseworker_email=normalize_email(self.email_field.text())
            if self.email_field.text().strip()
            else "",
        )

    # -- page 2: the recovery key -------------------------------------------------------

    def _build_key_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel("<h2>Bewaar uw herstelsleutel</h2>", page)
        explanation = QLabel(KEY_EXPLANATION, page)
        explanation.setWordWrap(True)

        self.key_label = QLabel(page)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAccessibleName("Herstelsleutel")
        key_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        key_font.setPointSizeF(key_font.pointSizeF() * 1.5)
        key_font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(key_font)
        self.key_label.setWordWrap(True)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setMargin(12)

        advice = QLabel(KEY_ADVICE, page)
        advice.setWordWrap(True)

        self.print_button = QPushButton("&Afdrukken…", page)
        self.print_button.setAccessibleName("Herstelsleutel afdrukken")
        self.print_button.clicked.connect(self._ask_printer_and_print)

        self.kept_check = QCheckBox("&Ik heb de herstelsleutel bewaard", page)
        self.kept_check.setAccessibleName("Ik heb de herstelsleutel bewaard")

        buttons = QDialogButtonBox(page)
        self.done_button = buttons.addButton("&Klaar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setAccessibleName("Klaar")
        self.done_button.setEnabled(False)
        self.kept_check.toggled.connect(self.done_button.setEnabled)
        # Enter after the tick means "Klaar", not the (hidden) button of the first page.
        self.kept_check.toggled.connect(lambda kept: self.done_button.setDefault(kept))
        self.done_button.clicked.connect(self.accept)

        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(self.key_label)
        layout.addWidget(advice)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.kept_check)
        layout.addWidget(buttons)
        return page

    def _show_key(self, key: str) -> None:
        self._recovery_key = key
        self.key_label.setText(key_in_lines(key))
        self.pages.setCurrentIndex(1)
        self.adjustSize()
        self.setWindowTitle("Uw herstelsleutel")
        self.key_label.setFocus()

    def _ask_printer_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Herstelsleutel afdrukken")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_key(printer)

    def print_key(self, printer: QPrinter) -> None:
        """Print the recovery key page on ``printer`` (a real printer or a PDF file)."""
        assert self.answers is not None, "the key exists only after the store was created"
        recovery_key_document(self._recovery_key, self.answers).print_(printer)

    # -- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        # Once the store exists, leaving without the key confirmed could lock the
        # caseworker out for good: only "Klaar" (after the tick) closes the dialog.
        if self.pages.currentIndex() == 1:
            return
        super().reject()

    def accept(self) -> None:
        if self.pages.currentIndex() != 1 or not self.kept_check.isChecked():
            return
        self._recovery_key = ""  # don't keep the key in memory longer than needed
        super().accept()


KEY_GROUPS_PER_LINE = 7


def key_in_lines(key: str) -> str:
    """The key in lines of whole groups, so no group is split or hidden by wrapping."""
    groups = key.split("-")
    lines = [
        "-".join(groups[start : start + KEY_GROUPS_PER_LINE])
        for start in range(0, len(groups), KEY_GROUPS_PER_LINE)
    ]
    return "-\n".join(lines)


KEY_STEPS = (
    "Opent casedesk de dossiers niet meer en zegt het dat de sleutel ontbreekt of niet past "
    "(bijvoorbeeld na een herinstallatie of op een nieuwe computer)? Sluit casedesk dan.",
    "Open een opdrachtvenster (Windows: typ ‘cmd’ in het startmenu) en typ: casedesk recover",
    "Typ de herstelsleutel hierboven over, met of zonder streepjes, en druk op Enter.",
    "Start casedesk opnieuw: de dossiers gaan weer open. Lukt het niet? Vraag uw beheerder "
    "om hulp en neem deze pagina mee.",
)


def recovery_key_document(key: str, answers: FirstRunAnswers) -> QTextDocument:
    """The printed page: what the key is for, the key itself in the same lines as on the
    screen, where to keep it, and the steps to use it."""
    today = long_date(clock.today())
    key_family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    document = QTextDocument()
    document.setHtml(
        "<h1>Herstelsleutel casedesk</h1>"
        f"<p>Gemeente: {html.escape(answers.municipality.name)}<br>"
        f"Gemaakt door: {html.escape(answers.caseworker_name)}<br>"
        f"Datum: {today}</p>"
        # In the same lines of whole groups as the screen shows, so they are easy to compare.
        f'<p style=\'font-family: "{html.escape(key_family)}"; font-size: 16pt; '
        "font-weight: bold'>"
        f"{html.escape(key_in_lines(key)).replace(chr(10), '<br>')}</p>"
        f"<p>{html.escape(KEY_EXPLANATION)}</p>"
        f"<p>{html.escape(KEY_ADVICE)}</p>"
        "<h2>Zo gebruikt u de herstelsleutel</h2><ol>"
        + "".join(f"<li>{html.escape(step)}</li>" for step in KEY_STEPS)
        + "</ol>"
    )
    return document


def _error_label(parent: QWidget, accessible_name: str) -> QLabel:
    label = QLabel(parent)
    label.setAccessibleName(accessible_name)
    label.setWordWrap(True)
    # Without this a wrapped label in a form row takes its narrow size hint, not the row.
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    # Red marks it for the eye; the text itself always says what is wrong and what to do.
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    label.hide()
    return label


def _show_inline(label: QLabel, message: str) -> None:
    label.setText(message)
    label.show()
