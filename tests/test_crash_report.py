"""A bug is reported, not sprayed: one private file without personal data, one Dutch line."""

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

import casedesk
from casedesk.cli import EXIT_BUG, main
from casedesk.crash_report import (
    KEPT_REPORTS,
    LOG_DIR_ENV,
    crash_message,
    log_folder,
    write_crash_report,
)
from casedesk.db.store import Store
from tests.conftest import MemoryKeyring

MARKER = "Zoë Markeerling 123456782"


def failing_demo_fill(store: Store, *_args: object) -> int:
    """A bug in a command: an SQL statement that fails with a name among its parameters."""
    with store.session() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (:name)"), {"name": MARKER})
    return 0


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs" / "casedesk"
    monkeypatch.setenv(LOG_DIR_ENV, str(folder))
    return folder


def raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as caught:
        return caught


def only_report(folder: Path) -> Path:
    reports = list(folder.iterdir())
    assert len(reports) == 1
    return reports[0]


def test_a_command_that_hits_a_bug_exits_70_naming_a_report_without_its_sql_parameters(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    log_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = str(tmp_path / "data")
    assert main(["--data-dir", data_dir, "init"]) == 0
    capsys.readouterr()
    monkeypatch.setattr("casedesk.services.demo.fill.fill_with_demo_cases", failing_demo_fill)
    status = main(["--data-dir", data_dir, "demo", "--cases", "1"])
    _, err = capsys.readouterr()
    report = only_report(log_dir)
    assert status == EXIT_BUG == 70
    assert "Traceback" not in err
    assert str(report) in err
    assert err.startswith("casedesk: Er ging iets mis in casedesk")
    assert "beheerder" in err
    content = report.read_bytes()
    assert MARKER.encode() not in content
    assert b"Markeerling" not in content
    assert b"sqlalchemy.exc.OperationalError" in content
    assert b"casedesk/cli/__init__.py" in content
    assert b"in failing_demo_fill" in content


def test_the_sql_error_of_that_test_does_carry_the_marker_in_its_message(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    # Keeps the test above honest: SQLAlchemy really quotes the parameters it was given.
    from casedesk.db.keys import open_keychain
    from tests.stores import new_store

    with new_store(tmp_path, open_keychain()) as store, pytest.raises(SQLAlchemyError) as caught:
        failing_demo_fill(store)
    assert MARKER in str(caught.value)


def test_a_report_names_versions_and_where_but_no_message_or_home_folder(log_dir: Path) -> None:
    error = raised(ValueError("BSN 123456782 van Fatma Özdemir"))
    report = write_crash_report(error)
    assert report is not None
    content = report.read_text(encoding="utf-8")
    assert f"casedesk: {casedesk.__version__}" in content
    assert "python: 3." in content
    assert "platform: " in content
    assert "builtins.ValueError" in content
    assert "test_crash_report.py" in content
    assert "in raised" in content
    assert "123456782" not in content
    assert "Özdemir" not in content
    assert str(Path.home()) not in content


def test_a_chained_error_reports_its_cause_too(log_dir: Path) -> None:
    try:
        try:
            raise KeyError("Özdemir")
        except KeyError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        report = write_crash_report(outer)
    assert report is not None
    content = report.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in content
    assert "builtins.KeyError" in content
    assert "Özdemir" not in content


def test_a_deep_recursion_is_reported_with_its_ends_and_stays_small(log_dir: Path) -> None:
    def endless(depth: int) -> int:
        return endless(depth + 1)

    try:
        endless(0)
    except RecursionError as error:
        report = write_crash_report(error)
    assert report is not None
    content = report.read_text(encoding="utf-8")
    assert "frames left out" in content
    assert len(content) < 20_000


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_report_is_0600_in_a_0700_folder_whatever_the_umask(log_dir: Path) -> None:
    previous = os.umask(0o000)
    try:
        report = write_crash_report(raised(ValueError("x")))
    finally:
        os.umask(previous)
    assert report is not None
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_open_log_folder_is_made_private(log_dir: Path) -> None:
    log_dir.mkdir(parents=True, mode=0o755)
    log_dir.chmod(0o755)
    write_crash_report(raised(ValueError("x")))
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700


def test_only_the_newest_reports_are_kept(log_dir: Path) -> None:
    for _ in range(KEPT_REPORTS + 3):
        write_crash_report(raised(ValueError("x")))
    assert len(list(log_dir.iterdir())) == KEPT_REPORTS


def test_when_no_report_can_be_written_the_user_is_still_told_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(LOG_DIR_ENV, str(blocker / "casedesk"))
    assert write_crash_report(raised(ValueError("x"))) is None
    message = crash_message(None)
    assert "geen foutrapport" in message
    assert "beheerder" in message


def test_without_the_override_reports_go_to_the_platform_log_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    monkeypatch.delenv(LOG_DIR_ENV)
    assert log_folder() == Path(platformdirs.user_log_dir("casedesk", appauthor=False))
