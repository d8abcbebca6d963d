"""``make bench-server`` at a tiny scale on the test cluster: the harness counts what the
caseworkers did, finds a lost update and a row of another municipality when there is one,
and fills dossiers the app reads as its own. No timing is asserted."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.bench_server import MUNICIPALITIES, Region, login_of
from sqlalchemy import create_engine

from bench import bench_server, server_worker
from casedesk.db import migrate
from casedesk.db.server.store import open_server_store
from casedesk.services.cases import case_page_source
from casedesk.services.intake import intake_service_for
from casedesk.ui.case_list_model import PAGE_SIZE as CASE_PAGE_SIZE
from casedesk.ui.intake.window import AUTOSAVE_MAX_DELAY_MS
from casedesk.ui.main_window import SEARCH_DEBOUNCE_MS
from tests.db.schema_helpers import downgrade_to
from tests.server.region import admin_url

CASES = 200
PER_MUNICIPALITY = 2


@pytest.fixture(scope="module")
def region_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-server")


@pytest.fixture(scope="module")
def region(region_folder: Path) -> Iterator[Region]:
    made, _, kept = bench_server.prepare_region(
        admin_url(), CASES, PER_MUNICIPALITY, region_folder
    )
    assert not kept
    yield made


def test_a_tiny_run_counts_every_operation_and_finds_no_loss_or_foreign_row(
    region: Region,
) -> None:
    # A fiftieth of a caseworker's pauses: a few seconds hold whole intakes and their plans.
    outcome = bench_server.measure(region, PER_MUNICIPALITY, seconds=5, pauses=0.02)

    assert outcome.errors == []
    for operation in ("autosave", "search", "opening", "plan"):
        assert outcome.samples[operation], operation
    assert outcome.saves == len(outcome.samples["autosave"])
    assert outcome.lost == []
    assert outcome.rows_seen > 0
    assert outcome.foreign_rows == 0
    assert outcome.caseworkers_processor > 0 and outcome.server_processor > 0
    table = bench_server.rows(outcome, CASES, PER_MUNICIPALITY * 5, 5, "1 s")
    lost_row = next(row for row in table if row.name.startswith("lost updates"))
    assert lost_row.measured == "0" and lost_row.met
    assert f"{outcome.saves} saves" in lost_row.name


def test_an_answer_not_on_the_server_as_last_written_is_a_lost_update(region: Region) -> None:
    code = MUNICIPALITIES[0]
    case_id = bench_server.shared_dossiers(region)[code][0]
    written = {"case": case_id, "path": "entrepreneur.phone", "value": "0612345678",
               "start": 1.0, "end": 2.0, "conflict": False}  # fmt: skip
    report = {"municipality": code, "saves": [written]}

    lost = bench_server.check_saves(region, [report])

    assert len(lost) == 1 and f"dossier {case_id} entrepreneur.phone" in lost[0]
    told = {**report, "saves": [{**written, "conflict": True}]}
    assert bench_server.check_saves(region, [told]) == []


def test_of_overlapping_saves_either_may_be_stored_last() -> None:
    first = {"value": "a", "start": 1.0, "end": 3.0, "conflict": False}
    second = {"value": "b", "start": 2.0, "end": 4.0, "conflict": False}
    later = {"value": "c", "start": 5.0, "end": 6.0, "conflict": False}

    assert bench_server.lost_update([first, second], "a") is None
    assert bench_server.lost_update([first, second], "b") is None
    assert bench_server.lost_update([first, second, later], "a") is not None
    assert bench_server.lost_update([first, {**later, "conflict": True}], "a") is None


def test_a_filled_dossier_is_found_and_opened_through_the_services(region: Region) -> None:
    code = MUNICIPALITIES[1]
    with open_server_store(region.caseworker_url(login_of(code, 1))) as store:
        listed = case_page_source(store)("", None, 50)
        filled = next(row for row in listed if row.entrepreneur_name != "Gedeeld Dossier")
        surname = filled.entrepreneur_name.split()[-1]
        found = case_page_source(store)(f"{surname} {filled.trade_name}", None, 50)
        dossier = intake_service_for(store).dossier(filled.case_id)

    assert filled.case_id in [row.case_id for row in found]
    assert dossier.intake.registration.municipality_code == code
    assert dossier.intake.answers.business.trade_name == filled.trade_name


def test_a_kept_region_of_an_older_schema_is_migrated_not_filled_again(
    region: Region, region_folder: Path
) -> None:
    def listed() -> int:
        with open_server_store(region.caseworker_url(login_of(MUNICIPALITIES[0], 0))) as store:
            return len(case_page_source(store)("", None, 500))

    before = listed()
    older = migrate.REVISIONS[-2]
    owner = create_engine(region.owner_url)
    try:
        downgrade_to(owner, older)
        facts_file = region_folder / "filled.json"
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        facts_file.write_text(json.dumps({**facts, "revision": older}))

        kept, _, was_kept = bench_server.prepare_region(
            admin_url(), CASES, PER_MUNICIPALITY, region_folder
        )

        with owner.connect() as connection:
            assert migrate.database_revision(connection) == migrate.head_revision()
    finally:
        owner.dispose()
    assert (was_kept, kept) == (True, region)
    assert json.loads(facts_file.read_text(encoding="utf-8"))["revision"] == migrate.head_revision()
    assert listed() == before


def test_the_caseworkers_type_at_the_pace_the_windows_save_and_search() -> None:
    assert server_worker.SAVE_PAUSE * 1000 == AUTOSAVE_MAX_DELAY_MS
    assert server_worker.TYPING_PAUSE * 1000 == SEARCH_DEBOUNCE_MS
    assert server_worker.PAGE_SIZE == CASE_PAGE_SIZE
