"""Which regional server this computer works with (``casedesk connect``), if any.

The address (without its password) is kept in ``regionale-server.json`` in the data
folder, with the paths of a client certificate, its key and the region's root
certificate when the server asks for one; the password and the key's passphrase in the
OS keychain, under the address. Without that file casedesk works with the encrypted store
on this computer, as before. Light on purpose (no database layer): the desktop app reads
it before its first window shows.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from casedesk.db.location import StoreLocation
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


@dataclass(frozen=True)
class CertificateFiles:
    """A client certificate for a server that asks for one (``clientcert=verify-full``),
    and the region's root certificate to check the server's; paths only, never a secret.
    Each is None when not given (libpq then looks in ``~/.postgresql``)."""

    certificate: Path | None = None
    key: Path | None = None
    root_certificate: Path | None = None

    def libpq_parameters(self) -> dict[str, str]:
        """As libpq's connection parameters (``sslcert``, ``sslkey``, ``sslrootcert``)."""
        pairs = (
            ("sslcert", self.certificate),
            ("sslkey", self.key),
            ("sslrootcert", self.root_certificate),
        )
        return {name: str(path) for name, path in pairs if path is not None}

    def __bool__(self) -> bool:
        return any((self.certificate, self.key, self.root_certificate))


NO_CERTIFICATE = CertificateFiles()

_FILE_FIELDS = {"sslcert": "certificate", "sslkey": "key", "sslrootcert": "root_certificate"}


@dataclass(frozen=True)
class SavedConnection:
    address: str
    """The server's address without a password (``postgresql://kim@server/casedesk?…``)."""
    files: CertificateFiles = NO_CERTIFICATE

    def to_json(self) -> dict[str, str]:
        return {"address": self.address, **self.files.libpq_parameters()}


def saved_connection(location: StoreLocation) -> SavedConnection | None:
    """What ``casedesk connect`` saved; None when working locally."""
    path = location.connection_file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KnownError(f"Casedesk kan {path} niet lezen: {os_error_reason(error)}.") from None
    import json  # only when a server was chosen: a local start does not need it

    try:
        saved = json.loads(text)
        address = saved["address"]
        files = {field: saved.get(name) for name, field in _FILE_FIELDS.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        address, files = None, {}
    if not isinstance(address, str) or not all(
        value is None or isinstance(value, str) for value in files.values()
    ):
        raise KnownError(
            f"Het bestand {path} is beschadigd. Verbind opnieuw met `casedesk connect "
            "ADRES`, of werk weer op deze computer met `casedesk connect --local`."
        )
    paths = {field: Path(value) for field, value in files.items() if value}
    return SavedConnection(address, CertificateFiles(**paths))


def saved_address(location: StoreLocation) -> str | None:
    """The server address ``casedesk connect`` saved; None when working locally."""
    saved = saved_connection(location)
    return saved.address if saved is not None else None


def status_text(address: str) -> str:
    """What the status bar says instead of the store file's path."""
    parts = urlsplit(address)
    where = parts.hostname or "deze computer"
    return f"Opslag: regionale server {where}, database {parts.path.lstrip('/')}"
