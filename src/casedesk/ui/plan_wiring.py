"""The action-plan ports bound to the store's services, for the composition root.

Kept apart from the screens so they stay testable with plain callables, and imported only
when a dossier's plan or the settings are first opened (it pulls in reportlab and pikepdf).
"""

from functools import partial

from casedesk.db.store import Store
from casedesk.services.municipality_settings import (
    check_logo,
    load_municipality_settings,
    save_municipality_settings,
)
from casedesk.services.plan import (
    RenderedDocument,
    document_lines,
    load_plan_version,
    render_case_plan,
    store_rendered,
)
from casedesk.ui.plan_ports import PlanDocument, PlanPorts, SettingsPorts


def plan_ports(store: Store, case_id: int, actor_id: int | None, caseworker: str) -> PlanPorts:
    """The plan services of one dossier, as ``actor_id`` (named ``caseworker``) uses them."""

    def render() -> PlanDocument:
        rendered = render_case_plan(store, case_id)
        return PlanDocument(rendered.pdf, rendered.created_at, caseworker, source=rendered)

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

    return PlanPorts(
        render_plan=render,
        store_version=store_version,
        list_versions=partial(document_lines, store, case_id),
        load_version=load_version,
    )


def settings_ports(store: Store) -> SettingsPorts:
    return SettingsPorts(
        load=partial(load_municipality_settings, store),
        save=partial(save_municipality_settings, store),
        check_logo=check_logo,
    )
