"""Casework on demo dossiers: what a region's counters did, for the report's sample and tests.

The demo (``services/demo/fill.py``) makes bare dossiers; this walks some of them through the
real use cases as a counter would, days apart: the intake answers (channel, help requests,
help the region lacks), the advice (now and then changed, with a reason), instruments,
referrals and how they went, follow-ups done on time or late, an action plan, a closing.
Seeded, so the same seed gives the same figures.
"""

import dataclasses
import random
from datetime import date, datetime, time, timedelta

from casedesk.db import settings_repo
from casedesk.db.cases import open_cases_registered_by
from casedesk.db.data_store import DataStore
from casedesk.domain.case import CaseId
from casedesk.domain.closing import Outcome
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.followups import local_today
from casedesk.domain.intake import DebtLevel, Future, Situation, Wish
from casedesk.domain.referrals import ReferralDraft, ReferralStatus
from casedesk.domain.routes import Route
from casedesk.services.closing import close_case
from casedesk.services.demo.data import HELP_REQUESTS, UNMET_NEEDS, demo_channel, pick, some
from casedesk.services.followups import mark_follow_up_done
from casedesk.services.intake import IntakeService
from casedesk.services.plan import render_and_store_plan
from casedesk.services.referrals import change_referral_status, create_referral

_PARTNERS = (
    "Ondernemersklankbord", "Schuldhulp Zelfstandigen", "Leerwerkloket",
    "Regionaal Mobiliteitsteam",
)  # fmt: skip
_OUTCOMES = (
    (Outcome.BUSINESS_CONTINUED, 30), (Outcome.CONTINUED_WITH_CHANGES, 25),
    (Outcome.PART_TIME_WITH_JOB, 12), (Outcome.STOPPED_WITH_JOB, 10),
    (Outcome.REFERRED_ON, 8), (Outcome.DROPPED_OUT, 6),
)  # fmt: skip


def add_demo_casework(
    store: DataStore, now: datetime, *, cases: int, seed: int = 2026
) -> list[CaseId]:
    """Works on up to ``cases`` demo dossiers registered at least 40 days before ``now``;
    returns their numbers. The first steps happen soon after registering, the rest later,
    never after ``now``."""
    rng = random.Random(seed)
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
        rows = open_cases_registered_by(session, local_today(now) - timedelta(days=40), cases)
    worked = []
    for case_id, registered in rows:
        _work(store, actor_id, CaseId(case_id), registered, now, rng)
        worked.append(CaseId(case_id))
    return worked


def _work(
    store: DataStore,
    actor_id: int | None,
    case_id: CaseId,
    registered: date,
    now: datetime,
    rng: random.Random,
) -> None:
    moment = datetime.combine(registered, time(10), AMSTERDAM)

    def later(days: int) -> datetime:
        nonlocal moment
        moment = min(now, moment + timedelta(days=days, minutes=rng.randrange(0, 300)))
        return moment

    service = IntakeService(
        store, actor_id, today=lambda: moment.astimezone(AMSTERDAM).date(), now=lambda: moment
    )
    answers = service.load_intake(case_id).answers
    debts = pick(rng, ((DebtLevel.NONE, 45), (DebtLevel.MANAGEABLE, 30),
                        (DebtLevel.PROBLEMATIC, 17), (DebtLevel.ACUTE, 8)))  # fmt: skip
    answers = dataclasses.replace(
        answers,
        channel=demo_channel(rng),
        situation=Situation(debts=debts, crisis=rng.randrange(40) == 0),
        future=Future(
            wish=rng.choice(tuple(Wish)),
            help_requests=some(rng, HELP_REQUESTS),
            unmet_needs=some(rng, UNMET_NEEDS),
        ),
    )
    service.save_answers(case_id, answers)
    if rng.randrange(10) == 0:
        return  # an intake not yet advised
    later(rng.randrange(0, 3))
    advice = service.advise(case_id, answers)
    advised = advice.route_list
    primary = advised[0]
    secondary = advised[1] if len(advised) > 1 else None
    third, reason = (advised[2] if len(advised) > 2 else None), ""
    if rng.randrange(6) == 0:
        primary = rng.choice([route for route in Route if route != advice.primary_route])
        secondary, third, reason = None, None, "De ondernemer wil eerst deze route proberen."
    service.decide_route(case_id, advice, primary, secondary, reason, third=third)
    chosen = [match.instrument.id for match in advice.instruments[: rng.randrange(0, 3)]]
    service.choose_instruments(case_id, chosen)
    if rng.randrange(5):
        render_and_store_plan(store, case_id, actor_id, now=later(rng.choice((1, 3, 6, 9, 16, 35))))
    if rng.randrange(3):
        _refer(store, case_id, later(rng.randrange(0, 4)), now, rng)
    if rng.randrange(3) == 0 and moment < now - timedelta(days=20):
        closed = later(rng.randrange(20, 120))
        close_case(store, case_id, pick(rng, _OUTCOMES), closed.astimezone(AMSTERDAM).date(),
                   closed, confirmed=True)  # fmt: skip


def _refer(
    store: DataStore, case_id: CaseId, moment: datetime, now: datetime, rng: random.Random
) -> None:
    today = moment.astimezone(AMSTERDAM).date()
    draft = ReferralDraft(rng.choice(_PARTNERS), "Hulp zoals besproken.", today)
    created = create_referral(store, case_id, draft, moment)
    steps = rng.choice(
        ((ReferralStatus.STARTED, ReferralStatus.COMPLETED), (ReferralStatus.STARTED,),
         (ReferralStatus.NOT_STARTED,), (ReferralStatus.STARTED, ReferralStatus.ABORTED), ())
    )  # fmt: skip
    step_day = today
    for status in steps:
        step_day = min(now.astimezone(AMSTERDAM).date(), step_day + timedelta(days=10))
        change_referral_status(store, created.referral_id, status, step_day, "", now)
    if rng.randrange(4):
        done = datetime.combine(created.follow_up_due, time(11), AMSTERDAM) + timedelta(
            days=rng.choice((-2, 0, 0, 1, 6))
        )
        if done <= now:
            mark_follow_up_done(store, created.follow_up_id, "Nagevraagd.", done)
