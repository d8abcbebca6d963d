"""Purge and erasure on a real encrypted store: what goes, what stays, and no trace left."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from casedesk.db.audit import case_events
from casedesk.db.audit_chain import verify
from casedesk.db.backup import backup, list_backups
from casedesk.db.keys import Keychain
from casedesk.db.models import AuditEvent, Case
from casedesk.db.store import Store, open_store
from casedesk.services.retention import (
    ErasureRefusedError,
    erase_on_request,
    purge,
    purge_preview,
    reapply_erasures,
)
from casedesk.services.store_admin import restore_store
from tests.db.decrypted_pages import decrypted_file, decrypted_wal
from tests.services.full_dossier import MARKER, add_full_dossier
from tests.stores import new_store

AFTER_THE_TERM = date(2032, 1, 1)


@pytest.fixture
def store(tmp_path: Path, keychain: Keychain) -> Iterator[Store]:
    with new_store(tmp_path / "data", keychain) as opened:
        yield opened


def _marker_bytes() -> list[bytes]:
    return [MARKER.encode("utf-8"), MARKER.lower().encode("utf-8")]


def _traces(store: Store) -> list[str]:
    """Where the marker name is still found, in the decrypted store file and ``-wal``."""
    location = store.location
    found = []
    for name, plain in (
        ("store", decrypted_file(location.store_file, store.key)),
        ("-wal", decrypted_wal(location.wal_file, store.key)),
    ):
        if any(marker in plain for marker in _marker_bytes()):
            found.append(name)
    return found


def _search_finds_marker(store: Store) -> bool:
    with store.session() as session:
        hits = session.execute(
            text("SELECT rowid FROM case_search WHERE case_search MATCH :term"),
            {"term": f'"{MARKER.lower()}"'},
        ).all()
    return bool(hits)


def test_the_scan_finds_the_marker_before_an_erasure(store: Store) -> None:
    add_full_dossier(store)
    assert _search_finds_marker(store)
    assert _traces(store) != []


def test_an_erasure_leaves_no_trace_in_the_store_the_wal_or_the_search_index(
    store: Store,
) -> None:
    case_id = add_full_dossier(store)
    add_full_dossier(store, surname="Jansen")  # another dossier stays
    erase_on_request(store, case_id, AFTER_THE_TERM)
    assert _traces(store) == []
    assert not _search_finds_marker(store)
    with store.session() as session:
        assert session.get(Case, case_id) is None
        assert session.scalars(select(Case.id)).all() == [case_id + 1]


def test_a_backup_made_after_an_erasure_holds_no_trace(store: Store) -> None:
    case_id = add_full_dossier(store)
    erase_on_request(store, case_id, AFTER_THE_TERM)
    made = backup(store)
    assert not any(marker in decrypted_file(made, store.key) for marker in _marker_bytes())


def test_an_erasure_keeps_the_audit_chain_whole_and_leaves_an_event(store: Store) -> None:
    case_id = add_full_dossier(store)
    erase_on_request(store, case_id, AFTER_THE_TERM)
    with store.session() as session:
        assert verify(session, store.audit_head).intact
        [erased] = [e for e in case_events(session, case_id) if e.action == "case.erased"]
    assert erased.outcome == "done"
    assert erased.details["reason"] == "request"
    assert MARKER not in str(erased.details)


def test_an_erasure_before_the_term_has_passed_is_refused_with_the_reason(
    store: Store,
) -> None:
    case_id = add_full_dossier(store, retention_until=date(2031, 11, 20))
    with pytest.raises(ErasureRefusedError, match="bewaard blijven tot en met 20 november 2031"):
        erase_on_request(store, case_id, date(2031, 11, 20))
    with store.session() as session:
        assert session.get(Case, case_id) is not None
        refused = session.scalars(
            select(AuditEvent.outcome).where(AuditEvent.action == "case.erased")
        ).all()
    assert refused == ["refused"]


def test_the_purge_removes_exactly_what_its_preview_showed(store: Store) -> None:
    expired = add_full_dossier(store, retention_until=date(2030, 1, 1))
    kept = add_full_dossier(store, surname="Jansen", retention_until=date(2040, 1, 1))
    also = add_full_dossier(store, retention_until=date(2031, 6, 1))
    preview = purge_preview(store, AFTER_THE_TERM)
    assert preview.case_ids == (expired, also)
    assert preview.lines() == [
        f"De bewaartermijn is voorbij van 2 dossiers: {expired}, {also}."
    ]
    assert purge(store, preview) == (expired, also)
    with store.session() as session:
        assert session.scalars(select(Case.id)).all() == [kept]
        purged = session.scalars(
            select(AuditEvent.details_json).where(AuditEvent.action == "store.purged")
        ).all()
    assert purged == [f'{{"cases": [{expired}, {also}]}}']
    assert _traces(store) == []
    assert not _search_finds_marker(store)


def test_a_restored_older_backup_has_the_erasures_made_after_it_applied_again(
    store: Store, keychain: Keychain
) -> None:
    case_id = add_full_dossier(store)
    older = backup(store)
    erase_on_request(store, case_id, AFTER_THE_TERM)
    location = store.location
    store.close()
    restore_store(location, keychain, older)
    with open_store(location, keychain) as restored:
        with restored.session() as session:
            assert session.get(Case, case_id) is None
            actions = [e.details.get("reason") for e in case_events(session, case_id)
                       if e.action == "case.erased"]  # fmt: skip
        assert actions == ["restore"]
        assert _traces(restored) == []
        assert reapply_erasures(restored) == ()
    newer = [b.path for b in list_backups(location) if b.path != older]
    for path in newer:
        assert not any(marker in decrypted_file(path, keychain.load_key(location.store_file)
                                                or b"") for marker in _marker_bytes()), path


def test_the_number_of_an_erased_dossier_is_never_given_out_again(store: Store) -> None:
    case_id = add_full_dossier(store)  # the newest dossier
    erase_on_request(store, case_id, AFTER_THE_TERM)
    later = add_full_dossier(store, surname="Jansen")
    assert later > case_id
    with store.session() as session:
        assert [e.action for e in case_events(session, later)] == []
