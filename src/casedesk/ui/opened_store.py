"""What the desktop session gets once the store is open (``desktop_wiring`` makes it).

Apart from ``ui/desktop.py``: the main window shows before the store opens, and does not
wait for this dataclass to be made.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casedesk.ui.ports import CasePageSource, MainWindowActions

if TYPE_CHECKING:
    from casedesk.errors import RestorableError
    from casedesk.ui.catalog.ports import CatalogPorts
    from casedesk.ui.connection_status import ConnectionPorts
    from casedesk.ui.workspace import WorkspacePorts


@dataclass(frozen=True)
class OpenedStore:
    """An open store, as the main window uses it."""

    cases: CasePageSource
    warning: str | None
    actions: MainWindowActions
    close: Callable[[], None]
    """Called once when the app quits: makes the closing backup and frees the store."""
    workspace: "Callable[[], WorkspacePorts] | None" = None
    """Intakes, dossiers and the Vandaag page, made once the list shows; None for a bare
    case list."""
    no_workspace: str = ""
    """Without a workspace: the Dutch reason its commands give (a coordinator's login)."""
    housekeeping: Callable[[], str | None] = lambda: None
    """Run soon after the list is shown and then every hour: the daily backup when it is
    due. Returns a short Dutch status-bar message when it did something."""
    flush_log: Callable[[], None] = lambda: None
    """Run every :data:`READ_LOG_FLUSH_MS` and by ``close``: writes the case-list reads
    that wait in memory (``services/read_log.py``)."""
    full_check: "Callable[[], RestorableError | None]" = lambda: None
    """The full check of the store file (every page), run once in a background thread
    after the list is shown: opening reads only a sample. Returns the damage found, with
    the backup to offer."""
    connection: "ConnectionPorts | None" = None
    """A regional server's connection, followed in the status bar; None: a file here."""
    catalog: "Callable[[], CatalogPorts] | None" = None
    """Catalogus › Beheren… of a store without a workspace (a coordinator's login): the
    region's catalog is theirs to keep."""
