"""Connecting this computer to a regional server, or back to its own store: the one
use case behind ``casedesk connect`` and Bestand › Verbinden met regionale server….

The address is kept in the data folder with the paths of a client certificate, the
password and the key's passphrase in the OS keychain (``db/server/choice.py``); the app
opens the server from its next start on.
"""

from dataclasses import dataclass, replace
from pathlib import Path

from casedesk.db.keys import Keychain
from casedesk.db.location import StoreLocation
from casedesk.db.server import connection as server_connection
from casedesk.db.server.admin import ServerCheck, check_server
from casedesk.db.server.choice import NO_CERTIFICATE, CertificateFiles, saved_connection
from casedesk.db.server.store import create_server_engine, server_url
from casedesk.domain.server_address import ServerFields, address_of, fields_of


@dataclass(frozen=True)
class ConnectionRequest:
    """A login on a regional server: its address (a password or libpq's certificate
    parameters in it are taken apart as ``casedesk connect`` keeps them)."""

    address: str
    password: str = ""
    files: CertificateFiles = NO_CERTIFICATE
    key_passphrase: str = ""


@dataclass(frozen=True)
class Connected:
    description: str
    """``regionale server …, database …``."""
    login: str


def request_of(fields: ServerFields) -> ConnectionRequest:
    """The dialog's fields as a request; the address refused as ``server_url`` does."""
    address = address_of(fields)
    server_url(address)
    return ConnectionRequest(
        address,
        fields.password,
        CertificateFiles(
            _path(fields.certificate), _path(fields.key), _path(fields.root_certificate)
        ),
        fields.key_passphrase,
    )


def _path(text: str) -> Path | None:
    return Path(text.strip()).expanduser() if text.strip() else None


def check(request: ConnectionRequest) -> ServerCheck:
    """``casedesk server check`` for this login, saving nothing: the server answers, the
    connection's encryption, the schema, a login fit for the app, the shielding.

    Raises:
        KnownError: an unsafe address, an unusable certificate file, or a server that
            cannot be reached or refuses the login (in Dutch).
    """
    url, files, passphrase = server_connection.split_secrets(
        server_url(request.address), request.files, request.key_passphrase or None
    )
    engine = create_server_engine(
        url.set(password=request.password or url.password), files, passphrase
    )
    try:
        return check_server(engine)
    finally:
        engine.dispose()


def connect(location: StoreLocation, keychain: Keychain, request: ConnectionRequest) -> Connected:
    """Opens the server as this login (refusing an unsafe address, certificate or login,
    and another version's schema), then keeps the choice for the next start.

    Raises:
        KnownError: as ``check``, and an owner's, superuser's or BYPASSRLS login; then
            nothing is kept.
    """
    with server_connection.connect(
        location, keychain, request.address, request.password, request.files,
        request.key_passphrase or None,
    ) as store:  # fmt: skip
        return Connected(store.description, store.login)


def back_to_local(location: StoreLocation, keychain: Keychain) -> str | None:
    """Works with the store on this computer again; the server's address that was used,
    or None when casedesk already worked here. The keychain forgets the password and the
    key's passphrase."""
    return server_connection.disconnect(location, keychain)


def saved_fields(location: StoreLocation) -> ServerFields | None:
    """The saved connection as the dialog shows it (no password, no passphrase)."""
    saved = saved_connection(location)
    if saved is None:
        return None
    files = saved.files
    return replace(
        fields_of(saved.address),
        certificate=str(files.certificate or ""),
        key=str(files.key or ""),
        root_certificate=str(files.root_certificate or ""),
    )
