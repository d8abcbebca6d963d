"""The desktop app started as a caseworker starts it, in a second process, reporting what
it had loaded when its window showed and when the first page of cases was listed.

Run as ``python -m tests.ui.start_child DATA_DIR`` from the repository root, with the store
key in hex in ``CASEDESK_TEST_STORE_KEY`` (kept in the child's own in-memory keychain).
Prints three JSON lines, ``{"moment": "shown" | "first rows" | "listed", "modules": [...],
"qt_classes": [...]}`` (the window shown; the newest dossiers in it, read before the store
opens; the store open and the list loaded from it), with the top-level packages and casedesk
modules loaded then and the Qt classes PySide had made by then (it makes each, with its
enums, when first used), and exits without closing the store (no closing backup: start-up
is what is looked at).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def loaded_modules() -> list[str]:
    names = set(sys.modules)
    return sorted(
        {name.split(".")[0] for name in names}
        | {name for name in names if name.startswith("casedesk.")}
    )


def made_qt_classes() -> list[str]:
    """The classes of QtCore, QtGui and QtWidgets made so far: PySide puts a class in its
    module's namespace when it makes it."""
    from PySide6 import QtCore, QtGui, QtWidgets

    return sorted(
        name
        for module in (QtCore, QtGui, QtWidgets)
        for name, value in vars(module).items()
        if isinstance(value, type)
    )


def report(moment: str) -> None:
    modules = loaded_modules()
    qt_classes = made_qt_classes()
    import json  # after looking: the app's window must not need it

    print(json.dumps({"moment": moment, "modules": modules, "qt_classes": qt_classes}), flush=True)


def main(data_dir: Path) -> int:
    from casedesk import cli
    from casedesk.ui.main_window import MainWindow

    original_show = MainWindow.show
    original_opened = MainWindow.store_opened

    def show_then_report(self: MainWindow) -> None:
        original_show(self)
        report("shown")
        # The store opens in the next turn of the event loop; its key goes in the keychain
        # now, as the keychain setup loads the database layer the first check looks for.
        from casedesk.db.location import StoreLocation
        from tests.db.store_child import _keychain

        _keychain(StoreLocation.in_dir(data_dir))
        self.case_model.modelReset.connect(lambda: first_rows(self))

    first_rows_seen = False

    def first_rows(window: MainWindow) -> None:
        nonlocal first_rows_seen
        if not first_rows_seen and window.case_model.rowCount() > 0:
            first_rows_seen = True
            report("first rows")

    def opened_then_report(self: MainWindow, warning: str | None = None) -> None:
        original_opened(self, warning)
        report("listed")
        os._exit(0 if self.case_model.rowCount() > 0 else 3)

    MainWindow.show = show_then_report  # type: ignore[method-assign,assignment]
    MainWindow.store_opened = opened_then_report  # type: ignore[method-assign]
    return cli.main(["--data-dir", str(data_dir)])


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
