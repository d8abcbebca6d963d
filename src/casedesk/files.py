"""Files written so that a crash or a full disk never leaves half a file under their name."""

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


def write_atomically(path: Path, data: bytes, *, prefix: str, suffix: str) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then move it over
    ``path`` in one rename: ``path`` is the old file or the new one, never a part.

    Raises ``OSError``; the temporary file (``prefix`` … ``suffix``) is removed on any failure.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
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
