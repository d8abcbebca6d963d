"""``casedesk --smoke``: proves that an installed casedesk works, without touching anything
of the user's.

For administrators after an installation (and for the bundle's tests): offscreen, on a
temporary store with a throwaway key kept in memory, never in the user's keychain, with
window settings in the same temporary folder. It goes through the real start-up path
(``cli.desktop_start``), so the modules the app loads late are loaded here too: a bundle
that misses one fails this check. Prints one line and exits 0, or says in Dutch what failed
and exits 1.

Part of the composition root: it knows the store's services and the UI's check.
"""

import faulthandler
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from casedesk import __version__
from casedesk.db.location import StoreLocation
from casedesk.errors import KnownError

DEMO_CASES = 12
WATCHDOG_SECONDS = 180
"""A smoke test that hangs (a dialog waiting for a click nobody gives) must end, not wait."""
SHOWN_MARKER_ENV = "CASEDESK_SMOKE_MARK_SHOWN"
"""When "1", ``shown`` goes to stderr the moment the window is shown (for ``make bench``)."""
DUTCH_CANCEL = "Annuleren"
DUTCH_ORDER = ("Aart", "Émile", "IJzerman", "Özdemir", "van Dam", "Zoë")
SMOKE_SERVER_ADDRESS = "postgresql://controle@localhost/casedesk"
"""Only parsed and turned into an engine, never connected to: the driver loads without a server."""
PLATFORM_KEYCHAINS = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}
"""keyring's entry point for the keychain of each platform (the app's keys live there)."""


class SmokeCheckError(KnownError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"De controle van deze installatie is mislukt: {what} Installeer casedesk "
            "opnieuw of geef deze melding aan de leverancier."
        )


@contextmanager
def isolated_session() -> Iterator[Path]:
    """A temporary folder for the store and the window settings, and the offscreen platform;
    both are put back and removed afterwards."""
    previous_platform = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with tempfile.TemporaryDirectory(prefix="casedesk-smoke-") as folder:
            yield Path(folder)
    finally:
        if previous_platform is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = previous_platform


def run_smoke_check() -> int:
    # A windowed Windows bundle has no stderr to report a hang on; it ends by exit code only.
    if sys.stderr is not None:
        faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    try:
        with isolated_session() as folder:
            print(smoke_check(folder))
    except KnownError:
        raise  # already says in Dutch what failed
    except Exception as error:
        # A broken installation shows up here (a module or data file left out of a bundle):
        # name the cause for whoever built it, in one line instead of a traceback.
        cause = f"{type(error).__name__}: {error}"
        raise SmokeCheckError(f"een onderdeel werkt niet ({cause}).") from error
    finally:
        faulthandler.cancel_dump_traceback_later()
    return 0


def smoke_check(folder: Path) -> str:
    """Runs every check in ``folder``; returns the one-line report, raises SmokeCheckError."""
    from casedesk.cli import desktop_start
    from casedesk.ui.smoke_check import check_desktop, keep_settings_in

    started = time.perf_counter()
    location = StoreLocation.in_dir(folder / "opslag")
    keep_settings_in(folder / "instellingen")
    with ExitStack() as keychain:

        def prepare() -> str:
            # After the window shows, as the app loads its store: the keyring and the
            # database layer load late in both, so the start-up figure is the app's own.
            from casedesk.smoke_keychain import throwaway_keychain

            keychain.enter_context(throwaway_keychain())
            return _fill_store(location)

        check = check_desktop(desktop_start(location), prepare, on_shown=_mark_shown)
    query = check.query
    if not check.window_title:
        raise SmokeCheckError("het hoofdvenster werd niet getoond.")
    if not check.has_icon:
        raise SmokeCheckError("het pictogram van casedesk ontbreekt.")
    if check.cancel_text != DUTCH_CANCEL:
        raise SmokeCheckError(
            f"de Nederlandse teksten van Qt ontbreken (de knop heet “{check.cancel_text}”)."
        )
    if check.dutch_order != DUTCH_ORDER:
        raise SmokeCheckError(
            "Qt sorteert namen niet op zijn Nederlands (de gegevens van ICU ontbreken): "
            + ", ".join(check.dutch_order)
        )
    if not check.found:
        raise SmokeCheckError(f"zoeken op “{query}” vond geen dossier.")
    if not check.dossier_title:
        raise SmokeCheckError("het dossier ging niet open.")
    platform_keychain = _platform_keychain()
    libpq = _postgres_driver()
    pdf_problems = _pdfa_problems(check.plan_pdf)
    if pdf_problems:
        raise SmokeCheckError(f"het actieplan is geen geldige PDF/A ({pdf_problems}).")
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    return (
        f"casedesk {__version__} werkt: venster getoond, Qt in het Nederlands, "
        f"zoeken op “{query}” vond {len(check.found)} dossier(s), actieplan PDF/A "
        f"({len(check.plan_pdf) // 1024} kB) in orde, sleutelhanger {platform_keychain} aanwezig, "
        f"PostgreSQL-stuurprogramma (libpq {libpq}) geladen; "
        f"{seconds} s."
    )


def _fill_store(location: StoreLocation) -> str:
    """A new store with synthetic dossiers; returns a search term that must find one."""
    from casedesk.db.keys import open_keychain
    from casedesk.db.store import open_store
    from casedesk.services.cases import case_page_source
    from casedesk.services.demo.fill import fill_with_demo_cases
    from casedesk.ui.setup.ports import FirstRunAnswers
    from casedesk.wiring import desktop as desktop_wiring

    # As the first-run dialog does it: the same wiring, the first municipality offered.
    municipality = desktop_wiring.current_municipalities()[0]
    desktop_wiring.create_store(location, FirstRunAnswers("Controle Installatie", municipality))
    with open_store(location, open_keychain()) as store:
        fill_with_demo_cases(store, DEMO_CASES, datetime.now(UTC))
        first = case_page_source(store)("", None, 1)
    if not first:
        raise SmokeCheckError("de voorbeelddossiers zijn niet opgeslagen.")
    return first[0].entrepreneur_name.split()[-1]


def _platform_keychain() -> str:
    """Loads this platform's keyring backend the way keyring finds it (an entry point in its
    package metadata, easily lost in a bundle); returns its name, or raises."""
    from importlib.metadata import entry_points

    expected = PLATFORM_KEYCHAINS.get(sys.platform, "")
    for entry in entry_points(group="keyring.backends"):
        if entry.name == expected:
            entry.load()
            return expected
    raise SmokeCheckError(
        f"de koppeling met de sleutelhanger van het systeem ({expected or sys.platform}) "
        "ontbreekt."
    )


def _postgres_driver() -> str:
    """Loads the regional mode's driver the way ``casedesk connect`` does (SQLAlchemy finds
    the dialect and psycopg by the address's name), with psycopg's own compiled libpq, which
    the bundle carries; returns that libpq's version, or raises. Connects to nothing."""
    from casedesk.db.server.store import create_server_engine, server_url

    try:
        create_server_engine(server_url(SMOKE_SERVER_ADDRESS)).dispose()
        import psycopg
    except ImportError as error:
        raise SmokeCheckError(
            f"het stuurprogramma voor een regionale server (psycopg) ontbreekt ({error})."
        ) from error
    if psycopg.pq.__impl__ != "binary":
        raise SmokeCheckError(
            "het stuurprogramma voor een regionale server gebruikt niet zijn eigen libpq "
            f"(psycopg laadde “{psycopg.pq.__impl__}” in plaats van “binary”)."
        )
    return psycopg.pq.version_pretty(psycopg.pq.version())


def _pdfa_problems(pdf: bytes) -> str:
    from casedesk.plan.pdfa import check_pdfa

    if not pdf.startswith(b"%PDF-"):
        return "er is geen PDF gemaakt"
    report = check_pdfa(pdf)
    return "" if report.passed else "; ".join(report.problems[:3])


def _mark_shown() -> None:
    if os.environ.get(SHOWN_MARKER_ENV) == "1":
        print("shown", file=sys.stderr, flush=True)
