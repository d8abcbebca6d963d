"""Connecting this computer to a regional server, and opening it at the next start.

Where the choice is kept: ``db/server_choice.py``.
"""

import json
from contextlib import suppress

from sqlalchemy import URL

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server_choice import connection_file, saved_address
from casedesk.db.server_store import ServerStore, open_server_store, server_url
from casedesk.errors import KnownError
from casedesk.files import make_private_folder, write_atomically


def address_without_password(url: URL) -> str:
    # URL.set() leaves a field alone when given None.
    return url._replace(password=None).render_as_string(hide_password=False)


def connect(
    location: StoreLocation, keychain: Keychain, address: str, password: str
) -> ServerStore:
    """Opens the server as this login (refusing what ``open_server_store`` refuses), then
    keeps the address and the password for the next start."""
    url = server_url(address)
    store = open_server_store(url, password or url.password)
    try:
        plain = address_without_password(url)
        keychain.save_server_password(plain, password or url.password or "")
        make_private_folder(location.data_dir)
        write_atomically(
            connection_file(location),
            json.dumps({"address": plain}, ensure_ascii=False).encode("utf-8"),
            prefix=".regionale-server.",
            suffix=".tmp",
        )
    except BaseException:
        store.close()
        raise
    return store


def disconnect(location: StoreLocation, keychain: Keychain) -> str | None:
    """Back to the store on this computer; returns the address that was used, if any."""
    address = saved_address(location)
    if address is not None:
        keychain.delete_server_password(address)
    with suppress(FileNotFoundError):
        connection_file(location).unlink()
    return address


def open_connected_store(keychain: Keychain, address: str) -> ServerStore:
    password = keychain.load_server_password(address)
    if password is None:
        raise KnownError(
            "De sleutelhanger heeft geen wachtwoord voor de regionale server. Verbind "
            f"opnieuw met: casedesk connect {address}"
        )
    return open_server_store(address, password)
