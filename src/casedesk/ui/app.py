"""The QApplication: name, Dutch locale, Qt's own Dutch texts, platform look."""

from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from casedesk.resources import resource_path

APPLICATION_NAME = "casedesk"
ORGANIZATION_NAME = "casedesk"
DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""The sizes rendered from ``resources/icons/casedesk.svg`` (installer/render-icons.sh)."""


def create_application(argv: Sequence[str]) -> QApplication:
    """Create the one QApplication of the process, ready for Dutch windows.

    Uses the platform's native style and system font (no style or stylesheet is set).
    """
    # Qt 6 scales for HiDPI by itself; pass fractional factors (125 %, 150 %) through
    # unrounded so text is sharp and layouts keep their proportions on laptop screens.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv))
    configure_application(app)
    return app


def application(argv: Sequence[str]) -> QApplication:
    """The process's application, configured for casedesk: the one that exists already (a
    test's or another tool's in the same process), else a new one."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        configure_application(existing)
        return existing
    return create_application(argv)


def configure_application(app: QApplication) -> None:
    """Give an existing application casedesk's identity, locale and Dutch Qt texts.

    Split from ``create_application`` so tests can configure pytest-qt's application.
    """
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setWindowIcon(application_icon())
    QLocale.setDefault(DUTCH)
    install_qt_translations(app)


def application_icon() -> QIcon:
    """The route-sign icon, from PNGs: the SVG image plugin is not needed to show it."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"casedesk-{size}.png")))
    return icon


def install_qt_translations(app: QApplication) -> bool:
    """Load Qt's own Dutch texts (Annuleren, Opslaan, context menus) from the Qt install.

    Returns whether they were found; without them Qt's buttons stay English, which is ugly
    but not a reason to refuse to start.
    """
    translator = QTranslator(app)  # parented so it lives as long as the application
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(DUTCH, "qtbase", "_", translations):
        return False
    installed = app.installTranslator(translator)
    # Installed last, so asked first: the few texts qtbase_nl leaves English ("Look in:").
    extra = QTranslator(app)
    if extra.load(str(resource_path("translations", "qt_extra_nl.qm"))):
        app.installTranslator(extra)
    return installed
