"""The one-dir bundle (``make bundle``): it works on its own and carries only what is used."""

import subprocess
from pathlib import Path

import pytest

from tests.installer.conftest import load_bundle_rules, tool_or_skip
from tests.installer.smoke_env import SMOKE_LINE_START, isolated_environment, left_behind

pytestmark = pytest.mark.slow


def bundled_modules(bundle: Path) -> set[str]:
    """The Python modules frozen into the bundle (the PYZ archive inside the executable)."""
    from PyInstaller.archive.readers import CArchiveReader  # type: ignore[import-untyped]

    archive = CArchiveReader(str(bundle / "casedesk"))
    pyz = archive.open_embedded_archive("PYZ.pyz")
    return set(pyz.toc)


def test_bundle_passes_its_smoke_test(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(bundle / "casedesk"), "--smoke"],
        env=isolated_environment(tmp_path), capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(SMOKE_LINE_START)
    assert len(result.stdout.splitlines()) == 1
    assert left_behind(tmp_path) == []


def test_bundle_loads_the_postgresql_driver_with_its_own_libpq(bundle: Path, tmp_path: Path
                                                               ) -> None:
    result = subprocess.run(
        [str(bundle / "casedesk"), "--smoke"],
        env=isolated_environment(tmp_path), capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert "PostgreSQL-stuurprogramma (libpq " in result.stdout
    internal = bundle / "_internal"
    assert list(internal.glob("psycopg_binary/pq.*"))
    assert list(internal.glob("psycopg_binary.libs/libpq-*.so*"))
    assert {"psycopg", "psycopg.pq", "sqlalchemy.dialects.postgresql.psycopg"} <= (
        bundled_modules(bundle)
    )


def test_bundle_gives_libpq_the_systems_openssl_not_a_second_copy(bundle: Path) -> None:
    tool_or_skip("patchelf")  # without it the build keeps psycopg's copy, and says so
    carried = [path.name for path in (bundle / "_internal").rglob("lib*.so.3")
               if path.name.startswith(("libssl", "libcrypto"))]
    assert carried == []
    # The .deb depends on the packages of these, so OpenSSL's security updates reach libpq.
    system_libraries = (bundle.parent / "casedesk.system-libraries").read_text().split()
    assert {"libssl.so.3", "libcrypto.so.3"} <= {Path(path).name for path in system_libraries}


def test_bundle_carries_the_late_loaded_parts(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "casedesk/db/migrations/env.py").is_file()
    assert list((internal / "casedesk/db/migrations/versions").glob("rev_0001_*.py"))
    assert (internal / "casedesk/resources/icons/casedesk-256.png").is_file()
    assert list((internal / "casedesk/resources/fonts").iterdir())
    assert (internal / "PySide6/Qt/translations/qtbase_nl.qm").is_file()
    assert list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert (internal / "pikepdf/pdfa/data/sRGB.icc").is_file()
    modules = bundled_modules(bundle)
    assert {"casedesk.wiring.desktop", "casedesk.wiring.workspace", "alembic.op"} <= modules
    assert "keyring.backends.SecretService" in modules


def test_bundle_leaves_out_other_languages_and_unused_qt(bundle: Path) -> None:
    files = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*")]
    translations = [f for f in files if f.endswith(".qm")]
    assert translations == ["_internal/PySide6/Qt/translations/qtbase_nl.qm"]
    unused = ("Qt6Qml", "Qt6Quick", "WebEngine", "platformthemes", "qmltooling", "opengl32sw")
    assert [f for f in files if any(name in f for name in unused)] == []


def test_bundle_has_no_development_tooling(bundle: Path) -> None:
    modules = bundled_modules(bundle)
    rules = load_bundle_rules()
    dev = ("tests", "bench", "pytest", "_pytest", "hypothesis", "mypy", *rules.DEV_ONLY_MODULES)
    assert sorted(m for m in modules if m.split(".")[0] in dev or m in dev) == []
