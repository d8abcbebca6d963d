"""What the bundle ships, what it leaves out, and the check that nothing late-imported is lost."""

from pathlib import Path

from tests.installer.conftest import ROOT, load_bundle_rules

rules = load_bundle_rules()


def test_only_the_dutch_qt_translation_is_shipped() -> None:
    assert rules.keep_data("PySide6/Qt/translations/qtbase_nl.qm")
    assert not rules.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not rules.keep_data("PySide6/Qt/translations/qt_help_nl.qm")
    assert not rules.keep_data("PySide6\\Qt\\translations\\qtbase_fr.qm")


def test_babel_keeps_dutch_and_its_root_only() -> None:
    assert rules.keep_data("babel/locale-data/nl.dat")
    assert rules.keep_data("babel/locale-data/root.dat")
    assert not rules.keep_data("babel/locale-data/de_AT.dat")
    assert rules.keep_data("babel/global.dat")


def test_number_registries_of_other_countries_stay_out() -> None:
    assert not rules.keep_data("stdnum/oui.dat")
    assert not rules.keep_data("stdnum/nz/banks.dat")
    assert rules.keep_data("stdnum/nl/__init__.py")


def test_our_own_resources_are_always_shipped() -> None:
    assert rules.keep_data("casedesk/resources/catalog/default.json")
    assert rules.keep_data("casedesk/db/migrations/versions/rev_0001_core_schema.py")


def test_unused_qt_plugins_and_libraries_stay_out() -> None:
    assert not rules.keep_binary("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not rules.keep_binary("PySide6/Qt/plugins/platforms/libqwayland-egl.so")
    assert not rules.keep_binary("PySide6/Qt/plugins/imageformats/libqtiff.so")
    assert not rules.keep_binary("PySide6/Qt/lib/libQt6Qml.so.6")
    assert not rules.keep_binary("PySide6/Qt6Quick.dll")
    assert not rules.keep_binary("PySide6/opengl32sw.dll")


def test_what_the_app_needs_from_qt_stays_in() -> None:
    assert rules.keep_binary("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert rules.keep_binary("PySide6/plugins/platforms/qwindows.dll")
    assert rules.keep_binary("PySide6/Qt/plugins/imageformats/libqsvg.so")
    assert rules.keep_binary("PySide6/Qt/plugins/imageformats/qjpeg.dll")
    assert rules.keep_binary("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so")
    # Qt6Pdf links to the Network library even though casedesk never opens a socket.
    assert rules.keep_binary("PySide6/Qt/lib/libQt6Network.so.6")


def test_imports_inside_functions_are_found_and_relative_ones_resolved(tmp_path: Path) -> None:
    source = tmp_path / "shop" / "orders.py"
    source.parent.mkdir()
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import json\n"
        "if TYPE_CHECKING:\n"
        "    from shop.types import Order\n"
        "def place():\n"
        "    from . import billing\n"
        "    from .stock import reserve\n"
        "    import shop.mail as mail\n",
        encoding="utf-8",
    )
    found = rules.imports_in(source, "shop.orders", top_level=False)
    assert found == {"shop", "shop.billing", "shop.stock", "shop.stock.reserve", "shop.mail"}
    with_top = rules.imports_in(source, "shop.orders", top_level=True)
    assert {"json", "typing"} <= with_top
    assert "shop.types" not in with_top


def test_the_apps_late_imports_and_the_migrations_imports_are_required() -> None:
    src = ROOT / "src"
    migrations = list((src / "casedesk" / "db" / "migrations").rglob("*.py"))
    required = rules.required_modules(src, migrations, ["keyring.backends.SecretService"])
    assert required["casedesk.wiring.desktop"] == "casedesk/cli/__init__.py"
    assert "casedesk.wiring.workspace" in required
    assert "alembic.op" in required
    assert "casedesk.db.models" in required
    assert required["keyring.backends.SecretService"] == "entry point"
    assert not any(name.split(".")[0] == "tools" for name in required)


def test_the_postgresql_driver_loaded_by_name_is_required() -> None:
    # SQLAlchemy loads it from the address "postgresql+psycopg"; no source file imports it.
    required = rules.required_modules(ROOT / "src", [], [])
    assert {"sqlalchemy.dialects.postgresql.psycopg", "psycopg", "psycopg_binary.pq",
            "psycopg_binary._psycopg"} <= set(required)
    assert rules.missing_modules(required, ["psycopg"]) != []
    assert not any("psycopg" in line for line in rules.missing_modules(
        required, ["sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.postgresql.psycopg",
                   "psycopg", "psycopg.pq", "psycopg_binary", "psycopg_binary.pq",
                   "psycopg_binary._psycopg"]))


def test_the_screenshot_tooling_needs_no_exclusion_as_it_is_outside_the_package() -> None:
    assert [name for name in rules.EXCLUDED_MODULES if "screenshot" in name] == []


def test_no_module_the_app_needs_is_excluded() -> None:
    src = ROOT / "src"
    required = rules.required_modules(src, [], [])
    assert rules.excluded_but_required(required) == []


def test_a_late_import_excluded_by_mistake_is_reported() -> None:
    required = {"PySide6.QtNetwork": "casedesk/ui/help.py", "json": "casedesk/cli/__init__.py"}
    assert rules.excluded_but_required(required) == [
        "PySide6.QtNetwork (needed by casedesk/ui/help.py)"
    ]


def test_a_module_missing_from_the_analysis_fails_the_check() -> None:
    required = {"casedesk.wiring.workspace": "casedesk/wiring/desktop.py", "json": "x.py"}
    assert rules.missing_modules(required, ["json", "casedesk"]) == [
        "casedesk.wiring.workspace (needed by casedesk/wiring/desktop.py)"
    ]
    assert rules.missing_modules(required, ["json", "casedesk.wiring.workspace"]) == []


def test_names_that_are_not_modules_are_dropped() -> None:
    required = {"casedesk.cli": "a", "casedesk.cli.main": "a"}
    kept = rules.only_modules(required, lambda name: name == "casedesk.cli")
    assert kept == {"casedesk.cli": "a"}


def test_icu_keeps_dutch_english_and_the_tables_no_locale_names() -> None:
    kept = ["root.res", "nl.res", "nl_NL.res", "en_GB.res", "coll/nl.res", "coll/root.res",
            "coll/ucadata.icu", "zone/nl.res", "zone/pool.res", "pool.res", "zoneinfo64.res",
            "supplementalData.res", "curr/supplementalData.res", "cnvalias.icu",
            "ibm-5348_P100-1997.cnv", "uts46.nrm", "nfc.nrm", "region/nl.res"]
    assert rules.icu_items_to_drop(kept) == []


def test_icu_leaves_out_what_qt_never_calls_for() -> None:
    # Break iterators, transliterators, character names: Qt Core calls none of them.
    unreached = ["brkitr/line.brk", "brkitr/cjdict.dict", "brkitr/nl.res", "translit/root.res",
                 "translit/nl.res", "unames.icu"]
    assert rules.icu_items_to_drop(["coll/ucadata.icu", *unreached]) == unreached


def test_icu_leaves_out_other_locales_and_legacy_converters() -> None:
    dropped = ["de.res", "de_AT.res", "coll/de_.res", "coll/zh_Hant_TW.res", "zone/ast.res",
               "gb18030.cnv", "ibm-1047_P100-1995.cnv", "translit/el.res"]
    assert rules.icu_items_to_drop(["nl.res", *dropped]) == dropped


def test_extension_files_of_the_analysis_are_known_by_their_module_names() -> None:
    # A late import of PySide6.QtWidgets must find the analysis' PySide6/QtWidgets.abi3.so.
    assert [
        rules.extension_module(path)
        for path in (
            "PySide6/QtWidgets.abi3.so",
            "_ssl.cpython-312-x86_64-linux-gnu.so",
            "PySide6\\QtCore.pyd",
            "_decimal.cp312-win_amd64.pyd",
            "sqlcipher3/_sqlite3.cpython-312-darwin.so",
        )
    ] == ["PySide6.QtWidgets", "_ssl", "PySide6.QtCore", "_decimal", "sqlcipher3._sqlite3"]
