"""The closing and reopening dialogs with pytest-qt, on a real encrypted store."""

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from casedesk.db.store import Store
from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import Outcome
from casedesk.domain.referrals import ReferralDraft
from casedesk.services.closing import close_case, closing_preview, reopen_case
from casedesk.services.referrals import create_referral
from casedesk.ui.dossier.closing_dialog import ClosingDialog, ReopenDialog
from tests.services.casework_store import NOW, add_case, store

__all__ = ["store"]

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)


def closing_dialog(qtbot: QtBot, store: Store, case_id: int) -> ClosingDialog:
    widget = ClosingDialog(
        closing_preview(store, case_id),
        TODAY,
        lambda outcome, day, confirmed: close_case(
            store, case_id, outcome, day, NOW, confirmed=confirmed
        ),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def choose(widget: ClosingDialog, outcome: Outcome) -> None:
    widget.outcome_field.setCurrentIndex(widget.outcome_field.findData(outcome.value))


def status(store: Store, case_id: int) -> CaseStatus:
    return closing_preview(store, case_id).state.status


def test_closing_without_open_work_needs_no_confirmation(qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store)
    widget = closing_dialog(qtbot, store, case_id)
    assert not widget.confirm_check.isVisible()
    choose(widget, Outcome.CONTINUED_WITH_CHANGES)
    # Advice only (Selectielijst procestype 21): five years, as the note says beforehand.
    assert "(5 jaar na afsluiten; voor het archief: advies gegeven)" in (
        widget.retention_label.text()
    )
    widget.close_button.click()
    assert not widget.isVisible()
    assert widget.retention_until == date(2031, 11, 27)
    assert status(store, case_id) is CaseStatus.CLOSED


def test_an_outcome_must_be_chosen(qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store)
    widget = closing_dialog(qtbot, store, case_id)
    widget.close_button.click()
    assert "Kies de uitkomst" in widget.error_label.text()
    assert status(store, case_id) is not CaseStatus.CLOSED


def test_open_work_is_warned_about_and_must_be_confirmed(qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store)
    create_referral(store, case_id, ReferralDraft("Geldfit Zakelijk", "Schulden", TODAY), NOW)
    widget = closing_dialog(qtbot, store, case_id)
    assert "Er loopt nog 1 verwijzing" in widget.warnings_label.text()
    choose(widget, Outcome.REFERRED_ON)
    widget.close_button.click()
    assert widget.isVisible() and "Vink aan" in widget.error_label.text()
    assert status(store, case_id) is not CaseStatus.CLOSED
    widget.confirm_check.setChecked(True)
    widget.close_button.click()
    assert status(store, case_id) is CaseStatus.CLOSED


def test_reopening_needs_a_reason(qtbot: QtBot, store: Store) -> None:
    case_id = add_case(store)
    close_case(store, case_id, Outcome.DROPPED_OUT, TODAY, NOW)
    widget = ReopenDialog(closing_preview(store, case_id), lambda r: reopen_case(store, case_id, r))
    qtbot.addWidget(widget)
    widget.show()
    widget.reopen_button.click()
    assert widget.isVisible()
    assert "waarom het dossier weer opengaat" in widget.error_label.text()
    assert status(store, case_id) is CaseStatus.CLOSED
    widget.reason_field.setPlainText("Ondernemer meldt zich opnieuw")
    widget.reopen_button.click()
    assert not widget.isVisible()
    assert status(store, case_id) is CaseStatus.ACTIVE
