"""``casedesk server upload``: a laptop's encrypted store moves into the region, once.

Run by the caseworker, with the login they will work with on the server (never the
owner's: the app refuses that login, ``db/server/store.py``). Row-level security then
decides what may go up: a dossier of a municipality the login does not serve is refused,
named, and left on the laptop; a caseworker of that municipality can upload it later with
the same command. The plan (:func:`plan_upload`) changes nothing anywhere; the upload
(:func:`upload`) first makes a verified backup of the laptop's store, then copies one
dossier per transaction, each with its ``case_uploads`` row, so a kill or a dropped
network halfway leaves whole dossiers on the server and a rerun adds only the rest.

The laptop's store is not changed, apart from one ``store.uploaded`` event in its log (data
left the machine): it stays as it was, beside its verified backup.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlalchemy.exc
from sqlalchemy.orm import Session

from casedesk.db import settings_repo, steps
from casedesk.db.audit import record_event
from casedesk.db.backup import BackupError
from casedesk.db.dossier_rows import read_dossier_rows
from casedesk.db.intake_repo import caseworker_names
from casedesk.db.models import Business, Entrepreneur
from casedesk.db.server import upload as server_upload
from casedesk.db.server.store import ServerStore
from casedesk.db.store import Store
from casedesk.domain.validation import check_email
from casedesk.errors import KnownError
from casedesk.services.municipality_settings import caseworker_email, save_caseworker_email
from casedesk.services.store_admin import backup_open_store

WRITTEN_STEP = "upload.dossier-written"
"""Reached inside each dossier's transaction, before its commit (a failpoint for tests)."""


@dataclass(frozen=True)
class PlannedDossier:
    """A laptop dossier the upload adds; ``expected_number``: what the server would give
    it now (None when the server does not say)."""

    local_number: int
    municipality_code: str
    expected_number: int | None


@dataclass(frozen=True)
class SkippedDossier:
    """A laptop dossier an earlier upload already brought (``still_there``: not erased on
    the server since)."""

    local_number: int
    server_number: int
    still_there: bool


@dataclass(frozen=True)
class RefusedDossier:
    local_number: int
    municipality_code: str


@dataclass(frozen=True)
class UploadPlan:
    """What an upload of this laptop store by this login would do, before it does it."""

    login: str
    store_id: str
    to_add: tuple[PlannedDossier, ...]
    skipped: tuple[SkippedDossier, ...]
    refused: tuple[RefusedDossier, ...]
    municipality_names: dict[str, str]
    caseworker_map: dict[int, int | None]
    """Laptop caseworker id -> server caseworker id (the same name, or the login's)."""
    unmatched_caseworkers: tuple[str, ...]
    """Laptop caseworkers the server has no one of that name for: the login stands in."""
    login_name: str
    email_to_bring: str = ""
    """The laptop's own address for the plans, which the upload stores for the login when
    the server has none for it yet ("" when nothing is to be brought)."""

    def municipality(self, code: str) -> str:
        return self.municipality_names.get(code, code)


@dataclass(frozen=True)
class UploadResult:
    backup: Path
    added: dict[int, int] = field(default_factory=dict)
    """Laptop number -> server number, of the dossiers this run added."""
    email_brought: str = ""
    """The caseworker's own e-mail address, brought along for the plans (the server had
    none for this login); "" when nothing was brought."""


def plan_upload(local: Store, server: ServerStore) -> UploadPlan:
    """What an upload would add, skip and refuse; reads only, on both stores."""
    with local.session() as session:
        store_id = server_upload.local_store_id(session)
        dossiers = server_upload.local_dossiers(session)
        local_staff = caseworker_names(session)
    with server.session() as session:
        connection = session.connection()
        allowed = server_upload.login_municipalities(connection)
        before = server_upload.uploaded_before(connection, store_id)
        there = server_upload.existing_cases(connection, before.values())
        names = settings_repo.municipality_names(session)
        server_staff = caseworker_names(session)
        colleagues = server_upload.login_colleagues(connection)
        own = server_upload.login_caseworker(connection)
        new = [one for one in dossiers if one.case_id not in before]
        addable = [one for one in new if one.municipality_code in allowed]
        numbers = server_upload.next_case_numbers(connection, len(addable))
    # Only a colleague: the server refuses a dossier in the name of anyone else.
    by_name = {
        _name_key(name): server_id
        for server_id, name in server_staff.items()
        if server_id in colleagues
    }
    caseworker_map = {
        local_id: by_name.get(_name_key(name), own) for local_id, name in local_staff.items()
    }
    unmatched = tuple(
        name for _local_id, name in sorted(local_staff.items()) if _name_key(name) not in by_name
    )
    return UploadPlan(
        login=server.login,
        store_id=store_id,
        to_add=tuple(
            PlannedDossier(one.case_id, one.municipality_code, number)
            for one, number in zip(addable, numbers + [None] * len(addable), strict=False)
        ),
        skipped=tuple(
            SkippedDossier(one.case_id, before[one.case_id], before[one.case_id] in there)
            for one in dossiers
            if one.case_id in before
        ),
        refused=tuple(
            RefusedDossier(one.case_id, one.municipality_code)
            for one in new
            if one.municipality_code not in allowed
        ),
        municipality_names=names,
        caseworker_map=caseworker_map,
        unmatched_caseworkers=unmatched,
        login_name=server_staff.get(own, server.login) if own is not None else server.login,
        email_to_bring=_email_to_bring(local, server),
    )


def upload(
    local: Store,
    server: ServerStore,
    plan: UploadPlan,
    on_added: Callable[[int, int], None] = lambda _local, _server: None,
) -> UploadResult:
    """Backs up the laptop store (verified), then copies each planned dossier in its own
    transaction; ``on_added(laptop number, server number)`` after each commit.

    Raises (Dutch, saying how far it got): ``KnownError`` for a failed backup (nothing
    sent), a dropped connection or a refusal by the server (rerun to go on).
    """
    try:
        made = backup_open_store(local)
    except BackupError as error:
        raise KnownError(
            f"{error} Er is niets naar de server gestuurd: casedesk uploadt pas als de "
            "reservekopie gelukt is."
        ) from None
    result = UploadResult(made)
    with local.session() as session:
        people = {
            one.case_id: (one.entrepreneur_id, one.business_id)
            for one in server_upload.local_dossiers(session)
        }
    with server.session() as session:
        on_server = server_upload.uploaded_before(session.connection(), plan.store_id)
    login_caseworker = _login_caseworker(server)
    for planned in plan.to_add:
        if planned.local_number in on_server:
            continue  # another run of this store brought it meanwhile
        with local.session() as session:
            rows = read_dossier_rows(session, planned.local_number)
        try:
            with server.transaction() as session:
                context = server_upload.CopyContext(
                    plan.store_id, plan.caseworker_map, login_caseworker,
                    _known_people(session, people, planned.local_number, on_server),
                )  # fmt: skip
                number = server_upload.copy_dossier(session, rows, context)
                steps.reached(WRITTEN_STEP)
        except sqlalchemy.exc.IntegrityError:
            # Its case_uploads row is there already when a second upload of this store ran
            # at the same moment and brought it first; any other broken rule is a bug.
            with server.session() as session:
                if planned.local_number in server_upload.uploaded_before(
                    session.connection(), plan.store_id
                ):
                    continue
            raise
        except KnownError as error:
            raise KnownError(
                f"{error} Het uploaden is gestopt: {len(result.added)} van de "
                f"{len(plan.to_add)} dossiers zijn nu op de server. Voer dezelfde opdracht "
                "opnieuw uit; wat al op de server staat, wordt overgeslagen."
            ) from None
        on_server[planned.local_number] = number
        result.added[planned.local_number] = number
        on_added(planned.local_number, number)
    brought = _own_email_brought(local, server)
    with local.transaction() as session:
        record_event(
            session, settings_repo.current_caseworker_id(session), "store.uploaded", "store",
            None, None,
            {"added": len(result.added), "skipped": len(plan.skipped),
             "refused": len(plan.refused), "backup": made.name},
        )  # fmt: skip
    return replace(result, email_brought=brought)


def _email_to_bring(local: Store, server: ServerStore) -> str:
    """The laptop's own address for the plans when the server has none yet for the login
    (an address the caseworker set on the server stays)."""
    address = caseworker_email(local)
    # An address an older casedesk kept unchecked stays behind rather than stop the upload.
    if not address or check_email(address) or caseworker_email(server):
        return ""
    return address


def _own_email_brought(local: Store, server: ServerStore) -> str:
    address = _email_to_bring(local, server)
    if address:
        save_caseworker_email(server, address)
    return address


def _login_caseworker(server: ServerStore) -> int | None:
    with server.session() as session:
        return server_upload.login_caseworker(session.connection())


def _known_people(
    session: Session,
    people: dict[int, tuple[int, int | None]],
    local_number: int,
    on_server: dict[int, int],
) -> dict[str, dict[int, int]]:
    """The entrepreneur and business of this dossier already on the server, when an
    earlier dossier of the same person came up before: the server keeps one row too."""
    person, business = people[local_number]
    known: dict[str, dict[int, int]] = {Entrepreneur.__tablename__: {}, Business.__tablename__: {}}
    for other, (other_person, other_business) in people.items():
        if other == local_number or other not in on_server or other_person != person:
            continue
        found = server_upload.server_people_of(session.connection(), on_server[other])
        if found is None:
            continue
        known[Entrepreneur.__tablename__][person] = found[0]
        if business is not None and other_business == business and found[1] is not None:
            known[Business.__tablename__][business] = found[1]
        break
    return known


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def dossier_count(count: int) -> str:
    return "1 dossier" if count == 1 else f"{count} dossiers"


def plan_lines(plan: UploadPlan, *, expected_numbers: bool = True) -> list[str]:
    """The plan in Dutch, as ``casedesk server upload`` prints it (numbers only, no names
    of entrepreneurs); without ``expected_numbers`` (the upload itself names the real ones)
    the dossiers to add are only counted per municipality."""
    lines: list[str] = []
    if plan.to_add:
        lines.append(f"Wordt toegevoegd: {dossier_count(len(plan.to_add))}.")
        for code in sorted({one.municipality_code for one in plan.to_add}, key=plan.municipality):
            these = [one for one in plan.to_add if one.municipality_code == code]
            lines.append(f"  {plan.municipality(code)} ({code}): {dossier_count(len(these))}")
            if expected_numbers:
                lines.extend(f"    {_number_line(one)}" for one in these)
        if expected_numbers:
            lines.append(
                "  Op de server krijgt een dossier het volgende vrije nummer van de regio; "
                "registreert een collega intussen een dossier, dan schuift het op. Het "
                "uploaden noemt de definitieve nummers."
            )
    else:
        lines.append("Er is geen dossier om toe te voegen.")
    if plan.skipped:
        lines.append(
            f"Staat al op de server (eerder geüpload, wordt overgeslagen): "
            f"{dossier_count(len(plan.skipped))}."
        )
        for one in plan.skipped:
            gone = "" if one.still_there else " (daar sindsdien verwijderd; komt niet terug)"
            lines.append(f"    dossier {one.local_number} is {one.server_number}{gone}")
    if plan.refused:
        lines.append(f"Geweigerd: {dossier_count(len(plan.refused))}.")
        for code in sorted({one.municipality_code for one in plan.refused}, key=plan.municipality):
            numbers = [
                str(one.local_number) for one in plan.refused if one.municipality_code == code
            ]
            name = plan.municipality(code)
            stays = "Dit dossier blijft" if len(numbers) == 1 else "Deze dossiers blijven"
            lines.append(
                f"  {name} ({code}): dossier {', '.join(numbers)}. Uw aanmelding {plan.login} "
                f"mag geen dossiers van {name} schrijven. {stays} op deze computer. Vraag "
                f"uw beheerder om uw aanmelding toegang te geven tot {name}, of laat een "
                f"klantmanager van {name} deze opdracht hier uitvoeren met de eigen aanmelding."
            )
    for name in plan.unmatched_caseworkers:
        lines.append(
            f"De server kent geen klantmanager {name} bij uw gemeenten: wat {name} in deze "
            f"dossiers deed, staat op de server op naam van {plan.login_name} (uw aanmelding)."
        )
    if plan.email_to_bring:
        lines.append(
            f"Uw e-mailadres voor de actieplannen, {plan.email_to_bring}, komt ook op de "
            "server: daar staat nog geen e-mailadres van u."
        )
    return lines


def _number_line(planned: PlannedDossier) -> str:
    if planned.expected_number is None:
        return f"dossier {planned.local_number} krijgt een nieuw nummer"
    if planned.expected_number == planned.local_number:
        return f"dossier {planned.local_number} houdt nummer {planned.local_number}"
    return f"dossier {planned.local_number} wordt {planned.expected_number}"
