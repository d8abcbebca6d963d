"""How long a closed dossier is kept: its result type and term, per the Selectielijst
gemeenten.

A re-orientation that led to Bbz falls under procestype 8 ("Voorzieningen verstrekken");
one that only gave advice under procestype 21 ("Adviseren"). Each result type has a term
in years after closing, the Selectielijst's default unless the municipality set its own.
"""

from collections.abc import Mapping

from casedesk.domain.closing import MAX_RETENTION_YEARS, Outcome
from casedesk.domain.intake import LabelledEnum, register_labels


class ResultType(LabelledEnum):
    """A Selectielijst result (procestype and result), as stored in ``cases.result_type``."""

    PROVISION_GRANTED = "8_verstrekt"
    PROVISION_REFUSED = "8_geweigerd"
    PROVISION_ENDED = "8_beeindigd"
    PROVISION_ABORTED = "8_afgebroken"
    ADVICE_GIVEN = "21_verstrekt"
    ADVICE_NOT_GIVEN = "21_niet_verstrekt"
    ADVICE_ABORTED = "21_afgebroken"


register_labels(
    ResultType,
    {
        ResultType.PROVISION_GRANTED: "Voorziening (Bbz) verstrekt",
        ResultType.PROVISION_REFUSED: "Voorziening (Bbz) geweigerd",
        ResultType.PROVISION_ENDED: "Voorziening (Bbz) beëindigd",
        ResultType.PROVISION_ABORTED: "Aanvraag voorziening (Bbz) afgebroken",
        ResultType.ADVICE_GIVEN: "Advies gegeven",
        ResultType.ADVICE_NOT_GIVEN: "Advies niet gegeven",
        ResultType.ADVICE_ABORTED: "Advies afgebroken",
    },
)

DEFAULT_TERMS: Mapping[ResultType, int] = {
    ResultType.PROVISION_GRANTED: 10,
    ResultType.PROVISION_REFUSED: 5,
    ResultType.PROVISION_ENDED: 10,
    ResultType.PROVISION_ABORTED: 1,
    ResultType.ADVICE_GIVEN: 5,
    ResultType.ADVICE_NOT_GIVEN: 1,
    ResultType.ADVICE_ABORTED: 1,
}
"""Years after closing, from the Selectielijst gemeenten (procestype 8 and 21)."""

_BROKEN_OFF = frozenset({Outcome.DROPPED_OUT, Outcome.MOVED_AWAY})


def result_type_for(outcome: Outcome, led_to_bbz: bool) -> ResultType:
    """The result type a closing gets unless the caseworker picks another."""
    if led_to_bbz:
        return (
            ResultType.PROVISION_ABORTED
            if outcome in _BROKEN_OFF
            else (ResultType.PROVISION_GRANTED)
        )
    return ResultType.ADVICE_ABORTED if outcome in _BROKEN_OFF else ResultType.ADVICE_GIVEN


RETENTION_SETTINGS_PREFIX = "retention.years."


def setting_key(result: ResultType) -> str:
    return f"{RETENTION_SETTINGS_PREFIX}{result.value}"


def terms_from_settings(settings: Mapping[str, str]) -> dict[ResultType, int]:
    """Each result type's term: the municipality's own where it set a usable one."""
    terms = dict(DEFAULT_TERMS)
    for result in ResultType:
        text = settings.get(setting_key(result))
        if text is None:
            continue
        try:
            years = int(text.strip())
        except ValueError:
            continue
        if 1 <= years <= MAX_RETENTION_YEARS:
            terms[result] = years
    return terms


def longest_term(terms: Mapping[ResultType, int]) -> int:
    """The longest term in years: no backup is kept longer than this."""
    return max(terms.values())
