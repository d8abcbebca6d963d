"""Render every intake step and the dossier view of a filled-in demo intake to PNG files.

``python -m tools.screenshots.intake OUTDIR`` — offscreen, at 1366x768. A review
tool, not a test: the demo dossier (Zoë van 't Hoff-Çelik, a hairdresser with acute
debts) lives only here, in a small in-memory port that uses the real advice engine and
the real default catalog.
"""

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from casedesk.domain.advice import Advice
from casedesk.domain.agreements import Action, ActionOwner, Appointment, AppointmentMode
from casedesk.domain.case import CaseId, CaseStatus
from casedesk.domain.catalog import InstrumentId
from casedesk.domain.decision import RouteDecision, decision_on
from casedesk.domain.dossier import (
    AnswersBase,
    AnswersSaved,
    ChosenInstrument,
    DocumentLine,
    Dossier,
    DuplicateMatch,
    FollowUpLine,
    IntakeState,
    LogLine,
    PartBase,
    PartSaved,
    ReferralLine,
    Registration,
)
from casedesk.domain.intake import (
    AcuteDebtKind,
    Business,
    Channel,
    Country,
    DebtKind,
    DebtLevel,
    Entrepreneur,
    Future,
    HelpRequest,
    Household,
    IntakeAnswers,
    LegalForm,
    Scheme,
    Sector,
    Signal,
    Situation,
    Wish,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.domain.routes import Route

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

SCREEN_SIZE = (1366, 768)
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 13, 5, tzinfo=UTC)
CASE = CaseId(1042)

DEMO_ANSWERS = IntakeAnswers(
    entrepreneur=Entrepreneur(
        first_names="Zoë Maria",
        name_prefix="van 't",
        surname="Hoff-Çelik",
        date_of_birth=date(1984, 3, 12),
        phone="06 12345678",
        email="zoe@kapsalonzoe.nl",
        street_address="Piusstraat 41",
        postcode="5038 WM",
        place="Tilburg",
        municipality_code=MunicipalityCode("GM0855"),
        country=Country.NL,
    ),
    business=Business(
        trade_name="Kapsalon Zoë",
        kvk_number="12345678",
        sector=Sector.PERSONAL_SERVICES,
        legal_form=LegalForm.SOLE_PROPRIETORSHIP,
        start_date=date(2012, 9, 1),
        staff=1,
        hours_per_week=45,
    ),
    situation=Situation(
        schemes=frozenset({Scheme.TOZO, Scheme.TVL}),
        turnover_drop_percent=40,
        fixed_costs_covered=False,
        living_costs_covered=False,
        debts=DebtLevel.ACUTE,
        acute_debt_kinds=frozenset({AcuteDebtKind.EVICTION}),
        debt_kinds=frozenset({DebtKind.TAX, DebtKind.RENT_OR_MORTGAGE}),
        signals=frozenset({Signal.STRESS, Signal.SLEEP_PROBLEMS}),
        crisis=False,
        household=Household.SINGLE_PARENT,
    ),
    future=Future(
        wish=Wish.CONTINUE_WITH_CHANGES,
        help_requests=frozenset({HelpRequest.DEBT_HELP, HelpRequest.ADMINISTRATION}),
    ),
    channel=Channel.TOZO_OR_BBZ,
)


@dataclass
class _DemoPort:
    """The intake port over one demo dossier held in memory."""

    state: IntakeState
    log: list[LogLine] = field(default_factory=list)

    def start_intake(self, registration: Registration, answers: IntakeAnswers) -> CaseId:
        return self.state.case_id

    def load_intake(self, case_id: CaseId) -> IntakeState:
        return self.state

    def save_answers(
        self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
    ) -> AnswersSaved:
        self.state = replace(self.state, answers=answers, answers_saved_at=NOW)
        return AnswersSaved(answers, self.state.answer_versions)

    def save_registration(
        self,
        case_id: CaseId,
        registration: Registration,
        base: PartBase[Registration] | None = None,
    ) -> PartSaved[Registration]:
        self.state = replace(self.state, registration=registration)
        return PartSaved(registration, 0)

    def find_duplicates(self, case_id: CaseId, answers: IntakeAnswers) -> Sequence[DuplicateMatch]:
        if answers.business.kvk_number != "12345678":
            return []
        return [
            DuplicateMatch(
                CaseId(377), "Zoë van 't Hoff", "Kapsalon Zoë", CaseStatus.CLOSED,
                "Zelfde KvK-nummer (12345678)",
            )
        ]  # fmt: skip

    def advise(self, case_id: CaseId, answers: IntakeAnswers) -> Advice:
        from casedesk.catalog.defaults import load_default_catalog
        from casedesk.catalog.regions import load_default_region_table
        from casedesk.domain.advice import advise

        code = answers.entrepreneur.municipality_code or MunicipalityCode("GM0855")
        locality = load_default_region_table().locality_of(code)
        return advise(answers, load_default_catalog(), locality, TODAY)

    def decide_route(
        self,
        case_id: CaseId,
        advice: Advice,
        primary: Route,
        secondary: Route | None,
        override_reason: str,
        third: Route | None = None,
    ) -> RouteDecision:
        chosen = tuple(route for route in (primary, secondary, third) if route is not None)
        decision = decision_on(advice, chosen, override_reason, NOW, "Sanne de Wit")
        self.state = replace(self.state, decision=decision)
        return decision

    def choose_instruments(
        self,
        case_id: CaseId,
        instrument_ids: Sequence[InstrumentId],
        base: PartBase[tuple[InstrumentId, ...]] | None = None,
    ) -> PartSaved[tuple[ChosenInstrument, ...]]:
        chosen = tuple(ChosenInstrument(i, i) for i in instrument_ids)
        self.state = replace(self.state, chosen_instruments=chosen)
        return PartSaved(chosen, 0)

    def save_actions(
        self,
        case_id: CaseId,
        actions: Sequence[Action],
        base: PartBase[tuple[Action, ...]] | None = None,
    ) -> PartSaved[tuple[Action, ...]]:
        stored = tuple(replace(a, action_id=n) for n, a in enumerate(actions, start=1))
        self.state = replace(self.state, actions=stored)
        return PartSaved(stored, 0)

    def save_appointment(
        self,
        case_id: CaseId,
        appointment: Appointment | None,
        base: PartBase[Appointment | None] | None = None,
    ) -> PartSaved[Appointment | None]:
        self.state = replace(self.state, appointment=appointment)
        return PartSaved(appointment, 0)

    def dossier(self, case_id: CaseId) -> Dossier:
        return Dossier(
            intake=self.state,
            referrals=(
                ReferralLine(
                    1,
                    "Schuldhulpverlening Tilburg",
                    "Hulp bij dreigende uitzetting",
                    TODAY,
                    "Verwezen",
                ),
            ),
            documents=(DocumentLine(1, "Persoonlijk actieplan", NOW, "Sanne de Wit", "9f2c" * 16),),
            log=tuple(self.log),
            follow_ups=(
                FollowUpLine(date(2026, 12, 11), "Nagaan of de schuldhulp is gestart"),
                FollowUpLine(date(2026, 11, 20), "Jaarcijfers ontvangen?", NOW, "Ontvangen, klopt"),
            ),
        )


def _demo_port() -> _DemoPort:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    state = IntakeState(
        case_id=CASE,
        status=CaseStatus.INTAKE,
        registration=Registration(TODAY, "GM0855"),
        answers=DEMO_ANSWERS,
        decision=None,
        chosen_instruments=(),
        actions=(
            Action(
                "Brief van de verhuurder meenemen naar de schuldhulp",
                ActionOwner.ENTREPRENEUR,
                due_date=date(2026, 11, 30),
                action_id=1,
            ),
            Action(
                "Schuldhulpverlening bellen voor een spoedafspraak",
                ActionOwner.CASEWORKER,
                due_date=date(2026, 11, 27),
                action_id=2,
                done=True,
            ),
            Action(
                "Gesprek over uitstel van huurachterstand",
                ActionOwner.PARTNER,
                "Schuldhulpverlening Tilburg",
                date(2026, 12, 2),
                action_id=3,
            ),
        ),
        appointment=Appointment(
            datetime(2026, 12, 4, 10, 30, tzinfo=amsterdam),
            AppointmentMode.IN_PERSON,
            "Stadskantoor Tilburg, balie 3",
        ),
        answers_saved_at=NOW,
    )
    log = [
        LogLine(NOW, "Sanne de Wit", text)
        for text in (
            "Dossier aangemaakt",
            "Intake opgeslagen: Voornamen, Achternaam, Geboortedatum",
            "Advies overgenomen: route 2, daarna route 1",
            "Actieplan gemaakt (versie 1)",
        )
    ]
    return _DemoPort(state, log)


def render_screenshots(out_dir: Path) -> list[Path]:
    """Render the nine intake steps and the dossier view's tabs; returns the files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from casedesk.catalog.regions import load_default_region_table
    from casedesk.ui.app import application
    from casedesk.ui.dossier.view import TABS, DossierView
    from casedesk.ui.intake.window import STEP_ADVICE, STEP_INSTRUMENTS, STEPS, IntakeWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    app = application(sys.argv[:1])
    settings = QSettings(str(out_dir / "screenshots_intake.ini"), QSettings.Format.IniFormat)
    settings.clear()
    municipalities = load_default_region_table().current_municipalities()
    port = _demo_port()
    written: list[Path] = []

    def save(widget: "QWidget", name: str) -> None:
        app.processEvents()
        path = out_dir / name
        widget.grab().save(str(path))
        written.append(path)

    window = IntakeWindow(
        port, CASE, municipalities=municipalities, settings=settings, today=lambda: TODAY
    )
    window.resize(*SCREEN_SIZE)
    window.show()
    for step, title in enumerate(STEPS):
        window.open_step(step, focus=True)
        if step == STEP_ADVICE:
            save(window, f"intake_{step + 1}_{_slug(title)}.png")
            window.advice_panel.accept_advice()
            save(window, f"intake_{step + 1}_{_slug(title)}_besluit.png")
            window.advice_panel.show_override()
            window.advice_panel.primary_combo.setCurrentIndex(2)  # route 3, no reason typed
            window.advice_panel.reason_edit.setPlainText("")
            window.advice_panel._record_override()  # shows the refusal without a reason
            save(window, f"intake_{step + 1}_{_slug(title)}_andere_route.png")
            window.advice_panel.override_box.hide()
            continue
        if step == STEP_INSTRUMENTS:
            window.instruments_panel.model.toggle(0)
            window.instruments_panel.model.toggle(1)
        save(window, f"intake_{step + 1}_{_slug(title)}.png")
    window.bindings["situation.debts"].write(DebtLevel.NONE)
    window.bindings["situation.acute_debt_kinds"].write(frozenset())
    window.bindings["business.kvk_number"].write("1234567")
    window.save_now()
    window.open_step(STEP_ADVICE)
    save(window, "intake_6_advies_veranderd.png")
    window.open_step(2)
    save(window, "intake_3_onderneming_melding.png")
    window.resize(1366, 768)
    window.close()

    empty = _DemoPort(
        replace(
            port.state,
            answers=IntakeAnswers(),
            decision=None,
            actions=(),
            chosen_instruments=(),
            appointment=None,
        )
    )
    new_window = IntakeWindow(
        empty, CASE, municipalities=municipalities, settings=settings, today=lambda: TODAY
    )
    new_window.resize(*SCREEN_SIZE)
    new_window.show()
    new_window.open_step(3, focus=True)
    save(new_window, "intake_nieuw_4_situatie.png")
    new_window.open_step(STEP_ADVICE)
    save(new_window, "intake_nieuw_6_advies.png")
    new_window.close()

    dossier = DossierView(port, CASE, municipalities=municipalities, settings=settings)
    dossier.resize(*SCREEN_SIZE)
    dossier.show()
    for index, title in enumerate(TABS):
        dossier.tabs.setCurrentIndex(index)
        save(dossier, f"dossier_{index + 1}_{_slug(title)}.png")
    dossier.close()
    return written


def _slug(title: str) -> str:
    return title.lower().replace(" ", "_")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("gebruik: python -m tools.screenshots.intake MAP")
    for written_path in render_screenshots(Path(sys.argv[1])):
        print(written_path)
