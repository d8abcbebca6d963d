"""One fold for every search: what a caseworker types is compared as folded text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.domain.folding import fold, spelling_variant


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Yılmaz", "yilmaz"), ("Łukasz", "lukasz"), ("Søren", "soren"), ("Æsa", "aesa"),
        ("Œuvre", "oeuvre"), ("Straße", "strasse"), ("STRAẞE", "strasse"),
        ("Đorđević", "dordevic"), ("Þór", "thor"), ("Sigurðsson", "sigurdsson"),
        ("Zoë", "zoe"), ("Çelik", "celik"), ("Müller", "muller"), ("İstanbul", "istanbul"),
        ("\u0132sbrand", "ijsbrand"), ("IJsbrand", "ijsbrand"),
        ("\u2019t Hoff", "'t hoff"), ("Hoff\u2013Çelik", "hoff-celik"),
    ],
)  # fmt: skip
def test_names_fold_to_the_letters_a_dutch_caseworker_types(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(
    ("name", "variant"),
    [("Müller", "mueller"), ("Öztürk", "oeztuerk"), ("Søren", "soeren"),
     ("Đorđević", "djordjevic"), ("Ålesund", "aalesund")],
)  # fmt: skip
def test_german_and_scandinavian_spellings_are_a_variant(name: str, variant: str) -> None:
    assert spelling_variant(name) == variant


@pytest.mark.parametrize("name", ["Zoë", "Citroën", "Jansen", "Yılmaz", "Straße"])
def test_a_name_without_another_spelling_has_no_variant(name: str) -> None:
    assert spelling_variant(name) is None


@given(st.text())
def test_folding_folded_text_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_the_variant_is_folded_text_too(text: str) -> None:
    variant = spelling_variant(text)
    assert variant is None or fold(variant) == variant
