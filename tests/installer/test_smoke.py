"""``casedesk --smoke`` from the source checkout: what the bundle's smoke test runs."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.smoke_env import SMOKE_LINE_START, isolated_environment, left_behind

pytestmark = pytest.mark.slow


def run_smoke(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casedesk", "--smoke"],
        env=isolated_environment(home), capture_output=True, text=True, timeout=240,
    )


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One smoke run (it takes seconds), its home, and its output."""
    home = tmp_path_factory.mktemp("home")
    result = run_smoke(home)
    assert result.returncode == 0, result.stderr
    return home, result.stdout


def test_smoke_check_prints_one_line_and_exits_0(smoke_run: tuple[Path, str]) -> None:
    lines = smoke_run[1].splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(SMOKE_LINE_START)
    assert "Qt in het Nederlands" in lines[0] and "PDF/A" in lines[0]
    assert "PostgreSQL-stuurprogramma (libpq " in lines[0]
    if sys.platform == "linux":
        assert "sleutelhanger SecretService aanwezig" in lines[0]


def test_smoke_check_never_touches_the_users_keychain_or_folders(
    smoke_run: tuple[Path, str],
) -> None:
    # The OS keychain was keyring's "fail" backend: one call to it would have failed the run.
    assert left_behind(smoke_run[0]) == []


def test_a_broken_installation_is_reported_in_dutch_with_exit_1(tmp_path: Path) -> None:
    # Qt's translations gone, as from a bundle that left them out: the check must notice.
    environment = isolated_environment(tmp_path)
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTranslator\n"
        "QTranslator.load = lambda *args, **kwargs: False\n"
        "from casedesk.cli import main\n"
        "sys.exit(main(['--smoke']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True,
        timeout=240,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "De controle van deze installatie is mislukt" in result.stderr
    assert "Nederlandse teksten van Qt ontbreken" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_postgresql_driver_without_its_own_libpq_is_reported_in_dutch(tmp_path: Path) -> None:
    # psycopg's binary part gone, as from a bundle that left it out: psycopg then falls back
    # to a libpq of the system (or to nothing), which an installed casedesk must not rely on.
    script = (
        "import sys\n"
        "sys.modules['psycopg_binary'] = None\n"
        "from casedesk.cli import main\n"
        "sys.exit(main(['--smoke']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=isolated_environment(tmp_path),
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "De controle van deze installatie is mislukt" in result.stderr
    assert "stuurprogramma voor een regionale server" in result.stderr
    assert "Traceback" not in result.stderr
