"""Opens every top-level window and dialog of the app with realistic content and prints,
as JSON, each one's geometry and smallest possible size next to the screen's room.

Run by ``test_window_fit`` in a process of its own, so that the (offscreen) screen can be
a 1366x768 laptop at 100 % or 125 % scaling (``QT_SCALE_FACTOR``).
"""

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from casedesk.catalog.defaults import load_default_catalog
from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.case import CaseStatus
from casedesk.domain.catalog_edit import DossierUse
from casedesk.domain.closing import ClosingState, OpenWork, Outcome, closing_warnings
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.plan.samples import sample_logo_png
from casedesk.services.closing import ClosingPreview
from casedesk.services.municipality_settings import check_logo
from casedesk.ui.app import create_application
from casedesk.ui.catalog.manager import CatalogManager, ExportDialog
from casedesk.ui.catalog.removal import RemoveEntryDialog
from casedesk.ui.catalog.route_leads import RouteLeadsDialog
from casedesk.ui.documents.plan_preview import PlanPreview
from casedesk.ui.documents.ports import PlanDocument, PlanPorts, SettingsPorts
from casedesk.ui.dossier.closing_dialog import ClosingDialog, ReopenDialog
from casedesk.ui.dossier.ports import DossierPorts
from casedesk.ui.dossier.referral_dialog import ReferralDialog, StatusDialog
from casedesk.ui.dossier.view import DossierView
from casedesk.ui.intake.window import IntakeWindow
from casedesk.ui.main_window import MainWindow
from casedesk.ui.ports import MainWindowActions, StoreInfo
from casedesk.ui.setup.first_run import FirstRunDialog
from casedesk.ui.setup.settings_dialog import SettingsDialog
from casedesk.ui.shared.help_windows import GuideDialog, ShortcutsDialog
from casedesk.ui.today.view import DoneNoteDialog, FollowUpDialog, TodayView
from tools.screenshots import catalog as screenshots_catalog
from tools.screenshots import followup as screenshots_followup
from tools.screenshots import intake as screenshots_intake
from tools.screenshots import main_window as screenshots
from tools.screenshots import plan as screenshots_plan

TODAY = date(2026, 11, 27)


def windows(folder: Path) -> dict[str, Callable[[], QWidget]]:
    settings = QSettings(str(folder / "fit.ini"), QSettings.Format.IniFormat)
    municipalities = load_default_region_table().current_municipalities()
    port = screenshots_intake._demo_port()

    @cache
    def document() -> PlanDocument:  # rendered only when a window shows it
        pdf = screenshots_plan.long_plan_pdf()
        return PlanDocument(pdf, screenshots_plan.SAMPLE_MADE_AT, "Zoë de Vries", 8)
    closing_state = ClosingState(1043, CaseStatus.ACTIVE, date(2026, 9, 14), None, None, None)
    closed = ClosingState(1043, CaseStatus.CLOSED, date(2026, 9, 14), Outcome.STOPPED_WITH_JOB,
                          date(2026, 11, 20), date(2033, 11, 20))  # fmt: skip
    plan_settings = MunicipalitySettings(
        name="Gemeente Súdwest-Fryslân",
        logo=sample_logo_png(),
        address="Marktstraat 15\n8601 CR Sneek",
        phone="14 0515",
        privacy_text="De gemeente bewaart uw gegevens. " * 12,
    )

    def first_run_key() -> QWidget:
        dialog = FirstRunDialog(municipalities[:3], lambda answers: "7KQ2-M9XD-" * 7)
        dialog.name_field.setText("Zoë de Vries")
        dialog.municipality_field.setText(municipalities[0].name)
        dialog.create_button.click()
        return dialog

    def main_window() -> QWidget:
        window = MainWindow(
            screenshots._in_memory_source(screenshots._fake_cases(300)),
            StoreInfo(Path("casedesk.db"), warning="Let op: onbeveiligde sleutelopslag"),
            MainWindowActions(
                make_backup=lambda: Path("backup.db"),
                new_intake=lambda: None,
                import_catalog=lambda path: "",
                export_catalog=lambda path: None,
            ),
            settings=settings,
        )
        window.add_page("&Vandaag", TodayView(screenshots_followup.demo_overview, print))
        return window

    return {
        "hoofdvenster": main_window,
        "eerste start": lambda: FirstRunDialog(municipalities[:3], lambda answers: ""),
        "eerste start, herstelsleutel": first_run_key,
        "intake": lambda: IntakeWindow(
            port,
            screenshots_intake.CASE,
            municipalities=municipalities,
            settings=settings,
            today=lambda: TODAY,
        ),
        "dossier": lambda: DossierView(
            port,
            screenshots_intake.CASE,
            municipalities=municipalities,
            settings=settings,
            ports=DossierPorts(
                plan=PlanPorts(
                    render_plan=document,
                    store_version=lambda fresh: fresh,
                    list_versions=lambda: [],
                    load_version=lambda version_id: document().pdf,
                ),
                referral_targets=screenshots_followup.demo_targets,
                create_referral=print,
                referrals=lambda: [screenshots_followup.demo_referral()],
                change_referral_status=lambda *change: None,
                add_follow_up=lambda due, note: None,
                closing_preview=lambda: ClosingPreview(closing_state, (), 7, ()),
                close_case=lambda o, d, c: d,
                reopen_case=print,
                today=lambda: TODAY,
            ),
        ),
        "actieplan": lambda: PlanPreview(document()),
        "instellingen": lambda: SettingsDialog(
            SettingsPorts(
                load=lambda code: plan_settings,
                save=lambda settings, code: None,
                check_logo=check_logo,
                caseworker_email=lambda: "z.devries@sudwestfryslan.nl",
                save_caseworker_email=print,
            )
        ),
        "opvolging": lambda: FollowUpDialog(1043, TODAY, lambda due, note: None),
        "gedaan": lambda: DoneNoteDialog(screenshots_followup.demo_overview().overdue[0], print),
        "verwijzing": lambda: ReferralDialog(
            screenshots_followup.demo_targets(), TODAY, lambda draft: None
        ),
        "status": lambda: StatusDialog(
            screenshots_followup.demo_referral(), TODAY, lambda s, d, n: None
        ),
        "afsluiten": lambda: ClosingDialog(
            ClosingPreview(closing_state, closing_warnings(OpenWork(3, 2)), 7, ()),
            TODAY,
            lambda o, d, c: d,
        ),
        "heropenen": lambda: ReopenDialog(ClosingPreview(closed, (), 7, ()), lambda r: None),
        "catalogus": lambda: CatalogManager(screenshots_catalog.MemoryCatalog().ports()),
        "catalogus-export": lambda: ExportDialog(
            load_default_catalog(), screenshots_catalog.MemoryCatalog().ports(), main_window()
        ),
        "catalogus-verwijderen": lambda: RemoveEntryDialog(
            load_default_catalog().instruments[0], DossierUse(3), main_window()
        ),
        "catalogus-regie": lambda: RouteLeadsDialog(
            load_default_catalog(), load_default_region_table(),
            lambda leads: load_default_catalog(), main_window(),
        ),
        "sneltoetsen": lambda: ShortcutsDialog([main_window()]),
        "handleiding": GuideDialog,
    }


def main() -> None:
    app = create_application(sys.argv[:1])
    screen = app.primaryScreen().availableGeometry()
    report = []
    with TemporaryDirectory() as folder:
        for name, make in windows(Path(folder)).items():
            window = make()
            window.show()
            QApplication.processEvents()
            geometry = window.frameGeometry()
            smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
            report.append(
                {
                    "name": name,
                    "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
                    "smallest": [smallest.width(), smallest.height()],
                }
            )
            window.close()
    json.dump(
        {"screen": [screen.x(), screen.y(), screen.width(), screen.height()], "windows": report},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
