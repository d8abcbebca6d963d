"""The composition root: arguments, opening the store, then a command or the desktop app.

``casedesk`` alone starts the app; every other command works without a screen. Errors the
user can act on go to stderr in Dutch with exit status 1; wrong arguments exit 2; a bug of
ours writes a crash report (``casedesk.crash_report``) and exits 70 (EX_SOFTWARE), with one
Dutch line naming the report instead of a traceback.
"""

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from casedesk import clock
from casedesk.db.location import StoreLocation, resolve_location
from casedesk.errors import KnownError

if TYPE_CHECKING:
    from types import ModuleType

    from casedesk.db.data_store import DataStore
    from casedesk.db.keys import Keychain
    from casedesk.domain.case import CaseSummary
    from casedesk.domain.catalog import Catalog
    from casedesk.domain.catalog_edit import VersionDetails
    from casedesk.domain.regions import Municipality, RegionCode
    from casedesk.ui.desktop import DesktopStart

# Commands import what they use when they run: the desktop app shows its window before the
# database layer is even loaded, and `casedesk check` never loads Qt.

Handler = Callable[[argparse.Namespace, StoreLocation], int]

EXIT_BUG = 70
"""A bug of ours (sysexits' EX_SOFTWARE); a crash report names what happened."""


def run() -> NoReturn:
    """The ``casedesk`` program (its console script, ``python -m casedesk``, the bundle)."""
    status = main()
    # Whatever main() opened is closed by now. The interpreter's last full garbage
    # collection, over the database layer, reportlab, pikepdf and the fonts, took some
    # 300 ms of every command; it skips frozen objects, and the system frees them anyway.
    gc.freeze()
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    # `casedesk` alone starts the app: the parser of every command would only delay its window.
    args = build_parser().parse_args(given) if given else argparse.Namespace(data_dir=None)
    # --smoke stores its handler in the same place, so without it argparse leaves None there.
    handler: Handler = getattr(args, "handler", None) or run_app
    try:
        return handler(args, resolve_location(args.data_dir))
    except KnownError as error:
        print(f"casedesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("casedesk: afgebroken.", file=sys.stderr)
        return 130
    except Exception as error:
        from casedesk.crash_report import crash_message, write_crash_report

        print(f"casedesk: {crash_message(write_crash_report(error))}", file=sys.stderr)
        return EXIT_BUG


def build_parser() -> argparse.ArgumentParser:
    from casedesk.cli.dutch import install_dutch_argparse  # `casedesk` alone parses nothing

    install_dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="casedesk",
        description="casedesk: het zelfstandigenloket. Zonder opdracht start de app.",
    )
    parser.add_argument(
        "--data-dir",
        type=file_path,
        metavar="MAP",
        help="map van de opslag (anders CASEDESK_DATA_DIR of de standaardmap)",
    )
    parser.add_argument(
        "--smoke",
        action="store_const",
        const=run_smoke,
        dest="handler",
        help="controleer deze installatie (zonder scherm, met een tijdelijke opslag) en stop",
    )
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT")

    init = commands.add_parser("init", help="maak een nieuwe versleutelde opslag")
    init.add_argument("--caseworker", metavar="NAAM", help="naam van de medewerker")
    init.add_argument("--municipality", metavar="GEMEENTE", help="gemeente (naam of GM-code)")
    init.set_defaults(handler=cmd_init)

    check = commands.add_parser("check", help="controleer sleutel en opslag")
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser("backup", help="maak een gecontroleerde reservekopie")
    backup.add_argument("--to", type=file_path, metavar="BESTAND", help="waar de kopie komt")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="zet een reservekopie terug")
    restore.add_argument("file", type=file_path, metavar="BESTAND")
    restore.set_defaults(handler=cmd_restore)

    accept = commands.add_parser(
        "accept",
        help="neem de opslag zoals hij nu is weer in gebruik, na een melding dat er "
        "wijzigingen ontbreken",
    )
    accept.set_defaults(handler=cmd_accept)

    recover = commands.add_parser(
        "recover", help="zet de sleutel terug in de sleutelhanger met de herstelsleutel"
    )
    recover.set_defaults(handler=cmd_recover)

    demo = commands.add_parser("demo", help="vul de opslag met verzonnen voorbeelddossiers")
    demo.add_argument("--cases", type=demo_count, required=True, metavar="AANTAL")
    demo.add_argument("--seed", type=int, default=2026, help=argparse.SUPPRESS)
    demo.set_defaults(handler=cmd_demo)

    catalog = commands.add_parser(
        "catalog", help="catalogus controleren, exporteren of in gebruik nemen"
    )
    catalog_commands = catalog.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    catalog.set_defaults(
        handler=lambda _args, _location: _missing_subcommand(catalog, "validate, export of import")
    )
    catalog_validate = catalog_commands.add_parser(
        "validate", help="controleer een catalogusbestand"
    )
    catalog_validate.add_argument("file", type=file_path, metavar="BESTAND")
    catalog_validate.set_defaults(handler=cmd_catalog_validate)
    catalog_export = catalog_commands.add_parser(
        "export",
        help="geef met --author de volgende versie van de catalogus uit als bestand; zonder "
        "--author een kopie van de versie in gebruik",
        description="Met --author geeft casedesk de volgende versie van de catalogus in gebruik "
        "uit (nummer, datum, auteur; titel en regio als u die geeft), schrijft die naar "
        "BESTAND en houdt haar hier in gebruik, zoals Catalogus › Beheren… › Exporteren. "
        "Zonder --author schrijft casedesk een kopie van de versie in gebruik, zonder nieuw "
        "versienummer.",
    )
    catalog_export.add_argument("file", type=file_path, metavar="BESTAND")
    catalog_export.add_argument(
        "--author", metavar="NAAM", help="wie deze versie uitgeeft; nodig voor een nieuwe versie"
    )
    catalog_export.add_argument(
        "--title", metavar="TITEL", help="titel van de nieuwe versie (anders de huidige titel)"
    )
    catalog_export.add_argument(
        "--region", metavar="REGIO",
        help="arbeidsmarktregio van de nieuwe versie: code (AM26) of naam zoals het CBS die "
        "schrijft, of 'landelijk' (anders de huidige regio)",
    )  # fmt: skip
    catalog_export.set_defaults(handler=cmd_catalog_export)
    catalog_import = catalog_commands.add_parser(
        "import",
        help="toon wat een catalogusbestand verandert en neem het na bevestiging in gebruik",
        description="casedesk toont eerst wat het bestand verandert (nieuwe, gewijzigde en "
        "verdwenen onderdelen, met de velden) en vraagt dan: Doorgaan? [j/N]. Met --yes "
        "neemt casedesk het bestand in gebruik zonder te vragen; zonder terminal en zonder "
        "--yes verandert er niets.",
    )
    catalog_import.add_argument("file", type=file_path, metavar="BESTAND")
    catalog_import.add_argument(
        "--yes", action="store_true", help="neem het bestand in gebruik zonder het nog te vragen"
    )
    catalog_import.set_defaults(handler=cmd_catalog_import)

    routekaart = commands.add_parser(
        "routekaart", help="maak de routekaart van de regio als PDF (per route regie en aanbod)"
    )
    routekaart.add_argument("--out", type=file_path, required=True, metavar="BESTAND.pdf")
    routekaart.set_defaults(handler=cmd_routekaart)

    regions = commands.add_parser(
        "regions", help="gemeenten en arbeidsmarktregio's (tabel van het CBS)"
    )
    regions_commands = regions.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    regions.set_defaults(handler=lambda _args, _location: _missing_subcommand(regions, "import"))
    regions_import = regions_commands.add_parser(
        "import", help="neem een nieuwere CBS-tabel van gemeenten en regio's in gebruik"
    )
    regions_import.add_argument("file", type=file_path, metavar="BESTAND.csv")
    regions_import.add_argument(
        "--yes", action="store_true", help="neem de tabel in gebruik zonder het nog te vragen"
    )
    regions_import.set_defaults(handler=cmd_regions_import)

    audit = commands.add_parser("audit", help="het logboek controleren")
    audit_commands = audit.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    audit.set_defaults(
        handler=lambda _args, _location: _missing_subcommand(audit, "verify of export")
    )
    audit_verify = audit_commands.add_parser(
        "verify", help="controleer of het logboek na het vastleggen is veranderd"
    )
    audit_verify.set_defaults(handler=cmd_audit_verify)
    audit_export = audit_commands.add_parser(
        "export", help="schrijf het logboek van een periode als CSV (voor de privacyfunctionaris)"
    )
    audit_export.add_argument("--from", dest="first", type=dutch_day, required=True,
                              metavar="DATUM")
    audit_export.add_argument("--to", dest="last", type=dutch_day, required=True,
                              metavar="DATUM")
    audit_export.add_argument("--out", type=file_path, required=True, metavar="BESTAND.csv")
    audit_export.set_defaults(handler=cmd_audit_export)

    report = commands.add_parser(
        "report", help="maak het rapport van de regio over een periode (PDF of CSV, zonder namen)"
    )
    report.add_argument("--from", dest="first", type=dutch_day, required=True, metavar="DATUM")
    report.add_argument("--to", dest="last", type=dutch_day, required=True, metavar="DATUM")
    report.add_argument("--out", type=file_path, required=True, metavar="BESTAND.pdf|.csv")
    report.set_defaults(handler=cmd_report)
    from casedesk.cli.server import add_server_commands

    add_server_commands(commands, file_path, _missing_subcommand)

    plan = commands.add_parser("plan", help="maak het actieplan van een dossier als PDF")
    plan.add_argument("case_id", type=case_number, metavar="DOSSIERNUMMER")
    plan.add_argument("--out", type=file_path, required=True, metavar="BESTAND.pdf")
    plan.set_defaults(handler=cmd_plan)

    inzage = commands.add_parser(
        "inzage", help="alles wat over de ondernemer is bewaard, als PDF en JSON (AVG art. 15)"
    )
    inzage.add_argument("case_id", type=case_number, metavar="DOSSIERNUMMER")
    inzage.add_argument("--out", type=file_path, required=True, metavar="MAP")
    inzage.set_defaults(handler=cmd_inzage)

    purge = commands.add_parser(
        "purge", help="verwijder de dossiers waarvan de bewaartermijn voorbij is"
    )
    purge.add_argument(
        "--yes", action="store_true", help="verwijder ze zonder het nog te vragen"
    )
    purge.set_defaults(handler=cmd_purge)

    retention = commands.add_parser(
        "retention",
        help="toon de bewaartermijnen (Selectielijst), of stel er een in voor deze gemeente",
    )
    retention.add_argument("result_type", nargs="?", metavar="SOORT",
                           help="bijvoorbeeld 21_verstrekt of 8_geweigerd")  # fmt: skip
    retention.add_argument("years", nargs="?", type=int, metavar="JAREN")
    retention.set_defaults(handler=cmd_retention)

    erase = commands.add_parser(
        "erase",
        help="verwijder één dossier op verzoek van de ondernemer (als de bewaartermijn "
        "voorbij is)",
    )
    erase.add_argument("case_id", type=case_number, metavar="DOSSIERNUMMER")
    erase.set_defaults(handler=cmd_erase)

    advise = commands.add_parser("advise", help="geef het advies bij antwoorden (JSON)")
    advise.add_argument("file", type=file_path, metavar="ANTWOORDEN.json")
    advise.add_argument(
        "--municipality", metavar="GEMEENTE",
        help="gemeente van het loket, voor wie over de grens woont (naam of GM-code)",
    )
    advise.set_defaults(handler=cmd_advise)

    intake = commands.add_parser("intake", help="intakes inlezen")
    intake_commands = intake.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    intake.set_defaults(handler=lambda _args, _location: _missing_subcommand(intake, "import"))
    intake_import = intake_commands.add_parser(
        "import", help="maak een dossier van een antwoordenbestand (JSON) en noem het nummer"
    )
    intake_import.add_argument("file", type=Path, metavar="ANTWOORDEN.json")
    intake_import.add_argument(
        "--municipality", metavar="GEMEENTE",
        help="gemeente van het loket (naam of GM-code; anders die van deze opslag)",
    )  # fmt: skip
    intake_import.set_defaults(handler=cmd_intake_import)

    cases = commands.add_parser("cases", help="toon dossiers: nummer, naam, gemeente, route")
    cases.add_argument("--search", default="", metavar="TEKST", help="zoek op naam of plaats")
    cases.add_argument(
        "--status", action="append", choices=[*CASE_STATUS_CHOICES], metavar="STATUS",
        help=f"alleen dossiers met deze status ({', '.join(CASE_STATUS_CHOICES)}); mag vaker",
    )  # fmt: skip
    cases.add_argument("--limit", type=int, default=100, metavar="AANTAL", help="hoeveel (100)")
    cases.set_defaults(handler=cmd_cases)
    return parser


def dutch_day(text: str) -> date:
    """A date as an administrator types it, read as every date field reads it
    (``domain/dates.py``: 1-12-2026, 01122026, 1 dec 2026, …)."""
    from casedesk.domain.dates import read_date

    reading = read_date(text, clock.today())
    if reading.day is None:
        raise argparse.ArgumentTypeError(
            f"“{text}” is geen datum: {reading.problem or 'geef een datum als 1-12-2026'}"
        )
    return reading.day


CASE_STATUS_CHOICES = (
    *("aangemeld", "intake", "advies", "plan_gemaakt", "lopend", "afgesloten"),
    "open",
)
"""The stored status values, and ``open`` for every status but closed."""


def demo_count(text: str) -> int:
    from casedesk.services.demo.data import MAX_DEMO_CASES  # its name tables: `demo` only

    count = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0
    if not 1 <= count <= MAX_DEMO_CASES:
        raise argparse.ArgumentTypeError(
            f"geef een aantal van 1 tot {MAX_DEMO_CASES:,}".replace(",", ".")
            + f", bijvoorbeeld 1000 (u gaf “{text}”)"
        )
    return count


MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
"""What Linux, macOS and Windows allow for one name and a whole path; longer makes every
file call fail (ENAMETOOLONG), even asking whether the file exists."""


def file_path(text: str) -> Path:
    # The system refuses a NUL in a file name, and Python raises ValueError for it.
    if "\x00" in text or not text:
        raise argparse.ArgumentTypeError(
            "een bestandsnaam mag niet leeg zijn en geen nulteken bevatten"
        )
    path = Path(text)
    encoded = [os.fsencode(part) for part in path.parts]
    if sum(map(len, encoded)) > MAX_PATH_BYTES or any(len(p) > MAX_NAME_BYTES for p in encoded):
        raise argparse.ArgumentTypeError(
            f"deze bestandsnaam is te lang (een naam mag hooguit {MAX_NAME_BYTES} tekens "
            "hebben)"
        )
    return path


MAX_CASE_NUMBER = 2**63 - 1
"""The largest number SQLite's INTEGER holds; no dossier number is larger."""


def case_number(text: str) -> int:
    # isascii: "²" and "١٢" are digits to str.isdigit() but not to int().
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        raise argparse.ArgumentTypeError(
            f"een dossiernummer is een getal, zoals 1024 (u gaf “{text[:40]}”)"
        )
    if len(text) > len(str(MAX_CASE_NUMBER)) or int(text) > MAX_CASE_NUMBER:
        raise argparse.ArgumentTypeError(
            f"een dossiernummer is hooguit {MAX_CASE_NUMBER} (u gaf een getal van "
            f"{len(text)} cijfers)"
        )
    return int(text)


def _missing_subcommand(parser: argparse.ArgumentParser, choices: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"casedesk: kies een opdracht: {choices}.", file=sys.stderr)
    return 2


def resolve_municipality(text: str) -> "Municipality":
    from casedesk.catalog.regions import find_municipality, load_default_region_table

    found = find_municipality(load_default_region_table(), text)
    if found is None:
        raise KnownError(
            f"De gemeente “{text}” is onbekend. Geef de naam zoals het CBS die schrijft "
            "(bijvoorbeeld ’s-Hertogenbosch of Súdwest-Fryslân) of de code (GM0796)."
        )
    return found


# --- commands ------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    municipality = resolve_municipality(args.municipality) if args.municipality else None
    recovery_key = store_admin.init_store(
        location,
        command_keychain(),
        caseworker_name=args.caseworker,
        municipality_code=municipality.code if municipality else None,
    )
    print(f"Nieuwe opslag gemaakt: {location.store_file}")
    print()
    print("HERSTELSLEUTEL (wordt maar één keer getoond):")
    print()
    print(f"    {recovery_key}")
    print()
    print(
        "Schrijf deze sleutel op of print hem, en bewaar hem op een veilige plek, niet bij\n"
        "de laptop. Raakt de sleutel in de sleutelhanger van de computer kwijt, dan is dit\n"
        "de enige manier om weer bij de dossiers te komen (casedesk recover)."
    )
    return 0


EXIT_INSECURE_KEYCHAIN = 3
"""`check`: the store is sound, but its key sits in a keychain that keeps it in plain text."""


def cmd_check(_args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    keychain = command_keychain()
    report = store_admin.check_store(location, keychain)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.lines:
        print(line, file=stream)
    if not report.ok:
        print("NIET in orde.", file=stream)
        return 1
    if keychain.warning is not None:
        print(
            "NIET veilig: de opslag zelf is in orde, maar de sleutel staat leesbaar op deze "
            "computer. Wie bij de schijf kan, kan de dossiers lezen. Laat de beheerder een "
            "beveiligde sleutelhanger instellen en CASEDESK_ALLOW_INSECURE_KEYCHAIN weghalen.",
            file=sys.stderr,
        )
        return EXIT_INSECURE_KEYCHAIN
    print("In orde.")
    return 0


def cmd_backup(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    made = store_admin.backup_store(location, command_keychain(), args.to)
    print(f"Reservekopie gemaakt en gecontroleerd: {made}")
    return 0


def cmd_restore(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    kept = store_admin.restore_store(location, command_keychain(), args.file)
    print(f"Reservekopie teruggezet: {args.file}")
    if kept is not None:
        print(f"De opslag van daarvoor is bewaard als: {kept}")
    return 0


def cmd_accept(_args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    given_up = store_admin.accept_store(location, command_keychain())
    if given_up:
        print(
            f"De opslag is weer in gebruik zoals hij nu is; {given_up} "
            f"{'wijziging is' if given_up == 1 else 'wijzigingen zijn'} opgegeven. "
            "Dit staat in het logboek."
        )
    else:
        print("De opslag is weer in gebruik zoals hij nu is; er ontbrak niets.")
    return 0


def cmd_audit_verify(_args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    report = store_admin.verify_audit_log(location, command_keychain())
    stream = sys.stdout if report.intact else sys.stderr
    for line in store_admin.audit_report_lines(report):
        print(line, file=stream)
    return 0 if report.intact else 1


def cmd_audit_export(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.audit_export import export_audit_log

    with _opened(location) as store:
        written = export_audit_log(store, args.first, args.last, args.out)
    print(f"{written.events} gebeurtenissen uit het logboek geschreven naar {written.path}.")
    return 0


def cmd_report(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.report import write_report

    with _opened(location) as store:
        written = write_report(
            store, args.first, args.last, clock.today(), args.out
        )
    print(
        f"Rapport van {args.first:%d-%m-%Y} tot en met {args.last:%d-%m-%Y} opgeslagen in "
        f"{written.path} ({written.intakes} aanmeldingen)."
    )
    return 0


def cmd_recover(_args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services import store_admin

    keychain = command_keychain()
    recovery_key = input("Herstelsleutel: ") if sys.stdin.isatty() else sys.stdin.readline()
    if not recovery_key.strip():
        raise KnownError("Er is geen herstelsleutel ingevoerd. Er is niets veranderd.")
    store_admin.recover_key(location, keychain, recovery_key)
    print("De sleutel staat weer in de sleutelhanger. casedesk kan de opslag weer openen.")
    return 0


def cmd_demo(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.demo.fill import fill_counter_demo

    with _opened(location) as store:
        made = fill_counter_demo(store, args.cases, clock.now(), args.seed)
    where = (
        f"de {made.municipalities} gemeenten van de arbeidsmarktregio {made.region.name}"
        if made.region is not None
        else f"{made.municipalities} gemeenten"
    )
    print(f"{made.added} voorbeelddossiers toegevoegd aan {location.store_file}, in {where}.")
    if made.worked:
        print(
            f"Aan {made.worked} ervan is verder gewerkt: antwoorden, advies, actieplan, "
            "verwijzingen en soms afgesloten."
        )
    return 0


def cmd_catalog_validate(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.catalog.transfer import validate_catalog_file

    print(validate_catalog_file(args.file).summary())
    print("Het bestand is in orde.")
    return 0


def cmd_catalog_export(args: argparse.Namespace, location: StoreLocation) -> int:
    if args.author is None:
        if args.title is not None or args.region is not None:
            print(
                "casedesk: --title en --region horen bij een nieuwe versie. Geef ook "
                "--author NAAM: wie deze versie uitgeeft.",
                file=sys.stderr,
            )
            return 2
        return _export_copy(args.file, location)
    from casedesk import clock
    from casedesk.domain.dutch import long_date
    from casedesk.services.catalog import ensure_may_change_catalog
    from casedesk.services.catalog_editing import CatalogEditor
    from casedesk.services.outcomes import record_outcome

    with _store_or_none(location) as store:
        if store is None:
            raise KnownError(
                "Hier is nog geen opslag, dus ook geen catalogus om een nieuwe versie van uit "
                "te geven. Maak eerst een opslag (casedesk init) of verbind met de server van "
                "de regio (casedesk connect ADRES). Zonder --author schrijft casedesk een "
                "kopie van de standaardcatalogus."
            )
        editor = CatalogEditor(store)
        try:
            # Who may issue a version is asked first: a caseworker hears why, not the rest.
            ensure_may_change_catalog(store)
            details = _version_details(store, editor.catalog(), args)
        except KnownError as refused:
            record_outcome(store, "catalog.exported", "catalog", None, refused)
            raise
        issued = editor.export_version(args.file, details.author, clock.today(), details)
        region = _region_text(store, issued.region)
    print(
        f"Catalogus “{issued.title}” versie {issued.version} ({region}) uitgegeven door "
        f"{issued.author} op {long_date(issued.issued)} en geschreven naar {args.file}."
    )
    print("Deze versie is hier nu in gebruik.")
    return 0


def _export_copy(path: Path, location: StoreLocation) -> int:
    """``catalog export`` without ``--author``: the version in use as it is, not renumbered."""
    from casedesk.services.catalog import export_catalog_in_use

    with _store_or_none(location) as store:
        if store is None:
            from casedesk.catalog.defaults import load_default_catalog
            from casedesk.catalog.transfer import export_catalog

            catalog = load_default_catalog()
            export_catalog(catalog, path)
        else:
            catalog = export_catalog_in_use(store, path)
    print(f"Catalogus “{catalog.title}” versie {catalog.version} geschreven naar {path}.")
    print(
        "Dit is een kopie van de versie in gebruik; er is geen nieuwe versie uitgegeven. "
        "Geef --author NAAM om de volgende versie uit te geven."
    )
    return 0


NATIONAL = "landelijk"
"""``--region landelijk``: a catalog for no labour-market region in particular."""


def _version_details(
    store: "DataStore", current: "Catalog", args: argparse.Namespace
) -> "VersionDetails":
    """What ``catalog export`` says about the version it issues, checked as the app's
    export dialog checks it; title and region default to the version in use."""
    from casedesk.catalog.regions import region_code_for_name
    from casedesk.domain.catalog_edit import VersionDetails
    from casedesk.services.regions import region_table_in_use

    author = " ".join(args.author.split())
    if not author:
        raise KnownError("Geef bij --author de naam van wie deze versie uitgeeft.")
    most = VersionDetails.MAX_AUTHOR_LENGTH
    if len(author) > most:
        raise KnownError(
            f"De naam bij --author is te lang (hooguit {most} tekens). Geef een kortere naam."
        )
    title = current.title if args.title is None else " ".join(args.title.split())
    most = VersionDetails.MAX_TITLE_LENGTH
    if not title or len(title) > most:
        raise KnownError(
            f"Geef bij --title een titel van 1 tot {most} tekens, of laat --title weg om de "
            "huidige titel te houden."
        )
    region = current.region
    if args.region is not None:
        if args.region.strip().casefold() == NATIONAL:
            region = None
        else:
            try:
                region = region_code_for_name(args.region, region_table_in_use(store))
            except KnownError as error:
                raise KnownError(
                    f"{error} Of geef --region {NATIONAL} voor een catalogus zonder regio."
                ) from None
    return VersionDetails(author=author, title=title, region=region)


def _region_text(store: "DataStore", code: "RegionCode | None") -> str:
    from casedesk.services.regions import region_table_in_use

    if code is None:
        return NATIONAL
    found = region_table_in_use(store).region(code)
    return f"regio {found.name} ({code})" if found is not None else f"regio {code}"


def cmd_catalog_import(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.catalog import check_catalog_import, take_catalog_import

    keychain = command_keychain()
    with _opened(location, keychain) as store:
        preview = check_catalog_import(store, args.file)
    print(preview.summary)
    if preview.changes.is_empty:
        print("Er is niets veranderd.")
        return 0
    # Asked with the store closed: a question left waiting must not lock the app out.
    if not args.yes and not _confirmed("de catalogus in gebruik te nemen"):
        return 1
    with _opened(location, keychain) as store:
        take_catalog_import(store, preview)
    print("De nieuwe catalogus is in gebruik.")
    return 0


def _confirmed(what: str) -> bool:
    """Asks "Doorgaan? [j/N]" on a terminal; without one, says how to go on with --yes.
    Anything but j or ja is no."""
    if not sys.stdin.isatty():
        print(
            "casedesk: er is niets veranderd. Klopt deze lijst? Herhaal de opdracht dan met "
            f"--yes om {what}.",
            file=sys.stderr,
        )
        return False
    try:
        answer = input("Doorgaan? [j/N] ")
    except EOFError:
        answer = ""
    if answer.strip().casefold() in {"j", "ja"}:
        return True
    print("casedesk: er is niets veranderd.", file=sys.stderr)
    return False


def cmd_routekaart(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.routekaart import write_routekaart

    with _opened(location) as store:
        write_routekaart(store, args.out, clock.today())
    print(f"Routekaart geschreven naar {args.out}.")
    return 0


def cmd_regions_import(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.regions import apply_region_import, preview_region_import

    with _opened(location) as store:
        preview = preview_region_import(store, args.file)
        print("\n".join(preview.changes.lines()))
        if not args.yes:
            print(
                "casedesk: er is niets veranderd. Klopt deze lijst? Herhaal de opdracht dan "
                "met --yes om de tabel in gebruik te nemen.",
                file=sys.stderr,
            )
            return 1
        print(apply_region_import(store, preview).summary)
    return 0


def cmd_plan(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.db import settings_repo
    from casedesk.services.plan import save_plan_file

    with _opened(location) as store:
        with store.session() as session:
            actor_id = settings_repo.current_caseworker_id(session)
        info = save_plan_file(
            store, args.case_id, args.out, actor_id,
            warn=lambda line: print(f"Let op: {line}", file=sys.stderr),
        )  # fmt: skip
    print(
        f"Actieplan van dossier {args.case_id} opgeslagen in {args.out} "
        f"(versie {info.version_id})."
    )
    return 0


def cmd_inzage(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.inzage import make_inzage

    with _opened(location) as store:
        files = make_inzage(store, args.case_id, args.out)
    print(f"Inzage van dossier {args.case_id} opgeslagen in {files.folder}:")
    for path in (files.pdf, files.json, *files.documents):
        print(f"    {path.name}")
    return 0


def cmd_purge(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.retention import purge, purge_preview

    with _opened(location) as store:
        preview = purge_preview(store, clock.today())
        print("\n".join(preview.lines()))
        if not preview.case_ids:
            return 0
        if not args.yes:
            print(
                "casedesk: er is niets verwijderd. Klopt deze lijst? Herhaal de opdracht dan "
                "met --yes om deze dossiers voorgoed te verwijderen.",
                file=sys.stderr,
            )
            return 1
        erased = purge(store, preview)
    what = "1 dossier" if len(erased) == 1 else f"{len(erased)} dossiers"
    print(f"{what} voorgoed verwijderd: {', '.join(map(str, erased))}.")
    return 0


def cmd_retention(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.domain.retention import ResultType
    from casedesk.services.retention import retention_terms_in_use, set_retention_term

    with _opened(location) as store:
        if args.result_type is not None:
            known = {result.value: result for result in ResultType}
            if args.result_type not in known or args.years is None:
                raise KnownError(
                    f"Geef een soort uitkomst en een aantal jaren, zoals: casedesk retention "
                    f"21_verstrekt 5. De soorten zijn: {', '.join(known)}."
                )
            set_retention_term(store, known[args.result_type], args.years)
        terms = retention_terms_in_use(store)
    for result, years in terms.items():
        print(f"{result.value:<18} {years:>2} jaar  {result.label}")
    return 0


def cmd_erase(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.services.retention import erase_on_request

    with _opened(location) as store:
        erase_on_request(store, args.case_id, clock.today())
    print(f"Dossier {args.case_id} is voorgoed verwijderd. Het logboek noemt alleen het nummer.")
    return 0


def cmd_advise(args: argparse.Namespace, location: StoreLocation) -> int:
    import json  # only here: not on the desktop app's path to its window

    from casedesk.db import settings_repo
    from casedesk.services.advice import advise_answers_file
    from casedesk.services.catalog import catalog_in_use
    from casedesk.services.regions import region_table_in_use

    counter: str | None = (
        resolve_municipality(args.municipality).code if args.municipality else None
    )
    with _store_or_none(location) as store:
        if store is None:
            from casedesk.catalog.defaults import load_default_catalog

            catalog = load_default_catalog()
            table = None
        else:
            catalog = catalog_in_use(store)
            table = region_table_in_use(store)
            if counter is None:
                with store.session() as session:
                    counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
    today = clock.today()
    advice = advise_answers_file(args.file, catalog, counter, today, table)
    json.dump(advice.to_json_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def command_keychain() -> "Keychain":
    """The OS keychain; in the insecure mode an administrator allowed, one Dutch warning
    line on stderr (each command opens the keychain once)."""
    from casedesk.db.keys import open_keychain

    keychain = open_keychain()
    if keychain.warning is not None:
        print(f"casedesk: {keychain.warning}", file=sys.stderr)
    return keychain


def cmd_intake_import(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.db import settings_repo
    from casedesk.services.advice import read_answers_file
    from casedesk.services.intake import import_intake

    answers = read_answers_file(args.file)
    counter: str | None = (
        resolve_municipality(args.municipality).code if args.municipality else None
    )
    with _opened(location) as store:
        if counter is None:
            with store.session() as session:
                counter = settings_repo.get_setting(session, settings_repo.MUNICIPALITY_CODE)
        if not counter:
            raise KnownError(
                "Deze opslag heeft geen gemeente van het loket. Geef haar mee met "
                "--municipality GEMEENTE."
            )
        case_id = import_intake(store, answers, counter, clock.today())
    print(int(case_id))
    return 0


def cmd_cases(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.domain.case import CaseStatus
    from casedesk.services.cases import list_cases

    chosen = set(args.status or ())
    statuses = {CaseStatus(value) for value in chosen - {"open"}}
    if "open" in chosen:
        statuses |= set(CaseStatus) - {CaseStatus.CLOSED}
    with _opened(location) as store:
        found = list_cases(store, args.search, frozenset(statuses), max(1, args.limit))
    rows = [("Nummer", "Naam", "Gemeente", "Route", "Status")] + [
        (
            str(case.case_id), case.entrepreneur_name, case.municipality,
            case.route.short_label if case.route is not None else "-", case.status.label,
        )
        for case in found
    ]  # fmt: skip
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        print("  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)),
                         row[4]]))  # fmt: skip
    if not found:
        print("Geen dossiers gevonden.")
    return 0


@contextmanager
def _opened(location: StoreLocation, keychain: "Keychain | None" = None) -> Iterator["DataStore"]:
    """The store, opened with the key from the OS keychain (and closed after the command);
    the regional server instead when ``casedesk connect`` chose one. A command that opens
    the store twice passes the keychain it opened, so that it warns once."""
    from casedesk.db.server.choice import saved_connection
    from casedesk.db.store import open_store

    keychain = keychain or command_keychain()
    saved = saved_connection(location)
    if saved is not None:
        from casedesk.db.server.connection import open_connected_store

        with open_connected_store(keychain, saved) as server:
            yield server
        return
    with open_store(location, keychain) as store:
        yield store


@contextmanager
def _store_or_none(location: StoreLocation) -> Iterator["DataStore | None"]:
    """The store when one exists at the location, else None (commands that can do without)."""
    if not location.store_file.exists() and not location.connection_file.exists():
        yield None
        return
    with _opened(location) as store:
        yield store


def run_smoke(_args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.smoke import run_smoke_check

    return run_smoke_check()


# --- the desktop app -------------------------------------------------------------------


def run_app(_args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.ui.desktop import run_desktop

    return run_desktop(desktop_start(location), sys.argv[:1])


def _newest_cases_before_opening(location: StoreLocation, limit: int) -> "list[CaseSummary] | None":
    from casedesk.services.first_page import newest_cases_before_opening  # no SQLAlchemy

    return newest_cases_before_opening(location, limit)


def _saved_address(location: StoreLocation) -> str | None:
    """``db/server/choice.py``'s ``saved_address``; without a saved choice (most computers:
    the store is here) that module does not load before the window shows, a millisecond
    sooner."""
    try:
        if not location.connection_file.exists():
            return None
    except OSError:
        pass  # a folder it may not look in: reading the file says so, in Dutch
    from casedesk.db.server.choice import saved_address

    return saved_address(location)


def desktop_start(location: StoreLocation) -> "DesktopStart":
    """What the desktop app does at start-up, bound to the store at ``location``."""
    from casedesk.ui.desktop import DesktopStart

    def wiring() -> "ModuleType":
        # Loaded once the window shows: the database layer, reportlab and pikepdf.
        from casedesk.wiring import desktop as desktop_wiring

        return desktop_wiring

    address = _saved_address(location)
    description = None
    if address:
        from casedesk.db.server.choice import status_text

        description = status_text(address)
    return DesktopStart(
        store_path=location.store_file,
        # Connected to a region: no first-run set-up of a store on this computer.
        store_exists=(lambda: True) if address else location.store_file.exists,
        store_description=description,
        municipalities=lambda: wiring().current_municipalities(),
        create_store=lambda answers: wiring().create_store(location, answers),
        open_store=lambda: wiring().open_for_window(location),
        # A regional server's list comes with its connection; only a store here is looked at.
        newest_cases=(
            (lambda _limit: None)
            if address
            else (lambda limit: _newest_cases_before_opening(location, limit))
        ),
        restore_backup=lambda backup: wiring().restore(location, backup),
        server_connection=lambda: wiring().server_connection_ports(location),
        back_to_local=(lambda: wiring().back_to_local(location)) if address else None,
    )
