"""Nothing typed is lost while the regional server is out of reach.

An intake's answers that cannot be saved because the connection is gone are kept in the
encrypted journal on this computer (``db/intake_journal.py``), the newest per dossier. The
intake window still hears that they are not on the server (the caseworker is told they
are kept here), and retries with every autosave; as soon as a save gets through, the kept
edit is superseded. What is still kept when the server is back, also after a crash or a
power cut, :meth:`JournaledIntakeService.save_kept` saves: when the connection returns and
when the app opens the server. Reopening an intake whose answers wait in the journal shows
those answers, not the older ones on the server.

Only the answers are kept (what the caseworker types along with the talk); a changed
registration, appointment or list of actions is retried by the window as before. A kept
edit is saved without the versions it started from (the journal does not keep them), so
it is not merged with what a colleague stored meanwhile: the kept answers win.
"""

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from casedesk import clock
from casedesk.db.intake_journal import IntakeJournal, KeptAnswers
from casedesk.db.server.store import ServerConnectionError, ServerStore
from casedesk.domain.answers_json import answers_from_json_text, answers_to_json_dict
from casedesk.domain.case import CaseId
from casedesk.domain.dossier import AnswersBase, AnswersSaved, IntakeState
from casedesk.domain.intake import IntakeAnswers
from casedesk.errors import KeptForLaterError, KnownError
from casedesk.services.intake import IntakeService, intake_service_for


class KeptOnThisComputerError(ServerConnectionError, KeptForLaterError):
    def __init__(self) -> None:
        super().__init__(
            "Geen verbinding met de regionale server. Wat u typte, is versleuteld op deze "
            "computer bewaard; casedesk slaat het op de server op zodra de verbinding er "
            "weer is. U kunt gewoon doorgaan."
        )


class JournaledIntakeService(IntakeService):
    """The intake services on a regional server, with the journal behind ``save_answers``."""

    def __init__(
        self,
        store: ServerStore,
        actor_id: int | None,
        journal: IntakeJournal,
        today: Callable[[], date] = clock.today,
        now: Callable[[], datetime] = clock.now,
    ) -> None:
        super().__init__(store, actor_id, today, now)
        self.journal = journal
        self.server = journal_server_name(store)
        self._clock = now
        self._waiting = {kept.case_id for kept in journal.kept(self.server)}

    def save_answers(
        self, case_id: CaseId, answers: IntakeAnswers, base: AnswersBase | None = None
    ) -> AnswersSaved:
        try:
            saved = super().save_answers(case_id, answers, base)
        except ServerConnectionError:
            self.journal.keep(self.server, self._kept(case_id, answers))
            self._waiting.add(int(case_id))
            raise KeptOnThisComputerError() from None
        if int(case_id) in self._waiting:
            self._forget(int(case_id))  # the server now has newer answers
        return saved

    def load_intake(self, case_id: CaseId) -> IntakeState:
        state = super().load_intake(case_id)
        kept = self._kept_of(int(case_id))
        if kept is None:
            return state
        return replace(state, answers=answers_from_json_text(kept.answers_json))

    def save_kept(self) -> str | None:
        """Saves every kept edit the server can take now; returns a Dutch line for the
        status bar when it saved or could not save something, else None."""
        saved: list[int] = []
        refused: list[str] = []
        for kept in self.journal.kept(self.server):
            try:
                super().save_answers(
                    CaseId(kept.case_id), answers_from_json_text(kept.answers_json)
                )
            except ServerConnectionError:
                break  # gone again: the next return of the connection tries again
            except KnownError as error:
                refused.append(f"dossier {kept.case_id}: {error.message}")
                continue  # kept: what was typed is never thrown away
            self.journal.forget(self.server, kept)
            self._waiting.discard(kept.case_id)
            saved.append(kept.case_id)
        lines = []
        if saved:
            which = ", ".join(str(case_id) for case_id in saved)
            lines.append(
                f"De intake-antwoorden die op deze computer wachtten, zijn opgeslagen op de "
                f"server (dossier {which})."
            )
        if refused:
            lines.append(
                "Niet opgeslagen, en op deze computer bewaard: " + "; ".join(refused) + "."
            )
        return " ".join(lines) or None

    def _kept_of(self, case_id: int) -> KeptAnswers | None:
        if case_id not in self._waiting:
            return None
        kept = [one for one in self.journal.kept(self.server) if one.case_id == case_id]
        return kept[-1] if kept else None

    def _forget(self, case_id: int) -> None:
        kept = self._kept_of(case_id)
        if kept is not None:
            self.journal.forget(self.server, kept)
        self._waiting.discard(case_id)

    def _kept(self, case_id: CaseId, answers: IntakeAnswers) -> KeptAnswers:
        text = json.dumps(answers_to_json_dict(answers), ensure_ascii=False, sort_keys=True)
        return KeptAnswers(int(case_id), text, self._clock().astimezone(UTC).isoformat())


def journal_server_name(store: ServerStore) -> str:
    """Whose and which server's edits these are: a journal entry is only ever saved by the
    same login into the same database (another server has other dossier numbers)."""
    return f"{store.login}@{store.url.host or ''}/{store.url.database}"


def journaled_intake_service(store: ServerStore, journal: IntakeJournal) -> JournaledIntakeService:
    """The intake services of the login, with this journal behind them."""
    return JournaledIntakeService(store, intake_service_for(store).actor_id, journal)
