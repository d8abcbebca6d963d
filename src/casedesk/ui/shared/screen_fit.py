"""Windows and dialogs that fit the caseworker's screen: a laptop at 1366x768, also at
125 % scaling (1093x614 logical pixels), with a taskbar and a title bar.

Every top-level window calls ``fit_to_screen`` once its own size is set: wanted sizes are
wishes, the screen is the limit, so the buttons at the bottom are always in reach.
"""

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 40
"""Room a window manager takes above a window (title bar and frame), in logical pixels."""
FRAME = 8
"""Room a window manager takes on each side of a window."""


def room_on_screen(window: QWidget) -> QRect:
    """Where the window's contents may lie on its screen, title bar and frame excluded."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    return available.adjusted(FRAME, TITLE_BAR, -FRAME, -FRAME)


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen when it is larger, and move it back onto the screen
    when it was placed (a restored position from a larger screen); an unplaced window is
    placed by Qt and the window manager, a dialog over its parent."""
    room = room_on_screen(window)
    wanted = window.size()
    size = QSize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))
    if size != wanted:
        window.resize(size)
    geometry = window.geometry()
    if window.testAttribute(Qt.WidgetAttribute.WA_Moved) and not room.contains(geometry):
        left = min(max(geometry.left(), room.left()), room.right() - size.width() + 1)
        top = min(max(geometry.top(), room.top()), room.bottom() - size.height() + 1)
        window.move(left, top)


def bring_to_front(window: QWidget) -> None:
    """A window that is open already comes in front of the caseworker, not a second one."""
    window.show()
    window.raise_()
    window.activateWindow()
