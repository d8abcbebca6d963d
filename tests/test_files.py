"""A file written atomically is the old one or the new one, never a part."""

import errno
import os
from pathlib import Path

import pytest

from casedesk.files import os_error_reason, write_atomically


def test_the_new_content_replaces_the_old_and_no_temporary_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "actieplan.pdf"
    target.write_bytes(b"oud")
    write_atomically(target, b"nieuw", prefix=".actieplan-", suffix=".pdf")
    assert target.read_bytes() == b"nieuw"
    assert [path.name for path in tmp_path.iterdir()] == ["actieplan.pdf"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "actieplan.pdf"
    target.write_bytes(b"oud")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"nieuw", prefix=".actieplan-", suffix=".pdf")
    assert target.read_bytes() == b"oud"
    assert [path.name for path in tmp_path.iterdir()] == ["actieplan.pdf"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "de schijf is vol"),
        (errno.EACCES, "geen toestemming"),
        (errno.EROFS, "de schijf kan alleen gelezen worden"),
        (errno.ENOENT, "de map of het bestand bestaat niet"),
    ],
)
def test_the_usual_file_errors_are_explained_in_dutch(code: int, reason: str) -> None:
    assert os_error_reason(OSError(code, "English text from the system")) == reason


def test_a_rare_file_error_keeps_the_systems_own_text() -> None:
    assert os_error_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "Too many levels of symbolic links"
    )
