"""Search as you type: case and diacritics insensitive, every term must match, any input."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, update
from sqlalchemy.orm import Session

from casedesk.db.bulk import DemoCaseRow, insert_cases
from casedesk.db.cases import (
    MAX_SEARCH_TERMS,
    BusinessData,
    CasePageKey,
    EntrepreneurData,
    count_cases,
    fetch_case_page,
    search_terms,
    set_case_status,
    update_business,
    update_entrepreneur,
)
from casedesk.db.models import AuditEvent, Case
from casedesk.domain.case import CaseStatus, CaseSummary
from casedesk.domain.routes import Route
from tests.backends import Backend
from tests.db.schema_helpers import add_case, at, store_at_head, transaction


@pytest.fixture(scope="module")
def engine(module_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = module_backend.new_engine(tmp_path_factory.mktemp("search"))
    with transaction(engine) as session:
        add_case(session, "Ayşe", "Özdemir", trade_name="Kapsalon Ayşe", kvk_number="12345678",
                 postcode="1011 AB", place="Amsterdam")  # fmt: skip
        add_case(session, "IJsbrand", "Dijkstra", trade_name="Fietsen IJsbrand",
                 kvk_number="87654321", postcode="8911 BC", place="Leeuwarden")  # fmt: skip
        add_case(session, "Zoë", "Hoff-Çelik", tussenvoegsel="van 't", trade_name="Bloemen",
                 kvk_number="11223344", postcode="3511 CD", place="Utrecht")  # fmt: skip
        add_case(session, "Jan", "Jansen", trade_name="Klusbedrijf Jansen",
                 kvk_number="55667788", postcode="9711 EF", place="Groningen")  # fmt: skip
    return engine


def found(engine: Engine, query: str) -> list[str]:
    with Session(engine) as session:
        page = fetch_case_page(session, query, None, 100)
        assert count_cases(session, query) == len(page)
    return sorted(row.entrepreneur_name for row in page)


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ozdemir", "Ayşe Özdemir"),
        ("OZDEMIR", "Ayşe Özdemir"),
        ("ayse", "Ayşe Özdemir"),
        ("ijs", "IJsbrand Dijkstra"),
        ("brand", "IJsbrand Dijkstra"),
        ("zoe", "Zoë van 't Hoff-Çelik"),
        ("celik", "Zoë van 't Hoff-Çelik"),
        ("hoff-çelik", "Zoë van 't Hoff-Çelik"),
        ("\u0133sbrand", "IJsbrand Dijkstra"),  # the ligature "ĳ" typed as one character
    ],
)
def test_names_are_found_regardless_of_case_and_diacritics(
    engine: Engine, query: str, name: str
) -> None:
    assert found(engine, query) == [name]


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("kapsalon", "Ayşe Özdemir"),
        ("klusbedrijf", "Jan Jansen"),
        ("87654321", "IJsbrand Dijkstra"),
        ("876543", "IJsbrand Dijkstra"),
        ("1011ab", "Ayşe Özdemir"),
        ("1011 AB", "Ayşe Özdemir"),
        ("leeuwarden", "IJsbrand Dijkstra"),
        ("utr", "Zoë van 't Hoff-Çelik"),
    ],
)
def test_trade_name_kvk_postcode_and_place_are_searched(
    engine: Engine, query: str, name: str
) -> None:
    assert found(engine, query) == [name]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("ij", ["IJsbrand Dijkstra"]),
        ("zo", ["Zoë van 't Hoff-Çelik"]),
        ("oz", ["Ayşe Özdemir"]),
        ("j", ["Jan Jansen"]),
        ("a", ["Ayşe Özdemir"]),
        ("b", ["IJsbrand Dijkstra", "Zoë van 't Hoff-Çelik"]),
    ],
)
def test_one_or_two_characters_match_the_start_of_a_word(
    engine: Engine, query: str, names: list[str]
) -> None:
    assert found(engine, query) == names


def test_every_word_of_the_query_must_match(engine: Engine) -> None:
    assert found(engine, "jan groningen") == ["Jan Jansen"]
    assert found(engine, "jan utrecht") == []
    assert found(engine, "zoe van t") == ["Zoë van 't Hoff-Çelik"]


def test_an_empty_or_blank_query_finds_every_case(engine: Engine) -> None:
    assert len(found(engine, "")) == 4
    assert len(found(engine, "   ")) == 4


def test_a_lone_punctuation_mark_does_not_empty_the_list(engine: Engine) -> None:
    assert len(found(engine, "jansen -")) == 1
    assert search_terms("jansen - x") == ["jansen", "x"]


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "-", "AND", "OR", "NOT", "(", ")", "a(b", 'ab"c', "jan*", "NEAR(a b)",
     "naam:jan", "^jan", "jan AND", "((", "-jansen", "'t", "\\", "%", "_", "🙂", "{x}"],
)  # fmt: skip
def test_query_syntax_in_the_input_is_taken_as_plain_text(engine: Engine, query: str) -> None:
    with Session(engine) as session:
        fetch_case_page(session, query, None, 100)
        count_cases(session, query)


def test_an_operator_word_is_searched_as_text(engine: Engine) -> None:
    assert found(engine, "jansen AND") == []
    assert found(engine, "jansen -jan") == []


def test_changed_names_are_found_under_the_new_name_only(backend: Backend, tmp_path: Path) -> None:
    engine = backend.new_engine(tmp_path)
    with transaction(engine) as session:
        case_id = add_case(session, "Jan", "Jansen", trade_name="Klusbedrijf Jansen")
    with transaction(engine) as session:
        update_entrepreneur(session, None, case_id, EntrepreneurData("Jan", "de", "Vries"))
        update_business(session, None, case_id, BusinessData(trade_name="Schilder De Vries"))
    assert found(engine, "vries") == ["Jan de Vries"]
    assert found(engine, "schilder") == ["Jan de Vries"]
    assert found(engine, "jansen") == []
    assert found(engine, "klus") == []


def test_bulk_inserted_cases_are_found(backend: Backend, tmp_path: Path) -> None:
    engine = backend.new_engine(tmp_path)
    rows = [
        DemoCaseRow(
            voornamen="Noël", tussenvoegsel="van der", achternaam=f"Berg{n}",
            date_of_birth=date(1975, 1, 2), trade_name=f"Café {n}", kvk_number=f"{n:08d}",
            postcode="1234 AB", place="Zwolle", municipality_code="GM0193", region_code="AM14",
            status=CaseStatus.ACTIVE, primary_route=Route.EMPLOYMENT,
            created_at=at(1), updated_at=at(1 + n),
        )
        for n in range(3)
    ]  # fmt: skip
    with engine.begin() as connection:
        assert insert_cases(connection, rows) == 3
    with Session(engine) as session:
        page = fetch_case_page(session, "noel cafe", None, 100)
    assert [row.entrepreneur_name for row in page] == [
        "Noël van der Berg2", "Noël van der Berg1", "Noël van der Berg0",
    ]  # fmt: skip
    assert {(row.route, row.status, row.trade_name) for row in page} == {
        (Route.EMPLOYMENT, CaseStatus.ACTIVE, f"Café {n}") for n in range(3)
    }


def test_a_case_moved_to_another_entrepreneur_is_found_under_the_new_name(
    backend: Backend,
    tmp_path: Path,
) -> None:
    engine = backend.new_engine(tmp_path)
    with transaction(engine) as session:
        moved = add_case(session, "Jan", "Jansen")
        other = add_case(session, "Fatma", "Kaya")
        kaya = session.get_one(Case, other)
        session.execute(
            update(Case)
            .where(Case.id == moved)
            .values(entrepreneur_id=kaya.entrepreneur_id, business_id=kaya.business_id)
        )
    assert found(engine, "kaya") == ["Fatma Kaya", "Fatma Kaya"]
    assert found(engine, "jansen") == []


def test_a_new_case_that_reuses_a_deleted_case_id_is_not_found_under_the_old_name(
    tmp_path: Path,
) -> None:
    engine = store_at_head(tmp_path)
    with transaction(engine) as session:
        deleted = add_case(session, "Jan", "Jansen")
    with transaction(engine) as session:
        session.execute(delete(AuditEvent))
        session.execute(delete(Case).where(Case.id == deleted))
    with transaction(engine) as session:
        reused = add_case(session, "Fatma", "Kaya")
    assert reused == deleted  # SQLite hands out the highest free id again
    assert found(engine, "jansen") == []
    assert found(engine, "ja") == []
    assert found(engine, "kaya") == ["Fatma Kaya"]


def test_repeated_words_count_once() -> None:
    assert search_terms("jan Jan de JAN vries de") == ["jan", "de", "vries"]


def test_words_beyond_the_limit_are_ignored(engine: Engine) -> None:
    query = " ".join(["jan", "jansen", "groningen", *(f"w{n}" for n in range(MAX_SEARCH_TERMS))])
    assert search_terms(query)[:3] == ["jan", "jansen", "groningen"]
    assert len(search_terms(query)) == MAX_SEARCH_TERMS
    with Session(engine) as session:
        fetch_case_page(session, query, None, 100)


def test_the_search_index_lives_encrypted_inside_the_store_file(tmp_path: Path) -> None:
    engine = store_at_head(tmp_path)
    with transaction(engine) as session:
        add_case(session, "Wubbo", "Zwartkruis", trade_name="Wubbo's Klompenmakerij")
    assert found(engine, "klompen") == ["Wubbo Zwartkruis"]
    files = [path for path in tmp_path.iterdir() if path.name.startswith("t.db")]
    stored = b"".join(path.read_bytes() for path in files)
    engine.dispose()
    assert {path.name for path in files} >= {"t.db"}
    for plaintext in (b"Zwartkruis", b"zwartkruis", b"Klompenmakerij", b"klompen"):
        assert plaintext not in stored


@pytest.mark.parametrize("query", ["ho", "t", "'t", "\u2019t", "b", "v", "ce", "c"])
def test_a_word_starts_after_a_hyphen_apostrophe_or_dot(
    backend: Backend, tmp_path: Path, query: str
) -> None:
    engine = backend.new_engine(tmp_path)
    with transaction(engine) as session:
        add_case(session, "Zoë", "Hoff-Çelik", trade_name="Café \u2019t Hoekje B.V.")
        add_case(session, "Jan", "Jansen", trade_name="Klusbedrijf")
    assert found(engine, query) == ["Zoë Hoff-Çelik"]


REAL_NAMES = (
    ("Mehmet", "Yılmaz"), ("Łukasz", "Kowalski"), ("Søren", "Kierkegaard"),
    ("Æsa", "Jónsdóttir"), ("Camille", "Œuvre"), ("Heinz", "Straße"),
    ("Dragan", "Đorđević"), ("Þór", "Sigurðsson"), ("Zoë", "Hoff"), ("Jacobus", "'t Hoff"),
    ("Emre", "Çelik"), ("Klaus", "Müller"), ("Ayşe", "Öztürk"), ("IJsbrand", "Dijkstra"),
)  # fmt: skip


@pytest.fixture(scope="module")
def names_engine(module_backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = module_backend.new_engine(tmp_path_factory.mktemp("names"))
    with transaction(engine) as session:
        for voornamen, achternaam in REAL_NAMES:
            add_case(session, voornamen, achternaam)
    return engine


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("yilmaz", "Mehmet Yılmaz"), ("Yılmaz", "Mehmet Yılmaz"), ("YILMAZ", "Mehmet Yılmaz"),
        ("lukasz", "Łukasz Kowalski"), ("soren", "Søren Kierkegaard"),
        ("aesa", "Æsa Jónsdóttir"), ("jonsdottir", "Æsa Jónsdóttir"),
        ("oeuvre", "Camille Œuvre"), ("strasse", "Heinz Straße"), ("STRASSE", "Heinz Straße"),
        ("straße", "Heinz Straße"), ("dordevic", "Dragan Đorđević"), ("thor", "Þór Sigurðsson"),
        ("sigurdsson", "Þór Sigurðsson"), ("zoe", "Zoë Hoff"), ("t hoff", "Jacobus 't Hoff"),
        ("\u2019t hoff", "Jacobus 't Hoff"), ("celik", "Emre Çelik"), ("muller", "Klaus Müller"),
        ("ozturk", "Ayşe Öztürk"), ("\u0133sbrand", "IJsbrand Dijkstra"),
        # Spellings of the name as heard: German and Scandinavian, or Serbian.
        ("mueller", "Klaus Müller"), ("soeren", "Søren Kierkegaard"),
        ("djordjevic", "Dragan Đorđević"), ("oeztuerk", "Ayşe Öztürk"),
    ],
)  # fmt: skip
def test_real_names_are_found_as_a_caseworker_types_them(
    names_engine: Engine, query: str, name: str
) -> None:
    assert found(names_engine, query) == [name]


@pytest.mark.parametrize(
    ("query", "name"),
    [("yi", "Mehmet Yılmaz"), ("l", "Łukasz Kowalski"), ("th", "Þór Sigurðsson"),
     ("ae", "Æsa Jónsdóttir"), ("dj", "Dragan Đorđević")],
)  # fmt: skip
def test_folded_letters_match_the_start_of_a_word(
    names_engine: Engine, query: str, name: str
) -> None:
    assert name in found(names_engine, query)


def test_the_dutch_diaeresis_is_never_spelled_with_an_extra_e(names_engine: Engine) -> None:
    assert found(names_engine, "zoee") == []


def _jansens(engine: Engine, count: int) -> None:
    rows = [
        DemoCaseRow(
            voornamen="Jan", tussenvoegsel="", achternaam=f"Jansen {n}",
            date_of_birth=None, trade_name="", kvk_number=None, postcode=None, place=None,
            municipality_code="GM0193", region_code=None, status=CaseStatus.ACTIVE,
            primary_route=None, created_at=at(1), updated_at=at(1 + n % 5),
        )
        for n in range(count)
    ]  # fmt: skip
    with engine.begin() as connection:
        insert_cases(connection, rows)


def test_a_search_pages_through_every_hit_once_newest_first(
    backend: Backend, tmp_path: Path
) -> None:
    engine = backend.new_engine(tmp_path)
    _jansens(engine, 23)  # five cases share each moment
    listed: list[CaseSummary] = []
    with Session(engine) as session:
        while page := fetch_case_page(
            session, "jansen", CasePageKey.after(listed[-1]) if listed else None, 4
        ):
            listed += page
    assert sorted(case.case_id for case in listed) == list(range(1, 24))
    assert [case.updated_at for case in listed] == sorted(
        (case.updated_at for case in listed), reverse=True
    )


def test_a_changed_case_moves_to_the_top_of_a_search_and_is_listed_once(
    backend: Backend, tmp_path: Path
) -> None:
    engine = backend.new_engine(tmp_path)
    _jansens(engine, 6)
    with transaction(engine) as session:
        set_case_status(session, None, 1, CaseStatus.CLOSED)
    with Session(engine) as session:
        ids = [case.case_id for case in fetch_case_page(session, "jansen", None, 100)]
    assert ids[0] == 1
    assert sorted(ids) == [1, 2, 3, 4, 5, 6]
