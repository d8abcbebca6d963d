"""The intake window: nine steps on one side, the open step beside it, saved while typing.

Any step opens at any time (mouse, arrow keys in the step list, Alt+1..9). Answers are
saved ``AUTOSAVE_DELAY_MS`` after the last change, and at once when a field loses focus,
another step opens, Ctrl+S is pressed or the window closes. Each save refreshes the
inline validation, the advice and (when the name, birth date, KvK number or BSN changed)
the duplicate check.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk import clock
from casedesk.domain.advice import Advice
from casedesk.domain.agreements import Action, Appointment
from casedesk.domain.answer_merge import Choice
from casedesk.domain.case import CaseId
from casedesk.domain.decision import RouteDecision, decision_still_matches
from casedesk.domain.dossier import (
    AnswerConflict,
    AnswersBase,
    AnswersSaved,
    ChosenInstrument,
    DuplicateMatch,
    IntakeState,
    PartBase,
    PartSaved,
    Registration,
)
from casedesk.domain.intake import (
    FIELD_LABELS,
    AcuteDebtKind,
    Channel,
    Country,
    DebtKind,
    DebtLevel,
    HelpRequest,
    Household,
    IntakeAnswers,
    LegalForm,
    Sector,
    UnmetNeed,
    Wish,
    apply_value,
    display_name,
    read_value,
    scheme_choice_label,
    schemes_to_choose,
)
from casedesk.domain.intake import (
    Signal as WellbeingSignal,
)
from casedesk.domain.part_merge import (
    ACTIONS_PART,
    APPOINTMENT_PART,
    INSTRUMENTS_PART,
    REGISTRATION_PART,
    resolve_actions,
    resolve_appointment,
    resolve_registration,
)
from casedesk.domain.regions import Municipality
from casedesk.domain.routes import Route
from casedesk.domain.validation import MAX_HOURS_PER_WEEK, MAX_STAFF, validate_field
from casedesk.errors import KeptForLaterError, KnownError
from casedesk.ui.intake.advice import AdvicePanel, missing_html
from casedesk.ui.intake.agreements import AgreementsPanel
from casedesk.ui.intake.conflict_dialog import ConflictDialog
from casedesk.ui.intake.fields import (
    FieldBinding,
    MunicipalityBox,
    choice_field,
    date_field,
    multi_field,
    municipality_field,
    number_field,
    text_field,
    wrap_with_message,
    yes_no_field,
)
from casedesk.ui.intake.instruments import InstrumentsPanel
from casedesk.ui.intake.ports import IntakePort
from casedesk.ui.intake.summary import summary_html, to_check_html
from casedesk.ui.shared.date_input import DateInput
from casedesk.ui.shared.display_text import clock_time
from casedesk.ui.shared.errors import show_error
from casedesk.ui.shared.help_windows import ShortcutsDialog
from casedesk.ui.shared.screen_fit import fit_to_screen

AUTOSAVE_DELAY_MS = 700
"""Long enough that a typed word is one save, short enough that a crash loses under a second."""
AUTOSAVE_MAX_DELAY_MS = 1000
"""While the caseworker keeps typing, save at least this often: a crash or power cut then
loses at most about a second of typing (issue 4)."""

STEPS = (
    "Aanmelding",
    "Ondernemer",
    "Onderneming",
    "Situatie",
    "Toekomst en hulpvraag",
    "Advies",
    "Instrumenten",
    "Afspraken",
    "Samenvatting",
)
STEP_REGISTRATION, STEP_PERSON, STEP_BUSINESS, STEP_SITUATION, STEP_FUTURE = range(5)
STEP_ADVICE, STEP_INSTRUMENTS, STEP_AGREEMENTS, STEP_SUMMARY = range(5, 9)

_STEP_OF_SECTION = {
    "entrepreneur": STEP_PERSON,
    "business": STEP_BUSINESS,
    "situation": STEP_SITUATION,
    "future": STEP_FUTURE,
    "channel": STEP_REGISTRATION,
}
_IDENTITY_PATHS = (
    "entrepreneur.first_names", "entrepreneur.name_prefix", "entrepreneur.surname",
    "entrepreneur.date_of_birth", "entrepreneur.bsn", "business.kvk_number",
)  # fmt: skip
_GEOMETRY_KEY = "intake_window/geometry"
_SPLITTER_KEY = "intake_window/splitter"


_Part = TypeVar("_Part")


def _without_ids(actions: Sequence[Action]) -> tuple[Action, ...]:
    return tuple(replace(action, action_id=None) for action in actions)


def step_of(path: str) -> int:
    return _STEP_OF_SECTION[path.split(".", 1)[0]]


def _on_step(step: int) -> Callable[[str], bool]:
    return lambda path: step_of(path) == step


@dataclass(frozen=True, slots=True)
class _Stored:
    """What the window last stored, to save only what changed."""

    answers: IntakeAnswers
    registration: Registration
    appointment: Appointment | None
    actions: tuple[Action, ...]
    versions: Mapping[str, int]
    """The versions of the answers' parts the window last loaded or stored: the next
    save of the answers is checked against them (a colleague on the same dossier)."""
    step_versions: Mapping[str, int]
    """The same for the registration, the chosen instruments and the actions."""


class IntakeWindow(QMainWindow):
    """One dossier's intake.

    Attributes:
        case_id: the dossier.
        step_list: the steps; the current row is the open step.
        pages: one page per step.
        bindings: the answer controls by answer path.
        saved_label: "Opgeslagen om 14:05" (or why the last save failed).
        duplicates_bar: offers to open another dossier of the same entrepreneur.
        advice_panel, instruments_panel, agreements_panel, summary: the later steps.

    Signals:
        saved(int): answers, actions or decisions of the case were stored (refresh lists).
        open_dossier_requested(int): the caseworker chose to open this other dossier.
        plan_requested(int): the caseworker asked for this dossier's action plan (Ctrl+P or
            "Actieplan maken" on the summary); everything typed is stored first.
        closed(int): the window closed after saving.
    """

    saved = Signal(int)
    open_dossier_requested = Signal(int)
    plan_requested = Signal(int)
    closed = Signal(int)

    def __init__(
        self,
        port: IntakePort,
        case_id: CaseId,
        *,
        municipalities: Sequence[Municipality] = (),
        settings: QSettings | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        """Loads the stored intake (``port.load_intake``; may raise ``KnownError``)."""
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setObjectName("intakeWindow")
        self.case_id = case_id
        self._port = port
        self._municipalities = list(municipalities)
        self._settings = settings if settings is not None else QSettings()
        self._today = today
        state = port.load_intake(case_id)
        self._state = state
        self._stored = _Stored(
            state.answers, state.registration, state.appointment, state.actions,
            state.answer_versions, state.step_versions,
        )  # fmt: skip
        self._decision: RouteDecision | None = state.decision
        self._chosen: tuple[ChosenInstrument, ...] = state.chosen_instruments
        self._advice: Advice | None = None
        self._checked_identity: tuple[object, ...] | None = None
        self._dismissed_duplicates: set[int] = set()
        self._duplicates: list[DuplicateMatch] = []
        self._save_failed = False
        self._answers_kept_here = False
        """The newest answers wait in the journal on this computer (no server just now)."""
        self._closing = False

        self.bindings: dict[str, FieldBinding] = {}
        self._missing_labels: dict[int, QLabel] = {}
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_now)
        self._autosave_deadline = QTimer(self)
        self._autosave_deadline.setSingleShot(True)
        self._autosave_deadline.setInterval(AUTOSAVE_MAX_DELAY_MS)
        self._autosave_deadline.timeout.connect(self.save_now)

        self._build()
        self._load_into_controls(state)
        self._refresh_validation(state.answers)
        self._refresh_after_save(state.answers)
        self._show_saved_at(state.answers_saved_at)
        self._update_title()
        self._restore_layout()
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        self.open_step(STEP_REGISTRATION if state.answers == IntakeAnswers() else STEP_PERSON)

    # -- public --------------------------------------------------------------------------

    def current_answers(self) -> IntakeAnswers:
        """The answers as they are in the controls now (saved or not)."""
        answers = self._stored.answers
        for path, binding in self.bindings.items():
            answers = apply_value(answers, path, binding.read())
        return answers

    def current_registration(self) -> Registration:
        day = self.registration_date.value() or self._stored.registration.registration_date
        code = self.counter_box.code() or self._stored.registration.municipality_code
        return Registration(day, code)

    def open_step(self, step: int, *, focus: bool = False) -> None:
        """Show a step; with ``focus`` the keyboard goes to its first control."""
        self.step_list.setCurrentRow(step)
        if focus:
            self._focus_first_control(step)

    def save_now(self) -> bool:
        """Store whatever changed; returns whether everything is stored."""
        self._autosave.stop()
        self._autosave_deadline.stop()
        answers = self.current_answers()
        registration = self.current_registration()
        appointment = self.agreements_panel.appointment()
        actions = self._savable_actions()
        stored = self._stored
        changed = False
        try:
            if answers != stored.answers:
                answers = self._save_answers(answers)
                stored = self._stored
                changed = True
            if registration != stored.registration:
                self._save_registration(registration)
                stored = self._stored
                changed = True
            if appointment != stored.appointment:
                self._save_appointment(appointment)
                stored = self._stored
                changed = True
            if actions != stored.actions:
                self._save_actions(actions)
                changed = True
        except Exception as error:
            self._answers_kept_here = isinstance(error, KeptForLaterError)
            self._save_error(error)
            return False
        self._answers_kept_here = False
        if self._save_failed:
            self._save_failed = False
            changed = True  # the label still says the last save failed
        # Text the answers cannot hold (a half-typed date) is explained even without a save.
        self._refresh_validation(answers)
        if changed:
            self._show_saved_at(clock.now())
            self.saved.emit(int(self.case_id))
            self._refresh_after_save(answers)
        return True

    def _save_answers(self, answers: IntakeAnswers) -> IntakeAnswers:
        """Stores the answers against what this window last stored; returns them as stored.

        What a colleague stored meanwhile comes in and is shown. An answer both changed
        asks the caseworker which version stays, and the choice is saved in turn.
        """
        while True:
            base = AnswersBase(self._stored.answers, self._stored.versions)
            saved = self._port.save_answers(self.case_id, answers, base)
            self._stored = replace(self._stored, answers=saved.answers, versions=saved.versions)
            if not saved.conflicts:
                break
            chosen = self._choose_versions(saved, answers)
            if chosen == saved.answers:
                break  # the colleague's versions: stored already
            answers = chosen
        if saved.answers != answers:
            self._show_answers(saved.answers)
        return saved.answers

    def _choose_versions(self, saved: AnswersSaved, typed: IntakeAnswers) -> IntakeAnswers:
        """Asks which version of each conflicting answer stays; the answers to store."""
        choices = self._ask_versions(saved.conflicts)
        chosen = saved.answers
        for conflict in saved.conflicts:
            if choices.get(conflict.path) is Choice.MINE:
                chosen = apply_value(chosen, conflict.path, read_value(typed, conflict.path))
        self._show_answers(chosen)
        return chosen

    def _ask_versions(self, conflicts: Sequence[AnswerConflict]) -> dict[str, Choice]:
        """The conflict dialog: which version of each field stays."""
        names = {str(m.code): m.name for m in self._municipalities}
        dialog = ConflictDialog(conflicts, names, self)
        dialog.exec()
        return dialog.choices()

    def _save_part(
        self,
        part: str,
        typed: _Part,
        last: _Part,
        save: Callable[[_Part, PartBase[_Part]], PartSaved[_Part]],
        resolve: Callable[[PartSaved[_Part], dict[str, Choice]], _Part],
        keep: Callable[[_Stored, _Part], _Stored],
    ) -> _Part:
        """Stores the registration, the appointment or the actions against what this
        window last stored, as :meth:`_save_answers` does the answers; returns them as
        stored. ``keep`` puts a stored value into ``_Stored``."""
        base = PartBase(last, self._stored.step_versions.get(part, 0))
        while True:
            saved = save(typed, base)
            # Value and version move together: should the save of a choice fail, the
            # next one still starts from what this window knows is stored.
            versions = {**self._stored.step_versions, part: saved.version}
            self._stored = keep(replace(self._stored, step_versions=versions), saved.value)
            base = saved.base
            if not saved.conflicts:
                return saved.value
            chosen = resolve(saved, self._ask_versions(saved.conflicts))
            if chosen == saved.value:
                return saved.value  # the colleague's versions: stored already
            typed = chosen

    def _save_registration(self, registration: Registration) -> None:
        stored = self._save_part(
            REGISTRATION_PART,
            registration,
            self._stored.registration,
            lambda typed, base: self._port.save_registration(self.case_id, typed, base),
            lambda saved, choices: resolve_registration(saved.value, saved.conflicts, choices),
            lambda kept, value: replace(kept, registration=value),
        )
        if stored != registration:
            with QSignalBlocker(self.registration_date):
                self.registration_date.set_value(stored.registration_date)
            self.counter_box.set_code(stored.municipality_code)

    def _save_appointment(self, appointment: Appointment | None) -> None:
        stored = self._save_part(
            APPOINTMENT_PART,
            appointment,
            self._stored.appointment,
            lambda typed, base: self._port.save_appointment(self.case_id, typed, base),
            lambda saved, choices: resolve_appointment(
                saved.value, appointment, saved.conflicts, choices
            ),
            lambda kept, value: replace(kept, appointment=value),
        )
        if stored != appointment:
            self.agreements_panel.set_appointment(stored)

    def _save_actions(self, actions: tuple[Action, ...]) -> None:
        stored = self._save_part(
            ACTIONS_PART,
            actions,
            self._stored.actions,
            lambda typed, base: self._port.save_actions(self.case_id, typed, base),
            lambda saved, choices: resolve_actions(
                saved.value, actions, saved.conflicts, choices
            ),
            lambda kept, value: replace(kept, actions=value),
        )
        if _without_ids(stored) == _without_ids(actions):
            self._adopt_action_ids(stored)
        else:  # a colleague's actions merged in: the table shows what is stored
            self.agreements_panel.model.set_actions(stored)
        self._stored = replace(self._stored, actions=self._savable_actions())

    def _show_answers(self, answers: IntakeAnswers) -> None:
        """Puts answers into the controls that show something else (not an edit)."""
        for path, binding in self.bindings.items():
            value = read_value(answers, path)
            if binding.read() != value:
                with QSignalBlocker(binding.control):
                    binding.write(value)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.step_list = QListWidget(self)
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName("Stappen van de intake")
        self.step_list.setAccessibleDescription("Alt+1 tot en met Alt+9 opent een stap.")
        for _ in STEPS:
            QListWidgetItem(self.step_list)
        width = max(self.fontMetrics().horizontalAdvance(f"✓  9. {s}") for s in STEPS) + 40
        self.step_list.setMinimumWidth(width)

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("stepPages")
        self.agreements_panel = AgreementsPanel(self._today(), self)
        self.advice_panel = AdvicePanel(self)
        self.instruments_panel = InstrumentsPanel(self)
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("summary")
        self.summary.setAccessibleName("Samenvatting van de intake")
        builders: list[Callable[[], QWidget]] = [
            self._registration_page,
            self._person_page,
            self._business_page,
            self._situation_page,
            self._future_page,
            lambda: self._scrolling(self.advice_panel),
            lambda: self.instruments_panel,
            lambda: self.agreements_panel,
            self._summary_page,
        ]
        for build in builders:
            self.pages.addWidget(build())

        self.duplicates_bar = self._build_duplicates_bar()
        self.step_title = QLabel(self)
        self.step_title.setObjectName("stepTitle")
        font = self.step_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.step_title.setFont(font)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.duplicates_bar)
        right_layout.addWidget(self.step_title)
        right_layout.addWidget(self.pages, 1)
        right_layout.addLayout(self._build_step_buttons())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("intakeSplitter")
        self.splitter.addWidget(self.step_list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([width, 1000])
        self.setCentralWidget(self.splitter)

        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setAccessibleName("Opgeslagen")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().setAccessibleName("Statusbalk")

        self._build_actions()
        self.step_list.currentRowChanged.connect(self._step_changed)
        self.step_list.itemActivated.connect(
            lambda item: self._focus_first_control(self.step_list.row(item))
        )
        for binding in self.bindings.values():
            binding.changed.connect(lambda *_, b=binding: self._edited(b))
        self.registration_date.value_changed.connect(self._schedule_save)
        self.counter_box.currentTextChanged.connect(self._schedule_save)
        self.agreements_panel.appointment_changed.connect(self._schedule_save)
        self.agreements_panel.actions_changed.connect(self.save_now)
        self.advice_panel.decide_requested.connect(self._decide)
        self.instruments_panel.model.chosen_changed.connect(self._choose_instruments)

    def _build_actions(self) -> None:
        for number, step in enumerate(STEPS, start=1):
            action = QAction(f"{number}. {step}", self)
            action.setObjectName(f"stepAction{number}")
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _=False, s=number - 1: self.open_step(s, focus=True))
            self.addAction(action)
        for name, text, keys, slot in (
            ("saveAction", "Opslaan", QKeySequence.StandardKey.Save, self.save_now),
            ("closeAction", "Intake sluiten", QKeySequence.StandardKey.Close, self.close),
            ("nextStepAction", "Volgende stap", QKeySequence("Ctrl+PgDown"),
             lambda: self._move_step(1)),
            ("previousStepAction", "Vorige stap", QKeySequence("Ctrl+PgUp"),
             lambda: self._move_step(-1)),
            ("planAction", "Actieplan maken", QKeySequence.StandardKey.Print, self.request_plan),
            ("shortcutsAction", "Sneltoetsen", QKeySequence(Qt.Key.Key_F1),
             self._show_shortcuts),
        ):  # fmt: skip
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)
        accept = QAction("Advies overnemen", self)
        accept.setObjectName("acceptAdviceAction")
        accept.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        accept.triggered.connect(self._accept_shortcut)
        self.addAction(accept)

    def _build_step_buttons(self) -> QHBoxLayout:
        # The keys are in the text, not as Alt letters: every letter is taken by the forms.
        self.previous_button = QPushButton("← Vorige stap (Ctrl+PgUp)", self)
        self.previous_button.setObjectName("previousStep")
        self.previous_button.setAccessibleName("Vorige stap")
        self.previous_button.clicked.connect(lambda: self._move_step(-1))
        self.next_button = QPushButton("Volgende stap (Ctrl+PgDn) →", self)
        self.next_button.setObjectName("nextStep")
        self.next_button.setAccessibleName("Volgende stap")
        self.next_button.clicked.connect(lambda: self._move_step(1))
        row = QHBoxLayout()
        row.addWidget(self.previous_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        return row

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        self.plan_button = QPushButton("Actieplan maken (Ctrl+P)", page)
        self.plan_button.setObjectName("planButton")
        self.plan_button.setAccessibleName("Actieplan maken en bekijken")
        self.plan_button.clicked.connect(self.request_plan)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.plan_button)
        layout.addLayout(row)
        QWidget.setTabOrder(self.summary, self.plan_button)
        return page

    def _show_shortcuts(self) -> None:
        self.help_dialog = ShortcutsDialog([self], self)
        self.help_dialog.open()

    def request_plan(self) -> None:
        """Store everything, then ask for the plan; a failed save asks nothing."""
        if self.save_now():
            self.plan_requested.emit(int(self.case_id))

    def _scrolling(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _form_page(
        self, step: int, bindings: Sequence[FieldBinding], intro: str = ""
    ) -> QScrollArea:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        if intro:
            intro_label = QLabel(intro, page)
            intro_label.setWordWrap(True)
            layout.addWidget(intro_label)
        missing = QLabel(page)
        missing.setObjectName(f"missingLabel{step + 1}")
        missing.setAccessibleName("Wat het advies nog nodig heeft")
        missing.setWordWrap(True)
        missing.setStyleSheet("QLabel { color: #8a5300; }")
        missing.hide()
        self._missing_labels[step] = missing
        layout.addWidget(missing)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        previous: QWidget | None = None
        for binding in bindings:
            label = QLabel(f"{FIELD_LABELS[binding.path]}:", page)
            label.setBuddy(binding.control)
            label.setWordWrap(True)
            form.addRow(label, binding.container)
            self.bindings[binding.path] = binding
            if previous is not None:
                QWidget.setTabOrder(previous, binding.control)
            previous = binding.control
        layout.addLayout(form)
        layout.addStretch(1)
        return self._scrolling(page)

    def _registration_page(self) -> QWidget:
        page = QWidget(self)
        self.registration_date = DateInput(page, self._today, in_the_past=True)
        self.registration_date.setObjectName("registrationDate")
        self.registration_date.setAccessibleName("Datum van aanmelding")
        self.counter_box = MunicipalityBox(self._municipalities, page)
        self.counter_box.setObjectName("counterMunicipality")
        self.counter_box.setAccessibleName("Gemeente van het loket")
        channel = choice_field("channel", Channel, page)
        self.bindings["channel"] = channel
        form = QFormLayout(page)
        date_row, self.registration_message = wrap_with_message(
            self.registration_date, "Datum van aanmelding", page
        )
        for text, widget, row in (
            ("Datum van &aanmelding:", self.registration_date, date_row),
            ("&Gemeente van het loket:", self.counter_box, self.counter_box),
        ):
            label = QLabel(text, page)
            label.setBuddy(widget)
            form.addRow(label, row)
        channel_label = QLabel(f"{FIELD_LABELS['channel']}:", page)
        channel_label.setBuddy(channel.control)
        form.addRow(channel_label, channel.container)
        QWidget.setTabOrder(self.registration_date, self.counter_box)
        QWidget.setTabOrder(self.counter_box, channel.control)
        return self._scrolling(page)

    def _person_page(self) -> QWidget:
        page = QWidget(self)
        fields = [
            text_field("entrepreneur.first_names", page),
            text_field("entrepreneur.name_prefix", page, max_length=20),
            text_field("entrepreneur.surname", page),
            date_field("entrepreneur.date_of_birth", page, self._today),
            text_field("entrepreneur.phone", page, max_length=40),
            text_field("entrepreneur.email", page),
            text_field("entrepreneur.street_address", page),
            text_field("entrepreneur.postcode", page, max_length=12),
            text_field("entrepreneur.place", page),
            municipality_field("entrepreneur.municipality_code", self._municipalities, page),
            choice_field("entrepreneur.country", Country, page),
            text_field("entrepreneur.bsn", page, max_length=12),
        ]
        fields[-1].control.setToolTip("Alleen invullen als een regeling het BSN nodig heeft.")
        return self._form_page(STEP_PERSON, fields)

    def _business_page(self) -> QWidget:
        page = QWidget(self)
        return self._form_page(
            STEP_BUSINESS,
            [
                text_field("business.trade_name", page),
                text_field("business.kvk_number", page, max_length=12),
                choice_field("business.sector", Sector, page),
                choice_field("business.legal_form", LegalForm, page),
                date_field("business.start_date", page, self._today),
                number_field("business.staff", MAX_STAFF, page),
                number_field("business.hours_per_week", MAX_HOURS_PER_WEEK, page, " uur"),
            ],
        )

    def _situation_page(self) -> QWidget:
        page = QWidget(self)
        return self._form_page(
            STEP_SITUATION,
            [
                multi_field(
                    "situation.schemes", schemes_to_choose(), page, scheme_choice_label
                ),
                number_field("situation.turnover_drop_percent", 100, page, "%"),
                yes_no_field("situation.fixed_costs_covered", page),
                yes_no_field("situation.living_costs_covered", page),
                choice_field("situation.debts", DebtLevel, page),
                multi_field("situation.acute_debt_kinds", AcuteDebtKind, page),
                multi_field("situation.debt_kinds", DebtKind, page),
                multi_field("situation.signals", WellbeingSignal, page),
                yes_no_field("situation.crisis", page),
                choice_field("situation.household", Household, page),
            ],
            "Kies in een lijst met de pijltjes; de spatiebalk zet een vinkje.",
        )

    def _future_page(self) -> QWidget:
        page = QWidget(self)
        return self._form_page(
            STEP_FUTURE,
            [
                choice_field("future.wish", Wish, page),
                multi_field("future.help_requests", HelpRequest, page),
                multi_field("future.unmet_needs", UnmetNeed, page),
                text_field("future.unmet_needs_note", page, max_length=500),
            ],
        )

    def _build_duplicates_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setObjectName("duplicatesBar")
        bar.setAccessibleName("Mogelijk dubbel dossier")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar.setStyleSheet("#duplicatesBar { background: #fff3cd; border: 1px solid #d39e00; }")
        layout = QHBoxLayout(bar)
        self.duplicates_label = QLabel(bar)
        self.duplicates_label.setObjectName("duplicatesLabel")
        self.duplicates_label.setWordWrap(True)
        self.duplicates_label.setAccessibleName("Mogelijk dubbel dossier")
        self.open_duplicate_button = QPushButton(bar)
        self.open_duplicate_button.setObjectName("openDuplicateButton")
        self.open_duplicate_button.setAccessibleName("Open het andere dossier")
        self.continue_button = QPushButton("&Verder met dit dossier", bar)
        self.continue_button.setObjectName("dismissDuplicateButton")
        self.continue_button.setAccessibleName("Verder met dit dossier")
        layout.addWidget(self.duplicates_label, 1)
        layout.addWidget(self.open_duplicate_button)
        layout.addWidget(self.continue_button)
        self.open_duplicate_button.clicked.connect(self._open_duplicate)
        self.continue_button.clicked.connect(self._dismiss_duplicates)
        bar.hide()
        return bar

    # -- loading -------------------------------------------------------------------------

    def _load_into_controls(self, state: IntakeState) -> None:
        for path, binding in self.bindings.items():
            with QSignalBlocker(binding.control):
                binding.write(read_value(state.answers, path))
        with QSignalBlocker(self.registration_date):
            self.registration_date.set_value(state.registration.registration_date)
        self.counter_box.set_code(state.registration.municipality_code)
        self.agreements_panel.set_appointment(state.appointment)
        # A reset is no edit: the panel saves only on edits (rows inserted, removed, changed).
        self.agreements_panel.model.set_actions(state.actions)

    # -- editing and saving --------------------------------------------------------------

    def _schedule_save(self) -> None:
        """Save a moment after the last change, and no later than the deadline."""
        self._autosave.start()
        if not self._autosave_deadline.isActive():
            self._autosave_deadline.start()

    def _edited(self, binding: FieldBinding) -> None:
        self._schedule_save()
        if binding.message.isVisible():
            # A shown message goes away as soon as the answer is right, not a second later.
            self._show_field_message(binding, self.current_answers())

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and self._autosave.isActive() and self.isAncestorOf(old):
            self.save_now()

    def _savable_actions(self) -> tuple[Action, ...]:
        """Actions with a description: an empty new row is not an agreement yet."""
        return tuple(a for a in self.agreements_panel.model.actions if a.description.strip())

    def _adopt_action_ids(self, stored: tuple[Action, ...]) -> None:
        model = self.agreements_panel.model
        rows = [row for row, a in enumerate(model.actions) if a.description.strip()]
        current = list(model.actions)
        for row, with_id in zip(rows, stored, strict=False):
            current[row] = replace(current[row], action_id=with_id.action_id)
        model.adopt_ids(tuple(current))

    def _save_error(self, error: Exception) -> None:
        message = error.message if isinstance(error, KnownError) else "Er ging iets mis."
        self.saved_label.setText(f"Niet opgeslagen: {message}")
        self.saved_label.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        if not self._save_failed:
            self._save_failed = True
            show_error(self, error)

    def _show_saved_at(self, moment: datetime | None) -> None:
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(
            f"Opgeslagen om {clock_time(moment)}" if moment else "Nog niets opgeslagen"
        )

    def _refresh_after_save(self, answers: IntakeAnswers) -> None:
        """What depends on stored answers: advice, the duplicate check, steps and title."""
        self._refresh_advice(answers)
        self._check_duplicates(answers)
        self._update_steps()
        self._update_title()

    def _refresh_validation(self, answers: IntakeAnswers) -> None:
        for binding in self.bindings.values():
            self._show_field_message(binding, answers)
        problem = self.registration_date.problem()
        if not self.registration_date.text().strip():
            problem = "vul de datum in; tot dan blijft de vorige datum bewaard."
        message = f"Datum van aanmelding: {problem}" if problem else ""
        self.registration_message.setText(message)
        self.registration_message.setVisible(bool(message))
        self.registration_date.setAccessibleDescription(message)
        self._update_steps()

    def _show_field_message(self, binding: FieldBinding, answers: IntakeAnswers) -> None:
        own = binding.own_check() if binding.own_check else None
        binding.show_message(own or validate_field(answers, binding.path, self._today()))

    def _refresh_advice(self, answers: IntakeAnswers) -> None:
        try:
            advice = self._port.advise(self.case_id, answers)
        except KnownError as error:
            self.advice_panel.routes_label.setText(error.message)
            return
        self._advice = advice
        self.advice_panel.show_advice(advice, self._decision)
        self.instruments_panel.show_advice(advice, self._chosen)
        for step, label in self._missing_labels.items():
            text = missing_html(advice, _on_step(step))
            label.setText(text)
            label.setVisible(bool(text))

    def _check_duplicates(self, answers: IntakeAnswers) -> None:
        identity = tuple(read_value(answers, path) for path in _IDENTITY_PATHS)
        if identity == self._checked_identity:
            return
        self._checked_identity = identity
        try:
            matches = list(self._port.find_duplicates(self.case_id, answers))
        except KnownError:
            return  # a failed check must not stop the intake; the next change checks again
        self._duplicates = [m for m in matches if int(m.case_id) not in self._dismissed_duplicates]
        self._show_duplicates()

    def _show_duplicates(self) -> None:
        if not self._duplicates:
            self.duplicates_bar.hide()
            return
        first = self._duplicates[0]
        who = first.name + (f" ({first.trade_name})" if first.trade_name else "")
        more = len(self._duplicates) - 1
        also = f" En nog {more} ander dossier." if more == 1 else (
            f" En nog {more} andere dossiers." if more > 1 else "")  # fmt: skip
        self.duplicates_label.setText(
            f"Er is al een dossier dat op dit dossier lijkt: {who}, status "
            f"{first.status.label.lower()}. {first.reason}.{also}"
        )
        self.open_duplicate_button.setText(f"Dossier van {first.name} &bekijken")
        self.open_duplicate_button.setAccessibleName(f"Dossier van {first.name} bekijken")
        self.duplicates_bar.show()

    def _open_duplicate(self) -> None:
        if self._duplicates:
            self.save_now()
            self.open_dossier_requested.emit(int(self._duplicates[0].case_id))

    def _dismiss_duplicates(self) -> None:
        self._dismissed_duplicates |= {int(m.case_id) for m in self._duplicates}
        self._duplicates = []
        self.duplicates_bar.hide()

    # -- decisions -----------------------------------------------------------------------

    def _accept_shortcut(self) -> None:
        if self.step_list.currentRow() == STEP_ADVICE:
            self.save_now()
            self.advice_panel.accept_advice()

    def _decide(self, routes: tuple[Route, ...], reason: str) -> None:
        if self._advice is None:
            return
        secondary, third = (*routes[1:], None, None)[:2]
        try:
            decision = self._port.decide_route(
                self.case_id, self._advice, routes[0], secondary, reason, third
            )
        except KnownError as error:
            self.advice_panel.show_override()
            self.advice_panel.show_refusal(error.message)
            return
        self._decision = decision
        self.advice_panel.decision_recorded(decision)
        self.saved.emit(int(self.case_id))
        self._update_steps()

    def _choose_instruments(self) -> None:
        model = self.instruments_panel.model
        chosen_ids = model.chosen_in_order()
        version = self._stored.step_versions.get(INSTRUMENTS_PART, 0)
        base = PartBase(tuple(item.instrument_id for item in self._chosen), version)
        try:
            saved = self._port.choose_instruments(self.case_id, chosen_ids, base)
        except KnownError as error:
            show_error(self, error)
            model.set_chosen(item.instrument_id for item in self._chosen)
            return
        versions = {**self._stored.step_versions, INSTRUMENTS_PART: saved.version}
        self._stored = replace(self._stored, step_versions=versions)
        self._chosen = saved.value
        stored_ids = [item.instrument_id for item in saved.value]
        if set(stored_ids) != set(chosen_ids):  # what a colleague chose or dropped shows
            model.set_chosen(stored_ids)
        self.saved.emit(int(self.case_id))
        self._update_steps()

    # -- steps ---------------------------------------------------------------------------

    def _step_complete(self, step: int, answers: IntakeAnswers) -> bool:
        person, business = answers.entrepreneur, answers.business
        situation, future = answers.situation, answers.future
        if step == STEP_REGISTRATION:
            return answers.channel is not None
        if step == STEP_PERSON:
            return bool(person.first_names and person.surname and person.date_of_birth)
        if step == STEP_BUSINESS:
            return bool(business.trade_name and business.kvk_number and business.sector)
        if step == STEP_SITUATION:
            return (
                bool(situation.schemes)
                and situation.debts is not None
                and situation.crisis is not None
            )
        if step == STEP_FUTURE:
            return future.wish is not None and bool(future.help_requests)
        if step == STEP_ADVICE:
            return self._decision is not None and (
                self._advice is None or decision_still_matches(self._decision, self._advice)
            )
        if step == STEP_INSTRUMENTS:
            return bool(self._chosen)
        if step == STEP_AGREEMENTS:
            return bool(self._stored.actions) and self._stored.appointment is not None
        return all(self._step_complete(s, answers) for s in range(STEP_SUMMARY))

    def _update_steps(self) -> None:
        answers = self._stored.answers
        warned = {self._step_of_problem(path) for path in self.field_problems()}
        for step, name in enumerate(STEPS):
            item = self.step_list.item(step)
            complete = self._step_complete(step, answers)
            mark = "⚠" if step in warned else "✓" if complete else "○"
            item.setText(f"{mark}  {step + 1}. {name}")
            state = (
                "heeft meldingen om na te kijken"
                if step in warned
                else "compleet"
                if complete
                else "nog niet compleet"
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Stap {step + 1}, {name}, {state}")
            item.setToolTip(f"{name} (Alt+{step + 1}): {state}")

    def field_problems(self) -> dict[str, str]:
        """The message of every field that shows one now, by answer path (``registration``
        and ``appointment`` for the registration date and the appointment)."""
        answers = self.current_answers()
        today = self._today()
        problems = {}
        for path, binding in self.bindings.items():
            own = binding.own_check() if binding.own_check else None
            message = own or validate_field(answers, path, today)
            if message:
                problems[path] = message
        if self.registration_message.text():
            problems["registration"] = self.registration_message.text()
        appointment = self.agreements_panel.appointment_date_message()
        if appointment:
            problems["appointment"] = f"Volgende afspraak: {appointment}"
        return problems

    @staticmethod
    def _step_of_problem(path: str) -> int:
        if path == "registration":
            return STEP_REGISTRATION
        if path == "appointment":
            return STEP_AGREEMENTS
        return step_of(path)

    def _step_changed(self, step: int) -> None:
        if step < 0:
            return
        if self._autosave.isActive():
            self.save_now()
        self.pages.setCurrentIndex(step)
        self.step_title.setText(f"{step + 1}. {STEPS[step]}")
        self.step_title.setAccessibleName(f"Stap {step + 1}: {STEPS[step]}")
        self.previous_button.setEnabled(step > 0)
        self.next_button.setEnabled(step < len(STEPS) - 1)
        if step == STEP_SUMMARY:
            self._refresh_summary()

    def _move_step(self, delta: int) -> None:
        self.open_step(max(0, min(len(STEPS) - 1, self.step_list.currentRow() + delta)), focus=True)

    def _focus_first_control(self, step: int) -> None:
        first: dict[int, QWidget] = {
            STEP_REGISTRATION: self.registration_date,
            STEP_ADVICE: self.advice_panel.accept_button,
            STEP_INSTRUMENTS: self.instruments_panel.table,
            STEP_AGREEMENTS: self.agreements_panel.table,
            STEP_SUMMARY: self.summary,
        }
        if step not in first:
            first[step] = next(b.control for b in self.bindings.values() if step_of(b.path) == step)
        first[step].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _refresh_summary(self) -> None:
        state = replace(
            self._state,
            registration=self._stored.registration,
            answers=self._stored.answers,
            decision=self._decision,
            chosen_instruments=self._chosen,
            actions=self._stored.actions,
            appointment=self._stored.appointment,
        )
        points = list(self.field_problems().values())
        self.summary.setHtml(
            to_check_html(points) + summary_html(state, self._advice, self._municipalities)
        )

    def _update_title(self) -> None:
        name = display_name(self._stored.answers.entrepreneur) or "nieuwe ondernemer"
        self.setWindowTitle(f"Intake {name} — dossier {int(self.case_id)} — casedesk")

    # -- closing and layout --------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.save_now() and not self._confirm_close_unsaved():
            event.ignore()
            return
        self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(_SPLITTER_KEY, self.splitter.saveState())
        self._settings.sync()
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.disconnect(self._focus_changed)  # type: ignore[attr-defined]
        self._autosave.stop()
        self._autosave_deadline.stop()
        super().closeEvent(event)
        self.closed.emit(int(self.case_id))

    def _confirm_close_unsaved(self) -> bool:
        if self._answers_kept_here and not self._unsaved_beyond_answers():
            return True  # nothing is lost: the journal saves the answers later
        if self._answers_kept_here:
            text = (
                "De antwoorden van de intake zijn op deze computer bewaard en worden "
                "opgeslagen zodra de server weer bereikbaar is. Andere wijzigingen (de "
                "inschrijving, de afspraak of de acties) zijn niet opgeslagen en gaan "
                "verloren als u nu sluit.\n\nToch sluiten?"
            )
        else:
            text = (
                "De laatste wijzigingen zijn niet opgeslagen. Als u nu sluit, gaan ze "
                "verloren.\n\nToch sluiten?"
            )
        answer = QMessageBox.warning(
            self,
            "Niet opgeslagen",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _unsaved_beyond_answers(self) -> bool:
        stored = self._stored
        return (
            self.current_registration() != stored.registration
            or self.agreements_panel.appointment() != stored.appointment
            or self._savable_actions() != stored.actions
        )

    def _restore_layout(self) -> None:
        geometry = self._settings.value(_GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QApplication.primaryScreen()
            available = screen.availableGeometry()
            self.resize(min(1280, int(available.width() * 0.95)),
                        min(800, int(available.height() * 0.95)))  # fmt: skip
        fit_to_screen(self)
        splitter = self._settings.value(_SPLITTER_KEY)
        if splitter is not None:
            self.splitter.restoreState(splitter)


def open_new_intake(
    port: IntakePort,
    counter_municipality: str,
    *,
    municipalities: Sequence[Municipality] = (),
    settings: QSettings | None = None,
    today: Callable[[], date] = date.today,
) -> IntakeWindow:
    """Ctrl+N: opens a new dossier at this counter, today, and returns its window (shown).

    May raise ``KnownError`` (e.g. a locked store); then no dossier was made.
    """
    case_id = port.start_intake(Registration(today(), counter_municipality), IntakeAnswers())
    window = IntakeWindow(
        port, case_id, municipalities=municipalities, settings=settings, today=today
    )
    window.show()
    return window
