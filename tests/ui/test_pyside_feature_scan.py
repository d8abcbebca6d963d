"""casedesk switches off PySide's source scan of every imported module (``casedesk.ui``)."""

import importlib
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest

import casedesk.ui

pyside_feature: Any = importlib.import_module("PySide6.support.feature")


def test_the_hook_casedesk_replaces_is_the_one_pyside_calls_for_each_new_module() -> None:
    # A PySide that renamed it would scan again (slower, not wrong): this says so.
    calls = inspect.getclosurevars(pyside_feature.feature_imported).globals
    assert calls["_mod_uses_pyside"] is casedesk.ui._uses_no_feature


def test_a_module_imported_after_casedesk_ui_is_left_out_of_feature_switching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its source names PySide6, which the scan would have read as "switch features here".
    (tmp_path / "imported_after_casedesk_ui.py").write_text("import PySide6.QtCore\n")
    monkeypatch.syspath_prepend(str(tmp_path))

    import imported_after_casedesk_ui  # type: ignore[import-not-found]  # noqa: F401

    try:
        assert pyside_feature.pyside_feature_dict["imported_after_casedesk_ui"] == -1
    finally:
        sys.modules.pop("imported_after_casedesk_ui", None)
        pyside_feature.pyside_feature_dict.pop("imported_after_casedesk_ui", None)
