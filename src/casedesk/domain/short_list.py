"""The short list: the few instruments this case needs, each with the need it meets (issue 15).

The ranked list of an advice holds everything that fits the routes (in the default catalog
20–25 of 28 entries), so its order was the only selection. The short list is a selection:
first the needs of this case are named (an acute problem, debts, signals, a help request,
the wish, too little income), in the order they must be met; then each need takes the best
instrument for it, and, while there is room, a second one. An instrument enters only through
a need, and carries that need's sentence as its reason. Everything else stays available
("ook beschikbaar"), folded away on the screen and never printed unless chosen.

Two kinds of instrument are kept off the short list unless the case calls for them:
- debt help (topic ``schulden``) except for a need about money (debts, too little income)
  or for stopping or the administration, which the guide's debt offers do as well: so
  someone without debts or money problems who asks for neither gets no debt help, and
  someone who has them gets it for those needs, not as their coach;
- more than one offer that is mainly for members of an association: the seven organisations
  of the guide are alike, and one stands for all (the rest stay available).
"""

from dataclasses import dataclass

from casedesk.domain.catalog import Condition, Form, Instrument, InstrumentId, Topic
from casedesk.domain.dutch import join_dutch, lower_first
from casedesk.domain.intake import (
    DebtLevel,
    HelpRequest,
    IntakeAnswers,
    Signal,
    Wish,
    has_acute_debts,
)
from casedesk.domain.routes import Route

SHORT_LIST_MAX = 5
"""A caseworker can talk a case through five offers; more is a catalog, not advice."""
PER_NEED_MAX = 2
"""One offer per need first; a second one only while there is room."""


@dataclass(frozen=True, slots=True)
class Need:
    """Something this case needs help with, and the instruments' topics that meet it."""

    id: str
    """Stable, as printed by ``casedesk advise``: e.g. ``schulden``, ``werk``."""
    topics: frozenset[Topic]
    route: Route | None
    """The route the need belongs to; None for the intake (a first check)."""
    reason: str
    """Plain Dutch, second person: why this case gets an instrument for this need."""
    urgent: bool = False


@dataclass(frozen=True, slots=True)
class ShortListEntry:
    instrument_id: InstrumentId
    need_id: str
    reason: str
    """The need's sentence: why this instrument is on the short list for this case."""


MONEY_NEEDS = frozenset({"acute-schulden", "schulden", "inkomen"})
DEBT_HELP_WELCOME_FOR = MONEY_NEEDS | {"stoppen", "administratie"}
"""The needs through which debt help may enter: money, and what the guide's debt offers do
as well (Over Rood: "schulden, administratieve achterstanden en bedrijfsbeëindiging")."""

CONTINUING = frozenset({Wish.CONTINUE_AS_IS, Wish.CONTINUE_WITH_CHANGES, Wish.PART_TIME_WITH_JOB})
"""The wishes that keep the business going (in full or in part)."""
_GOING_ON = {
    Wish.CONTINUE_AS_IS: "doorgaan met uw bedrijf",
    Wish.PART_TIME_WITH_JOB: "deels ondernemer blijven",
}
_WANTS_A_JOB = frozenset({Wish.PART_TIME_WITH_JOB, Wish.STOP_AND_FIND_JOB})


def _wants_to_stop(answers: IntakeAnswers) -> bool:
    future = answers.future
    return (
        future.wish is Wish.STOP_AND_FIND_JOB or HelpRequest.STOP_BUSINESS in future.help_requests
    )


def needs_of(answers: IntakeAnswers, diagnosis_first: bool) -> tuple[Need, ...]:
    """The needs of this case in a fixed order of importance (``order_needs`` sorts them
    by the advised routes)."""
    situation = answers.situation
    future = answers.future
    requests = future.help_requests
    wish = future.wish
    needs: list[Need] = []

    def need(
        need_id: str, topics: set[Topic], route: Route | None, reason: str, urgent: bool = False
    ) -> None:
        needs.append(Need(need_id, frozenset(topics), route, reason, urgent))

    acute = has_acute_debts(situation)
    crisis = situation.crisis is True
    debts, support = {Topic.DEBT_HELP}, {Topic.PSYCHOSOCIAL}
    r1, r2, r3 = Route.STRENGTHEN_BUSINESS, Route.DE_ESCALATION, Route.EMPLOYMENT
    # Someone in a crisis first needs a person to talk to, even before the debts.
    if crisis:
        need("crisis", support, r2, "U hebt het nu heel zwaar. Hier kunt u meteen met iemand "
             "praten.", urgent=True)
    if acute:
        need("acute-schulden", debts, r2, "Er is nu direct gevaar door uw schulden. Hier krijgt u "
             "snel hulp bij uw schulden.", urgent=True)
    if not acute and situation.debts is DebtLevel.PROBLEMATIC:
        need("schulden", debts, r2, "U kunt uw rekeningen niet meer goed betalen. Hier krijgt u "
             "hulp bij uw schulden.")
    elif not acute and HelpRequest.DEBT_HELP in requests:
        need("schulden", debts, r2, "U vroeg om hulp bij schulden. Hier krijgt u die hulp.")
    if not crisis and situation.signals:
        signals = join_dutch(
            lower_first(signal.label) for signal in Signal if signal in situation.signals
        )
        need("steun", support, r2, f"U vertelde over zorgen of klachten ({signals}). Hier "
             "krijgt u steun daarbij.")
    elif not crisis and HelpRequest.PSYCHOLOGICAL_SUPPORT in requests:
        need("steun", support, r2, "U vroeg om steun bij psychische problemen. Hier krijgt u "
             "die steun.")
    if _wants_to_stop(answers):
        need("stoppen", {Topic.STOPPING}, r2, "U wilt stoppen met uw bedrijf. Hier krijgt "
             "u hulp om dat goed te regelen.")
    if HelpRequest.ADMINISTRATION in requests:
        need("administratie", {Topic.ADMINISTRATION}, r2, "U vroeg om hulp bij uw "
             "administratie. Dit aanbod helpt u die op orde te krijgen.")
    if diagnosis_first:
        who = "U weet" if wish is Wish.DONT_KNOW_YET else "We weten"
        need("eerste-check", {Topic.DIAGNOSIS}, None, f"{who} nog niet hoe u verder wilt. Hier "
             "ziet u eerst hoe uw bedrijf ervoor staat.")
    if wish is Wish.CONTINUE_WITH_CHANGES:
        need("nieuw-plan", {Topic.BUSINESS_MODEL}, r1, "U wilt uw bedrijf anders aanpakken. "
             "Hier maakt u een nieuw plan voor uw bedrijf.")
    if HelpRequest.ENTREPRENEUR_SKILLS in requests:
        need("ondernemen", {Topic.ENTREPRENEUR_TRAINING, Topic.COACHING}, r1, "U vroeg om "
             "coaching of training in ondernemen. Dit aanbod helpt daarbij.")
    if HelpRequest.RETRAIN_AS_ENTREPRENEUR in requests:
        need("omscholen-ondernemer", {Topic.RETRAINING, Topic.BUSINESS_MODEL}, r1, "U wilt als "
             "ondernemer iets anders gaan doen. Hier leert u wat daarvoor nodig is.")
    if wish in CONTINUING and situation.fixed_costs_covered is False:
        need("levensvatbaarheid", {Topic.VIABILITY}, r1, "Uw omzet is nu niet genoeg voor de "
             "vaste lasten. Hier kijkt iemand met u of uw bedrijf genoeg kan opleveren.")
    if wish in _GOING_ON and not any(n.route is r1 for n in needs):
        going_on = _GOING_ON[wish]
        need("doorgaan", {Topic.COACHING, Topic.VIABILITY}, r1, f"U wilt {going_on}. Hier "
             "kijkt iemand met u mee hoe uw bedrijf sterker wordt.")
    if wish in _WANTS_A_JOB or HelpRequest.CAREER_AS_EMPLOYEE in requests:
        need("werk", {Topic.CAREER_ORIENTATION, Topic.JOB_SEARCH, Topic.RETRAINING}, r3, "U wilt "
             "werken in loondienst. Hier krijgt u hulp bij het kiezen van werk of scholing "
             "daarvoor.")
    if situation.living_costs_covered is False or HelpRequest.FINANCIAL_SUPPORT in requests:
        need("inkomen", {Topic.FINANCIAL_SUPPORT}, None, "U hebt nu te weinig inkomen om van te "
             "leven. Hier ziet u welke hulp er is bij geldzorgen.")
    return tuple(needs)


def order_needs(needs: tuple[Need, ...], routes: tuple[Route, ...]) -> tuple[Need, ...]:
    """Urgent needs first, then the first check, then by the advised order of the routes;
    a need of no advised route last. Within that, ``needs_of``'s order."""

    def position(item: Need) -> int:
        if item.urgent:
            return -2
        if item.route is None:
            return -1 if item.topics == {Topic.DIAGNOSIS} else len(routes)
        return routes.index(item.route) if item.route in routes else len(routes)

    return tuple(sorted(needs, key=position))


def short_list(
    needs: tuple[Need, ...], ranked: tuple[Instrument, ...]
) -> tuple[ShortListEntry, ...]:
    """At most ``SHORT_LIST_MAX`` entries from ``ranked`` (the advice's instruments, best
    first), best first: one per need in the needs' order, then a second per need while there
    is room."""
    picked: list[ShortListEntry] = []
    taken: set[InstrumentId] = set()
    members_taken = False
    for _ in range(PER_NEED_MAX):
        for item in needs:
            if len(picked) == SHORT_LIST_MAX:
                return tuple(picked)
            candidates = [
                (rank, instrument)
                for rank, instrument in enumerate(ranked)
                if instrument.id not in taken
                and instrument.topics & item.topics
                and not (members_taken and Condition.MEMBERS_ONLY in instrument.conditions)
                and (
                    Topic.DEBT_HELP not in instrument.topics or item.id in DEBT_HELP_WELCOME_FOR
                )
            ]
            if not candidates:
                continue
            _, best = min(candidates, key=lambda pair: _fit(pair[1], item, pair[0]))
            picked.append(ShortListEntry(best.id, item.id, item.reason))
            taken.add(best.id)
            members_taken |= Condition.MEMBERS_ONLY in best.conditions
    return tuple(picked)


def _fit(
    instrument: Instrument, need: Need, rank: int
) -> tuple[bool, bool, bool, int, bool, bool, int]:
    """Open to everyone first; for an urgent need, what can be reached by phone today; help
    itself before a test (a check of the business only meets the need for a first check);
    then the most topics of the need; an offer made for the entrepreneur's scheme (Tozo,
    Bbz) before a general one; regional before national; then the advice's own ranking."""
    targeted = bool(instrument.conditions & {Condition.TOZO, Condition.TOZO_OR_BBZ})
    a_test_only = Topic.DIAGNOSIS in instrument.topics and Topic.DIAGNOSIS not in need.topics
    return (
        Condition.MEMBERS_ONLY in instrument.conditions,
        need.urgent and Form.PHONE not in instrument.forms,
        a_test_only,
        -len(instrument.topics & need.topics),
        not targeted,
        instrument.availability.national,
        rank,
    )
