"""The regional report's figures: labels, shares, days, on time, and small numbers hidden."""

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from casedesk.domain.report import (
    HIDDEN_TEXT,
    MIN_SHOWN,
    NO_SHARE,
    WITHHELD_TEXT,
    FollowUpCount,
    ItemCount,
    Line,
    PlanDelayRow,
    RawFigures,
    Report,
    Section,
    Topic,
    build_report,
    days_to_first_plan,
    follow_up_state,
    listed_separately,
)

FIRST, LAST, TODAY = date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 2)
NAMES = {
    "GM0855": "Tilburg", "GM0785": "Goirle", "GM0824": "Oisterwijk",
    "GM0784": "Gilze en Rijen", "GM0798": "Hilvarenbeek",
}  # fmt: skip


def _report(
    intakes: Mapping[str, int],
    items: Mapping[Topic, Sequence[ItemCount]] | None = None,
    plan_delays: Sequence[PlanDelayRow] = (),
    follow_ups: Sequence[FollowUpCount] = (),
) -> Report:
    raw = RawFigures(intakes, items or {}, plan_delays, follow_ups, NAMES)
    return build_report(raw, FIRST, LAST, TODAY)


def _section(report: Report, topic: Topic) -> Section:
    return next(section for section in report.sections if section.topic is topic)


def _texts(report: Report, topic: Topic, key: str) -> dict[str, str]:
    line = next(line for line in _section(report, topic).lines if line.key == key)
    return {scope.name: cell.text for scope, cell in zip(report.scopes, line.cells, strict=True)}


def test_the_region_comes_first_then_the_municipalities_by_name() -> None:
    report = _report({"GM0855": 40, "GM0785": 12})
    assert [scope.name for scope in report.scopes] == ["Regio", "Goirle", "Tilburg"]
    assert [cell.text for cell in report.intakes.cells] == ["52", "12", "40"]


def test_a_count_below_five_shows_as_less_than_five() -> None:
    report = _report(
        {"GM0855": 40, "GM0785": 12, "GM0824": 20},
        {
            Topic.CHANNEL: [
                ItemCount("GM0855", "website", 4), ItemCount("GM0785", "website", 3),
                ItemCount("GM0824", "website", 9),
            ]
        },
    )  # fmt: skip
    assert _texts(report, Topic.CHANNEL, "website") == {
        "Regio": "16", "Goirle": HIDDEN_TEXT, "Oisterwijk": "9", "Tilburg": HIDDEN_TEXT,
    }  # fmt: skip


def test_one_hidden_municipality_hides_a_second_so_it_cannot_be_worked_out() -> None:
    # Region 68 minus Tilburg 45 and Oisterwijk 20 would give Goirle's 3 away.
    report = _report({"GM0855": 45, "GM0785": 3, "GM0824": 20})
    assert [cell.text for cell in report.intakes.cells] == ["68", HIDDEN_TEXT, WITHHELD_TEXT, "45"]


def test_one_hidden_category_hides_a_second_where_the_categories_add_up() -> None:
    # 30 intakes: website 20, media 7, not filled in 3; 30 − 20 − 7 would give the 3 away.
    report = _report(
        {"GM0855": 30},
        {Topic.CHANNEL: [ItemCount("GM0855", "website", 20), ItemCount("GM0855", "media", 7)]},
    )
    assert _texts(report, Topic.CHANNEL, "niet_ingevuld")["Regio"] == HIDDEN_TEXT
    assert _texts(report, Topic.CHANNEL, "media")["Regio"] == WITHHELD_TEXT
    assert _texts(report, Topic.CHANNEL, "website")["Regio"] == "20"


def test_a_category_nobody_is_in_shows_zero_and_is_left_out_of_print() -> None:
    report = _report({"GM0855": 30}, {Topic.CHANNEL: [ItemCount("GM0855", "website", 30)]})
    media = next(line for line in _section(report, Topic.CHANNEL).lines if line.key == "media")
    assert [cell.text for cell in media.cells] == ["0", "0"]
    assert media.is_empty


def test_a_share_is_left_out_where_its_count_is_hidden() -> None:
    report = _report(
        {"GM0855": 40, "GM0785": 12},
        {Topic.CHANNEL: [ItemCount("GM0855", "website", 30), ItemCount("GM0785", "website", 2)]},
    )
    website = next(line for line in _section(report, Topic.CHANNEL).lines if line.key == "website")
    assert website.shares == ("62 %", NO_SHARE, NO_SHARE)


def test_help_requests_stand_beside_the_national_survey_the_guide_quotes() -> None:
    report = _report(
        {"GM0855": 100},
        {Topic.HELP_REQUEST: [ItemCount("GM0855", "ondernemersvaardigheden", 20)]},
    )
    lines = {line.key: line for line in _section(report, Topic.HELP_REQUEST).lines}
    assert lines["ondernemersvaardigheden"].shares[0] == "20 %"
    assert {key: line.reference for key, line in lines.items() if line.reference} == {
        "ondernemersvaardigheden": "15 %",
        "omscholing_als_ondernemer": "11 %",
        "loopbaan_als_werknemer": "7 %",
    }


def test_an_overridden_advice_is_counted_apart_from_advice_not_yet_given() -> None:
    report = _report(
        {"GM0855": 30},
        {Topic.ADVICE_FOLLOWED: [ItemCount("GM0855", "ja", 15), ItemCount("GM0855", "nee", 6)]},
    )
    assert _texts(report, Topic.ADVICE_FOLLOWED, "nee")["Regio"] == "6"
    assert _texts(report, Topic.ADVICE_FOLLOWED, "nog_geen_advies")["Regio"] == "9"


def test_days_to_the_first_plan_count_dutch_calendar_days() -> None:
    # 23:30 UTC on 9 March is 00:30 on 10 March in the Netherlands: 9 days, not 8.
    late_evening = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    assert days_to_first_plan(date(2026, 3, 1), late_evening) == 9
    # A plan dated before the registration (a registration entered late) counts as 0.
    assert days_to_first_plan(date(2026, 3, 12), late_evening) == 0


def test_the_days_to_the_first_plan_are_bucketed_and_their_median_given() -> None:
    report = _report({"GM0855": 12}, plan_delays=[PlanDelayRow("GM0855", 9, 6)])
    assert _texts(report, Topic.FIRST_PLAN, "8_tot_14_dagen")["Regio"] == "6"
    assert "binnen 9 dagen" in _section(report, Topic.FIRST_PLAN).summary[0]


def test_no_median_is_given_for_fewer_than_five_plans() -> None:
    report = _report({"GM0855": 10}, plan_delays=[PlanDelayRow("GM0855", 2, 4)])
    assert _section(report, Topic.FIRST_PLAN).summary == ("", "")


def test_a_follow_up_done_on_its_day_is_on_time_and_one_done_later_is_not() -> None:
    due = date(2026, 5, 4)
    # 21:30 UTC is 23:30 on the due day in the Netherlands: still on time.
    assert follow_up_state(due, datetime(2026, 5, 4, 21, 30, tzinfo=UTC), TODAY) == "op_tijd"
    assert follow_up_state(due, datetime(2026, 5, 4, 22, 30, tzinfo=UTC), TODAY) == "te_laat"
    assert follow_up_state(due, None, TODAY) == "open_verlopen"
    assert follow_up_state(TODAY, None, TODAY) == "open"


def test_follow_ups_are_counted_by_state_against_their_own_total() -> None:
    report = _report(
        {"GM0855": 30},
        follow_ups=[
            FollowUpCount("GM0855", "op_tijd", 6),
            FollowUpCount("GM0855", "te_laat", 5),
            FollowUpCount("GM0855", "open_verlopen", 7),
            FollowUpCount("GM0855", "open", 5),
        ],
    )
    counts = {line.key: line.cells[0].text for line in _section(report, Topic.FOLLOW_UP).lines}
    assert counts == {"op_tijd": "6", "te_laat": "5", "open_verlopen": "7", "open": "5"}
    total = _section(report, Topic.FOLLOW_UP).total
    assert total is not None and total.cells[0].text == "23"


def test_referrals_are_counted_per_partner_and_how_they_stand() -> None:
    report = _report(
        {"GM0855": 30},
        {Topic.REFERRAL: [ItemCount("GM0855", "Leerwerkloket|afgerond", 8)]},
    )
    line = _section(report, Topic.REFERRAL).lines[0]
    assert (line.label, line.cells[0].text) == ("Leerwerkloket: afgerond", "8")


# --- the printed table: small municipalities added up in one row --------------------------


def _combined(report: Report, topic: Topic, key: str) -> str:
    line = next(line for line in _section(report, topic).lines if line.key == key)
    assert line.combined is not None
    return line.combined.text


def test_a_municipality_gets_its_own_row_in_print_from_five_intakes() -> None:
    assert listed_separately(MIN_SHOWN)
    assert not listed_separately(MIN_SHOWN - 1)


def test_the_municipalities_below_five_intakes_are_added_up_in_one_row() -> None:
    report = _report({"GM0855": 40, "GM0785": 3, "GM0824": 2})
    assert [report.scopes[index].name for index in report.separate_scopes] == ["Tilburg"]
    assert report.combined is not None
    assert report.combined.codes == ("GM0785", "GM0824")  # Goirle, Oisterwijk: by name
    assert report.combined.label == (
        "Overige gemeenten (elk minder dan 5 aanmeldingen): 2 gemeenten"
    )
    assert report.intakes.combined is not None and report.intakes.combined.text == "5"


def test_without_small_municipalities_there_is_no_combined_row() -> None:
    report = _report({"GM0855": 40, "GM0785": 12})
    assert report.combined is None
    assert report.intakes.combined is None
    assert report.separate_scopes == (1, 2)


def test_the_combined_row_counts_are_hidden_below_five_like_a_municipalitys() -> None:
    skills, debts = "ondernemersvaardigheden", "schuldhulp"
    report = _report(
        {"GM0855": 40, "GM0785": 3, "GM0824": 2, "GM0784": 4},
        {Topic.HELP_REQUEST: [
            ItemCount("GM0855", skills, 30), ItemCount("GM0785", skills, 2),
            ItemCount("GM0824", skills, 1), ItemCount("GM0784", skills, 3),
            ItemCount("GM0855", debts, 10), ItemCount("GM0785", debts, 1),
            ItemCount("GM0784", debts, 1),
        ]},
    )  # fmt: skip
    assert _combined(report, Topic.HELP_REQUEST, skills) == "6"
    assert _combined(report, Topic.HELP_REQUEST, debts) == HIDDEN_TEXT


def test_a_small_combined_row_is_not_given_away_by_the_region_minus_the_listed_ones() -> None:
    # Region 43 minus Tilburg's 40 would give the combined row's 3 away.
    report = _report({"GM0855": 40, "GM0785": 2, "GM0824": 1})
    assert report.intakes.combined is not None
    assert report.intakes.combined.text == HIDDEN_TEXT
    assert _texts_of(report.intakes, report) == {
        "Regio": "43", "Goirle": HIDDEN_TEXT, "Oisterwijk": HIDDEN_TEXT, "Tilburg": WITHHELD_TEXT,
    }  # fmt: skip


def test_a_hidden_count_of_a_listed_municipality_cannot_be_worked_out_with_the_combined_row(
) -> None:  # fmt: skip
    # Region 20 minus Oisterwijk's 12 minus the combined 5 would give Tilburg's 3 away.
    skills = "ondernemersvaardigheden"
    report = _report(
        {"GM0855": 40, "GM0824": 20, "GM0785": 4, "GM0784": 4},
        {Topic.HELP_REQUEST: [
            ItemCount("GM0855", skills, 3), ItemCount("GM0824", skills, 12),
            ItemCount("GM0785", skills, 2), ItemCount("GM0784", skills, 3),
        ]},
    )  # fmt: skip
    texts = _texts(report, Topic.HELP_REQUEST, skills)
    assert (texts["Regio"], texts["Tilburg"], texts["Oisterwijk"]) == ("20", HIDDEN_TEXT, "12")
    assert _combined(report, Topic.HELP_REQUEST, skills) == WITHHELD_TEXT


def test_a_combined_row_of_one_municipality_shows_what_that_municipalitys_row_shows() -> None:
    # Goirle's 6 instruments are withheld so that Tilburg's 2 stay hidden (14 - 6 - 6);
    # the combined row is Goirle alone, so it must not show the 6 either.
    report = _report(
        {"GM0855": 45, "GM0824": 20, "GM0785": 3},
        {Topic.INSTRUMENT: [
            ItemCount("GM0855", "MKB Diagnosetool", 2), ItemCount("GM0824", "MKB Diagnosetool", 6),
            ItemCount("GM0785", "MKB Diagnosetool", 6),
        ]},
        follow_ups=[FollowUpCount("GM0785", "open", 7), FollowUpCount("GM0855", "open", 9)],
    )  # fmt: skip
    assert report.combined is not None and report.combined.codes == ("GM0785",)
    assert report.combined.label.endswith(": 1 gemeente")
    goirle = report.scope_index("GM0785")
    for section in report.sections:
        for line in (*section.lines, *((section.total,) if section.total else ())):
            assert line.combined is not None
            assert line.combined.text == line.cells[goirle].text, (section.topic, line.key)
    assert _texts(report, Topic.INSTRUMENT, "MKB Diagnosetool")["Goirle"] == WITHHELD_TEXT


def _texts_of(line: Line, report: Report) -> dict[str, str]:
    return {scope.name: cell.text for scope, cell in zip(report.scopes, line.cells, strict=True)}
