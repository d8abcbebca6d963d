"""The regional report made from a real store: the figures, the files, and no one in them."""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.cli import main
from casedesk.db import settings_repo
from casedesk.db.models import AuditEvent
from casedesk.db.store import Store
from casedesk.domain.dossier import Registration
from casedesk.domain.intake import (
    Channel,
    Future,
    HelpRequest,
    IntakeAnswers,
    UnmetNeed,
    Wish,
)
from casedesk.domain.report import HIDDEN_TEXT, WITHHELD_TEXT, Report, Topic
from casedesk.errors import KnownError
from casedesk.services.demo.fill import fill_with_demo_cases
from casedesk.services.intake import IntakeService
from casedesk.services.report import (
    CSV_HEADER,
    make_report,
    report_csv,
    save_report,
    show_report,
    write_report,
)
from tests.conftest import MemoryKeyring
from tests.plan.pdf_tools import pdf_fonts, pdf_info, pdf_text
from tests.services.casework_store import store
from tests.services.demo_region import demo_region_codes, fill_demo_region
from tests.services.personal_values import personal_values

__all__ = ["store"]

NOW = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def _service(store: Store) -> IntakeService:
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
    return IntakeService(store, actor_id, today=lambda: TODAY, now=lambda: NOW)


def _intakes(
    store: Store, count: int, registered: date, answers: IntakeAnswers,
    municipality: str = "GM0855",
) -> None:  # fmt: skip
    service = _service(store)
    for _ in range(count):
        case_id = service.start_intake(Registration(registered, municipality), answers)
        if answers.future.wish is None:
            continue
        advice = service.advise(case_id, answers)
        service.decide_route(case_id, advice, advice.primary_route, advice.secondary_route, "")


def _figure(report: Report, topic: Topic, key: str) -> str:
    section = next(section for section in report.sections if section.topic is topic)
    return next(line.cells[0].text for line in section.lines if line.key == key)


WEBSITE_COACHING = IntakeAnswers(
    channel=Channel.WEBSITE,
    future=Future(
        help_requests=frozenset({HelpRequest.ENTREPRENEUR_SKILLS}),
        unmet_needs=frozenset({UnmetNeed.BUSINESS_FINANCE}),
    ),
)


def test_the_report_counts_what_the_counter_recorded_in_the_period(store: Store) -> None:
    _intakes(store, 6, date(2026, 3, 2), WEBSITE_COACHING)
    _intakes(store, 2, date(2026, 3, 2), IntakeAnswers(channel=Channel.MEDIA))
    _intakes(store, 5, date(2026, 3, 2), IntakeAnswers())
    _intakes(store, 5, date(2025, 12, 31), WEBSITE_COACHING)  # before the period

    report = make_report(store, *YEAR, TODAY)

    assert report.intakes.cells[0].text == "13"
    assert _figure(report, Topic.CHANNEL, "website") == "6"
    assert _figure(report, Topic.CHANNEL, "media") == HIDDEN_TEXT
    assert _figure(report, Topic.HELP_REQUEST, "ondernemersvaardigheden") == "6"
    assert _figure(report, Topic.UNMET_NEED, "financiering") == "6"


def test_advice_given_and_followed_is_counted_per_case_once(store: Store) -> None:
    _intakes(store, 5, date(2026, 4, 1), IntakeAnswers())  # no wish yet: no advice
    service = _service(store)
    continuing = IntakeAnswers(future=Future(wish=Wish.CONTINUE_AS_IS))
    for _ in range(6):
        case_id = service.start_intake(Registration(date(2026, 4, 1), "GM0855"), continuing)
        advice = service.advise(case_id, continuing)
        # Decided twice: only the latest decision counts.
        service.decide_route(case_id, advice, advice.primary_route, advice.secondary_route, "")
        service.decide_route(case_id, advice, advice.primary_route, advice.secondary_route, "")

    report = make_report(store, *YEAR, TODAY)

    assert _figure(report, Topic.ADVICE_FOLLOWED, "ja") == "6"
    assert _figure(report, Topic.ADVICE_FOLLOWED, "nog_geen_advies") == "5"


def test_a_period_that_ends_before_it_starts_is_refused_in_dutch(store: Store) -> None:
    with pytest.raises(KnownError, match="einddatum"):
        make_report(store, date(2026, 2, 1), date(2026, 1, 1), TODAY)


def test_a_file_that_is_neither_pdf_nor_csv_is_refused_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "rapporten"
    folder.mkdir()
    with pytest.raises(KnownError, match=r"\.pdf of \.csv"):
        write_report(store, *YEAR, TODAY, folder / "rapport.xlsx")
    assert list(folder.iterdir()) == []


def test_the_csv_has_a_row_per_figure_and_area_and_opens_in_excel(store: Store) -> None:
    _intakes(store, 6, date(2026, 3, 2), WEBSITE_COACHING)
    data = report_csv(make_report(store, *YEAR, TODAY))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADER
    website = [row for row in rows if row[4] == "kanaal" and row[5] == "website"]
    assert [(row[2], row[7], row[8]) for row in website] == [
        ("Regio", "6", "100 %"), ("Tilburg", "6", "100 %"),
    ]  # fmt: skip


def test_making_a_report_is_logged_with_its_period_and_format_only(
    store: Store, tmp_path: Path
) -> None:
    write_report(store, *YEAR, TODAY, tmp_path / "rapport.csv")
    with store.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "report.written")
        ).one()
    assert event.details_json == '{"format": "CSV", "from": "2026-01-01", "to": "2026-12-31"}'


def _logged(store: Store, action: str) -> list[tuple[str, str, int | None]]:
    with store.session() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
        return [(row.outcome, row.details_json, row.case_id) for row in rows]


def test_showing_the_figures_is_logged_with_the_period_only(store: Store) -> None:
    _intakes(store, 6, date(2026, 3, 2), WEBSITE_COACHING)
    shown = show_report(store, *YEAR, TODAY)
    assert shown == make_report(store, *YEAR, TODAY)
    assert _logged(store, "report.viewed") == [
        ("done", '{"from": "2026-01-01", "to": "2026-12-31"}', None)
    ]


def test_a_period_refused_on_screen_is_logged_as_refused_and_shows_nothing(
    store: Store,
) -> None:
    with pytest.raises(KnownError, match="einddatum"):
        show_report(store, date(2026, 2, 1), date(2026, 1, 1), TODAY)
    assert _logged(store, "report.viewed") == [("refused", '{"error": "KnownError"}', None)]


def test_a_report_that_cannot_be_written_is_logged_as_refused(
    store: Store, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "bestand"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(KnownError, match="kon niet worden opgeslagen"):
        save_report(store, make_report(store, *YEAR, TODAY), not_a_folder / "rapport.pdf")
    assert _logged(store, "report.written") == [("refused", '{"error": "KnownError"}', None)]


def test_the_pdf_is_an_archivable_pdf_with_every_font_embedded(
    store: Store, tmp_path: Path
) -> None:
    _intakes(store, 6, date(2026, 3, 2), WEBSITE_COACHING)
    out = tmp_path / "rapport.pdf"
    write_report(store, *YEAR, TODAY, out)
    pdf = out.read_bytes()
    assert all(font.embedded for font in pdf_fonts(pdf))
    assert pdf_info(pdf)["Title"].startswith("Rapport van de regio")
    text = pdf_text(pdf)
    assert "Hoe ondernemers bij het loket kwamen" in text
    assert "Gevraagde hulp die de regio niet biedt" in text


def test_the_pdf_adds_up_the_municipalities_below_five_intakes_and_the_csv_lists_each(
    store: Store, tmp_path: Path
) -> None:
    _intakes(store, 6, date(2026, 3, 2), WEBSITE_COACHING)  # Tilburg
    _intakes(store, 2, date(2026, 3, 2), WEBSITE_COACHING, "GM0785")  # Goirle
    _intakes(store, 1, date(2026, 3, 2), WEBSITE_COACHING, "GM0824")  # Oisterwijk
    report = make_report(store, *YEAR, TODAY)
    pdf, csv_file = tmp_path / "rapport.pdf", tmp_path / "rapport.csv"
    for out in (pdf, csv_file):
        write_report(store, *YEAR, TODAY, out)

    text = " ".join(pdf_text(pdf.read_bytes()).split())
    assert "Tilburg" in text
    assert "Goirle" not in text and "Oisterwijk" not in text
    assert report.combined is not None and report.combined.label in text
    assert "In de CSV-versie van dit rapport staat elke gemeente apart" in text
    rows = list(csv.reader(io.StringIO(csv_file.read_text("utf-8-sig")), delimiter=";"))
    intakes = {row[2]: row[7] for row in rows[1:] if row[4] == "aanmeldingen"}
    assert intakes == {"Regio": "9", "Goirle": HIDDEN_TEXT, "Oisterwijk": HIDDEN_TEXT,
                       "Tilburg": WITHHELD_TEXT}  # fmt: skip


# --- no personal data leaves -------------------------------------------------------------


@pytest.fixture
def demo_store(store: Store) -> Iterator[Store]:
    fill_demo_region(store, NOW)
    yield store


def test_a_demo_stores_report_knows_how_almost_every_intake_came_and_what_it_asked(
    store: Store,
) -> None:
    fill_with_demo_cases(store, 150, NOW, municipality_codes=demo_region_codes())  # bulk
    report = make_report(store, date(2024, 1, 1), TODAY, TODAY)
    intakes = report.intakes.cells[0].count
    assert intakes == 150
    not_filled = int(_figure(report, Topic.CHANNEL, "niet_ingevuld"))
    assert not_filled < 0.1 * intakes
    asking_for_money = int(_figure(report, Topic.HELP_REQUEST, HelpRequest.FINANCIAL_SUPPORT))
    assert asking_for_money > 0.25 * intakes


def test_no_demo_name_kvk_number_or_birth_date_is_in_any_report(
    demo_store: Store, tmp_path: Path
) -> None:
    personal = personal_values(demo_store)
    assert len(personal) > 300  # the scan looks for something
    texts = []
    periods = [(date(2024, 1, 1), date(2026, 11, 27)), YEAR, (date(2026, 6, 1), date(2026, 6, 1))]
    for number, (first, last) in enumerate(periods):
        for suffix in (".pdf", ".csv"):
            out = tmp_path / f"rapport-{number}{suffix}"
            write_report(demo_store, first, last, TODAY, out)
            data = out.read_bytes()
            texts.append(pdf_text(data) + str(pdf_info(data)) if suffix == ".pdf" else
                         data.decode("utf-8-sig"))  # fmt: skip
    assert "Aanmeldingen" in texts[0]
    found = {pattern.pattern for text in texts for pattern in personal if pattern.search(text)}
    assert found == set()


def test_the_command_takes_dutch_dates_and_writes_the_report_it_is_asked_for(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "init"]) == 0
    assert main(["--data-dir", data, "demo", "--cases", "20"]) == 0
    capsys.readouterr()
    out = tmp_path / "regio.csv"
    assert main(["--data-dir", data, "report", "--from", "1 jan 2020", "--to", "31122030",
                 "--out", str(out)]) == 0  # fmt: skip
    assert "Rapport van 01-01-2020 tot en met 31-12-2030 opgeslagen" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig")), delimiter=";"))
    assert rows[1][:6] == ["2020-01-01", "2030-12-31", "Regio", "", "aanmeldingen", "aanmeldingen"]
    assert rows[1][7] == "20"
    # The file written is in the log, and the log's chain is whole after it.
    assert main(["--data-dir", data, "audit", "verify"]) == 0
    assert "de keten is heel" in capsys.readouterr().out
