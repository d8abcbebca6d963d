"""Render the Vandaag view and the referral and closing dialogs to PNG files for review.

``python -m tools.screenshots.followup OUTDIR`` — offscreen, with made-up data held in
memory. A review tool, not a test: the fake data lives only here.
"""

import os
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from casedesk.domain.case import CaseStatus
from casedesk.domain.closing import ClosingState, OpenWork, Outcome, closing_warnings
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import (
    ActionItem,
    AppointmentItem,
    FollowUpItem,
    TodayOverview,
    overview,
)
from casedesk.domain.referrals import (
    FOLLOW_UP_TEXT,
    Consent,
    ConsentMethod,
    Referral,
    ReferralDraft,
    ReferralRuleError,
    ReferralStatus,
    StatusStep,
    check_referral,
)
from casedesk.services.closing import ClosingPreview
from casedesk.services.referrals import ReferralTarget

TODAY = date(2026, 11, 27)
_ITEMS = [
    (-23, 1043, "Fatma Özdemir", "Özdemir Kapsalon", FOLLOW_UP_TEXT, "Geldfit Zakelijk"),
    (-9, 988, "Jan-Willem van den Bergh", "Van den Bergh Klussen", FOLLOW_UP_TEXT,
     "Ondernemersklankbord"),
    (-2, 1101, "IJsbrand de Vries", "", "Jaarcijfers 2025 opvragen", ""),
    (0, 1120, "Anouk ’t Hart", "’t Hart Schoonmaak", "Terugbellen over het ondernemersplan", ""),
    (0, 1077, "Mohammed El Amrani", "El Amrani Transport B.V.", FOLLOW_UP_TEXT,
     "Leerwerkloket Flevoland"),
    (1, 1130, "Zoë Jansen-Bakker", "Atelier Zoë", "Afspraak bij de KvK nagaan", ""),
    (3, 1002, "Pieter van der Meulen", "Meulen Hoveniers", FOLLOW_UP_TEXT,
     "Regionaal Mobiliteitsteam"),
    (6, 1141, "Noor Haddou", "Noor Design", "Bbz-aanvraag: ontbrekende stukken", ""),
]  # fmt: skip


def demo_overview() -> TodayOverview:
    items = [
        FollowUpItem(
            follow_up_id=number, case_id=case_id, due_date=TODAY + timedelta(days=offset),
            note=note, entrepreneur_name=name, trade_name=trade,
            referral_id=number if partner else None, partner_name=partner,
        )
        for number, (offset, case_id, name, trade, note, partner) in enumerate(_ITEMS, start=1)
    ]  # fmt: skip
    actions = (
        ActionItem(1, 1043, "Schuldhulpverlening bellen voor een spoedafspraak", TODAY,
                   "Fatma Özdemir", "Özdemir Kapsalon"),
        ActionItem(2, 1130, "Offerte van de verbouwing nakijken", TODAY + timedelta(days=2),
                   "Zoë Jansen-Bakker", "Atelier Zoë"),
        ActionItem(3, 988, "Aanvraag Bbz klaarzetten", None, "Jan-Willem van den Bergh", ""),
    )  # fmt: skip
    appointments = (
        AppointmentItem(1043, datetime(2026, 11, 30, 10, 0, tzinfo=AMSTERDAM), "Op locatie",
                        "Stadskantoor, balie 3", "Fatma Özdemir", "Özdemir Kapsalon"),
        AppointmentItem(1141, datetime(2026, 12, 2, 14, 30, tzinfo=AMSTERDAM), "Telefonisch",
                        "06 12345678", "Noor Haddou", "Noor Design"),
    )  # fmt: skip
    return replace(overview(items, TODAY), my_actions=actions, appointments=appointments)


def demo_targets() -> list[ReferralTarget]:
    return [
        ReferralTarget("geldfit", None, "Geldfit Zakelijk", "Geldfit Zakelijk",
                       "geldfitzakelijk.nl · 0800 8115"),
        ReferralTarget("ok", None, "Ondernemersklankbord", "Ondernemersklankbord",
                       "ondernemersklankbord.nl"),
        ReferralTarget(None, "bbz-scan", "Levensvatbaarheidsonderzoek (Zelfstandigenloket)",
                       "Zelfstandigenloket", "0320 278 000"),
    ]  # fmt: skip


def demo_referral() -> Referral:
    return Referral(
        referral_id=7, case_id=1043, partner_name="Geldfit Zakelijk",
        request_text="Hulp bij de schulden van de kapsalon (belastingdienst en leverancier).",
        referred_on=date(2026, 10, 30), status=ReferralStatus.STARTED, shares_data=True,
        consent=Consent(True, "naam, telefoonnummer en hulpvraag", "Geldfit Zakelijk",
                        date(2026, 10, 30), ConsentMethod.SIGNED),
        history=(
            StatusStep(ReferralStatus.PROPOSED, date(2026, 10, 23), ""),
            StatusStep(ReferralStatus.REFERRED, date(2026, 10, 30), "Aanmelding gemaild"),
            StatusStep(ReferralStatus.STARTED, date(2026, 11, 12),
                       "Eerste gesprek bij Geldfit geweest"),
        ),
    )  # fmt: skip


def render_screenshots(out_dir: Path) -> list[Path]:
    """Renders the review PNGs into ``out_dir`` and returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from casedesk.ui.app import create_application
    from casedesk.ui.dossier.closing_dialog import ClosingDialog, ReopenDialog
    from casedesk.ui.dossier.referral_dialog import ReferralDialog, StatusDialog
    from casedesk.ui.today.view import FollowUpDialog, TodayView

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or create_application(sys.argv[:1])
    written: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        widget.show()
        app.processEvents()
        path = out_dir / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    today = TodayView(demo_overview, lambda follow_up_id, note: None)
    today.resize(1100, 640)
    today.refresh()
    grab(today, "today_view")
    today.overdue_view.setFocus()
    today.overdue_view.selectRow(0)
    today.ask_done_note()
    assert today.done_dialog is not None
    today.done_dialog.ok_button.click()  # empty note: shows the Dutch message
    grab(today.done_dialog, "today_done_note_empty")
    today.done_dialog.reject()
    empty = TodayView(lambda: overview([], TODAY), lambda follow_up_id, note: None)
    empty.resize(900, 420)
    empty.refresh()
    grab(empty, "today_view_empty")

    own = FollowUpDialog(1043, TODAY, lambda due, note: None)
    own.note_field.setText("Bellen over de offerte van de verbouwing")
    grab(own, "follow_up_dialog")

    def refuse(draft: ReferralDraft) -> None:
        check_referral(draft)
        raise ReferralRuleError("(schermafdruk: niet opgeslagen)")

    referral = ReferralDialog(demo_targets(), TODAY, refuse)
    referral.target_field.setCurrentIndex(1)
    referral.contact_field.setText("Mevr. Çelik")
    referral.request_field.setPlainText("Hulp bij de schulden van de kapsalon.")
    referral.shares_data_check.setChecked(True)
    referral.consent_given.setChecked(True)
    referral.data_field.setText("naam, telefoonnummer en hulpvraag")
    grab(referral, "referral_dialog")
    referral.consent_not_asked.setChecked(True)
    referral.try_save()
    grab(referral, "referral_dialog_no_consent")

    status = StatusDialog(demo_referral(), TODAY, lambda s, d, n: None)
    grab(status, "referral_status_dialog")

    state = ClosingState(1043, CaseStatus.ACTIVE, date(2026, 9, 14), None, None, None)
    preview = ClosingPreview(state, closing_warnings(OpenWork(1, 2)), 7, ())
    closing = ClosingDialog(preview, TODAY, lambda o, d, c: d)
    closing.outcome_field.setCurrentIndex(2)
    grab(closing, "closing_dialog")

    closed = ClosingState(1043, CaseStatus.CLOSED, date(2026, 9, 14), Outcome.STOPPED_WITH_JOB,
                          date(2026, 11, 20), date(2033, 11, 20))  # fmt: skip
    reopen = ReopenDialog(ClosingPreview(closed, (), 7, ()), lambda reason: None)
    grab(reopen, "reopen_dialog")
    for widget in (today, empty, own, referral, status, closing, reopen):
        widget.close()
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots.followup MAP")
    for written_path in render_screenshots(Path(sys.argv[1])):
        print(written_path)
