"""What the municipality puts on every printed plan: name, logo, contact, privacy text."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MunicipalitySettings:
    """The municipality's own details, as the settings dialog edits them.

    Attributes:
        name: e.g. "Gemeente Súdwest-Fryslân".
        logo: the logo file's bytes (PNG, SVG or JPEG), checked when chosen; ``None`` when
            the municipality has no logo on its plans.
        address: postal or visiting address; may span lines.
        phone: the counter's phone number as people should dial it.
        phone_from_abroad: the full number for callers from Belgium or Germany, when
            ``phone`` is a 14 0xx number (those cannot be dialled from abroad).
        privacy_text: the two or three plain sentences of "Uw gegevens".
        signature_lines: whether plans end with lines to sign.
    """

    name: str = ""
    logo: bytes | None = None
    address: str = ""
    phone: str = ""
    privacy_text: str = ""
    signature_lines: bool = False
    phone_from_abroad: str = ""
