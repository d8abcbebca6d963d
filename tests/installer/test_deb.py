"""The Debian package (``make deb``): the program only, installable, removable, Dutch."""

import os
import subprocess
from pathlib import Path

import pytest

from casedesk import __version__
from tests.installer.conftest import ROOT, missing, tool_or_skip
from tests.installer.smoke_env import SMOKE_LINE_START, isolated_environment

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def deb() -> Path:
    tool_or_skip("dpkg-deb")
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    path = ROOT / "dist" / f"casedesk_{__version__}_{arch}.deb"
    if not path.is_file():
        missing(f"no package at {path}: run make deb first")
    return path


def field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def contents(deb: Path) -> list[str]:
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    # "drwxr-xr-x root/root 0 2026-12-01 21:00 ./opt/casedesk/" (links end in "-> target")
    return [line.split()[5] for line in listing.splitlines()]


def packaged_file(deb: Path, path: str) -> str:
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], capture_output=True, check=True)
    return subprocess.run(
        ["tar", "-xO", f".{path}"], input=tar.stdout, capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_package_carries_the_version_of_the_app(deb: Path) -> None:
    assert field(deb, "Package") == "casedesk"
    assert field(deb, "Version") == __version__
    assert f"_{__version__}_" in deb.name


def test_package_depends_on_the_x11_libraries_qt_needs(deb: Path) -> None:
    depends = {name.strip() for name in field(deb, "Depends").split(",")}
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1", "libegl1"} <= depends


def test_package_holds_the_program_and_never_user_data(deb: Path) -> None:
    paths = contents(deb)
    assert "./opt/casedesk/casedesk" in paths
    assert "./usr/bin/casedesk" in paths
    assert "./usr/share/applications/casedesk.desktop" in paths
    assert "./usr/share/icons/hicolor/256x256/apps/casedesk.png" in paths
    allowed = ("./", "./opt/", "./usr/")
    assert [p for p in paths if not p.startswith(allowed) or p.startswith("./usr/local")] == []
    user_data = (".db", ".db-wal", ".db-shm", ".lock", "/backups/", ".input-hash", ".pyc")
    assert [p for p in paths if any(marker in p for marker in user_data)] == []


def test_menu_entry_has_a_dutch_name_and_the_icon(deb: Path) -> None:
    entry = packaged_file(deb, "/usr/share/applications/casedesk.desktop")
    lines = entry.splitlines()
    assert "Name=casedesk zelfstandigenloket" in lines
    assert "Comment=Intake, advies en actieplan voor zelfstandig ondernemers" in lines
    assert "Icon=casedesk" in lines
    assert "Exec=casedesk" in lines


def test_installed_package_passes_the_smoke_test_and_removes_cleanly(
    deb: Path, tmp_path: Path
) -> None:
    if os.geteuid() != 0:
        missing("installing a package needs root")
    tool_or_skip("dpkg")
    installed = subprocess.run(["dpkg-query", "-W", "casedesk"], capture_output=True)
    if installed.returncode == 0:
        pytest.skip("casedesk is installed on this machine already; not touching it")
    dossiers = tmp_path / "data" / "casedesk"
    dossiers.mkdir(parents=True)
    (dossiers / "casedesk.db").write_bytes(b"the caseworker's own store")
    try:
        subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, check=True)
        result = subprocess.run(
            ["/usr/bin/casedesk", "--smoke"], env=isolated_environment(tmp_path),
            capture_output=True, text=True, timeout=240,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(SMOKE_LINE_START)
    finally:
        subprocess.run(["dpkg", "-r", "casedesk"], capture_output=True, check=True)
    assert not Path("/opt/casedesk").exists()
    assert not Path("/usr/bin/casedesk").exists()
    assert (dossiers / "casedesk.db").read_bytes() == b"the caseworker's own store"
