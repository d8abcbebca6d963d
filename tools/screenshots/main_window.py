"""Render the main window and the first-run dialog to PNG files for review.

``python -m tools.screenshots.main_window OUTDIR`` — offscreen, at 1366x768, with a made-up list
of cases held in memory. A review tool, not a test: the fake data lives only here.
"""

import os
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from casedesk.domain.case import CaseId, CaseStatus, CaseSummary
from casedesk.domain.regions import Municipality, MunicipalityCode, RegionCode
from casedesk.domain.routes import Route
from casedesk.ui.ports import CasePageSource, MainWindowActions, StoreInfo
from casedesk.ui.setup.ports import FirstRunAnswers
from casedesk.ui.shared.text_match import fold

SCREEN_SIZE = (1366, 768)
_PEOPLE = [
    ("Fatma Özdemir", "Özdemir Kapsalon", "Súdwest-Fryslân"),
    ("Jan-Willem van den Bergh", "Van den Bergh Klussen", "Utrecht"),
    ("IJsbrand de Vries", "", "Leeuwarden"),
    ("Anouk ’t Hart", "’t Hart Schoonmaak", "’s-Hertogenbosch"),
    ("Mohammed El Amrani", "El Amrani Transport B.V.", "Rotterdam"),
    ("Zoë Jansen-Bakker", "Atelier Zoë", "Nijmegen"),
    ("Pieter van der Meulen", "Meulen Hoveniers", "Súdwest-Fryslân"),
    ("Chantal Brouwer", "", "Amsterdam"),
    ("Kees de Jong", "De Jong Fietsen", "Groningen"),
    ("Noor Haddou", "Noor Design", "Den Haag"),
]


def _fake_cases(count: int) -> list[CaseSummary]:
    start = datetime(2026, 11, 27, 14, 5)
    statuses = list(CaseStatus)
    routes: list[Route | None] = [None, *Route]
    cases = []
    for number in range(count):
        name, trade, place = _PEOPLE[number % len(_PEOPLE)]
        cases.append(
            CaseSummary(
                case_id=CaseId(count - number),
                entrepreneur_name=name,
                trade_name=trade,
                municipality=place,
                route=routes[number % len(routes)],
                status=statuses[number % len(statuses)],
                updated_at=start - timedelta(hours=7 * number),
            )
        )
    return cases


def _in_memory_source(cases: list[CaseSummary]) -> CasePageSource:
    def fetch(query: str, after: CaseSummary | None, limit: int, /) -> Sequence[CaseSummary]:
        needle = fold(query)
        matching = [case for case in cases if needle in fold(_searchable(case))]
        start = 0 if after is None else matching.index(after) + 1
        return matching[start : start + limit]

    return fetch


def _searchable(case: CaseSummary) -> str:
    return f"{case.entrepreneur_name} {case.trade_name} {case.municipality}"


def main(out_dir: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMenu

    from casedesk.ui.app import create_application
    from casedesk.ui.main_window import MainWindow
    from casedesk.ui.setup.first_run import FirstRunDialog

    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    app = create_application(sys.argv[:1])
    settings = QSettings(str(target / "screenshots.ini"), QSettings.Format.IniFormat)
    settings.clear()

    window = MainWindow(
        _in_memory_source(_fake_cases(1200)),
        StoreInfo(
            Path.home() / ".local/share/casedesk/casedesk.db",
            warning="Let op: de sleutel staat in een onbeveiligde sleutelopslag",
        ),
        MainWindowActions(
            make_backup=lambda: Path("backup.db"),
            new_intake=lambda: None,
            import_catalog=lambda path: "",
            export_catalog=lambda path: None,
        ),
        settings=settings,
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    app.processEvents()
    window.grab().save(str(target / "main_window.png"))
    for number, menu_action in enumerate(window.menuBar().actions(), start=1):
        menu = menu_action.menu()
        if menu_action.isVisible() and isinstance(menu, QMenu):
            menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            app.processEvents()
            menu.grab().save(str(target / f"menu_{number}.png"))
            menu.hide()
    window.search_field.setText("ozdemir")
    window.case_model.set_query("ozdemir")
    app.processEvents()
    window.grab().save(str(target / "main_window_search.png"))

    municipalities = [
        Municipality(MunicipalityCode(code), name, RegionCode("AM00"), "", 2026)
        for code, name in [
            ("GM1900", "Súdwest-Fryslân"),
            ("GM0344", "Utrecht"),
            ("GM0080", "Leeuwarden"),
        ]
    ]
    dialog = FirstRunDialog(
        municipalities,
        # As long as a real recovery key: 14 groups of 4.
        lambda answers: "7KQ2-M9XD-4HTP-Z3WA-8CNE-5RJB-V6LF-2GYS-Q4TA-MX7D-3KCW-9PLE-R2ZN-H8VU",
    )
    dialog.show()
    dialog.name_field.setText("")
    dialog.municipality_field.setText("Sudwest")
    dialog.create_button.click()
    app.processEvents()
    dialog.grab().save(str(target / "first_run_details.png"))
    dialog.name_field.setText("Zoë de Vries")
    dialog.municipality_field.setText("sudwest-fryslan")
    dialog.create_button.click()
    app.processEvents()
    dialog.grab().save(str(target / "first_run_key.png"))
    assert isinstance(dialog.answers, FirstRunAnswers)
    dialog.kept_check.setChecked(True)
    dialog.accept()
    window.close()
    render_other_areas(target)



def render_other_areas(target: Path) -> None:
    """The screens of the intake, the plan and the follow-ups, each in a folder of its own."""
    from tools.screenshots import catalog as screenshots_catalog
    from tools.screenshots import followup as screenshots_followup
    from tools.screenshots import intake as screenshots_intake
    from tools.screenshots import plan as screenshots_plan
    from tools.screenshots.plan_pages import render_sample_plans

    screenshots_intake.render_screenshots(target / "intake")
    screenshots_plan.render_screenshots(target / "plan")
    screenshots_followup.render_screenshots(target / "opvolging")
    screenshots_catalog.render_screenshots(target / "catalogus")
    render_sample_plans(target / "actieplan")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots.main_window MAP")
    main(sys.argv[1])
