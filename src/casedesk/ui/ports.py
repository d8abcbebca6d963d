"""What the UI needs from the rest of casedesk, as small typed ports.

The composition root (``casedesk.cli``) opens the store, builds the services and hands the
UI these objects; the UI never imports ``casedesk.db``. Each port is the narrowest shape
the UI needs, so a test can implement it honestly in a few lines.

Here are the main window's ports, which load before it shows. The set-up dialogs' ports
(first run, connecting to a server) are in ``ui/setup/ports.py``, the connection the
status bar follows in ``ui/connection_status.py``: each dataclass costs about half a
millisecond to make, and the window does not wait for those.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from casedesk.domain.case import CaseFilter, CaseOrder, CaseSummary

if TYPE_CHECKING:  # loaded with the report and catalog windows, not before the first page
    from casedesk.domain.report import Report
    from casedesk.ui.catalog.ports import ImportChoice
    from casedesk.ui.setup.ports import ServerConnectionPorts


class CasePageSource(Protocol):
    """One page of the case list, newest change first (keyset pagination).

    Rows are ordered by ``updated_at`` descending, then ``case_id`` descending. ``after`` is
    the last row of the previous page (``None`` for the first page); the source continues
    strictly after it in that order, so its cursor is ``(after.updated_at, after.case_id)``.
    ``query`` is what the caseworker typed, stripped; an empty query matches every case.
    Matching is over name, trade name, KvK number, postcode and place, insensitive to case
    and diacritics. May raise ``KnownError`` (e.g. a locked store).
    """

    def __call__(
        self, query: str, after: CaseSummary | None, limit: int, /
    ) -> Sequence[CaseSummary]: ...


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """What the status bar says about the store."""

    path: Path
    warning: str | None = None
    """E.g. "Let op: de sleutel staat in een onbeveiligde sleutelopslag"; ``None`` if fine."""
    description: str | None = None
    """Said instead of the path when the store is not a file here (a regional server)."""


@dataclass(frozen=True, slots=True)
class MainWindowActions:
    """Commands the main window offers; a command that is ``None`` is not shown at all.

    Each may raise ``KnownError``; the window shows its message and changes nothing else.
    """

    make_backup: Callable[[], Path] | None = None
    """Makes a verified backup now; returns where it was written."""
    new_intake: Callable[[], None] | None = None
    """Opens a new intake (issue 4)."""
    import_catalog: Callable[[Path], str] | None = None
    """Imports the catalog file the caseworker chose; returns a short Dutch summary."""
    export_catalog: Callable[[Path], None] | None = None
    """Writes the current catalog to the file the caseworker chose."""
    preview_catalog_import: Callable[[Path], "ImportChoice"] | None = None
    """Checks a catalog file and says what it would change; when given, the import shows
    that and asks before the file is taken into use (instead of ``import_catalog``)."""
    manage_catalog: Callable[[], object] | None = None
    """Opens Catalogus › Beheren… (issue 15)."""
    write_routekaart: Callable[[Path], None] | None = None
    """Writes the region's routekaart (PDF) to the chosen file."""
    export_calendar: Callable[[Path, bool], str] | None = None
    """Writes follow-ups and appointments to an .ics file (with names when True);
    returns a short Dutch summary."""
    municipality_settings: Callable[[], None] | None = None
    """Opens the municipality's settings (name, logo, address, privacy text)."""
    count_cases: Callable[[str, int, CaseFilter], int] | None = None
    """How many dossiers a search finds (with the filter), counting at most one past the
    given cap; asked once a search has settled and only when there is more than one page."""
    filtered_cases: Callable[[CaseFilter], CasePageSource] | None = None
    """The case list with a filter (open, closed, mine); ``None``: no filter is offered."""
    make_report: Callable[[date, date], "Report"] | None = None
    """The regional report of the cases registered in a period (Rapportage)."""
    save_report: Callable[["Report", Path], None] | None = None
    """Writes a made report as PDF or CSV, by the file's extension."""
    sorted_cases: Callable[[CaseFilter, CaseOrder], CasePageSource] | None = None
    """The case list with a filter, in the order of a column (keyset over the store's
    index, pages as ``CasePageSource`` but in that order); ``None``: the columns do not
    sort."""
    server_connection: "Callable[[], ServerConnectionPorts] | None" = None
    """What Bestand › Verbinden met regionale server… needs (loaded when chosen)."""
    back_to_local: Callable[[], str] | None = None
    """Bestand › Terug naar opslag op deze computer (only when connected to a server):
    forgets the server; returns the Dutch confirmation."""
    close_windows: Callable[[], bool] | None = None
    """Closes the other windows (intakes save first) before the app quits; returns whether
    they all closed (an intake that could not save may be kept open)."""
