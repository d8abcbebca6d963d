"""Which regional server this computer works with (``casedesk connect``), if any.

The address (without its password) is kept in ``regionale-server.json`` in the data
folder; the password in the OS keychain, under the address. Without that file casedesk
works with the encrypted store on this computer, as before. Light on purpose (no
database layer): the desktop app reads it before its first window shows.
"""

from pathlib import Path
from urllib.parse import urlsplit

from casedesk.db.location import StoreLocation
from casedesk.errors import KnownError
from casedesk.files import os_error_reason

CONNECTION_FILE_NAME = "regionale-server.json"


def connection_file(location: StoreLocation) -> Path:
    return location.data_dir / CONNECTION_FILE_NAME


def saved_address(location: StoreLocation) -> str | None:
    """The server address ``casedesk connect`` saved; None when working locally."""
    path = connection_file(location)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KnownError(f"Casedesk kan {path} niet lezen: {os_error_reason(error)}.") from None
    import json  # only when a server was chosen: a local start does not need it

    try:
        address = json.loads(text)["address"]
    except (ValueError, KeyError, TypeError):
        address = None
    if not isinstance(address, str):
        raise KnownError(
            f"Het bestand {path} is beschadigd. Verbind opnieuw met `casedesk connect "
            "ADRES`, of werk weer op deze computer met `casedesk connect --local`."
        )
    return address


def status_text(address: str) -> str:
    """What the status bar says instead of the store file's path."""
    parts = urlsplit(address)
    where = parts.hostname or "deze computer"
    return f"Opslag: regionale server {where}, database {parts.path.lstrip('/')}"
