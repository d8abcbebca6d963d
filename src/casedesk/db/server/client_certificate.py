"""A client certificate for a regional server that asks for one, checked before libpq
sees it, and libpq's certificate refusals said in Dutch.

libpq's own failures are English and some only come after a wait: a key file others may
read is refused, and an encrypted key without its passphrase makes OpenSSL ask for it on
the terminal (which hangs a desktop app). Both are caught here first.
"""

import os
import stat
import sys
from pathlib import Path

from casedesk.db.server.choice import CertificateFiles
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


class CertificateFileError(KnownError):
    """A certificate, key or root certificate file that cannot be used as it is."""


_WHAT = {
    "certificate": "het clientcertificaat",
    "key": "het sleutelbestand van het clientcertificaat",
    "root_certificate": "het rootcertificaat van de regio",
}
_NOTHING_CHANGED = "Er is geen verbinding gemaakt en niets veranderd."


def check_files(files: CertificateFiles, passphrase: str | None) -> None:
    """Refuses, in Dutch, what libpq would refuse or stall on.

    Raises:
        CertificateFileError: as ``check_usable``, or an encrypted key without its
            passphrase.
    """
    check_usable(files)
    if files.key is not None and is_encrypted_key(files.key) and not passphrase:
        raise CertificateFileError(
            f"Het sleutelbestand {files.key} is beveiligd met een wachtwoord. Geef het "
            f"wachtwoord van de sleutel. {_NOTHING_CHANGED}"
        )


def check_usable(files: CertificateFiles) -> None:
    """The files exist and can be read, and the key is private, before a passphrase is
    asked for.

    Raises:
        CertificateFileError: a missing or unreadable file, a certificate without its key
            (or the other way round), or a key others may read.
    """
    if (files.certificate is None) != (files.key is None):
        raise CertificateFileError(
            "Geef het clientcertificaat en het sleutelbestand dat erbij hoort allebei (uw "
            f"beheerder gaf ze samen). {_NOTHING_CHANGED}"
        )
    for field, what in _WHAT.items():
        path: Path | None = getattr(files, field)
        if path is not None:
            _check_readable(path, what)
    if files.key is not None:
        _check_private(files.key)


def _check_readable(path: Path, what: str) -> None:
    try:
        with path.open("rb") as file:
            file.read(1)
    except FileNotFoundError:
        raise CertificateFileError(
            f"Het bestand {path} ({what}) bestaat niet. Controleer waar u het bestand van uw "
            f"beheerder hebt neergezet. {_NOTHING_CHANGED}"
        ) from None
    except OSError as error:
        raise CertificateFileError(
            f"Het bestand {path} ({what}) kan niet worden gelezen: {os_error_reason(error)}. "
            f"{_NOTHING_CHANGED}"
        ) from None


def _check_private(key: Path) -> None:
    """libpq's own rule: a key owned by this user readable by nobody else (0600), or a
    root-owned key readable by its group at most (0640)."""
    if sys.platform == "win32":
        return  # libpq checks no permissions there
    status = key.stat()
    if status.st_uid == os.geteuid():
        too_open = 0o077
    elif status.st_uid == 0:
        too_open = 0o037
    else:
        return
    if status.st_mode & too_open:
        raise CertificateFileError(
            f"Het sleutelbestand {key} mag door andere gebruikers van deze computer worden "
            f"gelezen (rechten {stat.filemode(status.st_mode)}); daarmee werkt de server "
            "niet. Maak het alleen voor uzelf leesbaar, bijvoorbeeld met: "
            f"chmod 600 {key} — en probeer het daarna opnieuw. {_NOTHING_CHANGED}"
        )


def is_encrypted_key(key: Path) -> bool:
    """PKCS#8 (``BEGIN ENCRYPTED PRIVATE KEY``) or the older ``Proc-Type: 4,ENCRYPTED``;
    a DER key is not looked into (libpq is given the passphrase anyway)."""
    try:
        head = key.read_bytes()[:4096]
    except OSError:
        return False
    return b"ENCRYPTED PRIVATE KEY" in head or b"4,ENCRYPTED" in head


def connect_parameters(files: CertificateFiles, passphrase: str | None) -> dict[str, str]:
    """libpq's parameters for the files and the key's passphrase (``sslpassword``)."""
    parameters = files.libpq_parameters()
    if passphrase:
        parameters["sslpassword"] = passphrase
    return parameters


def certificate_refusal(message: str) -> str | None:
    """libpq's or the server's certificate refusal (its English first lines) as a Dutch
    sentence, or None when the failure is not about certificates."""
    if "bad decrypt" in message or "could not load private key" in message:
        return (
            "het wachtwoord van de sleutel klopt niet, of het sleutelbestand hoort niet bij "
            "het clientcertificaat. Controleer het wachtwoord van de sleutel"
        )
    if "has group or world access" in message:
        return "het sleutelbestand mag door anderen worden gelezen; maak het privé (chmod 600)"
    if "requires a valid client certificate" in message:
        return (
            "de server vraagt een clientcertificaat. Geef het certificaat en het "
            "sleutelbestand die uw beheerder u gaf"
        )
    if "certificate authentication failed" in message:
        return (
            "het clientcertificaat staat op een andere naam dan de gebruiker. Gebruik het "
            "certificaat dat voor uw gebruikersnaam is gemaakt"
        )
    if "unknown ca" in message or "bad certificate" in message or "certificate unknown" in message:
        return (
            "de server kent uw clientcertificaat niet (het is niet door de regio "
            "uitgegeven). Vraag uw beheerder om het juiste certificaat"
        )
    if "root certificate file" in message and "does not exist" in message:
        return (
            "het rootcertificaat van de regio ontbreekt op deze computer. Geef het bestand "
            "dat uw beheerder u gaf"
        )
    if "certificate verify failed" in message or "server certificate" in message:
        return (
            "het certificaat van de server klopt niet bij het rootcertificaat van de regio, "
            "of staat op een andere naam. Controleer de servernaam en het rootcertificaat"
        )
    return None
