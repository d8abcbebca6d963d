"""What goes into the PyInstaller bundle and what stays out; the check on its analysis.

Used by ``casedesk.spec`` (at build time, with PyInstaller's TOCs) and by the tests (with
plain lists), so the rules are tested without building. Standard library only.

PyInstaller finds most imports by reading bytecode, including imports inside functions.
What it cannot see: files that are loaded by path (the Alembic scripts), modules named in
package metadata (keyring's backends), and modules our exclusions cut away by mistake.
:func:`required_modules` lists them all; :func:`missing_modules` says which the analysis lacks.
"""

import ast
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

DEV_ONLY_MODULES = ("casedesk.plan.samples",)
"""Sample plans inside the package for the tests, the benchmarks and ``make screenshots``
(whose tooling lives outside the package, in ``tools/screenshots``): not shipped."""

EXCLUDED_MODULES = (
    *DEV_ONLY_MODULES,
    # Qt we do not use; PySide6's hooks would otherwise pull some in with their plugins.
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    # Image formats and XML tools casedesk never reads or uses (Pillow, lxml): 10 MB.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # Drawing text into images: only the screenshot tools do (FreeType, HarfBuzz: 2.5 MB).
    "PIL._imagingft",
    "PIL.ImageFont",
    "PIL.ImageDraw",
    "lxml.objectify",
    "lxml.isoschematron",
    "lxml.html",
    "lxml.sax",
    # Optional extras of our libraries that casedesk never calls (about 12 MB): reportlab's
    # hyphenation (pyphen, 6 MB of dictionaries) and code highlighting (pygments);
    # email-validator's DNS check (we check syntax only); phonenumbers' place names,
    # carriers and time zones (parsing, checking and formatting need only its metadata).
    # fontTools stays: pikepdf's PDF/A half needs it.
    "pyphen",
    "pygments",
    "dns",
    "email_validator.deliverability",
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # SQLAlchemy dialects of servers casedesk never talks to (SQLite now, PostgreSQL for the
    # regional mode), and the standard library's East Asian codecs (no file casedesk
    # reads is in them).
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
    "sqlalchemy.testing",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    # Test and documentation tools of the standard library.
    "unittest",
    "doctest",
    "pydoc_data",  # pydoc itself stays: python-stdnum imports it
    "xmlrpc",
    "lib2to3",
    # Test and development tools that may be installed in the build's environment.
    "tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "bench",
    "tests",
    "IPython",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
)

LOADED_BY_NAME = {
    # SQLAlchemy imports a dialect and its driver from the URL's name (``postgresql+psycopg``);
    # psycopg imports its compiled libpq binding by name (``psycopg_binary``), and that
    # binding links to the libpq it carries in ``psycopg_binary.libs``.
    "sqlalchemy.dialects.postgresql": "the regional mode's server address (postgresql+psycopg)",
    "sqlalchemy.dialects.postgresql.psycopg": "the regional mode's server address",
    "psycopg": "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg.pq": "psycopg",
    "psycopg_binary": "psycopg.pq (its binary implementation)",
    "psycopg_binary.pq": "psycopg.pq (its binary implementation)",
    "psycopg_binary._psycopg": "psycopg (its binary implementation)",
}
"""Modules loaded by a name in a string, which no analysis of the bytecode sees."""

KEPT_TRANSLATIONS = ("qtbase_nl.qm",)
"""Qt's own Dutch texts (buttons, context menus). Every other language stays out."""
KEPT_BABEL_LOCALES = ("root", "nl", "nl_NL")
"""Babel formats the plan's Dutch dates; its data for 900 other locales is 30 MB."""

_UNUSED_QT_PLUGIN_DIRS = (
    "generic",  # touch-screen input drivers (tslib, evdev)
    "networkinformation",
    "tls",
    "qmltooling",
    "sqldrivers",
    "egldeviceintegrations",
    "xcbglintegrations",  # OpenGL on X11: casedesk paints with the raster engine only
    "wayland-graphics-integration-client",
    "wayland-decoration-client",
    "wayland-shell-integration",
    "platformthemes",  # GTK theme bridge; the Fusion/native style needs none
    "designer",
    "wayland-graphics-integration-server",
)
_UNUSED_PLATFORMS = ("libqlinuxfb", "libqvnc", "libqeglfs", "libqminimalegl", "libqvkkhrdisplay",
                     "libqwayland", "libqminimal")
_UNUSED_IMAGE_FORMATS = ("qtga", "qtiff", "qwbmp", "qwebp", "qicns", "qpdf", "qico")
"""casedesk reads PNG (built in), JPEG and SVG logos only; ``qico`` is only for .ico files."""
_UNUSED_QT_LIBRARIES = (
    "Qt6Qml", "Qt6Quick", "Qt6QmlModels", "Qt6QmlMeta", "Qt6QmlWorkerScript",
    "Qt6OpenGL", "Qt6OpenGLWidgets", "Qt6VirtualKeyboard", "Qt6WaylandClient",
    "Qt6WaylandEglClientHwIntegration", "Qt6EglFSDeviceIntegration", "Qt6EglFsKmsSupport",
    "Qt6EglFsKmsGbmSupport", "opengl32sw",
)
"""``opengl32sw`` is Windows' software OpenGL (20 MB); casedesk draws no OpenGL. The Qt6Network
library stays (Qt6Pdf links to it), only its Python module is left out."""


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def keep_data(dest: str) -> bool:
    """Whether a data file (its path inside the bundle) is shipped."""
    parts = _parts(dest)
    if parts[0] == "stdnum" and parts[-1].endswith(".dat"):
        # Registries of other countries' numbers (bank codes, MAC prefixes): 2 MB; the Dutch
        # BSN and postcode checks casedesk uses are computed, not looked up.
        return False
    if "translations" in parts and parts[-1].endswith(".qm"):
        return parts[-1] in KEPT_TRANSLATIONS
    if "babel" in parts and "locale-data" in parts:
        return parts[-1].removesuffix(".dat") in KEPT_BABEL_LOCALES
    return not ("qml" in parts and "PySide6" in parts)


def keep_binary(dest: str) -> bool:
    """Whether a library or plugin (its path inside the bundle) is shipped."""
    parts = _parts(dest)
    name = parts[-1]
    if "plugins" in parts:
        kind = parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 1 else ""
        if kind in _UNUSED_QT_PLUGIN_DIRS:
            return False
        if kind == "platforms" and name.startswith(_UNUSED_PLATFORMS):
            return False
        if kind == "imageformats" and _stem(name) in _UNUSED_IMAGE_FORMATS:
            return False
    return _library_stem(name) not in _UNUSED_QT_LIBRARIES


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem.removeprefix("lib")


def _library_stem(name: str) -> str:
    """``libQt6Qml.so.6`` and ``Qt6Qml.dll`` both give ``Qt6Qml``."""
    return re.sub(r"\.(so(\.\d+)*|dll|dylib)$", "", name.removeprefix("lib"))


# --- what the analysis must contain ---------------------------------------------------------


def module_name(source: Path, src_root: Path) -> str:
    relative = source.relative_to(src_root).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports_in(source: Path, module: str, *, top_level: bool) -> set[str]:
    """The modules ``source`` imports inside functions (and at top level when asked).

    ``from a import b`` gives ``a.b`` as well as ``a``: whether ``b`` is a module is for the
    analysis to say (:func:`missing_modules` accepts either). Relative imports are resolved
    against ``module``.
    """
    tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
    found: set[str] = set()
    is_package = source.name == "__init__.py"
    for node, in_function in _walk(tree, in_function=False):
        if not (in_function or top_level):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, module, is_package)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _walk(node: ast.AST, *, in_function: bool) -> Iterable[tuple[ast.AST, bool]]:
    for child in ast.iter_child_nodes(node):
        if _is_type_checking_block(child):
            continue  # never imported at run time
        yield child, in_function
        inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        yield from _walk(child, in_function=inner)


def _is_type_checking_block(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )


def _absolute(name: str | None, level: int, module: str, is_package: bool) -> str:
    if level == 0:
        return name or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, name] if name else base)


def required_modules(src_root: Path, loaded_by_path: Iterable[Path], by_metadata: Iterable[str]
                     ) -> dict[str, str]:
    """Every module the bundle must contain that a plain analysis might miss, with why.

    ``src_root`` holds the ``casedesk`` package: its shipped modules' function-level imports
    count. ``loaded_by_path`` are scripts read as files at run time (Alembic's): all their
    imports count. ``by_metadata`` are modules named in entry points. The modules in
    :data:`LOADED_BY_NAME` always count.
    """
    required: dict[str, str] = {}
    for source in sorted((src_root / "casedesk").rglob("*.py")):
        module = module_name(source, src_root)
        if module in DEV_ONLY_MODULES:
            continue
        by_path = source in set(loaded_by_path)
        for name in imports_in(source, module, top_level=by_path):
            required.setdefault(name, str(source.relative_to(src_root)))
    for name in by_metadata:
        required.setdefault(name, "entry point")
    for name, by in LOADED_BY_NAME.items():
        required.setdefault(name, by)
    return required


def only_modules(required: dict[str, str], is_module: Callable[[str], bool]) -> dict[str, str]:
    """Drops the names that are not modules (``b`` in ``from a import b`` may be a class)."""
    return {name: by for name, by in required.items() if is_module(name)}


_EXTENSION_SUFFIX = re.compile(r"(\.(cpython-[^.]+|abi3|cp\d+-win_\w+))?\.(so|pyd)$")


def extension_module(path: str) -> str:
    """The module an extension file of the analysis is: ``PySide6/QtWidgets.abi3.so`` and
    ``_ssl.cpython-312-x86_64-linux-gnu.so`` and ``PySide6\\QtCore.pyd`` by dotted name."""
    return _EXTENSION_SUFFIX.sub("", path).replace("/", ".").replace("\\", ".")


def missing_modules(required: dict[str, str], analysed: Iterable[str]) -> list[str]:
    """The required modules the analysis lacks, as ``module (needed by …)`` lines."""
    present = set(analysed)
    return [f"{name} (needed by {by})" for name, by in sorted(required.items())
            if name not in present]


def _is_excluded(name: str) -> bool:
    return any(name == ex or name.startswith(ex + ".") for ex in EXCLUDED_MODULES)


def excluded_but_required(required: dict[str, str]) -> list[str]:
    """Required modules that the exclusions would cut out."""
    return [f"{name} (needed by {by})" for name, by in sorted(required.items())
            if _is_excluded(name)]


# --- ICU's data, trimmed to the locales casedesk shows ----------------------------------------

KEPT_ICU_LOCALES = frozenset({"root", "nl", "nl_NL", "nl_BE", "en", "en_001", "en_150", "en_GB",
                              "en_US"})
"""Qt asks ICU for Dutch collation (file dialogs, sorted lists), case rules and time zone
names; English and root are the fallbacks ICU walks to. The other 800 locales are 20 MB."""
KEPT_ICU_CONVERTERS = frozenset({"ibm-5348_P100-1997.cnv", "ibm-923_P100-1998.cnv"})
"""windows-1252 and ISO-8859-15, the legacy encodings a Dutch file may still come in; the
UTF encodings and Latin-1 are built into ICU's code. The other 200 tables are 5 MB."""
_ICU_LOCALE_ITEM = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
"""``nl.res``, ``zh_Hant_TW.res``, ``de_.res``; not ``root.res``, ``pool.res`` or the
locale-independent tables (``supplementalData.res``, ``zoneinfo64.res``)."""


ICU_UNREACHED = ("brkitr/", "translit/", "unames.icu")
"""Qt Core, the only user of ICU in the bundle, calls ICU for collation, upper and lower
case, converters and time-zone names only (``nm -D --undefined-only libQt6Core.so.6``):
never a break iterator (its text boundaries are Qt's own), a transliterator or a
character's name, so their data (brkitr's CJK, Khmer and Thai dictionaries, translit,
unames: 4.7 MB) is never read."""


def icu_items_to_drop(items: Iterable[str]) -> list[str]:
    """The items of an ICU data package (``icupkg -l``: ``coll/nl.res``, ``gb18030.cnv``)
    that the bundle leaves out: other locales, legacy converters and what Qt never reaches
    (:data:`ICU_UNREACHED`). Every other table no locale names stays."""
    dropped = []
    for item in items:
        name = PurePosixPath(item).name
        if item.startswith(ICU_UNREACHED):
            dropped.append(item)
        elif name.endswith(".cnv"):
            if name not in KEPT_ICU_CONVERTERS:
                dropped.append(item)
        elif _ICU_LOCALE_ITEM.match(name) and name.removesuffix(".res") not in KEPT_ICU_LOCALES:
            dropped.append(item)
    return dropped
