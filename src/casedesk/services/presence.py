"""Who else has a dossier open, on a regional server ("Kim heeft dit dossier open").

The app says which dossiers it has open when a window opens one, renews that every
:data:`RENEW_INTERVAL` and says so again when the last window on the dossier closes. The
encrypted store on a laptop has one caseworker: there is nobody to tell, so it has none.
"""

import secrets
from collections import Counter
from collections.abc import Mapping
from datetime import timedelta

from casedesk.db.data_store import DataStore
from casedesk.db.server import presence as presence_postgres
from casedesk.db.store import Store

RENEW_INTERVAL = timedelta(seconds=30)
"""How often the app renews its presence (``db/server/presence.py``'s ``GONE_AFTER`` is four times
this, so a missed renewal does not make a caseworker vanish)."""


class CasePresence:
    """The dossiers this app has open on the server, counted per window.

    A dossier may be open twice here (its dossier window and its intake): it counts as
    open until both have closed.
    """

    def __init__(self, store: DataStore, instance: str | None = None) -> None:
        self._store = store
        self.instance = instance or secrets.token_hex(16)
        """Tells this app apart from another of the same login (another computer)."""
        self._open: Counter[int] = Counter()

    @property
    def open_cases(self) -> frozenset[int]:
        return frozenset(self._open)

    def enter(self, case_id: int) -> tuple[str, ...]:
        """A window opened this dossier; returns who else has it open (names).

        Counted before the server is asked: if the server cannot be reached now, the next
        :meth:`renew` says it.
        """
        self._open[case_id] += 1
        with self._store.transaction() as session:
            presence_postgres.renew(session, self.instance, [case_id])
            return presence_postgres.others_present(session, [case_id]).get(case_id, ())

    def leave(self, case_id: int) -> None:
        """A window on this dossier closed; the last one removes the presence."""
        if case_id not in self._open:
            return  # already left with every other (:meth:`leave_all`)
        if self._open[case_id] > 1:
            self._open[case_id] -= 1
            return
        self._open.pop(case_id, None)
        with self._store.transaction() as session:
            presence_postgres.leave(session, self.instance, [case_id])

    def renew(self) -> Mapping[int, tuple[str, ...]]:
        """Renews every open dossier's presence; returns, per open dossier, who else has
        it open (a dossier nobody else has open is not in it)."""
        case_ids = self.open_cases
        with self._store.transaction() as session:
            presence_postgres.renew(session, self.instance, case_ids)
            return presence_postgres.others_present(session, case_ids) if case_ids else {}

    def leave_all(self) -> None:
        """The app closes: every presence it left goes (what a failure leaves goes stale)."""
        case_ids, self._open = self.open_cases, Counter()
        if case_ids:
            with self._store.transaction() as session:
                presence_postgres.leave(session, self.instance, case_ids)


def case_presence_for(store: DataStore) -> CasePresence | None:
    """The presence of this app on a regional server; None on the store of this computer."""
    return None if isinstance(store, Store) else CasePresence(store)
