"""The regional report's counts: aggregate queries only, grouped by municipality.

Every query covers the cases registered in the period (the report's cohort) and returns
counts, never a row per person: no name, number or date of birth is selected. Two figures
need a date pair per group (registration and first plan, due date and done time), because
the Dutch calendar day of a UTC timestamp is arithmetic for ``domain/report.py``; they are
grouped too, so a pair shared by several cases is one row, and handed on as counts.

A regional coordinator may read no dossier row: on the server their counts come from the
owner's aggregate function instead (``db/server/report.py``), as the same figures.
"""

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from casedesk.db.intake_repo import HELP_REQUEST, UNMET_NEED
from casedesk.db.models import (
    AdviceDecision,
    Case,
    CaseInstrument,
    CaseNeed,
    FollowUp,
    PlanVersion,
    Referral,
)
from casedesk.db.server import report as report_postgres
from casedesk.db.server.coordinator_session import is_coordinator
from casedesk.db.settings_repo import municipality_names
from casedesk.domain.plan_content import DocumentKind
from casedesk.domain.report import (
    FollowUpCount,
    ItemCount,
    PlanDelayRow,
    RawFigures,
    Topic,
    days_to_first_plan,
    follow_up_state,
)


def report_counts(session: Session, first: date, last: date, today: date) -> RawFigures:
    """The counts of the cases registered from ``first`` to ``last`` (both included);
    follow-ups open on ``today`` are open."""
    if is_coordinator(session):
        return report_postgres.aggregate_counts(session, first, last, today)
    cohort = Case.registration_date.between(first, last)
    intakes, channels, outcomes = _case_columns(session, cohort)
    return RawFigures(
        intakes=intakes,
        items={
            Topic.CHANNEL: channels,
            Topic.HELP_REQUEST: _need_counts(session, HELP_REQUEST, cohort),
            Topic.UNMET_NEED: _need_counts(session, UNMET_NEED, cohort),
            **_advice_counts(session, cohort),
            Topic.INSTRUMENT: _item_counts(
                session, CaseInstrument.instrument_name, cohort, CaseInstrument.case_id
            ),
            Topic.REFERRAL: _referral_counts(session, cohort),
            Topic.OUTCOME: outcomes,
        },
        plan_delays=_plan_delays(session, cohort),
        follow_ups=_follow_ups(session, cohort, today),
        municipality_names=municipality_names(session),
    )


def _case_columns(
    session: Session, cohort: ColumnElement[bool]
) -> tuple[dict[str, int], list[ItemCount], list[ItemCount]]:
    """Intakes, channels and outcomes at closing, from one pass over the cases."""
    outcome = case((Case.closed_on.is_not(None), Case.closing_outcome), else_=None)
    statement = (
        select(Case.municipality_code, Case.channel, outcome, func.count())
        .where(cohort)
        .group_by(Case.municipality_code, Case.channel, outcome)
    )
    intakes: dict[str, int] = defaultdict(int)
    channels: dict[tuple[str, str | None], int] = defaultdict(int)
    outcomes: dict[tuple[str, str], int] = defaultdict(int)
    for code, channel, closed_as, count in session.execute(statement):
        intakes[code] += count
        channels[(code, channel)] += count
        if closed_as is not None:
            outcomes[(code, closed_as)] += count
    return (
        dict(intakes),
        [ItemCount(code, item, count) for (code, item), count in channels.items()],
        [ItemCount(code, item, count) for (code, item), count in outcomes.items()],
    )


def _item_counts(
    session: Session,
    item: InstrumentedAttribute[Any],
    cohort: ColumnElement[bool],
    joined: InstrumentedAttribute[int] | None = None,
) -> list[ItemCount]:
    """Cases (or, ``joined`` on a case id, that table's rows) by ``item``."""
    statement = select(Case.municipality_code, item, func.count())
    if joined is not None:
        statement = statement.join(joined.class_, joined == Case.id)
    statement = statement.where(cohort).group_by(Case.municipality_code, item)
    return [
        ItemCount(code, _item_text(value), count)
        for code, value, count in session.execute(statement)
    ]


def _need_counts(session: Session, kind: str, cohort: ColumnElement[bool]) -> list[ItemCount]:
    statement = (
        select(Case.municipality_code, CaseNeed.code, func.count())
        .join(CaseNeed, CaseNeed.case_id == Case.id)
        .where(cohort, CaseNeed.kind == kind)
        .group_by(Case.municipality_code, CaseNeed.code)
    )
    return [ItemCount(code, need, count) for code, need, count in session.execute(statement)]


def _advice_counts(session: Session, cohort: ColumnElement[bool]) -> dict[Topic, list[ItemCount]]:
    """Per case only its latest decision counts: a changed advice is one case, not two."""
    latest = (
        select(func.max(AdviceDecision.id).label("id")).group_by(AdviceDecision.case_id).subquery()
    )
    columns = {
        Topic.ROUTE_ADVISED: AdviceDecision.suggested_primary_route,
        Topic.ROUTE_CHOSEN: AdviceDecision.chosen_primary_route,
        Topic.ADVICE_FOLLOWED: AdviceDecision.accepted,
        Topic.URGENT: AdviceDecision.urgent,
    }
    found: dict[Topic, list[ItemCount]] = {}
    for topic, column in columns.items():
        statement = (
            select(Case.municipality_code, column, func.count())
            .join(AdviceDecision, AdviceDecision.case_id == Case.id)
            .join(latest, latest.c.id == AdviceDecision.id)
            .where(cohort)
            .group_by(Case.municipality_code, column)
        )
        found[topic] = [
            ItemCount(code, _item_text(value), count)
            for code, value, count in session.execute(statement)
        ]
    return found


def _item_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(int(value)) if isinstance(value, int) else str(value)


def _referral_counts(session: Session, cohort: ColumnElement[bool]) -> list[ItemCount]:
    """Keyed ``partner|status``: a partner's referrals by how they stand (or ended)."""
    statement = (
        select(Case.municipality_code, Referral.partner_name, Referral.status, func.count())
        .join(Referral, Referral.case_id == Case.id)
        .where(cohort)
        .group_by(Case.municipality_code, Referral.partner_name, Referral.status)
    )
    return [
        ItemCount(code, f"{partner}|{status}", count)
        for code, partner, status, count in session.execute(statement)
    ]


def _plan_delays(session: Session, cohort: ColumnElement[bool]) -> list[PlanDelayRow]:
    first_plan = (
        select(PlanVersion.case_id, func.min(PlanVersion.created_at).label("first_at"))
        .where(PlanVersion.kind == DocumentKind.ACTION_PLAN.value)
        .group_by(PlanVersion.case_id)
        .subquery()
    )
    statement = (
        select(Case.municipality_code, Case.registration_date, first_plan.c.first_at, func.count())
        .join(first_plan, first_plan.c.case_id == Case.id)
        .where(cohort)
        .group_by(Case.municipality_code, Case.registration_date, first_plan.c.first_at)
    )
    delays: dict[tuple[str, int], int] = defaultdict(int)
    for code, registered, first_at, count in session.execute(statement):
        delays[(code, days_to_first_plan(registered, _aware(first_at)))] += count
    return [PlanDelayRow(code, days, count) for (code, days), count in delays.items()]


def _follow_ups(
    session: Session, cohort: ColumnElement[bool], today: date
) -> list[FollowUpCount]:
    statement = (
        select(Case.municipality_code, FollowUp.due_date, FollowUp.done_at, func.count())
        .join(FollowUp, FollowUp.case_id == Case.id)
        .where(cohort)
        .group_by(Case.municipality_code, FollowUp.due_date, FollowUp.done_at)
    )
    states: dict[tuple[str, str], int] = defaultdict(int)
    for code, due, done_at, count in session.execute(statement):
        done = None if done_at is None else _aware(done_at)
        states[(code, follow_up_state(due, done, today))] += count
    return [FollowUpCount(code, state, count) for (code, state), count in states.items()]


def _aware(value: object) -> datetime:
    """A column of a subquery or a grouped select loses the UTC type decoration."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
