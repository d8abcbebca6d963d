"""Connecting this computer to a regional server, and opening it at the next start.

Where the choice is kept: ``db/server/choice.py``.
"""

import json
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from sqlalchemy import URL

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server.choice import (
    NO_CERTIFICATE,
    CertificateFiles,
    SavedConnection,
    saved_connection,
)
from casedesk.db.server.store import ServerStore, open_server_store, server_url
from casedesk.errors import KnownError
from casedesk.files import make_private_folder, write_atomically

_FILE_PARAMETERS = {"sslcert": "certificate", "sslkey": "key", "sslrootcert": "root_certificate"}


def address_without_password(url: URL) -> str:
    # URL.set() leaves a field alone when given None.
    return url._replace(password=None).render_as_string(hide_password=False)


def split_secrets(
    url: URL, files: CertificateFiles, key_passphrase: str | None
) -> tuple[URL, CertificateFiles, str | None]:
    """The address as it is kept (the certificate files beside it, the key's passphrase in
    the keychain), from an address that may carry them in its query as libpq allows;
    what is given apart wins over what the address says."""
    query = dict(url.query)
    from_address = {
        field: Path(str(query.pop(name)))
        for name, field in _FILE_PARAMETERS.items()
        if name in query
    }
    in_address = query.pop("sslpassword", None)
    given = {field: getattr(files, field) for field in _FILE_PARAMETERS.values()}
    # Absolute: the app starts in another folder than the command ran in.
    merged = replace(
        files,
        **{
            field: path.expanduser().absolute() if path is not None else None
            for field in given
            for path in [given[field] or from_address.get(field)]
        },
    )
    passphrase = key_passphrase or (str(in_address) if in_address else None)
    return url.set(query=query), merged, passphrase


def connect(
    location: StoreLocation,
    keychain: Keychain,
    address: str,
    password: str,
    files: CertificateFiles = NO_CERTIFICATE,
    key_passphrase: str | None = None,
) -> ServerStore:
    """Opens the server as this login (refusing what ``open_server_store`` refuses), then
    keeps the address, the certificate files' paths, the password and the key's
    passphrase for the next start."""
    url, files, key_passphrase = split_secrets(server_url(address), files, key_passphrase)
    password = password or url.password or ""
    store = open_server_store(url, password, files, key_passphrase)
    try:
        previous = saved_connection(location)
        plain = address_without_password(url)
        keychain.save_server_password(plain, password)
        if key_passphrase:
            keychain.save_server_key_passphrase(plain, key_passphrase)
        else:
            keychain.delete_server_key_passphrase(plain)
        make_private_folder(location.data_dir)
        write_atomically(
            location.connection_file,
            json.dumps(SavedConnection(plain, files).to_json(), ensure_ascii=False).encode(),
            prefix=".regionale-server.",
            suffix=".tmp",
        )
        if previous is not None and previous.address != plain:
            # Another server or login than before: its secrets are no longer needed.
            keychain.delete_server_password(previous.address)
            keychain.delete_server_key_passphrase(previous.address)
    except BaseException:
        store.close()
        raise
    return store


def disconnect(location: StoreLocation, keychain: Keychain) -> str | None:
    """Back to the store on this computer; returns the address that was used, if any."""
    saved = saved_connection(location)
    if saved is not None:
        keychain.delete_server_password(saved.address)
        keychain.delete_server_key_passphrase(saved.address)
    with suppress(FileNotFoundError):
        location.connection_file.unlink()
    return saved.address if saved is not None else None


def open_connected_store(keychain: Keychain, saved: SavedConnection) -> ServerStore:
    password = keychain.load_server_password(saved.address)
    if password is None:
        raise KnownError(
            "De sleutelhanger heeft geen wachtwoord voor de regionale server. Verbind "
            f"opnieuw met: casedesk connect {saved.address}"
        )
    passphrase = keychain.load_server_key_passphrase(saved.address) if saved.files.key else None
    return open_server_store(saved.address, password, saved.files, passphrase)
