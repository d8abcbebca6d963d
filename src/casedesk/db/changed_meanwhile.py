"""A save that found its row changed by someone else since it read it, in plain Dutch.

SQLAlchemy raises ``StaleDataError`` when an UPDATE or DELETE matched fewer rows than it
read: a part's version moved on (``version_id_col``), or the row went, because another
caseworker saved the same dossier in between. The services take the dossier's lock before
they read what they change, so this should not happen; when it does anyway (a path that
reads before it locks), the caseworker hears what happened and what to do, never the
driver's text, and nothing of the transaction is stored.
"""

from casedesk.errors import KnownError

CHANGED_MEANWHILE_TEXT = (
    "Een collega heeft dit dossier op hetzelfde moment gewijzigd. Uw laatste wijziging is "
    "daarom niet opgeslagen; wat u typte, staat nog in het venster. Probeer het opnieuw "
    "(Ctrl+S): casedesk voegt uw wijziging dan samen met die van uw collega en vraagt u "
    "wat er moet blijven als u allebei hetzelfde veranderde."
)


class ChangedMeanwhileError(KnownError):
    """Another save of the same rows came in between; this transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__(CHANGED_MEANWHILE_TEXT)
