"""A child process for the start-up benchmark: starts the app (or a bare window) and reports.

Prints ``shown <cpu-ms>`` once the main window is shown, then ``filled <peak-rss-kib>`` once the
first page of cases is in the list (read before the store opens, ``db/first_look.py``),
then ``opened <peak-rss-kib>`` once the store is open for work, and quits. ``--bare``
starts a plain PySide6 QMainWindow the same way (it prints all three lines at once), for
the ratio.
"""

import os
import resource
import sys
from typing import Any


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _shown() -> str:
    """``shown <cpu-ms>``: the processor time so far, which a busy machine does not inflate."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    return f"shown {(used.ru_utime + used.ru_stime) * 1000:.1f}"


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    window.show()

    def report() -> None:
        print(_shown(), flush=True)
        print(f"filled {_peak_kib()}", flush=True)
        print(f"opened {_peak_kib()}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
    return app.exec()


def casedesk_app(data_dir: str) -> int:
    from PySide6.QtCore import QTimer

    from casedesk import cli
    from casedesk.ui import main_window

    window_class: Any = main_window.MainWindow
    original_show = window_class.show
    original_opened = window_class.store_opened

    def show_then_report(self: main_window.MainWindow) -> None:
        original_show(self)
        QTimer.singleShot(0, lambda: print(_shown(), flush=True))
        filled = False

        def report_first_rows() -> None:
            nonlocal filled
            if not filled and self.case_model.rowCount() > 0:
                filled = True
                print(f"filled {_peak_kib()}", flush=True)

        self.case_model.modelReset.connect(report_first_rows)

    def opened_then_report(self: main_window.MainWindow, warning: str | None = None) -> None:
        original_opened(self, warning)
        assert self.case_model.rowCount() > 0, "the list should show cases"
        print(f"opened {_peak_kib()}", flush=True)
        # Not quit(): quitting makes the closing backup, a minute at a million dossiers,
        # which is not start-up. The store survives this as it survives a crash.
        os._exit(0)

    window_class.show = show_then_report
    window_class.store_opened = opened_then_report
    # As a caseworker starts it: `casedesk` alone (the administrator's data folder setting).
    os.environ["CASEDESK_DATA_DIR"] = data_dir
    return cli.main([])


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "--bare" else casedesk_app(sys.argv[1]))
