"""A regional server's address as the caseworker fills it in (Bestand › Verbinden met
regionale server…), and the PostgreSQL address made of it."""

import ipaddress
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from casedesk.errors import KnownError

DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerFields:
    """The dialog's fields; the certificate files as paths (empty: not given)."""

    server: str = ""
    port: str = str(DEFAULT_PORT)
    database: str = ""
    user: str = ""
    password: str = ""
    certificate: str = ""
    key: str = ""
    root_certificate: str = ""
    key_passphrase: str = ""


def _is_loopback(server: str) -> bool:
    if server in ("localhost", "") or server.startswith("/"):
        return True
    try:
        return ipaddress.ip_address(server.strip("[]")).is_loopback
    except ValueError:
        return False


def address_of(fields: ServerFields) -> str:
    """``postgresql://user@server:port/database?sslmode=verify-full``; only a server on
    this computer without certificate files goes without ``verify-full``.

    Raises:
        KnownError: a field missing, or a port that is not a number from 1 to 65535.
    """
    server, database, user = fields.server.strip(), fields.database.strip(), fields.user.strip()
    required = ((server, "de server"), (database, "de database"), (user, "de gebruikersnaam"))
    for value, what in required:
        if not value:
            raise KnownError(f"Vul {what} in. Uw beheerder heeft u deze gegevens gegeven.")
    port_text = fields.port.strip() or str(DEFAULT_PORT)
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise KnownError(
            f"De poort ‘{fields.port}’ is geen getal van 1 tot 65535. Meestal is het "
            f"{DEFAULT_PORT}."
        )
    host = f"[{server}]" if ":" in server and not server.startswith("[") else server
    files = (fields.certificate, fields.key, fields.root_certificate)
    certificates = any(path.strip() for path in files)
    tls = "" if _is_loopback(server) and not certificates else "?sslmode=verify-full"
    return (
        f"postgresql://{quote(user, safe='')}@{host}:{int(port_text)}/"
        f"{quote(database, safe='')}{tls}"
    )


def fields_of(address: str) -> ServerFields:
    """The fields of a saved address (never a password: a saved address has none)."""
    parts = urlsplit(address)
    return ServerFields(
        server=parts.hostname or "",
        port=str(parts.port or DEFAULT_PORT),
        database=unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or ""),
    )
