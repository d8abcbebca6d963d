"""PySide6 windows, dialogs and item models. The only layer that imports Qt."""

import importlib
from typing import Any

_pyside_feature: Any = importlib.import_module("PySide6.support.feature")  # no type stubs


def _uses_no_feature(_module: object) -> bool:
    return False


# PySide reads the whole source of every module imported after it, to see whether the
# module selects a ``__feature__`` (snake_case, true_property) and so needs feature
# switching. No casedesk module selects one, nor does any library it loads. Without the
# scan the main window shows about 7 ms sooner and the store opens about 40 ms sooner (the
# database layer is some 300 modules). ``tests/ui/test_pyside_feature_scan.py`` notices a
# PySide that no longer has this hook.
_pyside_feature._mod_uses_pyside = _uses_no_feature
