"""The referral and status dialogs with pytest-qt, saving to a real encrypted store."""

from datetime import date

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from casedesk.catalog.defaults import load_default_catalog
from casedesk.db.models import Referral as ReferralRow
from casedesk.db.store import Store
from casedesk.domain.referrals import (
    ConsentMethod,
    ReferralDraft,
    ReferralStatus,
    StatusStep,
)
from casedesk.services.referrals import (
    case_referrals,
    change_referral_status,
    create_referral,
    referral_targets,
)
from casedesk.ui.dossier.referral_dialog import ReferralDialog, ReferralHistoryModel, StatusDialog
from tests.services.casework_store import NOW, add_case, store

__all__ = ["store"]

pytestmark = pytest.mark.qt

TODAY = date(2026, 11, 27)


def referral_count(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(ReferralRow)) or 0


@pytest.fixture
def case_id(store: Store) -> int:
    return add_case(store)


@pytest.fixture
def dialog(qtbot: QtBot, store: Store, case_id: int) -> ReferralDialog:
    widget = ReferralDialog(
        referral_targets(load_default_catalog()),
        TODAY,
        lambda draft: create_referral(store, case_id, draft, NOW),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(dialog: ReferralDialog) -> None:
    dialog.target_field.setCurrentIndex(1)
    dialog.contact_field.setText("Mevr. Öztürk")
    dialog.request_field.setPlainText("Graag een gesprek over de schulden van de zaak")


def test_choosing_from_the_catalog_fills_the_partner(dialog: ReferralDialog) -> None:
    dialog.target_field.setCurrentIndex(1)
    target = dialog.chosen_target()
    assert target is not None
    assert dialog.partner_field.text() == target.partner_name
    assert dialog.draft().partner_id == target.partner_id


def test_saving_a_referral_stores_it_and_closes(
    dialog: ReferralDialog, store: Store, case_id: int
) -> None:
    fill(dialog)
    dialog.save_button.click()
    assert not dialog.isVisible()
    [referral] = case_referrals(store, case_id)
    assert referral.contact_person == "Mevr. Öztürk"
    assert referral.status is ReferralStatus.REFERRED


def test_sharing_data_without_consent_cannot_be_saved(dialog: ReferralDialog, store: Store) -> None:
    fill(dialog)
    dialog.shares_data_check.setChecked(True)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "geen toestemming van de ondernemer vastgelegd" in dialog.error_label.text()
    assert dialog.request_field.toPlainText().startswith("Graag een gesprek")
    assert referral_count(store) == 0


def test_sharing_with_given_consent_is_saved_with_the_consent(
    dialog: ReferralDialog, store: Store, case_id: int
) -> None:
    fill(dialog)
    dialog.shares_data_check.setChecked(True)
    dialog.consent_given.setChecked(True)
    dialog.data_field.setText("naam, telefoonnummer en hulpvraag")
    dialog.method_field.setCurrentIndex(dialog.method_field.findData(ConsentMethod.SIGNED.value))
    dialog.save_button.click()
    [referral] = case_referrals(store, case_id)
    assert referral.shares_data
    assert referral.consent is not None and referral.consent.method is ConsentMethod.SIGNED
    assert referral.consent.recipient == referral.partner_name


def test_a_refusal_turns_sharing_off_and_is_recorded(
    dialog: ReferralDialog, store: Store, case_id: int
) -> None:
    fill(dialog)
    dialog.shares_data_check.setChecked(True)
    dialog.consent_refused.setChecked(True)
    assert not dialog.shares_data_check.isChecked()
    dialog.save_button.click()
    [referral] = case_referrals(store, case_id)
    assert referral.shares_data is False
    assert referral.consent is not None and referral.consent.given is False


def test_an_empty_request_is_refused_in_dutch(dialog: ReferralDialog, store: Store) -> None:
    dialog.target_field.setCurrentIndex(1)
    dialog.save_button.click()
    assert "Schrijf op wat u aan de partner vraagt" in dialog.error_label.text()
    assert referral_count(store) == 0


@pytest.fixture
def referral_id(store: Store, case_id: int) -> int:
    return create_referral(
        store, case_id, ReferralDraft("Geldfit Zakelijk", "Schulden", date(2026, 11, 20)), NOW
    ).referral_id


def status_dialog(qtbot: QtBot, store: Store, case_id: int, referral_id: int) -> StatusDialog:
    [referral] = case_referrals(store, case_id)
    widget = StatusDialog(
        referral,
        TODAY,
        lambda status, day, note: change_referral_status(
            store, referral_id, status, day, note, NOW
        ),
    )
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_status_dialog_offers_only_allowed_steps_and_shows_history(
    qtbot: QtBot, store: Store, case_id: int, referral_id: int
) -> None:
    widget = status_dialog(qtbot, store, case_id, referral_id)
    offered = [widget.status_field.itemText(i) for i in range(widget.status_field.count())]
    assert offered == ["Gestart", "Niet gestart"]
    assert widget.history_model.rowCount() == 1
    assert widget.history_model.data(widget.history_model.index(0, 1)) == "Verwezen"


def test_a_status_change_with_a_note_is_stored(
    qtbot: QtBot, store: Store, case_id: int, referral_id: int
) -> None:
    widget = status_dialog(qtbot, store, case_id, referral_id)
    widget.note_field.setText("Eerste gesprek gehad")
    widget.save_button.click()
    assert not widget.isVisible()
    [referral] = case_referrals(store, case_id)
    assert referral.history[-1] == StatusStep(ReferralStatus.STARTED, TODAY, "Eerste gesprek gehad")


def test_a_status_date_before_the_referral_is_refused_in_the_dialog(
    qtbot: QtBot, store: Store, case_id: int, referral_id: int
) -> None:
    widget = status_dialog(qtbot, store, case_id, referral_id)
    widget.date_field.setText("28-10-2026")
    widget.save_button.click()
    assert widget.isVisible()
    assert "vóór de vorige stap" in widget.error_label.text()
    assert len(case_referrals(store, case_id)[0].history) == 1


def test_a_final_referral_cannot_change_status(
    qtbot: QtBot, store: Store, case_id: int, referral_id: int
) -> None:
    change_referral_status(store, referral_id, ReferralStatus.NOT_STARTED, TODAY, "", NOW)
    widget = status_dialog(qtbot, store, case_id, referral_id)
    assert widget.status_field.count() == 0 and not widget.save_button.isVisible()
    assert widget.history_model.rowCount() == 2


def test_the_history_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ReferralHistoryModel()
    qtmodeltester.check(model, force_py=True)
    model.set_steps([StatusStep(ReferralStatus.REFERRED, TODAY, ""),
                     StatusStep(ReferralStatus.STARTED, TODAY, "Gestart")])  # fmt: skip
    qtmodeltester.check(model, force_py=True)
