"""The dossier screens' services bound to an open store: intake, plan, referrals, Vandaag.

Part of the composition root. Loaded just after the case list shows (it brings in the
intake screens, reportlab and pikepdf), so the list does not wait for it.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path

from casedesk.clock import now, today
from casedesk.db import settings_repo
from casedesk.db.data_store import DataStore
from casedesk.db.server.store import ServerConnectionError, ServerStore
from casedesk.domain.case import CaseId
from casedesk.domain.closing import Outcome
from casedesk.domain.referrals import ReferralDraft, ReferralStatus
from casedesk.services import closing, followups, logbook, referrals, retention
from casedesk.services.catalog import catalog_in_use
from casedesk.services.intake import intake_service_for
from casedesk.services.inzage import make_inzage
from casedesk.services.municipality_settings import (
    caseworker_email,
    check_logo,
    editable_municipalities,
    load_municipality_settings,
    save_caseworker_email,
    save_municipality_settings,
)
from casedesk.services.plan import (
    RenderedDocument,
    document_lines,
    load_plan_version,
    record_output,
    render_case_plan,
    render_case_referral_letter,
    store_rendered,
)
from casedesk.services.presence import case_presence_for
from casedesk.services.regions import region_table_in_use
from casedesk.ui.documents.ports import PlanDocument, PlanPorts, SettingsPorts
from casedesk.ui.dossier.ports import DossierPorts
from casedesk.ui.intake.ports import IntakePort
from casedesk.ui.privacy.logbook_window import LogbookPorts
from casedesk.ui.privacy.purge_dialog import PurgePorts, PurgeQuestion
from casedesk.ui.shared.presence import PresencePorts
from casedesk.ui.workspace import WorkspacePorts
from casedesk.wiring.catalog import catalog_ports


def plan_ports(store: DataStore, case_id: int, actor_id: int | None, caseworker: str) -> PlanPorts:
    """The plan services of one dossier, as ``actor_id`` (named ``caseworker``) uses them."""

    def render() -> PlanDocument:
        rendered = render_case_plan(store, case_id)
        return PlanDocument(
            rendered.pdf, rendered.created_at, caseworker, source=rendered,
            to_check=rendered.to_check,
            warnings=rendered.warnings,
        )  # fmt: skip

    def store_version(document: PlanDocument) -> PlanDocument:
        rendered = document.source
        if not isinstance(rendered, RenderedDocument) or rendered.pdf != document.pdf:
            raise ValueError("store_version needs a document made by this render_plan")
        info = store_rendered(store, actor_id, rendered)
        return PlanDocument(
            document.pdf, info.created_at, info.caseworker_name or caseworker,
            version_id=info.version_id, sha256=info.sha256,
        )

    def load_version(version_id: int) -> bytes:
        return load_plan_version(store, version_id, actor_id)

    def render_letter(referral_id: int) -> PlanDocument:
        rendered = render_case_referral_letter(store, case_id, referral_id)
        return PlanDocument(
            rendered.pdf, rendered.created_at, caseworker, source=rendered,
            warnings=rendered.warnings,
        )

    return PlanPorts(
        render_plan=render,
        store_version=store_version,
        list_versions=partial(document_lines, store, case_id),
        load_version=load_version,
        render_referral_letter=render_letter,
        record_output=partial(record_output, store, case_id),
    )


def settings_ports(store: DataStore) -> SettingsPorts:
    """On a laptop and on a regional server alike, the dialog edits the caseworker's own
    e-mail address next to the municipality's details (on a server: the login's own)."""
    editable = editable_municipalities(store)
    return SettingsPorts(
        load=partial(load_municipality_settings, store),
        save=partial(save_municipality_settings, store),
        check_logo=check_logo,
        caseworker_email=partial(caseworker_email, store),
        save_caseworker_email=partial(save_caseworker_email, store),
        municipalities=editable.choices,
        first_municipality=editable.first,
    )


def dossier_ports(
    store: DataStore, case_id: CaseId, actor_id: int | None, caseworker: str
) -> DossierPorts:
    def change_status(referral_id: int, status: ReferralStatus, on: date, note: str) -> None:
        referrals.change_referral_status(store, referral_id, status, on, note, now())

    def close(outcome: Outcome, closed_on: date, confirmed: bool) -> date:
        return closing.close_case(store, case_id, outcome, closed_on, now(), confirmed=confirmed)

    def create(draft: ReferralDraft) -> object:
        return referrals.create_referral(store, case_id, draft, now())

    def add_follow_up(due: date, note: str) -> int:
        return followups.add_follow_up(store, case_id, due, note, now())

    return DossierPorts(
        plan=plan_ports(store, case_id, actor_id, caseworker),
        referral_targets=lambda: referrals.referral_targets(catalog_in_use(store)),
        create_referral=create,
        referrals=lambda: referrals.case_referrals(store, case_id),
        change_referral_status=change_status,
        add_follow_up=add_follow_up,
        closing_preview=lambda: closing.closing_preview(store, case_id),
        close_case=close,
        reopen_case=lambda reason: closing.reopen_case(store, case_id, reason),
        today=today,
        make_inzage=lambda folder: _inzage_files(store, case_id, folder),
        erase=lambda: retention.erase_on_request(store, case_id, today()),
    )


def _inzage_files(store: DataStore, case_id: int, folder: Path) -> list[Path]:
    files = make_inzage(store, case_id, folder)
    return [files.pdf, files.json, *files.documents]


def workspace_ports(store: DataStore, intake: IntakePort | None = None) -> WorkspacePorts:
    """The dossier screens' ports; ``intake`` replaces the usual intake services (the
    regional server's, with the journal of what waits on this computer)."""
    with store.session() as session:
        actor_id = settings_repo.current_caseworker_id(session)
        caseworker = (
            settings_repo.caseworker_name(session, actor_id) if actor_id is not None else None
        ) or ""
        counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    return WorkspacePorts(
        intake=intake if intake is not None else intake_service_for(store),
        dossier=lambda case_id: dossier_ports(store, case_id, actor_id, caseworker),
        settings=settings_ports(store),
        load_today=lambda: followups.today_overview(store, now()),
        mark_follow_up_done=lambda follow_up_id, note: followups.mark_follow_up_done(
            store, follow_up_id, note, now()
        ),
        counter_municipality=counter,
        municipalities=region_table_in_use(store).current_municipalities(),
        start_message=followups.overdue_message(followups.overdue_count(store, now())),
        catalog=lambda: catalog_ports(store, caseworker),
        purge=purge_ports(store),
        logbook=LogbookPorts(
            choices=partial(logbook.log_choices, store),
            search=partial(logbook.search_log, store),
            today=today,
        ),
        presence=presence_ports(store),
    )


def presence_ports(store: DataStore) -> PresencePorts | None:
    """Who else has a dossier open: on a regional server only."""
    presence = case_presence_for(store)
    if presence is None:
        return None

    def renew() -> Mapping[int, Sequence[str]]:
        # While the server is known to be gone the status bar's check (in its own thread)
        # finds it back: a renewal now would only keep the window waiting for the timeout.
        if isinstance(store, ServerStore) and store.connection.lost:
            raise ServerConnectionError(
                "De verbinding met de regionale server is verbroken; wie dit dossier ook "
                "open heeft, is nu niet bekend."
            )
        return presence.renew()

    return PresencePorts(
        enter=presence.enter,
        leave=presence.leave,
        renew=renew,
        leave_all=presence.leave_all,
    )


def purge_ports(store: DataStore) -> PurgePorts:
    def question(preview: retention.PurgePreview) -> PurgeQuestion:
        return PurgeQuestion(
            preview.lines(), preview.case_ids, lambda: retention.purge(store, preview)
        )

    def reminder() -> PurgeQuestion | None:
        preview = retention.purge_reminder(store, today())
        return None if preview is None else question(preview)

    return PurgePorts(
        preview=lambda: question(retention.purge_preview(store, today())),
        monthly_reminder=reminder,
    )



