"""A lost, damaged or foreign -wal, or an older store file, never silently loses a dossier.

The store below has twenty committed rows: ten folded into the file (five of them after an
older copy of the file was taken), ten more only in the ``-wal`` that a killed app left
behind. Each variant then does to the files what a
crash, a careless copy or a restore by hand does. Opening must either refuse in Dutch
(and change nothing) or find all twenty rows.
"""

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from casedesk.db.commit_marks import CommitMark, MarkRecorder, Verdict, compare
from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.models import Setting
from casedesk.db.store import StoreRolledBackError, create_store, open_store
from casedesk.errors import KnownError
from casedesk.services.store_admin import accept_store, check_store
from tests.conftest import MemoryKeyring
from tests.db.store_child import commit_and_die_in_child

ROWS_IN_FILE = [f"file-{n}" for n in range(5)]
ROWS_IN_FILE_LATER = [f"file-later-{n}" for n in range(5)]
ROWS_IN_OLD_WAL = [f"wal-{n}" for n in range(5)]
ROWS_IN_NEW_WAL = [f"later-{n}" for n in range(5)]
EVERY_ROW = {*ROWS_IN_FILE, *ROWS_IN_FILE_LATER, *ROWS_IN_OLD_WAL, *ROWS_IN_NEW_WAL}
WAL_HEADER = 32
FRAME_HEADER = 24


@dataclass(frozen=True)
class Baseline:
    """The store as a crash left it, and the older or foreign files to put beside it."""

    folder: Path
    key: bytes
    mark: str
    older_main: bytes  # the store file before the second five rows, cleanly closed
    older_wal: bytes  # the -wal with the next five rows, before the last five were added
    foreign_wal: bytes  # the -wal a crash left beside another store (another key)
    page_size: int


def _fresh_keychain() -> Keychain:
    return Keychain(MemoryKeyring())


def _store_with_rows(folder: Path, keychain: Keychain, keys: list[str]) -> StoreLocation:
    location = StoreLocation.in_dir(folder)
    store, _ = create_store(location, keychain)
    with store:
        for name in keys:
            with store.transaction() as session:
                session.add(Setting(key=name, value="x"))
    return location


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    root = tmp_path_factory.mktemp("wal-variants")
    keychain = _fresh_keychain()
    location = _store_with_rows(root / "store", keychain, ROWS_IN_FILE)
    older_main = location.store_file.read_bytes()
    with open_store(location, keychain) as store:
        for name in ROWS_IN_FILE_LATER:
            with store.transaction() as session:
                session.add(Setting(key=name, value="x"))
    assert location.store_file.read_bytes() != older_main
    commit_and_die_in_child(location, keychain, ROWS_IN_OLD_WAL)
    older_wal = location.wal_file.read_bytes()
    commit_and_die_in_child(location, keychain, ROWS_IN_NEW_WAL)
    assert len(location.wal_file.read_bytes()) > len(older_wal)

    other_keychain = _fresh_keychain()
    other = _store_with_rows(root / "other", other_keychain, [])
    commit_and_die_in_child(other, other_keychain, ["someone-else"])

    key = keychain.load_key(location.store_file)
    mark = keychain.load_commit_mark(location.store_file)
    assert key is not None and mark is not None
    return Baseline(
        folder=location.data_dir,
        key=key,
        mark=mark,
        older_main=older_main,
        older_wal=older_wal,
        foreign_wal=other.wal_file.read_bytes(),
        page_size=int.from_bytes(older_wal[8:12], "big"),
    )


def _copy_of(baseline: Baseline, tmp_path: Path) -> tuple[StoreLocation, Keychain]:
    folder = tmp_path / "data"
    shutil.copytree(baseline.folder, folder)
    location = StoreLocation.in_dir(folder)
    keychain = _fresh_keychain()
    keychain.save_key(location.store_file, baseline.key)
    keychain.save_commit_mark(location.store_file, baseline.mark)
    return location, keychain


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _cut(path: Path, length: int) -> None:
    path.write_bytes(path.read_bytes()[:length])


def _replace(location: StoreLocation, main: bytes, wal: bytes | None) -> None:
    location.store_file.write_bytes(main)
    if wal is None:
        location.wal_file.unlink()
    else:
        location.wal_file.write_bytes(wal)


Change = Callable[[StoreLocation, Baseline], object]


def _frame(baseline: Baseline, number: int) -> int:
    """Where WAL frame ``number`` (0-based) starts."""
    return WAL_HEADER + number * (FRAME_HEADER + baseline.page_size)


def _frames(location: StoreLocation, baseline: Baseline) -> int:
    size = location.wal_file.stat().st_size
    return (size - WAL_HEADER) // (FRAME_HEADER + baseline.page_size)


VARIANTS: dict[str, Change] = {
    "wal deleted": lambda loc, b: loc.wal_file.unlink(),
    "wal emptied": lambda loc, b: _cut(loc.wal_file, 0),
    "wal cut to its header": lambda loc, b: _cut(loc.wal_file, WAL_HEADER),
    "wal cut in half": lambda loc, b: _cut(loc.wal_file, loc.wal_file.stat().st_size // 2),
    "wal cut one byte short": lambda loc, b: _cut(loc.wal_file, loc.wal_file.stat().st_size - 1),
    "wal header salt flipped": lambda loc, b: _flip(loc.wal_file, 16),
    "wal header checksum flipped": lambda loc, b: _flip(loc.wal_file, 24),
    "first frame header flipped": lambda loc, b: _flip(loc.wal_file, _frame(b, 0) + 4),
    "first frame page flipped": lambda loc, b: _flip(loc.wal_file, _frame(b, 0) + 200),
    "middle frame page flipped": lambda loc, b: _flip(
        loc.wal_file, _frame(b, _frames(loc, b) // 2) + FRAME_HEADER + 100
    ),
    "last frame page flipped": lambda loc, b: _flip(
        loc.wal_file, _frame(b, _frames(loc, b) - 1) + FRAME_HEADER + 100
    ),
    "older wal put back": lambda loc, b: loc.wal_file.write_bytes(b.older_wal),
    "older store file put back beside the wal": lambda loc, b: loc.store_file.write_bytes(
        b.older_main
    ),
    "older store file put back alone": lambda loc, b: _replace(loc, b.older_main, None),
    "older store file and older wal put back": lambda loc, b: _replace(
        loc, b.older_main, b.older_wal
    ),
    "wal of another store": lambda loc, b: loc.wal_file.write_bytes(b.foreign_wal),
    "garbage appended to the wal": lambda loc, b: loc.wal_file.write_bytes(
        loc.wal_file.read_bytes() + bytes(range(256)) * 20
    ),
    "shm deleted": lambda loc, b: loc.shm_file.unlink(missing_ok=True),
    "shm zeroed": lambda loc, b: loc.shm_file.write_bytes(bytes(32768)),
    "shm garbage": lambda loc, b: loc.shm_file.write_bytes(bytes(range(256)) * 128),
    "store file cut one page short": lambda loc, b: _cut(
        loc.store_file, loc.store_file.stat().st_size - b.page_size
    ),
}


def _data_files(location: StoreLocation) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (location.store_file, location.wal_file)
        if path.exists()
    }


def _rows(location: StoreLocation, keychain: Keychain) -> set[str]:
    with open_store(location, keychain) as store, store.session() as session:
        return set(session.scalars(select(Setting.key)))


def test_the_baseline_opens_with_every_row(baseline: Baseline, tmp_path: Path) -> None:
    location, keychain = _copy_of(baseline, tmp_path)
    assert location.wal_file.stat().st_size > 0
    assert _rows(location, keychain) >= EVERY_ROW


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_changed_wal_or_store_file_is_refused_or_loses_nothing(
    baseline: Baseline, tmp_path: Path, variant: str
) -> None:
    location, keychain = _copy_of(baseline, tmp_path)
    VARIANTS[variant](location, baseline)
    before = _data_files(location)
    try:
        found = _rows(location, keychain)
    except KnownError as refusal:
        assert _data_files(location) == before, "a refusal must not change the files"
        report = check_store(location, keychain)
        assert not report.ok
        assert "casedesk restore" in str(refusal) or "beheerder" in str(refusal)
        return
    assert found >= EVERY_ROW, f"{variant}: lost {sorted(EVERY_ROW - found)}"


def test_a_lost_wal_is_refused_with_the_count_of_missing_changes(
    baseline: Baseline, tmp_path: Path
) -> None:
    location, keychain = _copy_of(baseline, tmp_path)
    location.wal_file.unlink()
    with pytest.raises(StoreRolledBackError, match="ontbreken 10 wijzigingen"):
        open_store(location, keychain)


def test_accepting_a_rolled_back_store_opens_it_and_logs_what_was_given_up(
    baseline: Baseline, tmp_path: Path
) -> None:
    location, keychain = _copy_of(baseline, tmp_path)
    location.wal_file.unlink()
    assert accept_store(location, keychain) == 10
    assert {*ROWS_IN_FILE, *ROWS_IN_FILE_LATER} <= _rows(location, keychain)
    assert check_store(location, keychain).ok


def test_a_restore_is_not_taken_for_a_rollback(baseline: Baseline, tmp_path: Path) -> None:
    from casedesk.db.backup import backup, restore

    location, keychain = _copy_of(baseline, tmp_path)
    with open_store(location, keychain) as store:
        older = backup(store)
        with store.transaction() as session:
            session.add(Setting(key="after-the-backup", value="x"))
    restore(location, keychain, older)
    assert _rows(location, keychain) >= EVERY_ROW
    assert check_store(location, keychain).ok


def _mark(count: int, commit: str = "c", store: str = "s") -> CommitMark:
    return CommitMark(store, count, commit)


@pytest.mark.parametrize(
    ("in_file", "recorded", "verdict"),
    [
        (_mark(5), _mark(5), Verdict.SAME),
        (_mark(7), _mark(5), Verdict.AHEAD),
        (_mark(4), _mark(5), Verdict.BEHIND),
        (_mark(5, "other"), _mark(5), Verdict.DIVERGED),
        (_mark(5, store="other"), _mark(5), Verdict.DIVERGED),
        (None, _mark(5), Verdict.UNKNOWN),
        (_mark(5), None, Verdict.UNKNOWN),
    ],
)
def test_marks_compare_by_store_count_and_last_commit(
    in_file: CommitMark | None, recorded: CommitMark | None, verdict: Verdict
) -> None:
    assert compare(in_file, recorded) is verdict


@pytest.mark.parametrize(
    "stored", [None, "", "{", "[]", '{"store": "s"}', '{"store":"s","count":-1,"commit":"c"}']
)
def test_a_keychain_entry_that_is_no_mark_reads_as_none(stored: str | None) -> None:
    assert CommitMark.from_text(stored) is None


def test_the_recorder_keeps_only_the_newest_mark_and_writes_it_on_close() -> None:
    written: list[str] = []
    recorder = MarkRecorder(written.append)
    for count in range(1, 50):
        recorder.note(_mark(count))
    assert recorder.close()
    assert CommitMark.from_text(written[-1]) == _mark(49)


def test_the_recorder_retries_after_a_keychain_that_said_no() -> None:
    calls: list[str] = []

    def locked_once(mark: str) -> None:
        calls.append(mark)
        if len(calls) == 1:
            raise RuntimeError("locked")

    recorder = MarkRecorder(locked_once)
    recorder.note(_mark(1))
    assert recorder.close()
    assert CommitMark.from_text(calls[-1]) == _mark(1)
