"""Referral rules: status life cycle, consent, the proposed follow-up."""

from datetime import date

import pytest

from casedesk.domain.referrals import (
    DEFAULT_FOLLOW_UP_INTERVAL_DAYS,
    OPEN_STATUSES,
    Consent,
    ConsentMethod,
    ReferralDraft,
    ReferralRuleError,
    ReferralStatus,
    check_referral,
    check_status_date,
    check_transition,
    next_statuses,
    parse_interval_days,
    proposed_follow_up_due,
)

S = ReferralStatus
GIVEN = Consent(True, "naam, telefoonnummer en hulpvraag", "Geldfit", date(2026, 11, 27),
                ConsentMethod.SPOKEN)  # fmt: skip
REFUSED = Consent(False, "", "Geldfit", date(2026, 11, 27), ConsentMethod.SIGNED)


def draft(**changes: object) -> ReferralDraft:
    values: dict[str, object] = {
        "partner_name": "Geldfit Zakelijk",
        "request_text": "Hulp bij schulden van de zaak",
        "referred_on": date(2026, 11, 27),
    }
    values.update(changes)
    return ReferralDraft(**values)  # type: ignore[arg-type]


def test_every_status_has_a_dutch_label() -> None:
    assert [status.label for status in S] == [
        "Voorgesteld", "Verwezen", "Gestart", "Afgerond", "Afgebroken", "Niet gestart",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (S.PROPOSED, S.REFERRED),
        (S.PROPOSED, S.NOT_STARTED),
        (S.REFERRED, S.STARTED),
        (S.REFERRED, S.NOT_STARTED),
        (S.STARTED, S.COMPLETED),
        (S.STARTED, S.ABORTED),
    ],
)
def test_the_life_cycle_moves_forward(current: ReferralStatus, new: ReferralStatus) -> None:
    check_transition(current, new)


def test_a_referral_cannot_skip_from_proposed_to_completed() -> None:
    with pytest.raises(ReferralRuleError) as raised:
        check_transition(S.PROPOSED, S.COMPLETED)
    assert raised.value.message == (
        "Een verwijzing die ‘Voorgesteld’ is, kan niet naar ‘Afgerond’. Kies ‘Verwezen’ of "
        "‘Niet gestart’."
    )


@pytest.mark.parametrize("final", [S.COMPLETED, S.ABORTED, S.NOT_STARTED])
def test_a_final_status_cannot_change(final: ReferralStatus) -> None:
    with pytest.raises(ReferralRuleError, match="kan niet meer veranderen"):
        check_transition(final, S.STARTED)


def test_a_status_change_in_the_future_is_refused() -> None:
    with pytest.raises(ReferralRuleError) as raised:
        check_status_date(date(2026, 11, 29), date(2026, 11, 1), date(2026, 11, 28))
    assert raised.value.message == (
        "De datum van de statuswijziging ligt in de toekomst. Kies vandaag of een eerdere "
        "datum. De status is niet veranderd."
    )


def test_a_status_change_before_the_previous_step_names_that_date_in_words() -> None:
    with pytest.raises(ReferralRuleError) as raised:
        check_status_date(date(2026, 10, 31), date(2026, 11, 2), date(2026, 11, 28))
    assert raised.value.message == (
        "De datum ligt vóór de vorige stap van deze verwijzing (2 november 2026). Kies die "
        "datum of een latere. De status is niet veranderd."
    )


def test_a_status_change_on_the_day_of_the_previous_step_is_allowed() -> None:
    check_status_date(date(2026, 11, 2), date(2026, 11, 2), date(2026, 11, 28))


def test_open_statuses_are_those_that_can_still_move() -> None:
    assert {S.PROPOSED, S.REFERRED, S.STARTED} == OPEN_STATUSES


def test_next_statuses_follow_the_life_cycle_order() -> None:
    assert next_statuses(S.REFERRED) == [S.STARTED, S.NOT_STARTED]


def test_sharing_data_without_recorded_consent_is_refused() -> None:
    with pytest.raises(ReferralRuleError, match="geen toestemming van de ondernemer vastgelegd"):
        check_referral(draft(shares_data=True))


def test_sharing_data_after_a_refusal_is_refused() -> None:
    with pytest.raises(ReferralRuleError, match="geen toestemming gegeven"):
        check_referral(draft(shares_data=True, consent=REFUSED))


def test_a_recorded_refusal_without_sharing_is_accepted() -> None:
    check_referral(draft(shares_data=False, consent=REFUSED))


def test_sharing_with_given_consent_is_accepted() -> None:
    check_referral(draft(shares_data=True, consent=GIVEN))


def test_given_consent_must_say_which_data() -> None:
    consent = Consent(True, "  ", "Geldfit", date(2026, 11, 27), ConsentMethod.SPOKEN)
    with pytest.raises(ReferralRuleError, match="welke gegevens"):
        check_referral(draft(shares_data=True, consent=consent))


def test_a_referral_needs_a_partner_and_a_request() -> None:
    with pytest.raises(ReferralRuleError, match="Kies de partner"):
        check_referral(draft(partner_name=" "))
    with pytest.raises(ReferralRuleError, match="wat u aan de partner vraagt"):
        check_referral(draft(request_text=""))


def test_a_new_referral_cannot_start_as_started() -> None:
    with pytest.raises(ReferralRuleError, match="begint als ‘Voorgesteld’ of ‘Verwezen’"):
        check_referral(draft(status=S.STARTED))


def test_the_follow_up_is_proposed_after_the_interval() -> None:
    assert proposed_follow_up_due(date(2026, 11, 27), 14) == date(2026, 12, 11)


@pytest.mark.parametrize("setting", [None, "", "twee weken", "0", "-3", "9999"])
def test_an_unusable_interval_setting_gives_two_weeks(setting: str | None) -> None:
    assert parse_interval_days(setting) == DEFAULT_FOLLOW_UP_INTERVAL_DAYS == 14


def test_the_interval_setting_is_read_as_days() -> None:
    assert parse_interval_days(" 21 ") == 21
