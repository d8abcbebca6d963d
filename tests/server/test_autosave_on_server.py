"""An autosave on the regional server: what the search finds follows the answers, and a
save is a handful of statements, not twenty (fifty caseworkers autosave every second)."""

from dataclasses import replace
from typing import Any

from sqlalchemy import event

from casedesk.db.server.store import ServerStore
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswersBase
from casedesk.services.cases import case_page_source
from casedesk.services.intake import IntakeService, intake_service_for
from tests.server.region import AMSTERDAM, Region

STATEMENTS_PER_AUTOSAVE = 10
"""A phone number typed: the case locked and read, the stored answers and their versions,
the corrections check, the answers, the entrepreneur (read and written), the case's time,
the part's version, and the log event."""


def _search_row_version(region: Region, case_id: int) -> object:
    with region.straight_to_server(region.owner) as connection:
        return connection.execute(
            "SELECT xmin::text FROM case_search WHERE case_id = %s", (case_id,)
        ).fetchone()


def _typed(service: IntakeService, case_id: CaseId, **entrepreneur: str) -> None:
    state = service.load_intake(case_id)
    answers = state.answers
    person: Any = answers.entrepreneur  # the text fields named by the caller
    typed = replace(answers, entrepreneur=replace(person, **entrepreneur))
    service.save_answers(case_id, typed, AnswersBase(answers, state.answer_versions))


def test_an_autosave_of_a_phone_number_leaves_the_search_row_as_it_was(
    region: Region, kim: str, kims_store: ServerStore
) -> None:
    case_id = CaseId(region.add_dossier(kim, AMSTERDAM, surname="Hoff"))
    service = intake_service_for(kims_store)
    _typed(service, case_id, surname="Hoff-Çelik")
    written = _search_row_version(region, case_id)

    _typed(service, case_id, phone="0612345678", street_address="Dorpsstraat 1")

    assert _search_row_version(region, case_id) == written


def test_an_autosave_of_a_new_surname_is_found_by_it_at_once(
    region: Region, kim: str, kims_store: ServerStore
) -> None:
    case_id = CaseId(region.add_dossier(kim, AMSTERDAM, surname="Bakker"))
    service = intake_service_for(kims_store)
    fetch = case_page_source(kims_store)

    _typed(service, case_id, surname="Ösman")

    assert case_id in [row.case_id for row in fetch("osman", None, 50)]
    assert case_id not in [row.case_id for row in fetch("bakker", None, 50)]


def test_an_autosave_of_one_answer_is_a_handful_of_statements(
    region: Region, kim: str, kims_store: ServerStore
) -> None:
    case_id = CaseId(region.add_dossier(kim, AMSTERDAM, surname="Visser"))
    service = intake_service_for(kims_store)
    _typed(service, case_id, phone="0611111111")  # the first save also writes the needs
    statements: list[str] = []

    def counted(*arguments: object) -> None:
        statements.append(str(arguments[2]))

    event.listen(kims_store.engine, "before_cursor_execute", counted)
    try:
        _typed(service, case_id, phone="0622222222")
    finally:
        event.remove(kims_store.engine, "before_cursor_execute", counted)

    locked = next(index for index, sql in enumerate(statements) if "FOR NO KEY UPDATE" in sql)
    saving = statements[locked:]
    assert len(saving) <= STATEMENTS_PER_AUTOSAVE, "\n".join(saving)
