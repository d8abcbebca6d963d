"""The dossier's intake summary shows the help the region does not offer, with its note."""

from casedesk.domain.intake import Future, IntakeAnswers, UnmetNeed
from casedesk.ui.intake.summary import answer_text

ANSWERS = IntakeAnswers(
    future=Future(
        unmet_needs=frozenset({UnmetNeed.OTHER_LANGUAGE, UnmetNeed.BUSINESS_FINANCE}),
        unmet_needs_note="Uitleg in het Turks",
    )
)


def test_the_needs_without_offer_read_as_their_labels_in_the_forms_order() -> None:
    assert answer_text(ANSWERS, "future.unmet_needs") == (
        "Een lening of krediet voor het bedrijf; Hulp in een andere taal dan Nederlands"
    )
    assert answer_text(ANSWERS, "future.unmet_needs_note") == "Uitleg in het Turks"
