"""The access request (inzage): every stored field of a full dossier, in words and as JSON."""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from casedesk.db.audit import case_events
from casedesk.db.cases import CaseNotFoundError
from casedesk.db.dossier_rows import NOT_ABOUT_A_PERSON, dossier_tables, read_dossier_rows
from casedesk.db.keys import Keychain
from casedesk.db.models import Base, Case, CaseNeed
from casedesk.db.store import Store
from casedesk.domain.intake import NEED_ASKED, NEED_UNMET, HelpRequest, UnmetNeed
from casedesk.domain.inzage import (
    ANSWERS_COLUMN,
    INZAGE_TITLE,
    LABELS,
    SECTIONS,
    TECHNICAL,
    InzageNames,
    answer_lines,
    readable_value,
    to_json_value,
)
from casedesk.domain.regions import MunicipalityCode, RegionCode
from casedesk.plan.pdfa import check_pdfa
from casedesk.services.inzage import inzage_names, make_inzage
from casedesk.services.regions import region_table_in_use
from tests.plan.pdf_tools import pdf_layout_lines, pdf_text, squeeze
from tests.services.full_dossier import MARKER, NOW, add_full_dossier, empty_columns
from tests.stores import new_store


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


def test_every_table_belongs_to_a_dossier_or_is_named_as_not_about_a_person() -> None:
    names = {table.name for table in dossier_tables()}
    assert names | NOT_ABOUT_A_PERSON == set(Base.metadata.tables)
    assert names <= set(SECTIONS), f"tables without an inzage section: {names - set(SECTIONS)}"


def test_every_column_of_a_dossier_table_is_labelled_or_named_technical() -> None:
    unnamed = [
        f"{table.name}.{column.name}"
        for table in dossier_tables()
        for column in table.columns
        if column.name not in LABELS[table.name] and column.name not in TECHNICAL[table.name]
    ]
    assert unnamed == []


def test_the_full_test_dossier_fills_every_column_of_every_dossier_table(store: Store) -> None:
    case_id = add_full_dossier(store)
    with store.session() as session:
        assert empty_columns(read_dossier_rows(session, case_id)) == []


def test_the_json_export_holds_every_stored_value(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    files = make_inzage(store, case_id, tmp_path / "inzage", NOW)
    exported = json.loads(files.json.read_text(encoding="utf-8"))
    with store.session() as session:
        rows = read_dossier_rows(session, case_id)
    for table, table_rows in rows.tables.items():
        assert len(exported["tables"][table]) == len(table_rows), table
        for stored, given in zip(table_rows, exported["tables"][table], strict=True):
            for column, value in stored.items():
                if column == "pdf":
                    assert (files.folder / given["pdf_file"]).read_bytes() == value
                elif column.endswith("_json"):
                    assert given[column] == json.loads(value), f"{table}.{column}"
                else:
                    assert given[column] == to_json_value(value), f"{table}.{column}"


def test_the_pdf_shows_every_shown_field_in_words(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    files = make_inzage(store, case_id, tmp_path / "inzage", NOW)
    text = squeeze(pdf_text(files.pdf.read_bytes()))
    with store.session() as session:
        rows = read_dossier_rows(session, case_id)
        names = inzage_names(session)
    missing: list[str] = []
    for table, table_rows in rows.tables.items():
        for row in table_rows:
            for column, value in row.items():
                if column in TECHNICAL[table]:
                    continue
                shown = (
                    [v for pair in answer_lines(value, names) for v in pair]
                    if column == ANSWERS_COLUMN
                    else [LABELS[table][column], readable_value(table, column, value, names, row)]
                )
                missing.extend(f"{table}.{column}: {s}" for s in shown if squeeze(s) not in text)
    assert missing == []
    assert squeeze(f"Atelier {MARKER}") in text
    assert check_pdfa(files.pdf.read_bytes()).passed


def test_the_pdf_lists_who_looked_at_or_changed_the_dossier(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    make_inzage(store, case_id, tmp_path / "first", NOW)
    files = make_inzage(store, case_id, tmp_path / "second", NOW)
    text = pdf_text(files.pdf.read_bytes())
    assert "Wie uw dossier heeft bekeken of veranderd" in text
    assert "Inzage gemaakt" in text and "Fatma Özdemir" in text


def test_making_an_inzage_is_logged_without_personal_data(store: Store, tmp_path: Path) -> None:
    case_id = add_full_dossier(store)
    make_inzage(store, case_id, tmp_path / "inzage", NOW)
    with store.session() as session:
        made = [e for e in case_events(session, case_id) if e.action == "inzage.made"]
    assert [(e.details, e.outcome) for e in made] == [({"files": 3}, "done")]


def test_an_unknown_dossier_is_refused_in_dutch_and_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(CaseNotFoundError, match="Dossier 999 bestaat niet"):
        make_inzage(store, 999, tmp_path / "inzage", NOW)
    assert not (tmp_path / "inzage").exists()


def test_the_inzage_reads_as_plain_dutch(store: Store, tmp_path: Path) -> None:
    from casedesk.domain.plain_words import unexplained_trade_words
    from tests.plan.test_plain_dutch import MIN_FLESCH_DOUMA, flesch_douma

    case_id = add_full_dossier(store)
    files = make_inzage(store, case_id, tmp_path / "inzage", NOW)
    text = pdf_text(files.pdf.read_bytes())
    # The letter's own words: from its title (below the municipality's letterhead) to the data.
    fixed = text[text.index(INZAGE_TITLE) :].split("Uw persoonsgegevens")[0]
    assert unexplained_trade_words(" ".join(SECTIONS.values())) == []
    assert flesch_douma(fixed) >= MIN_FLESCH_DOUMA, fixed


def test_the_json_names_only_the_staff_the_dossier_names(store: Store, tmp_path: Path) -> None:
    from casedesk.db import settings_repo

    with store.transaction() as session:
        settings_repo.add_caseworker(session, "Iemand Anders")
    case_id = add_full_dossier(store)
    files = make_inzage(store, case_id, tmp_path / "inzage", NOW)
    exported = json.loads(files.json.read_text(encoding="utf-8"))
    assert list(exported["caseworkers"].values()) == ["Fatma Özdemir"]


def test_stored_codes_are_printed_by_their_dutch_label_not_as_stored() -> None:
    assert readable_value("cases", "channel", "website", InzageNames()) == (
        "Via de website over hulp aan ondernemers"
    )
    assert readable_value("entrepreneurs", "country", "BE", InzageNames()) == "België"


def test_the_versioned_parts_of_the_intake_are_named_in_dutch() -> None:
    parts = ("business", "registration", "instruments", "actions")
    assert [readable_value("intake_parts", "part", part, InzageNames()) for part in parts] == [
        "Onderneming", "Aanmelding", "Gekozen instrumenten", "Afspraken",
    ]  # fmt: skip


def test_the_pdf_names_the_municipality_region_and_needs_in_words_not_as_codes(
    store: Store, tmp_path: Path
) -> None:
    case_id = add_full_dossier(store)
    with store.transaction() as session:
        session.add(CaseNeed(case_id=case_id, kind=NEED_UNMET, code=UnmetNeed.BUSINESS_FINANCE))
        case = session.get_one(Case, case_id)
        codes = (case.municipality_code, case.region_code or "")
    table = region_table_in_use(store)
    municipality = table.municipality(MunicipalityCode(codes[0]))
    region = table.region(RegionCode(codes[1]))
    assert municipality is not None and region is not None
    pdf = make_inzage(store, case_id, tmp_path / "inzage", NOW).pdf.read_bytes()
    lines = pdf_layout_lines(pdf)
    text = " ".join(lines)
    for shown in (
        f"Gemeente {municipality.name} Arbeidsmarktregio {region.name}",
        f"Soort Waar u hulp bij vroeg Welke hulp {HelpRequest.DEBT_HELP.label}",
        f"Soort Hulp die de regio niet heeft Welke hulp {UnmetNeed.BUSINESS_FINANCE.label}",
    ):
        assert shown in text, "\n".join(lines)
    words = set(re.findall(r"[\w-]+", text))
    assert [code for code in codes if code in words] == []
    raw_needs = [f"Soort {NEED_ASKED}", f"Soort {NEED_UNMET}", "Welke hulp schuldhulp",
                 "Welke hulp financiering"]  # fmt: skip
    assert [raw for raw in raw_needs if raw in text] == []
    # Who keeps the data: on top, and in the footer of every page.
    assert lines[0] == f"Gemeente {municipality.name}"
    total = lines.count("\f")
    for number in range(1, total + 1):
        assert f"Gemeente {municipality.name} pagina {number} van {total}" in lines
