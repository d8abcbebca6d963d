"""The municipality's settings printed on every plan: load, check the logo, save; and
the caseworker's own e-mail address printed next to them.

Stored as key/value settings (``db/municipality_settings_repo.py``: on a laptop the store's
one set, on a regional server one set per municipality); the logo's bytes are kept base64 in
one setting, next to its format. A logo is small (the check refuses more than 2 MB) and is
needed exactly when a plan is printed, so the settings table is the simplest right place.
"""

import base64
import binascii
import io
import warnings
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casedesk.db import caseworker_settings_repo, municipality_settings_repo, settings_repo
from casedesk.db.caseworker_settings_repo import EMAIL
from casedesk.db.data_store import DataStore
from casedesk.domain.dutch import lower_first
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.validation import checked_email
from casedesk.errors import KnownError

LOGO = "municipality.logo"
"""The logo file's bytes, base64."""
LOGO_FORMAT = "municipality.logo_format"
SIGNATURE_LINES = "plan.signature_lines"
"""``ja`` or ``nee``."""
PHONE_FROM_ABROAD = "municipality.phone_from_abroad"

_KEYS = (
    settings_repo.MUNICIPALITY_NAME,
    settings_repo.MUNICIPALITY_ADDRESS,
    settings_repo.MUNICIPALITY_PHONE,
    settings_repo.PRIVACY_TEXT,
    SIGNATURE_LINES,
    PHONE_FROM_ABROAD,
    LOGO,
    LOGO_FORMAT,
)
"""Every key of the municipality's details (migration 0036 moves the same ones)."""

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000
"""A 2 MB file can claim a 100,000 × 100,000 image (a decompression bomb)."""

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"


class LogoError(KnownError):
    """The chosen logo file cannot be used."""


def check_logo(data: bytes) -> str:
    """The logo's format (``png``, ``jpeg`` or ``svg``); raises :class:`LogoError` otherwise.

    PNG and JPEG are decoded completely (a truncated or damaged file is refused), an SVG
    must be well-formed XML with an ``<svg>`` root.
    """
    if not data:
        raise LogoError("Het logobestand is leeg. Kies een PNG-, JPEG- of SVG-bestand.")
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            "Het logobestand is groter dan 2 MB. Kies een kleinere versie van het logo "
            "(PNG, JPEG of SVG)."
        )
    if data.startswith(_PNG_MAGIC) or data.startswith(_JPEG_MAGIC):
        kind = "png" if data.startswith(_PNG_MAGIC) else "jpeg"
        _check_bitmap(data, kind)
        return kind
    if _is_svg(data):
        return "svg"
    raise LogoError(
        "Dit bestand is geen PNG-, JPEG- of SVG-afbeelding. Kies het logo als PNG, JPEG of SVG."
    )


def _check_bitmap(data: bytes, kind: str) -> None:
    from PIL import Image, UnidentifiedImageError

    too_large = LogoError(
        "Het logo heeft veel te veel beeldpunten om af te drukken. Kies een kleinere versie "
        "van het logo; 600 beeldpunten breed is goed voor afdrukken."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise too_large
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise LogoError(
            f"Het {kind.upper()}-bestand is beschadigd of onvolledig en kan niet worden "
            "gelezen. Sla het logo opnieuw op en kies het nog eens."
        ) from error
    if width < 16 or height < 16:
        raise LogoError(
            f"Het logo is te klein ({width} × {height} beeldpunten). Kies een logo van "
            "minstens 16 × 16 beeldpunten; 600 beeldpunten breed is goed voor afdrukken."
        )


def _is_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")):
        return False
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise LogoError(
            "Het SVG-bestand is beschadigd (geen geldige SVG). Sla het logo opnieuw op, of "
            "kies een PNG- of JPEG-bestand."
        ) from error
    return root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")


@dataclass(frozen=True, slots=True)
class EditableMunicipalities:
    """Whose details the dialog edits: on a regional server the login's municipalities
    (code, name) by name, with the one to show first; on a laptop none (its one set)."""

    choices: tuple[tuple[str, str], ...] = ()
    first: str | None = None


def editable_municipalities(store: DataStore) -> EditableMunicipalities:
    with store.session() as session:
        choices = tuple(municipality_settings_repo.editable_municipalities(session))
        first = municipality_settings_repo.default_municipality(session)
    return EditableMunicipalities(choices, first)


def load_municipality_settings(
    store: DataStore, municipality_code: str | None = None
) -> MunicipalitySettings:
    """The settings as stored; empty fields (and no logo) where nothing was saved yet.

    On a regional server those of ``municipality_code`` (the dossier's; None: the one
    :func:`editable_municipalities` shows first); a laptop has one set for every dossier.
    """
    with store.session() as session:
        return read_municipality_settings(session, municipality_code)


def read_municipality_settings(
    session: Session, municipality_code: str | None
) -> MunicipalitySettings:
    """:func:`load_municipality_settings` inside a session that is open already."""
    stored = municipality_settings_repo.read_values(session, municipality_code, _KEYS)

    def get(key: str) -> str:
        return stored.get(key, "")

    logo_text = get(LOGO)
    try:
        logo = base64.b64decode(logo_text, validate=True) if logo_text else None
    except binascii.Error:
        logo = None  # a damaged setting must not stop printing; the dialog shows none
    return MunicipalitySettings(
        name=get(settings_repo.MUNICIPALITY_NAME),
        logo=logo,
        address=get(settings_repo.MUNICIPALITY_ADDRESS),
        phone=get(settings_repo.MUNICIPALITY_PHONE),
        privacy_text=get(settings_repo.PRIVACY_TEXT),
        signature_lines=get(SIGNATURE_LINES) == "ja",
        phone_from_abroad=get(PHONE_FROM_ABROAD),
    )


def save_municipality_settings(
    store: DataStore, settings: MunicipalitySettings, municipality_code: str | None = None
) -> None:
    """Stores every field in one transaction; a bad logo is refused and nothing changes.

    On a regional server for ``municipality_code`` (None: as :func:`load_municipality_settings`);
    the server refuses a municipality the login does not work for.
    """
    logo_format = None if settings.logo is None else check_logo(settings.logo)
    values = {
        settings_repo.MUNICIPALITY_NAME: settings.name.strip(),
        settings_repo.MUNICIPALITY_ADDRESS: settings.address.strip(),
        settings_repo.MUNICIPALITY_PHONE: settings.phone.strip(),
        settings_repo.PRIVACY_TEXT: settings.privacy_text.strip(),
        SIGNATURE_LINES: "ja" if settings.signature_lines else "nee",
        PHONE_FROM_ABROAD: settings.phone_from_abroad.strip(),
        LOGO: "" if settings.logo is None else base64.b64encode(settings.logo).decode("ascii"),
        LOGO_FORMAT: logo_format or "",
    }
    with store.transaction() as session:
        if not municipality_settings_repo.write_values(session, municipality_code, values):
            raise KnownError(
                "Uw aanmelding op de regionale server hoort bij geen gemeente, dus er zijn "
                "geen gegevens van een gemeente om te bewaren. Vraag de beheerder van de "
                "server om uw aanmelding aan uw gemeente te koppelen."
            )


def caseworker_email(store: DataStore, caseworker_id: int | None = None) -> str:
    """A caseworker's own e-mail address, as plans print it ("" when not set).

    ``caseworker_id`` None: the current caseworker (on a server: the login's own). On a
    server a caseworker of none of this login's municipalities reads as "" (migration
    0038).
    """
    with store.session() as session:
        if caseworker_id is None:
            caseworker_id = settings_repo.current_caseworker_id(session)
        if caseworker_id is None:
            return ""
        return caseworker_settings_repo.read_value(session, caseworker_id, EMAIL) or ""


def save_caseworker_email(store: DataStore, email: str) -> None:
    """Stores the current caseworker's own address (on a server: the login's own),
    checked and normalized (empty: none); nothing without a current caseworker.

    Raises:
        KnownError: not an e-mail address (nothing stored).
    """
    value = checked_email(email, lambda problem: f"Uw {lower_first(problem)}")
    with store.transaction() as session:
        caseworker_id = settings_repo.current_caseworker_id(session)
        if caseworker_id is not None:
            caseworker_settings_repo.write_value(session, caseworker_id, EMAIL, value)
