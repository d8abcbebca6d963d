"""Retention per the Selectielijst gemeenten: result types and their terms."""

import pytest

from casedesk.domain.closing import Outcome
from casedesk.domain.retention import (
    DEFAULT_TERMS,
    ResultType,
    longest_term,
    result_type_for,
    setting_key,
    terms_from_settings,
)


def test_the_default_terms_are_the_selectielijst_ones() -> None:
    assert {result.value: years for result, years in DEFAULT_TERMS.items()} == {
        "8_verstrekt": 10, "8_geweigerd": 5, "8_beeindigd": 10, "8_afgebroken": 1,
        "21_verstrekt": 5, "21_niet_verstrekt": 1, "21_afgebroken": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "bbz", "expected"),
    [
        (Outcome.STOPPED_WITH_JOB, True, ResultType.PROVISION_GRANTED),
        (Outcome.DROPPED_OUT, True, ResultType.PROVISION_ABORTED),
        (Outcome.BUSINESS_CONTINUED, False, ResultType.ADVICE_GIVEN),
        (Outcome.MOVED_AWAY, False, ResultType.ADVICE_ABORTED),
    ],
)
def test_bbz_falls_under_procestype_8_and_advice_only_under_21(
    outcome: Outcome, bbz: bool, expected: ResultType
) -> None:
    assert result_type_for(outcome, bbz) is expected


def test_a_municipality_sets_its_own_term_and_an_unusable_one_is_ignored() -> None:
    terms = terms_from_settings({
        setting_key(ResultType.ADVICE_GIVEN): "7",
        setting_key(ResultType.ADVICE_ABORTED): "nooit",
        setting_key(ResultType.PROVISION_ENDED): "99",
    })  # fmt: skip
    assert terms[ResultType.ADVICE_GIVEN] == 7
    assert terms[ResultType.ADVICE_ABORTED] == 1
    assert terms[ResultType.PROVISION_ENDED] == 10
    assert longest_term(terms) == 10
