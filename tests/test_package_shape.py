"""The shape of the package a newcomer finds: screens grouped per family under ``ui/``, Qt
only in ``ui/``, and the development tools outside what is shipped."""

import ast
from collections import defaultdict
from pathlib import Path

import casedesk

PACKAGE = Path(casedesk.__file__).parent
UI = PACKAGE / "ui"


def flat_ui_modules() -> list[str]:
    return sorted(path.stem for path in UI.glob("*.py") if path.stem != "__init__")


def imported_names(source: Path) -> set[str]:
    """Every module ``source`` imports, at any depth (``from a import b`` gives ``a``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_no_two_modules_directly_in_ui_share_a_prefix() -> None:
    # intake_window.py beside intake_fields.py is a screen family: it belongs in ui/intake/.
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for name in flat_ui_modules():
        by_prefix[name.split("_")[0]].append(name)
    assert {prefix: names for prefix, names in by_prefix.items() if len(names) > 1} == {}


def test_no_three_modules_side_by_side_share_a_prefix() -> None:
    # server_store.py, server_admin.py and server_upload.py beside each other are one part
    # (the regional server): a newcomer should find it as a folder, db/server/.
    crowded: dict[str, list[str]] = {}
    for folder in [PACKAGE, *(p.parent for p in PACKAGE.rglob("__init__.py"))]:
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for module in folder.glob("*.py"):
            if module.stem != "__init__" and not module.stem.startswith("rev_"):
                by_prefix[module.stem.split("_")[0]].append(module.stem)
        crowded |= {f"{folder.relative_to(PACKAGE.parent)}/{prefix}_": sorted(names)
                    for prefix, names in by_prefix.items() if len(names) > 2}
    assert crowded == {}


def test_no_module_directly_in_ui_is_named_after_a_screen_family() -> None:
    families = {path.name for path in UI.iterdir() if (path / "__init__.py").is_file()}
    assert {"intake", "dossier", "today", "documents", "setup", "shared"} <= families
    misplaced = [name for name in flat_ui_modules() if name.split("_")[0] in families]
    assert misplaced == []


def test_only_the_ui_package_imports_qt() -> None:
    importing_qt = [
        str(source.relative_to(PACKAGE))
        for source in sorted(PACKAGE.rglob("*.py"))
        if UI not in source.parents
        and any(name.split(".")[0] == "PySide6" for name in imported_names(source))
    ]
    assert importing_qt == []


def test_the_shipped_package_holds_no_screenshot_tooling() -> None:
    named = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*screenshot*")]
    importing = [
        str(source.relative_to(PACKAGE))
        for source in sorted(PACKAGE.rglob("*.py"))
        if any(name.split(".")[0] == "tools" or "screenshot" in name
               for name in imported_names(source))
    ]
    assert (named, importing) == ([], [])
