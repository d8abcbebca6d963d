"""What the action-plan screens need from the rest of casedesk, as small typed ports.

The composition root binds each port to one dossier (e.g. ``functools.partial`` over the
store and the case id) and hands them to the preview, the documents panel and the settings
dialog; the UI never imports ``casedesk.db``, ``casedesk.plan`` or ``casedesk.services``.
Every port may raise ``KnownError``; the screens show its message and change nothing else.
"""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from casedesk.domain.dossier import DocumentLine
from casedesk.domain.municipality import MunicipalitySettings


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """One action plan as a PDF, either freshly rendered or a stored version.

    Attributes:
        pdf: the PDF bytes, exactly as printed and saved.
        created_at: when it was rendered (timezone-aware, or naive UTC).
        caseworker: who made it, as the preview names them.
        version_id: the stored version's id; ``None`` for a fresh render that was only
            looked at (a plan is stored when it is first printed or saved).
        sha256: hex digest of ``pdf``; filled in from ``pdf`` when not given, and checked
            against it when given.
        source: whatever ``render_plan`` needs back in ``store_version`` to store this
            render (e.g. the service's rendered document with the data it was built from).
            The UI never looks at it.
        warnings: what cannot be printed as typed, one Dutch line per field; the preview
            shows them before the caseworker prints.
    """

    pdf: bytes
    created_at: datetime
    caseworker: str
    version_id: int | None = None
    sha256: str = ""
    source: object = field(default=None, compare=False, repr=False)
    to_check: tuple[str, ...] = field(default=(), compare=False)
    """What still needs a look before printing a fresh render, in plain Dutch."""
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.pdf).hexdigest()
        if not self.sha256:
            object.__setattr__(self, "sha256", digest)
        elif self.sha256 != digest:
            raise ValueError("sha256 does not match the PDF bytes")

    @property
    def is_stored(self) -> bool:
        return self.version_id is not None


RenderPlan = Callable[[], PlanDocument]
"""Renders the dossier's plan from its current data; ``version_id`` is ``None``."""

StoreVersion = Callable[[PlanDocument], PlanDocument]
"""Stores a fresh render (as ``render_plan`` returned it, ``source`` included) as an
immutable version of the dossier (bytes, sha256, time, caseworker, the data it was built
from) and returns it with its ``version_id``; the bytes must stay exactly the same."""

ListVersions = Callable[[], Sequence[DocumentLine]]
"""The dossier's stored document versions, newest first."""

LoadVersion = Callable[[int], bytes]
"""The PDF bytes of one stored version, exactly as stored."""


@dataclass(frozen=True, slots=True)
class PlanPorts:
    """The action-plan services of one dossier."""

    render_plan: RenderPlan
    store_version: StoreVersion
    list_versions: ListVersions
    load_version: LoadVersion
    render_referral_letter: Callable[[int], PlanDocument] | None = None
    """The warm-handover letter for one referral of the dossier (by referral id)."""
    record_output: "RecordOutput | None" = None
    """Logs that a stored version was printed or saved as a file."""


RecordOutput = Callable[[int, str, str, int], None]
"""Logs that a stored version left the app: (version id, "printed" or "saved", outcome
"done" or "failed", pages printed)."""


@dataclass(frozen=True, slots=True)
class SettingsPorts:
    """Loading, checking and saving the municipality's settings.

    Attributes:
        load: the settings of the municipality with this code as stored (defaults when
            none were saved yet); ``None``: the store's one set (a laptop).
        save: stores all settings of that municipality in one transaction.
        check_logo: checks a logo file's bytes before they are accepted; returns the
            format ("png", "svg", "jpeg"); raises ``KnownError`` with a Dutch message that
            says what is wrong with the file and what to choose instead.
    """

    load: Callable[[str | None], MunicipalitySettings]
    save: Callable[[MunicipalitySettings, str | None], None]
    check_logo: Callable[[bytes], str]
    caseworker_email: Callable[[], str]
    """The current caseworker's own e-mail address (printed on their plans), "" for none;
    on a regional server the login's own."""
    save_caseworker_email: Callable[[str], None]
    """Checks, normalizes and stores that address ("" for none); raises ``KnownError``
    for text that is no e-mail address."""
    municipalities: Sequence[tuple[str, str]] = ()
    """(code, name) of each municipality whose details the caseworker may change (on a
    regional server); with two or more the dialog asks which one. Empty: the store's one
    set, ``load`` and ``save`` get ``None``."""
    first_municipality: str | None = None
    """The code of ``municipalities`` the dialog shows first."""
