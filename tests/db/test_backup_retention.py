"""Backup rotation never keeps a backup past the longest retention term."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from casedesk.db import settings_repo
from casedesk.db.backup import BackupFile, backup, backup_file_name, backups_to_keep
from casedesk.db.keys import Keychain
from casedesk.domain.retention import ResultType, setting_key
from tests.stores import new_store

NOW = datetime(2036, 6, 15, 9, tzinfo=UTC)


def _monthly(first_year: int, last_year: int) -> list[BackupFile]:
    times = [
        datetime(year, month, 1, 9, tzinfo=UTC)
        for year in range(first_year, last_year + 1)
        for month in range(1, 13)
        if datetime(year, month, 1, 9, tzinfo=UTC) <= NOW
    ]
    return [BackupFile(Path(backup_file_name(time)), time) for time in times]


def test_no_monthly_backup_older_than_the_longest_term_of_ten_years_is_kept() -> None:
    kept = backups_to_keep(_monthly(2024, 2036), now=NOW)
    oldest = min(datetime.strptime(p.name[9:24], "%Y%m%d-%H%M%S") for p in kept)
    assert oldest == datetime(2026, 7, 1, 9)
    assert len(kept) == 120


def test_a_shorter_longest_term_shortens_what_is_kept() -> None:
    kept = backups_to_keep(_monthly(2030, 2036), now=NOW, max_age_years=5)
    assert all(p.name >= "casedesk-20310615" for p in kept)


def test_a_backup_rotates_by_the_municipalitys_own_longest_term(
    tmp_path: Path, keychain: Keychain
) -> None:
    with new_store(tmp_path / "data", keychain) as store:
        with store.transaction() as session:
            for result in ResultType:
                settings_repo.set_setting(session, setting_key(result), "2")
        folder = store.location.backups_dir
        folder.mkdir(parents=True, exist_ok=True)
        old = folder / backup_file_name(datetime.now(UTC) - timedelta(days=3 * 366))
        old.write_bytes(b"an old backup")
        backup(store)
        assert not old.exists()
