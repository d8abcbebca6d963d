"""Files written so that a crash or a full disk never leaves half a file under their name.

Everything casedesk writes holds or may hold personal data, so it is private to the user:
files 0600 and folders 0700 on POSIX, set explicitly rather than left to the umask.
"""

import errno
import os
import tempfile
from pathlib import Path

_DUTCH_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijf is vol",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "de schijf kan alleen gelezen worden",
    errno.ENOENT: "de map of het bestand bestaat niet",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van de plek is geen map",
    errno.EIO: "de schijf geeft een leesfout of schrijffout",
}


PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> None:
    """Creates ``folder`` (and missing parents) if needed, and makes it the user's alone.

    Parents that already exist keep their mode: they may be the user's home or a USB stick.
    """
    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    make_private(folder)


def create_private_file(path: Path) -> None:
    """Creates an empty file only the user may read; raises FileExistsError if one is there.

    SQLite gives a database's ``-wal`` and ``-shm`` the mode of the database file, so a
    store made in a file created here keeps all three private.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.close(descriptor)
    make_private(path)


def make_private(path: Path) -> None:
    """0600 for a file, 0700 for a folder (POSIX); Windows keeps the profile's own ACLs.

    A file system without modes (FAT on a USB stick) refuses or ignores the change; the
    file is then as private as that stick allows, which is not ours to change.
    """
    if os.name != "posix":
        return
    try:
        path.chmod(PRIVATE_FOLDER_MODE if path.is_dir() else PRIVATE_FILE_MODE)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise


def write_atomically(path: Path, data: bytes, *, prefix: str, suffix: str) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then move it over
    ``path`` in one rename: ``path`` is the old file or the new one, never a part.

    Raises ``OSError``; the temporary file (``prefix`` … ``suffix``) is removed on any failure.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
        make_private(Path(temporary))
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` (a rename) durable on POSIX; Windows cannot open a folder
    this way and has nothing to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def os_error_reason(error: OSError) -> str:
    """Why a file could not be read or written, in plain Dutch for the usual causes.

    The system's own text (often English) only for a rare cause, so the message still
    says what happened.
    """
    if error.errno in _DUTCH_REASONS:
        return _DUTCH_REASONS[error.errno]
    return error.strerror or str(error)
