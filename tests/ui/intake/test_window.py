"""The intake window: keyboard walk, autosave, closing, validation, duplicates, decisions."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.agreements import ActionOwner
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Channel,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    IntakeAnswers,
    Scheme,
    Sector,
    Situation,
    UnmetNeed,
    Wish,
)
from casedesk.domain.regions import Municipality
from casedesk.domain.routes import Route
from casedesk.domain.validation import check_kvk_number
from casedesk.errors import KeptForLaterError, KnownError
from casedesk.ui.intake.advice import NO_REASON_MESSAGE
from casedesk.ui.intake.window import (
    STEP_ADVICE,
    STEP_BUSINESS,
    STEP_PERSON,
    STEP_SUMMARY,
    IntakeWindow,
    open_new_intake,
)
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from tests.ui.case_source_double import InMemoryCaseSource
from tests.ui.intake_helpers import alt, focused, press, type_text
from tests.ui.intake_port_double import InMemoryIntakePort

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)
WindowFactory = Callable[[CaseId], IntakeWindow]


@pytest.fixture(scope="module")
def municipalities() -> list[Municipality]:
    return load_default_region_table().current_municipalities()


@pytest.fixture
def port() -> InMemoryIntakePort:
    return InMemoryIntakePort(today=TODAY)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "casedesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def new_case(port: InMemoryIntakePort) -> CaseId:
    return port.start_intake(Registration(TODAY, "GM0855"), IntakeAnswers())


@pytest.fixture
def make_window(
    qtbot: QtBot, port: InMemoryIntakePort, settings: QSettings, municipalities: list[Municipality]
) -> WindowFactory:
    def make(case_id: CaseId) -> IntakeWindow:
        window = IntakeWindow(
            port, case_id, municipalities=municipalities, settings=settings, today=lambda: TODAY
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window

    return make


@pytest.fixture
def window(make_window: WindowFactory, new_case: CaseId) -> IntakeWindow:
    return make_window(new_case)


ACUTE_CASE = IntakeAnswers(
    entrepreneur=Entrepreneur(first_names="Zoë", name_prefix="van 't", surname="Hoff-Çelik"),
    situation=Situation(
        debts=DebtLevel.ACUTE, acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION})
    ),
    future=Future(wish=Wish.CONTINUE_WITH_CHANGES),
)


def open_field(window: IntakeWindow, path: str) -> QWidget:
    control = window.bindings[path].control
    window.open_step(int(window.pages.indexOf(_page_of(window, control))))
    control.setFocus()
    return control


def _page_of(window: IntakeWindow, control: QWidget) -> QWidget:
    widget: QWidget | None = control
    while widget is not None and widget.parentWidget() is not window.pages:
        widget = widget.parentWidget()
    assert widget is not None
    return widget


# -- the whole intake by keyboard -------------------------------------------------------


def test_a_complete_intake_can_be_walked_by_keyboard_alone(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    alt(qtbot, 1)
    assert focused() is window.registration_date
    press(qtbot, Qt.Key.Key_Tab, times=2)
    press(qtbot, Qt.Key.Key_Down)  # the first channel

    alt(qtbot, 2)
    assert focused() is window.bindings["entrepreneur.first_names"].control
    type_text(qtbot, "Zoe")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "van 't")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Hoff-Celik")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "12-03-1984")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "06 12345678")

    alt(qtbot, 3)
    type_text(qtbot, "Kapsalon Zoe")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "12345678")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, times=3)  # Persoonlijke dienstverlening

    alt(qtbot, 4)
    press(qtbot, Qt.Key.Key_Down, times=2)  # past Bbz and IOAZ, the current schemes
    press(qtbot, Qt.Key.Key_Space)  # Tozo (gehad)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "40")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, times=2)  # vaste lasten: Nee
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, times=2)  # levensonderhoud: Nee
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, times=4)  # acute schulden
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # dreigende uitzetting
    press(qtbot, Qt.Key.Key_Tab, times=3)  # past debt kinds and signals
    press(qtbot, Qt.Key.Key_Down, times=2)  # crisis: Nee

    alt(qtbot, 5)
    press(qtbot, Qt.Key.Key_Down, times=2)  # doorgaan met veranderingen
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Down, times=4)
    press(qtbot, Qt.Key.Key_Space)  # hulp bij schulden

    alt(qtbot, 6)
    assert window.advice_panel.urgent_label.text().startswith("Urgent: eerst route 2")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert port.states[new_case].decision is not None

    alt(qtbot, 7)
    press(qtbot, Qt.Key.Key_Space)  # the best-fitting instrument
    assert len(port.states[new_case].chosen_instruments) == 1

    alt(qtbot, 8)
    press(qtbot, Qt.Key.Key_Insert)
    type_text(qtbot, "Bel de schuldhulp")
    press(qtbot, Qt.Key.Key_Return)  # the view commits the cell on its next turn
    qtbot.waitUntil(lambda: len(port.states[new_case].actions) == 1)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # Volgende afspraak

    alt(qtbot, 9)
    assert focused() is window.summary
    assert "Kapsalon Zoe" in window.summary.toPlainText()

    stored = port.states[new_case]
    answers = stored.answers
    assert answers.channel is Channel.WEBSITE
    assert answers.entrepreneur == replace(
        answers.entrepreneur,
        first_names="Zoe", name_prefix="van 't", surname="Hoff-Celik",
        date_of_birth=date(1984, 3, 12), phone="06 12345678",
    )  # fmt: skip
    assert answers.business == Business(
        trade_name="Kapsalon Zoe", kvk_number="12345678", sector=Sector.PERSONAL_SERVICES
    )
    assert answers.situation == Situation(
        schemes=frozenset({Scheme.TOZO}),
        turnover_drop_percent=40,
        fixed_costs_covered=False,
        living_costs_covered=False,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
        crisis=False,
    )
    assert answers.future == Future(
        wish=Wish.CONTINUE_WITH_CHANGES, help_requests=frozenset({HelpRequest.DEBT_HELP})
    )
    assert stored.decision is not None and stored.decision.accepted
    assert stored.decision.primary is Route.DE_ESCALATION
    assert [(a.description, a.owner) for a in stored.actions] == [
        ("Bel de schuldhulp", ActionOwner.ENTREPRENEUR)
    ]
    assert stored.appointment is not None


# -- autosave ---------------------------------------------------------------------------


def test_typing_is_saved_after_a_short_pause(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "entrepreneur.surname")
    type_text(qtbot, "Jansen")
    qtbot.waitUntil(lambda: port.answers(new_case).entrepreneur.surname == "Jansen")
    assert len(port.saved_answers) == 1, "one save for the whole word, not one per key"
    assert window.saved_label.text().startswith("Opgeslagen om ")


def test_leaving_a_field_saves_at_once(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "entrepreneur.surname")
    type_text(qtbot, "Jansen")
    press(qtbot, Qt.Key.Key_Tab)
    assert port.answers(new_case).entrepreneur.surname == "Jansen"


def test_opening_another_step_saves_at_once(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "business.trade_name")
    type_text(qtbot, "Atelier")
    alt(qtbot, 9)
    assert port.answers(new_case).business.trade_name == "Atelier"


def test_closing_the_window_saves_what_was_typed(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "entrepreneur.first_names")
    type_text(qtbot, "Fatma")
    with qtbot.waitSignal(window.closed):
        window.close()
    assert port.answers(new_case).entrepreneur.first_names == "Fatma"


def test_reopening_a_dossier_continues_where_it_was(
    make_window: WindowFactory, port: InMemoryIntakePort, new_case: CaseId
) -> None:
    first = make_window(new_case)
    first.bindings["entrepreneur.name_prefix"].control.setFocus()
    first.bindings["entrepreneur.first_names"].write("Zoë")
    first.bindings["future.wish"].write(Wish.STOP_AND_FIND_JOB)
    first.close()
    again = make_window(new_case)
    assert again.current_answers() == port.answers(new_case)
    assert again.current_answers().entrepreneur.first_names == "Zoë"
    assert again.step_list.currentRow() == STEP_PERSON


def test_a_failed_save_keeps_the_input_and_says_why(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    port.save_error = KnownError("De opslag is vol. Maak ruimte vrij op de schijf.")
    control = open_field(window, "entrepreneur.surname")
    type_text(qtbot, "Jansen")
    press(qtbot, Qt.Key.Key_Tab)
    assert window.saved_label.text() == (
        "Niet opgeslagen: De opslag is vol. Maak ruimte vrij op de schijf."
    )
    assert port.answers(new_case) == IntakeAnswers()
    assert control.property("text") == "Jansen"
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None)
    port.save_error = None
    assert window.save_now()
    assert port.answers(new_case).entrepreneur.surname == "Jansen"


def test_escape_never_closes_the_intake(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    control = open_field(window, "entrepreneur.surname")
    type_text(qtbot, "Jansen")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Return)
    assert window.isVisible()
    assert control.property("text") == "Jansen"


# -- validation -------------------------------------------------------------------------


def test_a_wrong_kvk_number_is_explained_next_to_the_field_on_leaving_it(
    window: IntakeWindow, qtbot: QtBot
) -> None:
    open_field(window, "business.kvk_number")
    type_text(qtbot, "1234567")
    press(qtbot, Qt.Key.Key_Tab)
    message = window.bindings["business.kvk_number"].message
    assert message.isVisible()
    assert message.text() == check_kvk_number("1234567")
    assert message.text() == "KvK-nummer: moet uit 8 cijfers bestaan. U typte 7 cijfers."


def test_the_message_goes_away_as_soon_as_the_answer_is_right(
    window: IntakeWindow, qtbot: QtBot
) -> None:
    control = open_field(window, "business.kvk_number")
    type_text(qtbot, "1234567")
    press(qtbot, Qt.Key.Key_Tab)
    control.setFocus()
    press(qtbot, Qt.Key.Key_End)
    type_text(qtbot, "8")
    assert not window.bindings["business.kvk_number"].message.isVisible()


def test_a_wrong_answer_is_still_saved(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "business.kvk_number")
    type_text(qtbot, "1234567")
    press(qtbot, Qt.Key.Key_Tab)
    assert port.answers(new_case).business.kvk_number == "1234567"


def test_a_date_that_does_not_exist_is_explained(window: IntakeWindow, qtbot: QtBot) -> None:
    open_field(window, "entrepreneur.date_of_birth")
    type_text(qtbot, "31-02-1980")
    press(qtbot, Qt.Key.Key_Tab)
    assert window.bindings["entrepreneur.date_of_birth"].message.text() == (
        "Geboortedatum: 31 februari 1980 bestaat niet. Kijk de dag en de maand na."
    )


def test_a_municipality_that_is_not_in_the_list_is_explained(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId
) -> None:
    box = window.bindings["entrepreneur.municipality_code"].control
    assert isinstance(box, QComboBox)
    box.setEditText("Atlantis")
    window.save_now()
    assert (
        window.bindings["entrepreneur.municipality_code"]
        .message.text()
        .startswith("Gemeente: kies een gemeente uit de lijst.")
    )
    box.setEditText("tilburg")
    window.save_now()
    assert port.answers(new_case).entrepreneur.municipality_code == "GM0855"
    assert not window.bindings["entrepreneur.municipality_code"].message.isVisible()


def test_a_mistyped_registration_date_keeps_the_stored_one_and_says_so(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    alt(qtbot, 1)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Backspace, times=3)
    press(qtbot, Qt.Key.Key_Tab)
    assert window.registration_message.text() == (
        "Datum van aanmelding: dit is geen datum die de app kan lezen. Typ de datum als "
        "dag-maand-jaar, zoals 27-11-2026."
    )
    assert port.states[new_case].registration.registration_date == TODAY


def test_a_corrected_registration_date_is_saved(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    window.registration_date.setText("26-11-2026")
    window.save_now()
    assert port.states[new_case].registration.registration_date == date(2026, 11, 26)
    assert not window.registration_message.isVisible()


def test_steps_the_advice_needs_say_which_answers_are_missing(window: IntakeWindow) -> None:
    window.open_step(3)
    missing = window.findChild(QWidget, "missingLabel4")
    assert missing is not None and missing.isVisible()
    text = missing.property("text")
    assert (
        "Schulden" in text and "nodig om te zien of er eerst iets dringends moet gebeuren" in text
    )


# -- duplicates -------------------------------------------------------------------------


def test_a_known_kvk_number_offers_to_open_that_dossier(
    window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    other = port.add_case(
        IntakeAnswers(
            entrepreneur=Entrepreneur(first_names="Fatma", surname="Özdemir"),
            business=Business(trade_name="Özdemir Kapsalon", kvk_number="12345678"),
        )
    )
    open_field(window, "business.kvk_number")
    type_text(qtbot, "1234 5678")
    press(qtbot, Qt.Key.Key_Tab)
    assert window.duplicates_bar.isVisible()
    assert window.open_duplicate_button.text() == "Dossier van Fatma Özdemir &bekijken"
    assert "Zelfde KvK-nummer (12345678)" in window.duplicates_label.text()
    with qtbot.waitSignal(window.open_dossier_requested) as opened:
        window.open_duplicate_button.click()
    assert opened.args == [int(other)]


def test_same_name_and_birth_date_is_a_duplicate_too(
    window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    port.add_case(
        IntakeAnswers(
            entrepreneur=Entrepreneur(
                first_names="Zoë", surname="Jansen", date_of_birth=date(1984, 3, 12)
            )
        )
    )
    window.bindings["entrepreneur.first_names"].write("Zoë")
    window.bindings["entrepreneur.surname"].write("Jansen")
    open_field(window, "entrepreneur.date_of_birth")
    type_text(qtbot, "12-3-1984")
    press(qtbot, Qt.Key.Key_Tab)
    assert window.duplicates_bar.isVisible()
    assert "Zelfde naam en geboortedatum" in window.duplicates_label.text()


def test_continuing_with_this_dossier_hides_the_offer_for_good(
    window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    port.add_case(IntakeAnswers(business=Business(kvk_number="12345678")))
    open_field(window, "business.kvk_number")
    type_text(qtbot, "12345678")
    press(qtbot, Qt.Key.Key_Tab)
    window.continue_button.click()
    window.bindings["entrepreneur.first_names"].write("Anouk")
    window.bindings["business.kvk_number"].write("12345678 ")
    window.save_now()
    assert not window.duplicates_bar.isVisible()


def test_no_offer_without_a_match(
    window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    port.add_case(IntakeAnswers(business=Business(kvk_number="87654321")))
    open_field(window, "business.kvk_number")
    type_text(qtbot, "12345678")
    press(qtbot, Qt.Key.Key_Tab)
    assert not window.duplicates_bar.isVisible()


# -- advice and decisions ---------------------------------------------------------------


@pytest.fixture
def acute_window(make_window: WindowFactory, port: InMemoryIntakePort) -> IntakeWindow:
    window = make_window(port.add_case(ACUTE_CASE))
    window.open_step(STEP_ADVICE, focus=True)
    return window


def test_urgent_advice_says_so_first(acute_window: IntakeWindow) -> None:
    panel = acute_window.advice_panel
    assert panel.urgent_label.isVisible()
    assert panel.urgent_label.text() == (
        "Urgent: eerst route 2. Verwijs vandaag door naar: Schuldhulpverlening van de gemeente."
    )
    assert "U kunt uit uw huis of pand worden gezet".lower() in panel.reasons_label.text().lower()


def test_accepting_the_advice_is_one_key(
    acute_window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    decision = port.states[acute_window.case_id].decision
    assert decision is not None and decision.accepted
    assert (decision.primary, decision.secondary) == (
        Route.DE_ESCALATION,
        Route.STRENGTHEN_BUSINESS,
    )
    assert (
        "advies overgenomen op 27 november 2026" in acute_window.advice_panel.decision_label.text()
    )


def test_another_route_without_a_reason_is_refused(
    acute_window: IntakeWindow, port: InMemoryIntakePort
) -> None:
    panel = acute_window.advice_panel
    panel.other_button.click()
    panel.primary_combo.setCurrentIndex(panel.primary_combo.findData(Route.EMPLOYMENT.value))
    panel.record_button.click()
    assert panel.override_message.isVisible()
    assert panel.override_message.text() == NO_REASON_MESSAGE
    assert port.states[acute_window.case_id].decision is None


def test_another_route_with_a_reason_is_stored_with_it(
    acute_window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    panel = acute_window.advice_panel
    panel.other_button.click()
    assert focused() is panel.primary_combo
    panel.primary_combo.setCurrentIndex(panel.primary_combo.findData(Route.EMPLOYMENT.value))
    panel.reason_edit.setFocus()
    type_text(qtbot, "Heeft al een baan op het oog")
    panel.record_button.click()
    decision = port.states[acute_window.case_id].decision
    assert decision is not None and not decision.accepted
    assert decision.primary is Route.EMPLOYMENT
    assert decision.override_reason == "Heeft al een baan op het oog"
    assert not panel.override_box.isVisible()


def test_a_refused_other_route_keeps_the_chosen_route_and_reason(
    acute_window: IntakeWindow, port: InMemoryIntakePort
) -> None:
    panel = acute_window.advice_panel
    panel.other_button.click()
    panel.primary_combo.setCurrentIndex(panel.primary_combo.findData(Route.EMPLOYMENT.value))
    panel.reason_edit.setPlainText("Heeft al een baan op het oog")
    port.save_error = KnownError("De opslag is op dit moment bezet. Probeer het zo opnieuw.")
    panel.record_button.click()
    assert panel.override_message.text().startswith("De opslag is op dit moment bezet")
    assert panel.primary_combo.currentData() == Route.EMPLOYMENT.value
    assert panel.reason_edit.toPlainText() == "Heeft al een baan op het oog"
    assert port.states[acute_window.case_id].decision is None


def test_a_decision_that_no_longer_matches_the_advice_is_flagged_not_replaced(
    acute_window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    decided = port.states[acute_window.case_id].decision
    acute_window.bindings["situation.debts"].write(DebtLevel.NONE)
    acute_window.bindings["situation.acute_debt_kinds"].write(frozenset())
    acute_window.save_now()
    flag = acute_window.advice_panel.changed_label
    assert flag.isVisible()
    assert flag.text().startswith("Het advies is veranderd sinds uw besluit van 27 november 2026")
    assert port.states[acute_window.case_id].decision == decided
    assert "○" in acute_window.step_list.item(STEP_ADVICE).text()


def test_a_matching_decision_is_not_flagged(acute_window: IntakeWindow, qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    acute_window.bindings["entrepreneur.phone"].write("06 12345678")
    acute_window.save_now()
    assert not acute_window.advice_panel.changed_label.isVisible()


# -- instruments and agreements ---------------------------------------------------------


def test_instruments_filter_by_text_and_route(acute_window: IntakeWindow) -> None:
    panel = acute_window.instruments_panel
    everything = panel.proxy.rowCount()
    panel.route_filter.setCurrentIndex(panel.route_filter.findData(Route.STRENGTHEN_BUSINESS.value))
    route_1 = panel.proxy.rowCount()
    assert 0 < route_1 < everything
    panel.route_filter.setCurrentIndex(0)
    panel.filter_field.setText("noodlijn")
    names = [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())]
    assert names and all("noodlijn" in name.lower() for name in names)


def test_routes_after_route_2_come_after_it_and_others_run_beside_the_first(
    make_window: WindowFactory, port: InMemoryIntakePort
) -> None:
    stop = IntakeAnswers(
        situation=Situation(debts=DebtLevel.NONE), future=Future(wish=Wish.STOP_AND_FIND_JOB)
    )
    acute = make_window(port.add_case(ACUTE_CASE)).advice_panel.routes_label.text()
    job_first = make_window(port.add_case(stop)).advice_panel.routes_label.text()

    assert "Daarna: Route 1" in acute
    assert "Eerst: Route 3" in job_first
    assert "Daarnaast: Route 2" in job_first


def test_the_advice_names_the_short_list_with_reasons_and_counts_the_rest(
    acute_window: IntakeWindow,
) -> None:
    text = acute_window.advice_panel.short_list_label.text()

    assert text.startswith("<h3>Korte lijst</h3><ul><li><b>")
    assert "Er is nu direct gevaar door uw schulden." in text
    assert "Ook beschikbaar: nog " in text


def test_the_instruments_step_shows_the_short_list_and_unfolds_the_rest_on_request(
    acute_window: IntakeWindow, qtbot: QtBot
) -> None:
    alt(qtbot, 7)
    panel = acute_window.instruments_panel
    short = panel.model.short_list_size
    everything = panel.model.rowCount()

    assert 0 < short == panel.proxy.rowCount() < everything
    assert panel.short_list_label.text().startswith(f"Korte lijst: {short} instrument")
    assert panel.also_available_button.isVisible()
    assert f"({everything - short})" in panel.also_available_button.text()
    assert "Op de korte lijst:" in panel.details.toHtml()
    panel.also_available_button.click()
    assert panel.proxy.rowCount() == everything
    panel.table.setCurrentIndex(panel.proxy.index(everything - 1, 1))
    assert "Ook beschikbaar: past bij de route" in panel.details.toPlainText()
    panel.also_available_button.click()
    assert panel.proxy.rowCount() == short


def test_space_chooses_an_instrument_and_again_unchooses_it(
    acute_window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot
) -> None:
    alt(qtbot, 7)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    second = acute_window.instruments_panel.model.match_at(1).instrument
    assert [c.instrument_id for c in port.states[acute_window.case_id].chosen_instruments] == [
        second.id
    ]
    press(qtbot, Qt.Key.Key_Space)
    assert port.states[acute_window.case_id].chosen_instruments == ()


def test_an_action_is_removed_with_delete(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    alt(qtbot, 8)
    for count, text in enumerate(("Eerste", "Tweede"), start=1):
        press(qtbot, Qt.Key.Key_Insert)
        type_text(qtbot, text)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda n=count: len(port.states[new_case].actions) == n)  # type: ignore[misc]
    window.agreements_panel.table.setCurrentIndex(window.agreements_panel.model.index(0, 0))
    press(qtbot, Qt.Key.Key_Delete)
    assert [a.description for a in port.states[new_case].actions] == ["Tweede"]


# -- steps, names and layout ------------------------------------------------------------


def test_the_step_list_says_which_steps_are_complete(
    make_window: WindowFactory, port: InMemoryIntakePort
) -> None:
    window = make_window(port.add_case(ACUTE_CASE))
    person = window.step_list.item(STEP_PERSON)
    assert person.text() == "○  2. Ondernemer"
    assert (
        person.data(Qt.ItemDataRole.AccessibleTextRole) == "Stap 2, Ondernemer, nog niet compleet"
    )
    future = window.step_list.item(4)
    assert future.text() == "○  5. Toekomst en hulpvraag"
    window.bindings["future.help_requests"].write(frozenset({HelpRequest.DEBT_HELP}))
    window.save_now()
    assert window.step_list.item(4).text() == "✓  5. Toekomst en hulpvraag"
    assert window.step_list.item(4).data(Qt.ItemDataRole.AccessibleTextRole).endswith(", compleet")


def test_any_step_opens_from_the_step_list_with_the_arrow_keys(
    window: IntakeWindow, qtbot: QtBot
) -> None:
    window.step_list.setFocus()
    press(qtbot, Qt.Key.Key_Down, times=2)
    assert window.pages.currentIndex() == STEP_BUSINESS
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is window.bindings["business.trade_name"].control


def _focusable_controls(window: IntakeWindow) -> list[QWidget]:
    controls = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.focusProxy() is not None:
            continue
        if widget.window() is not window:
            continue  # pop-up lists of combo boxes and completers name themselves
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box or editable list speaks for its owner
        if widget.objectName() == "qt_scrollarea_viewport" or type(widget).__name__ in {
            "QScrollArea", "QSplitterHandle", "QScrollBar", "QTabBar",
        }:  # fmt: skip
            continue
        controls.append(widget)
    return controls


def test_every_control_has_an_accessible_name(window: IntakeWindow) -> None:
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in _focusable_controls(window)
        if not w.accessibleName()
    ]
    assert unnamed == []


def test_tab_follows_the_form_from_top_to_bottom(window: IntakeWindow, qtbot: QtBot) -> None:
    alt(qtbot, 3)
    seen = [focused().objectName()]
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused().objectName())
    assert seen == [
        "business.trade_name", "business.kvk_number", "business.sector", "business.legal_form",
        "business.start_date", "business.staff", "business.hours_per_week",
    ]  # fmt: skip


def test_the_window_remembers_its_size(make_window: WindowFactory, new_case: CaseId) -> None:
    first = make_window(new_case)
    first.resize(780, 500)  # inside the offscreen screen
    first.close()
    again = make_window(new_case)
    assert (again.width(), again.height()) == (780, 500)


def test_the_summary_shows_the_whole_intake(
    make_window: WindowFactory, port: InMemoryIntakePort
) -> None:
    window = make_window(port.add_case(ACUTE_CASE))
    window.open_step(STEP_SUMMARY)
    text = window.summary.toPlainText()
    assert "Zoë van 't Hoff-Çelik" in text
    assert "Acute schulden: er dreigt direct gevaar" in text
    assert "Nog geen besluit over de route." in text


def test_ctrl_n_in_the_main_window_opens_a_new_intake_ready_for_typing(
    port: InMemoryIntakePort, settings: QSettings, qtbot: QtBot
) -> None:
    opened: list[IntakeWindow] = []

    def new_intake() -> None:
        window = open_new_intake(port, "GM0855", settings=settings, today=lambda: TODAY)
        qtbot.addWidget(window)
        opened.append(window)

    main = MainWindow(
        InMemoryCaseSource([]), StoreInfo(Path("casedesk.db")),
        MainWindowActions(new_intake=new_intake), settings=settings,
    )  # fmt: skip
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    with qtbot.waitActive(main):
        main.activateWindow()
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and len(port.states) == 1
    intake = opened[0]
    with qtbot.waitActive(intake):
        intake.activateWindow()
    alt(qtbot, 2)
    type_text(qtbot, "Noor")
    intake.close()
    assert port.answers(intake.case_id).entrepreneur.first_names == "Noor"
    assert port.states[intake.case_id].registration == Registration(TODAY, "GM0855")


def test_visible_buttons_move_between_the_steps_and_name_their_keys(
    window: IntakeWindow,
) -> None:
    window.open_step(STEP_PERSON)
    assert "Ctrl+PgDn" in window.next_button.text()
    assert "Ctrl+PgUp" in window.previous_button.text()
    window.next_button.click()
    assert window.step_list.currentRow() == STEP_BUSINESS
    window.previous_button.click()
    window.previous_button.click()
    assert window.step_list.currentRow() == 0 and not window.previous_button.isEnabled()
    window.open_step(STEP_SUMMARY)
    assert not window.next_button.isEnabled()


def test_a_step_with_a_field_problem_gets_a_warning_instead_of_a_tick(
    window: IntakeWindow, qtbot: QtBot
) -> None:
    open_field(window, "business.kvk_number")
    type_text(qtbot, "1234567")
    window.save_now()
    business = window.step_list.item(STEP_BUSINESS)
    assert business.text().startswith("⚠")
    assert "meldingen" in business.data(Qt.ItemDataRole.AccessibleTextRole)
    window.bindings["business.kvk_number"].write("")
    window.save_now()
    assert not window.step_list.item(STEP_BUSINESS).text().startswith("⚠")


def test_the_summary_lists_what_still_needs_a_look(window: IntakeWindow, qtbot: QtBot) -> None:
    open_field(window, "business.kvk_number")
    type_text(qtbot, "1234567")
    window.save_now()
    window.open_step(STEP_SUMMARY)
    text = window.summary.toPlainText()
    problem = check_kvk_number("1234567")
    assert text.strip().startswith("Nog nakijken")
    assert problem is not None and problem in text


def test_the_schemes_list_shows_tozo_tonk_tvl_and_now_as_had(window: IntakeWindow) -> None:
    control = window.bindings["situation.schemes"].control
    assert isinstance(control, QListWidget)
    texts = [control.item(row).text() for row in range(control.count())]
    had = {text.split()[0] for text in texts if "— gehad, gestopt in" in text}
    assert had == {"Tozo", "TONK", "TVL", "NOW"}


def test_the_future_step_records_the_help_the_region_does_not_offer(
    window: IntakeWindow, port: InMemoryIntakePort, new_case: CaseId, qtbot: QtBot
) -> None:
    open_field(window, "future.unmet_needs")
    window.bindings["future.unmet_needs"].write(frozenset({UnmetNeed.LEGAL_ADVICE}))
    note = open_field(window, "future.unmet_needs_note")
    assert isinstance(note, QLineEdit)
    note.setText("Advies over de huur van het pand in Zoë's straat")
    press(qtbot, Qt.Key.Key_Tab)
    future = port.answers(new_case).future
    assert future.unmet_needs == frozenset({UnmetNeed.LEGAL_ADVICE})
    assert future.unmet_needs_note == "Advies over de huur van het pand in Zoë's straat"


class _KeptForLaterError(KeptForLaterError):
    """As the regional server's journal says when the connection is gone."""

    def __init__(self) -> None:
        super().__init__("Geen verbinding met de regionale server. Wat u typte, is bewaard.")


def test_closing_while_the_answers_wait_on_this_computer_asks_nothing(
    window: IntakeWindow, port: InMemoryIntakePort, qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    port.save_error = _KeptForLaterError()
    window.bindings["entrepreneur.surname"].write("Jansen")
    with qtbot.waitSignal(window.closed):
        window.close()
    assert warned == []


def test_closing_while_the_answers_wait_says_what_else_would_be_lost(
    window: IntakeWindow, port: InMemoryIntakePort, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []

    def refuse(_parent: object, _title: str, text: str, *_args: object) -> object:
        warned.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", refuse)
    port.save_error = _KeptForLaterError()
    window.bindings["entrepreneur.surname"].write("Jansen")
    window.registration_date.setText("26-11-2026")
    window.close()
    assert window.isVisible()
    assert len(warned) == 1
    assert "op deze computer bewaard" in warned[0]
    assert "de inschrijving, de afspraak of de acties" in warned[0]
