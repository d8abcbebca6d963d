"""The regional report: what the region's counters did in a period (issue 15, guide steps
1 and 6), per municipality and for the region, with no person recognisable in it.

``db/report_repo.py`` counts (grouped SQL); this module turns the counts into the report's
figures: the labels, the shares, the days to the first plan, the follow-ups done on time,
and the protection of small numbers. Every count below :data:`MIN_SHOWN` is shown as
``<5``; and where a hidden count could be worked out by subtraction (one hidden number in
a line that adds up: a total and its parts), the smallest other number of that line is
withheld as well, shown as ``x``.

A region with many small municipalities would get a table of rows that say nothing but
``<5``: the printed table lists a municipality on its own row only from :data:`MIN_SHOWN`
intakes, and adds up the smaller ones in one combined row (:class:`CombinedMunicipalities`,
each line's :attr:`Line.combined`). That row is a sum the CSV does not give, so it is
protected together with the other cells, by the same rule, in the same pass: the region is
then also the sum of the separate municipalities and the combined row, and the combined row
the sum of its municipalities, so none of its sums gives a small count away (with one small
municipality the combined row is that municipality and is hidden where it is).
The PDF, the CSV and the window show the same :class:`Report`.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from statistics import median

from casedesk.domain.closing import Outcome
from casedesk.domain.dutch import AMSTERDAM
from casedesk.domain.intake import Channel, HelpRequest, UnmetNeed
from casedesk.domain.referrals import ReferralStatus
from casedesk.domain.routes import Route

MIN_SHOWN = 5
HIDDEN_TEXT = "<5"
WITHHELD_TEXT = "x"
"""A count of 5 or more left out so that a small one cannot be worked out (as CBS marks it)."""
NO_SHARE = "–"
REGION = ""
"""The scope code of the whole region (every municipality in the store)."""
COMBINED = "overige"
"""The code, inside this module, of the small municipalities added up (never a CBS code)."""

SURVEY_SHARES: dict[HelpRequest, int] = {
    HelpRequest.ENTREPRENEUR_SKILLS: 15,
    HelpRequest.RETRAIN_AS_ENTREPRENEUR: 11,
    HelpRequest.CAREER_AS_EMPLOYEE: 7,
}
"""The national survey of September 2020 the guide quotes (section 1): the share of about
6,300 entrepreneurs that named each kind of help."""


def too_small_to_show(count: int) -> bool:
    """Whether a count of people, given on its own, is one the report never shows: 1 to 4
    (``<5``). Nobody at all tells nothing about anyone, so 0 is shown."""
    return 0 < count < MIN_SHOWN


class Topic(StrEnum):
    """The report's subjects; the values are the CSV's ``onderwerp`` column."""

    INTAKES = "aanmeldingen"
    CHANNEL = "kanaal"
    HELP_REQUEST = "hulpvraag"
    UNMET_NEED = "ontbrekend_aanbod"
    ROUTE_ADVISED = "route_geadviseerd"
    ROUTE_CHOSEN = "route_gekozen"
    ADVICE_FOLLOWED = "advies_gevolgd"
    URGENT = "urgent"
    INSTRUMENT = "instrument"
    REFERRAL = "verwijzing"
    FIRST_PLAN = "eerste_plan"
    FOLLOW_UP = "opvolging"
    OUTCOME = "uitkomst"


# --- the counts the store hands over ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ItemCount:
    municipality: str
    item: str | None
    """The stored value counted (a choice, a route number, ``ja``/``nee``, a name)."""
    count: int


@dataclass(frozen=True, slots=True)
class PlanDelayRow:
    """How many cases got their first action plan ``days`` after registration."""

    municipality: str
    days: int
    count: int


@dataclass(frozen=True, slots=True)
class FollowUpCount:
    """How many follow-ups are in ``state``, a key of :data:`FOLLOW_UP_STATES`."""

    municipality: str
    state: str
    count: int


def days_to_first_plan(registered: date, first_plan_at: datetime) -> int:
    """Dutch calendar days from the registration to the first plan (never below 0).

    The regional server counts the same in SQL (migration 0026's
    ``casedesk_report_counts``); a test compares the two reports."""
    return max(0, (first_plan_at.astimezone(AMSTERDAM).date() - registered).days)


def follow_up_state(due: date, done_at: datetime | None, today: date) -> str:
    """On time, late, open past its date, or open (Dutch calendar days); the server
    counts the same in SQL (migration 0026)."""
    if done_at is None:
        return "open_verlopen" if due < today else "open"
    done_on = done_at.astimezone(AMSTERDAM).date()
    return "op_tijd" if done_on <= due else "te_laat"


@dataclass(frozen=True, slots=True)
class RawFigures:
    intakes: Mapping[str, int]
    """Cases registered in the period, by municipality code."""
    items: Mapping[Topic, Sequence[ItemCount]]
    plan_delays: Sequence[PlanDelayRow]
    follow_ups: Sequence[FollowUpCount]
    municipality_names: Mapping[str, str]


# --- the report ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    code: str
    """A municipality code, or :data:`REGION`."""
    name: str


@dataclass(frozen=True, slots=True)
class Cell:
    count: int
    hidden: bool

    @property
    def text(self) -> str:
        if not self.hidden:
            return thousands(self.count)
        return HIDDEN_TEXT if self.count < MIN_SHOWN else WITHHELD_TEXT


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    """Stable: the CSV's ``code`` column."""
    label: str
    cells: tuple[Cell, ...]
    """One per scope of the report, in its order."""
    shares: tuple[str, ...] = ()
    """Per scope, the share of the scope's intakes (``"15 %"``), when the section has them."""
    reference: str = ""
    """The national survey's share, where the guide gives one."""
    combined: Cell | None = None
    """The municipalities of :attr:`Report.combined` added up, when there are any."""

    @property
    def is_empty(self) -> bool:
        """Nobody anywhere: the PDF and the window leave the line out (the CSV keeps it)."""
        return all(cell.count == 0 for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Section:
    topic: Topic
    title: str
    explanation: str
    lines: tuple[Line, ...]
    total: Line | None = None
    """The line the others add up to (a partition), if they do."""
    summary: tuple[str, ...] = ()
    """Per scope a sentence under the table (the median days), or ``""``."""

    @property
    def has_shares(self) -> bool:
        return any(line.shares for line in self.lines)

    @property
    def has_reference(self) -> bool:
        return any(line.reference for line in self.lines)


@dataclass(frozen=True, slots=True)
class CombinedMunicipalities:
    """The municipalities with fewer than :data:`MIN_SHOWN` intakes in the period: the
    printed table adds them up in one row, so that it lists only rows that say something."""

    codes: tuple[str, ...]
    """By name, as in :attr:`Report.scopes`."""

    @property
    def label(self) -> str:
        count = len(self.codes)
        return (
            f"Overige gemeenten (elk minder dan {MIN_SHOWN} aanmeldingen): "
            f"{count} {'gemeente' if count == 1 else 'gemeenten'}"
        )


def listed_separately(intakes: int) -> bool:
    """Whether a municipality gets its own row in the printed table: from 5 intakes. A
    smaller one would show only ``<5``; it goes into the combined row (and has its own
    lines in the CSV)."""
    return intakes >= MIN_SHOWN


@dataclass(frozen=True, slots=True)
class Report:
    first: date
    last: date
    made_on: date
    scopes: tuple[Scope, ...]
    """The region first, then every municipality with cases in the period, by name."""
    intakes: Line
    sections: tuple[Section, ...]
    combined: CombinedMunicipalities | None = None
    """The small municipalities the printed table adds up, if there are any."""

    def scope_index(self, code: str) -> int:
        return next(i for i, scope in enumerate(self.scopes) if scope.code == code)

    @property
    def separate_scopes(self) -> tuple[int, ...]:
        """The indexes of the municipalities the printed table lists on their own rows."""
        small = set(self.combined.codes) if self.combined else set()
        return tuple(
            index for index, scope in enumerate(self.scopes) if index and scope.code not in small
        )


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- building it ----------------------------------------------------------------------------


_Counts = dict[str, dict[str, int]]
"""Row key → scope code → count."""


@dataclass(frozen=True, slots=True)
class _Scopes:
    """The scopes a section is counted in: the region, the municipalities, and the
    combined row of the small ones (:data:`COMBINED`) when there are any."""

    municipalities: tuple[str, ...]
    small: frozenset[str]

    @property
    def all(self) -> tuple[str, ...]:
        """Every scope counted, in the order of the cells (the combined row last)."""
        return (REGION, *self.municipalities, *((COMBINED,) if self.small else ()))

    @property
    def shown(self) -> tuple[str, ...]:
        """The scopes of :attr:`Report.scopes` (all but the combined row)."""
        return (REGION, *self.municipalities)


@dataclass
class _Grid:
    """One section's counts before protection: rows, and the scopes they are counted in."""

    scopes: _Scopes
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, row: str, municipality: str, count: int) -> None:
        cells = self.rows.setdefault(row, {})
        totals = [municipality, REGION, *((COMBINED,) if municipality in self.scopes.small else ())]
        for scope in totals:
            cells[scope] = cells.get(scope, 0) + count


def build_report(raw: RawFigures, first: date, last: date, today: date) -> Report:
    municipalities = sorted(raw.intakes, key=lambda code: raw.municipality_names.get(code, code))
    scopes = (
        Scope(REGION, "Regio"),
        *(Scope(code, raw.municipality_names.get(code, code)) for code in municipalities),
    )
    small = tuple(code for code in municipalities if not listed_separately(raw.intakes[code]))
    counted = _Scopes(tuple(municipalities), frozenset(small))
    intake_grid = _Grid(counted)
    for code, count in raw.intakes.items():
        intake_grid.add("aanmeldingen", code, count)
    intake_grid.rows.setdefault("aanmeldingen", {REGION: 0})
    intake_hidden = _protect(intake_grid, partition_total=None, fixed=None)
    intakes = _line(intake_grid, "aanmeldingen", "Aanmeldingen", intake_hidden)
    builder = _SectionBuilder(
        raw, counted, intake_grid.rows["aanmeldingen"], intake_hidden, intakes
    )
    sections = (
        builder.channels(),
        builder.help_requests(),
        builder.unmet_needs(),
        builder.routes(Topic.ROUTE_ADVISED),
        builder.routes(Topic.ROUTE_CHOSEN),
        builder.advice_followed(),
        builder.urgent(),
        builder.counted(Topic.INSTRUMENT),
        builder.referrals(),
        builder.first_plan(),
        builder.follow_ups(),
        builder.outcomes(),
    )
    combined = CombinedMunicipalities(small) if small else None
    return Report(first, last, today, scopes, intakes, sections, combined)


_TITLES: dict[Topic, tuple[str, str]] = {
    Topic.CHANNEL: (
        "Hoe ondernemers bij het loket kwamen",
        "Welke kanalen ondernemers bereiken (stap 6 van de leidraad).",
    ),
    Topic.HELP_REQUEST: (
        "Hulpvragen",
        "Een ondernemer kan meer hulpvragen hebben. Ter vergelijking: het aandeel in de "
        "landelijke enquête van september 2020 die de leidraad noemt.",
    ),
    Topic.UNMET_NEED: (
        "Gevraagde hulp die de regio niet biedt",
        "Wat ondernemers vroegen en wat er in de regio niet is: waar de regio aanbod kan "
        "inkopen of ontwikkelen. Wat in eigen woorden is genoteerd, staat alleen in het dossier.",
    ),
    Topic.ROUTE_ADVISED: ("Geadviseerde route", "De hoofdroute die casedesk voorstelde."),
    Topic.ROUTE_CHOSEN: ("Gekozen route", "De hoofdroute die de klantmanager koos."),
    Topic.ADVICE_FOLLOWED: (
        "Advies gevolgd of aangepast",
        "Hoe vaak de klantmanager het voorgestelde advies aanpaste (met een reden).",
    ),
    Topic.URGENT: (
        "Urgente situaties",
        "Acute schulden of een crisis: deze ondernemers krijgen eerst hulp.",
    ),
    Topic.INSTRUMENT: (
        "Gekozen hulp en aanbod",
        "Hoe vaak elk instrument werd gekozen (een ondernemer kan er meer krijgen).",
    ),
    Topic.REFERRAL: (
        "Verwijzingen per partner",
        "Naar welke partner werd verwezen, en hoe het nu staat of hoe het afliep.",
    ),
    Topic.FIRST_PLAN: (
        "Dagen van aanmelding tot het eerste actieplan",
        "Hoe snel een ondernemer een plan meekrijgt.",
    ),
    Topic.FOLLOW_UP: (
        "Opvolging op tijd",
        "De opvolgmomenten van deze dossiers: gedaan op of vóór de afgesproken datum, later, "
        "of nog open.",
    ),
    Topic.OUTCOME: (
        "Uitkomst bij afsluiten",
        "Hoe de afgesloten dossiers eindigden.",
    ),
}

_NOT_FILLED = "niet_ingevuld"
_NO_ADVICE = "nog_geen_advies"


class _SectionBuilder:
    def __init__(
        self,
        raw: RawFigures,
        scopes: _Scopes,
        intakes: dict[str, int],
        intake_hidden: set[tuple[str, str]],
        intake_line: Line,
    ) -> None:
        self._raw = raw
        self._scopes = scopes
        self._intakes = intakes
        self._intake_hidden = {scope for _row, scope in intake_hidden}
        self._intake_line = intake_line

    def _grid(self, topic: Topic) -> _Grid:
        grid = _Grid(self._scopes)
        for row in self._raw.items.get(topic, ()):
            grid.add(row.item if row.item is not None else _NOT_FILLED, row.municipality, row.count)
        return grid

    def _rest_of_intakes(self, grid: _Grid, key: str) -> None:
        """Adds the row that makes the section add up to the intakes ("nog geen advies")."""
        for scope in self._scopes.municipalities:
            counted = sum(cells.get(scope, 0) for cells in grid.rows.values())
            rest = self._intakes.get(scope, 0) - counted
            if rest > 0:
                grid.add(key, scope, rest)

    def _section(
        self,
        topic: Topic,
        grid: _Grid,
        labels: Mapping[str, str],
        *,
        partition: bool,
        order: Sequence[str] | None = None,
        shares: bool = False,
        references: Mapping[str, int] | None = None,
        summary: tuple[str, ...] = (),
    ) -> Section:
        keys = list(order) if order is not None else _by_count(grid)
        keys += [key for key in grid.rows if key not in keys]
        for key in keys:
            grid.rows.setdefault(key, {})
        total_cells = self._intakes if partition else None
        fixed = {("", scope) for scope in self._intake_hidden} if partition else None
        hidden = _protect(grid, partition_total=total_cells, fixed=fixed)
        lines = []
        for key in keys:
            line = _line(grid, key, labels.get(key, key), hidden)
            if shares:
                line = _with_shares(line, self._intake_line)
            if references and key in references:
                line = _replace_reference(line, f"{references[key]} %")
            lines.append(line)
        title, explanation = _TITLES[topic]
        return Section(
            topic, title, explanation, tuple(lines),
            self._intake_line if partition else None, summary,
        )  # fmt: skip

    def channels(self) -> Section:
        grid = self._grid(Topic.CHANNEL)
        labels = {c.value: c.label for c in Channel} | {_NOT_FILLED: "Niet ingevuld"}
        self._rest_of_intakes(grid, _NOT_FILLED)
        order = [*(c.value for c in Channel), _NOT_FILLED]
        return self._section(Topic.CHANNEL, grid, labels, partition=True, order=order, shares=True)

    def help_requests(self) -> Section:
        grid = self._grid(Topic.HELP_REQUEST)
        labels = {r.value: r.label for r in HelpRequest}
        references = {request.value: share for request, share in SURVEY_SHARES.items()}
        return self._section(
            Topic.HELP_REQUEST, grid, labels, partition=False,
            order=[r.value for r in HelpRequest], shares=True, references=references,
        )  # fmt: skip

    def unmet_needs(self) -> Section:
        grid = self._grid(Topic.UNMET_NEED)
        labels = {n.value: n.label for n in UnmetNeed}
        return self._section(
            Topic.UNMET_NEED, grid, labels, partition=False, order=_by_count(grid), shares=True
        )

    def routes(self, topic: Topic) -> Section:
        grid = self._grid(topic)
        labels = {str(int(r)): r.label for r in Route} | {_NO_ADVICE: "Nog geen advies"}
        self._rest_of_intakes(grid, _NO_ADVICE)
        order = [*(str(int(r)) for r in Route), _NO_ADVICE]
        return self._section(topic, grid, labels, partition=True, order=order, shares=True)

    def advice_followed(self) -> Section:
        grid = self._grid(Topic.ADVICE_FOLLOWED)
        labels = {
            "ja": "Advies gevolgd",
            "nee": "Advies aangepast door de klantmanager",
            _NO_ADVICE: "Nog geen advies",
        }
        self._rest_of_intakes(grid, _NO_ADVICE)
        return self._section(
            Topic.ADVICE_FOLLOWED, grid, labels, partition=True, order=list(labels), shares=True
        )

    def urgent(self) -> Section:
        grid = self._grid(Topic.URGENT)
        labels = {"ja": "Urgent", "nee": "Niet urgent", _NO_ADVICE: "Nog geen advies"}
        self._rest_of_intakes(grid, _NO_ADVICE)
        return self._section(
            Topic.URGENT, grid, labels, partition=True, order=list(labels), shares=True
        )

    def counted(self, topic: Topic) -> Section:
        grid = self._grid(topic)
        return self._section(topic, grid, {}, partition=False)

    def referrals(self) -> Section:
        grid = self._grid(Topic.REFERRAL)
        statuses = [status.value for status in ReferralStatus]
        labels: dict[str, str] = {}
        for key in grid.rows:
            partner, _, status = key.rpartition("|")
            known = status in statuses
            labels[key] = f"{partner}: {ReferralStatus(status).label.lower() if known else status}"

        def order_key(key: str) -> tuple[str, int]:
            partner, _, status = key.rpartition("|")
            return (partner.casefold(), statuses.index(status) if status in statuses else 99)

        return self._section(
            Topic.REFERRAL, grid, labels, partition=False, order=sorted(grid.rows, key=order_key)
        )

    def first_plan(self) -> Section:
        grid = _Grid(self._scopes)
        days_by_scope: dict[str, list[int]] = defaultdict(list)
        for row in self._raw.plan_delays:
            grid.add(_delay_bucket(row.days), row.municipality, row.count)
            for scope in (REGION, row.municipality):
                days_by_scope[scope].extend([row.days] * row.count)
        self._rest_of_intakes(grid, "nog_geen_plan")
        labels = dict(_DELAY_BUCKETS) | {"nog_geen_plan": "Nog geen actieplan"}
        summary = tuple(
            _median_text(days_by_scope.get(scope, [])) for scope in self._scopes.shown
        )
        return self._section(
            Topic.FIRST_PLAN, grid, labels, partition=True, order=list(labels), shares=True,
            summary=summary,
        )  # fmt: skip

    def follow_ups(self) -> Section:
        grid = _Grid(self._scopes)
        for row in self._raw.follow_ups:
            grid.add(row.state, row.municipality, row.count)
        order = list(FOLLOW_UP_STATES)
        for key in order:
            grid.rows.setdefault(key, {})
        # Their own total (follow-ups, not intakes): protected first like the intakes.
        total_grid = _Grid(self._scopes)
        for key in order:
            for scope in self._scopes.municipalities:
                total_grid.add("totaal", scope, grid.rows[key].get(scope, 0))
        total_grid.rows.setdefault("totaal", {})
        total_hidden = _protect(total_grid, partition_total=None, fixed=None)
        total_line = _line(total_grid, "totaal", "Opvolgmomenten", total_hidden)
        hidden = _protect(
            grid, partition_total=total_grid.rows["totaal"],
            fixed={("", scope) for _row, scope in total_hidden},
        )  # fmt: skip
        lines = tuple(
            _with_shares(_line(grid, key, label, hidden), total_line)
            for key, label in FOLLOW_UP_STATES.items()
        )
        title, explanation = _TITLES[Topic.FOLLOW_UP]
        return Section(Topic.FOLLOW_UP, title, explanation, lines, total_line)

    def outcomes(self) -> Section:
        grid = self._grid(Topic.OUTCOME)
        labels = {o.value: o.label for o in Outcome} | {"niet_afgesloten": "Nog niet afgesloten"}
        self._rest_of_intakes(grid, "niet_afgesloten")
        order = [*(o.value for o in Outcome), "niet_afgesloten"]
        return self._section(Topic.OUTCOME, grid, labels, partition=True, order=order, shares=True)


_DELAY_BUCKETS = (
    ("binnen_7_dagen", "Binnen een week (0 tot en met 7 dagen)"),
    ("8_tot_14_dagen", "8 tot en met 14 dagen"),
    ("15_tot_30_dagen", "15 tot en met 30 dagen"),
    ("meer_dan_30_dagen", "Meer dan 30 dagen"),
)


def _delay_bucket(days: int) -> str:
    for limit, (key, _label) in zip((7, 14, 30), _DELAY_BUCKETS, strict=False):
        if days <= limit:
            return key
    return _DELAY_BUCKETS[-1][0]


def _median_text(days: list[int]) -> str:
    if len(days) < MIN_SHOWN:
        return ""
    middle = median(days)
    shown = f"{middle:.1f}".replace(".", ",").removesuffix(",0")
    return f"De helft kreeg het eerste actieplan binnen {shown} dagen (mediaan)."


FOLLOW_UP_STATES = {
    "op_tijd": "Op tijd gedaan",
    "te_laat": "Later gedaan dan afgesproken",
    "open_verlopen": "Nog open, de datum is voorbij",
    "open": "Nog open, de datum komt nog",
}


def _by_count(grid: _Grid) -> list[str]:
    return sorted(grid.rows, key=lambda key: (-grid.rows[key].get(REGION, 0), key.casefold()))


def _line(grid: _Grid, key: str, label: str, hidden: set[tuple[str, str]]) -> Line:
    cells = grid.rows.get(key, {})

    def cell(scope: str) -> Cell:
        return Cell(cells.get(scope, 0), (key, scope) in hidden)

    scopes = grid.scopes
    return Line(
        key,
        label,
        tuple(cell(scope) for scope in scopes.shown),
        combined=cell(COMBINED) if scopes.small else None,
    )


def _with_shares(line: Line, intakes: Line) -> Line:
    shares = []
    for cell, total in zip(line.cells, intakes.cells, strict=True):
        if cell.hidden or total.hidden or total.count == 0:
            shares.append(NO_SHARE)
        else:
            shares.append(f"{round(100 * cell.count / total.count)} %")
    return replace(line, shares=tuple(shares))


def _replace_reference(line: Line, reference: str) -> Line:
    return replace(line, reference=reference)


def _protect(
    grid: _Grid,
    *,
    partition_total: Mapping[str, int] | None,
    fixed: set[tuple[str, str]] | None,
) -> set[tuple[str, str]]:
    """The cells to hide: every count below 5, and enough others that none can be worked
    out by subtraction.

    Every line that adds up is a total and its parts: every row over the municipalities
    (the region's cell is their sum); with small municipalities also the combined row's
    cell (the sum of theirs) and the region again (the sum of the separate municipalities
    and the combined row); and, in a partition, every scope's column (the total's cell,
    protected elsewhere and passed as ``fixed`` under the row key ``""``, is their sum). A
    line in which exactly one cell is hidden, total or part, gives it away: its smallest
    shown part is hidden too (its total if it has no part to hide), until no line has a
    single hidden cell.
    """
    scopes = grid.scopes
    # A line nobody is in shows its zeros: that tells nothing about anyone.
    hidden = {
        (key, scope)
        for key, cells in grid.rows.items()
        if cells.get(REGION, 0) > 0
        for scope in scopes.all
        if cells.get(scope, 0) < MIN_SHOWN
    }
    separate = [code for code in scopes.municipalities if code not in scopes.small]
    lines: list[tuple[tuple[str, str], list[tuple[str, str]]]] = []
    for key in grid.rows:
        lines.append(((key, REGION), [(key, code) for code in scopes.municipalities]))
        if scopes.small:
            small = [code for code in scopes.municipalities if code in scopes.small]
            lines.append(((key, COMBINED), [(key, code) for code in small]))
            lines.append(((key, REGION), [(key, code) for code in [*separate, COMBINED]]))
    if partition_total is not None:
        for scope in scopes.all:
            lines.append((("", scope), [(key, scope) for key in grid.rows]))
    known_hidden = fixed or set()

    def count(cell: tuple[str, str]) -> int:
        return grid.rows.get(cell[0], {}).get(cell[1], 0)

    def can_hide(cell: tuple[str, str]) -> bool:
        # A zero in a line nobody is in is known anyway: hiding it protects nothing. A
        # total of another grid (row key "") is protected there.
        known_people = grid.rows.get(cell[0], {}).get(REGION, 0) > 0
        return cell[0] != "" and cell not in hidden and known_people

    changed = True
    while changed:
        changed = False
        for total, parts in lines:
            members = [total, *parts]
            masked = [cell for cell in members if cell in hidden or cell in known_hidden]
            if len(masked) != 1:
                continue
            candidates = [cell for cell in parts if can_hide(cell)] or [
                cell for cell in (total,) if can_hide(cell)
            ]
            if not candidates:
                continue
            hidden.add(min(candidates, key=lambda cell: (count(cell), cell)))
            changed = True
    return hidden


def scope_lines(report: Report, code: str) -> Iterable[tuple[Section, Line, Cell, str]]:
    """Every line of every section in one scope: the section, the line, its cell, its share."""
    index = report.scope_index(code)
    for section in report.sections:
        for line in (*section.lines, *((section.total,) if section.total else ())):
            share = line.shares[index] if line.shares else ""
            yield section, line, line.cells[index], share
