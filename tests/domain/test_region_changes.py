"""The change list a coordinator reads before taking a new municipality table into use."""

from dataclasses import replace

from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.region_changes import LISTED_PER_KIND, compare_region_tables


def test_a_table_that_keeps_one_municipality_lists_the_first_gone_and_counts_the_rest() -> None:
    old = load_default_region_table()
    amsterdam = next(m for m in old.municipalities if m.code == "GM0363")
    new = replace(old, municipalities=(amsterdam,))
    changes = compare_region_tables(old, new)
    lines = changes.lines()
    gone = len(old.municipalities) - 1
    assert f"Verdwijnen uit de tabel ({gone}):" in lines
    assert f"  - … en nog {gone - LISTED_PER_KIND}" in lines
    assert len(changes.removed) == gone
    assert not changes.added and not changes.renamed and not changes.moved


def test_the_same_table_changes_nothing() -> None:
    table = load_default_region_table()
    changes = compare_region_tables(table, table)
    assert changes.is_empty
    assert changes.lines()[-1] == (
        "Er komen geen gemeenten bij of af, en er verandert geen naam of regio."
    )
