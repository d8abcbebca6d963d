"""The status bar's word on the regional server's connection: gone, and back again.

A dropped connection shows as soon as a call finds it (the store's watch tells at once) or
the periodic check does, which runs in a thread of its own so that a server out of reach
never freezes the window. While the connection is gone the check runs more often; the
notice goes when the server answers again.
"""

import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from casedesk.errors import KnownError

LOST_TEXT = (
    "Geen verbinding met de regionale server. Casedesk probeert het steeds opnieuw; wat u "
    "in een intake typt, blijft tot dan versleuteld op deze computer bewaard."
)
BACK_TEXT = "De verbinding met de regionale server is er weer."
CHECK_INTERVAL_MS = 30_000
RETRY_INTERVAL_MS = 5_000
BACK_MESSAGE_MS = 10_000


@dataclass(frozen=True, slots=True)
class ConnectionPorts:
    """The connection to a regional server, as the status bar follows it."""

    check: Callable[[], bool]
    """Whether the server answers now. Blocks up to the connect timeout, so the window
    runs it in a thread of its own."""
    listen: Callable[[Callable[[bool], None]], None]
    """Calls the listener with False when a call or a check finds the server gone, and
    with True when it answers again; from whichever thread found it."""
    reconnected: Callable[[], str | None] = lambda: None
    """Run in the window's thread when the server answers again: saves what waited on
    this computer; returns a Dutch line for the status bar, or None."""


class ConnectionStatus(QObject):
    """Follows one server's connection in ``window``'s status bar.

    Attributes:
        label: the notice while the connection is gone (hidden otherwise).
        timer: the periodic check (every 30 seconds; every 5 while the server is gone).
    """

    _heard = Signal(bool)
    _check_done = Signal()

    def __init__(self, window: QMainWindow, ports: ConnectionPorts) -> None:
        super().__init__(window)
        self._window = window
        self._ports = ports
        self._checking = False
        self.connected = True
        self.label = QLabel(LOST_TEXT, window)
        self.label.setObjectName("connectionStatus")
        self.label.setAccessibleName("Verbinding met de regionale server")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight: bold;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label, 1)
        # Always queued: the news may come from the check's thread, or from inside a call
        # on the store (its connection events), where saving what waited must not start.
        self._heard.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._check_done.connect(self._checked)
        ports.listen(self._tell)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_soon)
        self.timer.start()

    @property
    def checking(self) -> bool:
        """Whether a check is under way."""
        return self._checking

    def check_soon(self) -> None:
        """Starts a check in the background, unless one is still under way."""
        if self._checking:
            return
        self._checking = True
        threading.Thread(target=self._check, name="casedesk-connection-check", daemon=True).start()

    def stop(self) -> None:
        self.timer.stop()

    def _check(self) -> None:
        try:
            self._ports.check()  # what it finds comes through the listener
        finally:
            with suppress(RuntimeError):  # the window closed meanwhile
                self._check_done.emit()

    def _tell(self, connected: bool) -> None:
        with suppress(RuntimeError):  # called after the window closed
            self._heard.emit(connected)

    @Slot()
    def _checked(self) -> None:
        self._checking = False

    @Slot(bool)
    def _show(self, connected: bool) -> None:
        was_connected, self.connected = self.connected, connected
        self.label.setVisible(not connected)
        self.timer.setInterval(CHECK_INTERVAL_MS if connected else RETRY_INTERVAL_MS)
        if connected and not was_connected:
            try:
                saved = self._ports.reconnected()
            except KnownError as error:
                saved = error.message
            message = f"{BACK_TEXT} {saved}" if saved else BACK_TEXT
            self._window.statusBar().showMessage(message, BACK_MESSAGE_MS)
