"""Dates, lists and labels inside a Dutch sentence."""

from datetime import date

import pytest

from casedesk.domain.dutch import join_dutch, long_date, lower_first, upper_first


def test_dates_are_written_the_dutch_way() -> None:
    assert long_date(date(2026, 11, 27)) == "27 november 2026"


@pytest.mark.parametrize(
    ("words", "sentence"),
    [
        ([], ""),
        (["schulden"], "schulden"),
        (["schulden", "stress"], "schulden en stress"),
        (["huur", "energie", "belasting"], "huur, energie en belasting"),
    ],
)
def test_a_list_reads_with_commas_and_en_before_the_last(words: list[str], sentence: str) -> None:
    assert join_dutch(iter(words)) == sentence


def test_only_the_first_letter_of_a_label_becomes_small() -> None:
    assert (lower_first("Ziek of Óverspannen"), lower_first("")) == ("ziek of Óverspannen", "")


def test_only_the_first_letter_of_a_sentence_part_becomes_capital() -> None:
    assert (upper_first("één keer"), upper_first("")) == ("Één keer", "")
